"""The programme grid: days, columns, lanes, spanning items and speakers."""

import datetime

import pytest

from tests import factories as f
from wagtail_events.programme.timetable import build_programme


pytestmark = pytest.mark.django_db

NEW_YORK = "America/New_York"


def at(hour, minute=0, day=19, month=4, year=2024, zone=f.BRUSSELS):
    return f.local(year, month, day, hour, minute, zone=zone)


def wall(hour, minute=0, day=19, month=4, year=2024):
    return datetime.datetime(year, month, day, hour, minute)


def check_grid(day):
    """Every row's cells plus the cells covered from rows above fill the width,
    and every timed slot sits in exactly one cell."""
    covered = [0] * len(day.rows)
    seen = []
    for index, row in enumerate(day.rows):
        for cell in row.cells:
            assert cell.rowspan >= 1
            assert index + cell.rowspan <= len(day.rows)
            for below in range(index + 1, index + cell.rowspan):
                covered[below] += cell.colspan
            if cell.slot is not None:
                seen.append(id(cell.slot))
                assert row.start == cell.slot.start
                assert day.rows[index + cell.rowspan - 1].end == cell.slot.end
    for index, row in enumerate(day.rows):
        assert sum(cell.colspan for cell in row.cells) + covered[index] == day.width
    assert sorted(seen) == sorted(id(slot) for slot in day.slots)


def cell_of(day, title, run=0):
    for row in day.rows:
        for cell in row.cells:
            if cell.slot and cell.slot.title == title and cell.slot.run == run:
                return cell
    raise AssertionError(f"{title} is not in the grid")


def labels(day):
    return [column.label for column in day.columns]


@pytest.fixture
def venue():
    # Room order is the editor's, not alphabetical.
    return f.venue(rooms=["Zaal B", "Auditorium", "Dijlezaal"])


@pytest.fixture
def conf(index, venue):
    return f.conference(index, venue=venue)


def test_empty_conference(conf):
    programme = build_programme(conf)
    assert programme.is_empty
    assert programme.time_zone == f.BRUSSELS


def test_overlapping_sessions_in_one_column_get_lanes(conf):
    f.site_visit(conf, at(10), at(12), title="Harbour", track="Site visits")
    f.site_visit(conf, at(11), at(13), title="Old town", track="Site visits")
    f.site_visit(conf, at(12), at(14), title="Beguinage", track="Site visits")
    (day,) = build_programme(conf).days
    assert labels(day) == ["Site visits"]
    assert day.columns[0].lanes == 2
    assert day.width == 2
    check_grid(day)
    # The third visit starts when the first ends: it reuses the first lane.
    assert [c.slot.title for c in day.rows[0].cells if c.slot] == ["Harbour"]


def test_rooms_side_by_side_in_venue_order_then_tracks(conf, venue):
    f.panel(conf, at(10), at(11), title="In Dijlezaal", room=f.room(venue, "Dijlezaal"))
    f.panel(
        conf, at(10), at(11), title="In Auditorium", room=f.room(venue, "Auditorium")
    )
    f.site_visit(conf, at(10), at(12), title="Tour", track="Site visits")
    f.workshop(conf, at(10), at(11), title="Lab", track="Labs")
    f.panel(conf, at(10), at(11), title="In Zaal B", room=f.room(venue, "Zaal B"))
    (day,) = build_programme(conf).days
    assert labels(day) == ["Zaal B", "Auditorium", "Dijlezaal", "Labs", "Site visits"]
    assert day.width == 5
    first = [cell.slot.title for cell in day.rows[0].cells]
    assert first == ["In Zaal B", "In Auditorium", "In Dijlezaal", "Lab", "Tour"]
    check_grid(day)
    assert cell_of(day, "Tour").rowspan == 2


def test_rooms_of_the_conference_venue_come_before_other_venues(conf, venue):
    # "Aardvark Hall" sorts before the conference's venue by name; it must not lead.
    other = f.venue(name="Aardvark Hall", rooms=["Cellar"])
    f.panel(conf, at(10), at(11), title="Elsewhere", room=f.room(other, "Cellar"))
    f.panel(conf, at(10), at(11), title="At home", room=f.room(venue, "Dijlezaal"))
    (day,) = build_programme(conf).days
    # A room of another venue says which building it is in.
    assert labels(day) == ["Dijlezaal", "Cellar (Aardvark Hall)"]


