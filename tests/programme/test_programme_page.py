"""The programme as visitors see it on the conference page: every entry with its
times, its speakers' roles, its description and its own anchor; all-day entries
above the timetable; rows as tall as their minutes; nothing empty to show."""

import datetime
import re
import types
import zoneinfo
from pathlib import Path

import pytest
from django.utils import timezone

from tests import factories as f
from wagtail_events.templatetags import wagtail_events_programme


pytestmark = pytest.mark.django_db

RUTTEN_ROLE = (
    "Vice-Minister-President of the Government of Flanders and Minister of Home "
    "Affairs, Civic Integration, and Equal Opportunities"
)


def at(hour, minute=0):
    return f.local(2024, 4, 19, hour, minute)


@pytest.fixture
def mechelen():
    v = f.venue(rooms=["Auditorium", "Dijlezaal"])
    conf = f.conference(f.event_index(), venue=v)
    rutten = f.person("Gwendolyn Rutten", role=RUTTEN_ROLE, country="")
    welcome = f.programme_item(
        conf,
        at(9),
        at(10, 15),
        kind="remarks",
        title="Welcoming remarks",
        room=f.room(v, "Auditorium"),
        description="The Government of Flanders opens the day.",
        speakers=[
            f.speaker(rutten),
            f.speaker(
                name="Jeroen Windey",
                role="Administrator-General of Agency of Home Affairs",
                organisation="Government of Flanders",
            ),
        ],
    )
    exhibition = f.programme_item(
        conf,
        at(9),
        at(17),
        kind="exhibition",
        title="Urban renewal is human work",
        location="Central hall",
        all_day=True,
        description="How urban renewal helps people live together in diversity.",
    )
    panel = f.panel(
        conf,
        at(10, 15),
        at(11, 45),
        title="Leading the charge",
        room=f.room(v, "Auditorium"),
        summary="Mayors on why cities lead.",
        speakers=[f.speaker(name="Erik Pelling", role="Mayor of Uppsala")],
    )
    coffee = f.programme_item(conf, at(11, 45), at(12, 15), title="Coffee break")
    return conf, welcome, exhibition, panel, coffee


def page_of(client, conf, **params):
    response = client.get(conf.url, params)
    assert response.status_code == 200
    # White space as a browser reads it: one space for any run of it.
    return re.sub(r"\s+", " ", response.content.decode())


def grid_of(html):
    start = html.index('<div class="we-timetable"')
    return html[start : html.index("</ol>", start)]


def test_programme_items_show_their_speakers_roles_and_descriptions(client, mechelen):
    conf, welcome, exhibition, panel, _coffee = mechelen
    html = page_of(client, conf)
    grid = grid_of(html)
    assert (
        f'Gwendolyn Rutten</a> <span class="we-slot__role">– {RUTTEN_ROLE}</span>'
        in (grid)
    )
    assert (
        'Jeroen Windey <span class="we-slot__role">– Administrator-General of '
        "Agency of Home Affairs – Government of Flanders</span>"
    ) in grid
    assert "The Government of Flanders opens the day." in grid
    assert "Mayors on why cities lead." in grid
    assert '<span class="we-slot__role">– Mayor of Uppsala</span>' in grid


def test_all_day_entries_come_first_with_their_descriptions(client, mechelen):
    conf, _welcome, exhibition, _panel, _coffee = mechelen
    html = page_of(client, conf)
    all_day = html.index('class="we-all-day"')
    assert all_day < html.index('<div class="we-timetable"')
    item = html[all_day : html.index("</ul>", all_day)]
    assert exhibition.title in item
    assert "How urban renewal helps people live together in diversity." in item
    assert "Central hall" in item
    assert exhibition.title not in grid_of(html)


def test_every_entry_has_one_anchor(client, mechelen):
    conf, welcome, exhibition, panel, coffee = mechelen
    keys = [
        f"item-{welcome.translation_key}",
        f"item-{exhibition.translation_key}",
        str(panel.translation_key),
        f"item-{coffee.translation_key}",
    ]
    for params in ({}, {"view": "list"}):
        html = page_of(client, conf, **params)
        for key in keys:
            assert html.count(f'id="entry-{key}"') == 1, (params, key)
    html = page_of(client, conf)
    # Each entry is written once: the grid on wide screens is the list on narrow ones.
    assert f'<li id="entry-{panel.translation_key}"' in html
    assert "data-we-anchor" not in html


def test_every_cell_shows_its_start_and_end(client, mechelen):
    conf, *_ = mechelen
    grid = grid_of(page_of(client, conf))
    cells = re.findall(r'<li id="entry-[^"]*".*?</li>', grid, re.S)
    assert len(cells) == 3
    times = [("09:00", "10:15"), ("10:15", "11:45"), ("11:45", "12:15")]
    for cell, (start, end) in zip(cells, times, strict=True):
        shown = re.search(r'<span class="we-slot__time">(.*?)</span>', cell).group(1)
        assert re.sub(r"<[^>]+>", "", shown) == f"{start}–{end}"
        assert f'+02:00">{end}</time>' in shown


