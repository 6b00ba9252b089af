"""The day's grid (programme.grid): one row per five minutes of elapsed time,
rooms as columns, overlapping entries in lanes, breaks across every column, and
the page writing each entry once with its start, end and place."""

import datetime
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests import factories as f
from wagtail_events.programme.grid import STEP
from wagtail_events.programme.timetable import build_programme


pytestmark = pytest.mark.django_db


def at(hour, minute=0, day=19, month=4, year=2024):
    return f.local(year, month, day, hour, minute)


@pytest.fixture
def venue():
    return f.venue(rooms=["Auditorium", "Dijlezaal"])


@pytest.fixture
def conf(index, venue):
    return f.conference(index, venue=venue)


def placed(day):
    return {p.slot.title: p for p in day.grid.placed}


def test_rows_are_five_minutes_and_entries_as_tall_as_they_last(conf, venue):
    f.panel(conf, at(9), at(10, 30), title="Long", room=f.room(venue, "Auditorium"))
    f.workshop(conf, at(9), at(9, 30), title="Short", room=f.room(venue, "Dijlezaal"))
    f.programme_item(conf, at(10, 30), at(10, 45), title="Coffee")
    (day,) = build_programme(conf).days
    grid = placed(day)
    assert STEP == 5
    assert (grid["Long"].row, grid["Long"].rows) == (1, 18)  # 90 minutes
    assert (grid["Short"].row, grid["Short"].rows) == (1, 6)  # 30 minutes
    assert (grid["Coffee"].row, grid["Coffee"].rows) == (19, 3)
    assert day.grid.rows == 21
    # Rooms as columns in the venue's order, the break across both.
    assert [h.label for h in day.grid.headings] == ["Auditorium", "Dijlezaal"]
    assert (grid["Long"].column, grid["Short"].column) == (1, 2)
    assert (grid["Coffee"].column, grid["Coffee"].columns) == (1, 2)
    # The reading order is the order of time.
    assert [p.slot.title for p in day.grid.placed] == ["Short", "Long", "Coffee"]


def test_overlapping_entries_in_one_room_get_lanes(conf, venue):
    hall = f.room(venue, "Auditorium")
    f.site_visit(conf, at(10), at(12), title="Harbour", room=hall)
    f.site_visit(conf, at(11), at(13), title="Old town", room=hall)
    f.programme_item(conf, at(11), at(11, 30), title="Coffee")
    (day,) = build_programme(conf).days
    grid = placed(day)
    assert [(h.label, h.column, h.columns) for h in day.grid.headings] == [
        ("Auditorium", 2, 2),
        ("Break", 4, 1),
    ]
    assert day.grid.lanes == 3
    assert {grid["Harbour"].column, grid["Old town"].column} == {1, 2}
    assert grid["Old town"].row == 13
    # A break at the same time as sessions does not span them: it gets a column.
    assert (grid["Coffee"].column, grid["Coffee"].columns) == (3, 1)


def test_a_day_when_the_clocks_go_forward_counts_elapsed_time(index):
    # 28 March 2027, Brussels: the clocks go from 02:00 to 03:00.
    conf = f.conference(
        index,
        start=at(0, 30, day=28, month=3, year=2027),
        end=at(12, day=28, month=3, year=2027),
    )
    f.panel(
        conf,
        at(1, 30, day=28, month=3, year=2027),
        at(3, 30, day=28, month=3, year=2027),
        title="Night",
        track="T",
    )
    f.panel(
        conf,
        at(9, day=28, month=3, year=2027),
        at(10, day=28, month=3, year=2027),
        title="Morning",
        track="T",
    )
    (day,) = build_programme(conf).days
    grid = placed(day)
    # 01:30–03:30 on the wall clock lasts one hour: twelve rows, not 24.
    assert grid["Night"].rows == 12
    # 09:00 is seven and a half hours after 01:30 on the wall, six and a half elapsed.
    assert grid["Morning"].row == 1 + 78
    assert grid["Morning"].rows == 12
    assert [m.time.strftime("%H:%M") for m in day.grid.marks] == ["01:30", "09:00"]


def test_entries_that_do_not_start_on_the_five_minutes(conf):
    f.panel(conf, at(9, 2), at(9, 13), title="Odd", track="T")
    (day,) = build_programme(conf).days
    assert (placed(day)["Odd"].row, placed(day)["Odd"].rows) == (1, 3)


def page(client, conf, **params):
    response = client.get(conf.url, params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_page_writes_each_entry_once_with_start_end_and_room(client, conf, venue):
    panel = f.panel(
        conf, at(9, 30), at(10, 15), title="Opening", room=f.room(venue, "Auditorium")
    )
    soup = page(client, conf)
    (entry,) = soup.select(f"#entry-{panel.translation_key}")
    assert entry.name == "li"
    assert entry.parent.name == "ol"
    times = entry.select(".we-slot__time time")
    assert [t.get_text() for t in times] == ["09:30", "10:15"]
    # Aware instants, for the visitor's own time zone.
    assert datetime.datetime.fromisoformat(times[0]["datetime"]) == panel.start
    assert "Auditorium" in entry.select_one(".we-slot__where").get_text()
    assert entry["style"] == "grid-row: 1 / span 9; grid-column: 1 / span 1"
    assert soup.select_one(".we-timetable")["style"] == "--we-rows: 9; --we-lanes: 1"
    # The column headings and the time axis are for the eye only.
    for hidden in soup.select(".we-timetable__head, .we-timetable__mark"):
        assert hidden["aria-hidden"] == "true"
    # A heading for the day, even with one day.
    assert soup.select_one(".we-day h3").get_text() == "Friday 19 April 2024"
    # The marks' include, with the entry's type.
    assert entry.select_one(".we-slot__kind").get_text(strip=True) == "Panel"


def test_time_zone_is_said_once(client, conf):
    f.panel(conf, at(9, 30), at(10, 15), title="Opening")
    soup = page(client, conf)
    # The page states the zone (frame.html); the programme, in the same zone,
    # does not say it again, and its entries carry the instants for the
    # visitor's own time.
    assert soup.get_text(" ", strip=True).count("(Europe/Brussels)") == 1
    text = soup.select_one("#programme").get_text(" ", strip=True)
    assert "Europe/Brussels" not in text
    assert soup.select_one("#programme")["data-we-zone"] == "Europe/Brussels"
    assert soup.select_one(".we-zone-toggle") is None
    assert soup.select_one("#programme .we-slot time[datetime*='T']") is not None


def test_the_stylesheet_makes_the_grid_on_wide_screens_only():
    css = (
        Path(__file__).parents[2]
        / "wagtail_events/static/wagtail_events/css/events.css"
    ).read_text()
    wide = css[css.index("@media (min-width: 48rem)") :]
    assert (
        "grid-template-rows: auto repeat(var(--we-rows), minmax(var(--we-step), auto))"
        in wide
    )
    assert re.search(r"grid-template-rows: subgrid", wide)
