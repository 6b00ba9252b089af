"""A session as frab writes it: its persons and its description.

Shared by the export (``frab_export``) and the import, which compares a
session's text with what the export would write (``session_description``), so
that importing this package's own file changes nothing.
"""

from django.utils.translation import gettext as _

from ..programme import speakers
from .frab_values import persons, plain_text


def session_persons(session, people):
    """The session's speakers as frab persons (``frab_values.persons``: with
    their role, organisation and role in the session), and the names of those
    still to be confirmed."""
    groups = speakers.speaker_groups(session.speakers, people)
    return persons([speaker for group in groups for speaker in group.speakers])


def session_text(session, tbc=()):
    """A session's frab ``description``: its text, meeting point, notes and the
    speakers still to be confirmed (``tbc``, names)."""
    parts = [
        plain_text(block["value"])
        for block in session.body.raw_data
        if block["type"] == "text" and isinstance(block["value"], str)
    ]
    meeting_point = getattr(session, "meeting_point", "")
    if meeting_point:
        parts.append(_("Meeting point: %(place)s") % {"place": meeting_point})
    if getattr(session, "accessibility_notes", ""):
        parts.append(session.accessibility_notes)
    if getattr(session, "what_to_bring", ""):
        parts.append(_("What to bring: %(what)s") % {"what": session.what_to_bring})
    if tbc:
        parts.append(_("To be confirmed: %(names)s") % {"names": ", ".join(tbc)})
    return "\n\n".join(part for part in parts if part)


def session_description(session):
    """``session_text`` of one session, its speakers read (one query)."""
    people = speakers.people_by_id(speakers.person_ids([session.speakers]))
    _persons, tbc = session_persons(session, people)
    return session_text(session, tbc)
