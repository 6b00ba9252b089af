"""A conference's programme in one language: the filter of the programme page
(``?language=nl``).

Each entry knows the languages it is held in (``Slot.languages``: a session's
own, else the conference's). The filter keeps the entries held in the language
asked for, and the breaks, meals and receptions, which are held in none; the
full programme stays what the calendar files, frab and the structured data
read. It costs no query: the choices are the languages of the entries.
"""

from dataclasses import dataclass, field, replace

from django.utils.translation import gettext_lazy as _

from ..i18n import event_languages
from .entries import SPANNING_KINDS
from .timetable import Programme, laid_out


@dataclass
class LanguageFilter:
    programme: Programme  # what the page shows: all entries, or those filtered
    language: str = ""  # the code asked for, or ""
    choices: list = field(default_factory=list)  # (code, name); [] without a choice

    @property
    def shown(self):
        """Whether the page offers the filter: the programme is held in more than
        one language, or a language was asked for."""
        return bool(self.choices)

    @property
    def no_sessions(self):
        """A language was asked for that no session is held in."""
        return bool(self.language) and not any(
            slot.is_session for slot in self.programme.entries
        )


def _kept(slot, language):
    return language in slot.languages or (
        not slot.is_session and slot.kind in SPANNING_KINDS
    )


def _spans(slot):
    """As ``entries`` first decides it for an item, before the layout."""
    return (
        not slot.is_session and slot.kind in SPANNING_KINDS and slot.room_record is None
    )


def language_filter(programme, query=""):
    """The programme as the page shows it with ``?language=`` (``query``, its
    value as given)."""
    language = event_languages.from_query(query)
    used = {code for slot in programme.entries for code in slot.languages}
    if language:
        used.add(language)
    choices = []
    if len(used) > 1 or language:
        choices = [("", _("All languages"))] + [
            (code, event_languages.name(code)) for code in event_languages.ordered(used)
        ]
    if not language:
        return LanguageFilter(programme, "", choices)
    # Copies, laid out afresh: an item that spans the columns decides so among
    # the entries shown.
    slots = [
        replace(slot, spans=_spans(slot))
        for slot in programme.entries
        if _kept(slot, language)
    ]
    shown = laid_out(slots, programme.time_zone)
    return LanguageFilter(shown, language, choices)
