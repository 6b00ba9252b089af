"""The addresses of people's pages on an event index: ``<index>/people/`` lists
the people who speak at its events, ``<index>/people/<slug>/`` is one person's
page, in the index's language (see ``programme.people``). A mixin of
``EventIndexPage``, kept apart from the index's listing."""

from wagtail.contrib.routable_page.models import path

from .. import serving
from .methods import read_only


class PeopleRoutesMixin:
    @path("people/", name="people")
    @read_only
    def people_list(self, request):
        """The people who speak at the index's events, each linking to their page."""
        return serving.get("people_list")(self, request)

    @path("people/<str:slug>/", name="person")
    @read_only
    def person_page(self, request, slug):
        """One person's page; 404 for no such person or a hidden page."""
        return serving.get("person_page")(self, request, slug)

    def get_sitemap_urls(self, request=None):
        """The index's own address and its people's pages, in its language."""
        urls = super().get_sitemap_urls(request)
        if not urls:
            return urls
        base = self.get_full_url(request)
        for person in serving.get("people_of")(self):
            urls.append(
                {
                    "location": f"{base}people/{person.slug}/",
                    "lastmod": urls[0].get("lastmod"),
                }
            )
        return urls
