"""The languages a page can be read in: its published translations, and the
language it is written in.

``translations(page, request)`` gives one ``Translation`` per language, the page
itself included, for the language switcher and the ``hreflang`` alternates;
``language_of(page)`` the page's own language, for ``<html lang>``, the JSON-LD
``inLanguage`` and what registrations store. Both come from one query per page
object (the translations with their locales), kept on the page, so the template,
the switcher, the ``<head>`` and the structured data share it.

``in_language_of(page)`` makes what is served for a page speak its language
(labels, messages, dates), whichever language the request came with.

A site without translations (``WAGTAIL_I18N_ENABLED`` off) has one language, the
default one: no switcher, no alternates, no query.
"""

import functools
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Left, Length
from django.utils import translation
from django.utils.text import capfirst
from wagtail.coreutils import (
    get_content_languages,
    get_supported_content_language_variant,
)
from wagtail.models import PageViewRestriction

from ..page_model import base_page_model


# Where the page's translations are kept on the page object.
_CACHE = "_wagtail_events_translations"


@dataclass(frozen=True)
class Translation:
    """The page in one language."""

    language_code: str  # the locale's, "nl" or "en-gb"
    name: str  # the language's name in itself: "Nederlands", "Français"
    url: str  # for links on the site: "/nl/events/studiedag/"
    full_url: str  # with the domain, for hreflang alternates
    is_current: bool  # the page being read
    is_default: bool  # the site's default language: hreflang "x-default"

    @property
    def og_locale(self):
        """As OpenGraph writes it: "nl", "en_GB"."""
        return translation.to_locale(self.language_code)


def enabled():
    return getattr(settings, "WAGTAIL_I18N_ENABLED", False)


def default_language():
    """The language code of the site's default locale (``LANGUAGE_CODE``)."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def language_name(code):
    """The language's name in itself, as the visitor looks for it: the name the
    site gives in ``WAGTAIL_CONTENT_LANGUAGES`` / ``LANGUAGES`` (written in each
    language itself, see docs/translating.md), else Django's ("Nederlands")."""
    if settings.is_overridden("LANGUAGES") or hasattr(
        settings, "WAGTAIL_CONTENT_LANGUAGES"
    ):
        name = get_content_languages().get(code)
        if name:
            return str(name)
    try:
        return capfirst(translation.get_language_info(code)["name_local"])
    except KeyError:
        return code


def _restricted():
    """Whether the outer page, or a page above it, has a view restriction (members,
    a password): ``.public()`` without its extra query for the restrictions."""
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Left(OuterRef("path"), Length("page__path"))
        )
    )


def _rows(page):
    """The page's translations that anyone may read (live, public, not an alias
    showing another language's text), and the page's own row whatever its state,
    with their locales: one query, kept on the page object."""
    rows = getattr(page, _CACHE, None)
    if rows is not None:
        return rows
    if page.pk is None:  # a new page in preview: it has no translations yet
        rows = []
    else:
        readable = Q(live=True, alias_of__isnull=True) & ~_restricted()
        pages = base_page_model().objects
        rows = list(
            pages.filter(translation_key=page.translation_key)
            .filter(Q(pk=page.pk) | readable)
            .select_related("locale")
        )
        for row in rows:
            if row.pk == page.pk and row.locale_id == page.locale_id:
                # The page's locale, read with it: page.locale costs no query.
                page.locale = row.locale
    setattr(page, _CACHE, rows)
    return rows


def language_of(page):
    """The language the page is written in: its locale's language code."""
    if not enabled():
        return default_language()
    if page.locale_id is not None and page._meta.get_field("locale").is_cached(page):
        # Read with the page (select_related): no query for its translations.
        return page.locale.language_code
    _rows(page)
    if page.locale_id is None:
        return default_language()
    return page.locale.language_code


def translations(page, request=None):
    """The page in every language it can be read in, itself included, in the
    order of the site's languages; [] when it has no other language (nothing to
    switch to) or the site has no translations."""
    if not enabled():
        return []
    rows = [row for row in _rows(page) if row.pk != page.pk]
    if not rows:
        return []
    order = list(get_content_languages())
    default = default_language()
    result = []
    for row in [page, *rows]:
        code = row.locale.language_code
        parts = row.get_url_parts(request)
        if parts is None or parts[2] is None:
            continue  # not on any site
        _site_id, root_url, path = parts
        result.append(
            Translation(
                language_code=code,
                name=language_name(code),
                url=row.get_url(request),
                full_url=(root_url or "") + path,
                is_current=row is page,
                is_default=code == default,
            )
        )
    if len(result) < 2:
        return []
    return sorted(
        result,
        key=lambda t: (
            (order.index(t.language_code), "")
            if t.language_code in order
            else (len(order), t.language_code)
        ),
    )


def interface_language(page):
    """The language to show the page's labels, messages and dates in: the page's,
    when the site speaks it (``LANGUAGES``); else None."""
    try:
        return translation.get_supported_language_variant(language_of(page))
    except LookupError:
        return None


@contextmanager
def in_language_of(page):
    """Everything done inside speaks the page's language, if the site has it."""
    code = interface_language(page) if page is not None else None
    with translation.override(code) if code else nullcontext():
        yield


def localized(objects, locale_id):
    """Snippets in the given locale where they are translated into it, else as
    they are; one query, none when all are in that locale already. For relations
    wagtail-localize keeps pointing at the source's objects (many-to-many)."""
    objects = list(objects)
    foreign = [obj for obj in objects if obj.locale_id != locale_id]
    if not foreign:
        return objects
    model = type(foreign[0])
    translated = {
        obj.translation_key: obj
        for obj in model.objects.filter(
            translation_key__in={obj.translation_key for obj in foreign},
            locale_id=locale_id,
        )
    }
    return [translated.get(obj.translation_key, obj) for obj in objects]


def in_page_language(view):
    """Decorate a view ``view(request, page, ...)`` to run, and render its
    response, in the page's language: messages are written in the view, labels
    when a template response renders. Registration pages, calendar and frab files
    speak the page's language whatever language the request came in."""

    @functools.wraps(view)
    def wrapper(request, page, *args, **kwargs):
        page = page.specific
        with in_language_of(page):
            response = view(request, page, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
        return response

    return wrapper
