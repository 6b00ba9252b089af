"""A sitemap of every live, public page in every language.

Wagtail's own sitemap (``wagtail.contrib.sitemaps``) lists the pages below the
site's root page. With wagtail-localize each language has its own tree, under
the translation of the home page, which is not below the root page: the Dutch
and French pages were missing from ``sitemap.xml``. This sitemap lists the
pages below the root page in every language, and gives each page its
translations as ``hreflang`` alternates, as Google reads them.

Use it as the sitemap of Wagtail's view::

    from wagtail.contrib.sitemaps.views import sitemap
    from wagtail_events.sitemaps import Sitemap

    path("sitemap.xml", sitemap, {"sitemaps": {"pages": Sitemap}}),

Pages under a view restriction (a password, members only) are left out, as
Wagtail's sitemap does (``.public()``); so are drafts.
"""

from collections import defaultdict
from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from .page_model import base_page_model


class Sitemap(WagtailSitemap):
    def _pages(self):
        """The live, public pages below the site's root page in every language."""
        Page = base_page_model()
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key).only(
            "path", "depth"
        )
        below = reduce(or_, (Q(path__startswith=r.path) for r in roots))
        return Page.objects.filter(below).live().public().order_by("path")

    def items(self):
        return self._pages().defer_streamfields().specific()

    def _alternates(self):
        """{translation key: [{"lang_code", "location"}]} of the pages that are
        in more than one language; their addresses computed once."""
        cached = getattr(self, "_alternates_cache", None)
        if cached is not None:
            return cached
        languages = defaultdict(list)
        for page in self._pages().select_related("locale"):
            url = page.get_full_url(self.request)
            if url:
                languages[page.translation_key].append(
                    {"lang_code": page.locale.language_code, "location": url}
                )
        self._alternates_cache = {
            key: links for key, links in languages.items() if len(links) > 1
        }
        return self._alternates_cache

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        alternates = self._alternates()
        by_location = {}
        for links in alternates.values():
            for link in links:
                by_location[link["location"]] = links
        for url in urls:
            links = by_location.get(url.get("location"))
            if links:
                url["alternates"] = links
        return urls
