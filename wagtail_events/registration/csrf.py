"""A registration that fails Django's CSRF check behind a shared cache."""

from django.views.csrf import csrf_failure as django_csrf_failure
from wagtail import views as wagtail_views

from ..models import EventPage
from ..page_model import base_page_model
from .views import CSRF_FAILED


def csrf_failure(request, reason=""):
    """Django's ``CSRF_FAILURE_VIEW`` for sites that cache event pages.

    An event page served from a shared cache carries the CSRF token of whoever
    caused it to be cached, so a visitor's registration can fail the CSRF check
    through no fault of theirs. For a registration form, this view shows the form
    again, with what the visitor typed, a fresh token and a request to send it
    once more; nothing is saved until a request passes the check. Any other
    request gets Django's own failure page.

    The page is served through Wagtail, so its privacy settings and
    ``before_serve_page`` hooks apply as for the page itself, and the form speaks
    the page's language (``views.register``).
    """
    match = getattr(request, "resolver_match", None)
    if request.method == "POST" and match is not None:
        path = None
        if match.func is wagtail_views.serve and match.args:
            path = match.args[0]
        elif match.view_name == "wagtail_events:register":
            # ``urls.serve_register``: the page's address, then ``register/``.
            path = match.kwargs["path"] + "register/"
        if path is not None:
            route = base_page_model().route_for_request(request, path)
            routable = getattr(request, "routable_resolver_match", None)
            if (
                route is not None
                and isinstance(route[0], EventPage)
                and routable is not None
                and routable.url_name == "register"
            ):
                setattr(request, CSRF_FAILED, True)
                return wagtail_views.serve(request, path)
    return django_csrf_failure(request, reason)
