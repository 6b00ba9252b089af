"""The languages an event is held in, and the languages interpretation is offered
in: the list editors choose from, and their names.

This is not the language a page is written in (``languages.language_of``): the
English page of a Dutch study day is written in English about an event held in
Dutch. An event states its languages as language codes (BCP 47: ``nl``, ``en``,
``vgt`` for Flemish Sign Language); none stated means nothing is claimed, and
no output guesses one from the page's language.

Editors choose from ``WAGTAIL_EVENTS_EVENT_LANGUAGES`` (codes, or ``(code, name)``
pairs for a language Django does not name), independent of the languages the
site is translated into (``LANGUAGES``). Names are shown in the active language:
Django's catalogue names spoken languages ("Dutch", "Nederlands",
"Néerlandais"); sign languages, which Django does not know, are named here.
"""

import re

from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..conf import events_settings


# Sign languages interpretation is most often asked for in and around Belgium,
# by their ISO 639-3 codes (valid BCP 47 language subtags).
SIGN_LANGUAGES = {
    "vgt": _("Flemish Sign Language"),
    "sfb": _("French Belgian Sign Language"),
    "dse": _("Dutch Sign Language"),
    "fsl": _("French Sign Language"),
    "gsg": _("German Sign Language"),
    "bfi": _("British Sign Language"),
    "ase": _("American Sign Language"),
    "ils": _("International Sign"),
}

# The spoken languages offered when the site names none: the languages of the
# European Union that Django names (all but Maltese), and those most spoken in
# Belgium and its neighbours besides.
DEFAULT_LANGUAGES = [
    "nl", "fr", "de", "en",
    "bg", "cs", "da", "el", "es", "et", "fi", "ga", "hr", "hu", "it", "lt", "lv",
    "pl", "pt", "ro", "sk", "sl", "sv",
    "ar", "ru", "tr", "uk",
]  # fmt: skip

# A language code as BCP 47 writes it, in lower case: "nl", "vgt", "zh-hans".
CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*\Z")


def _configured():
    """``(code, name or None)`` for each spoken language of the setting."""
    configured = events_settings.EVENT_LANGUAGES
    if configured is None:
        configured = DEFAULT_LANGUAGES
    pairs = []
    for entry in configured:
        code, name = (entry, None) if isinstance(entry, str) else entry
        pairs.append((code.lower(), name))
    return pairs


def name(code):
    """The language's name in the active language: "Dutch", "Nederlands"; the
    code itself for one nobody names."""
    if code in SIGN_LANGUAGES:
        return str(SIGN_LANGUAGES[code])
    for configured, given in _configured():
        if configured == code and given:
            return str(given)
    info = LANG_INFO.get(code)
    if info is not None and "fallback" in info:
        info = LANG_INFO.get(info["fallback"][0])
    if info is None:
        return code
    return capfirst(gettext(info["name"]))


def choices():
    """The languages editors choose from, as form choices: spoken ones by name,
    then sign languages, each group sorted by its names in the active language."""
    spoken = sorted(
        ((code, name(code)) for code, _given in _configured()),
        key=lambda pair: pair[1].casefold(),
    )
    signed = sorted(
        ((code, name(code)) for code in SIGN_LANGUAGES),
        key=lambda pair: pair[1].casefold(),
    )
    return [(_("Spoken languages"), spoken), (_("Sign languages"), signed)]


def codes():
    """Every code editors may choose."""
    return [code for code, _given in _configured()] + list(SIGN_LANGUAGES)


def is_sign_language(code):
    return code in SIGN_LANGUAGES


def from_query(value):
    """A language code from a query string (``?language=nl``), or ""."""
    value = (value or "").strip().lower()
    return value if CODE.match(value) else ""


def validate_codes(value):
    """A list of distinct language codes (the stored value of an event's
    languages)."""
    if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
        raise ValidationError(_("Give a list of language codes."))
    wrong = [code for code in value if not CODE.match(code)]
    if wrong:
        raise ValidationError(
            _("Not a language code: %(codes)s."), params={"codes": ", ".join(wrong)}
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Give each language once."))


def ordered(value):
    """Codes in the order of the editors' list (spoken, then sign languages),
    unknown ones last: the order the page, the JSON-LD and frab use."""
    order = {code: i for i, code in enumerate(codes())}
    return sorted(value or [], key=lambda code: (order.get(code, len(order)), code))


def names(value):
    """The languages of ``value`` by name, in the active language, in a sentence:
    "Dutch", "Dutch and English"."""
    return get_text_list([name(code) for code in ordered(value)], gettext("and"))


def held_in(page, conference=None):
    """The languages an event is held in: its own, or (for a session that states
    none) its conference's; [] when neither states any."""
    own = list(getattr(page, "event_languages", None) or [])
    if own or conference is None:
        return ordered(own)
    return ordered(getattr(conference, "event_languages", None) or [])
