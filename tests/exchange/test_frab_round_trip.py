"""A schedule this package exported imports back into an empty conference as the
same programme, and importing it again changes nothing; a schedule outside the
conference's dates is refused with a reason, or moves the dates when allowed."""

import io
import json
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command

from tests import factories as f
from wagtail_events.exchange import frab
from wagtail_events.models import (
    ConferencePage,
    Occurrence,
    PanelPage,
    ProgrammeItem,
    Room,
    SiteVisitRun,
    Venue,
    WorkshopPage,
)
from wagtail_events.programme import build_programme


pytestmark = pytest.mark.django_db

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "frab"


def at(hour, minute=0, day=19):
    return f.local(2024, 4, day, hour, minute)


def mechelen(index):
    """Rooms of the home venue and of a venue nearby, a track without a room, a
    session of no track and no room, a site visit that runs twice, speakers who
    are saved people with roles."""
    lamot = f.venue(rooms=["Dijlezaal", "Zennezaal"])
    zalm = f.venue(name="De Zalm", rooms=["Grote zaal"])
    conference = f.conference(index, venue=lamot, title="Mechelen", slug="mechelen")
    mayor = f.person("Bart Somers", role="Mayor of Mechelen")
    f.panel(
        conference,
        at(10),
        at(11),
        title="Welcome",
        room=f.room(lamot, "Dijlezaal"),
        speakers=[f.speaker(mayor)],
    )
    f.panel(
        conference,
        at(11, 30),
        at(12, 30),
        title="Housing",
        room=f.room(zalm, "Grote zaal"),
        track="Housing",
    )
    f.workshop(conference, at(14), at(15, 30), title="Mobility lab", track="Mobility")
    f.panel(conference, at(16), at(17), title="Closing words")
    f.site_visit(
        conference,
        at(10, 15),
        at(12),
        title="City tour",
        runs=[(at(13), at(14, 45))],
    )
    return conference


def shape(conference):
    """The programme as visitors read it, entry by entry."""
    return sorted(
        (
            slot.key,
            slot.title,
            slot.kind,
            slot.start,
            slot.end,
            slot.room,
            slot.track,
            slot.status,
            slot.run,
            tuple((s.name, s.role) for s in slot.speakers),
        )
        for day in build_programme(conference).days
        for slot in day.slots + day.all_day
    )


def empty_conference(index, **fields):
    return f.conference(index, title="Mechelen again", slug="mechelen-again", **fields)


def test_export_imports_back_as_the_same_programme(index):
    source = mechelen(index)
    before = shape(source)
    data = frab.schedule_data(source)
    source.delete()  # the identities are free again, as on another site
    target = empty_conference(index, venue=f.venue(name="Lamot", rooms=[]))
    report = frab.import_schedule(target, data)
    assert not report.skipped, report.lines()
    assert len(report.of("created", "session")) == 5
    assert shape(target) == before
    # The second run is the site visit's run, not a session of its own.
    assert SiteVisitRun.objects.count() == 1

    again = frab.import_schedule(ConferencePage.objects.get(pk=target.pk), data)
    assert not again.changed, again.lines()
    assert len(again.of("unchanged", "session")) == 5
    assert shape(target) == before


def test_importing_its_own_export_changes_nothing(index):
    conference = mechelen(index)
    before = shape(conference)
    report = frab.import_schedule(conference, frab.schedule_data(conference))
    assert not report.changed, report.lines()
    assert not report.skipped and not report.missing
    assert shape(conference) == before


def democon():
    return json.loads((SHARED / "example-pretalx-democon.json").read_text())


def test_dates_outside_the_conference_are_refused_with_the_reason(index):
    conference = empty_conference(index)
    report = frab.import_schedule(conference, democon())
    assert not report.changed
    assert "2020" in report.summary()
    assert "--update-dates" in report.summary() or "dates" in report.summary()
    conference.refresh_from_db()
    assert conference.start == at(8, 15)


def test_dates_outside_the_conference_move_them_when_allowed(index):
    conference = empty_conference(index)
    report = frab.import_schedule(conference, democon(), update_dates=True)
    assert len(report.of("created", "session")) == 36
    conference.refresh_from_db()
    assert conference.start.date().isoformat() == "2020-12-14"
    assert conference.end.date().isoformat() == "2020-12-16"


def test_moved_dates_of_a_conference_with_a_draft_are_listed(index):
    """The live row's dates move (the draft keeps the editor's changes): its
    listed dates follow, as a publish would make them."""
    conference = empty_conference(index)
    conference.summary = "A draft not published yet."
    conference.save_revision()
    frab.import_schedule(conference, democon(), update_dates=True)
    rows = list(Occurrence.objects.filter(page=conference).values_list("start", "end"))
    conference.refresh_from_db()
    assert conference.start.date().isoformat() == "2020-12-14"
    assert rows == [(conference.start, conference.end)]


def test_the_command_moves_the_dates_with_its_flag(index, tmp_path):
    conference = empty_conference(index)
    path = tmp_path / "democon.json"
    path.write_text(json.dumps(democon()))
    out = io.StringIO()
    call_command(
        "import_schedule", str(conference.pk), str(path), "--update-dates", stdout=out
    )
    assert "conference updated" in out.getvalue()
    conference.refresh_from_db()
    assert conference.get_children().count() == 36


