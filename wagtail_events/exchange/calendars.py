"""Events as iCalendar documents (RFC 5545) for calendar apps, and links that add
an event to Google Calendar or Outlook.

Every document is built with the ``icalendar`` library from the same data the site
shows: the page's fields for the series and the materialised ``Occurrence`` rows
for what happens on each date. A repeating event is one ``VEVENT`` with its rule:

* ``DTSTART``/``DTEND`` in the event's own zone (``TZID``), so that a weekly event
  at 10:00 in Brussels stays at 10:00 after the clocks change, in every app;
* ``RRULE`` with ``UNTIL`` in UTC, the instant the site's expansion stops at;
* ``RDATE`` for extra dates and ``EXDATE`` for dates left out, at the event's start
  time on those days. Exclusion rules (``EXRULE``, deprecated by RFC 5545 and not
  understood by Google Calendar) are written as the ``EXDATE`` of every date they
  remove up to the occurrence horizon;
* a cancelled single date is an ``EXDATE`` (every calendar app removes it; an
  override with ``STATUS:CANCELLED`` is shown by some and dropped by others);
* a moved date is an override ``VEVENT`` with the same ``UID`` and a
  ``RECURRENCE-ID``: the date the rule gave.

Further runs of a site visit are ``VEVENT`` of their own (runs can last longer or
shorter than the first one, which ``RDATE`` cannot say to most apps). Events whose
hours are not announced are whole days (``VALUE=DATE``).

``UID`` is the page's ``translation_key`` at a domain: it survives renaming and
moving the page, and every translation of an event shares it. ``SEQUENCE`` is the
event's ``CalendarSequence``, raised on every publish that changes its time.
"""

import copy
import datetime
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

import icalendar
import recurrence as django_recurrence
from django.apps import apps
from django.conf import settings
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ..conf import events_settings
from ..localtime import to_local
from ..models.visibility import visible_children, visible_sessions
from ..occurrences import recurrence


PRODID = "-//wagtail-civic-events//wagtail_events//EN"
# How often a subscribed calendar app should fetch a feed again.
REFRESH_INTERVAL = datetime.timedelta(hours=6)
# A domain that is never anybody's, for sites that configure none.
FALLBACK_DOMAIN = "wagtail-events.invalid"

STATUS = {
    "scheduled": "CONFIRMED",
    "moved_online": "CONFIRMED",
    "postponed": "TENTATIVE",
    "cancelled": "CANCELLED",
}


# Identifiers


def uid_domain():
    """The domain part of every UID: ``WAGTAIL_EVENTS_CALENDAR_DOMAIN`` if set, else
    the host of ``WAGTAILADMIN_BASE_URL``.

    It must not change once calendars have been exported, or apps see every event
    as new: set ``WAGTAIL_EVENTS_CALENDAR_DOMAIN`` on sites reached by several
    host names, or before the admin moves to a host of its own.
    """
    configured = events_settings.CALENDAR_DOMAIN
    if configured:
        return configured
    base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    return urlsplit(base_url).hostname or FALLBACK_DOMAIN


def event_uid(page, suffix=""):
    """The UID of an event: the same for all its translations, and after renames
    and moves. ``suffix`` tells apart the further runs of a site visit."""
    return f"{page.translation_key}{suffix}@{uid_domain()}"


# Loading: everything a document needs, in a fixed number of queries


@dataclass
class _Data:
    request: object
    now: datetime.datetime
    domain: str
    occurrences: dict  # page pk -> Occurrence rows, by original start
    runs: dict  # page pk -> a site visit's further runs, by start
    sequences: dict  # translation key -> sequence
    venues: dict  # venue pk -> Venue
    rooms: dict  # room pk -> Room, with its venue
    people: dict  # person pk -> Person


