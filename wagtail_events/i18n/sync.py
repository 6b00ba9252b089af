"""Translations follow their source: one event, moved once, moves in every language.

wagtail-localize copies a translation's synchronised fields (times, time zone,
status, recurrence, capacity, the room and the venue) only when an editor syncs
it ("Sync translated pages"). An organiser who moves a session in English expects
the Dutch page to move with it, and a capacity raised on the English form to
count for the Dutch one. So, after the transaction commits, this module does that
sync for what was just changed:

- an event page that was published (``page_published``);
- a registration form, venue (with its rooms), person or organisation that was
  saved (``post_save``).

Only translations whose synchronised values differ from the source's are updated
(a typo fixed in the English title republishes nothing; translators sync text in
wagtail-localize's editor), and only those wagtail-localize keeps in sync (a
translation an editor took over by hand is left alone). The strings already
translated stay translated, and new text shows in the source's language until it
is translated, as in wagtail-localize's own sync. A live translation is published again; one
that is a draft gets a new draft revision. A related object the source now points
to and that has no translation yet (another venue, a new speaker) is translated
first, so that the translation points to its own translation rather than keeping
the old one.

An update that fails is logged and skipped: it never undoes or interrupts the
editor's publish or save (the admin publishes outside a transaction, so the
update runs inside the ``page_published`` signal, before Wagtail logs the
publish).

``WAGTAIL_EVENTS_SYNC_TRANSLATIONS = False`` turns this off; without
``wagtail_localize`` in ``INSTALLED_APPS`` nothing is connected.

The admin saves in a transaction, and so do the frab import and the demo loader.
Code that saves a venue or a form outside one should wrap the save in
``transaction.atomic()``: the sync would otherwise run at once, before the rows
(rooms, questions) that are written after the snippet itself.
"""

import contextlib
import contextvars
import logging

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models, transaction
from modelcluster.fields import ParentalKey
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, get_translatable_fields

from ..conf import events_settings
from ..page_model import base_page_model


logger = logging.getLogger(__name__)

# Translation keys being synced in this context. Writing a translation publishes
# or saves it, which sends the very signals that start a sync: those are ignored
# here, so that a sync never starts another one for the same object.
_syncing = contextvars.ContextVar("wagtail_events_syncing", default=frozenset())


def is_enabled():
    return events_settings.SYNC_TRANSLATIONS and apps.is_installed("wagtail_localize")


def sync_after_commit(instance, user=None):
    """Update the translations of ``instance`` once the current transaction has
    committed (at once, outside a transaction)."""
    if not is_enabled() or instance.translation_key in _syncing.get():
        return
    model, pk = type(instance), instance.pk
    transaction.on_commit(lambda: _sync_saved(model, pk, user), robust=True)


def _sync_saved(model, pk, user):
    instance = model._default_manager.filter(pk=pk).first()
    if instance is not None:
        sync_translations(instance, user=user)


@contextlib.contextmanager
def _guard(translation_key):
    token = _syncing.set(_syncing.get() | {translation_key})
    try:
        yield
    finally:
        _syncing.reset(token)


def sync_translations(instance, user=None):
    """Update every synced wagtail-localize translation of ``instance`` whose
    synchronised values (times, room, capacity, rows...) differ from it.

    Returns the translations updated. An object wagtail-localize never translated
    (no translation source) costs one query. A change to translated text only
    (a typo in the title) updates nothing: translators sync that in
    wagtail-localize's editor, and a publish must not republish every language.
    """
    # wagtail_localize's models exist only when the site installs the app.
    from wagtail_localize.models import TranslationSource  # noqa: PLC0415 -- optional dependency

    if isinstance(instance, base_page_model()):
        instance = instance.specific
    source = TranslationSource.objects.filter(
        object_id=instance.translation_key, locale_id=instance.locale_id
    ).first()
    if source is None:
        return []
    translations = list(
        source.translations.filter(enabled=True).select_related("target_locale")
    )
    if not translations:
        return []
    wanted = synchronised_values(instance)
    behind = []
    for translation in translations:
        try:
            target = translation.get_target_instance()
        except ObjectDoesNotExist:
            continue  # the translation was deleted; wagtail-localize recreates it
        if synchronised_values(_latest(target)) != wanted:
            behind.append((translation, target))
    if not behind:
        return []
    updated = []
    with _guard(instance.translation_key):
        # The source's content as it is now, with its strings, related objects
        # and synchronised values; strings already translated keep their
        # translations (they are matched by their text and place).
        source.update_from_db()
        for translation, target in behind:
            if _update(source, translation, target, user):
                updated.append(translation)
    return updated


