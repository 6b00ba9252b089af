"""What an event index lists: the dates of its events, upcoming or past or in one
month, of one type or all, held in one language or any, a page at a time.

Every date is a row of the ``Occurrence`` table: a one-off event has one, a
repeating event one per date, so both kinds merge in date order in one SQL query,
filtered, sorted and paginated by the database. Each row comes with its page and
venue (``select_related``), so a listing page costs the same few queries whatever
the number of events.
"""

import datetime
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, OuterRef, Q, Subquery, When
from django.utils import timezone

from ..conf import events_settings
from ..i18n import event_languages
from ..localtime import get_zone
from ..models import Occurrence
from ..models.visibility import visible_children
from .filters import (
    EVENT_TYPES,
    event_types_of,
    held_in,
    language_choices,
    type_choices,
)
from .parts import listed_meetings, parts_by_event


MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass
class Day:
    """The dates of one day of a month view, in the events' own local dates."""

    date: datetime.date
    occurrences: list = field(default_factory=list)


@dataclass
class Listing:
    page: object  # a Django Page of Occurrence objects, each with .page (the event)
    paginator: Paginator
    when: str  # "upcoming", "past" or "month"
    event_type: str  # a key of EVENT_TYPES, an event type's slug, or ""
    type_choices: list
    language: str = ""  # a language code the events are held in, or ""
    language_choices: list = field(default_factory=list)
    month: datetime.date | None = None  # the first day of the month shown
    previous_month: datetime.date | None = None
    next_month: datetime.date | None = None
    # Events whose date is to be announced (upcoming view, first page): they
    # have no dates in the table, so they are listed apart, never as dated.
    to_be_announced: list = field(default_factory=list)

    @property
    def occurrences(self):
        return self.page.object_list

    # The name the templates used when the index listed pages.
    events = occurrences

    @property
    def days(self):
        """The occurrences of this page of a month view, grouped by day. An event
        that began in the previous month is under the month's first day."""
        if self.month is None:
            return []
        days = {}
        for occurrence in self.occurrences:
            day = max(occurrence.local_start.date(), self.month)
            days.setdefault(day, Day(day)).occurrences.append(occurrence)
        return [days[day] for day in sorted(days)]

    @property
    def query(self):
        """The query string of this listing without its page number."""
        params = []
        if self.when == "past":
            params.append(("when", "past"))
        if self.month is not None:
            params.append(("month", month_param(self.month)))
        params.append(("type", self.event_type))
        if self.language:
            params.append(("language", self.language))
        return urlencode(params)

    def month_query(self, month):
        params = [("month", month_param(month)), ("type", self.event_type)]
        if self.language:
            params.append(("language", self.language))
        return urlencode(params)

    @property
    def previous_month_query(self):
        return self.month_query(self.previous_month) if self.previous_month else ""

    @property
    def next_month_query(self):
        return self.month_query(self.next_month) if self.next_month else ""

    @property
    def current_month_query(self):
        """The month view of this month (in the site's zone), this type."""
        return self.month_query(_this_month())


class PagedOccurrences:
    """An ordered queryset of occurrences as a ``Paginator`` reads it: ``count()``
    and slices.

    A slice is fetched in one query of two steps: a subquery picks the ids of the
    page's dates from the occurrence table alone (narrow rows, cheap to sort and
    skip), and the outer query reads only those rows with their pages and venues
    (and the next date of cancelled ones). Sorting and skipping whole joined rows
    instead made a middle page of 10,000 events (267,000 dates) take 16 s on
    SQLite; see ``benchmarks/listing.py``.
    """

    def __init__(self, occurrences, decorate=None, now=None):
        self.occurrences = occurrences
        self.decorate = decorate or (lambda queryset: queryset)
        self.now = now

    def count(self):
        return self.occurrences.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        Occurrence = self.occurrences.model
        if connection.features.allow_sliced_subqueries_with_in:
            ids = self.occurrences.values("pk")[key]
        else:  # MySQL, MariaDB: one more query
            ids = list(self.occurrences.values_list("pk", flat=True)[key])
        page = Occurrence.objects.filter(pk__in=ids).select_related(
            "page", "page__venue", "page__event_type"
        )
        rows = list(self.decorate(page).order_by(*self.occurrences.query.order_by))
        return with_parts(rows, self.now)


def with_parts(rows, now=None):
    """Give each listed date what its card shows besides its times, in a fixed
    number of queries: ``parts``, the days of a conference held on several days
    (``parts.day_parts``), and ``meeting``, a series' next meeting (its last one
    once all are over). A series is one date in the table, from its first
    meeting to its last, so that it is listed once."""
    pages = {row.page_id: row.page for row in rows}.values()
    parts = parts_by_event(pages)
    meetings = listed_meetings(pages, now)
    for row in rows:
        # A date of a repeating event is its own part; so is a moved date.
        own = parts.get(row.page_id, [])
        row.parts = own if len(own) > 1 and row.start == row.page.start else []
        row.meeting = meetings.get(row.page_id)
        row.meeting_is_next = row.meeting is not None and row.meeting.end >= (
            now or timezone.now()
        )
    return rows


