"""The event index in a real browser: the list is not flooded by a weekly event,
the month grid moves from month to month and turns into a list of days on a
phone, and the type filter works without JavaScript."""

import datetime

import pytest
from django.utils import timezone

from tests import factories as f
from tests.browser.conftest import NARROW, WIDE


pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _day(n, hour):
    today = timezone.localdate()
    return datetime.datetime.combine(
        today + datetime.timedelta(days=n),
        datetime.time(hour),
        tzinfo=timezone.get_current_timezone(),
    )


@pytest.fixture
def index():
    index = f.event_index(title="Events")
    first = _day(-21, 19)
    f.repeating(
        index,
        first,
        first + datetime.timedelta(hours=2),
        "RRULE:FREQ=WEEKLY",
        title="Language café",
    )
    f.conference(index, start=_day(10, 9), end=_day(11, 17), title="Forum")
    f.panel(index, _day(3, 14), _day(3, 16), title="Panel debate")
    return index


def test_a_weekly_event_is_listed_once_with_its_rule(
    open_page, live_server, index, artifacts_dir
):
    watched = open_page(WIDE)
    page = watched.page
    page.goto(live_server.url + index.url)
    cards = page.locator(".we-card")
    assert cards.count() == 3
    cafe = cards.filter(has_text="Language café")
    assert cafe.count() == 1
    assert cafe.locator(".we-card__rule").inner_text().startswith("Every ")
    assert cafe.get_by_role("link", name="All dates").is_visible()
    assert "we-card--conference" in cards.filter(has_text="Forum").get_attribute(
        "class"
    )
    page.screenshot(path=artifacts_dir / "index-upcoming.png", full_page=True)

    # The type filter, without JavaScript: a form that GETs the address.
    page.select_option("#we-type", "conference")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**type=conference**")
    assert page.locator(".we-card").count() == 1
    assert page.locator(".we-card").inner_text().count("Forum") == 1
    page.get_by_role("link", name="Show all events").click()
    page.wait_for_load_state()
    assert page.locator(".we-card").count() == 3
    watched.assert_clean()
    # One test, one set-up: the month grid walks on from the same index.
    _the_month_grid_moves_between_months_and_is_a_list_on_a_phone(
        open_page, live_server, index, artifacts_dir
    )


def _the_month_grid_moves_between_months_and_is_a_list_on_a_phone(
    open_page, live_server, index, artifacts_dir
):
    watched = open_page(WIDE)
    page = watched.page
    page.goto(live_server.url + index.url)
    page.get_by_role("link", name="By month").click()
    page.wait_for_load_state()
    table = page.locator("table.we-calendar")
    assert table.is_visible()
    today = timezone.localdate()
    assert page.locator('[aria-current="date"] .we-calendar__date').get_attribute(
        "datetime"
    ) == (today.isoformat())
    assert page.locator(".we-calendar a", has_text="Language café").count() >= 4
    page.screenshot(path=artifacts_dir / "index-month-wide.png", full_page=True)

    following = (today.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    page.locator(".we-month__next").click()
    page.wait_for_url(f"**month={following:%Y-%m}**")
    assert page.locator(".we-calendar a", has_text="Language café").count() >= 4
    assert not page.locator('[aria-current="date"]').count()
    page.get_by_role("link", name="Show as list").click()
    page.wait_for_url("**view=list**")
    assert page.locator(".we-day").count() >= 4
    watched.assert_clean()

    phone = open_page(NARROW)
    phone.page.goto(live_server.url + index.url + f"?month={today:%Y-%m}")
    assert not phone.page.locator(".we-calendar thead").is_visible()
    days = phone.page.locator(".we-calendar td.we-calendar__day--busy")
    assert days.count() >= 1
    assert days.first.locator(".we-calendar__full").is_visible()
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"]
    phone.page.screenshot(path=artifacts_dir / "index-month-narrow.png", full_page=True)
    phone.assert_clean()
