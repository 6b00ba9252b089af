"""A series of meetings as plain data: its span, derived from its meetings, and
its meetings, upcoming then past, with their speakers.

``refresh_span(series)`` is the one rule for a series' own dates: the first start
to the last end of its live meetings (whole days when every meeting is), saved on
the series without a new revision. The signal handlers call it whenever a meeting
or the series is published, unpublished, moved or deleted, and store the series'
dates (``Occurrence``) only when it has meetings: a series without meetings has
no date anywhere.

``series_meetings(series)`` gives the series page its meetings in a fixed number
of queries, however many meetings and speakers there are.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from ..models import EventPage, MeetingPage
from ..models.visibility import without_own_restriction
from .speakers import people_by_id, person_ids, speaker_groups


@dataclass
class Span:
    start: datetime.datetime
    end: datetime.datetime
    all_day: bool


def live_meetings(series):
    """The series' live meetings that its page and feeds show, by date."""
    return without_own_restriction(
        MeetingPage.objects.child_of(series).live()
    ).order_by("start", "path")


def span_of(meetings):
    """The first start to the last end of ``meetings`` (objects with ``start``,
    ``end`` and ``all_day``), or None when there are none."""
    meetings = list(meetings)
    if not meetings:
        return None
    return Span(
        start=min(m.start for m in meetings),
        end=max(m.end for m in meetings),
        all_day=all(m.all_day for m in meetings),
    )


def refresh_span(series):
    """Set the series' ``start``, ``end`` and ``all_day`` from its live meetings,
    on ``series`` and in the database (no revision: editors never type them).
    Returns the ``Span``, or None for a series without live meetings, whose
    fields are left as they are (and must not be shown)."""
    rows = EventPage.objects.filter(
        pk__in=live_meetings(series).order_by().values("pk")
    ).only("start", "end", "all_day")
    span = span_of(rows)
    if span is None:
        return None
    if (series.start, series.end, series.all_day) != (
        span.start,
        span.end,
        span.all_day,
    ):
        series.start, series.end, series.all_day = span.start, span.end, span.all_day
        EventPage.objects.filter(pk=series.pk).update(
            start=span.start, end=span.end, all_day=span.all_day
        )
    return span


@dataclass
class Meeting:
    page: object  # the MeetingPage
    speakers: list  # SpeakerGroup, as speakers.speaker_groups gives them


@dataclass
class SeriesMeetings:
    upcoming: list = field(default_factory=list)  # first to last
    past: list = field(default_factory=list)  # newest first

    @property
    def next(self):
        return self.upcoming[0] if self.upcoming else None

    @property
    def last(self):
        return self.past[0] if self.past else None

    def __bool__(self):
        return bool(self.upcoming or self.past)

    @property
    def all(self):
        """Every meeting, first to last."""
        return [*reversed(self.past), *self.upcoming]


def series_meetings(series, now=None):
    """The series' meetings for its page: upcoming ones (not over yet) first to
    last, past ones newest first, each with its speakers. Two queries."""
    now = now or timezone.now()
    pages = list(live_meetings(series))
    people = people_by_id(person_ids([p.speakers for p in pages if p.speakers]))
    result = SeriesMeetings()
    for page in pages:
        page.series = series  # what its access follows (places.by_invitation)
        meeting = Meeting(page, speaker_groups(page.speakers, people))
        (result.upcoming if page.end >= now else result.past).append(meeting)
    result.past.reverse()
    return result
