"""How long a front-end cache may keep an event page showing its registration
(``registration.page_cache``): never past the moment the clock changes it."""

import datetime
import zoneinfo

import pytest
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import Client, RequestFactory
from django.test.utils import override_settings
from django.utils import timezone

from tests import factories as f
from wagtail_events.registration import page_cache
from wagtail_events.registration.availability import offer


pytestmark = pytest.mark.django_db

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def event(index, start_in, **form_fields):
    start = timezone.now() + start_in
    return f.conference(
        index,
        start=start,
        end=start + datetime.timedelta(hours=8),
        registration_form=f.registration_form(**form_fields),
    )


def s_maxage(response):
    words = dict(
        word.strip().partition("=")[::2]
        for word in response["Cache-Control"].split(",")
    )
    assert words["max-age"] == "0"
    return int(words["s-maxage"])


def test_a_page_not_open_yet_is_kept_only_until_registration_opens(index):
    page = event(
        index,
        datetime.timedelta(days=9),
        opens_at=timezone.now() + datetime.timedelta(seconds=90),
    )
    response = Client().get(page.url)
    assert 80 <= s_maxage(response) <= 90


def test_an_open_form_is_kept_until_it_closes_or_the_event_begins(index):
    closing = event(
        index,
        datetime.timedelta(days=9),
        closes_at=timezone.now() + datetime.timedelta(seconds=120),
    )
    assert 110 <= s_maxage(Client().get(closing.url)) <= 120
    # No closing time: registration closes when a one-off event begins.
    beginning = event(index, datetime.timedelta(seconds=200))
    assert 190 <= s_maxage(Client().get(beginning.url)) <= 200
    far = event(index, datetime.timedelta(days=30))
    assert s_maxage(Client().get(far.url)) == 300
    with override_settings(WAGTAIL_EVENTS_PAGE_CACHE_SECONDS=60):
        assert s_maxage(Client().get(far.url)) == 60


def test_an_event_with_dates_is_kept_until_its_next_date_begins(index):
    now = timezone.now()
    page = f.repeating(
        index,
        now + datetime.timedelta(minutes=3),
        now + datetime.timedelta(minutes=63),
        "RRULE:FREQ=WEEKLY;COUNT=3",
        registration_form=f.registration_form(),
    )
    read = offer(page)
    assert read.state == "open" and read.dates
    assert 170 <= page_cache.fresh_for(page, read) <= 180


def test_the_seconds_are_counted_across_a_change_of_clock(index):
    # 29 March 2026, Brussels: 02:00 becomes 03:00. From 01:30 to 03:30 on the
    # wall clock is one hour.
    now = datetime.datetime(2026, 3, 29, 1, 30, tzinfo=BRUSSELS)
    opens = datetime.datetime(2026, 3, 29, 3, 30, tzinfo=BRUSSELS)
    page = event(index, datetime.timedelta(days=9), opens_at=opens)
    page.registration_form.opens_at = opens  # as set, not as read back (UTC)
    read = offer(page, now)
    assert read.state == "not_open_yet"
    assert page_cache.next_change(page, read, now) == opens
    with override_settings(WAGTAIL_EVENTS_PAGE_CACHE_SECONDS=10_000):
        assert page_cache.fresh_for(page, read, now) == 3600


def visit(page, cookies=None):
    """A request for ``page`` through the session and sign-in middleware, as a
    site's page sees it, with the page's next moment noted."""
    request = RequestFactory().get(page.url)
    request.COOKIES.update(cookies or {})
    SessionMiddleware(lambda request: None).process_request(request)
    AuthenticationMiddleware(lambda request: None).process_request(request)
    page_cache.note(request, page, offer(page))
    return request


def serve(page, request):
    response = page.serve(request)
    response.render()
    return response["Cache-Control"]


def test_reading_the_session_is_personal_only_when_the_visitor_has_one(index):
    page = event(index, datetime.timedelta(days=9))
    # Wagtail's user bar asks whether the visitor may edit: it reads the session
    # of an anonymous visitor without a cookie too, and finds nothing of theirs.
    anonymous = visit(page)
    anonymous.user.has_perm("wagtailadmin.access_admin")
    assert anonymous.session.accessed
    assert "s-maxage" in serve(page, anonymous)
    # A session cookie: the page may show who signed in.
    signed_in = visit(page, {settings.SESSION_COOKIE_NAME: "abc"})
    signed_in.user.has_perm("wagtailadmin.access_admin")
    header = serve(page, signed_in)
    assert "private" in header and "s-maxage" not in header
    # A session written while rendering sets a cookie: nothing shared.
    written = visit(page)
    written.session["seen"] = True
    header = serve(page, written)
    assert "private" in header and "s-maxage" not in header


def test_a_page_that_showed_the_visitors_messages_is_private(index):
    page = event(index, datetime.timedelta(days=9))
    request = visit(page)
    request._messages = CookieStorage(request)
    assert "s-maxage" in serve(page, request)  # messages not shown
    request = visit(page)
    request._messages = CookieStorage(request)
    list(messages.get_messages(request))  # a base template showing them
    assert not request.session.accessed  # in a cookie, not the session
    header = serve(page, request)
    assert "private" in header and "s-maxage" not in header


def test_a_conference_is_kept_only_until_its_sessions_on_offer_change(
    index, django_assert_num_queries
):
    now = timezone.now()
    conference = event(index, datetime.timedelta(days=9))
    start = conference.start
    read = offer(conference)
    with django_assert_num_queries(1):
        assert page_cache.fresh_for(conference, read, now) == 300
    # A session's registration opens in 60 s; another closes in 120 s; another
    # begins in 100 s; a site visit's next date begins in 80 s.
    f.workshop(
        conference,
        start,
        start + datetime.timedelta(hours=1),
        registration_form=f.registration_form(
            opens_at=now + datetime.timedelta(seconds=60)
        ),
    )
    f.workshop(
        conference,
        start,
        start + datetime.timedelta(hours=1),
        registration_form=f.registration_form(
            closes_at=now + datetime.timedelta(seconds=120)
        ),
    )
    f.workshop(
        conference,
        now + datetime.timedelta(seconds=100),
        now + datetime.timedelta(hours=1),
        registration_form=f.registration_form(),
    )
    f.site_visit(
        conference,
        now - datetime.timedelta(days=1),
        now - datetime.timedelta(days=1, hours=-1),
        runs=[
            (now + datetime.timedelta(seconds=80), now + datetime.timedelta(hours=1))
        ],
        registration_form=f.registration_form(),
    )
    with django_assert_num_queries(1):
        assert page_cache.fresh_for(conference, read, now) == 60
    later = now + datetime.timedelta(seconds=61)
    assert page_cache.fresh_for(conference, read, later) == 80 - 61
    later = now + datetime.timedelta(seconds=81)
    assert page_cache.fresh_for(conference, read, later) == 100 - 81
    later = now + datetime.timedelta(seconds=101)
    assert page_cache.fresh_for(conference, read, later) == 120 - 101
    assert 50 <= s_maxage(Client().get(conference.url)) <= 60


def test_pages_without_a_registration_form_are_left_to_the_site(index):
    start = timezone.now() + datetime.timedelta(days=9)
    page = f.conference(index, start=start, end=start + datetime.timedelta(hours=2))
    assert not Client().get(page.url).has_header("Cache-Control")
