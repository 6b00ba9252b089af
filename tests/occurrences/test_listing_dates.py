"""The event index lists each event once, by one of its dates: one-off and
repeating events merged in date order, cancelled and moved dates with their
notes; a month view lists every date; and the page of a repeating event lists
its upcoming dates."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests import factories as f
from wagtail_events.models import OccurrenceChange
from wagtail_events.occurrences import listing


pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo(f.BRUSSELS)
NEW_YORK = "America/New_York"


def upcoming_day(n, hour=10):
    """``hour`` o'clock in Brussels, ``n`` days from today."""
    today = timezone.now().astimezone(BRUSSELS).date()
    day = today + datetime.timedelta(days=n)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BRUSSELS)


def get(client, event_page, **params):
    response = client.get(event_page.url, params)
    assert response.status_code == 200
    return response


def entries(response):
    """(title, local start "YYYY-MM-DD HH:MM", cancelled) of each listed date."""
    return [
        (
            o.page.title,
            o.local_start.strftime("%Y-%m-%d %H:%M"),
            o.cancelled,
        )
        for o in response.context["listing"].occurrences
    ]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text(node):
    return " ".join(node.get_text(" ").split())


def weekly(parent, first, title, rule="RRULE:FREQ=WEEKLY;COUNT=3", **fields):
    return f.repeating(
        parent, first, first + datetime.timedelta(hours=1), rule, title=title, **fields
    )


def fmt(value):
    return value.strftime("%Y-%m-%d %H:%M")


# The upcoming and past lists


def test_one_off_and_repeating_events_merge_in_date_order(client, index):
    first = upcoming_day(1)
    weekly(index, first, "Weekly")
    f.panel(index, upcoming_day(3), upcoming_day(3, 12), title="Panel")
    f.conference(index, start=upcoming_day(9), end=upcoming_day(10), title="Summit")
    # The weekly event once, by its next date.
    assert entries(get(client, index)) == [
        ("Weekly", fmt(first), False),
        ("Panel", fmt(upcoming_day(3)), False),
        ("Summit", fmt(upcoming_day(9)), False),
    ]


def test_past_dates_of_a_series_newest_first(client, index):
    weekly(index, upcoming_day(-15), "Weekly", "RRULE:FREQ=WEEKLY;COUNT=4")
    f.panel(index, upcoming_day(-3), upcoming_day(-3, 12), title="Panel")
    past = entries(get(client, index, when="past"))
    # The weekly event once, by its last date that is over.
    assert past == [
        ("Weekly", fmt(upcoming_day(-1)), False),
        ("Panel", fmt(upcoming_day(-3)), False),
    ]
    assert entries(get(client, index)) == [("Weekly", fmt(upcoming_day(6)), False)]


def test_a_cancelled_date_is_listed_as_cancelled_with_its_note_and_next_date(
    client, index
):
    first = upcoming_day(1, 19)
    weekly(
        index,
        first,
        "Language café",
        "RRULE:FREQ=WEEKLY;COUNT=4",
        changes=[
            {
                "original_start": first,
                "action": "cancel",
                "note": "Closed for the holidays",
            },
            {
                "original_start": upcoming_day(8, 19),
                "action": "cancel",
                "note": "Still closed",
            },
        ],
    )
    # The index lists the event once, by its next date that is not cancelled;
    # the month list shows the cancelled ones with their notes.
    assert entries(get(client, index)) == [
        ("Language café", fmt(upcoming_day(15, 19)), False)
    ]
    response = get(client, index, month=f"{first:%Y-%m}", view="list")
    assert entries(response)[0] == ("Language café", fmt(first), True)
    cards = soup(response).select(".we-card")
    assert "we-card--cancelled" in cards[0]["class"]
    first_card = text(cards[0])
    assert "This date is cancelled · Closed for the holidays" in first_card
    next_date = upcoming_day(15, 19)
    assert f"Next date: {next_date:%A} {next_date.day} {next_date:%B %Y}, 19:00" in (
        first_card
    )
    assert cards[0].select_one(".we-next-date time")["datetime"] == (
        next_date.isoformat()
    )
    assert "Repeats" in text(cards[0])


