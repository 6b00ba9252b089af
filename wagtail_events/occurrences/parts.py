"""What an event is made of in time: the parts of a conference held on several
days, and the meeting of a series that a listing names.

**Parts.** A conference whose sessions fall on different days (an online forum of
two sessions, 2 December 14:00-15:30 and 3 December 10:30-12:00) is held as
parts, not as one block spanning the nights between them. ``day_parts`` is the
one rule: for each local day (in the conference's zone), the first start to the
last end of its timed entries (sessions, further runs of site visits, programme
items not open all day). A conference of one day, a repeating one, or one
without timed entries is one part: its own start and end. The listing, the
conference page, its ``calendar.ics`` and its Google/Outlook links all read the
parts from here (``parts_by_event``, one query for any number of events).

**Meetings.** A series is listed once, with its next meeting (or its last, once
all are over): ``listed_meetings``, one query for any number of series.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import CharField, F, Q, Value
from django.utils import timezone

from ..enums import EventStatus, is_conference, is_series
from ..localtime import last_day, to_local
from ..models import EventPage, MeetingPage, ProgrammeItem, SiteVisitRun
from ..models.visibility import without_own_restriction
from .rules import is_dated, is_repeating


@dataclass(frozen=True)
class Part:
    """One part of an event: a day of a conference, in the event's zone."""

    start: datetime.datetime  # aware
    end: datetime.datetime
    time_zone: str
    all_day: bool = False

    @property
    def local_start(self):
        return to_local(self.start, self.time_zone)

    @property
    def local_end(self):
        return to_local(self.end, self.time_zone)

    @property
    def day(self):
        return self.local_start.date()

    @property
    def uid_suffix(self):
        """What a part adds to the event's calendar UID: its local day, which
        stays the same when the part's hours change."""
        return f"-{self.day:%Y%m%d}"


def own_part(event):
    return Part(event.start, event.end, event.time_zone, bool(event.all_day))


def spans_days(event):
    """Whether the event's own start and end fall on different local days."""
    start = to_local(event.start, event.time_zone)
    end = to_local(event.end, event.time_zone)
    return last_day(start, end) > start.date()


def _may_have_parts(event):
    return (
        is_conference(event)
        and is_dated(event)
        and not is_repeating(event)
        and spans_days(event)
    )


def day_parts(event, entries):
    """The parts of ``event`` from its timed ``entries`` (objects or tuples with
    ``start`` and ``end``, aware): one per local day that has entries, from the
    first start to the last end of that day's entries. Its own start and end
    when it is not a conference of several days or has no timed entries."""
    if not _may_have_parts(event) or event.all_day:
        return [own_part(event)]
    days = defaultdict(list)
    for start, end in entries:
        days[to_local(start, event.time_zone).date()].append((start, end))
    if not days:
        return [own_part(event)]
    return [
        Part(
            min(start for start, _end in days[day]),
            max(end for _start, end in days[day]),
            event.time_zone,
        )
        for day in sorted(days)
    ]


def live_children(parents, model=EventPage):
    """The live children of ``parents`` that their listings show, one query."""
    condition = reduce(
        or_, (Q(path__startswith=p.path, depth=p.depth + 1) for p in parents)
    )
    return without_own_restriction(model.objects.live().filter(condition))


def parts_by_event(events):
    """{event pk: [Part]} for ``events`` (event pages, specific or not): one
    query when any is a conference of several days, none otherwise. An event
    whose date is to be announced has no part."""
    result = {
        event.pk: [own_part(event)] if is_dated(event) else [] for event in events
    }
    conferences = {e.path: e for e in events if _may_have_parts(e) and not e.all_day}
    if not conferences:
        return result
    # The timed entries of every conference in one query: its sessions, their
    # further runs and its programme items, each with the path it hangs from.
    # A cancelled session does not take place: it makes no part.
    sessions = (
        live_children(conferences.values())
        .filter(all_day=False)
        .exclude(status=EventStatus.CANCELLED)
    )
    columns = ("entry", "path", "start", "end")
    rows = (
        sessions.annotate(entry=Value("session", output_field=CharField()))
        .values_list(*columns)
        .order_by()
        .union(
            SiteVisitRun.objects.filter(page__in=sessions.values("pk"))
            .annotate(
                entry=Value("run", output_field=CharField()), path=F("page__path")
            )
            .values_list(*columns)
            .order_by(),
            ProgrammeItem.objects.filter(
                page_id__in=[c.pk for c in conferences.values()], all_day=False
            )
            .annotate(
                entry=Value("item", output_field=CharField()), path=F("page__path")
            )
            .values_list(*columns)
            .order_by(),
            all=True,
        )
    )
    entries = defaultdict(list)
    for kind, path, start, end in rows:
        conference = conferences[path if kind == "item" else _parent_path_of(path)]
        entries[conference.pk].append((start, end))
    for conference in conferences.values():
        result[conference.pk] = day_parts(conference, entries[conference.pk])
    return result


def parts_of(event):
    """The parts of one event, read once per page object: its header, its
    add-to-calendar links and its calendar file share them."""
    cached = event.__dict__.get("_wagtail_events_parts")
    if cached is None:
        cached = parts_by_event([event])[event.pk]
        event.__dict__["_wagtail_events_parts"] = cached
    return cached


def _parent_path_of(path):
    return path[: -EventPage.steplen]


def listed_meetings(series_pages, now=None):
    """{series pk: MeetingPage} for ``series_pages``: each series' next meeting
    not over yet, else its last one; a series without meetings is left out. One
    query (none without series)."""
    series_pages = [s for s in series_pages if is_series(s)]
    if not series_pages:
        return {}
    now = now or timezone.now()
    by_path = {s.path: s for s in series_pages}
    chosen = {}
    meetings = live_children(series_pages, MeetingPage).order_by("start", "path")
    for meeting in meetings:
        series = by_path[_parent_path_of(meeting.path)]
        current = chosen.get(series.pk)
        if current is None or current.end < now:
            # Meetings come first to last: keep the first one not over, or the
            # last of all when every one is over.
            chosen[series.pk] = meeting
    return chosen
