"""The calendar files the site serves are written as text (``ical_text``,
``ical_document.Document.to_bytes``); the e-mails and everything that reads a
document get icalendar's objects (``Document.calendar``). Both must hold the
same: each file is parsed with icalendar and compared, component by component
and property by property, with what icalendar itself writes for the same pages."""

import datetime

import icalendar
import pytest
from icalendar.parser import string as icalendar_strings

from tests import factories as f
from tests.exchange.test_calendars import at, fresh
from wagtail_events.exchange import calendars, ical_text, views


pytestmark = pytest.mark.django_db

# Commas, semicolons, backslashes, line breaks of every kind, accents, emoji and
# lines far past 75 octets, with escapes and characters of several octets where
# a line folds.
TRICKY = (
    "Vergadering; agenda, budget \\ en vragen\nTweede regel\r\nDerde\rVierde "
    "— café «Zuid» 🎉 " + "é" * 40 + ", " + "x\\" * 50 + "🎉" * 30
)


def _properties(component):
    """{NAME: [(parameters, value as written), ...]} of one component."""
    found = {}
    for name, value in component.property_items(recursive=False, sorted=False):
        if name in ("BEGIN", "END"):
            continue
        params = dict(getattr(value, "params", {}))
        found.setdefault(name, []).append((params, value.to_ical()))
    return found


def _components(calendar):
    """{(name, UID or TZID, RECURRENCE-ID): properties} of a parsed document."""
    found = {}
    for component in calendar.walk():
        if component.name in ("VEVENT", "VTIMEZONE"):
            recurrence_id = component.get("RECURRENCE-ID")
            key = (
                component.name,
                str(component.get("UID") or component.get("TZID")),
                recurrence_id.to_ical() if recurrence_id is not None else None,
            )
            assert key not in found
            found[key] = _properties(component)
    return found


def assert_same(document):
    """``document.to_bytes()`` parses to what icalendar writes for it."""
    ours = icalendar.Calendar.from_ical(document.to_bytes())
    theirs = icalendar.Calendar.from_ical(document.calendar().to_ical())
    assert _properties(ours) == _properties(theirs)
    assert _components(ours) == _components(theirs)
    for line in document.to_bytes().split(b"\r\n"):
        assert len(line) <= 75  # folded, as RFC 5545 asks
    return ours


@pytest.fixture
def index():
    return f.event_index(title="Agenda; events, all")


@pytest.fixture
def pages(index):
    """One of each kind the feed writes."""
    hall = f.venue(
        "Zaal «Zuid», Mechelen",
        street_address="Grote Markt 1; achteraan",
        latitude=51.0259,
        longitude=4.4776,
    )
    one_off = f.panel(
        index, at(2024, 4, 19, 10), at(2024, 4, 19, 12), venue=hall, summary=TRICKY
    )
    weekly = f.workshop(
        index,
        at(2024, 1, 8, 10),
        at(2024, 1, 8, 12),
        title="Wekelijks: taal, café & 🎉",
        venue=hall,
        recurrence=f.weekly(
            until=datetime.datetime(2024, 6, 3, 20, tzinfo=datetime.UTC),
            rdates=[datetime.date(2024, 1, 10)],
            exdates=[datetime.date(2024, 2, 12)],
        ),
        occurrence_changes=[
            f.cancel(at(2024, 1, 22, 10), note="Vakantie; geen les"),
            # Across the change to summer time.
            f.move(at(2024, 4, 1, 10), at(2024, 4, 2, 11), at(2024, 4, 2, 13)),
        ],
    )
    all_day = f.panel(
        index,
        at(2024, 3, 4, 9),
        at(2024, 3, 5, 17),
        all_day=True,
        recurrence=f.weekly(count=6),
        occurrence_changes=[f.cancel(at(2024, 3, 18, 9))],
    )
    online = f.workshop(
        index,
        at(2024, 5, 2, 19),
        at(2024, 5, 2, 21),
        attendance_mode="online",
        online_url="https://meet.example.org/raad?x=1,2;y=" + "z" * 80,
        status="moved_online",
    )
    elsewhere = f.panel(
        index,
        at(2024, 6, 1, 10, zone="America/New_York"),
        at(2024, 6, 1, 11, zone="America/New_York"),
        time_zone="America/New_York",
        status="postponed",
    )
    return [one_off, weekly, all_day, online, elsewhere]


def test_feed_as_text_is_what_icalendar_writes(index, pages):
    document = calendars.index_document(index, now=at(2024, 1, 1))
    ours = assert_same(document)
    assert len(ours.walk("VEVENT")) == 6  # and the weekly one's moved date
    assert {tz["TZID"] for tz in ours.walk("VTIMEZONE")} == {
        "America/New_York",
        "Europe/Brussels",
    }
    summaries = {str(event["SUMMARY"]) for event in ours.walk("VEVENT")}
    assert "Wekelijks: taal, café & 🎉" in summaries
    descriptions = [str(event["DESCRIPTION"]) for event in ours.walk("VEVENT")]
    assert any(
        TRICKY.replace("\r\n", "\n").replace("\r", "\n") in d for d in descriptions
    )


def test_each_event_file_as_text_is_what_icalendar_writes(pages):
    for page in pages:
        assert_same(calendars.event_document(fresh(page), now=at(2024, 1, 1)))


def test_a_programme_as_text_is_what_icalendar_writes():
    conference = f.busy_conference(f.event_index(), 6, summary=TRICKY)
    assert_same(calendars.event_document(fresh(conference), now=at(2024, 1, 1)))


def test_the_view_serves_the_text(rf, index, pages):
    response = views.index_calendar(rf.get("/"), index)
    document = calendars.index_document(index)
    assert _components(icalendar.Calendar.from_ical(response.content)) == (
        _components(icalendar.Calendar.from_ical(document.calendar().to_ical()))
    )


@pytest.mark.parametrize(
    "line",
    [
        "SUMMARY:" + "a" * 66,  # 74 octets: one line
        "SUMMARY:" + "a" * 67,  # 75: folded
        "SUMMARY:" + "a" * 65 + "\\,b",  # an escape across the fold
        "SUMMARY:" + "a" * 66 + "\\" + "b" * 200,
        "SUMMARY:" + "é" * 70,  # two octets each
        "SUMMARY:" + "a" * 64 + "🎉" * 40,  # four octets each
        "DESCRIPTION:" + ("x\\n" * 60) + "^" * 80,
    ],
)
def test_lines_fold_as_icalendar_folds_them(line):
    assert ical_text.fold(line) == icalendar_strings._foldline(line)


def test_text_escapes_as_icalendar_escapes_it():
    assert ical_text.escape(TRICKY) == icalendar_strings._escape_char(TRICKY)
    assert ical_text.escape("plain text") == "plain text"


def test_shapes_it_does_not_write_go_through_icalendar():
    event = ical_text.VEvent()
    event.add("uid", "a@b")
    event.add("attendee", icalendar.vCalAddress("mailto:a@example.org"))
    event.add("dtstart", datetime.datetime(2024, 1, 1, 10))  # naive
    event.add("x-note", "free; text")
    zones = set()
    ours = icalendar.Event.from_ical(event.text(zones))
    assert _properties(ours) == _properties(event.component())
    assert zones == set()
