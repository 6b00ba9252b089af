"""A conference's programme as plain data: days, a chronological list, and a grid
with time running down and rooms or tracks across.

The entries themselves (``Slot``) are read by ``entries.programme_slots`` with a
fixed number of queries; this module lays them out. Templates then only read
attributes.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from .entries import SLOT_KINDS, SPANNING_KINDS, Slot, programme_slots
from .grid import build_grid


__all__ = [
    "SLOT_KINDS",
    "SPANNING_KINDS",
    "Cell",
    "Column",
    "Day",
    "Programme",
    "Row",
    "Slot",
    "build_programme",
]


@dataclass
class Column:
    label: str
    lanes: int = 1


@dataclass
class Cell:
    slot: Slot | None
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Row:
    start: datetime
    end: datetime
    cells: list


@dataclass
class Day:
    date: date
    slots: list  # every timed slot of the day in chronological order
    all_day: list  # slots shown above the grid
    columns: list
    rows: list
    # The time-proportional grid the page shows (``grid.Grid``); ``rows`` are
    # the same day as table rows between the times something starts or ends.
    grid: object = None

    @property
    def width(self):
        return sum(column.lanes for column in self.columns)


@dataclass
class Programme:
    days: list
    time_zone: str

    @property
    def is_empty(self):
        return not self.days

    @property
    def entries(self):
        """Every entry (``Slot``) of the programme, in the order of time: the
        timetable's and the all-day ones, each once."""
        slots = [slot for day in self.days for slot in day.all_day + day.slots]
        return sorted(slots, key=lambda s: (s.start, s.end, s.title, s.key))


def build_programme(conference, request=None):
    """The programme of a conference, from its live sessions (less those restricted
    to members themselves) and programme items (``entries.programme_slots``)."""
    slots = programme_slots(conference, request)
    return laid_out(slots, conference.time_zone)


def laid_out(slots, time_zone):
    """A ``Programme`` of ``slots`` (each laid out anew: their ``spans`` may change)."""
    return Programme(days=_days(slots), time_zone=time_zone)


def _days(slots):
    by_day = defaultdict(list)
    for slot in slots:
        by_day[slot.start.date()].append(slot)
    return [_day(day, by_day[day]) for day in sorted(by_day)]


def _overlaps(a, b):
    return a.start < b.end and b.start < a.end


def _day(day, slots):
    slots.sort(key=lambda s: (s.start, s.end, s.column_key, s.title, s.run))
    all_day = [s for s in slots if s.all_day]
    timed = [s for s in slots if not s.all_day]
    # A slot without length (end == start, possible from code though not from the
    # admin form) has no row in the grid; the chronological list still shows it.
    gridded = [s for s in timed if s.end > s.start]
    # An item spans the columns only if nothing else happens meanwhile.
    for slot in gridded:
        if slot.spans and any(o is not slot and _overlaps(slot, o) for o in gridded):
            slot.spans = False
    # With nothing but spanning items there are no columns to span: give them one.
    if all(slot.spans for slot in gridded):
        for slot in gridded:
            slot.spans = False
    columns, placement = _columns(s for s in gridded if not s.spans)
    rows = _rows(gridded, columns, placement)
    return Day(
        date=day,
        slots=timed,
        all_day=all_day,
        columns=columns,
        rows=rows,
        grid=build_grid(timed, columns, placement),
    )


def _columns(slots):
    """Columns by room (in the venue's order) or track, split into lanes where
    sessions in one column overlap, such as two site visits at once."""
    lanes_by_key = defaultdict(list)  # key -> list of lanes, each a list of slots
    labels = {}
    for slot in slots:
        key = slot.column_key
        labels[key] = slot.column_label
        lanes = lanes_by_key[key]
        for lane in lanes:
            if lane[-1].end <= slot.start:
                lane.append(slot)
                break
        else:
            lanes.append([slot])
    keys = sorted(lanes_by_key, key=lambda k: (k[0] != "room", k[1:]))
    columns, placement, offset = [], {}, 0
    for key in keys:
        lanes = lanes_by_key[key]
        columns.append(Column(label=labels[key], lanes=len(lanes)))
        for lane_index, lane in enumerate(lanes):
            for slot in lane:
                placement[id(slot)] = offset + lane_index
        offset += len(lanes)
    return columns, placement


def _rows(timed, columns, placement):
    width = sum(column.lanes for column in columns) or 1
    bounds = sorted({s.start for s in timed} | {s.end for s in timed})
    intervals = [
        (a, b)
        for a, b in zip(bounds, bounds[1:], strict=False)
        if any(s.start <= a and b <= s.end for s in timed)
    ]
    row_of = {start: index for index, (start, _end) in enumerate(intervals)}
    grid = [[None] * width for _ in intervals]  # None: empty; False: covered
    for slot in timed:
        first = row_of[slot.start]
        span = sum(1 for a, b in intervals if slot.start <= a and b <= slot.end)
        if slot.spans:
            first_col, colspan = 0, width
        else:
            first_col, colspan = placement[id(slot)], 1
        grid[first][first_col] = Cell(slot, rowspan=span, colspan=colspan)
        for r in range(first, first + span):
            for c in range(first_col, first_col + colspan):
                if (r, c) != (first, first_col):
                    grid[r][c] = False
    return [
        Row(
            start=a,
            end=b,
            cells=[
                cell if cell is not None else Cell(None)
                for cell in grid[i]
                if cell is not False
            ],
        )
        for i, (a, b) in enumerate(intervals)
    ]
