"""How long a front-end cache may keep an event page showing its registration
(``registration.page_cache``): never past the moment the clock changes it."""

import datetime
import zoneinfo

import pytest
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


def test_a_page_that_read_the_session_is_private(index):
    page = event(index, datetime.timedelta(days=9))
    request = RequestFactory().get(page.url)
    request.session = Client().session
    page_cache.note(request, page, offer(page))
    request.session.get("anything")  # a user bar, say, read the visitor
    response = page.serve(request)
    response.render()
    assert "private" in response["Cache-Control"]
    assert "s-maxage" not in response["Cache-Control"]


def test_pages_without_a_registration_form_are_left_to_the_site(index):
    start = timezone.now() + datetime.timedelta(days=9)
    page = f.conference(index, start=start, end=start + datetime.timedelta(hours=2))
    assert not Client().get(page.url).has_header("Cache-Control")
