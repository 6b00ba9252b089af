"""The programme page in one language (``?language=nl``): a plain form, served
by the server; the calendar files, frab and the structured data keep every
entry."""

import json

import pytest
from bs4 import BeautifulSoup

from tests import factories as f
from wagtail_events.programme import build_programme
from wagtail_events.programme.filters import programme_filter


pytestmark = pytest.mark.django_db


@pytest.fixture
def conference(index):
    conference = f.conference(index, event_languages=["en"])
    f.panel(
        conference,
        f.local(2024, 4, 19, 9),
        f.local(2024, 4, 19, 10),
        title="English talk",
    )
    f.panel(
        conference,
        f.local(2024, 4, 19, 10),
        f.local(2024, 4, 19, 11),
        title="Dutch talk",
        event_languages=["nl"],
    )
    f.programme_item(
        conference,
        f.local(2024, 4, 19, 11),
        f.local(2024, 4, 19, 12),
        title="Lunch",
        kind="meal",
    )
    return conference


def shown(client, conference, **params):
    response = client.get(conference.url, params)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    section = html.select_one("#programme")
    return html, section, section.get_text(" ", strip=True)


def test_the_filter_keeps_the_sessions_held_in_a_language_and_the_breaks(conference):
    programme = build_programme(conference)
    dutch = programme_filter(programme, {"language": "nl"})
    titles = {slot.title for slot in dutch.programme.entries}
    assert titles == {"Dutch talk", "Lunch"}
    (languages,) = [facet for facet in dutch.facets if facet.name == "language"]
    assert [code for code, _name in languages.choices] == ["", "nl", "en"]
    every = programme_filter(programme, {})
    assert every.programme is programme
    # The programme itself is not changed: the files read it whole.
    assert len(programme.entries) == 3


def test_the_page_offers_the_filter_as_a_form(client, conference):
    html, section, text = shown(client, conference)
    form = section.select_one("form.we-programme__filter")
    assert form["method"] == "get"
    assert section.select_one('label[for="we-programme-language"]')
    assert [o["value"] for o in form.select("#we-programme-language option")] == [
        "",
        "nl",
        "en",
    ]
    assert "Dutch talk" in text and "English talk" in text

    html, section, text = shown(client, conference, language="nl")
    assert "Dutch talk" in text and "Lunch" in text
    assert "English talk" not in text
    assert (
        section.select_one("#we-programme-language option[selected]")["value"] == "nl"
    )
    # The structured data still lists every entry.
    (script,) = html.find_all("script", type="application/ld+json")
    names = {event["name"] for event in json.loads(script.string)["subEvent"]}
    assert {"Dutch talk", "English talk", "Lunch"} <= names
    # The list view keeps the language.
    assert "language=nl" in section.select_one('a[href^="?view=list"]')["href"]


def test_a_language_no_session_is_held_in(client, conference):
    _html, section, text = shown(client, conference, language="fr")
    assert "No sessions are held in this language." in text
    assert "English talk" not in text


def test_no_filter_for_a_programme_in_one_language(client, index):
    conference = f.conference(index, event_languages=["en"])
    f.panel(conference, f.local(2024, 4, 19, 9), f.local(2024, 4, 19, 10))
    _html, section, _text = shown(client, conference)
    assert section.select_one("form.we-programme__filter") is None
