"""The programme as a visitor narrows it down: by day, room, track, type and
language, as GET parameters (``?day=2024-04-19&room=12&language=nl``) that a
plain form sends, so that the filters work without JavaScript, combine, and
keep their state in the address.

Choices come from the whole programme's entries (no query): a filter is
offered when it has more than one choice, or when a value was asked for. The
breaks, meals and receptions everyone attends stay with a room, track or
language filter, as the frame of the day; a type filter keeps its type only.
The full programme stays what the calendar files, frab and the structured
data read.
"""

import datetime
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from ..i18n import event_languages
from .entries import SPANNING_KINDS
from .timetable import Programme, laid_out


# The GET parameters, in the order the form shows them.
NAMES = ("day", "room", "track", "type", "language")


@dataclass
class Facet:
    name: str  # the GET parameter
    label: str
    choices: list  # (value, label), the first ("", "All …")
    value: str = ""

    @property
    def field_id(self):
        return f"we-programme-{self.name}"


@dataclass
class ProgrammeFilter:
    programme: Programme  # what the page shows: all entries, or those kept
    facets: list = field(default_factory=list)  # the filters offered
    asked: dict = field(default_factory=dict)  # name -> value asked for
    matched: int = 0  # entries that match every filter (not the frame kept)

    @property
    def shown(self):
        return bool(self.facets)

    @property
    def active(self):
        return bool(self.asked)

    @property
    def language(self):
        return self.asked.get("language", "")

    @property
    def query(self):
        """The filters asked for, as a query string for links that keep them."""
        return urlencode(
            [(name, self.asked[name]) for name in NAMES if name in self.asked]
        )

    @property
    def no_match(self):
        """Filters were asked for and nothing is left: the page says so."""
        return self.active and not self.matched

    @property
    def no_sessions(self):
        """A language was asked for that no session is held in."""
        return bool(self.language) and not any(
            slot.is_session for slot in self.programme.entries
        )


def _for_everyone(slot):
    """A break, meal or reception: held for everyone, kept as the day's frame."""
    return not slot.is_session and slot.kind in SPANNING_KINDS


def _spans(slot):
    """As ``entries`` first decides it for an item, before the layout."""
    return _for_everyone(slot) and slot.room_record is None


def day_value(slot):
    return slot.start.date().isoformat()


def room_value(slot):
    return str(slot.room_record.pk) if slot.room_record is not None else ""


def type_value(slot):
    return slugify(str(slot.kind_label)) or slot.kind


def _matches(name, value, slot):
    if name == "day":
        return day_value(slot) == value
    if name == "type":
        return type_value(slot) == value
    if name == "room":
        return room_value(slot) == value
    if name == "track":
        return slot.track == value
    return value in slot.languages


def _keeps(name, value, slot):
    """Whether the page keeps ``slot``: it matches, or it is the day's frame."""
    if _matches(name, value, slot):
        return True
    if name in ("room", "track"):
        return _spans(slot)
    return name == "language" and _for_everyone(slot)


def _choices(entries):
    days, rooms, tracks, types, languages = {}, {}, {}, {}, set()
    for slot in entries:
        days[day_value(slot)] = slot.start.date()
        if slot.room_record is not None:
            rooms[room_value(slot)] = (slot.room_order, slot.column_label)
        if slot.track:
            tracks[slot.track] = slot.track
        types.setdefault(type_value(slot), str(slot.kind_label))
        languages.update(slot.languages)
    return {
        "day": [(value, days[value]) for value in sorted(days)],
        "room": [
            (value, label)
            for value, (_order, label) in sorted(rooms.items(), key=lambda kv: kv[1])
        ],
        "track": sorted(tracks.items(), key=lambda kv: kv[1].casefold()),
        "type": sorted(types.items(), key=lambda kv: kv[1].casefold()),
        "language": [
            (code, event_languages.name(code))
            for code in event_languages.ordered(languages)
        ],
    }


LABELS = {
    "day": (_("Day"), _("All days")),
    "room": (_("Room"), _("All rooms")),
    "track": (_("Track"), _("All tracks")),
    "type": (_("Type"), _("All types")),
    "language": (_("Language"), _("All languages")),
}


def _asked(params):
    asked = {}
    for name in NAMES:
        value = (params.get(name) or "").strip()[:100]
        if name == "language":
            value = event_languages.from_query(value)
        if value:
            asked[name] = value
    return asked


def programme_filter(programme, params=None):
    """The programme as the page shows it with the filters in ``params`` (the
    request's GET, or any mapping)."""
    asked = _asked(params or {})
    choices = _choices(programme.entries)
    facets = []
    for name in NAMES:
        options = choices[name]
        value = asked.get(name, "")
        if value and value not in {v for v, _label in options}:
            if name == "language":
                options = [*options, (value, event_languages.name(value))]
            elif name == "day" and _day(value) is not None:
                options = [*options, (value, _day(value))]
        if len(options) > 1 or value:
            label, every = LABELS[name]
            facets.append(Facet(name, label, [("", every), *options], value))
    if not asked:
        return ProgrammeFilter(programme, facets, asked)
    # Copies, laid out afresh: an item that spans the columns decides so among
    # the entries shown.
    slots = [
        replace(slot, spans=_spans(slot))
        for slot in programme.entries
        if all(_keeps(name, value, slot) for name, value in asked.items())
    ]
    matched = sum(
        all(_matches(name, value, slot) for name, value in asked.items())
        for slot in slots
    )
    shown = laid_out(slots, programme.time_zone) if matched else laid_out([], "")
    shown.time_zone = programme.time_zone
    return ProgrammeFilter(shown, facets, asked, matched)


def _day(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None
