"""The placeholders of an organiser's message to a group: ``{name}``,
``{event}``, ``{date}``, ``{place}``, ``{link}``, filled in here
(``fill``), never with ``str.format`` (a name holding ``{link}`` stays as
written); any other ``{...}`` is refused (``placeholders_in``). The subject may
not hold the personal ones (``PERSONAL_PLACEHOLDERS``).
"""

import re

from django.utils.translation import gettext_lazy as _


PLACEHOLDERS = {
    "name": _("the registrant's name"),
    "event": _("the event's title, in the registrant's language"),
    "date": _("the date and time they registered for"),
    "place": _("where it takes place (or where to join online)"),
    "link": _("their own link, to see or cancel their registration"),
}
# The subject is kept in the log of e-mails sent, which people who may not see
# registrants read too: it holds nothing of the person.
PERSONAL_PLACEHOLDERS = ("name", "link")
# Anything in braces is meant as a placeholder: an unknown one is refused
# rather than sent as written.
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class UnknownPlaceholder(ValueError):
    def __init__(self, names):
        self.names = names
        super().__init__(", ".join(names))


def placeholders_in(text):
    """The placeholders of ``text``; raises ``UnknownPlaceholder`` naming every
    unknown one, as written (``{foo}``)."""
    found = _PLACEHOLDER.findall(text or "")
    unknown = sorted({f"{{{name}}}" for name in found if name not in PLACEHOLDERS})
    if unknown:
        raise UnknownPlaceholder(unknown)
    return set(found)


def fill(text, values):
    """``text`` with each known placeholder replaced by its value, in one pass:
    what a value holds is never read as a placeholder."""

    def replace(match):
        name = match.group(1)
        return str(values.get(name, "")) if name in PLACEHOLDERS else match.group(0)

    return _PLACEHOLDER.sub(replace, text or "")
