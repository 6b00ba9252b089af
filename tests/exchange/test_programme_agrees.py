"""The page, calendar.ics, schedule.json, schedule.xml and the JSON-LD agree entry
by entry (issue 12): the same entries, times, titles and places, programme items
(a plenary with speakers, an all-day exhibition, breaks) included, a site visit
with two runs, a session held at another venue; and each file costs as many
queries for 3 entries as for 30. The demo content's conferences are compared in
``tests/site/test_programme_agrees_demo.py``."""

import json

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from tests import factories as f
from tests.exchange.agreement import assert_outputs_agree
from wagtail_events.exchange import frab


pytestmark = pytest.mark.django_db


def at(hour, minute=0, day=18):
    return f.local(2024, 4, day, hour, minute)


@pytest.fixture
def conference(index):
    home = f.venue(
        "Lamot",
        rooms=["Dijlezaal", "Auditorium"],
        street_address="Van Beethovenstraat 8",
        postal_code="2800",
        latitude=51.03,
        longitude=4.48,
    )
    zalm = f.venue(
        "De Zalm",
        street_address="Zoutwerf 5",
        postal_code="2800",
        accessibility_notes="Reachable by stairs only.",
    )
    conf = f.conference(index, venue=home, start=at(8), end=at(18))
    minister = f.person("Gwendolyn Rutten", role="Vice-Minister-President")
    f.programme_item(
        conf,
        at(9),
        at(9, 30),
        kind="remarks",
        title="Welcoming remarks",
        room=f.room(home, "Auditorium"),
        speakers=[f.speaker(minister), f.speaker(name="Bart Somers", role="Mayor")],
    )
    f.programme_item(
        conf,
        at(9),
        at(17),
        kind="exhibition",
        title="Urban renewal is human work",
        location="Central hall",
        description="Photographs of twenty years of urban renewal.",
        all_day=True,
    )
    f.programme_item(conf, at(12), at(13), kind="meal", title="Lunch")
    f.panel(conf, at(9, 30), at(11), title="Leading", room=f.room(home, "Dijlezaal"))
    f.workshop(conf, at(10, 15), at(12), title="Sport (theory)", venue=zalm)
    f.site_visit(
        conf, at(10, 15), at(12), runs=[(at(13), at(14, 45))], title="City tour"
    )
    return conf


def test_every_output_has_every_entry_with_its_time_title_and_place(client, conference):
    out = assert_outputs_agree(client, conference)
    keys = {slot.title: slot.key for slot in out["slots"]}
    # The items, and both runs of the site visit, are in every file.
    for output in ("ics", "json", "xml"):
        titles = sorted(entry[2] for entry in out[output].values())
        assert titles == sorted(
            [
                "City tour",
                "City tour",
                "Leading",
                "Lunch",
                "Sport (theory)",
                "Urban renewal is human work",
                "Welcoming remarks",
            ]
        ), output
    # A session at another venue is there, not at the conference's.
    assert out["ics"][keys["Sport (theory)"]][3] == (
        "De Zalm, Zoutwerf 5, 2800 Mechelen, Belgium"
    )
    # A room is named with its building and the venue's address everywhere.
    assert out["json"][keys["Leading"]][3] == (
        "Dijlezaal, Lamot, Van Beethovenstraat 8, 2800 Mechelen, Belgium"
    )
    remarks = next(e for e in out["jsonld"] if e[2] == "Welcoming remarks")
    assert (
        remarks[3] == "Auditorium, Lamot, Van Beethovenstraat 8, 2800 Mechelen, Belgium"
    )


def test_items_carry_their_description_speakers_and_anchor(client, conference):
    cal = icalendar.Calendar.from_ical(
        client.get(conference.url + "calendar.ics").content
    )
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    remarks = events["Welcoming remarks"]
    assert str(remarks["UID"]).startswith("item-")
    assert str(remarks["URL"]).endswith(f"#entry-{str(remarks['UID']).split('@')[0]}")
    assert "Gwendolyn Rutten (Vice-Minister-President)" in str(remarks["DESCRIPTION"])
    assert "GEO" in remarks
    exhibition = events["Urban renewal is human work"]
    assert "twenty years" in str(exhibition["DESCRIPTION"])
    assert str(exhibition["LOCATION"]).startswith("Central hall, Lamot")
    zalm = events["Sport (theory)"]
    assert "De Zalm" in str(zalm["LOCATION"])
    # Held in another building: how to get in, as its programme entry says;
    # sessions at the conference's venue do not repeat the venue's notes.
    assert "Reachable by stairs only." in str(zalm["DESCRIPTION"])
    assert "stairs" not in str(events["Leading"].get("DESCRIPTION", ""))

    data = json.loads(client.get(conference.url + "schedule.json").content)
    frab_events = {
        e["title"]: e
        for day in data["schedule"]["conference"]["days"]
        for room in day["rooms"].values()
        for e in room
    }
    remarks = frab_events["Welcoming remarks"]
    assert remarks["type"] == "remarks"
    assert [p["name"] for p in remarks["persons"]] == [
        "Gwendolyn Rutten",
        "Bart Somers",
    ]
    assert "Bart Somers (Mayor)" in remarks["description"]
    assert frab_events["Urban renewal is human work"]["type"] == "exhibition"
    assert frab_events["Lunch"]["type"] == "meal"


