"""Event types the organisation names: the labels of pages, cards and programme
entries, and the event index's filter, in the index's language, at a fixed
number of queries."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f
from wagtail_events.models import EventType


pytestmark = pytest.mark.django_db


def card_types(html):
    soup = BeautifulSoup(html, "html.parser")
    return {
        card.find(class_="we-card__title").get_text(strip=True): card.find(
            class_="we-card__type"
        ).get_text(" ", strip=True)
        for card in soup.select("article.we-card")
    }


def filter_choices(html):
    soup = BeautifulSoup(html, "html.parser")
    return [
        (option["value"], option.get_text(strip=True))
        for option in soup.select("#we-type option")
    ]


def upcoming(year=2099):
    return f.local(year, 4, 19, 10), f.local(year, 4, 19, 17)


def test_a_type_labels_the_page_the_card_and_the_programme(client, index):
    study_day = f.event_type("Study day", "study-day", name_plural="Study days")
    counselling = f.event_type("Counselling session", "counselling-session")
    start, end = upcoming()
    conf = f.conference(index, start, end, title="Local policy", event_type=study_day)
    session = f.workshop(conf, start, end, title="Advice", event_type=counselling)
    f.conference(index, start, end, title="Plain")

    page = BeautifulSoup(client.get(conf.url).content.decode(), "html.parser")
    assert page.select_one(".we-page-header .we-card__type").get_text() == "Study day"
    programme = page.select_one("#programme") or page
    assert "Counselling session" in programme.get_text()
    session_page = BeautifulSoup(client.get(session.url).content, "html.parser")
    assert (
        session_page.select_one(".we-card__type")
        .get_text(" ", strip=True)
        .startswith("Counselling session")
    )

    cards = card_types(client.get(index.url).content.decode())
    assert cards["Local policy"] == "Study day"
    assert cards["Plain"] == "Conference"  # no type: the page type's name


def test_the_filter_offers_the_sites_types_and_filters_by_label(client, index):
    study_day = f.event_type("Study day", "study-day", name_plural="Study days")
    conference_type = f.event_type(
        "Conference", "conference", name_plural="Conferences"
    )
    start, end = upcoming()
    f.conference(index, start, end, title="Study", event_type=study_day)
    f.conference(
        index, start, end, title="Typed conference", event_type=conference_type
    )
    f.conference(index, start, end, title="Untyped conference")
    f.panel(index, start, end, title="A panel")

    html = client.get(index.url).content.decode()
    choices = filter_choices(html)
    # The site's types first; "conference" is the type's, offered once.
    assert choices[:3] == [
        ("", "All events"),
        ("conference", "Conferences"),
        ("study-day", "Study days"),
    ]
    assert [value for value, _label in choices].count("conference") == 1
    assert ("panel", "Panels") in choices

    assert set(
        card_types(client.get(index.url, {"type": "study-day"}).content.decode())
    ) == {"Study"}
    # A type named like a page type also lists that page type's untyped events;
    # the study day, a conference page, is not among the conferences.
    assert set(
        card_types(client.get(index.url, {"type": "conference"}).content.decode())
    ) == {"Typed conference", "Untyped conference"}
    assert set(
        card_types(client.get(index.url, {"type": "panel"}).content.decode())
    ) == {"A panel"}
    assert (
        len(card_types(client.get(index.url, {"type": "nonsense"}).content.decode()))
        == 4
    )


def test_types_in_the_index_language(client, index):
    nl = f.locale("nl")
    study_day = f.event_type("Study day", "study-day", name_plural="Study days")
    studiedag = study_day.copy_for_translation(nl)
    studiedag.name, studiedag.name_plural = "Studiedag", "Studiedagen"
    studiedag.save()
    nl_index = f.event_index(locale=nl)
    start, end = upcoming()
    f.conference(
        nl_index, start, end, title="Samenwerken", locale=nl, event_type=studiedag
    )
    f.conference(index, start, end, title="Working together", event_type=study_day)

    dutch = client.get(nl_index.url).content.decode()
    assert ("study-day", "Studiedagen") in filter_choices(dutch)
    assert card_types(dutch) == {"Samenwerken": "Studiedag"}
    english = client.get(index.url).content.decode()
    assert ("study-day", "Study days") in filter_choices(english)
    assert card_types(english) == {"Working together": "Study day"}
    # The slug is the same in both languages: the filter's address too.
    assert card_types(
        client.get(nl_index.url, {"type": "study-day"}).content.decode()
    ) == {"Samenwerken": "Studiedag"}


def count_queries(client, url, params=None):
    client.get(url, params)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("params", [{}, {"type": "study-day"}, {"month": "2099-04"}])
def test_the_index_costs_the_same_with_many_typed_events(client, params):
    few_index, many_index = f.event_index(), f.event_index()
    types = [f.event_type(f"Type {i}", f"type-{i}") for i in range(5)]
    types.append(f.event_type("Study day", "study-day"))
    start, end = upcoming()
    f.conference(few_index, start, end, event_type=types[-1])
    for i in range(15):
        f.conference(many_index, start, end, event_type=types[i % len(types)])
    assert count_queries(client, few_index.url, params) == count_queries(
        client, many_index.url, params
    )


def test_editors_add_event_types_under_snippets(admin_client):
    url = reverse("wagtailsnippets_wagtail_events_eventtype:add")
    response = admin_client.post(
        url,
        {
            "name": "Study day",
            "name_plural": "Study days",
            "slug": "study-day",
            "description": "",
        },
    )
    assert response.status_code == 302
    assert EventType.objects.get().plural == "Study days"
    listing = admin_client.get(reverse("wagtailsnippets_wagtail_events_eventtype:list"))
    assert "Study day" in listing.content.decode()
