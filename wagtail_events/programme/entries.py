"""The entries of a conference's programme: every timed thing in it (a session, each
run of a site visit, a programme item such as a plenary, a break or an exhibition)
as one ``Slot`` of plain data that the page, the calendar files, the frab schedule
and the structured data all read, so that they agree entry by entry.

``programme_slots(conference, request)`` reads them with a fixed number of queries,
however many sessions, items and speakers there are: the children of the
conference (one query per page type), their rooms with their venues, the venues
sessions name, the further runs of site visits, the programme items and every
speaker's ``Person``.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin

from .. import places
from ..enums import EventKind, is_session, is_site_visit, kind_of
from ..i18n import event_languages
from ..localtime import to_local
from ..models import EventType, ProgrammeItem, Room, SiteVisitRun, Venue
from ..models.visibility import visible_sessions
from .speakers import people_by_id, person_ids, speaker_groups


# Programme items of these kinds run across every column when nothing else
# happens at the same time: everyone is at the coffee break.
SPANNING_KINDS = {"registration", "break", "meal", "reception"}

# Programme items that a calendar may leave out (``WAGTAIL_EVENTS_CALENDAR_BREAKS``):
# moments between the programme's entries rather than entries one attends.
BREAK_KINDS = {"registration", "break", "meal"}

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
    # a site visit, numbered by their start as the calendar's UIDs are), ``item-``
    # and the translation key for a programme item. The page's anchors, starred
    # entries, calendar UIDs and frab guids derive from it.
    key: str = ""
    url: str = ""  # the session's page (relative); "" for an item
    # The entry's full address: the session's page, or the conference page and the
    # entry's anchor for an item (which has no page of its own).
    full_url: str = ""
    # The instants of ``start`` and ``end`` (aware), for files that write UTC or
    # offsets: the wall-clock times are ambiguous in the hour the clocks go back.
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    room: str = ""  # the room's name
    room_record: object = None  # the ``Room`` (its guid, capacity, venue), or None
    room_order: tuple = ()
    # The building the room is in, or the venue of a session held elsewhere
    # (its own venue, not the conference's): "De Zalm".
    building: str = ""
    track: str = ""
    location: str = ""  # a programme item's place in words: "Central hall"
    # Where to go in one line, as ``places.location`` writes it for the session
    # page: the room with its venue's address, the venue, the online address, or
    # the conference's place. The calendar's LOCATION.
    location_line: str = ""
    # The venue that line names (a ``Venue``; None for an online address): the
    # calendar's GEO and the structured data's ``Place``.
    venue: object = None
    # Whether the entry is held at a venue other than the conference's, and that
    # venue's accessibility note (stairs only), which the conference's does not give.
    elsewhere: bool = False
    access_note: str = ""
    summary: str = ""
    description: str = ""  # a programme item's description (sessions: their page)
    speaker_groups: list = field(default_factory=list)
    all_day: bool = False
    times_announced: bool = True  # False for a session whose hours are not known yet
    is_session: bool = False
    cancelled: bool = False
    run: int = 0  # 1, 2… for a site visit that runs more than once; 0 otherwise
    spans: bool = False
    page_id: int | None = None  # the session's page (the personal agenda's id)
    item_id: int | None = None  # the ``ProgrammeItem`` of an item
    # What structured data needs to say where and whether a session takes place.
    status: str = "scheduled"
    attendance_mode: str = ""
    # The public online address (``places.public_online_url``: "" for an entry
    # by invitation) and where to join (``places.online_address``), or "".
    online_url: str = ""
    online_address: str = ""
    # By invitation (its own or its conference's access): marked in the
    # programme; joined online at a private address (``places.joins_privately``).
    by_invitation: bool = False
    joins_privately: bool = False
    venue_id: int | None = None
    # The codes of the languages it is held in: a session's own, else (and for
    # an item) the conference's; () when neither states any.
    languages: tuple = ()
    # A session's registration form (None: none needed) and the key its places
    # are counted under (``registration.keys.event_key``): the programme's marks.
    registration_form_id: int | None = None
    event_key: object = None

    @property
    def place(self):
        return self.room or self.location

    @property
    def place_name(self):
        """The place as a name: the room with its building, the venue of a session
        held elsewhere, or an item's place in words; "" when the entry names none
        of its own (it is at the conference's venue)."""
        if self.room:
            return ", ".join(filter(None, [self.room, self.building]))
        if self.elsewhere:
            return self.building
        return self.location

    @property
    def anchor(self):
        """The id of the entry's element on the programme page."""
        return f"entry-{self.key}"

    @property
    def is_break(self):
        return not self.is_session and self.kind in BREAK_KINDS

    @property
    def column_key(self):
        if self.room:
            return ("room",) + self.room_order
        if self.elsewhere and self.building:
            # A session held at another venue (without a room there) is in that
            # venue's column, next to the venue's rooms, not in its track's.
            return ("room", True, self.building, -1, 0)
        return ("track", self.track or self.location or self.kind_label)

    @property
    def column_label(self):
        if self.room:
            # A room of another venue says which building it is in.
            return f"{self.room} ({self.building})" if self.elsewhere else self.room
        if self.elsewhere and self.building:
            return self.building
        return self.track or self.location or self.kind_label

    @property
    def speakers(self):
        return [speaker for group in self.speaker_groups for speaker in group.speakers]


@dataclass
class _Places:
    """The rooms and venues the entries name, read once."""

    rooms: dict  # room pk -> Room with its venue
    venues: dict  # venue pk -> Venue (the sessions' own and the conference's)
    conference: object
    conference_venue: object

    def room(self, room_id):
        return self.rooms.get(room_id)

    def room_order(self, room):
        if room is None:
            return ()
        return (
            room.venue_id != self.conference.venue_id,
            room.venue.name,
            room.sort_order or 0,
            room.pk,
        )

    def where(self, venue):
        """``elsewhere`` and ``access_note`` of an entry at ``venue``."""
        home = self.conference.venue_id
        return {
            "elsewhere": venue is not None and venue.pk != home,
            "access_note": places.access_elsewhere(venue, home),
        }


@dataclass
class Entries:
    slots: list  # every entry, in no order
    sessions: list  # the session pages they were read from (specific)


def programme_slots(conference, request=None):
    """Every entry of the conference's programme, from its live sessions (less
    those restricted to members themselves) and programme items, in no order."""
    return programme_entries(conference, request).slots


def programme_entries(conference, request=None, sessions=None):
    """``programme_slots`` and the session pages they were read from, for files
    that write more of a session than the programme shows (frab's description).
    ``sessions``: the conference's visible sessions (specific pages), when the
    caller has read them already (the calendar file)."""
    zone = conference.time_zone
    if sessions is None:
        sessions = list(visible_sessions(conference).specific().order_by("path"))
    sessions = [s for s in sessions if is_session(s)]
    items = list(
        ProgrammeItem.objects.filter(page=conference).order_by("start", "sort_order")
    )
    room_ids = {s.room_id for s in sessions if s.room_id}
    room_ids |= {i.room_id for i in items if i.room_id}
    rooms = (
        {r.pk: r for r in Room.objects.filter(pk__in=room_ids).select_related("venue")}
        if room_ids
        else {}
    )
    # The conference's venue through its relation: the page that shows the
    # programme reads it anyway, so it costs that page no query of its own.
    conference_venue = conference.venue if conference.venue_id else None
    venue_ids = {s.venue_id for s in sessions if s.venue_id}
    venue_ids -= {conference.venue_id}
    venues = Venue.objects.in_bulk(venue_ids) if venue_ids else {}
    if conference_venue is not None:
        venues[conference_venue.pk] = conference_venue
    known = _Places(rooms, venues, conference, conference_venue)
    event_types = _event_types(conference, sessions)
    runs = _runs_by_page([s.pk for s in sessions if is_site_visit(s)])
    people = people_by_id(
        person_ids([s.speakers for s in sessions] + [i.speakers for i in items])
    )
    conference_url = conference.get_full_url(request) or ""

    slots = []
    for session in sessions:
        slots += _session_slots(
            session,
            zone,
            known,
            runs.get(session.pk, []),
            people,
            request,
            event_types.get(session.event_type_id),
        )
    for item in items:
        slots.append(_item_slot(item, zone, known, people, conference_url))
    return Entries(slots=slots, sessions=sessions)


def _event_types(conference, sessions):
    """{pk: EventType} of the sessions' and the conference's event types, in one
    query (none without any). The conference's is set on it, so that the page
    naming it above its title ("Study day") reads it without a query of its own."""
    ids = {s.event_type_id for s in sessions if s.event_type_id}
    if conference.event_type_id:
        ids.add(conference.event_type_id)
    event_types = EventType.objects.in_bulk(ids) if ids else {}
    if conference.event_type_id in event_types:
        conference.event_type = event_types[conference.event_type_id]
    return event_types


def _runs_by_page(page_ids):
    if not page_ids:
        return {}
    runs = defaultdict(list)
    for run in SiteVisitRun.objects.filter(page_id__in=page_ids).order_by(
        "start", "sort_order", "pk"
    ):
        runs[run.page_id].append(run)
    return runs


def _session_slots(session, zone, known, runs, people, request, event_type=None):
    room = known.room(session.room_id)
    venue = known.venues.get(session.venue_id) if session.venue_id else None
    line, line_venue = places.location(
        session,
        room=room,
        venue=venue,
        parent=known.conference,
        parent_venue=known.conference_venue,
    )
    own_venue = room.venue if room is not None else venue
    url = session.get_url(request) or ""
    common = {
        "title": session.title,
        "kind": SLOT_KINDS[kind_of(session)],
        # What the organisers call it ("Counselling session"), else its page type.
        "kind_label": event_type.name
        if event_type is not None
        else str(session._meta.verbose_name).capitalize(),
        "url": url,
        "full_url": session.get_full_url(request) or "",
        "room": room.name if room is not None else "",
        "room_record": room,
        "room_order": known.room_order(room),
        "building": own_venue.name if own_venue is not None else "",
        "location_line": line,
        "venue": line_venue,
        **known.where(own_venue),
        "track": session.track,
        "summary": session.summary,
        "speaker_groups": speaker_groups(session.speakers, people),
        "is_session": True,
        "page_id": session.pk,
        "status": session.status,
        "attendance_mode": session.attendance_mode,
        "online_url": places.public_online_url(session, known.conference),
        "online_address": places.online_address(session, known.conference),
        "by_invitation": places.by_invitation(session, known.conference),
        "joins_privately": places.joins_privately(session, known.conference),
        "venue_id": session.venue_id,
        "cancelled": session.status == "cancelled",
        "all_day": session.all_day,
        "times_announced": not session.all_day,
        "languages": tuple(event_languages.held_in(session, known.conference)),
        "registration_form_id": session.registration_form_id,
        "event_key": session.translation_key,
    }
    key = str(session.translation_key)
    # Keys as the calendar's UIDs: the page's own time is the entry itself, its
    # further runs ``-run2``… by their start; ``run`` numbers them all by time.
    times = [(session.start, session.end, key)] + [
        (run.start, run.end, f"{key}-run{number}")
        for number, run in enumerate(runs, start=2)
    ]
    numbered = len(times) > 1
    return [
        Slot(
            start=to_local(start, zone),
            end=to_local(end, zone),
            starts_at=start,
            ends_at=end,
            run=index + 1 if numbered else 0,
            key=run_key,
            **common,
        )
        for index, (start, end, run_key) in enumerate(sorted(times))
    ]


def _item_slot(item, zone, known, people, conference_url):
    room = known.room(item.room_id)
    line, venue = places.item_location(
        item, room=room, parent=known.conference, parent_venue=known.conference_venue
    )
    key = f"item-{item.translation_key}"
    return Slot(
        key=key,
        item_id=item.pk,
        title=item.title,
        kind=item.kind,
        kind_label=item.get_kind_display(),
        start=to_local(item.start, zone),
        end=to_local(item.end, zone),
        starts_at=item.start,
        ends_at=item.end,
        full_url=urljoin(conference_url, f"#entry-{key}") if conference_url else "",
        room=room.name if room is not None else "",
        room_record=room,
        room_order=known.room_order(room),
        building=room.venue.name if room is not None else "",
        location=item.location,
        location_line=line,
        venue=venue,
        **known.where(room.venue if room is not None else None),
        summary=item.description,
        description=item.description,
        speaker_groups=speaker_groups(item.speakers, people),
        all_day=item.all_day,
        spans=item.kind in SPANNING_KINDS and not item.room_id,
        languages=tuple(event_languages.held_in(known.conference)),
    )
