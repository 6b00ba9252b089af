from django.db import migrations
from wagtail.models import (
    BootstrapLocaleField,
    BootstrapTranslatableModel,
    BootstrapTranslationKeyField,
)


class Migration(migrations.Migration):
    dependencies = [
        ("swapped_page", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        BootstrapLocaleField("swapped_page.BasePage"),
        BootstrapTranslationKeyField("swapped_page.BasePage"),
        BootstrapTranslatableModel("swapped_page.BasePage"),
    ]
