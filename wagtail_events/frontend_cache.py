"""Purging a front-end cache (Cloudflare, CloudFront, Varnish...) when what an
event's pages and files show changes, through Wagtail's
``wagtail.contrib.frontend_cache``.

Only on a site that uses it: ``wagtail.contrib.frontend_cache`` in
``INSTALLED_APPS`` and ``WAGTAILFRONTENDCACHE`` (or the older
``WAGTAILFRONTENDCACHE_LOCATION``) set. Anywhere else every entry point returns
at its first line.

What is purged, and when (``signal_handlers`` wires it):

* an event page, a conference or an index **published, unpublished or deleted**
  (``page_changed``, ``page_deleted``): the page, its files, and the pages that
  list it with their files: a session's conference, a meeting's series, and every
  event index above it. Wagtail's own handler purges the published page; this
  adds what Wagtail cannot know.
* a **schedule imported** (``schedule_imported``): the conference and all its
  sessions, with their files (rooms, speakers and a draft conference's dates
  change without a publish).
* a page **renamed or moved** (``address_changed``): the addresses it and the
  pages under it had, with their files, and on a move the pages that listed it
  before and list it now.
* **new dates** from the daily horizon extension (``new_dates_purged``): each
  event that got dates, as above.
* **places** taken or given back (a registration, a cancellation, a promotion,
  an organiser's decision: ``places_changed``, on every saved or deleted
  registration) and a registration form saved (its capacity): the pages that
  show "places left" (the event, its conference or series, the indexes), in
  every language, since registrations belong to the event and not to one
  translation. The files show no places: they are left alone.

The files of a page are its canonical addresses, the ones the package links to
(``<page url>calendar.ics``, and for a conference ``agenda.ics`` without its
query, ``schedule.json`` and ``schedule.xml``). Addresses with a query (an
index's ``?month=``, its filters, a visitor's agenda) are not purged: they
expire with the front-end cache's lifetime for them (docs/calendar-feeds.md,
"Front-end cache").

Purges wait for the commit (a rolled-back change purges nothing) and are
coalesced: everything one transaction changes (a schedule import, an admin
action on many registrations) becomes one task (``tasks.purge_front_end_cache``)
that works out the addresses and hands them to Wagtail's own purge task, so a
slow CDN never slows the visitor or the editor who caused it.
"""

import contextlib
import threading

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from .enums import is_conference, is_series
from .models import EventIndexPage, EventPage, Occurrence
from .page_model import base_page_model


# The files of a page, after its URL (urls.FILE_NAMES: the patterns serve them).
EVENT_FILES = ("calendar.ics",)
CONFERENCE_FILES = ("calendar.ics", "agenda.ics", "schedule.json", "schedule.xml")
INDEX_FILES = ("calendar.ics",)


def enabled():
    """Whether the site purges a front-end cache (see the module's docstring)."""
    if not apps.is_installed("wagtail.contrib.frontend_cache"):
        return False
    return bool(
        getattr(settings, "WAGTAILFRONTENDCACHE", None)
        or getattr(settings, "WAGTAILFRONTENDCACHE_LOCATION", None)
    )


# Coalescing: one pending batch per thread and transaction.

_state = threading.local()
_enqueue = None


def set_enqueue(enqueue):
    """``enqueue(page_ids, event_keys, urls)``: how a batch reaches the task
    queue (``signal_handlers`` passes ``tasks.purge_front_end_cache``)."""
    global _enqueue
    _enqueue = enqueue


class _Batch:
    def __init__(self):
        self.page_ids, self.event_keys, self.urls = set(), set(), set()
        self.done = False

    def flush(self):
        self.done = True
        if _enqueue is not None and (self.page_ids or self.event_keys or self.urls):
            _enqueue(sorted(self.page_ids), sorted(self.event_keys), sorted(self.urls))


def _batch(connection):
    """The batch of the current transaction, sent once it commits."""
    batch = getattr(_state, "batch", None)
    # Django drops the callbacks of a transaction that rolls back: a batch whose
    # flush is no longer waiting there would never be sent.
    waiting = batch is not None and any(
        getattr(callback, "__self__", None) is batch
        for _sids, callback, *_rest in connection.run_on_commit
    )
    if not waiting or batch.done:
        batch = _state.batch = _Batch()
        transaction.on_commit(batch.flush)
    return batch


def _add(page_ids=(), event_keys=(), urls=()):
    if not (page_ids or event_keys or urls):
        return  # an empty batch would still cost its callback
    connection = connections[DEFAULT_DB_ALIAS]
    # Outside a transaction (autocommit) the change is committed already, and
    # there is nothing to coalesce with: sent at once.
    waits = _in_transaction(connection)
    batch = _batch(connection) if waits else _Batch()
    batch.page_ids.update(page_ids)
    batch.event_keys.update(str(key) for key in event_keys)
    batch.urls.update(urls)
    if not waits:
        batch.flush()


def _in_transaction(connection):
    return connection.in_atomic_block


# Signal receivers (``signal_handlers`` connects them).


def page_changed(sender, instance, **kwargs):
    """A page published or unpublished."""
    if enabled() and _purged_kind(instance):
        _add(page_ids=[instance.pk])


def page_deleted(sender, instance, **kwargs):
    """``pre_delete``: the addresses now, while the page and its ancestors are
    there to give them."""
    # A page's delete is sent for each of its classes (its own, EventPage's,
    # Page's), and for every other model's rows: act once, on its own class's.
    if not isinstance(instance, EventPage | EventIndexPage) or not enabled():
        return
    if type(instance) is not instance.specific_class:
        return
    _add(urls=page_urls([instance], places=False))


