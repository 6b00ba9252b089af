"""Dates and times as each language writes them.

The formats are Django date formats (the letters of the ``date`` filter), marked
for translation with the context "date format", so that each language's catalogue
decides between "Friday 31 March 2023", "vrijdag 31 maart 2023" and
"Freitag, 31. März 2023". Day and month names come from Django's own catalogues.

Values are the wall-clock times of the event's own zone (``localtime.to_local``):
naive date-times are formatted as they are. An aware one is shown in the current
time zone, as Django's ``date`` filter does (templates set it to the event's zone
with ``{% timezone %}``). Machine formats (ISO in ``datetime`` attributes, file
names) never come from here.
"""

import datetime

from django.utils import dateformat, timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import pgettext_lazy

from .. import localtime


FORMATS = {
    # Translators: a Django date format (the letters of the "date" template
    # filter: l = weekday, j = day, F = month, Y = year, H:i = hours:minutes).
    # The date of an event: "Friday 31 March 2023".
    "date": pgettext_lazy("date format", "l j F Y"),
    # Translators: a Django date format. A date and time: "Friday 31 March 2023, 10:15".
    "datetime": pgettext_lazy("date format", "l j F Y, H:i"),
    # Translators: a Django date format. A day without the year, as a heading in a
    # month's events: "Friday 31 March".
    "day": pgettext_lazy("date format", "l j F"),
    # Translators: a Django date format. A month: "March 2023".
    "month": pgettext_lazy("date format", "F Y"),
    # Translators: a Django date format. A short day in a list for editors (D =
    # abbreviated weekday, M = abbreviated month): "Fri 31 Mar".
    "short_day": pgettext_lazy("date format", "D j M"),
    # Translators: a Django date format. A date without the weekday: "31 March 2023".
    "plain_date": pgettext_lazy("date format", "j F Y"),
    # Translators: a Django date format. A time of day: "10:15".
    "time": pgettext_lazy("date format", "H:i"),
}

# Translators: from one time to another on the same day: "Friday 31 March 2023,
# 10:15–17:00" (start: date and time, end: time only) or "10:15–17:00".
WITHIN_A_DAY = pgettext_lazy("date range", "%(start)s–%(end)s")
# Translators: from one day to another: "Friday 31 March 2023 – Saturday 1 April
# 2023", also with times.
ACROSS_DAYS = pgettext_lazy("date range", "%(start)s – %(end)s")


def formatted(value, name="date"):
    """``value`` (a date or date-time) in the current language's format ``name``,
    one of ``FORMATS``; "" for None."""
    if value is None or value == "":
        return ""
    return dateformat.format(_shown(value), str(FORMATS[name]))


def last_day(start, end):
    """The last day of an event of whole days, as it is shown: the rule is
    ``localtime.last_day`` (an end at midnight belongs to the day before); this
    only first shows aware values in the current time zone, as ``formatted``
    does, for templates that pass the stored date-times."""
    return localtime.last_day(_shown(start), _shown(end))


def range_parts(start, end, all_day=False, hours_only=False):
    """How a span of time is written: (pattern, start text, end text), the
    pattern with ``%(start)s`` and ``%(end)s``; (None, start text, None) when it
    is a single day. Templates that wrap the two texts (in ``<time>`` elements)
    use the parts; everything else ``time_range``."""
    if all_day:
        first, last = local_day(start), last_day(start, end)
        if last <= first:
            return None, formatted(first), None
        return ACROSS_DAYS, formatted(first), formatted(last)
    if hours_only:
        return WITHIN_A_DAY, formatted(start, "time"), formatted(end, "time")
    if local_day(start) == local_day(end):
        return WITHIN_A_DAY, formatted(start, "datetime"), formatted(end, "time")
    return ACROSS_DAYS, formatted(start, "datetime"), formatted(end, "datetime")


def time_range(start, end, all_day=False, hours_only=False):
    """“Friday 31 March 2023, 10:15–17:00” in the current language; whole days
    without times; ``hours_only`` gives “10:15–17:00”."""
    pattern, first, last = range_parts(start, end, all_day, hours_only)
    if pattern is None:
        return first
    return str(pattern) % {"start": first, "end": last}


def local_day(value):
    """The calendar day of a date, or of a date-time where it is shown (an aware
    one in the current time zone)."""
    value = _shown(value)
    return value.date() if isinstance(value, datetime.datetime) else value


def _shown(value):
    """An aware date-time in the current time zone; anything else as it is."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


# Translators: an event whose date is not known yet.
TO_BE_ANNOUNCED = pgettext_lazy("date", "Date to be announced")
# Translators: what is known of a date not announced yet: "A Thursday (date to be
# announced)", "14:00–18:30 (date to be announced)", "A Thursday, 14:00–18:30
# (date to be announced)". %(weekday)s is the day's name as Django writes it.
KNOWN_OF_DATE = {
    "weekday": pgettext_lazy("date", "A %(weekday)s (date to be announced)"),
    "hours": pgettext_lazy("date", "%(hours)s (date to be announced)"),
    "both": pgettext_lazy("date", "A %(weekday)s, %(hours)s (date to be announced)"),
}
# Translators: the start of an event whose end is not announced: "from 14:00".
FROM_TIME = pgettext_lazy("time", "from %(time)s")


def to_be_announced(event):
    """“Date to be announced”, or what is known of it: “A Thursday,
    14:00–18:30 (date to be announced)”, in the current language."""
    weekday = getattr(event, "announced_weekday", None)
    first = getattr(event, "announced_start_time", None)
    last = getattr(event, "announced_end_time", None)
    hours = ""
    if first is not None and last is not None:
        hours = str(WITHIN_A_DAY) % {
            "start": formatted(first, "time"),
            "end": formatted(last, "time"),
        }
    elif first is not None:
        hours = str(FROM_TIME) % {"time": formatted(first, "time")}
    values = {
        "weekday": WEEKDAYS[weekday] if weekday is not None else "",
        "hours": hours,
    }
    if weekday is not None and hours:
        return str(KNOWN_OF_DATE["both"]) % values
    if weekday is not None:
        return str(KNOWN_OF_DATE["weekday"]) % values
    if hours:
        return str(KNOWN_OF_DATE["hours"]) % values
    return str(TO_BE_ANNOUNCED)
