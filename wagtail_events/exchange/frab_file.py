"""Reading a schedule.json (frab, pretalx) for the import: the file, its parts
and the values of its events, as leniently as real files need.

Real files often do not follow the schema to the letter (frab's own camp 2019 file
has an upper-case acronym and slugs): a value that cannot be read is None, and the
import skips the event and says why. Only a file that is not a schedule at all
raises ``ScheduleError``, before anything changes.
"""

import datetime
import json
import re
import uuid

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..localtime import from_local
from . import frab_limits


# Dates a schedule may name: far enough either way for any programme, and near
# enough that adding a duration or a time zone's offset stays within the years
# Python holds (1 to 9999).
YEARS = (1900, 2999)
# The longest a frab "duration" may be: a year.
LONGEST = datetime.timedelta(days=366)

_DURATION = re.compile(r"^(\d{1,9}):(\d{1,2})(?::(\d{1,2}))?$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2})?$")


class ScheduleError(Exception):
    """The data is not a schedule the import can read; nothing was changed."""


def load_schedule(source):
    """A schedule.json from bytes, text or a file, as parsed JSON.

    Raises ``ScheduleError`` with a message for editors if it is not JSON, or
    breaks a limit (``frab_limits``: size, depth, events, control characters)."""
    try:
        if hasattr(source, "read"):
            source = frab_limits.read_limited(source)
        message = frab_limits.too_large(
            len(source.encode() if isinstance(source, str) else source)
        )
        if message:
            raise frab_limits.LimitError(message)
        frab_limits.check_text(source)
        data = _parse(source)
        frab_limits.check(data)
    except frab_limits.LimitError as error:
        raise ScheduleError(str(error)) from None
    return data


def _constant(name):
    # NaN and Infinity are Python's extensions, not JSON.
    raise ValueError(name)


def _parse(source):
    if isinstance(source, bytes):
        try:
            source = source.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ScheduleError(_("The file is not UTF-8 encoded text.")) from None
    try:
        return json.loads(source, parse_constant=_constant)
    except RecursionError:
        # Nested deeper than the parser's stack: refused before it is walked.
        raise ScheduleError(
            _("The file nests deeper than %(depth)s levels; it is not a schedule.")
            % {"depth": frab_limits.MAX_DEPTH}
        ) from None
    except (TypeError, ValueError) as error:
        detail = (
            f" {error.msg} (line {error.lineno}, column {error.colno})."
            if isinstance(error, json.JSONDecodeError)
            else ""
        )
        raise ScheduleError(_("The file is not valid JSON.") + detail) from None


def schedule_parts(data):
    """(schedule, conference, days) of parsed JSON, or ScheduleError."""
    if not isinstance(data, dict):
        raise ScheduleError(_("The file is not a schedule: expected a JSON object."))
    schedule = data.get("schedule", data)
    info = schedule.get("conference") if isinstance(schedule, dict) else None
    if not isinstance(info, dict):
        raise ScheduleError(
            _("The file is not a schedule: it has no “schedule” with a “conference”.")
        )
    days = info.get("days")
    if not isinstance(days, list):
        raise ScheduleError(_("The schedule has no list of “days”."))
    return schedule, info, days


# Values


def string(value):
    """A string value without surrounding spaces; "" for anything else."""
    return value.strip() if isinstance(value, str) else ""


def text(value):
    """A string value of several lines, with Unix line ends."""
    return string(value).replace("\r\n", "\n").replace("\r", "\n")


def guid(value):
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def _in_years(value):
    return value if value is not None and YEARS[0] <= value.year <= YEARS[1] else None


def date_time(value):
    """A date-time within ``YEARS``, else None."""
    value = string(value)
    if "T" not in value and " " not in value:
        return None
    try:
        return _in_years(datetime.datetime.fromisoformat(value))
    except ValueError:
        return None


def date(value):
    """A date within ``YEARS``, else None."""
    try:
        return _in_years(datetime.date.fromisoformat(string(value)[:10]))
    except ValueError:
        return None


def duration(value):
    """A duration ("01:30", "1:30:00") of at most ``LONGEST``, else None."""
    match = _DURATION.match(string(value))
    if not match:
        return None
    hours, minutes, seconds = (int(group or 0) for group in match.groups())
    # Compared before the timedelta is made: 99999999:00 overflows one.
    if hours * 3600 + minutes * 60 + seconds > LONGEST.total_seconds():
        return None
    return datetime.timedelta(hours=hours, minutes=minutes, seconds=seconds)


def type_key(value):
    """A frab event type as the import compares them: lower case, spaces and
    underscores as hyphens."""
    return re.sub(r"[\s_]+", "-", string(value).lower())


def room_guids(rooms):
    """Room name -> guid from the conference's list of rooms; a guid given to
    several rooms (pretalx does that) identifies none of them."""
    guids = {}
    for room in rooms if isinstance(rooms, list) else []:
        if isinstance(room, dict) and string(room.get("name")):
            guids[string(room["name"])] = guid(room.get("guid"))
    values = list(guids.values())
    return {
        name: value
        for name, value in guids.items()
        if value is not None and values.count(value) == 1
    }


# The times of an event


def event_start(event, day, zone_name):
    """(start, "") of an event, or (None, why not). Times without an offset are
    wall-clock times in ``zone_name``."""
    value = date_time(event.get("date"))
    if value is None:
        # Older files: the day's date and a wall-clock "start"; after midnight
        # belongs to the next calendar day when the day starts later.
        day_date = date(event.get("date")) or date(day.get("date"))
        clock = _CLOCK.match(string(event.get("start")))
        if day_date is None or clock is None:
            return None, _("no valid start (“date”)")
        value = datetime.datetime.combine(
            day_date, datetime.time(int(clock[1]) % 24, int(clock[2]))
        )
        day_start = date_time(day.get("day_start"))
        if day_start is not None and value.time() < day_start.time():
            value += datetime.timedelta(days=1)
    if value.tzinfo is None:
        try:
            value = from_local(value, zone_name)
        except ValidationError as error:
            return None, " ".join(error.messages)
    return value, ""


def event_end(event, start, zone_name):
    """(end, "") of an event that starts at ``start``, or (None, why not)."""
    value = date_time(event.get("end"))
    if value is not None and value.tzinfo is None:
        try:
            value = from_local(value, zone_name)
        except ValidationError as error:
            return None, " ".join(error.messages)
    if value is not None:
        return value, ""
    length = duration(event.get("duration"))
    if length is None:
        return None, _("no valid “duration”")
    return start + length, ""
