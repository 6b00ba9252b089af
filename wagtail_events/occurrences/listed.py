"""What an index page shows, as its template reads it: the ``Listing`` of one
view (upcoming, past, a month) with its filters and the query strings of its
links, and the days of a month (or of one day: the list a day of the grid links
to when it has more dates than it shows)."""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator

from .month import day_param, month_param, this_month, weekdays, weeks


ONE_DAY = datetime.timedelta(days=1)


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
    place: str = ""  # a venue's town, "online", or ""
    place_choices: list = field(default_factory=list)
    view: str = ""  # of a month: "" (the calendar grid), "list" or "day"
    today: datetime.date | None = None
    day: datetime.date | None = None  # the day listed (view "day")
    grid: list | None = None  # the grid's weeks, as read (``month_days``)

    @property
    def filtered(self):
        """Whether the visitor chose a type, language or place."""
        return bool(self.event_type or self.language or self.place)

    @property
    def weeks(self):
        """The month as a calendar grid (``month.weeks``)."""
        if self.month is None:
            return []
        rows = self.grid
        if rows is None:
            rows = weeks(self.month, self.occurrences, self.today)
        for week in rows:
            for cell in week:
                if cell.more:
                    cell.day_query = self.day_query(cell.date)
        return rows

    @property
    def weekdays(self):
        return weekdays()

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
            day = max(occurrence.local_start.date(), self.day or self.month)
            days.setdefault(day, Day(day)).occurrences.append(occurrence)
        return [days[day] for day in sorted(days)]

    @property
    def query(self):
        """The query string of this listing without its page number."""
        params = []
        if self.when == "past":
            params.append(("when", "past"))
        if self.day is not None:
            params.append(("day", day_param(self.day)))
        elif self.month is not None:
            params.append(("month", month_param(self.month)))
        if self.view and self.view != "day":
            params.append(("view", self.view))
        params += self._filters()
        return urlencode(params)

    def day_query(self, day):
        """The full list of one day, these filters."""
        return urlencode([("day", day_param(day)), *self._filters()])

    @property
    def previous_day_query(self):
        return self.day_query(self.day - ONE_DAY) if self.day else ""

    @property
    def next_day_query(self):
        return self.day_query(self.day + ONE_DAY) if self.day else ""

    @property
    def previous_day(self):
        return self.day - ONE_DAY if self.day else None

    @property
    def next_day(self):
        return self.day + ONE_DAY if self.day else None

    def _filters(self):
        params = [("type", self.event_type)]
        if self.language:
            params.append(("language", self.language))
        if self.place:
            params.append(("place", self.place))
        return params

    @property
    def reset_query(self):
        """This view (upcoming, past, this month) with no filter."""
        if self.when == "past":
            return "when=past"
        if self.day is not None:
            return urlencode([("day", day_param(self.day))])
        if self.month is not None:
            view = [("view", self.view)] if self.view else []
            return urlencode([("month", month_param(self.month)), *view])
        return ""

    def month_query(self, month, view=None):
        view = self.view if view is None else view
        if view == "day":
            view = ""
        params = [("month", month_param(month))]
        if view:
            params.append(("view", view))
        return urlencode(params + self._filters())

    @property
    def list_query(self):
        """This month as a list."""
        return self.month_query(self.month, "list") if self.month else ""

    @property
    def grid_query(self):
        """This month as a calendar grid."""
        return self.month_query(self.month, "") if self.month else ""

    @property
    def previous_month_query(self):
        return self.month_query(self.previous_month) if self.previous_month else ""

    @property
    def next_month_query(self):
        return self.month_query(self.next_month) if self.next_month else ""

    @property
    def current_month_query(self):
        """The month view of this month (in the site's zone), these filters."""
        return self.month_query(this_month(), "")

    @property
    def upcoming_query(self):
        return urlencode(self._filters())

    @property
    def past_query(self):
        return urlencode([("when", "past"), *self._filters()])
