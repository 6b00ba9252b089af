"""A ``VEVENT`` written as text directly: what the index's feed and the calendar
files are made of, without building icalendar's objects for each property (a
feed of 10,000 events spent most of its time in them).

``VEvent`` takes the properties the exchange modules give an event, through the
part of ``icalendar.Event``'s interface they use (``add``, ``[]``, ``in``,
``decoded``). ``text()`` writes its content lines as icalendar writes the same
properties: icalendar's canonical order, then the other properties in
alphabetical order; TEXT escaped; ``TZID`` from the zone, ``VALUE=DATE`` for
dates, DTSTAMP/CREATED/LAST-MODIFIED in UTC; lines folded before 75 octets
without splitting an escape. A value of a shape written nowhere below (an
icalendar property object, a list of a kind not listed) goes through
icalendar's own encoding. ``component()`` gives the ``icalendar.Event`` of the
same properties, for the documents that are handed on as icalendar objects
(the e-mails' files, ``calendars.*_calendar``).

``tests/exchange/test_ical_text.py`` parses what ``text()`` writes with icalendar
and compares it, property by property, with what icalendar writes for the same
pages, so the two cannot drift apart.
"""

import datetime
import functools
import re

import icalendar


# icalendar.Event.canonical_order: these first, in this order, the rest by name.
_ORDER = {name: n for n, name in enumerate(icalendar.Event.canonical_order)}

# Properties whose values are of these types (icalendar's types_factory).
_TEXT = frozenset({"UID", "SUMMARY", "DESCRIPTION", "LOCATION", "STATUS", "TRANSP"})
_URI = frozenset({"URL"})
_INTEGER = frozenset({"SEQUENCE"})
_DATE_TIME = frozenset(
    {"DTSTART", "DTEND", "RECURRENCE-ID", "DTSTAMP", "CREATED", "LAST-MODIFIED"}
)
_DATE_LISTS = frozenset({"EXDATE", "RDATE"})
# RFC 5545 writes these in UTC; icalendar converts them when they are added.
_IN_UTC = frozenset({"DTSTAMP", "CREATED", "LAST-MODIFIED"})
# The characters TEXT escapes (a backslash, also that of "\\N").
_ESCAPED = re.compile(r"[\\;,\r\n]")
# A content line is folded before it reaches this many octets (icalendar's rule).
FOLD_AT = 75


class Recur(str):
    """The value of an RRULE as icalendar writes it (``ical_parts.rrule``):
    written as it is, and read by icalendar (``vRecur``) for ``component()``."""