def _load(pages, request=None, now=None):
    Occurrence = apps.get_model("wagtail_events", "Occurrence")
    CalendarSequence = apps.get_model("wagtail_events", "CalendarSequence")
    SiteVisitRun = apps.get_model("wagtail_events", "SiteVisitRun")
    Venue = apps.get_model("wagtail_events", "Venue")
    Room = apps.get_model("wagtail_events", "Room")
    from ..programme import timetable as programme

    pks = [page.pk for page in pages]
    occurrences = defaultdict(list)
    if pks:
        for row in Occurrence.objects.filter(page_id__in=pks).order_by(
            "original_start", "pk"
        ):
            occurrences[row.page_id].append(row)
    for page in pages:
        if not occurrences[page.pk]:
            # Never materialised (saved without signals, or as a draft): expand now.
            rows = recurrence.occurrence_rows(page, now)
            occurrences[page.pk] = sorted(rows, key=lambda r: r.original_start)

    runs = defaultdict(list)
    visit_pks = [p.pk for p in pages if hasattr(p, "runs")]
    if visit_pks:
        for run in SiteVisitRun.objects.filter(page_id__in=visit_pks).order_by(
            "start", "sort_order", "pk"
        ):
            runs[run.page_id].append(run)

    keys = {page.translation_key for page in pages}
    sequences = (
        dict(
            CalendarSequence.objects.filter(translation_key__in=keys).values_list(
                "translation_key", "sequence"
            )
        )
        if keys
        else {}
    )

    room_ids = {getattr(p, "room_id", None) for p in pages} - {None}
    rooms = (
        {r.pk: r for r in Room.objects.filter(pk__in=room_ids).select_related("venue")}
        if room_ids
        else {}
    )
    venue_ids = {p.venue_id for p in pages} - {None}
    venues = (
        {v.pk: v for v in Venue.objects.filter(pk__in=venue_ids)} if venue_ids else {}
    )
    streams = [p.speakers for p in pages if _is_session(p)]
    people = programme.people_by_id(programme.person_ids(streams))

    return _Data(
        request=request,
        now=now or timezone.now(),
        domain=uid_domain(),
        occurrences=occurrences,
        runs=runs,
        sequences=sequences,
        venues=venues,
        rooms=rooms,
        people=people,
    )


def _is_session(page):
    return hasattr(page, "room_id") and hasattr(page, "speakers")


# Values


def _zone(page):
    return zoneinfo.ZoneInfo(page.time_zone)


def _in_zone(value, page):
    """An aware date-time in the event's zone: written with its TZID."""
    return value.astimezone(_zone(page))


def _all_day_dates(page, start, end):
    """First day and the day after the last (DTEND of a VALUE=DATE event is not
    part of it) of an event whose hours are not announced."""
    first = to_local(start, page.time_zone)
    last = to_local(end, page.time_zone)
    end_day = last.date()
    if not (last.time() == datetime.time(0) and end_day > first.date()):
        end_day += datetime.timedelta(days=1)
    return first.date(), max(end_day, first.date() + datetime.timedelta(days=1))


def _set_times(component, page, start, end):
    if page.all_day:
        first, after = _all_day_dates(page, start, end)
        component.add("dtstart", first)
        component.add("dtend", after)
    else:
        component.add("dtstart", _in_zone(start, page))
        component.add("dtend", _in_zone(end, page))


def _instance_value(page, instant):
    """How a date of a series is written in RECURRENCE-ID, EXDATE and RDATE: the
    same type as its DTSTART."""
    if page.all_day:
        return to_local(instant, page.time_zone).date()
    return _in_zone(instant, page)


def _address(venue):
    locality = " ".join(filter(None, [venue.postal_code, venue.locality]))
    return ", ".join(
        filter(None, [venue.name, venue.street_address, locality, venue.country])
    )


def _place(page, data, parent=None):
    """LOCATION and the venue it is at: the room (at its venue), the venue, the
    online address, or what the conference gives, as the session page shows it.
    Nothing when the page names no place; only the online address, if any, when
    the event moved online."""
    if page.status == "moved_online":
        return page.online_url, None
    room = data.rooms.get(getattr(page, "room_id", None))
    if room is not None:
        return ", ".join([room.name, _address(room.venue)]), room.venue
    venue = data.venues.get(page.venue_id)
    if venue is not None:
        return _address(venue), venue
    if page.online_url and page.attendance_mode != "in_person":
        return page.online_url, None
    if parent is not None:
        return _place(parent, data)
    return "", None


