"""An iCalendar document (``VCALENDAR``) of the package: its header, its
``VEVENT``s and a ``VTIMEZONE`` for every zone they use, as an
``icalendar.Calendar`` (``Document.calendar``: the e-mails' files, anything that
reads or changes it) or written as bytes directly (``Document.to_bytes``: the
files the site serves).

The two hold the same properties. ``to_bytes`` writes the ``VEVENT``s of
``ical_text.VEvent`` itself and the header and each ``VTIMEZONE`` through
icalendar (a ``VTIMEZONE`` is made once per zone and span of days, then kept).
It writes the ``VTIMEZONE``s in the order of their TZIDs, where icalendar adds
them in the order of a set (which changes between processes, and with it the
file's ETag).
"""

import datetime
import functools

import icalendar

from .ical_text import FOLD_AT, VEvent


PRODID = "-//wagtail-civic-events//wagtail_events//EN"
# How often a subscribed calendar app should fetch a feed again.
REFRESH_INTERVAL = datetime.timedelta(hours=6)


def _header(name, pages, feed):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # A title may hold a line break, which NAME (a plain property) cannot carry.
    name = " ".join(str(name or "").split())
    if name:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
    zones = {page.time_zone for page in pages}
    if len(zones) == 1:
        calendar.add("x-wr-timezone", zones.pop())
    if feed:
        # As vDuration: icalendar before 7 writes a bare timedelta as "6:00:00".
        interval = icalendar.vDuration(REFRESH_INTERVAL)
        calendar.add("refresh-interval", interval, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", interval)
    return calendar


class Document:
    """A calendar named ``name`` of ``components`` (``VEvent``s, or
    ``icalendar.Event``s), of events on ``pages`` (their zones: X-WR-TIMEZONE);
    ``feed``: a calendar apps subscribe to (REFRESH-INTERVAL)."""

    def __init__(self, name, components, pages, feed=False):
        self.name = name
        self.components = components
        self.pages = pages
        self.feed = feed

    def calendar(self):
        """The ``icalendar.Calendar``."""
        calendar = _header(self.name, self.pages, self.feed)
        for component in self.components:
            if isinstance(component, VEvent):
                component = component.component()
            calendar.add_component(component)
        span = _span(self.components)
        if span:
            # As add_missing_timezones does, but in the order of their TZIDs.
            missing = sorted(calendar.get_missing_tzids())
            zones = [_vtimezone(tzid, *span) for tzid in missing]
            calendar.subcomponents[:0] = [zone for zone in zones if zone]
        return calendar

    def to_bytes(self):
        """The document as ``calendar().to_ical()`` writes it, without building
        it: what the views serve."""
        zones, events = set(), []
        for component in self.components:
            if isinstance(component, VEvent):
                events.append(component.text(zones))
            else:
                events.append(_component_text(component))
                zones.update(_tzids(component))
        header = _component_text(_header(self.name, self.pages, self.feed))
        parts = [header.removesuffix("END:VCALENDAR\r\n")]
        span = _span(self.components)
        if span:
            parts += [_time_zone(tzid, *span) for tzid in sorted(zones)]
        parts += events
        parts.append("END:VCALENDAR\r\n")
        return "".join(parts).encode()


def _span(components):
    """First and last day the VTIMEZONEs cover: from a week before the first
    date to a year after the last one (and at least until 2038: rules repeat)."""
    days = []
    for component in components:
        if isinstance(component, VEvent):
            days += component.days()
            continue
        for name in ("dtstart", "dtend", "recurrence-id"):
            if name in component:
                value = component.decoded(name)
                days.append(
                    value.date() if isinstance(value, datetime.datetime) else value
                )
    if not days:
        return None
    first = min(days) - datetime.timedelta(days=7)
    last = max(max(days) + datetime.timedelta(days=366), datetime.date(2038, 1, 1))
    return first, last


def _tzids(component):
    return {
        value.params.get("TZID")
        for _name, value in component.property_items(sorted=False)
        if hasattr(value, "params")
    } - {"UTC", None}


def _vtimezone(tzid, first, last):
    """The VTIMEZONE of ``tzid`` from ``first`` to ``last``, or None for UTC and
    a zone icalendar does not know (``add_missing_timezones`` leaves it out)."""
    if tzid == "UTC":
        return None
    try:
        return icalendar.Timezone.from_tzid(tzid, first_date=first, last_date=last)
    except ValueError:
        return None


@functools.lru_cache(maxsize=256)
def _time_zone(tzid, first, last):
    """The text of ``_vtimezone``, made once for each zone and span."""
    zone = _vtimezone(tzid, first, last)
    return "" if zone is None else _component_text(zone)


def _component_text(component):
    """An icalendar component as its ``to_ical()`` writes it, as text: a line
    short enough to need no folding (most of them) is taken as it is; only the
    others go through icalendar's folding, character by character."""
    lines = []
    for line in component.content_lines():
        if not line:
            continue
        if len(line) < FOLD_AT and (line.isascii() or len(line.encode()) < FOLD_AT):
            lines.append(str(line))
        else:
            lines.append(line.to_ical().decode())
    return "\r\n".join(lines) + "\r\n"


def to_bytes(calendar):
    """An ``icalendar.Calendar`` as its ``to_ical()`` writes it, faster."""
    return _component_text(calendar).encode()
