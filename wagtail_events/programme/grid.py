"""A day's timetable as a time-proportional grid: one grid row per five minutes
of elapsed time, a column per room or track (split into lanes where entries in
one column overlap), an item that everyone attends across every column.

The page writes each entry once, in the order of time, as an item of a list
that names its own time, room and title; the stylesheet places the items on
the grid on wide screens (``grid-row``/``grid-column`` from ``Placed``) and
leaves the plain list on a phone, on paper and to a screen reader, which never
needs the visual position.

Rows count elapsed minutes (in UTC), not wall-clock ones: on the day the clocks
change, an entry from 01:30 to 03:30 lasts an hour and is an hour tall.
"""

import datetime
from dataclasses import dataclass


STEP = 5  # minutes per grid row
# Grid lines of the day's grid: the first row holds the column headings, the
# first column the times. The entries sit in a subgrid of the rest, whose lines
# count from 1 again (``Placed``).
FIRST_ROW = 2
FIRST_COLUMN = 2
MARK_ROWS = 3  # a time on the axis is given up to 15 minutes of height


@dataclass
class Placed:
    """An entry (``Slot``) and where the grid puts it: lines of the entries'
    subgrid, 1-based."""

    slot: object
    row: int
    rows: int
    column: int
    columns: int


@dataclass
class Heading:
    label: str
    column: int
    columns: int


@dataclass
class Mark:
    """A start time written on the time axis (visual only: each entry names its own)."""

    time: datetime.datetime
    row: int  # a line of the day's grid
    rows: int = 1


@dataclass
class Grid:
    placed: list  # in the order of time: the reading order
    headings: list
    marks: list
    rows: int  # grid rows of STEP minutes
    lanes: int  # grid columns of entries


def _minutes(value, origin):
    elapsed = value.astimezone(datetime.UTC) - origin
    return int(elapsed.total_seconds() // 60)


def build_grid(timed, columns, placement):
    """The grid of a day's timed entries (``timed``, chronological), with the
    ``columns`` and lane ``placement`` (``id(slot)`` -> lane index) of the
    timetable. An entry without length gets one row in its column (or across
    every column when its column has nothing else)."""
    lanes = sum(column.lanes for column in columns) or 1
    headings, offset, column_of = [], 0, {}
    for column in columns:
        headings.append(Heading(column.label, FIRST_COLUMN + offset, column.lanes))
        column_of[column.label] = 1 + offset
        offset += column.lanes
    if not timed:
        return Grid([], headings, [], 0, lanes)
    origin = min(slot.start for slot in timed).astimezone(datetime.UTC)
    placed, marks, total = [], {}, 1
    for slot in timed:
        first = _minutes(slot.start, origin) // STEP
        last = -(-_minutes(slot.end, origin) // STEP)  # rounded up
        rows = max(1, last - first)
        total = max(total, first + rows)
        if id(slot) in placement and not slot.spans:
            column, columns = 1 + placement[id(slot)], 1
        elif slot.column_label in column_of and not slot.spans:
            column, columns = column_of[slot.column_label], 1
        else:
            column, columns = 1, lanes
        placed.append(Placed(slot, 1 + first, rows, column, columns))
        marks.setdefault(first, Mark(slot.start, FIRST_ROW + first))
    starts = sorted(marks)
    for here, following in zip(starts, [*starts[1:], total], strict=True):
        marks[here].rows = max(1, min(MARK_ROWS, following - here))
    return Grid(placed, headings, [marks[row] for row in starts], total, lanes)
