"""An event whose date is to be announced in every output: shown honestly on
its page and in the index, never as dated, and left out of calendar files,
JSON-LD, frab and the add-to-calendar links until the date is set."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests import factories as f
from wagtail_events.occurrences import dateformat


pytestmark = pytest.mark.django_db

SHOWN = "A Thursday, 14:00–18:30 (date to be announced)"


@pytest.fixture
def undated(index):
    page = f.undated_conference(
        index,
        title="It’s Amazing What Migrants Bring",
        summary="An afternoon in Brussels.",
        announced_weekday=3,
        announced_start_time=datetime.time(14),
        announced_end_time=datetime.time(18, 30),
    )
    page.save_revision().publish()
    return page


def test_what_is_known_in_words():
    class Known:
        announced_weekday = None
        announced_start_time = None
        announced_end_time = None

    known = Known()
    assert dateformat.to_be_announced(known) == "Date to be announced"
    known.announced_weekday = 3
    assert dateformat.to_be_announced(known) == "A Thursday (date to be announced)"
    known.announced_start_time = datetime.time(14)
    assert (
        dateformat.to_be_announced(known)
        == "A Thursday, from 14:00 (date to be announced)"
    )
    known.announced_end_time = datetime.time(18, 30)
    assert dateformat.to_be_announced(known) == SHOWN
    known.announced_weekday = None
    assert dateformat.to_be_announced(known) == "14:00–18:30 (date to be announced)"
    with translation.override("nl"):
        known.announced_weekday = 3
        assert "donderdag" in dateformat.to_be_announced(known)


def test_page_says_what_is_known_and_offers_no_calendar(client, undated):
    html = client.get(undated.url).content.decode()
    assert SHOWN in html
    assert "calendar.ics" not in html
    assert "calendar.google.com" not in html and "outlook.live.com" not in html
    assert "application/ld+json" not in html
    assert 'property="og:title"' in html or "og:title" in html
    assert "The programme will be published here." not in html
    assert not undated.occurrences.exists()


def test_event_calendar_and_schedule_answer_not_found_with_why(client, undated):
    response = client.get(undated.url + "calendar.ics")
    assert response.status_code == 404
    assert "date of this event is to be announced" in response.content.decode()
    for name in ("schedule.json", "schedule.xml"):
        response = client.get(undated.url + name)
        assert response.status_code == 404
        assert "its schedule can be exported once the date is set" in (
            response.content.decode()
        )


def test_index_lists_it_apart_and_its_feed_leaves_it_out(client, index, undated):
    dated = f.conference(
        index,
        title="Dated conference",
        start=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=3),
        end=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=4),
    )
    dated.save_revision().publish()
    response = client.get(index.url)
    listing = response.context["listing"]
    assert [o.page.title for o in listing.occurrences] == ["Dated conference"]
    assert [p.title for p in listing.to_be_announced] == [undated.title]
    html = response.content.decode()
    assert "Date to be announced</h2>" in html
    assert SHOWN in html
    assert html.index("Dated conference") < html.index(undated.title)
    # Neither past nor in any month.
    assert undated.title not in client.get(index.url, {"when": "past"}).content.decode()
    assert (
        client.get(index.url, {"when": "past"}).context["listing"].to_be_announced == []
    )
    feed = client.get(index.url + "calendar.ics").content.decode()
    assert "Dated conference" in feed and undated.title not in feed


def test_only_undated_events_show_no_empty_message(client, index, undated):
    html = client.get(index.url).content.decode()
    assert "No upcoming events." not in html
    assert undated.title in html


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_index_queries_do_not_grow_with_undated_events(client):
    small, large = f.event_index(), f.event_index()
    venue = f.venue()
    for index, n in ((small, 1), (large, 12)):
        for _ in range(n):
            f.undated_conference(index, venue=venue).save_revision().publish()
            f.panel(index, None, None, date_to_be_announced=True, venue=venue)
    assert _count(client, small.url) == _count(client, large.url)


def test_registration_without_a_date(
    client, mailoutbox, django_capture_on_commit_callbacks, undated
):
    """A form attached to an undated event takes registrations; the e-mail says
    what is known of the date and attaches no calendar file."""
    undated.registration_form = f.registration_form()
    undated.save_revision().publish()
    assert (
        'action="' + undated.url + 'register/"'
        in client.get(undated.url).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            undated.url + "register/",
            {"name": "Ada", "email": "ada@example.org", "privacy_accepted": "on"},
        )
    assert response.status_code in (200, 302)
    (message,) = mailoutbox
    assert SHOWN in message.body
    assert not [a for a in message.attachments if a[0].endswith(".ics")]
