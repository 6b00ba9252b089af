"""The month view as a calendar grid: a table of weeks from the language's first
day of the week, each day with its events (title and time, a link), today
marked, months to either side and the month as a list one link away."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone, translation

from tests import factories as f
from wagtail_events.occurrences import month as grid


pytestmark = pytest.mark.django_db


def get(client, page, **params):
    response = client.get(page.url, params)
    assert response.status_code == 200
    return response


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text(node):
    return " ".join(node.get_text(" ").split())


def cells(page):
    """{day of the month: [texts of its events]} of the grid's days in the month."""
    result = {}
    for cell in page.select(".we-calendar td:not(.we-calendar__day--outside)"):
        number = int(text(cell.select_one(".we-calendar__number")))
        result[number] = [text(li) for li in cell.select("li")]
    return result


@pytest.fixture
def march(index):
    """March 2027 in Brussels: the clocks go forward on Sunday the 28th."""
    f.repeating(
        index,
        f.local(2027, 3, 7, 10),
        f.local(2027, 3, 7, 11),
        "RRULE:FREQ=WEEKLY;COUNT=5",
        title="Sunday walk",
    )
    f.conference(
        index, start=f.local(2027, 3, 30, 9), end=f.local(2027, 4, 1, 17), title="Forum"
    )
    return index


def test_a_weekly_event_is_on_each_of_its_days_at_its_wall_clock_time(client, march):
    page = soup(get(client, march, month="2027-03"))
    days = cells(page)
    assert len(days) == 31
    for number in (7, 14, 21, 28):
        assert days[number] == ["10:00 Sunday walk"], number
    assert days[30] == ["09:00 Forum"]
    assert days[31] == ["Forum"]  # still on, its time shown on its first day only
    assert not page.select(".we-card__rule")  # the rule is not repeated per day
    link = page.select_one(".we-calendar li a")
    assert link.text == "Sunday walk"
    # 28 March is after the change: 10:00 in Brussels is 08:00 UTC, not 09:00.
    times = [t["datetime"] for t in page.select(".we-calendar__time")]
    assert "2027-03-28T10:00:00+02:00" in times
    assert "2027-03-21T10:00:00+01:00" in times


def test_the_grid_is_a_table_with_caption_and_weekday_headers(client, march):
    page = soup(get(client, march, month="2027-03"))
    table = page.select_one("table.we-calendar")
    assert text(table.caption) == "March 2027"
    headers = [(th.abbr["title"], th.abbr.text) for th in table.select("thead th")]
    assert headers[0] == ("Sunday", "Sun")  # English starts the week on Sunday
    assert [th["scope"] for th in table.select("thead th")] == ["col"] * 7
    rows = table.select("tbody tr")
    assert all(len(row.select("td")) == 7 for row in rows)
    # 1 March 2027 is a Monday: the first cell is Sunday 28 February, outside.
    first_row = rows[0].select("td")
    assert "we-calendar__day--outside" in first_row[0]["class"]
    assert text(first_row[1].select_one(".we-calendar__number")) == "1"
    assert first_row[1].select_one("time")["datetime"] == "2027-03-01"


def test_months_to_either_side_and_the_list(client, march):
    page = soup(get(client, march, month="2027-03", type="conference"))
    assert page.select_one(".we-month__previous")["href"] == (
        "?month=2027-02&type=conference"
    )
    assert (
        page.select_one(".we-month__next")["href"] == "?month=2027-04&type=conference"
    )
    alternative = page.select_one(".we-month__alternative")
    assert alternative["href"] == "?month=2027-03&view=list&type=conference"
    assert cells(page)[30] == ["09:00 Forum"]
    assert cells(page)[7] == []
    listed = soup(get(client, march, month="2027-03", view="list"))
    assert listed.select(".we-day")
    assert listed.select_one(".we-month__alternative")["href"] == "?month=2027-03&type="
    april = soup(get(client, march, month="2027-04"))
    assert cells(april)[1] == ["Forum"]


def test_today_is_marked(client, index):
    today = timezone.localdate()
    page = soup(get(client, index, month=f"{today:%Y-%m}"))
    marked = page.select('[aria-current="date"]')
    assert len(marked) == 1
    assert marked[0].select_one("time")["datetime"] == today.isoformat()
    assert "No events in" in text(page.select_one(".we-empty"))


def test_a_month_that_starts_on_sunday():
    november = datetime.date(2026, 11, 1)  # a Sunday
    monday_first = grid.weeks(november, [], first=0)
    assert [c.date.day for c in monday_first[0]] == [26, 27, 28, 29, 30, 31, 1]
    assert [c.in_month for c in monday_first[0]] == [False] * 6 + [True]
    assert len(monday_first) == 6
    assert monday_first[-1][-1].date == datetime.date(2026, 12, 6)
    sunday_first = grid.weeks(november, [], first=6)
    assert sunday_first[0][0].date == november
    assert len(sunday_first) == 5
    assert sunday_first[-1][-1].date == datetime.date(2026, 12, 5)


def test_first_day_of_the_week_follows_the_language():
    with translation.override("en"):
        assert grid.first_weekday() == 6  # Sunday
        assert grid.weekdays()[0].name == "Sunday"
    with translation.override("nl"):
        assert grid.first_weekday() == 0  # maandag
        assert grid.weekdays()[0].name == "maandag"
    with translation.override("fr"):
        assert grid.weekdays()[0].abbr.lower() == "lun"
