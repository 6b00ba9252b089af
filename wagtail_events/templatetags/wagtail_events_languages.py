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
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Page

from ..i18n import languages


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
    if not isinstance(page, Page):
        return PageLanguages(code=active, interface=active, translations=[])
    return PageLanguages(
        code=languages.language_of(page),
        interface=languages.interface_language(page) or active,
        translations=languages.translations(page, context.get("request")),
    )
