"""The month's grid at a size that does not grow with the number of events: a
day shows its first dates and "and N more", a link to the day's full list."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories as f


pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def two_a_day(settings):
    settings.WAGTAIL_EVENTS_MONTH_DAY_LIMIT = 2


def get(client, page, **params):
    response = client.get(page.url, params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text(node):
    return " ".join(node.get_text(" ").split())


def cell(page, number):
    for td in page.select(".we-calendar td:not(.we-calendar__day--outside)"):
        if text(td.select_one(".we-calendar__number")) == str(number):
            return td
    raise AssertionError(number)


def busy_day(index, count, day=12):
    """``count`` panels on ``day`` March 2027, at 9:00, 10:00, ..., and a forum
    from the day before that is still on."""
    venue = f.venue("Hall")
    f.conference(
        index,
        start=f.local(2027, 3, day - 1, 9),
        end=f.local(2027, 3, day, 17),
        title="Forum",
    )
    for n in range(count):
        start = f.local(2027, 3, day, 9 + n % 12, n // 12)
        f.panel(
            index,
            start,
            start + datetime.timedelta(hours=1),
            title=f"Panel {n}",
            venue=venue,
        )


def test_a_busy_day_shows_its_first_dates_and_links_to_all_of_them(client, index):
    busy_day(index, 5)
    page = get(client, index, month="2027-03", type="")
    day = cell(page, 12)
    # The forum goes on from the day before: it comes first, without its time.
    assert [text(li) for li in day.select("li")] == ["Forum", "09:00 Panel 0"]
    more = day.select_one("a.we-calendar__more")
    assert text(more) == "and 4 more events on Friday 12 March"
    assert more.select_one(".we-visually-hidden")  # "and 4 more" is what is seen
    assert more["href"] == "?day=2027-03-12&type="
    assert not cell(page, 11).select_one("a.we-calendar__more")
    assert [text(li) for li in cell(page, 11).select("li")] == ["09:00 Forum"]

    listed = get(client, index, day="2027-03-12")
    assert text(listed.select_one(".we-month h2")) == "Friday 12 March 2027"
    titles = [text(h) for h in listed.select(".we-month .we-card h3")]
    assert titles == ["Forum", *(f"Panel {n}" for n in range(5))]
    nav = listed.select_one(".we-month__nav")
    assert nav.select_one(".we-month__previous")["href"] == "?day=2027-03-11&type="
    assert nav.select_one(".we-month__next")["href"] == "?day=2027-03-13&type="
    assert nav.select_one(".we-month__alternative")["href"] == "?month=2027-03&type="
    # The filters keep the day.
    assert listed.select_one('form input[name="day"]')["value"] == "2027-03-12"
    assert "No events on Saturday 13 March 2027." in text(
        get(client, index, day="2027-03-13").select_one(".we-empty")
    )


def count_queries(client, page, **params):
    client.get(page.url, params)  # the site's and the locale's caches warm
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(page.url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content


def test_the_grid_and_a_day_cost_the_same_queries_whatever_the_number_of_dates(client):
    small, large = f.event_index(), f.event_index()
    busy_day(small, 3)
    busy_day(large, 30)
    small_grid, small_html = count_queries(client, small, month="2027-03")
    large_grid, large_html = count_queries(client, large, month="2027-03")
    assert small_grid == large_grid
    # The grid shows two dates a day either way: it hardly grows.
    assert BeautifulSoup(large_html, "html.parser").select(".we-calendar li")
    assert len(large_html) - len(small_html) < 100
    small_day, _html = count_queries(client, small, day="2027-03-12")
    large_day, html = count_queries(client, large, day="2027-03-12")
    assert small_day == large_day
    assert html.count(b'<article class="we-card') == 31


@pytest.mark.parametrize(
    "value",
    ["9999-12-31", "0001-01-01", "2027-02-30", "2027-3-1", "x", "２０２７-03-01"],
)
def test_a_day_that_cannot_be_listed_shows_the_upcoming_events(client, index, value):
    page = get(client, index, day=value)
    assert not page.select(".we-month")


def test_a_day_without_a_limit_shows_every_date(client, index, settings):
    settings.WAGTAIL_EVENTS_MONTH_DAY_LIMIT = 0
    busy_day(index, 4)
    page = get(client, index, month="2027-03")
    assert len(cell(page, 12).select("li")) == 5
    assert not page.select("a.we-calendar__more")
