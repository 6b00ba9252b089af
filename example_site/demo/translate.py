"""Translations of demo content, made with wagtail-localize as an editor makes them.

An editor translates a page by choosing "Translate" (wagtail-localize's
``TranslationCreator``: the page, with the snippets it points to, gets a
``TranslationSource`` whose texts are ``String`` rows), translating each string,
and publishing. The demo does the same, in another order: it makes the sources,
gives every string its translation from the content modules (a dict from the
source text to its translation), and only then lets ``TranslationCreator`` make
the translated pages and snippets, so that they never hold a word of the source
language and each page gets one revision.

Strings are keyed as wagtail-localize stores them: rich text is cut into one
string per paragraph or list item, with its inline tags (``<b>``, and links as
``<a id="a1">``), and plain text is HTML-escaped (``&amp;``, ``<br/>`` for a new
line). A string without a translation stops the loader with the list of the
missing ones: a translated page is complete or is not made.

``TranslationCreator`` would publish each translated page when the transaction
commits, from the page as it had it in memory; the demo makes a whole tree of
translations in one transaction, and by then a parent's copy no longer knows it
has children (treebeard's ``numchild``), so its children could not be reached.
The creator therefore saves drafts here (``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_
TRANSLATE`` off, which an editor's site may also choose: a new translation is not
published before it is translated), and the pages are published afterwards, from
the database, parents first.
"""

from django.db import transaction
from django.test.utils import override_settings
from wagtail.models import Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    TranslationLog,
    TranslationSource,
)
from wagtail_localize.operations import TranslationCreator


class MissingTranslations(Exception):
    """Strings of the demo content that have no translation in its content module."""

    def __init__(self, what, locale, missing):
        self.missing = missing
        lines = "\n".join(f"  {string!r}" for string in missing)
        super().__init__(
            f"{len(missing)} string(s) of {what} have no translation into "
            f"{locale.get_display_name()} ({locale.language_code}); add them to "
            f"the content module:\n{lines}"
        )


def translate(objects, locale, strings, report, *, what):
    """Translate ``objects`` (pages or snippets) into ``locale``, with the snippets
    that each points to, every string from ``strings``. Objects already translated
    are left as they are, so loading twice translates nothing twice.

    ``what`` names the content in errors (the content module, "the site").
    """
    pending = [obj for obj in objects if obj.get_translation_or_none(locale) is None]
    if not pending:
        return
    sources = sources_for(pending)
    fill_strings(sources, locale, strings, what)

    creator = TranslationCreator(user=None, target_locales=[locale])
    with override_settings(WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE=False):
        for obj in pending:
            creator.create_translations(obj)
    for source, translations in creator.mappings.items():
        for translation in translations:
            _check_saved(source, translation)
            report.add(
                f"{locale.language_code} translation",
                f"{source.object_repr} ({source.specific_content_type.name})",
            )
    publish_translated_pages(creator.mappings, locale)


def publish_translated_pages(mappings, locale):
    """Publish the translations of live pages, parents before their children."""
    keys = [
        source.object_id
        for source in mappings
        if issubclass(source.specific_content_type.model_class(), Page)
        and source.get_source_instance().live
    ]
    pages = Page.objects.filter(translation_key__in=keys, locale=locale)
    for page in pages.order_by("path"):
        page.get_latest_revision().publish()


def sources_for(objects):
    """The sources ``TranslationCreator`` translates for ``objects``: each object's,
    and those of the snippets it points to (one level, as it does)."""
    sources = {}

    def add(instance):
        source, _created = TranslationSource.get_or_create_from_instance(instance)
        sources.setdefault(source.pk, source)
        return source

    for obj in objects:
        source = add(obj)
        for segment in source.relatedobjectsegment_set.select_related("object"):
            add(segment.object.get_instance(obj.locale))
    return list(sources.values())


def fill_strings(sources, locale, strings, what):
    """Give each string of ``sources`` its translation in ``locale``, or raise
    ``MissingTranslations`` naming every string that has none."""
    segments = list(
        StringSegment.objects.filter(source__in=sources).select_related(
            "string", "context"
        )
    )
    missing = sorted({s.string.data for s in segments} - set(strings))
    if missing:
        raise MissingTranslations(what, locale, missing)
    for segment in segments:
        translation, _created = StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": strings[segment.string.data],
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
        # wagtail-localize keeps a translation whose tags or links do not match
        # its source, marked as an error, and then publishes the source text.
        if translation.has_error:
            raise ValueError(
                f"The translation of {segment.string.data!r} into "
                f"{locale.language_code} is not valid HTML or has other links: "
                f"{translation.data!r}"
            )


def _check_saved(source, translation):
    """``TranslationCreator`` keeps quiet when a translated object fails
    validation; saving it again here lets the error through."""
    if TranslationLog.objects.filter(
        source=source, locale=translation.target_locale
    ).exists():
        return
    # A page stays a draft, to be published with the others; a snippet is saved.
    is_page = issubclass(source.specific_content_type.model_class(), Page)
    with transaction.atomic():
        translation.save_target(user=None, publish=not is_page)
