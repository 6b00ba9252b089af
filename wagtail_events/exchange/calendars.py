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

import icalendar

from ..enums import is_conference, is_series
from ..models import EventPage, MeetingPage, Occurrence
from ..models.visibility import visible_children, visible_sessions
from ..occurrences.parts import live_children, parts_by_event
from .ical_events import EventExport, load
from .ical_parts import FALLBACK_DOMAIN, event_uid, uid_domain
from .ical_series import own_components


__all__ = [
    "FALLBACK_DOMAIN",
    "PRODID",
    "REFRESH_INTERVAL",
    "agenda",
    "event_calendar",
    # The UIDs the documents give, for the e-mails' calendar files and tests.
    "event_uid",
    "index_calendar",
    "programme_calendar",
    "series_calendar",
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
    """A conference and every live session in it, each run a VEVENT."""
    sessions = _live_events(visible_sessions(conference).order_by("path"))
    data = load([conference, *sessions], request, now)
    # The conference itself: one VEVENT per part when held on several days.
    components = own_components(conference, data)
    for session in sessions:
        components += EventExport(session, data, parent=conference).components()
    return _calendar(conference.title, components, [conference, *sessions], feed=True)


def index_calendar(index, request=None, now=None):
    """A feed of every live event the index lists, series with their rules."""
    listed = _live_events(visible_children(index).order_by("start", "pk"))
    # A series is its meetings: its own dates only span them.
    series = {page.path: page for page in listed if is_series(page)}
    meetings = _meetings_of(series)
    pages = [page for page in listed if not is_series(page)] + meetings
    data = load(pages, request, now)
    parts = parts_by_event(pages)
    components = []
    for page in pages:
        components += own_components(page, data, parts[page.pk])
    return _calendar(index.title, components, pages, feed=True)


def _meetings_of(series):
    """The live meetings of ``series`` ({path: series page}), by date: one query."""
    if not series:
        return []
    return list(live_children(series.values(), MeetingPage).order_by("start", "path"))


def series_calendar(series, request=None, now=None):
    """A series: every live meeting, each its own VEVENT (a meeting's own
    ``calendar.ics`` gives the same one, with the same UID)."""
    meetings = _meetings_of({series.path: series})
    data = load(meetings, request, now)
    components = []
    for meeting in meetings:
        components += EventExport(meeting, data).components()
    return _calendar(series.title, components, [series, *meetings], feed=True)


def agenda(sessions, request=None, name="", now=None):
    """A personal calendar: the given event pages (each with all its dates and
    runs) or ``Occurrence`` rows (only that date or run, such as the run of a site
    visit someone registered for). UIDs are those of the public calendars, so that
    importing both does not show an event twice."""
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
    exports = {pk: EventExport(p, data, parents.get(pk)) for pk, p in pages.items()}
    components = []
    for item in items:
        if isinstance(item, Occurrence):
            components.append(exports[item.page_id].occurrence(item))
        else:
            components += exports[item.pk].components()
    return _calendar(name, components, list(pages.values()))
