"""The ``VEVENT`` of a programme entry that has no page of its own: a plenary, an
exhibition, a break or a reception of a conference (``ProgrammeItem``), written
from the programme's plain data (``programme.entries.Slot``) that the page shows.

Its ``UID`` is the entry's key (``item-`` and the item's translation key) at the
calendar's domain: the same in every language and after the item moves, as the
sessions' UIDs are. Its ``URL`` is the conference page at the entry's anchor.
"""

import datetime

import icalendar
from django.utils.translation import gettext as _

from ..conf import events_settings
from ..localtime import get_zone


def entry_uid(key, domain):
    """The UID of the programme entry with ``key`` (``Slot.key``)."""
    return f"{key}@{domain}"


def key_of_uid(uid):
    """The entry key a UID of this package's calendars was written from."""
    return str(uid).rsplit("@", 1)[0]


def include_in_calendar(slot):
    """Whether a calendar file holds the entry: every one, but breaks, meals and
    the registration desk only while ``WAGTAIL_EVENTS_CALENDAR_BREAKS`` is on."""
    return not slot.is_break or events_settings.CALENDAR_BREAKS


def _speaker_line(speaker):
    parts = [speaker.name]
    about = ", ".join(filter(None, [speaker.role, speaker.organisation]))
    if about:
        parts.append(f"({about})")
    if speaker.session_role and speaker.session_role != "speaker":
        parts.insert(0, f"{speaker.session_role_label}:")
    return " ".join(parts)


def entry_description(slot):
    """What the programme says of the entry, as text: its description, its
    speakers with their roles and organisations, the access note of another
    venue and the address of the entry on the page."""
    parts = []
    if slot.description:
        parts.append(slot.description.strip())
    for group in slot.speaker_groups:
        lines = [_speaker_line(speaker) for speaker in group.speakers]
        if group.heading:
            lines.insert(0, f"{group.heading}:")
        parts.append("\n".join(lines))
    if slot.access_note:
        parts.append(_("Accessibility: %(note)s") % {"note": slot.access_note.strip()})
    if slot.full_url:
        parts.append(slot.full_url)
    return "\n\n".join(parts)


def entry_vevent(slot, *, zone_name, domain, now, sequence=0):
    """The VEVENT of a programme item (``Slot`` with ``is_session`` False)."""
    zone = get_zone(zone_name)
    event = icalendar.Event()
    event.add("uid", entry_uid(slot.key, domain))
    event.add("dtstamp", now)
    event.add("summary", slot.title)
    event.add("sequence", sequence)
    event.add("status", "CONFIRMED")
    event.add("dtstart", slot.starts_at.astimezone(zone))
    event.add("dtend", slot.ends_at.astimezone(zone))
    description = entry_description(slot)
    if description:
        event.add("description", description)
    if slot.full_url:
        event.add("url", slot.full_url)
    event.add("categories", [str(slot.kind_label)])
    if slot.location_line:
        event.add("location", slot.location_line)
    venue = slot.venue
    if venue is not None and venue.has_coordinates:
        event.add("geo", (float(venue.latitude), float(venue.longitude)))
    # All-day items (an exhibition) are open for their hours, which apps show;
    # TRANSP:TRANSPARENT keeps them from marking the whole day as busy.
    if slot.all_day or slot.is_break:
        event.add("transp", "TRANSPARENT")
    return event


def entry_vevents(slots, *, zone_name, domain, now=None, keys=None, sequences=None):
    """The VEVENTs of the programme items among ``slots``: those a calendar holds
    (``include_in_calendar``), or exactly those with ``keys`` (a personal agenda:
    a starred break stays). ``sequences``: {slot key: SEQUENCE}, raised by
    ``programme.changes`` each time an item's time, place or status changes."""
    sequences = sequences or {}
    now = now or datetime.datetime.now(datetime.UTC)
    chosen = [
        slot
        for slot in slots
        if not slot.is_session
        and (include_in_calendar(slot) if keys is None else slot.key in keys)
    ]
    return [
        entry_vevent(
            slot,
            zone_name=zone_name,
            domain=domain,
            now=now,
            sequence=sequences.get(slot.key, 0),
        )
        for slot in chosen
    ]
