"""The values an iCalendar event is written with (RFC 5545): its UID, its times in
the event's own zone or as whole days, and its repeat rule (``RRULE``) with the
dates added to (``RDATE``) and left out of it (``EXDATE``).

``UID`` is the page's ``translation_key`` at a domain: it survives renaming and
moving the page, and every translation of an event shares it.
"""

import copy
import datetime
import functools
import zoneinfo
from urllib.parse import urlsplit

import icalendar
import recurrence as django_recurrence
from django.conf import settings

from ..conf import events_settings
from ..localtime import last_day, to_local
from ..occurrences import recurrence
from .ical_text import Recur


# A domain that is never anybody's, for sites that configure none.
FALLBACK_DOMAIN = "wagtail-events.invalid"


# Identifiers


def uid_domain():
    """The domain part of every UID: ``WAGTAIL_EVENTS_CALENDAR_DOMAIN`` if set, else
    the host of ``WAGTAILADMIN_BASE_URL``.

    It must not change once calendars have been exported, or apps see every event
    as new: set ``WAGTAIL_EVENTS_CALENDAR_DOMAIN`` on sites reached by several
    host names, or before the admin moves to a host of its own.
    """
    configured = events_settings.CALENDAR_DOMAIN
    if configured:
        return configured
    base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    return urlsplit(base_url).hostname or FALLBACK_DOMAIN


def event_uid(page, suffix=""):
    """The UID of an event: the same for all its translations, and after renames
    and moves. ``suffix`` tells apart the further runs of a site visit."""
    return f"{page.translation_key}{suffix}@{uid_domain()}"


def page_url(page, request=None):
    """The page's full address (``URL`` and the end of ``DESCRIPTION``), or ""."""
    return page.get_full_url(request) or ""


# Times


def zone(page):
    return zoneinfo.ZoneInfo(page.time_zone)


def in_zone(value, page):
    """An aware date-time in the event's zone: written with its TZID."""
    return value.astimezone(zone(page))


def whole_days(page, start, end):
    """First day and the day after the last of an event whose hours are not
    announced: ``DTEND`` of a ``VALUE=DATE`` event is the day after its last day
    (``localtime.last_day``), which is not part of it."""
    first = to_local(start, page.time_zone)
    last = last_day(first, to_local(end, page.time_zone))
    return first.date(), last + datetime.timedelta(days=1)


def set_times(component, page, start, end):
    """``DTSTART`` and ``DTEND``: in the event's zone, or whole days."""
    if page.all_day:
        first, after = whole_days(page, start, end)
        component.add("dtstart", first)
        component.add("dtend", after)
    else:
        component.add("dtstart", in_zone(start, page))
        component.add("dtend", in_zone(end, page))


def instance_value(page, instant):
    """How a date of a series is written in RECURRENCE-ID, EXDATE and RDATE: the
    same type as its DTSTART."""
    if page.all_day:
        return to_local(instant, page.time_zone).date()
    return in_zone(instant, page)


# Rules


def rrule(rule, page, shift=datetime.timedelta(0)):
    """A django-recurrence rule as the text of an RRULE (``ical_text.Recur``),
    for dates ``shift`` after the event's (a further run of a site visit). UNTIL
    becomes the instant the site's expansion stops at: UTC for a timed event (RFC
    5545 requires UTC when DTSTART has a TZID), the last day for an event of
    whole days. Made once for each rule, zone and start time: a feed holds many
    series of the same few rules."""
    first = to_local(page.start, page.time_zone)
    return _rrule(
        django_recurrence.serialize(rule),
        page.time_zone,
        page.all_day,
        first.time() if rule.until is not None else None,
        shift,
    )


@functools.lru_cache(maxsize=1024)
def _rrule(text, time_zone, all_day, first_time, shift):
    rule = django_recurrence.deserialize(text).rrules[0]
    without_until = django_recurrence.Rule(
        rule.freq,
        interval=rule.interval,
        wkst=rule.wkst,
        count=rule.count,
        **{param: getattr(rule, param) for param in rule.byparams},
    )
    text = django_recurrence.serialize(without_until).removeprefix("RRULE:")
    value = icalendar.vRecur.from_ical(text)
    if rule.count is None and rule.until is not None:
        page_zone = zoneinfo.ZoneInfo(time_zone)
        until = recurrence.local_rule(rule, page_zone).until  # naive wall-clock time
        if all_day:
            value["UNTIL"] = [_last_start_day(first_time, until) + shift]
        else:
            value["UNTIL"] = [recurrence.to_utc(until + shift, page_zone)]
    return Recur(value.to_ical().decode())


def _last_start_day(first_time, until):
    """The last day on which the rule may still give a date: the day of UNTIL, or
    the day before when the event's start time on that day is past UNTIL.

    Not ``localtime.last_day``: that is the last day of one event, whose end at
    midnight belongs to the day before; here a date that starts at UNTIL itself
    is still one of the series."""
    day = until.date()
    if datetime.datetime.combine(day, first_time) > until:
        day -= datetime.timedelta(days=1)
    return day


def _without_exclusions(page):
    """A copy of the page whose rule keeps its dates and extra dates but excludes
    nothing."""
    whole = copy.copy(page)
    rule = page.recurrence
    whole.recurrence = django_recurrence.Recurrence(
        rrules=rule.rrules, rdates=rule.rdates
    )
    return whole


def excluded_starts(page, now):
    """Naive local starts that the rule and extra dates give but the exclusion
    days and rules take away, as ``recurrence.local_starts`` has it: every one up
    to the horizon, and the dates on every excluded day however far ahead."""
    rule = page.recurrence
    if not (rule.exdates or rule.exrules):
        return set()
    page_zone = zone(page)
    limit = recurrence.horizon(page, now)
    for value in rule.exdates:
        end_of_day = datetime.datetime.combine(
            recurrence.day_of(value, page_zone), datetime.time.max
        )
        limit = max(limit, end_of_day)
    whole = recurrence.local_starts(_without_exclusions(page), limit)
    return set(whole) - set(recurrence.local_starts(page, limit))


def extra_starts(page):
    """Naive local starts of the extra dates (RDATE): the event's start time on
    those days, none before its first date."""
    page_zone = zone(page)
    first = to_local(page.start, page.time_zone)
    starts = set()
    for day in page.recurrence.rdates:
        start = datetime.datetime.combine(
            recurrence.day_of(day, page_zone), first.time()
        )
        if start >= first:
            starts.add(start)
    return starts