def escape(text):
    """TEXT as RFC 5545 escapes it, as icalendar does (``\\N`` read as a line
    break, every kind of line break written as ``\\n``)."""
    if _ESCAPED.search(text) is None:
        return text
    return (
        text.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def fold(line):
    """``line`` folded as icalendar folds it: parts of at most 74 octets joined
    by CRLF and a space, a part never ending in an escape's first character."""
    if len(line) < FOLD_AT and (line.isascii() or len(line.encode()) < FOLD_AT):
        return line
    if line.isascii():
        parts, start, length = [], 0, len(line)
        while length - start >= FOLD_AT:
            end = start + FOLD_AT - 1
            if line[end - 1] in "\\^" and end - start > 1:
                end -= 1
            parts.append(line[start:end])
            start = end
        parts.append(line[start:])
        return "\r\n ".join(parts)
    return _fold_characters(line)


def _octets(char):
    code = ord(char)
    return 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4


def _fold_characters(line):
    """``fold`` for a line with characters of several octets, one at a time."""
    parts, current, count = [], [], 0
    for char in line:
        size = _octets(char)
        if current and count + size >= FOLD_AT:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                parts.append("".join(current))
                current, count = [carried], _octets(carried)
            else:
                parts.append("".join(current))
                current, count = [], 0
        current.append(char)
        count += size
    if current:
        parts.append("".join(current))
    return "\r\n ".join(parts)


@functools.cache
def _zone_form(tzinfo):
    """(parameters, suffix, TZID) of a date-time in ``tzinfo`` as icalendar
    writes it: ``;TZID=<zone>`` and no suffix, or no parameter and ``Z`` (and no
    TZID) for UTC."""
    probe = icalendar.vDatetime(datetime.datetime(2000, 1, 1, tzinfo=tzinfo))
    parameters = probe.params.to_ical().decode()
    return (
        f";{parameters}" if parameters else "",
        "Z" if probe.to_ical().endswith(b"Z") else "",
        probe.params.get("TZID"),
    )


def _stamp(value):
    return "%04d%02d%02dT%02d%02d%02d" % (  # noqa: UP031 -- the fastest here
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
    )


def _day(value):
    return "%04d%02d%02d" % (value.year, value.month, value.day)  # noqa: UP031


def _is_date(value):
    return type(value) is datetime.date


def _dates_line(name, values, parameters, zones):
    """An EXDATE or RDATE of dates (``VALUE=DATE``) or of date-times in one
    zone, or None for any other shape."""
    if parameters in (None, {"VALUE": "DATE"}) and all(map(_is_date, values)):
        return f"{name};VALUE=DATE:" + ",".join(map(_day, values))
    if parameters or not all(type(v) is datetime.datetime for v in values):
        return None
    tzinfo = values[0].tzinfo
    if tzinfo is None or any(v.tzinfo is not tzinfo for v in values):
        return None
    params, suffix, tzid = _zone_form(tzinfo)
    if tzid:
        zones.add(tzid)
    return f"{name}{params}:" + ",".join(_stamp(v) + suffix for v in values)


def _line(name, value, parameters, zones):
    """The content line of one property, unfolded, or None when icalendar must
    encode it; adds the TZIDs it uses to ``zones``."""
    kind = type(value)
    if not parameters:
        if kind is str and name in _TEXT:
            return f"{name}:{escape(value)}"
        if kind is str and name in _URI:
            return f"{name}:{value}"
        if kind is int and name in _INTEGER:
            return f"{name}:{value}"
        if kind is datetime.datetime and name in _DATE_TIME and value.tzinfo:
            params, suffix, tzid = _zone_form(value.tzinfo)
            if tzid:
                zones.add(tzid)
            return f"{name}{params}:{_stamp(value)}{suffix}"
        if kind is datetime.date and name in _DATE_TIME:
            return f"{name};VALUE=DATE:{_day(value)}"
        if kind is list and name == "CATEGORIES" and all(type(c) is str for c in value):
            return f"{name}:" + ",".join(map(escape, value))
        if kind is tuple and name == "GEO" and len(value) == 2:
            return f"{name}:{float(value[0])};{float(value[1])}"
        if kind is Recur:
            return f"{name}:{value}"
    if kind is list and name in _DATE_LISTS and value:
        return _dates_line(name, value, parameters, zones)
    return None


def _encoded(name, value, parameters, zones):
    """The folded line(s) as icalendar writes them, for a shape ``_line`` does
    not write."""
    event = icalendar.Event()
    event.add(name, value, parameters=dict(parameters) if parameters else None)
    encoded = event[name]
    for v in encoded if isinstance(encoded, list) else [encoded]:
        if getattr(v, "params", {}).get("TZID"):
            zones.add(v.params["TZID"])
    lines = event.content_lines()[1:-2]  # less BEGIN, END and the last ""
    return "\r\n".join(line.to_ical().decode() for line in lines)


def _property(name, value, parameters, zones):
    line = _line(name, value, parameters, zones)
    if line is None:
        return _encoded(name, value, parameters, zones)
    return fold(line)


# icalendar's order: its canonical properties first, then the others by name.
_SORT_KEYS = {name: f"{n:02}" for name, n in _ORDER.items()}


def _sort_key(item):
    name = item[0]
    return _SORT_KEYS.get(name) or f"99{name}"


class VEvent:
    """The properties of one VEVENT, written as text by ``text()``."""

    name = "VEVENT"
    __slots__ = ("_properties",)

    def __init__(self):
        self._properties = []  # (NAME, value, parameters or None), as added

    def add(self, name, value, parameters=None):
        name = name.upper()
        if name in _IN_UTC and isinstance(value, datetime.datetime):
            value = (
                value.astimezone(datetime.UTC)
                if value.tzinfo
                else value.replace(tzinfo=datetime.UTC)
            )
        self._properties.append((name, value, parameters))

    def __setitem__(self, name, value):
        self.pop(name)
        self.add(name, value)

    def pop(self, name, default=None):
        name = name.upper()
        values = [v for n, v, _p in self._properties if n == name]
        self._properties = [p for p in self._properties if p[0] != name]
        return values[0] if len(values) == 1 else values or default

    def __contains__(self, name):
        name = name.upper()
        return any(n == name for n, _v, _p in self._properties)

    def __getitem__(self, name):
        name = name.upper()
        values = [v for n, v, _p in self._properties if n == name]
        if not values:
            raise KeyError(name)
        return values[0] if len(values) == 1 else values

    def decoded(self, name, default=None):
        """The value as added (a date, a date-time in its zone, a string)."""
        try:
            return self[name]
        except KeyError:
            return default

    def days(self):
        """The local days of its DTSTART, DTEND and RECURRENCE-ID (how far the
        document's VTIMEZONE must reach)."""
        return [
            value.date() if isinstance(value, datetime.datetime) else value
            for name, value, _p in self._properties
            if name in ("DTSTART", "DTEND", "RECURRENCE-ID")
        ]

    def component(self):
        """The ``icalendar.Event`` of the same properties."""
        event = icalendar.Event()
        for name, value, parameters in self._properties:
            if type(value) is Recur:
                value = icalendar.vRecur.from_ical(value)
            event.add(name, value, dict(parameters) if parameters else None)
        return event

    def text(self, zones):
        """Its content lines, folded, each ending in CRLF; adds the TZIDs it
        uses to the set ``zones``."""
        properties = sorted(self._properties, key=_sort_key)
        lines = ["BEGIN:VEVENT"]
        lines += [_property(n, v, p, zones) for n, v, p in properties]
        lines.append("END:VEVENT\r\n")
        return "\r\n".join(lines)
