"""What an event index lists: its events, upcoming or past, or the dates of one
month (a calendar grid or a list), of one type or all, held in one language or
any, in one place or any, a page at a time.

Every date is a row of the ``Occurrence`` table: a one-off event has one, a
repeating event one per date. The upcoming and past lists show each event once,
by one of its rows (its next date, or its last), so that a weekly meeting does
not flood them; the month view shows every date. Rows are picked, filtered,
sorted and paginated by the database in one SQL query, each with its page and
venue (``select_related``), so a listing page costs the same few queries
whatever the number of events.
"""

import datetime

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
    filter_rows,
    held_at,
    held_in,
    language_choices,
    place_choices,
    place_from_query,
    type_choices,
)
from .listed import Day, Listing  # noqa: F401 -- importable from here, as before
from .month import add_months, month_param, parse_day, parse_month, this_month  # noqa: F401 -- importable from here, as before
from .month_days import month_grid
from .parts import listed_meetings, parts_by_event


ONE_DAY = datetime.timedelta(days=1)


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


def event_pages(index, event_type="", language="", place=""):
    """The events an index lists: its live children not restricted themselves, of
    one type or all, held in ``language`` (a code) or any, at ``place`` (a town,
    or "online") or anywhere (a restriction on the index is checked when it is
    served).

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
    if place:
        pages = pages.filter(held_at(place))
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


def _one_per_event(pages, when, now):
    """One date of each of ``pages``: upcoming, its next date not over, a date
    that is not cancelled before one that is (a cancelled one stands for the
    event only when all its upcoming dates are); past, its last date that is
    over, likewise. In the same query: a subquery per event (not per date) over
    the (page, start) index picks the date's id."""
    if when == "past":
        pick = Occurrence.objects.filter(page=OuterRef("pk"), end__lt=now)
        pick = pick.order_by("cancelled", "-start", "-pk")
    else:
        pick = Occurrence.objects.filter(page=OuterRef("pk"), end__gte=now)
        pick = pick.order_by("cancelled", "start", "pk")
    picked = pages.order_by().annotate(pick=Subquery(pick.values("pk")[:1]))
    return Occurrence.objects.filter(
        pk__in=picked.filter(pick__isnull=False).values("pick")
    ).select_related("page", "page__venue", "page__event_type")


def occurrences_in(
    index, when="upcoming", event_type="", now=None, language="", place=""
):
    """The index's events, each once by one of its dates (``_one_per_event``):
    upcoming ones (those not yet over) first to last, a cancelled date with its
    ``next_start``, or past ones newest first."""
    now = now or timezone.now()
    pages = event_pages(index, event_type, language, place)
    occurrences = _one_per_event(pages, when, now)
    if when == "past":
        return occurrences.order_by("-start", "-pk")
    return _with_next_date(occurrences).order_by("start", "pk")


def paged_occurrences_in(
    index, when="upcoming", event_type="", now=None, language="", place=""
):
    """``occurrences_in`` for a ``Paginator``: see ``PagedOccurrences``."""
    return PagedOccurrences(
        occurrences_in(index, when, event_type, now, language, place),
        decorate=_with_next_date if when != "past" else None,
        now=now,
    )


def _day_bounds(first_day, after_day, zone_name):
    """The first moment of ``first_day`` and of ``after_day``, in UTC, in a zone."""
    zone = get_zone(zone_name)
    first = datetime.datetime.combine(first_day, datetime.time(0))
    after = datetime.datetime.combine(after_day, datetime.time(0))
    return (
        first.replace(tzinfo=zone).astimezone(datetime.UTC),
        after.replace(tzinfo=zone).astimezone(datetime.UTC),
    )


def occurrences_in_month(index, month, event_type="", language="", place=""):
    """The dates of the index's events that fall in ``month`` (a date, its first
    day) in each event's own zone, cancelled ones included, first to last."""
    return occurrences_in_days(
        index, month, add_months(month, 1), event_type, language, place
    )


def occurrences_in_days(
    index, first_day, after_day, event_type="", language="", place=""
):
    """The dates of the index's events under way from ``first_day`` to the day
    before ``after`` in each event's own zone, cancelled ones included, first to
    last."""
    pages = event_pages(index, event_type, language, place)
    zones = sorted(set(pages.order_by().values_list("time_zone", flat=True)))
    if not zones:
        return _occurrences_of(pages).none()
    in_month = Q()
    for zone in zones:
        first, after = _day_bounds(first_day, after_day, zone)
        # Under way in the month, or starting in it (an event without length at
        # midnight on the first included).
        in_month |= Q(page__time_zone=zone, start__lt=after) & (
            Q(end__gt=first) | Q(start__gte=first)
        )
    return _occurrences_of(pages).filter(in_month).order_by("start", "pk")


def paged_occurrences_in_month(index, month, event_type="", language="", place=""):
    return PagedOccurrences(
        occurrences_in_month(index, month, event_type, language, place),
        decorate=_with_next_date,
    )


def build_listing(index, request, now=None):
    event_types = event_types_of(index)
    event_type = request.GET.get("type", "")
    if event_type not in EVENT_TYPES and event_type not in event_types:
        event_type = ""
    language = event_languages.from_query(request.GET.get("language"))
    place = place_from_query(request.GET.get("place"))
    rows = filter_rows(index)
    filters = {
        "event_type": event_type,
        "type_choices": type_choices(event_types),
        "language": language,
        "language_choices": language_choices(index, language, rows),
        "place": place,
        "place_choices": place_choices(rows, place),
    }
    day = parse_day(request.GET["day"]) if "day" in request.GET else None
    if "month" in request.GET or day:
        month = (
            day.replace(day=1)
            if day
            else parse_month(request.GET["month"]) or this_month(now)
        )
        today = timezone.localdate(now or timezone.now())
        view = "list" if request.GET.get("view") == "list" else ""
        grid = None
        if day:
            # The full list of one day, in one request (the grid links to it).
            view = "day"
            dates = PagedOccurrences(
                occurrences_in_days(
                    index, day, day + ONE_DAY, event_type, language, place
                ),
                decorate=_with_next_date,
            )
            rows = dates[:]
            paginator = Paginator(rows, max(len(rows), 1))
        elif view:
            paginator = Paginator(
                paged_occurrences_in_month(index, month, event_type, language, place),
                events_settings.MONTH_PAGE_SIZE,
            )
        else:
            # The grid: each day's first dates and how many more, in two queries.
            grid, shown = month_grid(
                occurrences_in_month(index, month, event_type, language, place),
                month,
                today,
            )
            paginator = Paginator(shown, max(len(shown), 1))
        return Listing(
            paginator.get_page(request.GET.get("page")),
            paginator,
            "month",
            **filters,
            month=month,
            previous_month=add_months(month, -1),
            next_month=add_months(month, 1),
            view=view,
            today=today,
            day=day,
            grid=grid,
        )
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    paginator = Paginator(
        paged_occurrences_in(index, when, event_type, now, language, place),
        events_settings.INDEX_PAGE_SIZE,
    )
    page = paginator.get_page(request.GET.get("page"))
    undated = []
    if when == "upcoming" and page.number == 1:
        undated = undated_events(index, event_type, language, place)
    return Listing(page, paginator, when, **filters, to_be_announced=undated)


def undated_events(index, event_type="", language="", place=""):
    """The index's events whose date is to be announced, with their venues, in
    one query, in the order of the page tree."""
    return list(
        event_pages(index, event_type, language, place)
        .filter(date_to_be_announced=True)
        .select_related("venue", "event_type")
        .order_by("path")
    )