def test_all_day_items_go_above_the_grid(conf):
    f.programme_item(
        conf, at(8), at(18), kind="exhibition", title="Poster market", all_day=True
    )
    f.panel(conf, at(10), at(11), title="Panel", track="Main")
    (day,) = build_programme(conf).days
    assert [slot.title for slot in day.all_day] == ["Poster market"]
    assert [slot.title for slot in day.slots] == ["Panel"]
    check_grid(day)


def test_spanning_items_span_every_column(conf, venue):
    f.panel(conf, at(10), at(12), title="A", room=f.room(venue, "Auditorium"))
    f.panel(conf, at(10), at(12), title="B", room=f.room(venue, "Dijlezaal"))
    f.programme_item(conf, at(12), at(13), kind="meal", title="Lunch")
    f.programme_item(conf, at(8), at(10), kind="registration", title="Welcome desk")
    f.panel(conf, at(13), at(14), title="C", room=f.room(venue, "Dijlezaal"))
    (day,) = build_programme(conf).days
    assert day.width == 2
    for title in ("Lunch", "Welcome desk"):
        cell = cell_of(day, title)
        assert cell.slot.spans
        assert cell.colspan == day.width
    assert labels(day) == ["Auditorium", "Dijlezaal"]
    check_grid(day)


def test_spanning_item_falls_back_to_a_column_when_something_overlaps(conf, venue):
    f.panel(conf, at(10), at(12), title="A", room=f.room(venue, "Auditorium"))
    f.site_visit(conf, at(11), at(13), title="Tour", track="Site visits")
    f.programme_item(conf, at(12), at(12, 30), kind="break", title="Coffee")
    (day,) = build_programme(conf).days
    coffee = cell_of(day, "Coffee")
    assert not coffee.slot.spans
    assert coffee.colspan == 1
    assert labels(day) == ["Auditorium", "Break", "Site visits"]
    check_grid(day)


def test_item_in_a_room_does_not_span(conf, venue):
    f.panel(conf, at(10), at(11), title="A", room=f.room(venue, "Auditorium"))
    f.panel(conf, at(10), at(11), title="B", room=f.room(venue, "Dijlezaal"))
    f.programme_item(
        conf,
        at(11),
        at(12),
        kind="reception",
        title="Drinks",
        room=f.room(venue, "Zaal B"),
    )
    (day,) = build_programme(conf).days
    assert not cell_of(day, "Drinks").slot.spans
    assert labels(day) == ["Zaal B", "Auditorium", "Dijlezaal"]
    check_grid(day)


def test_day_with_only_a_spanning_item_still_has_a_column(conf):
    f.programme_item(conf, at(12), at(13), kind="meal", title="Lunch")
    (day,) = build_programme(conf).days
    assert day.width == 1
    assert cell_of(day, "Lunch").colspan == day.width
    check_grid(day)


def test_gaps_between_sessions_get_no_rows(conf):
    f.panel(conf, at(9), at(10), title="Morning", track="Main")
    f.panel(conf, at(14), at(15), title="Afternoon", track="Main")
    (day,) = build_programme(conf).days
    assert [(row.start, row.end) for row in day.rows] == [
        (wall(9), wall(10)),
        (wall(14), wall(15)),
    ]
    check_grid(day)


def test_days_are_local_dates_in_brussels(index):
    conf = f.conference(index, start=at(9, day=18), end=at(18, day=19))
    # 00:30 in Brussels is still the day before in UTC.
    f.panel(conf, at(0, 30, day=19), at(1, 30, day=19), title="Night owls", track="T")
    f.panel(conf, at(23, 0, day=18), at(23, 45, day=18), title="Late", track="T")
    programme = build_programme(conf)
    assert [day.date for day in programme.days] == [
        datetime.date(2024, 4, 18),
        datetime.date(2024, 4, 19),
    ]
    assert programme.days[1].slots[0].start == wall(0, 30)
    for day in programme.days:
        check_grid(day)