def _description(page, data, note=""):
    from ..programme import timetable as programme

    parts = []
    if page.status != "scheduled":
        parts.append(str(page.get_status_display()))  # not every app shows STATUS
    if note:
        parts.append(note)
    if page.summary:
        parts.append(page.summary.strip())
    if _is_session(page) and page.speakers:
        names = [
            speaker.name
            for group in programme.speaker_groups(page.speakers, data.people)
            for speaker in group.speakers
        ]
        if names:
            parts.append(", ".join(names))
    meeting_point = getattr(page, "meeting_point", "")
    if meeting_point:
        parts.append(_("Meeting point: %(place)s") % {"place": meeting_point})
    if page.online_url and page.attendance_mode != "in_person":
        parts.append(page.online_url)
    url = _page_url(page, data.request)
    if url:
        parts.append(url)
    return "\n\n".join(parts)


def _page_url(page, request=None):
    return page.get_full_url(request) or ""


def _category(page):
    return str(capfirst(page.specific_class._meta.verbose_name))


def _event(page, data, uid, parent=None, note=""):
    """A VEVENT with everything but its times."""
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", data.now)
    event.add("summary", page.title)
    event.add("sequence", data.sequences.get(page.translation_key, 0))
    event.add("status", STATUS.get(page.status, "CONFIRMED"))
    description = _description(page, data, note)
    if description:
        event.add("description", description)
    url = _page_url(page, data.request)
    if url:
        event.add("url", url)
    event.add("categories", [_category(page)])
    location, venue = _place(page, data, parent)
    if location:
        event.add("location", location)
    if venue is not None and venue.has_coordinates:
        event.add("geo", (float(venue.latitude), float(venue.longitude)))
    if page.first_published_at:
        event.add("created", page.first_published_at.astimezone(datetime.UTC))
    if page.last_published_at:
        event.add("last-modified", page.last_published_at.astimezone(datetime.UTC))
    return event


# Rules


def _rrule(rule, page, shift=datetime.timedelta(0)):
    """A django-recurrence rule as an icalendar RRULE, for dates ``shift`` after
    the event's (a further run of a site visit). UNTIL becomes the instant the
    site's expansion stops at: UTC for a timed event (RFC 5545 requires UTC when
    DTSTART has a TZID), the last day for an event of whole days."""
    without_until = django_recurrence.Rule(
        rule.freq,
        interval=rule.interval,
        wkst=rule.wkst,
        count=rule.count,
        **{param: getattr(rule, param) for param in rule.byparams},
    )
    text = django_recurrence.serialize(without_until).removeprefix("RRULE:")
    value = icalendar.vRecur.from_ical(text)
    if rule.count is None and rule.until is not None:
        zone = _zone(page)
        until = recurrence._local_rule(rule, zone).until  # naive wall-clock time
        if page.all_day:
            first = to_local(page.start, page.time_zone)
            last_day = until.date()
            if datetime.datetime.combine(last_day, first.time()) > until:
                last_day -= datetime.timedelta(days=1)
            value["UNTIL"] = [last_day + shift]
        else:
            value["UNTIL"] = [recurrence._aware(until + shift, zone)]
    return value


def _without_exclusions(page):
    """A copy of the page whose rule keeps its dates and extra dates but excludes
    nothing."""
    whole = copy.copy(page)
    rule = page.recurrence
    whole.recurrence = django_recurrence.Recurrence(
        rrules=rule.rrules, rdates=rule.rdates
    )
    return whole


def _excluded_starts(page, data):
    """Naive local starts that the rule and extra dates give but the exclusion
    days and rules take away, as ``recurrence.local_starts`` has it: every one up
    to the horizon, and the dates on every excluded day however far ahead."""
    rule = page.recurrence
    if not (rule.exdates or rule.exrules):
        return set()
    zone = _zone(page)
    limit = recurrence.horizon(page, data.now)
    for value in rule.exdates:
        end_of_day = datetime.datetime.combine(
            recurrence._day(value, zone), datetime.time.max
        )
        limit = max(limit, end_of_day)
    whole = recurrence.local_starts(_without_exclusions(page), limit)
    return set(whole) - set(recurrence.local_starts(page, limit))


