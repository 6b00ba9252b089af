"""The sessions of a conference as the ``subEvent`` list of its schema.org
``Event``: short ``Event`` objects with a name, an address, dates, a status and a
place, one per run of a site visit that runs more than once.

``programme_sub_events`` reads the programme the conference page has already
built (no query); ``sub_events`` reads the sessions when there is none at hand.
"""

from collections import defaultdict
from urllib.parse import urljoin

from ..enums import EventStatus, is_session, is_site_visit
from ..localtime import get_zone, last_day
from ..models import Room, SiteVisitRun, Venue
from ..models.visibility import visible_sessions
from ..places import meets_in_person
from .jsonld_parts import EVENT_STATUS, dates, location, page_url, schema


def _session_venues(sessions, conference):
    """Venues of the sessions (their own, their room's, else the conference's),
    by session pk: two queries for any number of sessions."""
    room_ids = {s.room_id for s in sessions if s.room_id}
    rooms = Room.objects.select_related("venue").in_bulk(room_ids) if room_ids else {}
    venue_ids = {s.venue_id for s in sessions if s.venue_id}
    if conference.venue_id:
        venue_ids.add(conference.venue_id)
    venues = Venue.objects.in_bulk(venue_ids) if venue_ids else {}
    result = {}
    for session in sessions:
        room = rooms.get(session.room_id)
        result[session.pk] = (
            venues.get(session.venue_id)
            or (room.venue if room is not None else None)
            # As the session page shows it: the conference's venue only for a
            # session that names no place of its own.
            or (None if session.online_url else venues.get(conference.venue_id))
        )
    return result


def _runs(sessions):
    ids = [s.pk for s in sessions if is_site_visit(s)]
    runs = defaultdict(list)
    if ids:
        for run in SiteVisitRun.objects.filter(page_id__in=ids).order_by("start"):
            runs[run.page_id].append(run)
    return runs


def sub_events(conference, request=None):
    """The conference's visible sessions as short ``Event`` objects, one per run
    of a site visit that runs more than once."""
    sessions = [
        s
        for s in visible_sessions(conference).specific().order_by("start", "path")
        if is_session(s)
    ]
    venues = _session_venues(sessions, conference)
    runs = _runs(sessions)
    result = []
    for session in sessions:
        common = {"@type": "Event", "name": session.title}
        url = page_url(session, request)
        if url:
            common["url"] = url
        if session.status != EventStatus.SCHEDULED:
            common["eventStatus"] = schema(EVENT_STATUS[session.status])
        where = location(session, venues[session.pk])
        times = [(session.start, session.end)]
        times += [(run.start, run.end) for run in runs.get(session.pk, [])]
        for start, end in sorted(times):
            event = {**common, **dates(session, start, end)}
            if where is not None:
                event["location"] = where
            result.append(event)
    return result


def _slot_location(slot, venue):
    """Where a session of the programme takes place, as ``location()`` says it on
    the session's own page. A session at the conference's venue (or naming none)
    gets the venue's ``Place``; one at a venue of its own gets only its place's
    name, which the programme holds without another query."""
    # As ``jsonld._venue_of``: a session naming no venue is at the conference's,
    # unless it has neither a room nor in-person attendance but an online address.
    at_conference_venue = venue is not None and (
        slot.venue_id == venue.pk
        or (slot.venue_id is None and (slot.room or not slot.online_url))
    )
    if at_conference_venue:
        return location(slot, venue)
    where = location(slot, None)
    if meets_in_person(slot) and slot.place:
        named = {"@type": "Place", "name": slot.place}
        where = named if where is None else [named, where]
    return where


def programme_sub_events(conference, slots, base_url="", venue=None):
    """The sessions of the conference's programme (``programme.build_programme``,
    already built for the page) as short ``Event`` objects: no query. ``venue``:
    the conference's venue.

    The programme holds wall-clock times; the offset is the zone's at that time
    (the first of the two in the hour the clocks go back)."""
    zone = get_zone(conference.time_zone)
    result = []
    for slot in slots:
        if not slot.is_session:
            continue
        event = {"@type": "Event", "name": slot.title}
        if slot.url:
            # The programme links with the site's relative URLs.
            event["url"] = urljoin(base_url, slot.url)
        if slot.times_announced:
            event["startDate"] = slot.start.replace(tzinfo=zone).isoformat()
            event["endDate"] = slot.end.replace(tzinfo=zone).isoformat()
        else:
            event["startDate"] = slot.start.date().isoformat()
            event["endDate"] = last_day(slot.start, slot.end).isoformat()
        if slot.status != EventStatus.SCHEDULED:
            event["eventStatus"] = schema(EVENT_STATUS[slot.status])
        where = _slot_location(slot, venue)
        if where is not None:
            event["location"] = where
        result.append(event)
    return result