def test_item_guids_and_uids_are_the_same_in_every_language(conference):
    from wagtail_events.exchange.frab_values import entry_guid
    from wagtail_events.models import ProgrammeItem

    item = ProgrammeItem.objects.get(title="Welcoming remarks")
    data = frab.schedule_data(conference)
    guids = {
        e["guid"]
        for day in data["schedule"]["conference"]["days"]
        for room in day["rooms"].values()
        for e in room
    }
    # Derived from the translation key, which every translation shares.
    assert entry_guid(f"item-{item.translation_key}") in guids


@override_settings(WAGTAIL_EVENTS_CALENDAR_BREAKS=False)
def test_breaks_are_left_out_of_calendars_only_by_the_setting(client, conference):
    cal = icalendar.Calendar.from_ical(
        client.get(conference.url + "calendar.ics").content
    )
    titles = {str(e["SUMMARY"]) for e in cal.walk("VEVENT")}
    assert "Lunch" not in titles
    assert {"Welcoming remarks", "Urban renewal is human work"} <= titles


def test_session_page_of_a_site_visit_gives_every_run(client, conference):
    from wagtail_events.models import SiteVisitPage

    visit = SiteVisitPage.objects.get(title="City tour")
    html = client.get(visit.url).content.decode()
    script = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    data = json.loads(script)
    # Both runs, though both are over, each with its own times.
    assert [e["startDate"] for e in data["subEvent"]] == [
        "2024-04-18T10:15:00+02:00",
        "2024-04-18T13:00:00+02:00",
    ]


# The personal agenda


def agenda(client, conf, **params):
    return client.get(conf.url + "agenda.ics", params)


def uids(response):
    cal = icalendar.Calendar.from_ical(response.content)
    return sorted(str(e["UID"]).split("@")[0] for e in cal.walk("VEVENT"))


def test_agenda_takes_entry_keys_items_and_single_runs(client, conference):
    from tests.exchange.agreement import read_outputs

    out = read_outputs(client, conference)
    keys = {(s.title, s.run): s.key for s in out["slots"]}
    chosen = [
        keys[("Welcoming remarks", 0)],
        keys[("Lunch", 0)],
        keys[("City tour", 2)],
    ]
    response = agenda(client, conference, entries=",".join(chosen))
    assert response.status_code == 200
    assert uids(response) == sorted(chosen)
    assert keys[("City tour", 2)].endswith("-run2")
    # Page ids still work, mixed with keys: the page's every run.
    visit = next(s for s in out["slots"] if s.title == "City tour")
    response = agenda(
        client, conference, sessions=str(visit.page_id), entries=chosen[0]
    )
    assert uids(response) == sorted(
        [chosen[0], keys[("City tour", 1)], keys[("City tour", 2)]]
    )


def test_agenda_refuses_keys_of_nothing(client, conference):
    response = agenda(
        client, conference, entries="item-00000000-0000-0000-0000-000000000000"
    )
    assert response.status_code == 400


# Query counts: each output costs the same for 3 entries as for 30


OUTPUTS = ["calendar.ics", "schedule.json", "schedule.xml", "", "agenda.ics"]


@pytest.mark.parametrize("output", OUTPUTS)
def test_queries_do_not_grow_with_the_entries(client, index, output):
    small, big = f.busy_conference(index, 3), f.busy_conference(index, 30)
    for conf in (small, big):
        for n in range(10):
            f.programme_item(
                conf,
                f.local(2024, 4, 17, 9, n),
                f.local(2024, 4, 17, 9, n + 1),
                kind="remarks",
                title=f"Remarks {n}" if conf is big else "Remarks",
                speakers=[f.speaker(name="Someone", role="Mayor")],
            )
            if conf is small:
                break

    def get(conf):
        params = {}
        if output == "agenda.ics":
            from wagtail_events.programme.entries import programme_slots

            params = {"entries": ",".join(s.key for s in programme_slots(conf))}
        return client.get(conf.url + output, params)

    get(small)  # warm the site-root and content-type caches
    with CaptureQueriesContext(connection) as few:
        assert get(small).status_code == 200
    with CaptureQueriesContext(connection) as many:
        assert get(big).status_code == 200
    assert len(many) == len(few), output
