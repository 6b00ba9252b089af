"""Events as iCalendar documents (RFC 5545) for calendar apps: the ``calendar.ics``
of an event, a conference's programme, the feed of an event index and a
personal agenda.

Each document holds the ``VEVENT`` components of its pages (``ical_events``: how
a series, its moved dates and the runs of a site visit are written) and a
``VTIMEZONE`` for every zone they use. UIDs (``event_uid``) are the same in every
document, so that importing two of them does not show an event twice. The links
that add an event to Google Calendar or Outlook are in ``calendar_links``.
"""

import uuid

from ..enums import is_conference, is_series
from ..models import CalendarSequence, MeetingPage, Occurrence
from ..models.visibility import visible_children, visible_sessions
from ..occurrences.parts import live_children, parts_by_event
from ..programme.entries import programme_entries
from .ical_data import has_dates, load, specific_events
from .ical_document import PRODID, REFRESH_INTERVAL, Document, to_bytes
from .ical_entries import entry_vevents, key_of_uid
from .ical_events import EventExport
from .ical_parts import FALLBACK_DOMAIN, event_uid, uid_domain
from .ical_series import own_components


__all__ = [
    "FALLBACK_DOMAIN",
    "PRODID",
    "REFRESH_INTERVAL",
    "Document",
    "agenda",
    "entries_agenda",
    "event_calendar",
    "event_document",
    # The UIDs the documents give, for the e-mails' calendar files and tests.
    "event_uid",
    "index_calendar",
    "index_document",
    "programme_calendar",
    "programme_document",
    "series_calendar",
    "series_document",
    "to_bytes",
    "uid_domain",
]


def _calendar(name, components, pages, feed=False):
    return Document(name, components, pages, feed).calendar()


# Each document as a ``Document`` (what the views write with ``to_bytes``) and
# as an ``icalendar.Calendar`` (``*_calendar``: the e-mails, anything that reads
# or changes it).


def event_document(page, request=None, now=None):
    """The ``calendar.ics`` of an event page: the event or series; for a conference,
    its whole programme (the conference and every session and run)."""
    if is_conference(page):
        return programme_document(page, request, now)
    if is_series(page):
        return series_document(page, request, now)
    parent = getattr(page, "conference", None)
    pages = [page] + ([parent] if parent is not None else [])
    data = load(pages, request, now)
    components = EventExport(page, data, parent).components()
    return Document(page.title, components, [page])


def event_calendar(page, request=None, now=None):
    return event_document(page, request, now).calendar()


def programme_document(conference, request=None, now=None):
    """A conference and every entry of its programme: each live session and run
    a VEVENT, and each programme item (plenaries, exhibitions, receptions; breaks,
    meals and the registration desk unless ``WAGTAIL_EVENTS_CALENDAR_BREAKS`` is
    off) a VEVENT of the same data the page shows."""
    components, pages = _programme_components(conference, request, now)
    return Document(conference.title, components, pages, feed=True)


def programme_calendar(conference, request=None, now=None):
    return programme_document(conference, request, now).calendar()


def _programme_components(conference, request, now, keys=None):
    """The VEVENTs of the conference's programme and the pages they are of; with
    ``keys``, the items with those keys (starred, breaks too) and no other."""
    sessions = specific_events(visible_sessions(conference).order_by("path"))
    data = load([conference, *sessions], request, now)
    # The conference itself: one VEVENT per part when held on several days.
    components = own_components(conference, data)
    for session in sessions:
        components += EventExport(session, data, parent=conference).components()
    # The programme's entries from the sessions read above: only the items,
    # their rooms and speakers cost queries of their own.
    entries = programme_entries(conference, request, sessions=sessions)
    components += entry_vevents(
        entries.slots,
        zone_name=conference.time_zone,
        domain=data.domain,
        now=data.now,
        keys=keys,
        sequences=_item_sequences(entries.slots),
    )
    return components, [conference, *sessions]


