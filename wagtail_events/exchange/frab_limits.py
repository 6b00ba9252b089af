"""The limits a schedule file must keep before the import reads it: its size, its
nesting depth, the number of its events, and text without control characters.

The command line and the admin's upload read a file through ``read_limited`` and
``check``, so both refuse the same files with the same message, before anything
changes. The size limit is what bounds memory: the whole file is parsed at
once, and a parsed JSON file takes a few times its size (see
docs/programme-exchange.md for the figures).
"""

import re

from django.utils.translation import gettext as _

from ..conf import events_settings


# A schedule.json is about twelve levels deep (schedule, conference, days, a
# day, its rooms, a room's events, an event, its persons, a person, ...).
MAX_DEPTH = 32
# Several times the largest real schedules (FOSDEM: about 900 events a year);
# more is no programme an editor can check in one report.
MAX_EVENTS = 5000
# Counted in the raw text before it is parsed, since parsed values take memory
# (a small object about 40 times its text): objects and lists ("{", "["), and
# values after the first in each (","; these count commas in text too). A real
# schedule has about 6 and 40 an event, so a file of MAX_EVENTS events keeps
# well within both; a file of nothing but small values is refused unread.
MAX_CONTAINERS = 100_000
MAX_VALUES = 400_000
# C0 control characters and DEL, but for tab, line feed and carriage return:
# PostgreSQL cannot store NUL, and the others are no text a person wrote.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class LimitError(Exception):
    """The file breaks a limit; the message says which, for editors."""


def max_bytes():
    return int(events_settings.SCHEDULE_MAX_BYTES)


def too_large(size):
    """The message for a file of ``size`` bytes over the limit, else ""."""
    limit = max_bytes()
    if size <= limit:
        return ""
    return _(
        "The file is larger than %(size)s MB, the most a schedule may be "
        "(the WAGTAIL_EVENTS_SCHEDULE_MAX_BYTES setting)."
    ) % {"size": _megabytes(limit)}


def _megabytes(size):
    return f"{size / 1024 / 1024:g}" if size % (1024 * 1024) else size // 1024 // 1024


def read_limited(file):
    """The bytes of an open binary file, reading at most one byte past the
    limit: a larger file raises ``LimitError`` without being read whole."""
    data = file.read(max_bytes() + 1)
    message = too_large(len(data))
    if message:
        raise LimitError(message)
    return data


def check_text(source):
    """Raise ``LimitError`` when the raw text (bytes or str) holds more objects
    and lists, or more values, than a schedule can: counted before parsing."""
    if isinstance(source, str):
        brace, bracket, comma = "{", "[", ","
    else:
        brace, bracket, comma = b"{", b"[", b","
    containers = source.count(brace) + source.count(bracket)
    if containers > MAX_CONTAINERS or source.count(comma) > MAX_VALUES:
        raise LimitError(
            _(
                "The file holds more entries than a schedule of %(most)s events "
                "would; it cannot be imported."
            )
            % {"most": MAX_EVENTS}
        )


def check(data):
    """Raise ``LimitError`` when parsed JSON nests too deep, holds too many
    events, or has a control character in any text (naming where)."""
    # Iterative, so that a deep file cannot exhaust the interpreter's stack. A
    # path is a chain of (key, label of the entry holding it, parent) steps,
    # spelled out only for the message.
    stack = [(data, 1, None)]
    while stack:
        value, depth, path = stack.pop()
        if depth > MAX_DEPTH:
            raise LimitError(
                _("The file nests deeper than %(depth)s levels; it is not a schedule.")
                % {"depth": MAX_DEPTH}
            )
        if isinstance(value, dict):
            label = None
            for key, item in value.items():
                if label is None:
                    label = _label(value)
                _text(key, path)
                if isinstance(item, dict | list | str):
                    stack.append((item, depth + 1, (key, label, path)))
        elif isinstance(value, list):
            for number, item in enumerate(value, start=1):
                if isinstance(item, dict | list | str):
                    stack.append((item, depth + 1, (number, "", path)))
        elif isinstance(value, str):
            _text(value, path)
    _count_events(data)


def _label(entry):
    for key in ("title", "name", "public_name", "guid"):
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            return _CONTROL.sub("", value.strip())[:80]
    return ""


def _text(value, path):
    match = _CONTROL.search(value)
    if match is None:
        return
    raise LimitError(
        _(
            "The file holds a control character (U+%(code)04X) in %(where)s; no "
            "text in a schedule may hold one. Nothing was imported."
        )
        % {"code": ord(match[0]), "where": where(path)}
    )


def where(chain):
    """A path through the file as editors read it:
    days › 1 › rooms › Room A › 2 (“A talk”) › title."""
    path = []
    while chain is not None:
        key, label, chain = chain
        path.insert(0, (key, label))
    # Each step holds the label of the entry its key is in: an entry is
    # named after the key (or number) that leads to it.
    labelled = []
    for index, (key, _label_of_parent) in enumerate(path):
        following = path[index + 1][1] if index + 1 < len(path) else ""
        labelled.append(f"{key} (“{following}”)" if following else str(key))
    return " › ".join(labelled) or _("the file")


def _count_events(data):
    schedule = data.get("schedule", data) if isinstance(data, dict) else None
    info = schedule.get("conference") if isinstance(schedule, dict) else None
    days = info.get("days") if isinstance(info, dict) else None
    count = 0
    for day in days if isinstance(days, list) else []:
        rooms = day.get("rooms") if isinstance(day, dict) else None
        for events in rooms.values() if isinstance(rooms, dict) else []:
            count += len(events) if isinstance(events, list) else 0
    if count > MAX_EVENTS:
        raise LimitError(
            _(
                "The file has %(count)s events; a schedule may have at most "
                "%(most)s. Import it in parts (one file per day, for instance)."
            )
            % {"count": count, "most": MAX_EVENTS}
        )
