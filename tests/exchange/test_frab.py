"""The frab schedule exchange: schedule.json and schedule.xml validate against the
reference schemas, and schedule.json files from pretalx and frab import.

The reference files (schemas and example schedules) live beside the repository in
``shared/frab/``, or where ``WAGTAIL_EVENTS_FRAB_DIR`` says.
"""

import copy
import datetime
import io
import json
import os
import re
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
import xmlschema
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction, Revision

from tests import factories as f
from wagtail_events.exchange import frab, views
from wagtail_events.models import (
    PanelPage,
    Person,
    Room,
    SiteVisitPage,
    Venue,
    WorkshopPage,
)


pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data" / "frab"
NEW_YORK = "America/New_York"


# The reference files


@pytest.fixture(scope="session")
def frab_dir():
    configured = os.environ.get("WAGTAIL_EVENTS_FRAB_DIR")
    path = (
        Path(configured)
        if configured
        else Path(__file__).resolve().parents[3] / "shared" / "frab"
    )
    if not (path / "schedule.schema.json").is_file():
        pytest.fail(
            f"The frab reference files are not in {path}. Clone the shared files "
            "beside the repository (../shared/frab/) or set WAGTAIL_EVENTS_FRAB_DIR "
            "to the folder with schedule.schema.json, schedule.xml.xsd and the "
            "example schedules.",
            pytrace=False,
        )
    return path