def event_pages(index, event_type="", language=""):
    """The events an index lists: its live children not restricted themselves, of
    one type or all, held in ``language`` (a code) or any (a restriction on the
    index is checked when it is served).

    A type is the label a card shows: the events of the site's event type of
    that slug, and the events of the page type of that value that have no event
    type of their own (a study day is not among the conferences)."""
    pages = visible_children(index)
    if event_type:
        of_type = Q(event_type__slug=event_type)
        if event_type in EVENT_TYPES:
            of_type |= pages.type_q(EVENT_TYPES[event_type]) & Q(
                event_type__isnull=True
            )
        pages = pages.filter(of_type)
    if language:
        pages = pages.filter(held_in(language))
    return pages


def _occurrences_of(pages):
    return Occurrence.objects.filter(
        page__in=pages.order_by().values("pk")
    ).select_related("page", "page__venue", "page__event_type")


def _with_next_date(occurrences):
    """Annotate each cancelled date with the start of the event's next date that
    is not cancelled (``next_start``), in the same query."""
    following = Occurrence.objects.filter(
        page=OuterRef("page"), cancelled=False, start__gt=OuterRef("start")
    ).order_by("start")
    return occurrences.annotate(
        next_start=Case(
            When(cancelled=True, then=Subquery(following.values("start")[:1])),
            default=None,
        )
    )


def occurrences_in(index, when="upcoming", event_type="", now=None, language=""):
    """The dates of the index's events: upcoming ones (those not yet over) first
    to last, each cancelled one with its ``next_start``, or past ones newest
    first."""
    now = now or timezone.now()
    occurrences = _occurrences_of(event_pages(index, event_type, language))
    if when == "past":
        return occurrences.filter(end__lt=now).order_by("-start", "-pk")
    return _with_next_date(occurrences.filter(end__gte=now)).order_by("start", "pk")


def paged_occurrences_in(index, when="upcoming", event_type="", now=None, language=""):
    """``occurrences_in`` for a ``Paginator``: see ``PagedOccurrences``."""
    return PagedOccurrences(
        occurrences_in(index, when, event_type, now, language),
        decorate=_with_next_date if when != "past" else None,
        now=now,
    )


def _month_bounds(month, zone_name):
    """The first moment of ``month`` and of the month after, in UTC, in a zone."""
    zone = get_zone(zone_name)
    first = datetime.datetime.combine(month, datetime.time(0))
    after = datetime.datetime.combine(_add_months(month, 1), datetime.time(0))
    return (
        first.replace(tzinfo=zone).astimezone(datetime.UTC),
        after.replace(tzinfo=zone).astimezone(datetime.UTC),
    )


def occurrences_in_month(index, month, event_type="", language=""):
    """The dates of the index's events that fall in ``month`` (a date, its first
    day) in each event's own zone, cancelled ones included, first to last."""
    pages = event_pages(index, event_type, language)
    zones = sorted(set(pages.order_by().values_list("time_zone", flat=True)))
    if not zones:
        return _occurrences_of(pages).none()
    in_month = Q()
    for zone in zones:
        first, after = _month_bounds(month, zone)
        # Under way in the month, or starting in it (an event without length at
        # midnight on the first included).
        in_month |= Q(page__time_zone=zone, start__lt=after) & (
            Q(end__gt=first) | Q(start__gte=first)
        )
    return _occurrences_of(pages).filter(in_month).order_by("start", "pk")


def paged_occurrences_in_month(index, month, event_type="", language=""):
    return PagedOccurrences(occurrences_in_month(index, month, event_type, language))


def _add_months(month, n):
    index = month.year * 12 + month.month - 1 + n
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_param(month):
    return f"{month.year:04d}-{month.month:02d}"


def parse_month(value):
    """The first day of the month of a ``YYYY-MM`` query value, or None."""
    match = MONTH_PATTERN.match(value or "")
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (datetime.MINYEAR < year < datetime.MAXYEAR and 1 <= month <= 12):
        return None
    return datetime.date(year, month, 1)


def _this_month(now=None):
    today = timezone.localdate(now or timezone.now())
    return today.replace(day=1)


def build_listing(index, request, now=None):
    event_types = event_types_of(index)
    event_type = request.GET.get("type", "")
    if event_type not in EVENT_TYPES and event_type not in event_types:
        event_type = ""
    language = event_languages.from_query(request.GET.get("language"))
    languages = language_choices(index, language)
    if "month" in request.GET:
        month = parse_month(request.GET["month"]) or _this_month(now)
        paginator = Paginator(
            paged_occurrences_in_month(index, month, event_type, language),
            events_settings.MONTH_PAGE_SIZE,
        )
        page = paginator.get_page(request.GET.get("page"))
        return Listing(
            page,
            paginator,
            "month",
            event_type,
            type_choices(event_types),
            language,
            languages,
            month=month,
            previous_month=_add_months(month, -1),
            next_month=_add_months(month, 1),
        )
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    paginator = Paginator(
        paged_occurrences_in(index, when, event_type, now, language),
        events_settings.INDEX_PAGE_SIZE,
    )
    page = paginator.get_page(request.GET.get("page"))
    undated = []
    if when == "upcoming" and page.number == 1:
        undated = undated_events(index, event_type, language)
    return Listing(
        page,
        paginator,
        when,
        event_type,
        type_choices(event_types),
        language,
        languages,
        to_be_announced=undated,
    )


def undated_events(index, event_type="", language=""):
    """The index's events whose date is to be announced, with their venues, in
    one query, in the order of the page tree."""
    return list(
        event_pages(index, event_type, language)
        .filter(date_to_be_announced=True)
        .select_related("venue", "event_type")
        .order_by("path")
    )
