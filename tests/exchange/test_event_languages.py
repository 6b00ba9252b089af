"""The languages an event is held in, in the files other programs read: JSON-LD
``inLanguage`` and frab's ``language``, never the page's language."""

import json

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory

from tests import factories as f
from wagtail_events.exchange import views


pytestmark = pytest.mark.django_db


def event_json(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    (script,) = soup.find_all("script", type="application/ld+json")
    return json.loads(script.string), soup


def schedule(conference):
    request = RequestFactory().get(conference.url + "schedule.json")
    return json.loads(views.schedule_json(request, conference).content)


def frab_events(conference):
    data = schedule(conference)["schedule"]["conference"]
    return {
        event["title"]: event
        for day in data["days"]
        for events in day["rooms"].values()
        for event in events
    }


@pytest.fixture
def conference(index):
    conference = f.conference(index, title="Forum", event_languages=["en"])
    f.panel(
        conference,
        f.local(2024, 4, 19, 9),
        f.local(2024, 4, 19, 10),
        title="Inherits",
    )
    f.panel(
        conference,
        f.local(2024, 4, 19, 11),
        f.local(2024, 4, 19, 12),
        title="Own",
        event_languages=["nl", "fr"],
    )
    f.programme_item(
        conference, f.local(2024, 4, 19, 10), f.local(2024, 4, 19, 11), title="Coffee"
    )
    return conference


def test_the_conference_and_its_sub_events_say_their_languages(client, conference):
    data, _soup = event_json(client, conference)
    assert data["inLanguage"] == "en"
    languages = {event["name"]: event.get("inLanguage") for event in data["subEvent"]}
    assert languages == {"Inherits": "en", "Own": ["nl", "fr"], "Coffee": "en"}


def test_a_session_page_inherits_or_states_its_own(client, conference):
    inherits, own = conference.get_children().specific().order_by("path")
    assert event_json(client, inherits)[0]["inLanguage"] == "en"
    assert event_json(client, own)[0]["inLanguage"] == ["nl", "fr"]


def test_nothing_stated_nothing_claimed(client, index):
    event = f.workshop(index, f.local(2024, 4, 19, 9), f.local(2024, 4, 19, 10))
    data, soup = event_json(client, event)
    assert "inLanguage" not in data
    # The shared card still says the page's language.
    assert soup.find("meta", attrs={"property": "og:locale"})["content"] == "en"


def test_the_english_page_of_a_dutch_event_says_nl(client, index):
    # A study day held in Dutch, announced in English and translated into Dutch.
    english = f.workshop(
        index,
        f.local(2024, 3, 31, 10),
        f.local(2024, 3, 31, 17),
        title="Study day",
        event_languages=["nl"],
    )
    english.save_revision().publish()
    dutch = f.translate(english, f.locale("nl"))
    for page, page_language in ((english, "en"), (dutch, "nl")):
        data, soup = event_json(client, page)
        assert data["inLanguage"] == "nl"
        og = soup.find("meta", attrs={"property": "og:locale"})["content"]
        assert og == page_language


def test_a_series_and_its_meetings(client, index):
    series = f.series(index, event_languages=["fr"])
    f.meeting(series, f.local(2024, 5, 2, 18), f.local(2024, 5, 2, 20))
    f.meeting(
        series,
        f.local(2024, 6, 2, 18),
        f.local(2024, 6, 2, 20),
        event_languages=["nl"],
    )
    series.refresh_from_db()
    data, _soup = event_json(client, series)
    assert data["inLanguage"] == "fr"
    assert [m["inLanguage"] for m in data["subEvent"]] == ["fr", "nl"]


def test_frab_language_is_the_sessions_else_the_conferences(conference):
    events = frab_events(conference)
    assert events["Inherits"]["language"] == "en"
    # frab holds one language: the first in the editors' list.
    assert events["Own"]["language"] == "nl"
    assert events["Coffee"]["language"] == "en"


def test_frab_language_is_null_when_nothing_is_stated(index):
    conference = f.conference(index)
    f.panel(conference, f.local(2024, 4, 19, 9), f.local(2024, 4, 19, 10), title="P")
    assert frab_events(conference)["P"]["language"] is None
