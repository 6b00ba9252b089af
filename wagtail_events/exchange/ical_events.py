"""The ``VEVENT`` components of an event page (``ical_text.VEvent``: written as
text, or handed on as icalendar's objects) from the same data the site shows: the page's fields for the series and the
materialised ``Occurrence`` rows for what happens on each date.

A repeating event is one ``VEVENT`` with its rule:

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
hours are not announced are whole days (``VALUE=DATE``). ``SEQUENCE`` is the
event's ``CalendarSequence``, raised on every publish that changes its time, place or status.
"""

import datetime
import functools
from dataclasses import dataclass
from functools import cached_property

from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .. import places
from ..enums import EventStatus, is_session
from ..localtime import to_local
from ..occurrences import recurrence
from ..programme import speakers
from .ical_parts import (
    excluded_starts,
    extra_starts,
    instance_value,
    rrule,
    set_times,
    zone,
)
from .ical_text import VEvent


STATUS = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.MOVED_ONLINE: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}


# The properties of a VEVENT


def _location(page, data, parent=None):
    """LOCATION and the venue it is at (for GEO), as ``places.location``
    says where to go, from the rooms and venues ``load`` read."""
    where = {
        "room": data.rooms.get(getattr(page, "room_id", None)),
        "venue": data.venues.get(page.venue_id),
        "parent": parent,
        "parent_venue": data.venues.get(parent.venue_id) if parent else None,
    }
    return places.location(page, **where)


def _description(page, data, note="", access="", parent=None):
    parts = []
    if page.status != EventStatus.SCHEDULED:
        parts.append(str(page.get_status_display()))  # not every app shows STATUS
    if note:
        parts.append(note)
    if page.summary:
        parts.append(page.summary.strip())
    if is_session(page) and page.speakers:
        names = [
            speaker.name
            for group in speakers.speaker_groups(page.speakers, data.people)
            for speaker in group.speakers
        ]
        if names:
            parts.append(", ".join(names))
    meeting_point = getattr(page, "meeting_point", "")
    if meeting_point:
        parts.append(_("Meeting point: %(place)s") % {"place": meeting_point})
    if access:
        parts.append(access)
    online = places.online_address(page, parent, admitted=page.pk in data.admitted)
    if online:
        parts.append(online)
    url = data.urls(page)
    if url:
        parts.append(url)
    return "\n\n".join(parts)


def _category(page):
    return _category_of(page.specific_class, get_language())


@functools.lru_cache(maxsize=256)
def _category_of(model, language):
    # Once per type and language: a feed has thousands of events of a few types.
    return str(capfirst(model._meta.verbose_name))


def _vevent(page, data, uid, parent=None, note=""):
    """A VEVENT with everything but its times."""
    event = VEvent()
    event.add("uid", uid)
    event.add("dtstamp", data.now)
    event.add("summary", page.title)
    event.add("sequence", data.sequences.get(page.translation_key, 0))
    event.add("status", STATUS.get(page.status, "CONFIRMED"))
    location, venue = _location(page, data, parent)
    access = places.access_elsewhere(venue, parent.venue_id) if parent else ""
    description = _description(page, data, note, access, parent)
    if description:
        event.add("description", description)
    url = data.urls(page)
    if url:
        event.add("url", url)
    event.add("categories", [_category(page)])
    if location:
        event.add("location", location)
    if venue is not None and venue.has_coordinates:
        event.add("geo", (float(venue.latitude), float(venue.longitude)))
    if page.first_published_at:
        event.add("created", page.first_published_at.astimezone(datetime.UTC))
    if page.last_published_at:
        event.add("last-modified", page.last_published_at.astimezone(datetime.UTC))
    return event


# The events of a page


@dataclass
class _Track:
    """The event itself (number 1) or one further run of a site visit, which takes
    place on every date of the event at the same wall-clock distance from it."""

    number: int
    start: datetime.datetime  # of the first date, aware
    end: datetime.datetime
    offset: datetime.timedelta  # from the event's wall-clock start
    uid_suffix: str


