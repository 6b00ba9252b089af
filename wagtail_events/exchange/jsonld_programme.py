"""The entries of a conference's programme as the ``subEvent`` list of its
schema.org ``Event``: short ``Event`` objects with a name, dates, a status, a
place and a description, one per entry of the programme (``Slot``): every
session, every run of a site visit that runs more than once, and every programme
item (plenaries with their speakers, exhibitions, breaks).

``programme_sub_events`` reads the programme the conference page has already
built (no query); ``sub_events`` builds it when there is none at hand.
"""

from urllib.parse import urljoin

from ..enums import EventStatus
from ..localtime import get_zone, last_day
from ..places import meets_in_person
from ..programme.entries import programme_slots
from .jsonld_parts import (
    EVENT_STATUS,
    in_language,
    person,
    place,
    place_and_online,
    schema,
)


def _order(slot):
    return (slot.start, slot.end, slot.title)


def sub_events(conference, request=None):
    """The conference's programme entries as short ``Event`` objects, read with a
    fixed number of queries."""
    slots = sorted(programme_slots(conference, request), key=_order)
    return programme_sub_events(conference, slots)


def entry_place(slot):
    """The ``Place`` of an entry, as the programme says where it is: the room
    named with its building (``"Dijlezaal, Lamot"``), the venue of a session held
    elsewhere, or an item's place in words, each with the address of the venue it
    is at. None when people do not go anywhere (online only, moved online)."""
    if not meets_in_person(slot):
        return None
    name = ", ".join(
        dict.fromkeys(
            filter(
                None,
                [
                    slot.room or slot.location,
                    slot.venue.name if slot.venue is not None else "",
                ],
            )
        )
    )
    if slot.venue is not None:
        data = place(slot.venue)
        data["name"] = name
        return data
    if name:
        return {"@type": "Place", "name": name}
    return None


def entry_location(slot):
    """The entry's place and/or its online address (``jsonld_parts.location`` for
    an entry), or None."""
    # ``Slot.online_address`` is the public one (``places.online_address`` with
    # the conference); an entry by invitation points to its page instead.
    online = slot.online_address or (slot.full_url if slot.joins_privately else "")
    return place_and_online(entry_place(slot), online)


def programme_sub_events(conference, slots, base_url="", people_url=""):
    """The entries of the conference's programme (``programme.build_programme``,
    already built for the page) as short ``Event`` objects: no query.

    The programme holds wall-clock times; the offset is the zone's at that time
    (the first of the two in the hour the clocks go back)."""
    zone = get_zone(conference.time_zone)
    result = []
    for slot in slots:
        event = {"@type": "Event", "name": slot.title}
        # The programme links with the site's relative URLs; an item links to
        # its anchor on the conference page.
        url = slot.full_url or (urljoin(base_url, slot.url) if slot.url else "")
        if url:
            event["url"] = url
        if slot.times_announced:
            event["startDate"] = slot.start.replace(tzinfo=zone).isoformat()
            event["endDate"] = slot.end.replace(tzinfo=zone).isoformat()
        else:
            event["startDate"] = slot.start.date().isoformat()
            event["endDate"] = last_day(slot.start, slot.end).isoformat()
        if slot.status != EventStatus.SCHEDULED:
            event["eventStatus"] = schema(EVENT_STATUS[slot.status])
        if slot.description:
            event["description"] = slot.description
        where = entry_location(slot)
        if where is not None:
            event["location"] = where
        # A session's own languages, else its conference's: an item (a plenary,
        # a break) is held in the conference's.
        held = in_language(slot.languages)
        if held:
            event["inLanguage"] = held
        performers = [person(speaker, people_url) for speaker in slot.speakers]
        if performers:
            event["performer"] = performers
        result.append(event)
    return result