def test_rooms_tracks_and_nearby_venues_come_back_as_they_were(index):
    source = mechelen(index)
    data = frab.schedule_data(source)
    rooms = Room.objects.count()
    source.delete()
    target = empty_conference(
        index, venue=Venue.objects.get(name="Lamot Conference and Heritage Centre")
    )
    frab.import_schedule(target, data)
    # No room was made: the track's stand-in room is a track again, and the
    # session held in De Zalm is held in De Zalm's room.
    assert Room.objects.count() == rooms
    housing = PanelPage.objects.get(title="Housing")
    assert housing.room.venue.name == "De Zalm"
    lab = WorkshopPage.objects.get(title="Mobility lab")
    assert lab.room is None and lab.track == "Mobility"


def item_event(guid, kind, title, start, end, room="Foyer"):
    return {
        "guid": str(guid),
        "id": 1,
        "date": start.isoformat(),
        "start": start.strftime("%H:%M"),
        "duration": "00:30",
        "room": room,
        "title": title,
        "type": kind,
        "description": "Coffee and tea",
        "persons": [],
    }


def test_events_of_item_types_become_programme_items(index):
    conference = empty_conference(index)
    guid = uuid.uuid4()
    data = {
        "schedule": {
            "conference": {
                "title": "Mechelen",
                "days": [
                    {
                        "date": "2024-04-19",
                        "rooms": {
                            "Foyer": [
                                item_event(guid, "break", "Coffee", at(11), at(11, 30))
                            ]
                        },
                    }
                ],
            }
        }
    }
    report = frab.import_schedule(conference, data)
    assert not conference.get_children().exists()
    item = ProgrammeItem.objects.get(page=conference)
    assert (item.kind, item.title, item.translation_key) == ("break", "Coffee", guid)
    assert item.location == "Foyer" and item.description == "Coffee and tea"
    assert report.of("created", "item")
    again = frab.import_schedule(ConferencePage.objects.get(pk=conference.pk), data)
    assert not again.changed, again.lines()
    assert ProgrammeItem.objects.filter(page=conference).count() == 1


def panel_with_roles(conference):
    """A panel whose moderator is typed in with a role and an organisation, whose
    panellist is a saved person with hers, and whose other speaker is typed in."""
    ylva = f.person(
        "Ylva Johansson",
        role="Commissioner for Home Affairs",
        organisation=f.organisation("European Commission"),
    )
    return f.panel(
        conference,
        at(14),
        at(15),
        title="Who belongs",
        speakers=[
            f.speaker(
                name="Bart Somers",
                role="Mayor of Mechelen",
                organisation="City of Mechelen",
                session_role="moderator",
            ),
            f.speaker_list(
                "Panel",
                f.speaker(ylva, session_role="panellist"),
                f.speaker(name="Typed Name"),
            ),
        ],
    )


def cast(conference):
    """The speakers of the panel as visitors read them."""
    (slot,) = [
        slot
        for day in build_programme(conference).days
        for slot in day.slots
        if slot.title == "Who belongs"
    ]
    return [(s.name, s.role, s.organisation, s.session_role) for s in slot.speakers]


CAST = [
    ("Bart Somers", "Mayor of Mechelen", "City of Mechelen", "moderator"),
    (
        "Ylva Johansson",
        "Commissioner for Home Affairs",
        "European Commission",
        "panellist",
    ),
    ("Typed Name", "", "", "speaker"),
]


def test_speakers_come_back_with_their_roles(index):
    source = empty_conference(index)
    panel_with_roles(source)
    assert cast(source) == CAST
    data = frab.schedule_data(source)
    source.delete()
    target = empty_conference(index)
    report = frab.import_schedule(target, data)
    assert not report.skipped, report.lines()
    assert cast(target) == CAST
    # The saved person shows her own role and organisation, not copies of them.
    ylva = PanelPage.objects.get(title="Who belongs").speakers.raw_data[1]
    assert (ylva["value"]["role"], ylva["value"]["organisation"]) == ("", "")

    again = frab.import_schedule(ConferencePage.objects.get(pk=target.pk), data)
    assert not again.changed, again.lines()
    assert cast(target) == CAST


def test_a_changed_session_role_is_imported(index):
    conference = empty_conference(index)
    panel_with_roles(conference)
    data = frab.schedule_data(conference)
    (event,) = [
        event
        for day in data["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    ]
    event["persons"][2]["session_role"] = "host"
    report = frab.import_schedule(conference, data)
    assert [item.changes for item in report.of("updated", "session")] == [("speakers",)]
    assert cast(conference)[2] == ("Typed Name", "", "", "host")


def test_a_file_without_roles_leaves_the_editors_roles(index):
    """A pretalx or frab file says nothing of roles: the speakers' roles an
    editor gave stay as they are."""
    conference = empty_conference(index)
    panel_with_roles(conference)
    data = frab.schedule_data(conference)
    for day in data["schedule"]["conference"]["days"]:
        for events in day["rooms"].values():
            for event in events:
                for person in event["persons"]:
                    for key in ("role", "organisation", "session_role"):
                        del person[key]
    report = frab.import_schedule(conference, data)
    assert not report.changed, report.lines()
    assert cast(conference) == CAST


def test_an_undated_conference_takes_the_schedules_dates_only_when_allowed(index):
    conference = f.undated_conference(index, announced_weekday=0)
    conference.save_revision().publish()
    report = frab.import_schedule(conference, democon())
    assert not report.changed
    assert "date is to be announced" in report.summary()
    conference.refresh_from_db()
    assert conference.date_to_be_announced and conference.start is None

    report = frab.import_schedule(conference, democon(), update_dates=True)
    assert len(report.of("created", "session")) == 36
    conference.refresh_from_db()
    assert not conference.date_to_be_announced and conference.announced_weekday is None
    assert conference.start.date().isoformat() == "2020-12-14"
    assert conference.occurrences.exists()