def test_entries_span_their_minutes_for_a_proportional_time_axis(client, mechelen):
    conf, *_ = mechelen
    grid = grid_of(page_of(client, conf))
    # 09:00–10:15, 10:15–11:45, 11:45–12:15: five-minute rows, as long as they last.
    assert re.findall(r"grid-row: (\d+) / span (\d+);", grid) == [
        ("1", "15"),
        ("16", "18"),
        ("34", "6"),
    ]
    css = (
        Path(__file__).parents[2]
        / "wagtail_events/static/wagtail_events/css/events.css"
    )
    rule = "repeat(var(--we-rows), minmax(var(--we-step), auto))"
    assert rule in css.read_text()


def test_items_can_be_starred_by_their_keys(client, mechelen):
    conf, welcome, exhibition, panel, coffee = mechelen
    html = page_of(client, conf)
    assert f'data-we-entry="item-{welcome.translation_key}"' in html
    assert (
        f'data-we-entry="{panel.translation_key}" data-we-session-id="{panel.pk}"'
    ) in html
    # An exhibition open all day is not something to put in an agenda.
    assert f'data-we-entry="item-{exhibition.translation_key}"' not in html
    assert f'data-we-agenda-key="{conf.translation_key}"' in html


def test_a_conference_of_all_day_items_shows_no_empty_timetable(client):
    conf = f.conference(f.event_index(), venue=f.venue("Espace Jacqmotte"))
    for title in ("Information stands", "Photo exhibitions"):
        f.programme_item(
            conf,
            at(14),
            at(18, 30),
            kind="exhibition",
            title=title,
            all_day=True,
            description=f"{title}, all afternoon.",
        )
    conf.body = [{"type": "text", "value": "<p>About the day.</p>"}]
    conf.save()
    html = page_of(client, conf)
    assert "Information stands, all afternoon." in html
    assert "Photo exhibitions, all afternoon." in html
    assert "we-timetable" not in html
    assert html.count(">Programme</h2>") == 1
    assert "data-we-agenda" not in html  # no star hint with nothing to star
    assert "Show as a list" not in html


def test_an_event_that_is_over_does_not_promise_a_programme(client):
    index = f.event_index()
    past = f.conference(index)  # 19 April 2024
    ahead = f.conference(
        index,
        start=timezone.now() + datetime.timedelta(days=30),
        end=timezone.now() + datetime.timedelta(days=30, hours=8),
    )
    assert "The programme will be published here." not in page_of(client, past)
    assert 'id="programme"' not in page_of(client, past)
    assert "The programme will be published here." in page_of(client, ahead)


def test_a_past_site_visit_without_meeting_point_does_not_announce_one(client):
    conf = f.conference(f.event_index())
    visit = f.site_visit(conf, at(10), at(12), meeting_point="")
    html = client.get(visit.url).content.decode()
    assert "To be announced" not in html
    assert "Meeting point" not in html


def test_session_pages_give_the_room_with_its_venue_address(client):
    lamot = f.venue(
        rooms=["Dijlezaal"],
        street_address="Van Beethovenstraat 8-10",
        postal_code="2800",
    )
    conf = f.conference(f.event_index(), venue=lamot)
    session = f.workshop(
        conf, at(10, 15), at(12), room=f.room(lamot, "Dijlezaal"), venue=lamot
    )
    html = client.get(session.url).content.decode()
    assert (
        "Dijlezaal, Lamot Conference and Heritage Centre, Van Beethovenstraat 8-10, "
        "2800 Mechelen, Belgium"
    ) in html
    assert "Not at the conference venue" not in html


def test_a_session_held_elsewhere_shows_that_venue_and_its_access(client):
    lamot = f.venue(rooms=["Herten Aas"], street_address="Van Beethovenstraat 8-10")
    zalm = f.venue(
        "De Zalm",
        accessibility_notes="Reachable by stairs only. A one-minute walk from Lamot.",
    )
    conf = f.conference(f.event_index(), venue=lamot)
    session = f.workshop(
        conf, at(15, 15), at(17), title="Collective Impact", venue=zalm
    )
    html = client.get(session.url).content.decode()
    assert "De Zalm, Mechelen, Belgium" in html
    assert "Not at the conference venue: this session is held at De Zalm." in html
    assert "Reachable by stairs only. A one-minute walk from Lamot." in html
    assert "Van Beethovenstraat" not in html.split("</header>")[0]
    # On the programme, De Zalm is its place and its column.
    grid = grid_of(page_of(client, conf))
    assert (
        '<div class="we-timetable__head" aria-hidden="true" '
        'style="grid-column: 2 / span 1">De Zalm</div>'
    ) in grid
    # The entry names it too (for a phone or a screen reader, without the heading).
    assert 'we-slot__where--column"> · De Zalm</span>' in grid


def test_a_row_across_the_clock_change_lasts_its_real_minutes():
    """01:30-03:30 on the night the clocks go forward in Brussels lasts one hour:
    its row is as tall as 60 minutes, not the 120 its wall-clock times say."""
    zone = zoneinfo.ZoneInfo("Europe/Brussels")
    start = datetime.datetime(2024, 3, 31, 0, 30, tzinfo=datetime.UTC)
    row = types.SimpleNamespace(
        start=start.astimezone(zone),
        end=(start + datetime.timedelta(hours=1)).astimezone(zone),
    )
    assert (row.start.hour, row.start.minute, row.end.hour) == (1, 30, 3)
    assert wagtail_events_programme.minutes(row) == 60
