"""Protection against cross-site request forgery for the registration POST
(``<event page>register/``) without a CSRF token in the event page, so that a
front-end cache can keep the page while its registration form is open.

Why: the token in a page is the visitor's own (Django sets the ``csrftoken``
cookie with it and adds ``Vary: Cookie``), so a page with the form could never
be kept by nginx, Varnish or a CDN, and the busiest pages, the moment
registration opens, were rendered by the web processes for every visitor. The
event page now carries no token (``with_token`` in the form's template), and the
POST is checked by where it comes from, as the browser tells it:

1. ``Sec-Fetch-Site`` (Fetch Metadata; every current browser sends it:
   Chrome and Edge since 2019, Firefox since 2021, Safari since 16.4):
   ``same-origin``, or ``none`` (the visitor's own act, such as a bookmark), is
   accepted; ``same-site`` and ``cross-site`` only when ``Origin`` is one
   Django trusts (the site itself or ``CSRF_TRUSTED_ORIGINS``); anything else
   is refused.
2. No ``Sec-Fetch-Site`` but an ``Origin`` (older browsers send it on every
   POST): accepted when it is the site's own or trusted, refused otherwise.
   ``Origin: null`` says nothing: step 3.
3. Neither header (a very old browser, a privacy proxy stripping them): Django's
   own check, the CSRF cookie and token (and ``Referer`` over HTTPS). The event
   page carried no token, so this fails the first time; the form comes back
   filled in, with a fresh token, asking to send it again (``views._send_again``,
   403, nothing saved). One more click for the rare browser, never a hole;
   over HTTPS a proxy that also strips ``Referer`` fails Django's check every
   time, as it does on any Django form.

This is the check OWASP's CSRF cheat sheet describes for Fetch Metadata (with the
fallback to ``Origin`` it requires), the one Go's ``net/http``
``CrossOriginProtection`` implements, except that a request without either
header is not let through (Go, and django-modern-csrf, accept it as "not a
browser"; a registration form has no non-browser clients to spare).

A refused request (``CROSS_SITE``) gets the form, empty, with a message that
says why (``views``, 403): nothing is saved, nothing of what was sent is shown.

Why not a library: Django 6.1 has no Fetch Metadata check (its
``CsrfViewMiddleware`` reads ``Origin`` only to refuse, and always wants the
token). django-modern-csrf (1.0.1, October 2025; Django up to 5.2 declared)
replaces the site's global CSRF middleware, which this package must not ask a
site to do, and lets requests without either header through. What it would
bring, comparing ``Origin`` with the site and ``CSRF_TRUSTED_ORIGINS`` (with
wildcards, and the scheme behind ``SECURE_PROXY_SSL_HEADER``), Django already
has: this module uses Django's own ``CsrfViewMiddleware`` for that comparison
and for the token check, with a refusal returned instead of answered (as
Django REST framework's ``SessionAuthentication`` does). Both are private
methods of Django, unchanged since Django 4.0, and tested here on Django 5.2
and 6.1.

Only this POST: ``wagtail_events.urls`` sends ``<path>register/`` here when it
routes to an event page's ``register`` route (``is_registration``); everything
else, the admin, "Your registration", cancelling, a page of the site that
happens to be called "register", keeps Django's middleware as it is.
"""

import functools
import logging

from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware
from django.urls import NoReverseMatch, Resolver404, get_urlconf, resolve, reverse

from ..enums import kind_of
from ..page_model import base_page_model


ACCEPTED = "accepted"
CROSS_SITE = "cross_site"  # refused: sent from another site
SEND_AGAIN = "send_again"  # neither header, and Django's token check failed

# Where the verdict waits for the view (``views.register``).
VERDICT = "wagtail_events_same_origin"

# What a browser's own act, or a page of the same origin, says.
_SAME = ("same-origin", "none")

# Django's CSRF refusals are logged here too.
logger = logging.getLogger("django.security.csrf")


class _DjangoCheck(CsrfViewMiddleware):
    """Django's CSRF middleware, whose refusal is returned (its reason), not
    answered with the site's failure view."""

    def _reject(self, request, reason):
        return reason


def _django_check():
    return _DjangoCheck(lambda request: None)


def check(request):
    """The verdict on a registration POST: ``ACCEPTED``, ``CROSS_SITE`` or
    ``SEND_AGAIN`` (see the module's docstring); kept on the request."""
    verdict = _verdict(request)
    setattr(request, VERDICT, verdict)
    return verdict


def verdict_of(request):
    """What ``check`` said of this request; None when it did not run."""
    return getattr(request, VERDICT, None)


def _verdict(request):
    django = _django_check()
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    origin = request.META.get("HTTP_ORIGIN")
    if fetch_site is not None:
        if fetch_site in _SAME:
            return ACCEPTED
        if origin and django._origin_verified(request):
            return ACCEPTED
        logger.warning(
            "Forbidden (a registration sent from another site: Sec-Fetch-Site "
            "%s, Origin %s): %s",
            fetch_site[:40],
            (origin or "none")[:100],
            request.path,
        )
        return CROSS_SITE
    if origin and origin != "null":
        if django._origin_verified(request):
            return ACCEPTED
        logger.warning(
            "Forbidden (a registration sent from another site: Origin %s): %s",
            origin[:100],
            request.path,
        )
        return CROSS_SITE
    reason = django.process_view(request, None, (), {})
    if reason is None:
        return ACCEPTED
    logger.warning("Forbidden (%s): %s", reason, request.path)
    return SEND_AGAIN


def is_registration(request, path):
    """Whether ``path`` (as Wagtail serves it, without the language prefix)
    routes to an event page's ``register/``. Wagtail keeps the route on the
    request, so serving the page afterwards reads nothing again."""
    route = base_page_model().route_for_request(request, path)
    if route is None or kind_of(route[0]) is None:
        return False
    match = getattr(request, "routable_resolver_match", None)
    return match is not None and match.url_name == "register"


ROUTE_NAME = "wagtail_events:register"


def routed_here(urlconf=None):
    """Whether ``<page>register/`` reaches ``wagtail_events.urls`` (included
    before Wagtail's own page URLs), so that event pages can leave the token
    out. Otherwise they keep it, as before, and check W170 says why."""
    return _routed_here(urlconf or get_urlconf() or settings.ROOT_URLCONF)


@functools.cache
def _routed_here(urlconf):
    try:
        address = reverse(ROUTE_NAME, kwargs={"path": "event/"}, urlconf=urlconf)
        match = resolve(address, urlconf=urlconf)
    except (NoReverseMatch, Resolver404):
        return False
    return match.view_name == ROUTE_NAME
