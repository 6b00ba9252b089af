"""The practical information a reminder carries, as plain text: how to get in
(the venue's and room's access notes, public transport), where to meet (a site
visit's meeting point), what to bring (a workshop's, and those of the workshops
chosen with a conference) and the conference's own practical information.

Read for one registration when its reminder is built: a query for each
object it names, none per registrant elsewhere. Nothing here is private: it is
what the event's pages show.
"""

from dataclasses import dataclass, field
from html import unescape

from django.utils.html import strip_tags
from django.utils.text import normalize_newlines
from wagtail.rich_text import RichText

from .. import places
from ..enums import is_conference


@dataclass
class Practical:
    access: list = field(default_factory=list)
    public_transport: str = ""
    meeting_point: str = ""
    what_to_bring: str = ""
    # [(session title, what to bring)] of the sessions chosen with a conference.
    sessions_to_bring: list = field(default_factory=list)
    information: list = field(default_factory=list)

    def __bool__(self):
        return any(
            (
                self.access,
                self.public_transport,
                self.meeting_point,
                self.what_to_bring,
                self.sessions_to_bring,
                self.information,
            )
        )


def practical_information(page, sessions=()):
    """``Practical`` for ``page`` (specific) and the ``ChosenSession``s of its
    registration; for a session, the conference's information too."""
    conference = getattr(page, "conference", None)
    room = page.room if getattr(page, "room_id", None) else None
    venue = room.venue if room is not None else None
    if venue is None and page.venue_id:
        venue = page.venue
    if venue is None and conference is not None and conference.venue_id:
        venue = conference.venue
    result = Practical()
    if venue is not None and places.meets_in_person(page):
        result.access = [
            note
            for note in (
                getattr(room, "accessibility_notes", ""),
                venue.accessibility_notes,
                getattr(page, "accessibility_notes", ""),
            )
            if note and note.strip()
        ]
        result.public_transport = venue.public_transport.strip()
    result.meeting_point = getattr(page, "meeting_point", "").strip()
    result.what_to_bring = getattr(page, "what_to_bring", "").strip()
    result.sessions_to_bring = [
        (session.page.title, session.page.what_to_bring.strip())
        for session in sessions
        if getattr(session.page, "what_to_bring", "").strip()
    ]
    owner = page if is_conference(page) else conference
    if owner is not None:
        result.information = stream_text(owner.practical_information)
    return result


def stream_text(stream):
    """The text of a StreamField of practical information, one string per block:
    its rich text as plain text, or a block's text, name and address fields."""
    texts = []
    for block in stream:
        value = block.value
        if isinstance(value, RichText):
            parts = [value.source]
        elif hasattr(value, "get"):
            parts = [
                value.get(name).source
                if isinstance(value.get(name), RichText)
                else value.get(name)
                for name in ("name", "text", "address", "opening_hours", "email")
            ]
        else:
            parts = [value]
        text = "\n".join(
            plain(part) for part in parts if isinstance(part, str) and plain(part)
        )
        if text:
            texts.append(text)
    return texts


def plain(html):
    """Rich text's source as plain text: paragraphs on lines of their own."""
    html = normalize_newlines(str(html))
    for tag in ("</p>", "<br>", "<br/>", "<br />", "</li>", "</h3>"):
        html = html.replace(tag, tag + "\n")
    lines = [line.strip() for line in unescape(strip_tags(html)).splitlines()]
    return "\n".join(line for line in lines if line)
