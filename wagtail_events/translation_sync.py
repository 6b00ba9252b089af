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

Only translations that wagtail-localize keeps in sync are updated (a translation
an editor took over by hand is left alone), the strings already translated stay
translated, and new text shows in the source's language until it is translated,
as in wagtail-localize's own sync. A live translation is published again; one
that is a draft gets a new draft revision. A related object the source now points
to and that has no translation yet (another venue, a new speaker) is translated
first, so that the translation points to its own translation rather than keeping
the old one.

``WAGTAIL_EVENTS_SYNC_TRANSLATIONS = False`` turns this off; without
``wagtail_localize`` in ``INSTALLED_APPS`` nothing is connected.

The admin saves in a transaction, and so do the frab import and the demo loader.
Code that saves a venue or a form outside one should wrap the save in
``transaction.atomic()``: the sync would otherwise run at once, before the rows
(rooms, questions) that are written after the snippet itself.
"""

import contextlib
import contextvars
import json
import logging

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import DraftStateMixin, Page

from .conf import events_settings


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
    transaction.on_commit(lambda: _sync_saved(model, pk, user))


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
    """Update every synced wagtail-localize translation of ``instance`` from it.

    Returns the translations updated. An object wagtail-localize never translated
    (no translation source) costs one query.
    """
    from wagtail_localize.models import TranslationSource

    if isinstance(instance, Page):
        instance = instance.specific
    source = TranslationSource.objects.filter(
        object_id=instance.translation_key, locale_id=instance.locale_id
    ).first()
    if source is None:
        return []
    translations = list(
        source.translations.filter(enabled=True).select_related("target_locale")
    )
    if not translations or not _changed_since(source, instance):
        return []
    updated = []
    with _guard(instance.translation_key):
        # The source's content as it is now, with its strings, related objects
        # and synchronised values; strings already translated keep their
        # translations (they are matched by their text and place).
        source.update_from_db()
        for translation in translations:
            if _update(source, translation, user):
                updated.append(translation)
    return updated


def _changed_since(source, instance):
    """Whether the source changed since wagtail-localize last read it, compared as
    wagtail-localize compares it. A publish always changes a page (its publication
    time); a translation made after the last change is up to date already."""
    if isinstance(instance, ClusterableModel):
        content = instance.to_json()
    else:
        content = json.dumps(
            get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder
        )
    return json.loads(content) != json.loads(source.content_json)


def _update(source, translation, user):
    from wagtail_localize.models import SourceDeletedError

    try:
        target = translation.get_target_instance()
    except ObjectDoesNotExist:
        return False  # the translation was deleted; wagtail-localize recreates it
    # A live page (or a snippet without drafts) is published; a draft stays one.
    publish = target.live if isinstance(target, DraftStateMixin | Page) else True
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
    return True


def _translate_missing_related(source, locale, user):
    """Translate what the source now points to and the translation cannot yet
    (another venue, a room, a new speaker): wagtail-localize would otherwise keep
    the translation's old choice."""
    from wagtail_localize.operations import TranslationCreator

    creator = None
    for segment in source.relatedobjectsegment_set.select_related("object"):
        if segment.object.has_translation(locale):
            continue
        related = segment.object.get_instance_or_none(source.locale)
        if related is None:
            continue
        creator = creator or TranslationCreator(user, [locale])
        creator.create_translations(related, include_related_objects=False)