def test_a_repeating_event_whose_upcoming_dates_are_all_cancelled(client, index):
    first = upcoming_day(1, 19)
    weekly(
        index,
        first,
        "Café",
        "RRULE:FREQ=WEEKLY;COUNT=2",
        changes=[
            {"original_start": first, "action": "cancel"},
            {"original_start": upcoming_day(8, 19), "action": "cancel"},
        ],
    )
    assert entries(get(client, index)) == [("Café", fmt(first), True)]


def test_a_moved_date_is_listed_at_its_new_time(client, index):
    first = upcoming_day(1, 19)
    moved_to = upcoming_day(9, 14)
    weekly(
        index,
        first,
        "Language café",
        changes=[
            {
                "original_start": upcoming_day(8, 19),
                "action": "move",
                "new_start": moved_to,
                "new_end": moved_to + datetime.timedelta(hours=2),
                "note": "Wednesday this week",
            }
        ],
    )
    f.panel(index, upcoming_day(8, 20), upcoming_day(8, 21), title="Panel")
    assert [(title, when) for title, when, _c in entries(get(client, index))] == [
        ("Language café", fmt(first)),
        ("Panel", fmt(upcoming_day(8, 20))),
    ]
    response = get(client, index, month=f"{moved_to:%Y-%m}", view="list")
    card = next(
        text(card)
        for card in soup(response).select(".we-card")
        if "Moved from" in text(card)
    )
    was = upcoming_day(8)
    assert f"Moved from {was:%A} {was.day} {was:%B} · Wednesday this week" in card


def test_type_filter_applies_to_repeating_events(client, index):
    weekly(index, upcoming_day(1), "Weekly workshop")
    weekly(index, upcoming_day(2), "Weekly panel", builder=f.panel)
    titles = {e[0] for e in entries(get(client, index, type="panel"))}
    assert titles == {"Weekly panel"}
    assert len(entries(get(client, index, type="workshop"))) == 1


