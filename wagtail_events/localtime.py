"""Wall-clock time in an event's own IANA time zone.

Events store aware date-times (UTC in the database) and the name of the zone they
happen in. Editors type and visitors read the wall-clock time of that zone; these
helpers are the only place that converts between the two.
"""

import datetime
import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@cache
def zone_choices():
    """(name, name) pairs of every IANA zone the machine knows, sorted."""
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


def get_zone(name):
    return zoneinfo.ZoneInfo(name)


def validate_time_zone(value):
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: a name too long for a file name (zones are files).
        raise ValidationError(
            _("“%(value)s” is not a time zone name such as “Europe/Brussels”."),
            code="invalid_time_zone",
            params={"value": value},
        ) from None


def to_local(value, zone_name):
    """An aware date-time as naive wall-clock time in the named zone."""
    if value is None:
        return None
    return value.astimezone(get_zone(zone_name)).replace(tzinfo=None)


def from_local(naive, zone_name):
    """Wall-clock time in the named zone as an aware date-time.

    Refuses times that do not exist in the zone (skipped when clocks go forward),
    so that 02:30 on the last Sunday of March in Brussels is an error, not a
    silent 03:30. A time that happens twice (when clocks go back) is the first
    of the two, as in most calendars.

    The result is in UTC: Python compares and subtracts two date-times that share
    a ``ZoneInfo`` by their wall-clock time, which is wrong across a change of
    offset (01:30 to 03:30 on the night the clocks go back lasts three hours, not
    two), and never finds a time in a fold equal to the same instant elsewhere.
    """
    zone = get_zone(zone_name)
    aware = naive.replace(tzinfo=zone)
    round_trip = aware.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip != naive:
        raise ValidationError(
            _(
                "%(time)s does not exist in %(zone)s: the clocks go forward then. "
                "Choose a time before or after the change."
            ),
            code="nonexistent_time",
            params={"time": naive.strftime("%Y-%m-%d %H:%M"), "zone": zone_name},
        )
    return aware.astimezone(datetime.UTC)


def last_day(start, end):
    """The last day of an event of whole days, from its local start and end
    (date-times in the event's zone, or dates): an end at midnight belongs to the
    day before, and the last day is never before the first.

    The one place this rule is written: the page, the e-mails, the structured data
    and the calendar files all read it from here."""
    first = start.date() if isinstance(start, datetime.datetime) else start
    if isinstance(end, datetime.datetime):
        last = end.date()
        if end.time() == datetime.time(0) and last > first:
            last -= datetime.timedelta(days=1)
    else:
        last = end
    return max(last, first)
