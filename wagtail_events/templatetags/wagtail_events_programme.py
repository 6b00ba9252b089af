"""What the programme templates need to decide, read from the plain programme
data and the page's attributes: no query.

``{% load wagtail_events_programme %}``
"""

import datetime

from django import template
from django.utils import timezone

from .. import places


register = template.Library()


@register.filter
def minutes(row):
    """The length of a timetable row (or anything with ``start`` and ``end``) in
    whole minutes: the stylesheet makes rows as tall as their minutes, so that a
    30-minute break is never taller than a 90-minute panel. Elapsed time, in
    UTC: wall-clock times in one zone subtract as if the clocks never changed."""
    elapsed = row.end.astimezone(datetime.UTC) - row.start.astimezone(datetime.UTC)
    return max(0, int(elapsed.total_seconds() // 60))


@register.filter
def zone_city(zone):
    """The place an IANA time zone is named after, to say the zone in words:
    "Europe/Brussels" -> "Brussels", "America/New_York" -> "New York"; "UTC"
    stays "UTC"."""
    return str(zone or "").rsplit("/", 1)[-1].replace("_", " ")


@register.filter
def entry_place(slot):
    """Where an entry of the programme is, as the entry itself says it (on a
    phone and to a screen reader there is no column heading): the room (with its
    building when that is not the conference's), the venue of a session held
    elsewhere, an item's place in words, else its track; "" for none."""
    if slot.room or (slot.elsewhere and slot.building):
        return slot.column_label
    return slot.location or slot.track


@register.filter
def has_timed_entries(programme):
    """Whether a programme has anything at a time of day: what the timetable, the
    list and the stars show. A programme of all-day items (exhibitions, stands)
    has no timetable to show, and nothing to star."""
    return any(day.slots for day in programme.days)


@register.filter
def is_over(event):
    """Whether an event has ended: a programme that was never published is not
    going to be any more."""
    return bool(event.end) and event.end < timezone.now()


@register.simple_tag
def session_place(page):
    """Where a session is held, as its page shows it: a dict with ``room`` (the
    room's name, "" without one), ``venue`` (the venue it is at, or None),
    ``line`` (the room and the venue's address in one line, ``places.location``)
    and ``elsewhere`` (True when the venue is not the conference's, such as a
    building a short walk away: the page then shows its address and access).

    Nothing (no venue, no line) when people do not go anywhere: the session is
    online or has moved online.

    Reads the page's room, venue and conference (a query each at most, once per
    page: session pages show one session)."""
    if not places.meets_in_person(page):
        return {
            "room": "",
            "room_notes": "",
            "venue": None,
            "line": "",
            "elsewhere": False,
        }
    room = page.room if getattr(page, "room_id", None) else None
    venue = room.venue if room is not None else (page.venue if page.venue_id else None)
    conference = getattr(page, "conference", None)
    home = conference.venue if conference is not None and conference.venue_id else None
    line, _named = places.location(
        page, room=room, venue=venue, parent=conference, parent_venue=home
    )
    return {
        "room": room.name if room is not None else "",
        "room_notes": room.accessibility_notes if room is not None else "",
        "venue": venue or home,
        "line": line,
        "elsewhere": venue is not None and home is not None and venue.pk != home.pk,
    }
