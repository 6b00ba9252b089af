"""How long a front-end cache may keep an event page that shows its
registration section: the ``Cache-Control`` of the page.

The section changes in two ways. Places change when someone registers or
cancels: the package purges the page then (``frontend_cache``). And the clock
changes it, with nothing to purge: registration opens (``opens_at``), closes
(``closes_at``), the event begins (a one-off event without ``closes_at``) or its
next date begins (an event with dates to choose). A conference's form also
offers its sessions while their own forms are open and they have not begun
(``session_choices``), so their ``opens_at``, ``closes_at`` and starts (the next
date of a session with dates) count too. A page kept across that moment would
say "not open yet" to the crowd waiting for registration to open, or show a form
that no longer takes anyone. So the page says::

    Cache-Control: max-age=0, s-maxage=<seconds>

``s-maxage``: the seconds until the next such moment, at most
``WAGTAIL_EVENTS_PAGE_CACHE_SECONDS`` (300); nginx, Varnish and CDNs follow it.
``max-age=0``: a browser asks again each time, so "places left" is never the
browser's old copy (a browser is not purged).

A page whose rendering may hold something of the visitor says ``private``
instead, and no shared cache keeps it: it read a session the visitor's request
named (a session cookie: a signed-in editor's user bar) or changed the session,
used a CSRF token (a form with the token), or showed the visitor's messages
(``messages``, whatever their storage). Reading the session of a visitor without
a session cookie reads nothing of theirs (Wagtail's user bar asks whether an
anonymous visitor may edit): the page stays shared. The event page of an
anonymous visitor uses no token (``same_origin``).

The registration section notes its next moment on the request while the page
renders (``note``); the page adds the header once rendered (``headers``, through
``serving``: ``page_headers``). A page that already says ``Cache-Control`` (the
registration pages: ``no-store``) is left as it is.
"""

import datetime

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.cache import patch_cache_control

from ..conf import events_settings
from ..enums import EventStatus, is_conference
from ..models.occurrences import Occurrence
from ..models.visibility import visible_sessions


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
    if is_conference(page):
        moments.extend(session_moments(page, now))
    # In UTC: Python subtracts and compares two times of one zone on their wall
    # clocks, an hour off across a change of clock.
    now = now.astimezone(datetime.UTC)
    upcoming = [
        moment.astimezone(datetime.UTC)
        for moment in moments
        if moment is not None and moment.astimezone(datetime.UTC) > now
    ]
    return min(upcoming, default=None)


def session_moments(conference, now):
    """When the sessions a conference's form offers (``session_choices``) may
    change: their forms' ``opens_at`` and ``closes_at``, their starts and the
    next date of each. One query, whatever the number of sessions; some of the
    moments may change nothing (a session with a closing time stays on offer
    after its start), which only keeps the page for less."""
    next_date = (
        Occurrence.objects.filter(page=OuterRef("pk"), cancelled=False, start__gt=now)
        .order_by("start")
        .values("start")[:1]
    )
    rows = (
        visible_sessions(conference)
        .filter(registration_form__isnull=False, registration_form__invitation_code="")
        .exclude(status=EventStatus.CANCELLED)
        .annotate(next_date=Subquery(next_date))
        .values_list(
            "registration_form__opens_at",
            "registration_form__closes_at",
            "start",
            "next_date",
        )
    )
    return [moment for row in rows for moment in row]


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
    if personal(request):
        patch_cache_control(response, private=True, max_age=0)
        return
    patch_cache_control(response, max_age=0, s_maxage=seconds)


def personal(request):
    """Whether rendering the page may have put something of the visitor in it."""
    session = getattr(request, "session", None)
    if session is not None and (
        session.modified
        or (session.accessed and settings.SESSION_COOKIE_NAME in request.COOKIES)
    ):
        return True
    messages = getattr(request, "_messages", None)
    if messages is not None and getattr(messages, "used", False):
        return True
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
