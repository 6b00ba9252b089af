"""Signal handlers, wired explicitly from ``apps.WagtailEventsConfig.ready``.

An event's dates are written to the occurrences table when it goes live: when a
revision is published and when a page is created live. Saving a draft changes
nothing visitors see, so it leaves the table alone; unpublishing empties it.

With wagtail-localize, publishing an event page (or saving a registration form,
venue, person or organisation) also updates its translations, after the commit:
see ``i18n.sync``.

Once a conference is published, every publish of it or of one of its sessions,
and every session unpublished or deleted, records what changed in its programme
(``programme.changes``): the history the conference page shows, the release the
frab ``version`` counts and the calendar SEQUENCE of programme items.

A series' dates follow its meetings (``programme.series``): they are derived
again whenever a meeting or the series is published, unpublished, moved or
deleted.
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from . import frontend_cache, tasks
from .enums import is_conference, is_meeting, is_series, is_session
from .exchange.signals import schedule_imported
from .i18n import along as translations_along
from .i18n import sync as translation_sync
from .models import (
    ConferencePage,
    EventIndexPage,
    EventPage,
    Organisation,
    Person,
    Registration,
    RegistrationForm,
    SeriesPage,
    Venue,
)
from .occurrences import stored
from .page_model import base_page_model
from .programme import changes as programme_changes
from .programme import series as series_dates
from .registration import (
    alerts,
    change_notices,
    deliveries,
    group_messages,
    outbox,
    privacy,
)
from .registration.signals import registration_email_due


# Wagtail's Page, or the base page model the site swapped in for it: the class
# whose row of a page is deleted last, and whose manager sees every page.
Page = base_page_model()


def materialise_on_save(sender, instance, update_fields=None, raw=False, **kwargs):
    # Saving a draft (save_revision) saves only a few fields (update_fields); a
    # publish, or a page created live, saves everything. The page's child rows
    # (changes to single dates, runs) are read from the instance, where modelcluster
    # holds them before it writes them just after this signal.
    if raw or not isinstance(instance, EventPage) or update_fields is not None:
        return
    if is_series(instance):
        store_series_dates(instance)
        return
    if instance.live:
        stored.store_published(instance)
    else:
        stored.forget(instance)
    if is_meeting(instance):
        refresh_series_of(instance)


def store_series_dates(series):
    """Derive a series' dates from its live meetings and store them; a series
    without live meetings (or not live) has no stored date."""
    span = series_dates.refresh_span(series)
    if series.live and span is not None:
        stored.store_published(series)
    else:
        stored.forget(series)


def _series_at(path):
    """The series whose tree path is ``path``, or None. By path rather than
    ``get_parent()``: after a delete the parent may be gone too."""
    return SeriesPage.objects.filter(path=path).first()


def refresh_series_of(meeting, parent_path=None):
    parent_path = parent_path or meeting.path[: -Page.steplen]
    series = _series_at(parent_path)
    if series is not None:
        store_series_dates(series)


def refresh_series_after_commit(meeting):
    """``refresh_series_of`` once the transaction commits. A meeting is
    unpublished before it is deleted, and so is every meeting of a series being
    deleted, while the rows to delete are already collected: dates written then
    for the series would be left without their page (an IntegrityError at the
    commit). After the commit the series is found again, or is gone."""
    parent_path = meeting.path[: -Page.steplen]
    transaction.on_commit(lambda: refresh_series_of(meeting, parent_path))


def forget_occurrences(sender, instance, **kwargs):
    if isinstance(instance, EventPage):
        stored.forget(instance)
    if is_meeting(instance):
        refresh_series_after_commit(instance)


def refresh_series_after_delete(sender, instance, **kwargs):
    # Sent for each table of the meeting (its own, EventPage's, Page's), and
    # kind_of reads the page's class: act once, on Page's row, the last deleted.
    if sender is Page and is_meeting(instance):
        refresh_series_after_commit(instance)


def refresh_series_after_move(
    sender, instance, parent_page_before=None, parent_page_after=None, **kwargs
):
    for parent in (parent_page_before, parent_page_after):
        if parent is not None and is_series(parent):
            store_series_dates(parent.specific)


def _conference_of(page):
    """The conference of a session page (by its path: the page may be gone)."""
    parent_path = page.path[: -Page.steplen]
    return ConferencePage.objects.filter(path=parent_path).first()


def record_programme_changes(sender, instance, **kwargs):
    if kwargs.get("signal") is post_delete and sender is not Page:
        # A page's delete is sent for each of its classes, its own table's row
        # first; once the last one (Page's) is gone, the programme is without it.
        return
    # After a publish the page and its rows (runs, programme items) are saved;
    # after an unpublish or a delete, the session is no longer in the programme.
    if is_conference(instance):
        conference = instance
    elif is_session(instance):
        conference = _conference_of(instance)
    else:
        return
    if conference is not None:
        programme_changes.record(conference)


def keep_children_count(sender, instance, **kwargs):
    """A conference or an index published keeps the number of its children.

    wagtail-localize publishes a new translation when the transaction commits,
    from the page as it was when it was created: translating a conference "with
    its subtree" in one go (the admin's default) adds the Dutch sessions first,
    then publishes the Dutch conference with none, and the admin no longer shows
    its sessions (wagtail-localize issue 773). The count is put right here.
    """
    if not isinstance(instance, ConferencePage | EventIndexPage | SeriesPage):
        return
    children = Page.objects.filter(
        path__startswith=instance.path, depth=instance.depth + 1
    ).count()
    if children != instance.numchild:
        Page.objects.filter(pk=instance.pk).update(numchild=children)
        instance.numchild = children


def sync_published_page(sender, instance, revision=None, **kwargs):
    if isinstance(instance, EventPage):
        translation_sync.sync_after_commit(
            instance, user=getattr(revision, "user", None)
        )


def sync_saved_snippet(sender, instance, raw=False, **kwargs):
    if not raw:
        translation_sync.sync_after_commit(instance)


# Snippets whose translations share synchronised values with their source: the
# capacity and dates of a form, the address and rooms of a venue, a person's name.
SYNCED_SNIPPETS = (RegistrationForm, Venue, Person, Organisation)


def enqueue_registration_email(sender, kind, registration_id, token=None, **kwargs):
    """Write a registration e-mail to the outbox, after the commit that changed
    the registration (``registration.notify``); the outbox hands it to the
    task queue (``tasks.deliver_message``). The organisers the registration's
    form names hear of it too (``registration.alerts``). A new registration
    comes as saved (``registration``, with its page at hand): not read again."""
    registration = kwargs.get("registration")
    if registration is None:
        registration = Registration.objects.filter(pk=registration_id).first()
    if registration is not None:
        outbox.queue(kind, registration, params=kwargs.get("params"))
        alerts.registration_changed(kind, registration)


def record_change_notice(sender, instance, **kwargs):
    """A published change to what registrants know waits for an editor to send
    or dismiss its notice (``registration.change_notices``)."""
    if isinstance(instance, EventPage):
        change_notices.record_publish(instance.specific)


def enqueue_delivery(delivery_id):
    tasks.deliver_message.enqueue(delivery_id)


def enqueue_group_message(message_id):
    tasks.queue_group_message.enqueue(message_id)


def forget_deleted_registration(sender, instance, **kwargs):
    """The e-mails of a registration deleted outright keep nothing of the person
    (``privacy.forget_deliveries``); they stay in the log without it."""
    privacy.forget_deliveries([instance.pk])


def enqueue_front_end_purge(page_ids, event_keys, urls):
    tasks.purge_front_end_cache.enqueue(page_ids, event_keys, urls)


def register_front_end_purges():
    """Purges of a front-end cache (``frontend_cache``). Connected on every site:
    each receiver first asks ``frontend_cache.enabled()``, a settings lookup, so
    that a test or a site may turn the cache on with its settings alone."""
    frontend_cache.set_enqueue(enqueue_front_end_purge)
    for name, signal in (
        ("published", page_published),
        ("unpublished", page_unpublished),
    ):
        signal.connect(
            frontend_cache.page_changed, dispatch_uid=f"wagtail_events_front_end_{name}"
        )
    pre_delete.connect(
        frontend_cache.page_deleted, dispatch_uid="wagtail_events_front_end_delete"
    )
    for name, signal in (("renamed", page_slug_changed), ("moved", post_page_move)):
        signal.connect(
            frontend_cache.address_changed,
            dispatch_uid=f"wagtail_events_front_end_{name}",
        )
    for name, signal in (("saved", post_save), ("deleted", post_delete)):
        signal.connect(
            frontend_cache.places_changed,
            sender=Registration,
            dispatch_uid=f"wagtail_events_front_end_places_{name}",
        )
    schedule_imported.connect(
        frontend_cache.schedule_imported, dispatch_uid="wagtail_events_front_end_import"
    )
    post_save.connect(
        frontend_cache.form_saved,
        sender=RegistrationForm,
        dispatch_uid="wagtail_events_front_end_form",
    )


def register_signal_handlers():
    deliveries.register_builders()
    register_front_end_purges()
    outbox.set_enqueue(enqueue_delivery)
    group_messages.set_enqueue(enqueue_group_message)
    pre_delete.connect(
        forget_deleted_registration,
        sender=Registration,
        dispatch_uid="wagtail_events_forget_deleted_registration",
    )
    registration_email_due.connect(
        enqueue_registration_email, dispatch_uid="wagtail_events_registration_email"
    )
    post_save.connect(materialise_on_save, dispatch_uid="wagtail_events_materialise")
    page_unpublished.connect(forget_occurrences, dispatch_uid="wagtail_events_forget")
    post_delete.connect(
        refresh_series_after_delete, dispatch_uid="wagtail_events_series_delete"
    )
    post_page_move.connect(
        refresh_series_after_move, dispatch_uid="wagtail_events_series_move"
    )
    page_published.connect(
        record_programme_changes, dispatch_uid="wagtail_events_programme_changes"
    )
    page_unpublished.connect(
        record_programme_changes,
        dispatch_uid="wagtail_events_programme_changes_unpublished",
    )
    post_delete.connect(
        record_programme_changes,
        dispatch_uid="wagtail_events_programme_changes_deleted",
    )
    page_published.connect(
        keep_children_count, dispatch_uid="wagtail_events_children_count"
    )
    page_published.connect(
        record_change_notice, dispatch_uid="wagtail_events_change_notices"
    )
    if apps.is_installed("wagtail_localize"):
        post_save.connect(
            translations_along.conference_translated,
            sender=ConferencePage,
            dispatch_uid="wagtail_events_translate_sessions_along",
        )
        page_published.connect(
            sync_published_page, dispatch_uid="wagtail_events_sync_translations"
        )
        for model in SYNCED_SNIPPETS:
            post_save.connect(
                sync_saved_snippet,
                sender=model,
                dispatch_uid=f"wagtail_events_sync_translations_{model._meta.model_name}",
            )