def _latest(target):
    """What an editor of the translation sees: its latest revision (a draft
    waiting to be published included), or the object itself."""
    latest = getattr(target, "get_latest_revision_as_object", None)
    return latest() if latest else target


def synchronised_values(obj):
    """What wagtail-localize copies from a source to its translations, in a form
    that compares across languages: plain values, the translation key of a
    translatable object pointed to (the Dutch venue is "the same" as the English
    one), the id of anything else, and the same for the rows of each child
    relation (translatable rows by their key, other rows in their order)."""
    refs = {}
    values = _values(obj, refs, rows=True)
    keys = {}
    for model, pks in refs.items():
        keys.update(
            ((model, pk), key)
            for pk, key in model._default_manager.filter(pk__in=pks).values_list(
                "pk", "translation_key"
            )
        )
    return _resolve(values, keys)


class _Ref(tuple):
    """A translatable object pointed to, resolved to its translation key."""


def _ref(field, pk, refs):
    model = field.related_model
    if pk is None or not issubclass(model, TranslatableMixin):
        return pk
    model = model._meta.concrete_model
    refs.setdefault(model, set()).add(pk)
    return _Ref((model, pk))


def _resolve(value, keys):
    if isinstance(value, _Ref):
        return keys.get(value)
    if isinstance(value, dict):
        return {k: _resolve(v, keys) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_resolve(v, keys) for v in value]
    return value


def _values(obj, refs, rows):
    model = type(obj)
    values = {}
    for entry in get_translatable_fields(model):
        field = entry.get_field(model)
        name = entry.field_name
        if isinstance(field, models.ManyToOneRel):
            if rows and isinstance(field.remote_field, ParentalKey):
                values[name] = _rows(obj, field, refs)
        elif isinstance(field, StreamField):
            continue
        elif isinstance(field, models.ForeignKey):
            values[name] = _ref(field, getattr(obj, field.attname), refs)
        elif not isinstance(entry, SynchronizedField) or not entry.is_synchronized(obj):
            continue
        elif isinstance(field, models.ManyToManyField):
            pks = sorted(related.pk for related in getattr(obj, name).all())
            values[name] = sorted((_ref(field, pk, refs) for pk in pks), key=repr)
        else:
            values[name] = field.value_from_object(obj)
    return values


def _rows(obj, relation, refs):
    rows = getattr(obj, relation.get_accessor_name()).all()
    if issubclass(relation.related_model, TranslatableMixin):
        return {
            str(row.translation_key): _values(row, refs, rows=False) for row in rows
        }
    return [_plain_row(row, relation, refs) for row in rows]


def _plain_row(row, relation, refs):
    values = []
    for field in row._meta.concrete_fields:
        if field.primary_key or field == relation.remote_field:
            continue
        if isinstance(field, models.ForeignKey):
            values.append(_ref(field, getattr(row, field.attname), refs))
        else:
            values.append(field.value_from_object(row))
    return values


def _update(source, translation, target, user):
    from wagtail_localize.models import SourceDeletedError  # noqa: PLC0415 -- optional dependency

    # A live page (or a snippet without drafts) is published; a draft stays one.
    publish = (
        target.live if isinstance(target, DraftStateMixin | base_page_model()) else True
    )
    try:
        # The transaction ends before the guard does: a page's publication, which
        # wagtail-localize defers to the commit, happens while it is still held.
        with transaction.atomic():
            _translate_missing_related(source, translation.target_locale, user)
            translation.save_target(user=user, publish=publish)
    except (ValidationError, SourceDeletedError) as error:
        # wagtail-localize shows such a translation as failing in its editor; the
        # source is saved all the same.
        logger.warning(
            "Could not update the %s translation of %s: %s",
            translation.target_locale.language_code,
            source.object_repr,
            error,
        )
        return False
    except Exception:
        # Whatever goes wrong in one language must neither stop the others nor
        # undo the editor's publish or save.
        logger.exception(
            "Updating the %s translation of %s failed",
            translation.target_locale.language_code,
            source.object_repr,
        )
        return False
    return True


def _translate_missing_related(source, locale, user):
    """Translate what the source now points to and the translation cannot yet
    (another venue, a room, a new speaker): wagtail-localize would otherwise keep
    the translation's old choice."""
    from wagtail_localize.operations import TranslationCreator  # noqa: PLC0415 -- optional dependency

    creator = None
    for segment in source.relatedobjectsegment_set.select_related("object"):
        if segment.object.has_translation(locale):
            continue
        related = segment.object.get_instance_or_none(source.locale)
        if related is None:
            continue
        creator = creator or TranslationCreator(user, [locale])
        creator.create_translations(related, include_related_objects=False)
