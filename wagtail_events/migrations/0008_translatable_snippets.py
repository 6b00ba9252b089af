"""Snippets and inline rows become translatable (wagtail-localize).

Existing rows take the default locale and a translation key of their own, as
Wagtail's BootstrapTranslatableMixin recipe does, in one migration.
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models


MODELS = [
    "organisation",
    "person",
    "venue",
    "room",
    "registrationform",
    "registrationformfield",
    "conferenceorganisation",
    "programmeitem",
    "occurrencechange",
]


def bootstrap(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    locale = None
    for name in MODELS:
        model = apps.get_model("wagtail_events", name)
        if not model.objects.exists():
            continue
        if locale is None:
            locale = _default_locale(Locale)
        for pk in model.objects.values_list("pk", flat=True):
            model.objects.filter(pk=pk).update(
                translation_key=uuid.uuid4(), locale=locale
            )


def _default_locale(Locale):
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant

    code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    locale = Locale.objects.filter(language_code=code).first()
    return (
        locale
        or Locale.objects.order_by("pk").first()
        or Locale.objects.create(language_code=code)
    )


def _add(name):
    return [
        migrations.AddField(
            model_name=name,
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name=name,
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
    ]


def _finish(name):
    return [
        migrations.AlterField(
            model_name=name,
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name=name,
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(
            name=name, unique_together={("translation_key", "locale")}
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtail_events", "0007_registration_sessions"),
    ]

    operations = [
        *[operation for name in MODELS for operation in _add(name)],
        migrations.RunPython(bootstrap, migrations.RunPython.noop, elidable=True),
        *[operation for name in MODELS for operation in _finish(name)],
        # A translation keeps the exchange identifier of what it translates.
        migrations.AlterField(
            model_name="person",
            name="guid",
            field=models.UUIDField(
                blank=True,
                editable=False,
                help_text="Identifies the person in imported frab/pretalx schedules.",
                null=True,
                verbose_name="exchange identifier",
            ),
        ),
        migrations.AlterField(
            model_name="room",
            name="guid",
            field=models.UUIDField(
                blank=True,
                editable=False,
                null=True,
                verbose_name="exchange identifier",
            ),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.UniqueConstraint(
                fields=("guid", "locale"), name="we_person_unique_guid"
            ),
        ),
        migrations.AddConstraint(
            model_name="room",
            constraint=models.UniqueConstraint(
                fields=("guid", "locale"), name="we_room_unique_guid"
            ),
        ),
    ]