def test_days_are_local_dates_in_new_york(index):
    conf = f.conference(
        index,
        time_zone=NEW_YORK,
        start=at(9, day=10, month=6, zone=NEW_YORK),
        end=at(22, day=11, month=6, zone=NEW_YORK),
    )
    # 20:00 in New York is already the next day in UTC (and in Brussels).
    f.panel(
        conf,
        at(20, day=10, month=6, zone=NEW_YORK),
        at(21, 30, day=10, month=6, zone=NEW_YORK),
        title="Evening debate",
        track="Main",
    )
    f.panel(
        conf,
        at(9, day=11, month=6, zone=NEW_YORK),
        at(10, day=11, month=6, zone=NEW_YORK),
        title="Breakfast talk",
        track="Main",
    )
    programme = build_programme(conf)
    assert programme.time_zone == NEW_YORK
    assert [day.date for day in programme.days] == [
        datetime.date(2024, 6, 10),
        datetime.date(2024, 6, 11),
    ]
    evening = programme.days[0].slots[0]
    assert (evening.start, evening.end) == (
        wall(20, day=10, month=6),
        wall(21, 30, day=10, month=6),
    )


def test_day_across_the_spring_dst_change_shows_wall_clock_times(index):
    conf = f.conference(
        index, start=at(9, day=30, month=3), end=at(18, day=31, month=3)
    )
    f.panel(
        conf, at(10, day=30, month=3), at(11, day=30, month=3), title="Sat", track="T"
    )
    # Clocks go from 02:00 to 03:00: the session lasts two hours, shown 01:00–04:00.
    f.panel(
        conf, at(1, day=31, month=3), at(4, day=31, month=3), title="Night", track="T"
    )
    f.panel(
        conf, at(10, day=31, month=3), at(11, day=31, month=3), title="Sun", track="T"
    )
    programme = build_programme(conf)
    assert [day.date for day in programme.days] == [
        datetime.date(2024, 3, 30),
        datetime.date(2024, 3, 31),
    ]
    sunday = programme.days[1]
    times = [(slot.title, slot.start, slot.end) for slot in sunday.slots]
    assert times == [
        ("Night", wall(1, day=31, month=3), wall(4, day=31, month=3)),
        ("Sun", wall(10, day=31, month=3), wall(11, day=31, month=3)),
    ]
    for day in programme.days:
        check_grid(day)


def test_rowspans_add_up_on_a_busy_day(conf, venue):
    auditorium, dijlezaal = f.room(venue, "Auditorium"), f.room(venue, "Dijlezaal")
    f.programme_item(conf, at(8), at(9), kind="registration", title="Registration")
    f.panel(conf, at(9), at(10, 30), title="Opening", room=auditorium)
    f.panel(conf, at(9, 15), at(10), title="Side event", room=dijlezaal)
    f.panel(conf, at(9, 45), at(11), title="Overlap", room=dijlezaal)
    f.workshop(conf, at(10), at(12), title="Lab", track="Labs")
    f.programme_item(conf, at(10, 30), at(11), kind="break", title="Coffee")
    f.site_visit(
        conf,
        at(11),
        at(12, 30),
        title="Tour",
        track="Site visits",
        runs=[(at(12), at(13, 30))],
    )
    f.programme_item(conf, at(13, 30), at(14, 30), kind="meal", title="Lunch")
    (day,) = build_programme(conf).days
    check_grid(day)
    assert cell_of(day, "Lunch").colspan == day.width
    assert cell_of(day, "Registration").colspan == day.width
    assert not cell_of(day, "Coffee").slot.spans
    dijlezaal_column = next(c for c in day.columns if c.label == "Dijlezaal")
    assert dijlezaal_column.lanes == 2
    site_visits = next(c for c in day.columns if c.label == "Site visits")
    assert site_visits.lanes == 2  # the two runs overlap


def test_site_visit_appears_once_per_run(conf):
    f.site_visit(
        conf,
        at(10),
        at(12),
        title="City tour",
        track="Site visits",
        runs=[(at(15), at(17)), (at(13), at(14, 45))],
    )
    f.site_visit(conf, at(10), at(12), title="Single", track="Other visits")
    (day,) = build_programme(conf).days
    tours = [(s.run, s.start) for s in day.slots if s.title == "City tour"]
    assert tours == [(1, wall(10)), (2, wall(13)), (3, wall(15))]
    assert [s.run for s in day.slots if s.title == "Single"] == [0]
    check_grid(day)
    for run in (1, 2, 3):
        assert cell_of(day, "City tour", run)


def test_site_visit_run_on_another_day(index):
    conf = f.conference(index, start=at(9), end=at(18, day=20))
    f.site_visit(
        conf,
        at(10),
        at(12),
        title="Tour",
        track="V",
        runs=[(at(10, day=20), at(12, day=20))],
    )
    programme = build_programme(conf)
    assert [[s.run for s in day.slots] for day in programme.days] == [[1], [2]]


