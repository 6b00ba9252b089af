"""How values are written in a frab schedule (schedule.json and schedule.xml):
stable identifiers, the conference's acronym, slugs, plain text and times.

Identifiers are stable and the same in every language: an event's ``guid`` is its
page's translation key (shared by its translations, and the guid an import gave
the page), a further run of a site visit gets a uuid5 of that key and the run's
start; a person's and a room's guid is the one an import gave them, else a uuid5
of their translation key. The import (``frab_import``) derives the guids of
speakers that a file gives none from the same ``NAMESPACE``.
"""

import re
import unicodedata
import uuid
from html.parser import HTMLParser


# uuid5(NAMESPACE_URL, "https://github.com/wagtail-civic-events/wagtail-civic-events/frab")
NAMESPACE = uuid.UUID("fa123984-ff50-528e-aaeb-d493bc80dc2f")


# Identifiers


def person_guid(name, person=None):
    """A speaker's guid: the saved person's, else derived from the person's
    translation key (one guid for the person in every language), else from the
    typed name (the same name gives the same guid everywhere)."""
    if person is not None:
        return str(
            person.guid or uuid.uuid5(NAMESPACE, f"person:{person.translation_key}")
        )
    return str(uuid.uuid5(NAMESPACE, f"name:{name}"))


def person_entry(speaker, guid):
    """A confirmed speaker (``programme.speakers.Speaker``) as a frab person.

    Besides frab's name and guid, and the saved person's biography, it carries
    this package's extension, which other readers ignore and its import reads
    back: the speaker's ``role`` and ``organisation`` as the programme shows
    them and their ``session_role`` (``moderator``, ``panellist``…), all three
    always written, so that a key left out means the file says nothing of it."""
    entry = {
        "name": speaker.name,
        "public_name": speaker.name,
        "guid": guid,
        "role": speaker.role,
        "organisation": speaker.organisation,
        "session_role": speaker.session_role,
    }
    if speaker.person is not None and speaker.person.biography:
        entry["biography"] = speaker.person.biography
    return entry


def persons(speakers):
    """``speakers`` (``programme.speakers.Speaker``) as frab persons, each
    person once, and the names of those still to be confirmed, which the
    description mentions instead: an app would show them as certain."""
    found, tbc, seen = [], [], set()
    for speaker in speakers:
        if speaker.to_be_confirmed:
            tbc.append(speaker.name)
            continue
        guid = person_guid(speaker.name, speaker.person)
        if guid in seen:
            continue
        seen.add(guid)
        found.append(person_entry(speaker, guid))
    return found, tbc


def room_guid(room):
    """A room's guid: the one an import gave it, else derived from its translation
    key (the Dutch room of a translated venue is the same room)."""
    return str(room.guid or uuid.uuid5(NAMESPACE, f"room:{room.translation_key}"))


def venue_guid(venue):
    """The guid of the frab room that stands for a venue a session is held at
    without a room of it: derived from the venue's translation key."""
    return str(uuid.uuid5(NAMESPACE, f"venue:{venue.translation_key}"))


def entry_guid(key):
    """The guid of a programme item (``Slot.key``, ``item-…``): one in every
    language, as a session's is its translation key."""
    return str(uuid.uuid5(NAMESPACE, key))


def run_guid(translation_key, start):
    return str(uuid.uuid5(NAMESPACE, f"{translation_key}:{start.isoformat()}"))


def ascii_slug(value):
    value = unicodedata.normalize("NFKD", str(value))
    value = value.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", value).strip("-")


def acronym(conference):
    """The conference's slug as the schema wants an acronym: lower-case letters,
    digits and underscores, at least four."""
    value = (
        ascii_slug(conference.slug).replace("-", "_") or f"conference_{conference.pk}"
    )
    return value.ljust(4, "_")


# Text


def plain_text(html):
    """Rich text as plain text: paragraphs apart, list items on their own lines."""
    parser = _TextParser()
    parser.feed(html or "")
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


class _TextParser(HTMLParser):
    BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n- ")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        self.parts.append(data)


# Times


def iso(value, tz):
    return value.astimezone(tz).isoformat(timespec="seconds")


def hhmm(delta):
    minutes = max(0, int(delta.total_seconds() // 60))
    # schedule.xml allows two digits of hours.
    minutes = min(minutes, 99 * 60 + 59)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
