"""Snippets and inline rows become translatable (wagtail-localize).

Existing rows take a translation key of their own, as Wagtail's
BootstrapTranslatableMixin recipe does, in one migration; snippets take the
default locale, a page's inline rows the locale of their page. Rooms and people
without an imported guid keep the frab guid the export gave them before.
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from wagtail.models import Page as WagtailPage


# Snippets: existing rows take the default locale.
SNIPPETS = [
    "organisation",
    "person",
    "venue",
    "room",
    "registrationform",
    "registrationformfield",
]
# Inline rows of a page: existing rows take their page's locale.
PAGE_ROWS = ["conferenceorganisation", "programmeitem", "occurrencechange"]
MODELS = SNIPPETS + PAGE_ROWS

# wagtail_events.frab_export.NAMESPACE, copied: a migration must not import the
# app's code, which changes after it. Before 0008 the frab export gave a room or
# a person without an imported guid uuid5(NAMESPACE, "room:<pk>") or
# "person:<pk>"; 0008 writes that guid down so that conference apps keep
# knowing them (the export falls back on the translation key afterwards).
NAMESPACE = uuid.UUID("fa123984-ff50-528e-aaeb-d493bc80dc2f")


def bootstrap(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    # Wagtail's Page, or the base page model a site swapped in (0001_initial).
    Page = apps.get_model(WagtailPage._meta.swapped or "wagtailcore.Page")
    locale = None
    for name in MODELS:
        model = apps.get_model("wagtail_events", name)
        rows = list(model.objects.only("pk"))
        if not rows:
            continue
        for row in rows:
            row.translation_key = uuid.uuid4()
        model.objects.bulk_update(rows, ["translation_key"], batch_size=500)
        if name in PAGE_ROWS:
            model.objects.update(
                locale_id=Subquery(
                    Page.objects.filter(pk=OuterRef("page_id")).values("locale_id")[:1]
                )
            )
        else:
            if locale is None:
                locale = _default_locale(Locale)
            model.objects.update(locale=locale)
    for name in ["room", "person"]:
        model = apps.get_model("wagtail_events", name)
        rows = list(model.objects.filter(guid__isnull=True).only("pk"))
        for row in rows:
            row.guid = uuid.uuid5(NAMESPACE, f"{name}:{row.pk}")
        model.objects.bulk_update(rows, ["guid"], batch_size=500)


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
