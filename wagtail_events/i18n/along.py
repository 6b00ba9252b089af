"""Translating a conference translates its sessions with it, and translations
start as drafts.

wagtail-localize translates a page with what it points to (its venue and the
venue's rooms, the people of its speaker blocks, its organisations and its
registration form), but a conference's sessions only when the editor ticks
“Include subtree”, and, by default, publishes each new translation of a live page
at once, showing the source's texts until they are translated: the Dutch
conference goes live in English. An editor translating a conference means the
whole programme, in a language readers can read. So, by default:

- a new translation of a conference brings its sessions along (each with what it
  points to), also when “Include subtree” was left unticked
  (``WAGTAIL_EVENTS_TRANSLATE_SESSIONS_WITH_CONFERENCE``);
- new translations of pages are drafts until an editor publishes them
  (``WAGTAIL_EVENTS_PUBLISH_NEW_TRANSLATIONS``, which gives wagtail-localize's
  ``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE`` its default; a site that sets
  that setting itself keeps its own choice).

Nothing is connected without ``wagtail_localize`` in ``INSTALLED_APPS``.
"""

import logging

from django.apps import apps
from django.conf import settings
from django.db import transaction

from ..conf import events_settings
from ..enums import is_conference
from ..page_model import base_page_model


logger = logging.getLogger(__name__)

LOCALIZE_LIVE_SETTING = "WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE"


def set_translation_defaults():
    """Give wagtail-localize's live-status setting the package's default (drafts)
    unless the site chose it, as django-appconf gives an app's settings theirs.
    Called once, when the apps are ready."""
    if apps.is_installed("wagtail_localize") and not hasattr(
        settings, LOCALIZE_LIVE_SETTING
    ):
        setattr(
            settings, LOCALIZE_LIVE_SETTING, events_settings.PUBLISH_NEW_TRANSLATIONS
        )


def conference_translated(sender, instance, created=False, raw=False, **kwargs):
    """``post_save`` of a conference: a new translation made by wagtail-localize
    translates the conference's sessions into its language once the transaction
    commits (the translation exists by then, as their new parent)."""
    if (
        raw
        or not created
        or not events_settings.TRANSLATE_SESSIONS_WITH_CONFERENCE
        or not is_conference(instance)
    ):
        return
    from wagtail_localize.models import Translation  # noqa: PLC0415 -- optional dependency

    made_by_localize = Translation.objects.filter(
        source__object_id=instance.translation_key,
        target_locale_id=instance.locale_id,
    ).exists()
    if made_by_localize:
        pk = instance.pk
        transaction.on_commit(lambda: translate_sessions(pk), robust=True)


def translate_sessions(translation_pk, user=None):
    """Translate the sessions of the conference whose translation is
    ``translation_pk`` into that translation's language: each session (and what
    it points to) that has no translation there yet."""
    from wagtail_localize.operations import TranslationCreator  # noqa: PLC0415 -- optional dependency

    Page = base_page_model()
    translation = Page.objects.filter(pk=translation_pk).first()
    if translation is None:
        return
    source = (
        Page.objects.filter(translation_key=translation.translation_key)
        .exclude(locale_id=translation.locale_id)
        .order_by("pk")
        .first()
    )
    if source is None:
        return
    creator = TranslationCreator(user, [translation.locale])
    for session in source.get_children().specific():
        if session.get_translation_or_none(translation.locale) is not None:
            continue
        try:
            with transaction.atomic():
                creator.create_translations(session)
        except Exception:
            # Never undo the conference's translation: the session can still be
            # translated on its own.
            logger.exception("Could not translate session %s", session.pk)