def _item_sequences(slots):
    """{key: SEQUENCE} of the programme items among ``slots``, one query: items
    have no page, so their sequence is kept by their translation key."""
    keys = {
        uuid.UUID(slot.key.removeprefix("item-")): slot.key
        for slot in slots
        if slot.item_id
    }
    if not keys:
        return {}
    rows = CalendarSequence.objects.filter(translation_key__in=keys)
    return {
        keys[translation_key]: sequence
        for translation_key, sequence in rows.values_list("translation_key", "sequence")
    }


def entries_agenda(conference, keys=(), page_ids=(), request=None, name="", now=None):
    """A personal calendar of entries of one conference's programme: those with
    ``keys`` (``Slot.key``: a session, one run of a site visit, a programme item)
    and the sessions with ``page_ids`` (every date and run: the ids the programme
    starred before entries had keys). Its VEVENTs are those of the conference's
    ``calendar.ics``, UIDs included; unknown keys and ids are left out."""
    keys = set(keys)
    sessions = {
        str(page.translation_key)
        for page in visible_sessions(conference).filter(pk__in=list(page_ids))
    }
    components, pages = _programme_components(conference, request, now, keys=keys)

    def chosen(component):
        key = key_of_uid(component["uid"])
        return key in keys or key.split("-run")[0] in sessions

    components = [c for c in components if chosen(c)]
    return _calendar(name, components, pages)


def index_document(index, request=None, now=None):
    """A feed of every live event the index lists, series with their rules."""
    # An event whose date is to be announced has nothing to put in a calendar.
    listed = specific_events(
        visible_children(index)
        .exclude(date_to_be_announced=True)
        .annotate(has_dates=has_dates())
        .order_by("start", "pk")
    )
    # A series is its meetings: its own dates only span them.
    series = {page.path: page for page in listed if is_series(page)}
    meetings = _meetings_of(series)
    pages = [page for page in listed if not is_series(page)] + meetings
    # Every event with its rule: only the dates that differ from it are read.
    data = load(pages, request, now, only_changes=True)
    parts = parts_by_event(pages)
    components = []
    for page in pages:
        components += own_components(page, data, parts[page.pk])
    return Document(index.title, components, pages, feed=True)


def index_calendar(index, request=None, now=None):
    return index_document(index, request, now).calendar()


def _meetings_of(series):
    """The live meetings of ``series`` ({path: series page}), by date: one query."""
    if not series:
        return []
    meetings = list(
        live_children(series.values(), MeetingPage)
        .annotate(has_dates=has_dates())
        .order_by("start", "path")
    )
    for meeting in meetings:
        # What its access follows (places.by_invitation), without a query.
        meeting.series = series[meeting.path[: -MeetingPage.steplen]]
    return meetings


def series_document(series, request=None, now=None):
    """A series: every live meeting, each its own VEVENT (a meeting's own
    ``calendar.ics`` gives the same one, with the same UID)."""
    meetings = _meetings_of({series.path: series})
    data = load(meetings, request, now, only_changes=True)
    components = []
    for meeting in meetings:
        components += EventExport(meeting, data).components()
    return Document(series.title, components, [series, *meetings], feed=True)


def series_calendar(series, request=None, now=None):
    return series_document(series, request, now).calendar()


def agenda(sessions, request=None, name="", now=None, admitted=()):
    """A personal calendar: the given event pages (each with all its dates and
    runs) or ``Occurrence`` rows (only that date or run, such as the run of a site
    visit someone registered for). UIDs are those of the public calendars, so that
    importing both does not show an event twice. ``admitted``: the pks of the
    pages whose private online address (by invitation) the person may read."""
    items = list(sessions)
    pages = {}
    for item in items:
        page = item.page if isinstance(item, Occurrence) else item
        page = page.specific
        pages.setdefault(page.pk, page)
    parents = {
        page.pk: page.conference
        for page in pages.values()
        if getattr(page, "conference", None) is not None
    }
    data = load([*pages.values(), *parents.values()], request, now)
    data.admitted = frozenset(admitted)
    exports = {pk: EventExport(p, data, parents.get(pk)) for pk, p in pages.items()}
    components = []
    for item in items:
        if isinstance(item, Occurrence):
            components.append(exports[item.page_id].occurrence(item))
        else:
            components += exports[item.pk].components()
    return _calendar(name, components, list(pages.values()))