def test_cancelled_sessions_are_flagged(conf):
    f.panel(conf, at(10), at(11), title="Off", track="T", status="cancelled")
    f.panel(conf, at(11), at(12), title="On", track="T")
    (day,) = build_programme(conf).days
    assert {s.title: s.cancelled for s in day.slots} == {"Off": True, "On": False}


def test_draft_sessions_are_left_out(conf):
    f.panel(conf, at(10), at(11), title="Published", track="T")
    f.panel(conf, at(11), at(12), title="Draft", track="T", live=False)
    (day,) = build_programme(conf).days
    assert [s.title for s in day.slots] == ["Published"]


def test_session_slots_carry_kind_url_and_place(conf, venue):
    page = f.workshop(
        conf, at(10), at(11), title="Lab", room=f.room(venue, "Auditorium")
    )
    f.programme_item(
        conf, at(11), at(12), kind="other", title="Walk", location="Garden"
    )
    (day,) = build_programme(conf).days
    lab, walk = day.slots
    assert (lab.kind, lab.kind_label, lab.is_session) == ("workshop", "Workshop", True)
    assert lab.url == page.url
    assert lab.place == "Auditorium"
    assert (walk.kind, walk.is_session, walk.url, walk.place) == (
        "other",
        False,
        "",
        "Garden",
    )


def test_speakers_from_people_and_inline_values(conf):
    vvsg = f.organisation("VVSG")
    somers = f.person("Bart Somers", organisation=vvsg)
    johansson = f.person("Ylva Johansson", role="European Commissioner", country="SE")
    f.panel(
        conf,
        at(10),
        at(11),
        title="Panel",
        track="T",
        speakers=[
            f.speaker(f.person("Moderator M", country=""), session_role="moderator"),
            f.speaker_list(
                "Panel 1",
                f.speaker(somers, session_role="panellist"),
                f.speaker(johansson, participation="video_message"),
                f.speaker(name="Paola Alvarez", role="Mayor", confirmation="tbc"),
                # Inline values win over the chosen person's.
                f.speaker(somers, role="Former mayor", organisation="City of Mechelen"),
            ),
        ],
    )
    (day,) = build_programme(conf).days
    (slot,) = day.slots
    assert [(g.heading, len(g.speakers)) for g in slot.speaker_groups] == [
        ("", 1),
        ("Panel 1", 4),
    ]
    moderator, somers_s, johansson_s, alvarez, former = slot.speakers
    assert moderator.session_role_label == "Moderator"
    assert (somers_s.name, somers_s.role, somers_s.organisation, somers_s.country) == (
        "Bart Somers",
        "Mayor of Mechelen",
        "VVSG",
        "BE",
    )
    assert somers_s.session_role_label == "Panellist"
    assert johansson_s.by_video_message and not johansson_s.to_be_confirmed
    assert johansson_s.organisation == ""
    assert alvarez.to_be_confirmed and not alvarez.by_video_message
    assert (alvarez.name, alvarez.role) == ("Paola Alvarez", "Mayor")
    assert (former.role, former.organisation) == ("Former mayor", "City of Mechelen")


def test_programme_item_speakers(conf):
    f.programme_item(
        conf,
        at(9),
        at(9, 30),
        kind="remarks",
        title="Welcome",
        speakers=[f.speaker(name="Gwendolyn Rutten", participation="remote")],
    )
    (day,) = build_programme(conf).days
    (speaker,) = day.slots[0].speakers
    assert speaker.name == "Gwendolyn Rutten" and speaker.remote


def test_deleted_person_does_not_crash(client, conf):
    gone = f.person("Gone Person")
    kept = f.person("Kept Person")
    page = f.panel(
        conf,
        at(10),
        at(11),
        title="Panel",
        track="T",
        speakers=[
            f.speaker(gone),
            f.speaker_list("Group", f.speaker(gone), f.speaker(kept)),
        ],
    )
    gone.delete()
    (day,) = build_programme(conf).days
    assert [s.name for s in day.slots[0].speakers] == ["Kept Person"]
    assert client.get(conf.url).status_code == 200
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Kept Person" in response.content.decode()


def test_sessions_without_times_of_day_go_above_the_grid(conf):
    f.panel(conf, at(0), at(23, 59), title="Someday", track="T", all_day=True)
    (day,) = build_programme(conf).days
    assert [s.title for s in day.all_day] == ["Someday"]
    assert day.slots == []
