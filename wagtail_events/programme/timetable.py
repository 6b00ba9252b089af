"""A conference's programme as plain data: days, a chronological list, and a grid
with time running down and rooms or tracks across.

Everything is read with a fixed number of queries, however many sessions and
speakers there are: the children of the conference (one query per page type),
their rooms, the further runs of site visits, the programme items and every
speaker's ``Person`` (``speakers.people_by_id``). Templates then only read
attributes.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from ..enums import EventKind, is_session, is_site_visit, kind_of
from ..localtime import to_local
from ..models import ProgrammeItem, Room, SiteVisitRun, Venue
from ..models.visibility import visible_sessions
from .speakers import people_by_id, person_ids, speaker_groups


# Programme items of these kinds run across every column when nothing else
# happens at the same time: everyone is at the coffee break.
SPANNING_KINDS = {"registration", "break", "meal", "reception"}

# A session slot's ``kind``, by the kind of its page. Templates write it as a CSS
# class (``we-slot--sitevisit``) that sites style, so it keeps the spelling it had
# before EventKind (the page type's name): "sitevisit", not "site-visit".
SLOT_KINDS = {
    EventKind.PANEL: "panel",
    EventKind.WORKSHOP: "workshop",
    EventKind.SITE_VISIT: "sitevisit",
}


@dataclass
class Slot:
    """One thing in the programme at one time: a session (or one run of it) or an item."""

    title: str
    kind: str
    kind_label: str
    start: datetime  # wall-clock time in the conference's zone
    end: datetime
    # The entry's identity, the same in every language and across changes of
    # time or place: a session's translation key (``-run2``… for further runs of
    # a site visit), ``item-`` and the translation key for a programme item. The
    # page's anchors, starred entries, calendar UIDs and frab guids derive from it.
    key: str = ""
    url: str = ""
    room: str = ""
    room_order: tuple = ()
    track: str = ""
    location: str = ""
    summary: str = ""
    speaker_groups: list = field(default_factory=list)
    all_day: bool = False
    times_announced: bool = True  # False for a session whose hours are not known yet
    is_session: bool = False
    cancelled: bool = False
    run: int = 0  # 1, 2… for a site visit that runs more than once; 0 otherwise
    spans: bool = False
    page_id: int | None = None  # the session's page (the personal agenda's id)
    # What structured data needs to say where and whether a session takes place.
    status: str = "scheduled"
    attendance_mode: str = ""
    online_url: str = ""
    venue_id: int | None = None

    @property
    def place(self):
        return self.room or self.location

    @property
    def anchor(self):
        """The id of the entry's element on the programme page."""
        return f"entry-{self.key}"

    @property
    def column_key(self):
        if self.room_order:  # a room, or a venue of its own (a room elsewhere)
            return ("room",) + self.room_order
        return ("track", self.location or self.track or self.kind_label)

    @property
    def column_label(self):
        return self.room or self.location or self.track or self.kind_label

    @property
    def speakers(self):
        return [speaker for group in self.speaker_groups for speaker in group.speakers]


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


def build_programme(conference, request=None):
    """The programme of a conference, from its live sessions (less those restricted
    to members themselves) and programme items."""
    zone = conference.time_zone
    sessions = list(visible_sessions(conference).specific().order_by("path"))
    sessions = [s for s in sessions if is_session(s)]
    items = list(
        ProgrammeItem.objects.filter(page=conference).order_by("start", "sort_order")
    )

    rooms = _rooms_by_id(
        {s.room_id for s in sessions if s.room_id}
        | {i.room_id for i in items if i.room_id},
        home_venue_id=conference.venue_id,
    )
    runs = _runs_by_page([s.pk for s in sessions if is_site_visit(s)])
    elsewhere = _venues_elsewhere(sessions, conference.venue_id)
    people = people_by_id(
        person_ids([s.speakers for s in sessions] + [i.speakers for i in items])
    )

    slots = []
    for session in sessions:
        slots += _session_slots(
            session, zone, rooms, runs.get(session.pk, []), people, request
        )
        if not session.room_id and session.venue_id in elsewhere:
            # Held in a building of its own (a short walk away): its place and
            # column are that building, as a programme item's are its location.
            # Its column comes after the venue's own rooms, as a room elsewhere.
            name = elsewhere[session.venue_id]
            for slot in slots[-1 - len(runs.get(session.pk, [])) :]:
                slot.location, slot.room_order = name, (True, name, 0, 0)
    for item in items:
        slots.append(_item_slot(item, zone, rooms, people))
    return Programme(days=_days(slots), time_zone=zone)


def _rooms_by_id(ids, home_venue_id=None):
    """Room names and their column order: the conference's own venue first, in the
    venue's room order, then rooms of other venues."""
    if not ids:
        return {}
    return {
        room.pk: (
            room.name,
            (
                room.venue_id != home_venue_id,
                room.venue.name,
                room.sort_order or 0,
                room.pk,
            ),
        )
        for room in Room.objects.filter(pk__in=ids).select_related("venue")
    }


def _venues_elsewhere(sessions, home_venue_id):
    """{venue pk: name} of the venues of sessions held away from the conference's
    venue, in one query (none when every session is at the conference's)."""
    ids = {s.venue_id for s in sessions if s.venue_id and not s.room_id}
    ids.discard(home_venue_id)
    if not ids:
        return {}
    return dict(Venue.objects.filter(pk__in=ids).values_list("pk", "name"))


def _runs_by_page(page_ids):
    if not page_ids:
        return {}
    runs = defaultdict(list)
    for run in SiteVisitRun.objects.filter(page_id__in=page_ids).order_by("start"):
        runs[run.page_id].append(run)
    return runs


def _room_fields(room_id, rooms):
    return rooms.get(room_id, ("", ()))


def _session_slots(session, zone, rooms, runs, people, request):
    room, room_order = _room_fields(session.room_id, rooms)
    common = {
        "title": session.title,
        "kind": SLOT_KINDS[kind_of(session)],
        "kind_label": str(session._meta.verbose_name).capitalize(),
        "url": session.get_url(request) or "",
        "room": room,
        "room_order": room_order,
        "track": session.track,
        "summary": session.summary,
        "speaker_groups": speaker_groups(session.speakers, people),
        "is_session": True,
        "page_id": session.pk,
        "status": session.status,
        "attendance_mode": session.attendance_mode,
        "online_url": session.online_url,
        "venue_id": session.venue_id,
        "cancelled": session.status == "cancelled",
        "all_day": session.all_day,
        "times_announced": not session.all_day,
    }
    times = [(session.start, session.end)] + [(run.start, run.end) for run in runs]
    numbered = len(times) > 1
    key = str(session.translation_key)
    return [
        Slot(
            start=to_local(start, zone),
            end=to_local(end, zone),
            run=index + 1 if numbered else 0,
            key=key if index == 0 else f"{key}-run{index + 1}",
            **common,
        )
        for index, (start, end) in enumerate(sorted(times))
    ]


def _item_slot(item, zone, rooms, people):
    room, room_order = _room_fields(item.room_id, rooms)
    return Slot(
        key=f"item-{item.translation_key}",
        title=item.title,
        kind=item.kind,
        kind_label=item.get_kind_display(),
        start=to_local(item.start, zone),
        end=to_local(item.end, zone),
        room=room,
        room_order=room_order,
        location=item.location,
        summary=item.description,
        speaker_groups=speaker_groups(item.speakers, people),
        all_day=item.all_day,
        spans=item.kind in SPANNING_KINDS and not item.room_id,
    )


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
    return Day(date=day, slots=timed, all_day=all_day, columns=columns, rows=rows)


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
