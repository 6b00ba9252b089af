"""Calendar files, add-to-calendar links and structured data of a conference held
in parts on several days, and of a series of meetings."""

import json
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
from bs4 import BeautifulSoup

from tests import factories as f
from wagtail_events.exchange import calendar_links, calendars, jsonld
from wagtail_events.models import SeriesPage


pytestmark = pytest.mark.django_db


def forum(index, first=(2020, 12, 2), second=(2020, 12, 3)):
    conference = f.conference(
        index, start=f.local(*first, 14), end=f.local(*second, 12), title="Forum"
    )
    f.panel(conference, f.local(*first, 14), f.local(*first, 15, 30), title="Panel")
    f.workshop(
        conference, f.local(*second, 10, 30), f.local(*second, 12), title="Workshop"
    )
    return conference


def own_events(calendar, title):
    return [e for e in calendar.walk("VEVENT") if str(e["summary"]) == title]


def test_the_programme_calendar_has_a_vevent_per_part(index):
    conference = forum(index)
    events = own_events(calendars.programme_calendar(conference), "Forum")
    assert [
        (e["dtstart"].dt.isoformat(), e["dtend"].dt.isoformat()) for e in events
    ] == [
        ("2020-12-02T14:00:00+01:00", "2020-12-02T15:30:00+01:00"),
        ("2020-12-03T10:30:00+01:00", "2020-12-03T12:00:00+01:00"),
    ]
    key = conference.translation_key
    assert [str(e["uid"]).split("@")[0] for e in events] == [
        f"{key}-20201202",
        f"{key}-20201203",
    ]
    # The UIDs are the same in the index's feed, and again next time.
    feed = own_events(calendars.index_calendar(index), "Forum")
    assert [str(e["uid"]) for e in feed] == [str(e["uid"]) for e in events]


def test_parts_either_side_of_the_clocks_going_back(index):
    # 27 October 2024, the last Sunday of October: Brussels goes from +02:00 to +01:00.
    conference = forum(index, (2024, 10, 26), (2024, 10, 27))
    events = own_events(calendars.programme_calendar(conference), "Forum")
    assert [
        (e["dtstart"].params["TZID"], e["dtstart"].dt.strftime("%H:%M %z"))
        for e in events
    ] == [("Europe/Brussels", "14:00 +0200"), ("Europe/Brussels", "10:30 +0100")]
    links = calendar_links.calendar_links(conference)
    google = [parse_qs(urlsplit(p.google_url).query)["dates"][0] for p in links.parts]
    assert google == [
        "20241026T140000/20241026T153000",
        "20241027T103000/20241027T120000",
    ]
    outlook = [
        parse_qs(urlsplit(p.outlook_url).query)["startdt"][0] for p in links.parts
    ]
    assert outlook == ["2024-10-26T14:00:00+02:00", "2024-10-27T10:30:00+01:00"]
    assert not links.google_url  # never one block over the night


def test_a_one_day_conference_keeps_one_link_and_its_uid(index):
    conference = f.conference(index)
    f.panel(conference, f.local(2024, 4, 19, 10), f.local(2024, 4, 19, 11))
    links = calendar_links.calendar_links(conference)
    assert links.parts == [] and links.google_url
    [event] = own_events(calendars.programme_calendar(conference), conference.title)
    assert str(event["uid"]).startswith(f"{conference.translation_key}@")


def series_with_meetings(index):
    series = f.series(index, title="Lecture series")
    vitorino = f.person("António Vitorino", role="Director General of IOM")
    first = f.meeting(
        series,
        f.local(2023, 3, 1, 18),
        f.local(2023, 3, 1, 20),
        title="First lecture",
        speakers=[f.speaker(vitorino)],
    )
    second = f.meeting(
        series,
        f.local(2024, 4, 24),
        f.local(2024, 4, 24, 23, 59),
        all_day=True,
        title="Closing session",
    )
    return SeriesPage.objects.get(pk=series.pk), first, second


def test_the_series_feed_has_every_meeting(client, index):
    series, first, second = series_with_meetings(index)
    response = client.get(series.url + "calendar.ics")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["First lecture", "Closing session"]
    assert str(events[1]["dtstart"].dt) == "2024-04-24"
    # A meeting's own file gives the same VEVENT (same UID).
    own = icalendar.Calendar.from_ical(client.get(first.url + "calendar.ics").content)
    assert [str(e["uid"]) for e in own.walk("VEVENT")] == [str(events[0]["uid"])]
    # The index feed holds the meetings, not the series' span.
    feed = calendars.index_calendar(index)
    assert [str(e["summary"]) for e in feed.walk("VEVENT")] == [
        "First lecture",
        "Closing session",
    ]


def test_event_series_json_ld(rf, index):
    series, first, second = series_with_meetings(index)
    data = jsonld.event_data(series)
    assert data["@type"] == "EventSeries"
    assert data["startDate"] == "2023-03-01T18:00:00+01:00"
    assert [(e["name"], e["startDate"]) for e in data["subEvent"]] == [
        ("First lecture", "2023-03-01T18:00:00+01:00"),
        ("Closing session", "2024-04-24"),
    ]
    meeting = jsonld.event_data(first)
    assert meeting["superEvent"]["@type"] == "EventSeries"
    assert meeting["superEvent"]["name"] == "Lecture series"
    assert meeting["performer"][0]["name"] == "António Vitorino"


def test_a_series_without_meetings_has_no_dates_anywhere(client, index):
    series = f.series(index, title="Not yet")
    data = jsonld.event_data(series)
    assert "startDate" not in data and "subEvent" not in data
    assert calendars.series_calendar(series).walk("VEVENT") == []
    assert calendars.index_calendar(index).walk("VEVENT") == []
    html = client.get(series.url).content.decode()
    script = BeautifulSoup(html, "html.parser").find(
        "script", type="application/ld+json"
    )
    assert "startDate" not in json.loads(script.string)
