"""The event index: upcoming and past events, by type, a page at a time."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests import factories as f
from wagtail_events.occurrences import listing


pytestmark = pytest.mark.django_db


def days(n, hours=0):
    return timezone.now() + datetime.timedelta(days=n, hours=hours)


def titles(response):
    return [o.page.title for o in response.context["listing"].occurrences]


@pytest.fixture
def events(index):
    """A past and an upcoming event of each type, and one going on now."""
    made = {}
    made["old conference"] = f.conference(
        index, title="Old conference", start=days(-30), end=days(-29)
    )
    made["old panel"] = f.panel(index, days(-10), days(-10, 2), title="Old panel")
    made["now workshop"] = f.workshop(
        index, days(0, -1), days(0, 1), title="Workshop going on now"
    )
    made["next panel"] = f.panel(index, days(3), days(3, 2), title="Next panel")
    made["new conference"] = f.conference(
        index, title="New conference", start=days(10), end=days(11)
    )
    made["visit"] = f.site_visit(index, days(5), days(5, 3), title="Visit")
    made["old visit"] = f.site_visit(index, days(-5), days(-5, 3), title="Old visit")
    return made


def test_upcoming_by_default_in_order_of_start(client, index, events):
    response = client.get(index.url)
    assert response.status_code == 200
    assert titles(response) == [
        "Workshop going on now",
        "Next panel",
        "Visit",
        "New conference",
    ]
    assert response.context["listing"].when == "upcoming"


def test_past_newest_first(client, index, events):
    response = client.get(index.url, {"when": "past"})
    assert titles(response) == ["Old visit", "Old panel", "Old conference"]
    assert response.context["listing"].when == "past"


def test_unknown_when_means_upcoming(client, index, events):
    response = client.get(index.url, {"when": "yesterday"})
    assert response.status_code == 200
    assert response.context["listing"].when == "upcoming"


def test_event_going_on_now_is_upcoming_until_it_ends(index):
    f.workshop(index, days(0, -3), days(0, -1), title="Just ended")
    f.workshop(index, days(0, -1), days(0, 1), title="Going on")
    upcoming = [o.page.title for o in listing.occurrences_in(index)]
    past = [o.page.title for o in listing.occurrences_in(index, "past")]
    assert upcoming == ["Going on"]
    assert past == ["Just ended"]


@pytest.mark.parametrize(
    ("event_type", "expected", "expected_past"),
    [
        ("conference", ["New conference"], ["Old conference"]),
        ("panel", ["Next panel"], ["Old panel"]),
        ("workshop", ["Workshop going on now"], []),
        ("site-visit", ["Visit"], ["Old visit"]),
    ],
)
def test_filter_by_type(client, index, events, event_type, expected, expected_past):
    response = client.get(index.url, {"type": event_type})
    assert titles(response) == expected
    assert response.context["listing"].event_type == event_type
    html = response.content.decode()
    assert f'<option value="{event_type}" selected>' in html
    past = client.get(index.url, {"type": event_type, "when": "past"})
    assert titles(past) == expected_past


@pytest.mark.parametrize(
    "params",
    [
        {"type": "concert"},
        {"type": ""},
        {"type": "<script>"},
        {"page": "abc"},
        {"page": "-1"},
        {"page": "9999"},
        {"page": ""},
    ],
)
def test_invalid_values_are_handled_gracefully(client, index, events, params):
    response = client.get(index.url, params)
    assert response.status_code == 200
    assert response.context["listing"].event_type == ""
    assert titles(response)  # falls back to a page that exists
    assert "<script>" not in response.content.decode()


@override_settings(WAGTAIL_EVENTS_INDEX_PAGE_SIZE=2)
def test_pagination(client, index):
    for n in range(5):
        f.panel(index, days(n + 1), days(n + 1, 1), title=f"Panel {n}")
    first = client.get(index.url)
    assert titles(first) == ["Panel 0", "Panel 1"]
    assert first.context["listing"].paginator.num_pages == 3
    html = first.content.decode()
    assert 'rel="next"' in html and 'rel="prev"' not in html
    assert "page=2" in html
    third = client.get(index.url, {"page": 3})
    assert titles(third) == ["Panel 4"]
    assert 'rel="prev"' in third.content.decode()
    assert titles(client.get(index.url, {"page": 99})) == ["Panel 4"]


@override_settings(WAGTAIL_EVENTS_INDEX_PAGE_SIZE=1)
def test_pagination_links_keep_the_filters(client, index, events):
    html = client.get(index.url, {"when": "past", "type": "panel"}).content.decode()
    assert "Page 1 of 1" not in html  # one past panel: no pagination at all
    html = client.get(index.url, {"when": "past"}).content.decode()
    assert "when=past&amp;type=&amp;page=2" in html


def test_sessions_inside_a_conference_are_not_listed(client, index):
    conf = f.conference(index, title="Summit", start=days(3), end=days(4))
    f.panel(conf, days(3), days(3, 1), title="Panel inside")
    f.site_visit(conf, days(3), days(3, 1), title="Visit inside")
    f.panel(index, days(5), days(5, 1), title="Panel on its own")
    assert titles(client.get(index.url)) == ["Summit", "Panel on its own"]
    assert titles(client.get(index.url, {"type": "panel"})) == ["Panel on its own"]


def test_events_of_another_index_are_not_listed(client, index):
    other = f.event_index()
    f.panel(other, days(3), days(3, 1), title="Elsewhere")
    f.panel(index, days(3), days(3, 1), title="Here")
    assert titles(client.get(index.url)) == ["Here"]


def test_draft_and_private_events_are_not_listed(client, index):
    f.panel(index, days(3), days(3, 1), title="Public")
    f.panel(index, days(3), days(3, 1), title="Draft", live=False)
    private = f.panel(index, days(3), days(3, 1), title="Private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    assert titles(client.get(index.url)) == ["Public"]


def test_nothing_to_list(client, index):
    html = client.get(index.url).content.decode()
    assert "No upcoming events." in html
    assert "No past events." in client.get(index.url, {"when": "past"}).content.decode()


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@override_settings(WAGTAIL_EVENTS_INDEX_PAGE_SIZE=50)
def test_query_count_does_not_grow_with_events(client):
    small, large = f.event_index(), f.event_index()
    v = f.venue()
    for index, n in ((small, 2), (large, 40)):
        for i in range(n):
            builder = (f.conference, f.panel, f.workshop, f.site_visit)[i % 4]
            if builder is f.conference:
                f.conference(index, start=days(i + 1), end=days(i + 2), venue=v)
            else:
                builder(index, days(i + 1), days(i + 1, 1), venue=v)
    assert count_queries(client, small.url) == count_queries(client, large.url)