class EventExport:
    """The VEVENTs of one event page: the event or series, its moved dates and the
    further runs of a site visit (each a series of its own if the event repeats).
    ``data``: ``load`` of this page and the others of the document."""

    def __init__(self, page, data, parent=None):
        self.page = page
        self.data = data
        self.parent = parent
        self.zone = zone(page)
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
        self.runs = runs

    @cached_property
    def _plan(self):
        """Which track each date belongs to, and the end its rule gives it, as
        ``recurrence.planned_occurrences`` expands them: only for an event with
        further runs, once (an event of one track needs no expansion)."""
        planned_end = {
            original: end
            for original, _start, end in recurrence.planned_occurrences(
                self.page, self.data.now, runs=self.runs
            )
        }
        track_of = {}
        starts = recurrence.local_starts(
            self.page, recurrence.horizon(self.page, self.data.now)
        )
        for naive in starts:
            track_of.setdefault(recurrence.to_utc(naive, self.zone), self.tracks[0])
            for track in self.tracks[1:]:
                if naive == self.first:
                    start = track.start
                else:
                    start = recurrence.to_utc(naive + track.offset, self.zone)
                track_of.setdefault(start, track)
        return track_of, planned_end

    @property
    def track_of(self):
        return self._plan[0] if self.runs else {}

    def _track(self, row):
        return self.track_of.get(row.original_start, self.tracks[0])

    def _planned_end(self, row):
        """The end the rule gives the date ``row`` was planned on: as long on
        the wall as the event (``recurrence.planned_occurrences``)."""
        if self.runs:
            return self._plan[1].get(row.original_start, row.end)
        page = self.page
        duration = to_local(page.end, page.time_zone) - self.first
        wall = to_local(row.original_start, page.time_zone) + duration
        return recurrence.to_utc(wall, self.zone)

    def _rows(self, track):
        return [r for r in self.rows if self._track(r) is track]

    def event(self, track, uid_suffix="", note=""):
        uid = f"{self.page.translation_key}{track.uid_suffix}{uid_suffix}"
        return _vevent(
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
            set_times(event, self.page, track.start, track.end)
            return event
        set_times(event, self.page, row.start, row.end)
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
        return instance_value(self.page, recurrence.to_utc(naive, self.zone))

    def series(self, track):
        page = self.page
        rows = self._rows(track)
        master = self.event(track)
        set_times(master, page, track.start, track.end)
        excluded = {r.original_start for r in rows if r.cancelled}
        if self._shifts_cleanly(track):
            for rule in page.recurrence.rrules:
                master.add("rrule", rrule(rule, page, shift=track.offset))
            extra = sorted(extra_starts(page))
            if extra:
                self._add_dates(
                    master, "rdate", [self._value(s + track.offset) for s in extra]
                )
            excluded |= {
                recurrence.to_utc(s + track.offset, self.zone)
                for s in excluded_starts(page, self.data.now)
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
                    master, "rdate", [instance_value(page, d) for d in dates]
                )
        if excluded:
            self._add_dates(
                master, "exdate", [instance_value(page, s) for s in sorted(excluded)]
            )
        overrides = []
        for row in rows:
            if row.cancelled or not self._moved(row):
                continue
            override = self.event(track, note=row.note)
            override.add("recurrence-id", instance_value(page, row.original_start))
            set_times(override, page, row.start, row.end)
            overrides.append(override)
        return [master, *overrides]

    def _add_dates(self, component, name, values):
        # icalendar before 7 leaves out VALUE=DATE on lists of dates.
        parameters = {"VALUE": "DATE"} if self.page.all_day else None
        component.add(name, values, parameters=parameters)

    def _moved(self, row):
        planned_end = self._planned_end(row)
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
        set_times(event, self.page, row.start, row.end)
        if row.cancelled:
            event["status"] = "CANCELLED"
        return event
