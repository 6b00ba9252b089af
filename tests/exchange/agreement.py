"""Reading a conference's programme back from every file it is exported to, entry
by entry, so that tests can say the page, ``calendar.ics``, ``schedule.json``,
``schedule.xml`` and the JSON-LD agree (issue 12: one source of truth for every
timed thing). Used by ``test_programme_agrees`` and by the demo content's test."""

import datetime
import json
import xml.etree.ElementTree as ET

import icalendar
from bs4 import BeautifulSoup
from django.utils import translation

from wagtail_events import places
from wagtail_events.exchange import frab
from wagtail_events.exchange.frab_values import entry_guid
from wagtail_events.localtime import get_zone
from wagtail_events.programme.timetable import build_programme


def _frab_guid(slot):
    if not slot.is_session:
        return entry_guid(slot.key)
    key, _sep, _run = slot.key.partition("-run")
    if slot.key == key:
        return key
    return frab.run_guid(key, slot.starts_at)


def _joined(place):
    """A JSON-LD ``Place`` as one line, as ``places.address_line`` writes one:
    the country by its name, where JSON-LD gives its ISO code."""
    address = place.get("address", {})
    locality = " ".join(
        filter(None, [address.get("postalCode"), address.get("addressLocality")])
    )
    return ", ".join(
        filter(
            None,
            [
                place["name"],
                address.get("streetAddress"),
                locality,
                places.country_name(address.get("addressCountry")),
            ],
        )
    )


def _in_frab(slot):
    # frab leaves out sessions whose hours are not announced and cancelled or
    # postponed ones: an app would show them at a time they do not happen.
    return not slot.is_session or (
        slot.times_announced and slot.status not in ("cancelled", "postponed")
    )


def _has_own_place(slot):
    """Whether frab names the entry's place (not a track's stand-in room)."""
    return bool(slot.location_line) and (
        not slot.is_session or slot.room or slot.elsewhere
    )


def read_outputs(client, conference):
    """{output: {entry key: (start, end, title, place)}} of every output, and the
    programme's slots. ``place`` is None where the output says none."""
    # In the page's language, as the page and the files are written: a place's
    # line names the country in it ("Belgique" on a French page).
    with translation.override(conference.locale.language_code):
        slots = build_programme(conference).entries
    zone = get_zone(conference.time_zone)
    by_uid = {f"{slot.key}": slot for slot in slots}
    by_guid = {_frab_guid(slot): slot for slot in slots}

    page = {
        slot.key: (slot.starts_at, slot.ends_at, slot.title, slot.location_line)
        for slot in slots
    }

    ics = {}
    calendar = icalendar.Calendar.from_ical(
        client.get(conference.url + "calendar.ics").content
    )
    for event in calendar.walk("VEVENT"):
        key = str(event["UID"]).rsplit("@", 1)[0]
        if key.startswith(str(conference.translation_key)):
            continue  # the conference itself
        assert key in by_uid, f"calendar.ics has {key}, the page has not"
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        ics[key] = (start, end, str(event["SUMMARY"]), str(event.get("LOCATION", "")))

    frab_json = {}
    data = json.loads(client.get(conference.url + "schedule.json").content)
    for day in data["schedule"]["conference"]["days"]:
        for room, events in day["rooms"].items():
            for event in events:
                slot = by_guid[event["guid"]]
                assert event["room"] == room
                start = datetime.datetime.fromisoformat(event["date"])
                end = datetime.datetime.fromisoformat(event["end"])
                frab_json[slot.key] = (start, end, event["title"], room)

    frab_xml = {}
    content = client.get(conference.url + "schedule.xml").content
    root = ET.fromstring(content)  # noqa: S314 -- the package's own file
    for event in root.iter("event"):
        slot = by_guid[event.get("guid")]
        start = datetime.datetime.fromisoformat(event.findtext("date"))
        hours, minutes = event.findtext("duration").split(":")
        end = start + datetime.timedelta(hours=int(hours), minutes=int(minutes))
        frab_xml[slot.key] = (
            start,
            end,
            event.findtext("title"),
            event.findtext("room"),
        )

    html = BeautifulSoup(client.get(conference.url).content, "html.parser")
    (script,) = [
        s
        for s in html.select('script[type="application/ld+json"]')
        if json.loads(s.string).get("name") == conference.title
    ]
    sub_events = json.loads(script.string).get("subEvent", [])
    jsonld = []
    for event in sub_events:
        where = event.get("location")
        places = where if isinstance(where, list) else [where] if where else []
        named = [p for p in places if p["@type"] == "Place"]
        jsonld.append(
            (
                event["startDate"],
                event["endDate"],
                event["name"],
                _joined(named[0]) if named else None,
            )
        )
    return {
        "slots": slots,
        "zone": zone,
        "page": page,
        "ics": ics,
        "json": frab_json,
        "xml": frab_xml,
        "jsonld": jsonld,
    }


def assert_outputs_agree(client, conference):
    """Every output holds the page's entries, with their times, titles and places."""
    out = read_outputs(client, conference)
    slots, zone = out["slots"], out["zone"]
    assert set(out["ics"]) == {s.key for s in slots}
    framed = {s.key for s in slots if _in_frab(s)}
    assert set(out["json"]) == framed
    assert set(out["xml"]) == framed
    assert len(out["jsonld"]) == len(slots)

    for slot in slots:
        start, end, title, line = out["page"][slot.key]
        ics_start, ics_end, ics_title, location = out["ics"][slot.key]
        assert ics_title == title
        if slot.times_announced:
            assert (ics_start, ics_end) == (start, end), slot.key
        else:
            assert ics_start == slot.start.date()
        assert location == line, slot.key
        if slot.key in framed:
            for output in ("json", "xml"):
                f_start, f_end, f_title, room = out[output][slot.key]
                assert (f_start, f_end, f_title) == (start, end, title), slot.key
                if _has_own_place(slot):
                    assert room == line, (output, slot.key)

    expected = []
    for slot in slots:
        if slot.times_announced:
            dates = (
                slot.starts_at.astimezone(zone).isoformat(),
                slot.ends_at.astimezone(zone).isoformat(),
            )
        else:
            dates = (None, None)
        expected.append((dates, slot.title, slot))
    for (dates, title, slot), (ld_start, ld_end, ld_title, ld_place) in zip(
        expected, out["jsonld"], strict=True
    ):
        assert ld_title == title
        if dates != (None, None):
            assert (ld_start, ld_end) == dates, slot.key
        if ld_place is not None:
            assert ld_place == slot.location_line, slot.key
    return out
