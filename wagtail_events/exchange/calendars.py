"""Events as iCalendar documents (RFC 5545) for calendar apps: the ``calendar.ics``
of an event, a conference's programme, the feed of an event index and a
personal agenda.

Each document holds the ``VEVENT`` components of its pages (``ical_events``: how
a series, its moved dates and the runs of a site visit are written) and a
``VTIMEZONE`` for every zone they use. UIDs (``event_uid``) are the same in every
document, so that importing two of them does not show an event twice. The links
that add an event to Google Calendar or Outlook are in ``calendar_links``.
"""

import datetime
import uuid

import icalendar

from ..enums import is_conference, is_series
from ..models import CalendarSequence, EventPage, MeetingPage, Occurrence
from ..models.visibility import visible_children, visible_sessions
from ..occurrences.parts import live_children, parts_by_event
from ..programme.entries import programme_entries
from .ical_data import has_dates, load
from .ical_entries import entry_vevents, key_of_uid
from .ical_events import EventExport
from .ical_parts import FALLBACK_DOMAIN, event_uid, uid_domain
from .ical_series import own_components


__all__ = [
    "FALLBACK_DOMAIN",
    "PRODID",
    "REFRESH_INTERVAL",
    "agenda",
    "entries_agenda",
    "event_calendar",
    # The UIDs the documents give, for the e-mails' calendar files and tests.
    "event_uid",
    "index_calendar",
    "programme_calendar",
    "series_calendar",
    "to_bytes",
    "uid_domain",
]

PRODID = "-//wagtail-civic-events//wagtail_events//EN"
# How often a subscribed calendar app should fetch a feed again.
REFRESH_INTERVAL = datetime.timedelta(hours=6)


def _calendar(name, components, pages, feed=False):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # A title may hold a line break, which NAME (a plain property) cannot carry.
    name = " ".join(str(name or "").split())
    if name:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
    zones = {page.time_zone for page in pages}
    if len(zones) == 1:
        calendar.add("x-wr-timezone", zones.pop())
    if feed:
        # As vDuration: icalendar before 7 writes a bare timedelta as "6:00:00".
        interval = icalendar.vDuration(REFRESH_INTERVAL)
        calendar.add("refresh-interval", interval, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", interval)
    for component in components:
        calendar.add_component(component)
    _add_time_zones(calendar, components)
    return calendar


def to_bytes(calendar):
    """The document as ``calendar.to_ical()`` writes it, faster: a line short
    enough to need no folding (most of them) is written as it is; only the
    others go through icalendar's folding, character by character."""
    lines = []
    for line in calendar.content_lines():
        if not line:
            continue
        if len(line) < _FOLD_AT and (line.isascii() or len(line.encode()) < _FOLD_AT):
            lines.append(line.encode())
        else:
            lines.append(line.to_ical())
    return b"\r\n".join(lines) + b"\r\n"


# icalendar folds a line when it reaches 75 octets: shorter ones stay whole.
_FOLD_AT = 75


def _add_time_zones(calendar, components):
    """A VTIMEZONE for every TZID, with the transitions from the first date in the
    calendar to a year after the last one (and at least until 2038: rules repeat)."""
    days = []
    for component in components:
        for name in ("dtstart", "dtend", "recurrence-id"):
            if name in component:
                value = component.decoded(name)
                days.append(
                    value.date() if isinstance(value, datetime.datetime) else value
                )
    if not days:
        return
    first = min(days) - datetime.timedelta(days=7)
    last = max(max(days) + datetime.timedelta(days=366), datetime.date(2038, 1, 1))
    calendar.add_missing_timezones(first_date=first, last_date=last)


def _live_events(queryset):
    return [page for page in queryset.specific() if isinstance(page, EventPage)]


def event_calendar(page, request=None, now=None):
    """The ``calendar.ics`` of an event page: the event or series; for a conference,
    its whole programme (the conference and every session and run)."""
    if is_conference(page):
        return programme_calendar(page, request, now)
    if is_series(page):
        return series_calendar(page, request, now)
    parent = getattr(page, "conference", None)
    pages = [page] + ([parent] if parent is not None else [])
    data = load(pages, request, now)
    components = EventExport(page, data, parent).components()
    return _calendar(page.title, components, [page])


def programme_calendar(conference, request=None, now=None):
    """A conference and every entry of its programme: each live session and run
    a VEVENT, and each programme item (plenaries, exhibitions, receptions; breaks,
    meals and the registration desk unless ``WAGTAIL_EVENTS_CALENDAR_BREAKS`` is
    off) a VEVENT of the same data the page shows."""
    components, pages = _programme_components(conference, request, now)
    return _calendar(conference.title, components, pages, feed=True)


def _programme_components(conference, request, now, keys=None):
    """The VEVENTs of the conference's programme and the pages they are of; with
    ``keys``, the items with those keys (starred, breaks too) and no other."""
    sessions = _live_events(visible_sessions(conference).order_by("path"))
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


def index_calendar(index, request=None, now=None):
    """A feed of every live event the index lists, series with their rules."""
    # An event whose date is to be announced has nothing to put in a calendar.
    listed = _live_events(
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
    return _calendar(index.title, components, pages, feed=True)


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


def series_calendar(series, request=None, now=None):
    """A series: every live meeting, each its own VEVENT (a meeting's own
    ``calendar.ics`` gives the same one, with the same UID)."""
    meetings = _meetings_of({series.path: series})
    data = load(meetings, request, now, only_changes=True)
    components = []
    for meeting in meetings:
        components += EventExport(meeting, data).components()
    return _calendar(series.title, components, [series, *meetings], feed=True)


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
