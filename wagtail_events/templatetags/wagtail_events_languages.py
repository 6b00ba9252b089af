"""The page's language and its translations, for templates.

``{% page_languages page as languages %}`` gives:

- ``languages.code``: the language the page is written in, for ``<html lang>``
  (the active language on a view that serves no page);
- ``languages.interface``: the language to show labels and dates in, for
  ``{% language %}``: the page's, if the site speaks it, else the active one;
- ``languages.translations``: the page in each language it can be read in
  (``wagtail_events.i18n.languages.Translation``), itself included; empty when there
  is no other;
- ``languages.default``: the one in the site's default language, for
  ``hreflang="x-default"``, or None.

The translations are read once per page object, however often this is called.

``{% held_in page as held %}`` gives what the page says about the languages of
the event (not of the page): ``held.names`` ("Dutch and English"), ``held.codes``
and ``held.offers``, the interpretation on offer as sentences in the page's
language ("Flemish Sign Language interpreter on request before 5 April 2024."),
each with its editor's note. A session or meeting that states none has its
conference's or series' (read with the page: no query).
"""

from dataclasses import dataclass, field

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from ..enums import is_meeting, is_session
from ..i18n import event_languages, languages
from ..occurrences.dateformat import formatted
from ..page_model import base_page_model


register = template.Library()


@dataclass(frozen=True)
class PageLanguages:
    code: str
    interface: str
    translations: list

    @property
    def default(self):
        return next((t for t in self.translations if t.is_default), None)

    @property
    def others(self):
        return [t for t in self.translations if not t.is_current]


@register.simple_tag(takes_context=True)
def page_languages(context, page):
    # None after deactivate_all(): the site's language is what Django uses then.
    active = translation.get_language() or settings.LANGUAGE_CODE
    if not isinstance(page, base_page_model()):
        return PageLanguages(code=active, interface=active, translations=[])
    return PageLanguages(
        code=languages.language_of(page),
        interface=languages.interface_language(page) or active,
        translations=languages.translations(page, context.get("request")),
    )


@dataclass(frozen=True)
class Offer:
    text: str  # "Flemish Sign Language interpreter on request before 5 April 2024."
    note: str = ""


@dataclass(frozen=True)
class HeldIn:
    codes: list = field(default_factory=list)
    names: str = ""  # "Dutch and English", in the page's language
    offers: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.codes or self.offers)


def above(page):
    """The conference of a session, the series of a meeting, else None: what a
    session that states no languages or interpretation takes them from."""
    if is_meeting(page):
        return page.series
    if is_session(page):
        return page.conference
    return None


def _what(kind, language):
    name = event_languages.name(language) if language else ""
    if kind == "sign_language":
        # Translators: "Flemish Sign Language interpreter".
        return gettext("%(language)s interpreter") % {"language": name}
    if kind == "simultaneous":
        return gettext("Simultaneous interpretation into %(language)s") % {
            "language": name
        }
    if kind == "captions":
        return gettext("Live captions in %(language)s") % {"language": name}
    return gettext("Hearing loop")


def offer_text(value):
    """One interpretation block's value as a sentence in the active language."""
    what = _what(value.get("kind"), value.get("language"))
    if value.get("availability") != "on_request":
        # Translators: an interpretation or access service that is always there:
        # "Simultaneous interpretation into French."
        return gettext("%(what)s.") % {"what": what}
    if value.get("request_before"):
        return gettext("%(what)s on request before %(date)s.") % {
            "what": what,
            "date": formatted(value["request_before"], "plain_date"),
        }
    return gettext("%(what)s on request.") % {"what": what}


def held_in_data(page):
    """``HeldIn`` of an event page, in the active language."""
    parent = above(page)
    codes = event_languages.held_in(page, parent)
    stream = page.interpretation or (
        parent.interpretation if parent is not None else []
    )
    offers = [
        Offer(offer_text(block.value), block.value.get("note") or "")
        for block in stream
    ]
    return HeldIn(codes, event_languages.names(codes) if codes else "", offers)


@register.simple_tag
def held_in(page):
    if not hasattr(page, "event_languages"):
        return HeldIn()
    return held_in_data(page)
