"""A visitor finds how to register from the top of a workshop's page: the state
in words and a link that lands at the form; a full workshop says "waiting list"
before anyone sends the form. One page load per path."""

import datetime

import pytest
from django.utils import timezone

from tests import factories as f


pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def workshop(capacity, taken=0):
    form = f.registration_form(
        title="Mechelen 2024: parallel session", capacity=capacity, waiting_list=True
    )
    start = timezone.now().astimezone(f.ZoneInfo(f.BRUSSELS)).replace(
        hour=10, minute=0, second=0, microsecond=0
    ) + datetime.timedelta(days=30)
    conference = f.conference(
        f.event_index(), start=start, end=start + datetime.timedelta(hours=7)
    )
    page = f.workshop(
        conference,
        start,
        start + datetime.timedelta(hours=2),
        title="Welcoming newcomers at the counter",
        registration_form=form,
    )
    for i in range(taken):
        f.registration(page, email=f"p{i}@example.org")
    return page


def test_register_from_the_top_of_a_workshop(open_page, live_server):
    page = workshop(capacity=12, taken=2)
    watched = open_page()
    browser = watched.page
    browser.goto(live_server.url + page.url)
    status = browser.locator(".we-page-header .we-registration-status")
    assert "10 places left" in status.inner_text()
    status.get_by_role("link", name="Register").click()
    browser.wait_for_url("**#register")
    form = browser.locator("#register form")
    # The form is where the link lands: its heading is in the window.
    heading = browser.locator("#we-registration-heading")
    assert heading.inner_text() == "Register"  # not the form's internal name
    top = heading.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < browser.viewport_size["height"]
    assert form.is_visible()
    watched.assert_clean()


def test_a_full_workshop_shows_the_waiting_list_first(open_page, live_server):
    page = workshop(capacity=2, taken=2)
    watched = open_page()
    browser = watched.page
    browser.goto(live_server.url + page.url)
    status = browser.locator(".we-page-header .we-registration-status")
    assert "waiting list" in status.inner_text()
    status.get_by_role("link", name="Join the waiting list").click()
    browser.wait_for_url("**#register")
    section = browser.locator("#register")
    assert "waiting list" in section.locator(".we-registration__notice").inner_text()
    button = section.locator("form button[type=submit]")
    assert button.inner_text() == "Join the waiting list"
    watched.assert_clean()