def _extra_starts(page):
    """Naive local starts of the extra dates (RDATE): the event's start time on
    those days, none before its first date."""
    zone = _zone(page)
    first = to_local(page.start, page.time_zone)
    starts = set()
    for day in page.recurrence.rdates:
        start = datetime.datetime.combine(recurrence._day(day, zone), first.time())
        if start >= first:
            starts.add(start)
    return starts


# Events


@dataclass
class _Track:
    """The event itself (number 1) or one further run of a site visit, which takes
    place on every date of the event at the same wall-clock distance from it."""

    number: int
    start: datetime.datetime  # of the first date, aware
    end: datetime.datetime
    offset: datetime.timedelta  # from the event's wall-clock start
    uid_suffix: str


class _EventExport:
    """The VEVENTs of one event page: the event or series, its moved dates and the
    further runs of a site visit (each a series of its own if the event repeats)."""

    def __init__(self, page, data, parent=None):
        self.page = page
        self.data = data
        self.parent = parent
        self.zone = _zone(page)
        self.first = to_local(page.start, page.time_zone)
        self.repeating = recurrence.is_repeating(page)
        runs = data.runs.get(page.pk, [])
        self.tracks = [_Track(1, page.start, page.end, datetime.timedelta(0), "")] + [
            _Track(
                n,
                run.start,
                run.end,
                to_local(run.start, page.time_zone) - self.first,
                f"-run{n}",
            )
            for n, run in enumerate(runs, start=2)
        ]
        self.rows = data.occurrences.get(page.pk, [])
        self.track_of, self.planned_end = self._plan(runs)

    def _plan(self, runs):
        """Which track each date belongs to, and the end its rule gives it, as
        ``recurrence.planned_occurrences`` expands them."""
        planned_end = {
            original: end
            for original, _start, end in recurrence.planned_occurrences(
                self.page, self.data.now, runs=runs
            )
        }
        track_of = {}
        starts = recurrence.local_starts(
            self.page, recurrence.horizon(self.page, self.data.now)
        )
        for naive in starts:
            track_of.setdefault(recurrence._aware(naive, self.zone), self.tracks[0])
            for track in self.tracks[1:]:
                if naive == self.first:
                    start = track.start
                else:
                    start = recurrence._aware(naive + track.offset, self.zone)
                track_of.setdefault(start, track)
        return track_of, planned_end

    def _track(self, row):
        return self.track_of.get(row.original_start, self.tracks[0])

    def _rows(self, track):
        return [r for r in self.rows if self._track(r) is track]

    def event(self, track, uid_suffix="", note=""):
        uid = f"{self.page.translation_key}{track.uid_suffix}{uid_suffix}"
        return _event(
            self.page, self.data, f"{uid}@{self.data.domain}", self.parent, note
        )

    def components(self):
        components = []
        for track in self.tracks:
            if self.repeating:
                components += self.series(track)
            else:
                components.append(self.single(track))
        return components

    def single(self, track, row=None):
        """A date of a one-off event: its own times, moved or cancelled."""
        rows = self._rows(track)
        if row is None:
            row = next((r for r in rows if r.original_start == track.start), None)
        if row is None and rows:
            row = rows[0]
        event = self.event(track, note=row.note if row else "")
        if row is None:
            _set_times(event, self.page, track.start, track.end)
            return event
        _set_times(event, self.page, row.start, row.end)
        if row.cancelled:
            event["status"] = "CANCELLED"
        return event

    def _shifts_cleanly(self, track):
        """Whether the event's rule, started at the run's time, gives the run's
        dates: the run is on the same day and the rule picks no hours."""
        if track.number == 1:
            return True
        same_day = to_local(track.start, self.page.time_zone).date() == (
            self.first.date()
        )
        picks_times = any(
            r.byhour or r.byminute or r.bysecond for r in self.page.recurrence.rrules
        )
        return same_day and not picks_times

    def _value(self, naive):
        """A naive wall-clock date of the series as RDATE/EXDATE writes it."""
        return _instance_value(self.page, recurrence._aware(naive, self.zone))

    def series(self, track):
        page = self.page
        rows = self._rows(track)
        master = self.event(track)
        _set_times(master, page, track.start, track.end)
        excluded = {r.original_start for r in rows if r.cancelled}
        if self._shifts_cleanly(track):
            for rule in page.recurrence.rrules:
                master.add("rrule", _rrule(rule, page, shift=track.offset))
            extra = sorted(_extra_starts(page))
            if extra:
                self._add_dates(
                    master, "rdate", [self._value(s + track.offset) for s in extra]
                )
            excluded |= {
                recurrence._aware(s + track.offset, self.zone)
                for s in _excluded_starts(page, self.data)
            }
        else:
            # Every date of the run, up to the horizon, one by one.
            dates = sorted(
                original
                for original, t in self.track_of.items()
                if t is track and original != track.start
            )
            if dates:
                self._add_dates(
                    master, "rdate", [_instance_value(page, d) for d in dates]
                )
        if excluded:
            self._add_dates(
                master, "exdate", [_instance_value(page, s) for s in sorted(excluded)]
            )
        overrides = []
        for row in rows:
            if row.cancelled or not self._moved(row):
                continue
            override = self.event(track, note=row.note)
            override.add("recurrence-id", _instance_value(page, row.original_start))
            _set_times(override, page, row.start, row.end)
            overrides.append(override)
        return [master, *overrides]

    def _add_dates(self, component, name, values):
        # icalendar before 7 leaves out VALUE=DATE on lists of dates.
        parameters = {"VALUE": "DATE"} if self.page.all_day else None
        component.add(name, values, parameters=parameters)

    def _moved(self, row):
        planned_end = self.planned_end.get(row.original_start, row.end)
        return row.start != row.original_start or row.end != planned_end

    def occurrence(self, occurrence):
        """One date of the event on its own, as in a personal agenda: a run, the
        one-off event, or one date of a series (with a UID of its own, since an
        override without its series confuses calendar apps)."""
        row = next(
            (r for r in self.rows if r.original_start == occurrence.original_start),
            occurrence,
        )
        track = self._track(row)
        if not self.repeating:
            return self.single(track, row)
        stamp = row.original_start.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        event = self.event(track, uid_suffix=f"-{stamp}", note=row.note)
        _set_times(event, self.page, row.start, row.end)
        if row.cancelled:
            event["status"] = "CANCELLED"
        return event


