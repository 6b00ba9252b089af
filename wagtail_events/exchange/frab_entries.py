"""A programme item (a plenary, an exhibition, a break) as an event of the frab
schedule, from the programme's plain data (``programme.entries.Slot``) that the
page shows: its ``type`` is the item's kind (``remarks``, ``exhibition``,
``break``, ``meal``, ``reception``, ``registration``, ``other``), its ``guid`` a
uuid5 of its key (the same in every language), its room the item's room (named
with its building and address) or the place it names, its URL the conference
page at the item's anchor.

frab's persons hold a name and a guid only, so the speakers' roles and
organisations are written in the description, under the item's own text, as
well as in this package's extension of the persons (``frab_values.person_entry``),
which the import of items does not read.
"""

import uuid

from django.utils.translation import gettext as _

from .frab_values import (
    NAMESPACE,
    acronym,
    entry_guid,
    hhmm,
    iso,
    persons,
)


# Programme items need an integer ``id`` of their own, unique in the file next to
# page ids and runs (``frab_export.RUN_ID_OFFSET``): the item's pk above this.
ITEM_ID_OFFSET = 2_000_000_000


def _speaker_text(speaker):
    about = ", ".join(filter(None, [speaker.role, speaker.organisation]))
    return f"{speaker.name} ({about})" if about else speaker.name


def item_description(slot):
    """The item's description, then its speakers with their roles (those still
    to be confirmed said so), then the access note of another venue."""
    parts = [slot.description.strip()] if slot.description else []
    for group in slot.speaker_groups:
        lines = [
            _("%(speaker)s (to be confirmed)") % {"speaker": _speaker_text(s)}
            if s.to_be_confirmed
            else _speaker_text(s)
            for s in group.speakers
        ]
        if group.heading:
            lines.insert(0, f"{group.heading}:")
        parts.append("\n".join(lines))
    if slot.access_note:
        parts.append(slot.access_note.strip())
    return "\n\n".join(parts)


def item_persons(slot):
    """The item's confirmed speakers as frab persons, each once."""
    return persons(slot.speakers)[0]


def claim_item_places(builder, items):
    """The frab room of each programme item in ``builder`` (``frab_export``'s,
    whose rooms and sessions' rooms are claimed already): its room, else a room
    named by the place it gives in words with the conference venue's address
    (``Slot.location_line``), else by its kind."""
    by_name = {room["name"]: key for key, room in builder.rooms.items()}
    for slot in items:
        if slot.room_record is not None:
            builder.place_keys[slot.key] = ("room", slot.room_record.pk)
            continue
        name = slot.location_line or str(slot.kind_label)
        # A place in words may be a room's line ("Central hall, Lamot…"): the
        # same place, the same room.
        key = by_name.get(name, ("place", name))
        if key not in builder.rooms:
            seed = f"{builder.conference.translation_key}:place:{name}"
            builder.add_room(key, name, str(uuid.uuid5(NAMESPACE, seed)), (2, name))
            by_name[name] = key
        builder.place_keys[slot.key] = key


def item_event(builder, slot):
    """``(event, room key)`` of a programme item in ``builder``'s document
    (``frab_export._Builder``, whose rooms the item's room is among)."""
    key = builder.place_keys[slot.key]
    local = slot.starts_at.astimezone(builder.tz)
    event = {
        "guid": entry_guid(slot.key),
        "id": ITEM_ID_OFFSET + slot.item_id,
        "date": iso(slot.starts_at, builder.tz),
        "start": local.strftime("%H:%M"),
        "end": iso(slot.ends_at, builder.tz),
        "duration": hhmm(slot.ends_at - slot.starts_at),
        "room": builder.rooms[key]["name"],
        "slug": f"{acronym(builder.conference)}-{slot.key}",
        # The schema wants a URI; a conference outside every site has no address.
        "url": slot.full_url or f"urn:uuid:{entry_guid(slot.key)}",
        "title": slot.title,
        "subtitle": "",
        "track": None,
        "type": slot.kind,
        "language": builder.language,
        "abstract": "",
        "description": item_description(slot),
        "persons": item_persons(slot),
        "links": [],
        "attachments": [],
    }
    return event, key
