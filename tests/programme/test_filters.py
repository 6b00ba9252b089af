"""The programme's filters (programme.filters): day, room, track, type and
language as GET parameters, combined, answered by the server, with a way back
to the whole programme and a plain message when nothing matches."""

import pytest
from bs4 import BeautifulSoup

from tests import factories as f
from wagtail_events.programme import build_programme
from wagtail_events.programme.filters import programme_filter


pytestmark = pytest.mark.django_db


def at(hour, minute=0, day=19):
    return f.local(2024, 4, day, hour, minute)


@pytest.fixture
def conf(index):
    venue = f.venue(rooms=["Auditorium", "Dijlezaal"])
    conf = f.conference(index, venue=venue, end=at(18, day=20), event_languages=["en"])
    hall, side = f.room(venue, "Auditorium"), f.room(venue, "Dijlezaal")
    f.panel(conf, at(9), at(10), title="Opening", room=hall, track="Cities")
    f.workshop(
        conf,
        at(9),
        at(10),
        title="Counter",
        room=side,
        track="Services",
        event_languages=["nl"],
    )
    f.programme_item(conf, at(10), at(10, 30), title="Coffee")
    f.panel(
        conf, at(9, day=20), at(10, day=20), title="Day two", room=side, track="Cities"
    )
    return conf, hall, side


def titles(shown):
    return {slot.title for slot in shown.programme.entries}


def test_filters_offered_with_their_choices(conf):
    conf, hall, side = conf
    shown = programme_filter(build_programme(conf), {})
    offered = {facet.name: [v for v, _label in facet.choices] for facet in shown.facets}
    assert offered == {
        "day": ["", "2024-04-19", "2024-04-20"],
        "room": ["", str(hall.pk), str(side.pk)],
        "track": ["", "Cities", "Services"],
        "type": ["", "break", "panel", "workshop"],
        "language": ["", "nl", "en"],
    }
    assert not shown.active and not shown.no_match


def test_each_filter_and_their_combination(conf):
    conf, hall, side = conf
    programme = build_programme(conf)

    def kept(**params):
        return titles(programme_filter(programme, params))

    assert kept(day="2024-04-20") == {"Day two"}
    # The coffee break everyone attends stays as the frame of the day.
    assert kept(room=str(side.pk)) == {"Counter", "Coffee", "Day two"}
    assert kept(track="Cities") == {"Opening", "Coffee", "Day two"}
    assert kept(type="workshop") == {"Counter"}
    assert kept(language="nl") == {"Counter", "Coffee"}
    assert kept(room=str(side.pk), day="2024-04-19") == {"Counter", "Coffee"}
    assert kept(track="Cities", type="panel", day="2024-04-20") == {"Day two"}
    # The programme itself is unchanged: the files read it whole.
    assert len(programme.entries) == 4


def test_nothing_matches(conf):
    conf, hall, side = conf
    shown = programme_filter(
        build_programme(conf), {"room": str(hall.pk), "day": "2024-04-20"}
    )
    assert shown.no_match
    assert shown.programme.is_empty  # not even the frame: there is nothing to frame
    assert shown.query == f"day=2024-04-20&room={hall.pk}"


def test_rubbish_in_the_address_is_harmless(conf):
    conf, *_ = conf
    shown = programme_filter(
        build_programme(conf), {"day": "yesterday", "room": "x" * 500}
    )
    assert shown.no_match
    assert len(shown.asked["room"]) == 100


def page(client, conf, **params):
    response = client.get(conf.url, params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one("#programme")


def test_the_page_form_keeps_the_state_and_offers_a_reset(client, conf):
    conf, hall, side = conf
    section = page(client, conf, room=side.pk, type="workshop")
    form = section.select_one("form.we-programme__filter")
    assert form["method"] == "get"
    for name in ("day", "room", "track", "type", "language"):
        assert section.select_one(f'label[for="we-programme-{name}"]')
        assert form.select_one(f'select[name="{name}"]#we-programme-{name}')
    assert form.select_one("#we-programme-room option[selected]")["value"] == str(
        side.pk
    )
    assert form.select_one("#we-programme-type option[selected]")["value"] == "workshop"
    text = section.get_text(" ", strip=True)
    assert "Counter" in text and "Opening" not in text and "Coffee" not in text
    reset = section.find("a", string="Clear the filters")
    assert reset["href"] == "?#programme"
    # The list view keeps the filters.
    link = section.select_one('a[href^="?view=list"]')["href"]
    assert f"room={side.pk}" in link and "type=workshop" in link
    # The days are named as dates.
    days = [o.get_text() for o in form.select("#we-programme-day option")]
    assert days == ["All days", "Friday 19 April", "Saturday 20 April"]


def test_the_page_says_when_nothing_matches(client, conf):
    conf, hall, side = conf
    section = page(client, conf, room=hall.pk, day="2024-04-20")
    message = section.select_one(".we-programme__none")
    assert "Nothing in the programme matches these filters." in message.get_text()
    assert message.find("a")["href"] == "?#programme"
    assert section.select_one(".we-timetable") is None


def test_the_list_view_keeps_itself_in_the_form(client, conf):
    conf, *_ = conf
    section = page(client, conf, view="list", track="Cities")
    assert "we-programme--list" in section["class"]
    assert section.select_one('form input[name="view"]')["value"] == "list"
    assert (
        section.find("a", string="Clear the filters")["href"] == "?view=list#programme"
    )