# Documents


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
    EventPage = apps.get_model("wagtail_events", "EventPage")
    return [page for page in queryset.specific() if isinstance(page, EventPage)]


def event_calendar(page, request=None, now=None):
    """The ``calendar.ics`` of an event page: the event or series; for a conference,
    its whole programme (the conference and every session and run)."""
    if page.specific_class.__name__ == "ConferencePage":
        return programme_calendar(page, request, now)
    parent = getattr(page, "conference", None)
    pages = [page] + ([parent] if parent is not None else [])
    data = _load(pages, request, now)
    components = _EventExport(page, data, parent).components()
    return _calendar(page.title, components, [page])


def programme_calendar(conference, request=None, now=None):
    """A conference and every live session in it, each run a VEVENT."""
    sessions = _live_events(visible_sessions(conference).order_by("path"))
    data = _load([conference, *sessions], request, now)
    components = _EventExport(conference, data).components()
    for session in sessions:
        components += _EventExport(session, data, parent=conference).components()
    return _calendar(conference.title, components, [conference, *sessions], feed=True)


def index_calendar(index, request=None, now=None):
    """A feed of every live event the index lists, series with their rules."""
    pages = _live_events(visible_children(index).order_by("start", "pk"))
    data = _load(pages, request, now)
    components = []
    for page in pages:
        components += _EventExport(page, data).components()
    return _calendar(index.title, components, pages, feed=True)


def agenda(sessions, request=None, name="", now=None):
    """A personal calendar: the given event pages (each with all its dates and
    runs) or ``Occurrence`` rows (only that date or run, such as the run of a site
    visit someone registered for). UIDs are those of the public calendars, so that
    importing both does not show an event twice."""
    Occurrence = apps.get_model("wagtail_events", "Occurrence")
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
    data = _load([*pages.values(), *parents.values()], request, now)
    exports = {pk: _EventExport(p, data, parents.get(pk)) for pk, p in pages.items()}
    components = []
    for item in items:
        if isinstance(item, Occurrence):
            components.append(exports[item.page_id].occurrence(item))
        else:
            components += exports[item.pk].components()
    return _calendar(name, components, list(pages.values()))


