"""A month as a calendar grid: weeks of seven days from the first day of the week
of the current language, each day with the dates of events held on it.

Plain data for ``includes/month.html``: the grid is built from the month's dates,
already read in one query (``listing.occurrences_in_month``), so it costs no
query of its own. A repeating event is on each of its days (that is what a
calendar is for); an event of several days is on each day it lasts, within the
month.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.formats import get_format

from ..localtime import last_day


MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass
class Cell:
    date: datetime.date
    in_month: bool
    today: bool = False
    entries: list = field(default_factory=list)  # of Entry


@dataclass(frozen=True)
class Entry:
    """An event's date on one day of the grid; ``starts``: whether it starts on
    that day (its time is shown there only)."""

    occurrence: object
    starts: bool


@dataclass(frozen=True)
class Weekday:
    abbr: str  # "Mon"
    name: str  # "Monday"


def first_weekday():
    """The first day of the week in the current language, as Python counts days
    (Monday 0): Django's ``FIRST_DAY_OF_WEEK`` counts from Sunday (0)."""
    return (int(get_format("FIRST_DAY_OF_WEEK")) - 1) % 7


def weekdays(first=None):
    """The column headers, from the first day of the week."""
    first = first_weekday() if first is None else first
    return [
        Weekday(str(WEEKDAYS_ABBR[(first + i) % 7]), str(WEEKDAYS[(first + i) % 7]))
        for i in range(7)
    ]


def _month_end(month):
    following = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def weeks(month, occurrences, today=None, first=None):
    """The weeks (lists of seven ``Cell``) that show ``month`` (its first day),
    with each occurrence (``local_start``/``local_end``, ``page.all_day``) on the
    days it is held in its own zone, in the order given."""
    first = first_weekday() if first is None else first
    end = _month_end(month)
    start = month - datetime.timedelta(days=(month.weekday() - first) % 7)
    stop = end + datetime.timedelta(days=(first - end.weekday() - 1) % 7)
    cells = {}
    day = start
    while day <= stop:
        cells[day] = Cell(day, month <= day <= end, day == today)
        day += datetime.timedelta(days=1)
    for occurrence in occurrences:
        begins = occurrence.local_start.date()
        ends = last_day(occurrence.local_start, occurrence.local_end)
        day = max(begins, month)
        while day <= min(ends, end):
            cells[day].entries.append(Entry(occurrence, day == begins))
            day += datetime.timedelta(days=1)
    ordered = list(cells.values())
    return [ordered[i : i + 7] for i in range(0, len(ordered), 7)]


def add_months(month, n):
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


def this_month(now=None):
    today = timezone.localdate(now or timezone.now())
    return today.replace(day=1)
