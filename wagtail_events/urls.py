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

``<page url>register/``, where a registration is sent and its result read,
comes here too. The page is found the same way, with its registration form
(``file_routes.route``; Wagtail's own pattern would route it slug by slug), and
when it is an event page's registration its POST is checked by where it comes
from instead of by Django's CSRF token (``registration.same_origin``), so that
event pages need no token and a front-end cache can keep them. Any other page's
``register/`` keeps Django's CSRF check as it is.
"""

from django.urls import re_path
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from wagtail import views as wagtail_views

from .exchange import file_routes
from .registration import same_origin


app_name = "wagtail_events"

FILE_NAMES = ("calendar.ics", "agenda.ics", "schedule.json", "schedule.xml")


def serve_page_file(request, path, file_name):
    # The page's RoutablePageMixin routes take the file name as a last component.
    file_routes.route(request, path, file_name)
    return wagtail_views.serve(request, f"{path}{file_name}/")


@csrf_exempt
def serve_register(request, path):
    """``<path>register/``: the registration POST and its result, the page found
    in a fixed number of queries (or by Wagtail). An event page's registration
    POST is checked by ``same_origin`` (the view reads its verdict); everything
    else as Django and Wagtail serve it, CSRF middleware included."""
    page_path = f"{path}register/"
    if path:
        # Cached on the request: ``is_registration`` and Wagtail read it there.
        file_routes.route(request, path, "register", calendar=False)
    if request.method == "POST" and same_origin.is_registration(request, page_path):
        same_origin.check(request)
        return wagtail_views.serve(request, page_path)
    return csrf_protect(wagtail_views.serve)(request, page_path)


urlpatterns = [
    re_path(
        r"^(?P<path>(?:[\w\-]+/)*)(?P<file_name>calendar\.ics|agenda\.ics|schedule\.json|schedule\.xml)$",
        serve_page_file,
        name="page_file",
    ),
    re_path(r"^(?P<path>(?:[\w\-]+/)*)register/$", serve_register, name="register"),
]
