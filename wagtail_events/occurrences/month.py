"""A month as a calendar grid: weeks of seven days from the first day of the week
of the current language, each day with the dates of events held on it.

Plain data for ``includes/month.html``: the grid is built from the month's dates,
already read (``month_days``), so it costs no query of its own. A repeating
event is on each of its days (that is what a calendar is for); an event of
several days is on each day it lasts, within the month. A day shows its first
``WAGTAIL_EVENTS_MONTH_DAY_LIMIT`` dates and how many more it has, so that the
grid's size does not grow with the number of events.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.formats import get_format

from ..localtime import last_day


MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
DAY_PATTERN = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@dataclass
class Cell:
    date: datetime.date
    in_month: bool
    today: bool = False
    entries: list = field(default_factory=list)  # of Entry
    # How many dates the day has besides its entries, when they were capped
    # (``MONTH_DAY_LIMIT``), and the query string of the day's full list.
    more: int = 0
    day_query: str = ""


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


def weeks(month, occurrences, today=None, first=None, limit=None):
    """The weeks (lists of seven ``Cell``) that show ``month`` (its first day),
    with each occurrence (``local_start``/``local_end``, ``page.all_day``) on the
    days it is held in its own zone, in the order given; at most ``limit`` on a
    day (the first ones), the others counted in its ``more``."""
    placed = place(month, ((o, o.local_start, o.local_end) for o in occurrences), limit)
    return grid(month, placed, today, first)


def place(month, spans, limit=None):
    """The days of ``month`` each of ``spans`` ((key, local start, local end),
    in the order they are listed) is held on: ``{day: ([(key, starts)], count)}``,
    with at most ``limit`` keys a day, the first ones, and how many the day has
    in all. ``starts``: whether it starts on that day (its time is shown there)."""
    end = _month_end(month)
    placed = {}
    one_day = datetime.timedelta(days=1)
    for key, local_start, local_end in spans:
        begins = local_start.date()
        day = max(begins, month)
        ends = min(last_day(local_start, local_end), end)
        while day <= ends:
            entries, count = placed.get(day) or ([], 0)
            if limit is None or len(entries) < limit:
                entries.append((key, day == begins))
            placed[day] = (entries, count + 1)
            day += one_day
    return placed


def grid(month, placed, today=None, first=None, resolve=None):
    """The weeks of ``month`` with the days ``place`` gave, each key turned into
    the occurrence shown by ``resolve`` (the key itself unless given)."""
    first = first_weekday() if first is None else first
    end = _month_end(month)
    start = month - datetime.timedelta(days=(month.weekday() - first) % 7)
    stop = end + datetime.timedelta(days=(first - end.weekday() - 1) % 7)
    cells = []
    day = start
    while day <= stop:
        cell = Cell(day, month <= day <= end, day == today)
        entries, count = placed.get(day) or ([], 0)
        cell.entries = [
            Entry(resolve(key) if resolve else key, starts) for key, starts in entries
        ]
        cell.more = count - len(entries)
        cells.append(cell)
        day += datetime.timedelta(days=1)
    return [cells[i : i + 7] for i in range(0, len(cells), 7)]


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


def day_param(day):
    return day.isoformat()


def parse_day(value):
    """The date of a ``YYYY-MM-DD`` query value, or None."""
    if not DAY_PATTERN.match(value or ""):
        return None
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        return None
    # The day after (the end of its list) and the month's grid must exist.
    return day if datetime.MINYEAR < day.year < datetime.MAXYEAR else None


def this_month(now=None):
    today = timezone.localdate(now or timezone.now())
    return today.replace(day=1)