def _format_checker():
    """The formats the schema names, checked strictly (jsonschema alone checks
    none of them without optional packages)."""
    checker = jsonschema.FormatChecker()

    @checker.checks("date", raises=ValueError)
    def is_date(value):
        if not isinstance(value, str):
            return True
        return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and bool(
            datetime.date.fromisoformat(value)
        )

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value):
        if not isinstance(value, str):
            return True
        pattern = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})"
        return bool(re.fullmatch(pattern, value)) and bool(
            datetime.datetime.fromisoformat(value)
        )

    @checker.checks("uuid")
    def is_uuid(value):
        if not isinstance(value, str):
            return True
        return bool(re.fullmatch(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", value))

    @checker.checks("uri")
    def is_uri(value):
        if not isinstance(value, str):
            return True
        parts = urlsplit(value)
        if " " in value or not parts.scheme:
            return False
        return bool(parts.netloc) or parts.scheme == "urn"

    return checker


@pytest.fixture(scope="session")
def json_schema(frab_dir):
    schema = json.loads((frab_dir / "schedule.schema.json").read_text())
    jsonschema.Draft6Validator.check_schema(schema)
    return jsonschema.Draft6Validator(schema, format_checker=_format_checker())


@pytest.fixture(scope="session")
def xml_schema(frab_dir):
    return xmlschema.XMLSchema(str(frab_dir / "schedule.xml.xsd"))


def load(frab_dir, name):
    return json.loads((frab_dir / name).read_text())


def assert_valid_json(validator, data):
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(data)
    ]
    assert not errors, "\n".join(errors[:20])


def assert_valid_xml(schema, content):
    errors = [str(e) for e in schema.iter_errors(content.decode())]
    assert not errors, "\n\n".join(errors[:5])


def test_the_strict_format_checks_accept_the_pretalx_example(frab_dir, json_schema):
    assert_valid_json(json_schema, load(frab_dir, "example-pretalx-democon.json"))


def test_the_camp_example_does_not_validate(frab_dir, json_schema):
    assert list(json_schema.iter_errors(load(frab_dir, "example-frab-camp2019.json")))


# Conferences to export


def at(day, hour, minute=0, zone=f.BRUSSELS, month=4):
    return f.local(2024, month, day, hour, minute, zone=zone)


def empty_conference(index):
    return f.conference(index, title="Nothing planned yet", slug="empty")


def busy_conference(index):
    """Three days, three rooms, panels, workshops and site visits that run twice,
    saved people and typed names, confirmed and to be confirmed."""
    return f.busy_conference(index, 18)


def rich_conference(index):
    """Rooms of two venues with the same name, a session without a room, one on a
    track only, rich text, TBC speakers, a cancelled and an unannounced session, a
    restricted one, people with and without a guid."""
    home = f.venue("Lamot", rooms=["Auditorium", "Dijlezaal"])
    other = f.venue("City hall", rooms=["Auditorium"])
    conference = f.conference(
        index,
        title="Ça bouge: villes & diversité",
        slug="ça-bouge",
        venue=home,
        start=at(18, 9),
        end=at(19, 18),
        summary="Two days on diversity.",
    )
    linked = f.person("Bart Somers", guid=uuid.uuid4(), biography="Mayor.\nAuthor.")
    unlinked = f.person("Ylva Johansson")
    f.panel(
        conference,
        at(18, 9),
        at(18, 10, 30),
        title="Opening <panel> & “quotes”",
        room=f.room(home, "Auditorium"),
        track="Plenary",
        summary="Welcome.",
        body=[
            {
                "type": "text",
                "value": '<p>First <b>paragraph</b> with <a href="https://x.org">a'
                " link</a>.</p><ul><li>one</li><li>two</li></ul><p>Last\x0b.</p>",
            }
        ],
        speakers=[
            f.speaker(linked, session_role="moderator"),
            f.speaker_list(
                "Panel",
                f.speaker(unlinked),
                f.speaker(name="Typed Name", role="Councillor"),
                f.speaker(name="Maybe Later", confirmation="tbc"),
            ),
        ],
    )
    f.workshop(
        conference,
        at(18, 11),
        at(18, 12),
        title="Workshop in the other Auditorium",
        room=f.room(other, "Auditorium"),
        what_to_bring="A laptop",
        attendance_mode="mixed",
        online_url="https://meet.example.org/w",
    )
    f.workshop(conference, at(18, 14), at(18, 15), title="On a track", track="Labs")
    f.panel(conference, at(19, 9), at(19, 10), title="No room, no track")
    f.site_visit(
        conference,
        at(19, 9),
        at(19, 11),
        title="City walk",
        runs=[(at(19, 14), at(19, 16))],
    )
    f.panel(conference, at(19, 11), at(19, 12), title="Cancelled", status="cancelled")
    f.panel(conference, at(19, 12), at(19, 13), title="Hours to come", all_day=True)
    restricted = f.panel(conference, at(19, 13), at(19, 14), title="Members only")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    draft = f.panel(conference, at(19, 15), at(19, 16), title="A draft")
    draft.unpublish()
    return conference


def elsewhere_conference(index, zone=NEW_YORK):
    """In New York, over the night the clocks go back there."""
    conference = f.conference(
        index,
        title="NYC Civic Tech",
        slug="nyc-civic-tech",
        time_zone=zone,
        start=f.local(2024, 11, 2, 9, zone=zone),
        end=f.local(2024, 11, 4, 18, zone=zone),
    )
    v = f.venue("Civic Hall", rooms=["Main stage"], locality="New York", country="US")
    stage = f.room(v, "Main stage")
    f.panel(
        conference,
        f.local(2024, 11, 2, 23, zone=zone),
        f.local(2024, 11, 3, 3, zone=zone),
        title="All-nighter",
        room=stage,
    )
    f.panel(
        conference,
        f.local(2024, 11, 4, 9, 5, zone=zone),
        f.local(2024, 11, 4, 10, zone=zone),
        title="Monday",
        room=stage,
        speakers=[f.speaker(name="Only TBC", confirmation="tbc")],
    )
    return conference


def tbc_conference(index):
    conference = f.conference(index, title="Speakers to come", slug="tbc-2024")
    f.panel(
        conference,
        at(19, 9),
        at(19, 10),
        title="Everyone TBC",
        speakers=[
            f.speaker(name="A", confirmation="tbc"),
            f.speaker_list("Group", f.speaker(name="B", confirmation="tbc")),
        ],
    )
    return conference


CONFERENCES = {
    "empty": empty_conference,
    "busy": busy_conference,
    "rich": rich_conference,
    "new-york": elsewhere_conference,
    "odd-zone": lambda index: elsewhere_conference(index, zone="Etc/GMT+5"),
    "tbc": tbc_conference,
}


def get_schedule(conference, name, method="get"):
    """The schedule from the view the conference's route calls (served over HTTP
    in test_served_at_the_conference_address)."""
    request = getattr(RequestFactory(), method)(conference.url + name)
    view = views.schedule_json if name == "schedule.json" else views.schedule_xml
    return view(request, conference)


def get_json(client, conference):
    response = get_schedule(conference, "schedule.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)


def get_xml(client, conference):
    response = get_schedule(conference, "schedule.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    return response.content


def events_of(data):
    return [
        event
        for day in data["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    ]


@pytest.mark.parametrize("name", CONFERENCES)
def test_exports_validate(client, index, json_schema, xml_schema, name):
    conference = CONFERENCES[name](index)
    assert_valid_json(json_schema, get_json(client, conference))
    assert_valid_xml(xml_schema, get_xml(client, conference))


def test_empty_programme(client, index):
    conference = empty_conference(index)
    info = get_json(client, conference)["schedule"]["conference"]
    assert info["acronym"] == "empty"
    assert info["daysCount"] == 1
    assert info["days"] == [
        {
            "index": 1,
            "date": "2024-04-19",
            "day_start": "2024-04-19T00:00:00+02:00",
            "day_end": "2024-04-19T23:59:00+02:00",
            "rooms": {},
        }
    ]
    assert info["rooms"] == []
    assert info["time_zone_name"] == "Europe/Brussels"
    assert info["url"] == "http://localhost" + conference.url


def test_events_of_a_conference(client, index):
    conference = rich_conference(index)
    data = get_json(client, conference)
    info = data["schedule"]["conference"]
    assert info["acronym"] == "ca_bouge"
    assert (info["start"], info["end"], info["daysCount"]) == (
        "2024-04-18",
        "2024-04-19",
        2,
    )
    # A room is named with its building and the venue's address (places.room_line),
    # which also tells apart the two auditoriums.
    assert [room["name"] for room in info["rooms"]] == [
        "Auditorium, Lamot, Mechelen, Belgium",
        "Auditorium, City hall, Mechelen, Belgium",
        "Labs",
        "Panel",
        "Site visit",
    ]
    assert [t["name"] for t in info["tracks"]] == ["Labs", "Plenary"]
    day1, day2 = info["days"]
    assert list(day1["rooms"]) == [
        "Auditorium, Lamot, Mechelen, Belgium",
        "Auditorium, City hall, Mechelen, Belgium",
        "Labs",
    ]
    assert list(day2["rooms"]) == ["Panel", "Site visit"]

    titles = [event["title"] for event in events_of(data)]
    assert titles == [
        "Opening <panel> & “quotes”",
        "Workshop in the other Auditorium",
        "On a track",
        "No room, no track",
        "City walk",
        "City walk",
    ]  # no cancelled, unannounced, restricted or draft sessions

    opening = day1["rooms"]["Auditorium, Lamot, Mechelen, Belgium"][0]
    page = PanelPage.objects.get(title__startswith="Opening")
    assert opening["guid"] == str(page.translation_key)
    assert opening["id"] == page.pk
    assert opening["date"] == "2024-04-18T09:00:00+02:00"
    assert (opening["start"], opening["duration"]) == ("09:00", "01:30")
    assert opening["end"] == "2024-04-18T10:30:00+02:00"
    assert opening["type"] == "panel"
    assert opening["track"] == "Plenary"
    # No language stated: none claimed (tests/exchange/test_event_languages.py).
    assert opening["language"] is None
    assert opening["abstract"] == "Welcome."
    assert opening["url"] == "http://localhost" + page.url
    assert opening["slug"] == f"ca_bouge-{page.pk}-{page.slug}"
    assert opening["description"] == (
        "First paragraph with a link.\n\n- one\n- two\n\nLast\x0b.\n\n"
        "To be confirmed: Maybe Later"
    )
    bart = Person.objects.get(name="Bart Somers")
    ylva = Person.objects.get(name="Ylva Johansson")
    assert opening["persons"] == [
        {
            "name": "Bart Somers",
            "public_name": "Bart Somers",
            "guid": str(bart.guid),
            "role": "Mayor of Mechelen",
            "organisation": "",
            "session_role": "moderator",
            "biography": "Mayor.\nAuthor.",
        },
        {
            "name": "Ylva Johansson",
            "public_name": "Ylva Johansson",
            "guid": frab.person_guid("Ylva Johansson", ylva),
            "role": "Mayor of Mechelen",
            "organisation": "",
            "session_role": "speaker",
        },
        {
            "name": "Typed Name",
            "public_name": "Typed Name",
            "guid": frab.person_guid("Typed Name"),
            "role": "Councillor",
            "organisation": "",
            "session_role": "speaker",
        },
    ]

    workshop = day1["rooms"]["Auditorium, City hall, Mechelen, Belgium"][0]
    assert workshop["type"] == "workshop"
    assert workshop["description"] == "What to bring: A laptop"
    assert workshop["links"] == [
        {"url": "https://meet.example.org/w", "title": "Join online", "type": "web"}
    ]
    assert workshop["track"] is None

    first, second = day2["rooms"]["Site visit"]
    visit = SiteVisitPage.objects.get()
    run = visit.runs.get()
    assert first["guid"] == str(visit.translation_key)
    assert second["guid"] == frab.run_guid(visit.translation_key, run.start)
    assert (first["id"], second["id"]) == (visit.pk, 1_000_000_000 + run.pk)
    assert (first["start"], second["start"]) == ("09:00", "14:00")
    assert first["type"] == "site-visit"
    assert first["description"] == "Meeting point: Main entrance"
    assert first["slug"] != second["slug"]


def test_translations_share_the_guid(client, index):
    conference = rich_conference(index)
    data = get_json(client, conference)
    page = PanelPage.objects.get(title__startswith="Opening")
    assert events_of(data)[0]["guid"] == str(page.translation_key)
    # The guid is the translation key, which every translation of the page shares.
    assert frab.schedule_data(conference)["schedule"]["conference"]["days"][0]["rooms"][
        "Auditorium, Lamot, Mechelen, Belgium"
    ][0]["guid"] == str(page.translation_key)


def test_times_in_the_conference_zone(client, index):
    conference = elsewhere_conference(index)
    data = get_json(client, conference)
    info = data["schedule"]["conference"]
    assert info["time_zone_name"] == NEW_YORK
    night, monday = events_of(data)
    # 23:00 EDT to 03:00 EST is five hours: the clocks went back at 02:00.
    assert (night["date"], night["duration"]) == ("2024-11-02T23:00:00-04:00", "05:00")
    assert night["end"] == "2024-11-03T03:00:00-05:00"
    assert monday["date"] == "2024-11-04T09:05:00-05:00"
    assert monday["persons"] == []
    assert monday["description"] == "To be confirmed: Only TBC"
    assert info["timeslot_duration"] == "00:05"
    assert [d["day_start"] for d in info["days"]] == [
        "2024-11-02T00:00:00-04:00",
        "2024-11-03T00:00:00-04:00",
        "2024-11-04T00:00:00-05:00",
    ]


def test_a_zone_the_schema_does_not_accept_is_left_out_of_the_json(client, index):
    conference = elsewhere_conference(index, zone="Etc/GMT+5")
    assert (
        "time_zone_name" not in get_json(client, conference)["schedule"]["conference"]
    )
    assert b"<time_zone_name>Etc/GMT+5</time_zone_name>" in get_xml(client, conference)


def test_xml_carries_the_same_events(client, index, xml_schema):
    conference = rich_conference(index)
    data = get_json(client, conference)
    document = xml_schema.to_dict(get_xml(client, conference).decode())
    xml_guids = [
        event["@guid"]
        for day in document["day"]
        for room in day.get("room", [])
        for event in room.get("event", [])
    ]
    assert xml_guids == [event["guid"] for event in events_of(data)]
    assert document["conference"]["acronym"] == ["ca_bouge"]


def test_only_get(index):
    conference = empty_conference(index)
    assert get_schedule(conference, "schedule.json", "post").status_code == 405
    assert get_schedule(conference, "schedule.xml", "head").status_code == 200
    response = get_schedule(conference, "schedule.json")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_served_at_the_conference_address(client, index):
    conference = busy_conference(index)
    response = client.get(conference.url + "schedule.json")
    assert response.status_code == 200
    assert json.loads(response.content) == get_json(None, conference)
    response = client.get(conference.url + "schedule.xml")
    assert response.status_code == 200
    assert response.content == get_xml(None, conference)
    assert client.get(index.url + "schedule.json").status_code == 404


# Import


def democon_conference(index, **fields):
    fields.setdefault("title", "DemoCon")
    fields.setdefault("slug", "democon")
    return f.conference(
        index,
        start=f.local(2020, 12, 14, 9),
        end=f.local(2020, 12, 16, 18),
        **fields,
    )


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "people": Person.objects.count(),
        "rooms": Room.objects.count(),
        "venues": Venue.objects.count(),
    }


def test_import_pretalx(client, index, frab_dir, json_schema, xml_schema):
    data = load(frab_dir, "example-pretalx-democon.json")
    conference = democon_conference(index)
    report = frab.import_schedule(conference, data)

    assert len(report.of("created", "session")) == 36
    assert not report.skipped and not report.missing
    assert len(WorkshopPage.objects.child_of(conference)) == 9
    assert len(PanelPage.objects.child_of(conference)) == 27
    conference.refresh_from_db()
    assert conference.venue.name == "DemoCon"
    assert [r.name for r in conference.venue.rooms.order_by("sort_order")] == [
        "Gray Room",
        "Tan Room",
    ]
    # pretalx gives both rooms the same guid: it identifies neither.
    assert not Room.objects.filter(guid__isnull=False).exists()

    event = data["schedule"]["conference"]["days"][0]["rooms"]["Gray Room"][0]
    page = PanelPage.objects.get(translation_key=event["guid"])
    assert page.live and page.title == "Focused 5thgeneration hardware"
    assert page.start == datetime.datetime(2020, 12, 14, 8, tzinfo=datetime.UTC)
    assert page.end - page.start == datetime.timedelta(minutes=30)
    assert page.time_zone == f.BRUSSELS  # the conference's, not the file's UTC
    assert page.room.name == "Gray Room" and page.track == "Phased"
    assert page.summary == "Brand back-end models!"
    assert page.body.raw_data[0]["value"].startswith(
        "<p>Station provide certain mean. Toward region beautiful language blood."
        "<br/>Professional"
    )
    speaker = page.speakers.raw_data[0]["value"]
    person = Person.objects.get(pk=speaker["person"])
    assert person.name == "Brian Robinson"
    assert person.biography.startswith("Break through direction.")
    assert Person.objects.filter(guid__isnull=False).count() == len(
        {p["code"] for e in events_of(data) for p in e["persons"]}
    )
    assert page.get_latest_revision().content["title"] == page.title

    exported = get_json(client, conference)
    assert_valid_json(json_schema, exported)
    assert_valid_xml(xml_schema, get_xml(client, conference))
    assert {e["guid"] for e in events_of(exported)} == {
        e["guid"] for e in events_of(data)
    }
    again = {e["guid"]: e for e in events_of(exported)}[event["guid"]]
    assert again["date"] == "2020-12-14T09:00:00+01:00"
    # Exported, the room is named with its building (the venue the import made).
    assert again["title"] == event["title"] and again["room"] == "Gray Room, DemoCon"


def test_importing_twice_changes_nothing(index, frab_dir):
    data = load(frab_dir, "example-pretalx-democon.json")
    conference = democon_conference(index)
    frab.import_schedule(conference, data)
    before = counts()
    report = frab.import_schedule(conference, data)
    assert counts() == before
    assert not report.changed
    assert len(report.of("unchanged", "session")) == 36
    assert {item.action for item in report.items} == {"unchanged"}


def test_import_frab_camp(index, frab_dir):
    """The camp's file does not follow the schema, and its last day is not part of
    the conference here: the rest imports, the last day is reported."""
    data = load(frab_dir, "example-frab-camp2019.json")
    conference = f.conference(
        index,
        title="Camp",
        time_zone="Europe/Berlin",
        start=f.local(2019, 8, 21, 9, zone="Europe/Berlin"),
        end=f.local(2019, 8, 24, 23, zone="Europe/Berlin"),
    )
    report = frab.import_schedule(conference, data)
    on_last_day = [e for e in events_of(data) if e["date"].startswith("2019-08-25")]
    assert on_last_day
    skipped = report.of("skipped", "session")
    assert [item.label for item in skipped] == [e["title"].strip() for e in on_last_day]
    assert all("within the conference" in item.reason for item in skipped)
    created = report.of("created", "session")
    assert len(created) == 79 - len(on_last_day)
    # frab persons have an id but no guid: one person per id, found again later.
    jinxx = Person.objects.get(name="jinxx")
    assert jinxx.guid == uuid.uuid5(
        frab.NAMESPACE, "https://fahrplan.events.ccc.de/camp/2019/Fahrplan/:person:7797"
    )
    before = counts()
    assert not frab.import_schedule(conference, data).changed
    assert counts() == before


def small(title="A talk", **changes):
    """Our own small schedule (tests/data/frab/small.json), changed."""
    data = json.loads((DATA / "small.json").read_text())
    event = data["schedule"]["conference"]["days"][0]["rooms"]["Room A"][0]
    event["title"] = title
    event.update(changes)
    return data


def small_conference(index):
    return f.conference(
        index,
        title="Small",
        venue=f.venue("Small venue", rooms=["Room A"]),
        start=at(19, 9),
        end=at(20, 18),
    )


def test_a_change_updates_the_page_with_a_new_revision(index):
    conference = small_conference(index)
    frab.import_schedule(conference, small())
    page = PanelPage.objects.get(title="A talk")
    revisions = page.revisions.count()
    room = Room.objects.get(name="Room A")
    assert room.guid == uuid.UUID("5d2d4c8c-6a8e-4f1b-9a53-1d0f7c2e9b10")

    report = frab.import_schedule(
        conference, small("A better talk", date="2024-04-19T10:00:00+02:00")
    )
    page.refresh_from_db()
    assert page.title == "A better talk"
    assert page.start == at(19, 10)
    assert page.revisions.count() == revisions + 1
    assert page.live and not page.has_unpublished_changes
    [item] = report.of("updated", "session")
    assert set(item.changes) == {"title", "start", "end"}


def test_a_removed_event_is_reported_not_deleted(index):
    conference = small_conference(index)
    data = small()
    frab.import_schedule(conference, data)
    del data["schedule"]["conference"]["days"][0]["rooms"]["Room A"][1]
    report = frab.import_schedule(conference, data)
    [item] = report.missing
    assert item.label == "Second talk"
    assert WorkshopPage.objects.get(title="Second talk").live


def test_an_editors_draft_is_not_overwritten(index):
    conference = small_conference(index)
    frab.import_schedule(conference, small())
    page = PanelPage.objects.get(title="A talk")
    page.summary = "The editor's words"
    page.save_revision()
    report = frab.import_schedule(conference, small("Renamed"))
    [item] = report.of("skipped", "session")
    assert "not published" in item.reason
    page.refresh_from_db()
    assert page.title == "A talk"


def test_what_cannot_be_read_is_skipped_with_a_reason(index):
    conference = small_conference(index)
    data = small()
    rooms = data["schedule"]["conference"]["days"][0]["rooms"]
    good = rooms["Room A"][0]
    rooms["Room A"] += [
        dict(good, guid="not-a-guid", title="Bad guid"),
        dict(good, guid=str(uuid.uuid4()), title="No date", date="soon", start="x"),
        dict(good, guid=str(uuid.uuid4()), title="No length", duration="long"),
        dict(
            good,
            guid=str(uuid.uuid4()),
            title="Too early",
            date="2024-04-01T09:00:00+02:00",
        ),
        dict(good, title="Twice"),
        dict(good, guid=str(uuid.uuid4()), title="", slug="untitled"),
        "not an event",
    ]
    rooms["Room B"] = "not a list"
    report = frab.import_schedule(conference, data)
    reasons = {item.label: item.reason for item in report.skipped}
    assert reasons["Bad guid"] == "no valid “guid”"
    assert reasons["No date"] == "no valid start (“date”)"
    assert reasons["No length"] == "no valid “duration”"
    assert "within the conference" in reasons["Too early"]
    assert reasons["Twice"] == "its guid appears more than once in the file"
    assert "no title" in reasons.values()
    assert reasons["Room B"] == "not a list of events"
    assert len(report.of("created", "session")) == 2


def test_old_style_times_and_types(index):
    conference = small_conference(index)
    data = small()
    event = data["schedule"]["conference"]["days"][0]["rooms"]["Room A"][0]
    del event["date"]
    event["start"] = "01:30"  # after midnight: the next calendar day
    event["type"] = "Site Visit"
    data["schedule"]["conference"]["days"][0]["day_start"] = "2024-04-19T09:00:00+02:00"
    frab.import_schedule(conference, data, types={"lecture": None})
    page = SiteVisitPage.objects.get(title="A talk")
    assert page.start == at(20, 1, 30)
    assert page.meeting_point == "Room A"


def test_types_can_be_mapped_or_left_out(index):
    conference = small_conference(index)
    report = frab.import_schedule(
        conference,
        small(type="keynote"),
        types={"keynote": "WorkshopPage", "Workshop": None},
    )
    assert WorkshopPage.objects.filter(title="A talk").exists()
    [item] = report.skipped
    assert item.label == "Second talk"
    assert item.reason == "events of type “workshop” are not imported"


@pytest.mark.parametrize("name", ["BlogPage", "wagtailcore.Page", "ConferencePage"])
def test_a_type_that_is_not_a_session_is_refused_and_changes_nothing(index, name):
    conference = small_conference(index)
    before = counts()
    with pytest.raises(frab.ScheduleError, match="is not a type of session") as refused:
        frab.import_schedule(conference, small(), types={"lecture": name})
    assert "PanelPage, SiteVisitPage, WorkshopPage" in str(refused.value)
    assert counts() == before


def test_a_session_type_is_found_by_its_label_too(index):
    conference = small_conference(index)
    frab.import_schedule(
        conference,
        small(type="keynote"),
        types={"keynote": "wagtail_events.workshoppage"},
    )
    assert WorkshopPage.objects.filter(title="A talk").exists()


def test_a_guid_used_elsewhere_is_skipped(index):
    first, second = small_conference(index), small_conference(index)
    frab.import_schedule(first, small())
    report = frab.import_schedule(second, small())
    assert len(report.of("skipped", "session")) == 2
    assert "not a session of this conference" in report.skipped[0].reason


def test_an_unreadable_file_changes_nothing(index):
    conference = small_conference(index)
    before = counts()
    with pytest.raises(frab.ScheduleError, match="not valid JSON"):
        frab.import_schedule(conference, b"{nope")
    with pytest.raises(frab.ScheduleError, match="no “schedule”"):
        frab.import_schedule(conference, {"hello": "world"})
    with pytest.raises(frab.ScheduleError, match="days"):
        frab.import_schedule(conference, {"schedule": {"conference": {}}})
    assert counts() == before


def test_dry_run_saves_nothing(index, frab_dir):
    conference = democon_conference(index)
    before = counts()
    report = frab.import_schedule(
        conference, load(frab_dir, "example-pretalx-democon.json"), dry_run=True
    )
    assert len(report.of("created", "session")) == 36
    assert counts() == before
    assert "Dry run" in report.summary()


def test_a_conference_with_a_draft_keeps_it(index):
    conference = f.conference(index, title="Drafty", start=at(19, 9), end=at(20, 18))
    conference.summary = "Unfinished"
    conference.save_revision()
    frab.import_schedule(conference, small())
    conference.refresh_from_db()
    assert conference.venue is not None and conference.has_unpublished_changes
    draft = conference.get_latest_revision_as_object()
    assert draft.summary == "Unfinished" and draft.venue == conference.venue


def test_people_saved_before_are_linked_by_name(index):
    saved = f.person("Jordan Parks")
    conference = small_conference(index)
    frab.import_schedule(conference, small())
    saved.refresh_from_db()
    assert saved.guid is not None
    assert Person.objects.filter(name="Jordan Parks").count() == 1


# The management command


def test_command(index, tmp_path, capsys):
    conference = small_conference(index)
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(small()))
    call_command("import_schedule", str(conference.pk), str(path), "--dry-run")
    assert not PanelPage.objects.filter(title="A talk").exists()
    assert "Dry run" in capsys.readouterr().out
    call_command("import_schedule", conference.url_path, str(path))
    out = capsys.readouterr().out
    assert "session created: A talk" in out
    assert PanelPage.objects.filter(title="A talk").exists()


def test_command_errors(index, tmp_path):
    conference = small_conference(index)
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("import_schedule", str(conference.pk), str(bad))
    with pytest.raises(CommandError, match="No conference"):
        call_command("import_schedule", "/nowhere/", str(bad))
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_schedule", str(conference.pk), str(tmp_path / "x.json"))


# The admin view


def import_url(conference):
    return reverse("wagtail_events_schedule_import", args=(conference.pk,))


def upload(content, name="schedule.json"):
    file = io.BytesIO(content)
    file.name = name
    return file


def test_admin_import(admin_client, index):
    conference = small_conference(index)
    response = admin_client.get(import_url(conference))
    assert response.status_code == 200
    assert b"Import a schedule" in response.content

    response = admin_client.post(
        import_url(conference), {"file": upload(json.dumps(small()).encode())}
    )
    assert response.status_code == 200
    assert PanelPage.objects.filter(title="A talk").exists()
    content = response.content.decode()
    assert "A talk" in content and "Created" in content


def test_admin_import_of_a_bad_file(admin_client, index):
    conference = small_conference(index)
    before = counts()
    response = admin_client.post(import_url(conference), {"file": upload(b"{")})
    assert response.status_code == 200
    assert "not valid JSON" in response.content.decode()
    assert counts() == before


def test_admin_import_dry_run(admin_client, index):
    conference = small_conference(index)
    response = admin_client.post(
        import_url(conference),
        {"file": upload(json.dumps(small()).encode()), "dry_run": "on"},
    )
    assert response.status_code == 200
    assert "nothing was saved" in response.content.decode()
    assert not PanelPage.objects.filter(title="A talk").exists()


def test_admin_import_needs_edit_permission(client, index, django_user_model):
    from django.contrib.auth.models import Group, Permission

    conference = small_conference(index)
    user = django_user_model.objects.create_user("reader", "r@example.org", "pw")
    group = Group.objects.create(name="Admin access only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    response = client.get(import_url(conference))
    assert response.status_code in (302, 403)
    response = client.post(
        import_url(conference), {"file": upload(json.dumps(small()).encode())}
    )
    assert response.status_code in (302, 403)
    assert not PanelPage.objects.filter(title="A talk").exists()


def test_admin_button_on_the_conference(admin_client, index):
    conference = small_conference(index)
    response = admin_client.get(
        reverse("wagtailadmin_pages:edit", args=(conference.pk,))
    )
    assert import_url(conference) in response.content.decode()
    # And in the “more” menu of the conference in the page listing.
    response = admin_client.get(reverse("wagtailadmin_explore", args=(index.pk,)))
    assert response.status_code == 200
    assert import_url(conference) in response.content.decode()
    # Not on other pages.
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(index.pk,)))
    assert "import-schedule" not in response.content.decode()


def test_the_button_needs_edit_permission(index, django_user_model):
    from wagtail_events.exchange.import_screen import page_buttons

    conference = small_conference(index)
    reader = django_user_model.objects.create_user("reader2", "r2@example.org", "pw")
    assert list(page_buttons(conference, reader)) == []


def test_admin_import_is_only_for_conferences(admin_client, index):
    response = admin_client.get(
        reverse("wagtail_events_schedule_import", args=(index.pk,))
    )
    assert response.status_code == 404


def test_copy_is_not_mutated(index):
    data = small()
    original = copy.deepcopy(data)
    frab.import_schedule(small_conference(index), data)
    assert data == original


def test_export_queries_do_not_grow_with_the_programme(
    index, django_assert_max_num_queries
):
    small_one, big_one = f.busy_conference(index, 6), f.busy_conference(index, 30)
    with CaptureQueriesContext(connection) as small_queries:
        get_json(None, small_one)
    with django_assert_max_num_queries(len(small_queries)):
        get_json(None, big_one)


def test_an_export_imports_again_unchanged(index, frab_dir):
    conference = democon_conference(index)
    frab.import_schedule(conference, load(frab_dir, "example-pretalx-democon.json"))
    exported = get_json(None, conference)
    before = counts()
    report = frab.import_schedule(conference, exported)
    assert not report.skipped, report.lines()[:3]
    assert counts() == before
    assert len(report.of("unchanged", "session")) == 36
    assert not report.of("updated", "session")
    assert not report.of("updated", "person")
