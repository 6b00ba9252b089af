"""Files served at a page's address plus a file name: ``<page url>calendar.ics``,
``<page url>agenda.ics`` (a conference), ``<page url>schedule.json`` and
``<page url>schedule.xml``.

Wagtail's own page URL pattern only accepts paths of slugs ending in "/", so these
names never reach the page. Include these patterns before Wagtail's::

    path("", include("wagtail_events.urls")),
    path("", include(wagtail_urls)),

The view hands the request to Wagtail's page serving, so page privacy, the
``before_serve_page`` hooks and the page's own routes apply as for the page itself.
It finds the page first (``exchange.file_routes``: by its address, in a fixed
number of queries, and free of view restrictions, or else not at all and Wagtail
routes it slug by slug).

``<page url>register/``, where a registration is sent and its result read, is
found the same way, with the page's registration form (``serve_register``):
Wagtail's own pattern would route it too, slug by slug.
"""

from django.urls import re_path
from wagtail import views as wagtail_views

from .exchange import file_routes


app_name = "wagtail_events"

FILE_NAMES = ("calendar.ics", "agenda.ics", "schedule.json", "schedule.xml")


def serve_page_file(request, path, file_name):
    # The page's RoutablePageMixin routes take the file name as a last component.
    file_routes.route(request, path, file_name)
    return wagtail_views.serve(request, f"{path}{file_name}/")


def serve_register(request, path):
    # The registration POST and its result: the same route as Wagtail's, with
    # the page found in a fixed number of queries (or by Wagtail).
    file_routes.route(request, path, "register", calendar=False)
    return wagtail_views.serve(request, f"{path}register/")


urlpatterns = [
    re_path(
        r"^(?P<path>(?:[\w\-]+/)*)(?P<file_name>calendar\.ics|agenda\.ics|schedule\.json|schedule\.xml)$",
        serve_page_file,
        name="page_file",
    ),
    re_path(r"^(?P<path>(?:[\w\-]+/)+)register/$", serve_register, name="register"),
]