def places_changed(sender, instance, raw=False, **kwargs):
    """A registration saved or deleted: the places its event has left. On the
    model's signals rather than ``registration_email_due``: an organiser's
    action (declined, attended, deleted) changes places without an e-mail."""
    if raw or not enabled():
        return
    # A save of some fields only (answers amended, a reminder sent, erasure)
    # leaves the places alone, unless it is the status or the date.
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and not {"status", "occurrence_key"} & set(
        update_fields
    ):
        return
    _add(event_keys=[instance.event_key])


def form_saved(sender, instance, raw=False, **kwargs):
    """A registration form saved: its capacity is the places of its events."""
    if raw or not enabled():
        return
    keys = EventPage.objects.filter(registration_form=instance).values_list(
        "translation_key", flat=True
    )
    _add(event_keys=list(keys))


def schedule_imported(sender, conference, **kwargs):
    """A schedule imported: the conference and its sessions, whose rooms,
    speakers and (for a conference with a draft) dates may have changed without
    a publish."""
    if enabled():
        sessions = base_page_model().objects.filter(path__startswith=conference.path)
        _add(page_ids=list(sessions.values_list("pk", flat=True)))


def address_changed(sender, instance, url_path_before=None, **kwargs):
    """A page renamed (``page_slug_changed``, after the commit) or moved
    (``post_page_move``): the addresses it and every page under it had, with
    their files, and on a move the pages that listed it and list it now. The
    old addresses would go on serving the page (where Wagtail now answers with
    a redirect or "not found") until the cache let them expire. Worked out here,
    from the page tree as it is now: renames and moves are rare, and the tree
    under the page is read once (one query per page type)."""
    if not enabled():
        return
    if url_path_before is None:
        url_path_before = getattr(kwargs.get("instance_before"), "url_path", None)
    after = instance.url_path
    if not url_path_before or url_path_before == after:
        return
    urls = set()
    pages = base_page_model().objects.filter(path__startswith=instance.path)
    for page in pages.specific():
        if not page.url_path.startswith(after):
            continue
        # The address it had: the same page under its old path, never saved.
        page.url_path = url_path_before + page.url_path[len(after) :]
        if _purged_kind(page):
            urls.update(_addresses(page, places=False, cache_object=None))
        elif (url := page.get_full_url()) is not None:
            urls.add(url)
    # A move: the page that listed it and the one that lists it now (Wagtail
    # purges nothing on a move), each with the pages above it.
    parents = (kwargs.get("parent_page_before"), kwargs.get("parent_page_after"))
    _add(page_ids=[parent.pk for parent in parents if parent is not None], urls=urls)


@contextlib.contextmanager
def new_dates_purged():
    """``with new_dates_purged(): extend_horizon()``: purges the events that got
    new dates inside the block (the horizon extension only adds rows: a change
    of rule or date is a publish, purged as one)."""
    if not enabled():
        yield
        return
    last = Occurrence.objects.order_by("-pk").values_list("pk", flat=True).first()
    yield
    rows = Occurrence.objects.filter(pk__gt=last or 0)
    _add(page_ids=set(rows.values_list("page_id", flat=True)))


def _purged_kind(page):
    # By the class Wagtail sends with the signal: an event page or an index.
    return isinstance(page, EventPage | EventIndexPage) or (
        page.specific_class is not None
        and issubclass(page.specific_class, EventPage | EventIndexPage)
    )


# Addresses (the task works them out, after the commit).


def purge(page_ids=(), event_keys=(), urls=()):
    """The task's body: purge the pages with ``page_ids`` (with their files and
    the pages that list them), the pages of the events with ``event_keys`` (in
    every language; pages only) and ``urls``, in one Wagtail purge."""
    from wagtail.contrib.frontend_cache.utils import (  # noqa: PLC0415 -- optional dependency
        PurgeBatch,
    )

    batch = PurgeBatch(urls)
    pages = base_page_model().objects.filter(pk__in=list(page_ids)).specific()
    batch.add_urls(page_urls(pages, places=False, cache_object=batch))
    translations = (
        base_page_model()
        .objects.filter(translation_key__in=list(event_keys))
        .specific()
    )
    batch.add_urls(page_urls(translations, places=True, cache_object=batch))
    batch.purge()
    return sorted(batch.urls)


def page_urls(pages, places, cache_object=None):
    """The addresses to purge for ``pages``: each page and the pages that list it
    (its conference or series, the indexes above it); with their files unless
    ``places`` (only "places left" changed, which the files do not show)."""
    urls = set()
    listing = set()
    for page in pages:
        urls.update(_addresses(page, places, cache_object))
        listing.update(_listing_paths(page))
    above = base_page_model().objects.filter(path__in=listing).specific()
    for page in above:
        if isinstance(page, EventIndexPage) or is_conference(page) or is_series(page):
            urls.update(_addresses(page, places, cache_object))
    return sorted(urls)


def _listing_paths(page):
    """The paths of the pages above ``page``: its conference or series and the
    indexes are among them (a page's ancestors are its path's prefixes)."""
    step = base_page_model().steplen
    return [page.path[:end] for end in range(step, len(page.path), step)]


def _addresses(page, places, cache_object):
    url = page.get_full_url(cache_object)
    if url is None:  # not under any site
        return []
    urls = [url + path.lstrip("/") for path in page.get_cached_paths()]
    if places:
        return urls
    if isinstance(page, EventIndexPage):
        files = INDEX_FILES
    elif is_conference(page):
        files = CONFERENCE_FILES
    else:
        files = EVENT_FILES
    base = url if url.endswith("/") else url + "/"
    return urls + [base + name for name in files]
