"""The event index by the language events are held in (``?language=nl``)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from tests import factories as f
from wagtail_events.occurrences import listing


pytestmark = pytest.mark.django_db


def days(n, hours=0):
    return timezone.now() + datetime.timedelta(days=n, hours=hours)


def titles(response):
    return [o.page.title for o in response.context["listing"].occurrences]


@pytest.fixture
def events(index):
    f.panel(index, days(1), days(1, 1), title="Dutch", event_languages=["nl"])
    f.panel(index, days(2), days(2, 1), title="Both", event_languages=["nl", "en"])
    f.panel(index, days(3), days(3, 1), title="English", event_languages=["en"])
    # "nl-be" is not "nl": the filter matches whole codes.
    f.panel(index, days(4), days(4, 1), title="Flemish", event_languages=["nl-be"])
    f.panel(index, days(5), days(5, 1), title="Unstated")
    return index


def test_the_index_lists_the_events_held_in_a_language(client, events):
    assert titles(client.get(events.url, {"language": "nl"})) == ["Dutch", "Both"]
    assert titles(client.get(events.url, {"language": "EN"})) == ["Both", "English"]
    assert len(titles(client.get(events.url))) == 5
    # A value that is no language code is ignored.
    assert len(titles(client.get(events.url, {"language": "n%"}))) == 5


def test_the_filter_offers_the_languages_in_use_and_keeps_them_in_links(client, events):
    response = client.get(events.url, {"language": "nl"})
    html = BeautifulSoup(response.content, "html.parser")
    options = [o["value"] for o in html.select("#we-language option")]
    assert options == ["", "nl", "en", "nl-be"]
    assert html.select_one("#we-language option[selected]")["value"] == "nl"
    assert html.select_one('label[for="we-language"]')
    past = html.select_one('a[href^="?when=past"]')["href"]
    assert "language=nl" in past
    month = client.get(events.url, {"language": "nl", "month": "2024-04"})
    assert "language=nl" in month.context["listing"].next_month_query


def test_no_language_filter_without_languages(client, index):
    f.panel(index, days(1), days(1, 1), title="Unstated")
    html = BeautifulSoup(client.get(index.url).content, "html.parser")
    assert html.select_one("#we-language") is None


def test_month_and_past_views_filter_too(client, index):
    f.panel(index, days(-3), days(-3, 1), title="Old Dutch", event_languages=["nl"])
    f.panel(index, days(-2), days(-2, 1), title="Old English", event_languages=["en"])
    past = client.get(index.url, {"when": "past", "language": "nl"})
    assert titles(past) == ["Old Dutch"]
    month = days(-3).strftime("%Y-%m")
    pages = listing.occurrences_in_month(
        index, listing.parse_month(month), language="en"
    )
    assert [o.page.title for o in pages] == ["Old English"]


def count_queries(client, url, params):
    client.get(url, params)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


@override_settings(WAGTAIL_EVENTS_INDEX_PAGE_SIZE=50)
def test_the_filtered_index_costs_the_same_queries_whatever_the_number_of_events(
    client,
):
    small, large = f.event_index(), f.event_index()
    for index, n in ((small, 2), (large, 30)):
        for i in range(n):
            f.panel(
                index,
                days(i + 1),
                days(i + 1, 1),
                event_languages=[("nl", "en", "fr")[i % 3]],
            )
    params = {"language": "nl"}
    assert count_queries(client, small.url, params) == count_queries(
        client, large.url, params
    )
    # Filtering costs no query of its own: it is part of the listing's query.
    # (The filter's choices, the languages the index's events are held in, are
    # one query, filtered or not.)
    assert count_queries(client, large.url, {}) == count_queries(
        client, large.url, params
    )
