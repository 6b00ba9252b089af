"""Where an event happens, as people read it: addresses and the online address.

The rules here are the only copies: the page, the e-mails, the calendar files,
the frab schedule and the structured data all ask these functions, so a
calendar app, a search engine and an e-mail never disagree on where to go.
Plain attribute reads: nothing here imports the models, and nothing queries
but a single meeting's series (``by_invitation``), read once and cached.

The online address of an event by invitation is private (``by_invitation``):
every public output (the page, calendar files, frab, structured data) asks
``online_address`` or ``public_online_url``, which leave it out; only the
e-mails, calendar attachment and cancellation page of an admitted registrant
ask with ``admitted=True``.
"""

import functools

from django.utils.translation import get_language
from django_countries import countries

from .enums import Access, AttendanceMode, EventStatus, is_meeting


def country_name(country):
    """The name of a country in the active language ("België" in Dutch), from a
    country field's value or a two-letter code; the code itself when the list
    does not know it (a code typed before countries were chosen from a list)."""
    code = str(getattr(country, "code", country) or "")
    return _country_name(code, get_language()) if code else ""


@functools.lru_cache(maxsize=4096)
def _country_name(code, language):
    # Kept per language: a calendar feed names the same few countries thousands
    # of times, and each look-up in django-countries costs a translation.
    return str(countries.name(code) or code)


def address_line(venue, *, country_code=False):
    """ "Name, street, postcode town, country", leaving out the parts not given.
    The country by its name in the active language; by its code with
    ``country_code`` (as lines were written before countries had names, which
    files exported then still hold)."""
    locality = " ".join(filter(None, [venue.postal_code, venue.locality]))
    country = str(venue.country or "") if country_code else country_name(venue.country)
    return ", ".join(
        filter(None, [venue.name, venue.street_address, locality, country])
    )


def room_line(room, *, country_code=False):
    """ "Room, venue address" for a session held in a room of a venue."""
    venue_line = address_line(room.venue, country_code=country_code)
    return ", ".join(filter(None, [room.name, venue_line]))


def room_lines(room):
    """The ways ``room_line`` has written the room: with the country's name and
    with its code, so that a frab file exported either way finds it again."""
    return {room_line(room), room_line(room, country_code=True)}


def joins_online(page):
    """Whether people join the event online, so that its online address is where
    to go. An in-person event may still name an online address (where a stream is
    announced): that address is not a place to attend."""
    return bool(page.online_url) and (
        page.status == EventStatus.MOVED_ONLINE
        or page.attendance_mode != AttendanceMode.IN_PERSON
    )


def by_invitation(page, parent=None):
    """Whether the event is by invitation: its own access, or that of the
    conference it is a session of (``parent``), so that a conference by
    invitation keeps the links of its sessions private too. A meeting follows
    its series the same way: ``MeetingPage.series``, which lists of meetings set
    beforehand (``programme.series``, ``exchange.calendars``), so that only a
    single meeting page reads its parent for it."""
    if parent is None and is_meeting(page):
        parent = page.series
    return Access.INVITATION in (
        getattr(page, "access", None),
        getattr(parent, "access", None),
    )


def public_online_url(page, parent=None):
    """The page's online address as the public may read it (a stream announced
    for an in-person event too), or "" for an event by invitation."""
    return "" if by_invitation(page, parent) else page.online_url


def online_address(page, parent=None, *, admitted=False):
    """The address to join the event online, or "" (see ``joins_online``). For
    an event by invitation, only for people admitted to it (``admitted``: a
    confirmed registrant's e-mail, calendar attachment and cancellation page);
    "" wherever the public reads it."""
    if not joins_online(page):
        return ""
    if by_invitation(page, parent) and not admitted:
        return ""
    return page.online_url


def joins_privately(page, parent=None):
    """Whether people join online at an address kept for the admitted: outputs
    still say the event is online (a ``VirtualLocation`` with the page's own
    address), without the link."""
    return joins_online(page) and by_invitation(page, parent)


def meets_in_person(page):
    """Whether people go to the venue: not when the event is online only or has
    moved online."""
    return (
        page.status != EventStatus.MOVED_ONLINE
        and page.attendance_mode != AttendanceMode.ONLINE
    )


def location(page, *, room=None, venue=None, parent=None, parent_venue=None):
    """Where to go, as the page shows it: (the line to read, the venue it names).
    The room (at its venue), else the venue, else the online address when people
    join online, else what the conference (``parent``) gives. Only the online
    address, if any, when the event moved online; ("", None) when the page names
    no place. The venue is None for an online address: it is where a calendar
    app puts the event on its map.

    ``room``, ``venue`` and ``parent_venue`` are the page's room and venue and the
    conference's venue, passed in so that a caller holding many pages reads them
    in one query (the calendar files) and one holding one page reads them from
    its attributes (the e-mails: ``location_line_of``)."""
    if page.status == EventStatus.MOVED_ONLINE:
        return online_address(page, parent), None
    if room is not None:
        return room_line(room), room.venue
    if venue is not None:
        return address_line(venue), venue
    if joins_online(page):
        # By invitation: no line rather than the conference's place.
        return online_address(page, parent), None
    if parent is not None:
        return location(parent, venue=parent_venue)
    return "", None


def item_location(item, *, room=None, parent=None, parent_venue=None):
    """Where a programme item of a conference happens: (the line, the venue), as
    ``location()``. Its room (at its venue); else the place it names in words
    ("Central hall"), which is at the conference's venue, with that venue's
    address; else the conference's place."""
    if room is not None:
        return room_line(room), room.venue
    if parent_venue is not None and (parent is None or meets_in_person(parent)):
        line = ", ".join(filter(None, [item.location, address_line(parent_venue)]))
        return line, parent_venue
    if item.location:
        return item.location, None
    if parent is not None:
        return location(parent, venue=parent_venue)
    return "", None


def location_line(page, **where):
    """The line of ``location()``: where to go, in one line."""
    return location(page, **where)[0]


def location_line_of(page):
    """``location_line`` of one page, its room, venue and conference read from its
    attributes (a query each, at most)."""
    parent = getattr(page, "conference", None)
    return location_line(
        page,
        room=page.room if getattr(page, "room_id", None) else None,
        venue=page.venue if page.venue_id else None,
        parent=parent,
        parent_venue=parent.venue if parent is not None and parent.venue_id else None,
    )


def access_elsewhere(venue, home_venue_id):
    """The access note of the venue an entry is held at ("only by stairs") when
    that is not its conference's venue (``home_venue_id``), else "": a session
    in a nearby building says how to get in, where the conference's own access
    is on its page."""
    if venue is None or venue.pk == home_venue_id:
        return ""
    return venue.accessibility_notes