def test_only_live_public_children_of_the_index(client, index):
    weekly(index, upcoming_day(1), "Listed")
    weekly(index, upcoming_day(1), "Draft", live=False)
    private = weekly(index, upcoming_day(1), "Private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    conference = f.conference(index, start=upcoming_day(1), end=upcoming_day(5))
    weekly(conference, upcoming_day(1), "Inside a conference")
    weekly(f.event_index(), upcoming_day(1), "Elsewhere")
    unpublished = weekly(index, upcoming_day(1), "Unpublished")
    unpublished.unpublish()
    titles = [e[0] for e in entries(get(client, index))]
    assert sorted(set(titles)) == sorted({"Listed", conference.title})
    assert titles.count("Listed") == 1


@override_settings(WAGTAIL_EVENTS_INDEX_PAGE_SIZE=4)
def test_pages_of_events(client, index):
    """Pages count events, not dates: ten weekly events of ten dates each make
    three pages (four, four and two events)."""
    for i in range(10):
        weekly(
            index, upcoming_day(1, 8 + i), f"Weekly {i}", "RRULE:FREQ=WEEKLY;COUNT=10"
        )
    first = get(client, index)
    assert first.context["listing"].paginator.num_pages == 3
    assert [e[0] for e in entries(get(client, index, page=3))] == [
        "Weekly 8",
        "Weekly 9",
    ]
    assert "type=&amp;page=2" in first.content.decode()


# The month view


@pytest.fixture
def april(index):
    """Dates in April 2024, and around it, in Brussels and New York."""
    weekly(
        index,
        f.local(2024, 3, 26, 19),
        "Weekly",
        "RRULE:FREQ=WEEKLY;COUNT=6",
        changes=[
            {
                "original_start": f.local(2024, 4, 16, 19),
                "action": "cancel",
                "note": "Closed",
            }
        ],
    )
    # 21:00 on 30 April in New York is 1 May in UTC and in Brussels: April here.
    f.panel(
        index,
        f.local(2024, 4, 30, 21, zone=NEW_YORK),
        f.local(2024, 4, 30, 22, zone=NEW_YORK),
        time_zone=NEW_YORK,
        title="New York evening",
    )
    # 00:30 on 1 May in Brussels is still 30 April in UTC: May here.
    f.panel(index, f.local(2024, 5, 1, 0, 30), f.local(2024, 5, 1, 1), title="Late")
    # Began in March, still going on 1 April.
    f.conference(
        index,
        start=f.local(2024, 3, 30, 9),
        end=f.local(2024, 4, 1, 17),
        title="Long weekend",
    )
    f.workshop(index, f.local(2024, 3, 29, 9), f.local(2024, 3, 29, 17), title="Mar")
    return index


def test_month_view_groups_dates_by_their_local_day(client, april):
    response = get(client, april, month="2024-04", view="list")
    result = response.context["listing"]
    assert result.when == "month"
    assert result.month == datetime.date(2024, 4, 1)
    days = [
        (day.date.isoformat(), [o.page.title for o in day.occurrences])
        for day in result.days
    ]
    assert days == [
        ("2024-04-01", ["Long weekend"]),
        ("2024-04-02", ["Weekly"]),
        ("2024-04-09", ["Weekly"]),
        ("2024-04-16", ["Weekly"]),
        ("2024-04-23", ["Weekly"]),
        ("2024-04-30", ["Weekly", "New York evening"]),
    ]
    page = soup(response)
    assert text(page.select_one(".we-month h2")) == "April 2024"
    assert page.select_one(".we-month__previous")["href"] == (
        "?month=2024-03&view=list&type="
    )
    assert (
        page.select_one(".we-month__next")["href"] == "?month=2024-05&view=list&type="
    )
    assert page.select_one(".we-month__alternative")["href"] == "?month=2024-04&type="
    headings = [text(h) for h in page.select(".we-day h3")]
    assert headings[0] == "Monday 1 April"
    cancelled = page.select(".we-day")[3]
    assert "This date is cancelled · Closed" in text(cancelled)


def test_month_view_of_other_months_and_types(client, april):
    may = get(client, april, month="2024-05").context["listing"]
    assert [o.page.title for o in may.occurrences] == ["Late"]
    march = get(client, april, month="2024-03").context["listing"]
    assert [o.page.title for o in march.occurrences] == [
        "Weekly",
        "Mar",
        "Long weekend",
    ]
    panels = get(client, april, month="2024-04", type="panel").context["listing"]
    assert [o.page.title for o in panels.occurrences] == ["New York evening"]
    html = get(client, april, month="2024-04", type="panel").content.decode()
    assert "?month=2024-05&amp;type=panel" in html
    assert '<input type="hidden" name="month" value="2024-04">' in html


@pytest.mark.parametrize("value", ["", "2024-13", "april", "0000-01", "2024-4"])
def test_month_view_of_an_invalid_month_shows_this_month(client, index, value):
    response = get(client, index, month=value)
    this_month = timezone.localdate().replace(day=1)
    assert response.context["listing"].month == this_month
    assert "No events in" in response.content.decode()


def test_the_month_tab(client, index):
    html = get(client, index).content.decode()
    this_month = timezone.localdate()
    assert f'href="?month={this_month:%Y-%m}&amp;type="' in html


@override_settings(WAGTAIL_EVENTS_MONTH_PAGE_SIZE=2)
def test_month_view_pages(client, april):
    response = get(client, april, month="2024-04", view="list")
    assert response.context["listing"].paginator.num_pages == 4  # 7 dates
    assert "month=2024-04&amp;view=list&amp;type=&amp;page=2" in (
        response.content.decode()
    )
    # The grid shows the whole month at once.
    grid = get(client, april, month="2024-04").context["listing"]
    assert grid.paginator.num_pages == 1
    assert len(grid.occurrences) == 7


# The page of a repeating event


def test_event_page_lists_upcoming_dates_with_changes(client, index):
    # Dates fall on day -6, 1, 8, 15… from today: none of them is going on now,
    # whatever the hour the test runs at.
    first = upcoming_day(-6, 19)
    page = weekly(
        index,
        first,
        "Language café",
        "RRULE:FREQ=WEEKLY;BYDAY=" + first.strftime("%a")[:2].upper(),
        changes=[
            {
                "original_start": upcoming_day(8, 19),
                "action": "cancel",
                "note": "Holidays",
            },
            {
                "original_start": upcoming_day(15, 19),
                "action": "move",
                "new_start": upcoming_day(16, 18),
                "new_end": upcoming_day(16, 19),
                "note": "Wednesday",
            },
        ],
    )
    dates = soup(get(client, page)).select_one(".we-dates")
    assert "Weekly, each" in text(dates.select_one(".we-dates__rule"))
    items = dates.select(".we-date")
    assert len(items) == 10
    assert "we-date--cancelled" in items[1]["class"]
    assert "This date is cancelled · Holidays" in text(items[1])
    assert items[1].select_one("del")
    assert "we-date--moved" in items[2]["class"]
    assert "Wednesday" in text(items[2])
    assert dates.select_one(".we-dates__more")
    next_date = dates.select_one(".we-dates__next time")
    assert next_date["datetime"] == upcoming_day(1, 19).isoformat()


def test_next_date_skips_cancelled_dates(client, index):
    first = upcoming_day(1, 19)
    page = weekly(
        index,
        first,
        "Café",
        changes=[{"original_start": first, "action": "cancel"}],
    )
    dates = soup(get(client, page)).select_one(".we-dates")
    assert dates.select_one(".we-dates__next time")["datetime"] == (
        upcoming_day(8, 19).isoformat()
    )


def test_next_date_beyond_the_listed_dates(client, index):
    first = upcoming_day(1, 19)
    page = weekly(index, first, "Café", "RRULE:FREQ=WEEKLY;COUNT=12")
    for n in range(10):
        OccurrenceChange.objects.create(
            page=page, original_start=first + datetime.timedelta(weeks=n)
        )
    page.save_revision().publish()
    dates = soup(get(client, page)).select_one(".we-dates")
    assert len(dates.select(".we-date--cancelled")) == 10
    expected = first + datetime.timedelta(weeks=10)
    assert dates.select_one(".we-dates__next time")["datetime"] == expected.isoformat()


def test_a_series_that_is_over(client, index):
    page = weekly(index, upcoming_day(-30, 19), "Café")
    dates = soup(get(client, page)).select_one(".we-dates")
    assert "No upcoming dates." in text(dates)
    assert not dates.select(".we-date")


def test_one_off_events_have_no_list_of_dates(client, index):
    page = f.panel(index, upcoming_day(1), upcoming_day(1, 11))
    assert not soup(get(client, page)).select_one(".we-dates")


# Queries


def count_queries(client, url, **params):
    client.get(url, params)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


def fill(index, n, venue):
    for i in range(n):
        start = upcoming_day(i % 20 + 1)
        builder = (f.conference, f.panel, f.workshop, f.site_visit)[i % 4]
        if i % 2:
            weekly(index, start, f"Weekly {i}", builder=f.workshop, venue=venue)
        elif builder is f.conference:
            f.conference(index, start=start, end=start + datetime.timedelta(days=1))
        else:
            builder(index, start, start + datetime.timedelta(hours=1), venue=venue)
    # One cancelled date in each index.
    page = listing.event_pages(index).filter(recurrence__contains="RRULE").first()
    OccurrenceChange.objects.create(
        page=page, original_start=page.start, note="Cancelled"
    )
    page.specific.save_revision().publish()


@override_settings(WAGTAIL_EVENTS_INDEX_PAGE_SIZE=50)
@pytest.mark.parametrize(
    "params",
    [{}, {"when": "past"}, {"type": "workshop"}, {"month": "__this__"}],
)
def test_query_count_does_not_grow_with_events(client, params):
    small, large = f.event_index(), f.event_index()
    v = f.venue()
    fill(small, 4, v)
    fill(large, 40, v)
    if params.get("month") == "__this__":
        params = {"month": upcoming_day(1).strftime("%Y-%m")}
    assert count_queries(client, small.url, **params) == count_queries(
        client, large.url, **params
    )


def test_event_page_queries_do_not_grow_with_dates(client, index):
    few = weekly(index, upcoming_day(1), "Few", "RRULE:FREQ=WEEKLY;COUNT=3")
    many = weekly(index, upcoming_day(1), "Many", "RRULE:FREQ=DAILY")
    assert count_queries(client, few.url) == count_queries(client, many.url)


def test_databases_without_sliced_subqueries_get_the_same_page(
    client, index, monkeypatch
):
    weekly(index, upcoming_day(1), "Weekly", "RRULE:FREQ=WEEKLY;COUNT=5")
    f.panel(index, upcoming_day(2), upcoming_day(2, 11), title="Panel")
    expected = entries(get(client, index))
    monkeypatch.setattr(connection.features, "allow_sliced_subqueries_with_in", False)
    assert entries(get(client, index)) == expected
    assert len(expected) == 2  # each event once
