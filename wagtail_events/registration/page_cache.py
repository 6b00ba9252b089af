"""How long a front-end cache may keep an event page that shows its
registration section: the ``Cache-Control`` of the page.

The section changes in two ways. Places change when someone registers or
cancels: the package purges the page then (``frontend_cache``). And the clock
changes it, with nothing to purge: registration opens (``opens_at``), closes
(``closes_at``), the event begins (a one-off event without ``closes_at``) or its
next date begins (an event with dates to choose). A page kept across that moment
would say "not open yet" to the crowd waiting for registration to open, or show a
form that no longer takes anyone. So the page says::

    Cache-Control: max-age=0, s-maxage=<seconds>

``s-maxage``: the seconds until the next such moment, at most
``WAGTAIL_EVENTS_PAGE_CACHE_SECONDS`` (300); nginx, Varnish and CDNs follow it.
``max-age=0``: a browser asks again each time, so "places left" is never the
browser's old copy (a browser is not purged).

A page whose rendering read the visitor's session or used a CSRF token (a
signed-in editor's user bar, a form with the token) may hold something of that
visitor: it says ``private`` instead, and no shared cache keeps it. The event
page of an anonymous visitor reads neither (``same_origin``).

The registration section notes its next moment on the request while the page
renders (``note``); the page adds the header once rendered (``headers``, through
``serving``: ``page_headers``). A page that already says ``Cache-Control`` (the
registration pages: ``no-store``) is left as it is.
"""

import datetime

from django.utils import timezone
from django.utils.cache import patch_cache_control

from ..conf import events_settings


_FRESH_FOR = "wagtail_events_fresh_for"


def next_change(page, read, now=None):
    """The next moment the clock changes what the page's registration shows
    (``read``: its ``availability.offer()``), or None."""
    now = now or timezone.now()
    form = page.registration_form
    if form is None:
        return None
    moments = [form.opens_at, form.closes_at]
    if read.dates is None:
        if form.closes_at is None:
            moments.append(page.start)
    elif read.dates:
        moments.append(read.dates[0].occurrence.start)
    # In UTC: Python subtracts and compares two times of one zone on their wall
    # clocks, an hour off across a change of clock.
    now = now.astimezone(datetime.UTC)
    upcoming = [
        moment.astimezone(datetime.UTC)
        for moment in moments
        if moment is not None and moment.astimezone(datetime.UTC) > now
    ]
    return min(upcoming, default=None)


def fresh_for(page, read, now=None):
    """Seconds a shared cache may keep the page (``s-maxage``)."""
    now = now or timezone.now()
    longest = max(int(events_settings.PAGE_CACHE_SECONDS), 0)
    moment = next_change(page, read, now)
    if moment is None:
        return longest
    seconds = (moment - now.astimezone(datetime.UTC)).total_seconds()
    return max(0, min(longest, int(seconds)))


def note(request, page, read):
    """The registration section of ``page`` was rendered for ``request``."""
    if request is None:
        return
    seconds = fresh_for(page, read)
    noted = getattr(request, _FRESH_FOR, None)
    setattr(request, _FRESH_FOR, seconds if noted is None else min(noted, seconds))


def headers(request, response):
    """Once the page is rendered: its ``Cache-Control`` (see the module's
    docstring). A post-render callback: returns None."""
    seconds = getattr(request, _FRESH_FOR, None)
    if seconds is None or response.has_header("Cache-Control"):
        return
    session = getattr(request, "session", None)
    if (session is not None and session.accessed) or request.META.get(
        "CSRF_COOKIE_NEEDS_UPDATE"
    ):
        patch_cache_control(response, private=True, max_age=0)
        return
    patch_cache_control(response, max_age=0, s_maxage=seconds)