# Links


@dataclass
class CalendarLinks:
    ics_url: str
    webcal_url: str = ""  # subscribe: series, programmes and index feeds
    google_url: str = ""
    outlook_url: str = ""
    is_series: bool = False
    is_programme: bool = False
    is_feed: bool = False


def calendar_file_url(page, request=None):
    """The full address of a page's ``calendar.ics``."""
    url = page.get_full_url(request)
    if not url:
        return ""
    return url.rstrip("/") + "/calendar.ics"


def webcal_url(url):
    """The address calendar apps subscribe to: ``webcal://`` for ``http(s)://``."""
    parts = urlsplit(url)
    return "webcal://" + url[len(parts.scheme) + 3 :] if parts.scheme else ""


def _next_dates(page, now=None):
    """Start and end of the date the add-to links add: for a series the next date
    not cancelled, else the last one; otherwise the page's own."""
    if not recurrence.is_repeating(page):
        return page.start, page.end
    now = now or timezone.now()
    dates = page.occurrences.filter(cancelled=False).order_by("start", "pk")
    row = dates.filter(end__gte=now).first() or dates.last()
    if row is None:
        return page.start, page.end
    return row.start, row.end


def _plain_location(page, request=None):
    data = _Data(
        request=request,
        now=timezone.now(),
        domain="",
        occurrences={},
        runs={},
        sequences={},
        venues={page.venue_id: page.venue} if page.venue_id else {},
        rooms={page.room_id: page.room} if getattr(page, "room_id", None) else {},
        people={},
    )
    parent = getattr(page, "conference", None)
    if parent is not None and parent.venue_id:
        data.venues[parent.venue_id] = parent.venue
    return _place(page, data, parent)[0]


def _details(page, request=None):
    return "\n\n".join(filter(None, [page.summary.strip(), _page_url(page, request)]))


def google_calendar_url(page, start, end, request=None):
    if page.all_day:
        first, after = _all_day_dates(page, start, end)
        dates = f"{first:%Y%m%d}/{after:%Y%m%d}"
    else:
        local_start = to_local(start, page.time_zone)
        local_end = to_local(end, page.time_zone)
        dates = f"{local_start:%Y%m%dT%H%M%S}/{local_end:%Y%m%dT%H%M%S}"
    params = {
        "action": "TEMPLATE",
        "text": page.title,
        "dates": dates,
        "ctz": page.time_zone,
        "details": _details(page, request),
        "location": _plain_location(page, request),
    }
    return "https://calendar.google.com/calendar/render?" + _query(params)


def outlook_calendar_url(page, start, end, request=None):
    params = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": page.title,
    }
    if page.all_day:
        first, after = _all_day_dates(page, start, end)
        params.update(startdt=first.isoformat(), enddt=after.isoformat(), allday="true")
    else:
        params.update(
            startdt=_in_zone(start, page).isoformat(),
            enddt=_in_zone(end, page).isoformat(),
            allday="false",
        )
    params.update(body=_details(page, request), location=_plain_location(page, request))
    return "https://outlook.live.com/calendar/0/deeplink/compose?" + _query(params)


def _query(params):
    return urlencode({k: v for k, v in params.items() if v}, quote_via=quote, safe="/:")


def calendar_links(page, request=None, now=None):
    """The links of the add-to-calendar box of an event, conference or index page."""
    EventPage = apps.get_model("wagtail_events", "EventPage")
    ics = calendar_file_url(page, request)
    if not isinstance(page, EventPage):
        return CalendarLinks(ics_url=ics, webcal_url=webcal_url(ics), is_feed=True)
    is_programme = page.specific_class.__name__ == "ConferencePage"
    is_series = recurrence.is_repeating(page)
    start, end = _next_dates(page, now)
    return CalendarLinks(
        ics_url=ics,
        webcal_url=webcal_url(ics) if is_series or is_programme else "",
        google_url=google_calendar_url(page, start, end, request),
        outlook_url=outlook_calendar_url(page, start, end, request),
        is_series=is_series,
        is_programme=is_programme,
    )
