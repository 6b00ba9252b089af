"""The event index lists each event once: a repeating event by its next date (its
last under "Past") with its rule in words and a link to all its dates;
conferences stand out; filters by type, language and place combine, keep their
state in the address and say so when nothing matches."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.test.utils import override_settings
from django.utils import timezone

from tests import factories as f


pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo(f.BRUSSELS)


def day(n, hour=10):
    today = timezone.now().astimezone(BRUSSELS).date()
    return datetime.datetime.combine(
        today + datetime.timedelta(days=n), datetime.time(hour), tzinfo=BRUSSELS
    )


def get(client, target, **params):
    response = client.get(target.url, params)
    assert response.status_code == 200
    return response


def titles(response):
    return [o.page.title for o in response.context["listing"].occurrences]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text(node):
    return " ".join(node.get_text(" ").split())


def weekly(parent, first, title, rule=None, **fields):
    rule = rule or "RRULE:FREQ=WEEKLY;BYDAY=" + first.strftime("%a")[:2].upper()
    return f.repeating(
        parent, first, first + datetime.timedelta(hours=2), rule, title=title, **fields
    )


def test_a_weekly_event_is_listed_once_with_its_rule_and_next_date(client, index):
    first = day(-20, 19)
    cafe = weekly(index, first, "Language café")
    f.conference(index, start=day(30), end=day(31), title="Summit")
    response = get(client, index)
    assert titles(response) == ["Language café", "Summit"]
    card = soup(response).select(".we-card")[0]
    weekday = f"{first:%A}"
    assert text(card.select_one(".we-card__rule")) == f"Every {weekday}, 19:00"
    assert text(card.select_one(".we-card__next")) == "Next date:"
    shown = response.context["listing"].occurrences[0]
    assert shown.start > timezone.now()
    assert shown.start - timezone.now() <= datetime.timedelta(days=7)
    assert card.select_one(".we-card__all-dates a")["href"] == cafe.url + "#dates"


def test_past_lists_a_repeating_event_once_by_its_last_date_newest_first(client, index):
    weekly(index, day(-60, 19), "Café", "RRULE:FREQ=WEEKLY;COUNT=6")  # ends day -25
    for n in (1, 2, 3):
        f.conference(index, start=day(-10 * n), end=day(-10 * n + 1), title=f"C{n}")
    response = get(client, index, when="past")
    assert titles(response) == ["C1", "C2", "Café", "C3"]
    last = response.context["listing"].occurrences[2]
    assert last.local_start == day(-25, 19).replace(tzinfo=None)
    card = soup(response).select(".we-card")[2]
    assert text(card.select_one(".we-card__next")) == "Last date:"


@override_settings(WAGTAIL_EVENTS_INDEX_PAGE_SIZE=3)
def test_a_daily_event_does_not_push_conferences_to_later_pages(client, index):
    weekly(index, day(-100, 9), "Daily", "RRULE:FREQ=DAILY")
    for n in range(4):
        f.conference(index, start=day(-5 - n), end=day(-5 - n, 17), title=f"P{n}")
        f.conference(index, start=day(5 + n), end=day(5 + n, 17), title=f"U{n}")
    upcoming = get(client, index)
    assert titles(upcoming) == ["Daily", "U0", "U1"]
    assert upcoming.context["listing"].paginator.num_pages == 2
    assert titles(get(client, index, page=2)) == ["U2", "U3"]
    past = get(client, index, when="past")
    assert titles(past) == ["Daily", "P0", "P1"]
    assert titles(get(client, index, when="past", page=2)) == ["P2", "P3"]


def test_a_series_is_listed_once(client, index):
    series = f.series(index, title="Lunch talks")
    for n in (3, 10, 17):
        f.meeting(series, day(n, 12), day(n, 13))
    assert titles(get(client, index)).count("Lunch talks") == 1


def test_sessions_of_a_conference_are_not_listed(client, index):
    conference = f.conference(index, start=day(3, 9), end=day(4, 17), title="Forum")
    for n in range(5):
        f.panel(conference, day(3, 9 + n), day(3, 10 + n), title=f"Panel {n}")
    assert titles(get(client, index)) == ["Forum"]


def test_conferences_stand_out(client, index):
    f.conference(index, start=day(3), end=day(4), title="Forum")
    f.panel(index, day(2), day(2, 12), title="Panel")
    cards = soup(get(client, index)).select(".we-card")
    assert "we-card--conference" not in cards[0]["class"]
    assert "we-card--conference" in cards[1]["class"]
    assert text(cards[1].select_one(".we-badge")) == "Conference"


@pytest.fixture
def places(index):
    brussels = f.venue("Egmont", locality="Brussels")
    mechelen = f.venue("Lamot", locality="Mechelen")
    f.panel(index, day(1), day(1, 12), title="In Brussels", venue=brussels)
    f.workshop(
        index,
        day(2),
        day(2, 12),
        title="Workshop in Mechelen",
        venue=mechelen,
        event_languages=["nl"],
    )
    f.panel(
        index,
        day(3),
        day(3, 12),
        title="Online panel",
        attendance_mode="online",
        event_languages=["nl"],
    )
    f.panel(
        index,
        day(4),
        day(4, 12),
        title="Both",
        venue=mechelen,
        attendance_mode="mixed",
    )
    return index


def test_filter_by_place(client, places):
    assert titles(get(client, places, place="Brussels")) == ["In Brussels"]
    assert titles(get(client, places, place="mechelen")) == [
        "Workshop in Mechelen",
        "Both",
    ]
    assert titles(get(client, places, place="online")) == ["Online panel", "Both"]
    page = soup(get(client, places, place="online"))
    options = [o["value"] for o in page.select("#we-place option")]
    assert options == ["", "Brussels", "Mechelen", "online"]
    assert page.select_one('#we-place option[value="online"]').has_attr("selected")


def test_filters_combine_and_stay_in_the_address(client, places):
    response = get(client, places, place="Mechelen", language="nl", type="workshop")
    assert titles(response) == ["Workshop in Mechelen"]
    page = soup(response)
    tabs = [a["href"] for a in page.select(".we-tabs a")]
    assert tabs[0] == "?type=workshop&language=nl&place=Mechelen"
    assert tabs[1] == "?when=past&type=workshop&language=nl&place=Mechelen"
    assert "place=Mechelen" in tabs[2] and "language=nl" in tabs[2]
    assert page.select_one(".we-filters__reset")["href"] == "?"


def test_no_events_match(client, places):
    response = get(client, places, place="Ghent")
    page = soup(response)
    empty = page.select_one(".we-empty")
    assert "No events match these filters." in text(empty)
    assert empty.select_one("a")["href"] == "?"
    past = soup(get(client, places, place="online", when="past"))
    assert past.select_one(".we-empty a")["href"] == "?when=past"


def test_a_repeating_events_page_headlines_its_next_date(client, index):
    first = day(-20, 19)
    cafe = weekly(index, first, "Language café")
    header = soup(get(client, cafe)).select_one(".we-page-header")
    headline = header.select_one(".we-when-next")
    assert text(headline.select_one(".we-when-next__rule")) == (
        f"Every {first:%A}, 19:00"
    )
    shown = datetime.datetime.fromisoformat(headline.select_one("time")["datetime"])
    assert timezone.now() < shown <= timezone.now() + datetime.timedelta(days=7)
    assert headline.select_one(".we-when-next__all a")["href"] == "#dates"
    assert soup(get(client, cafe)).select_one("#dates")


def test_a_one_off_events_page_headlines_its_date(client, index):
    panel = f.panel(index, day(2, 10), day(2, 12), title="Panel")
    header = soup(get(client, panel)).select_one(".we-page-header")
    assert not header.select_one(".we-when-next")
    assert header.select_one(".we-when time")["datetime"] == day(2, 10).isoformat()
