"""Hostile schedule files: every class the import can be handed (control
characters, out-of-range dates and times, overflowing durations, deep nesting,
too many values, huge numbers, wrong types, invalid UTF-8, a file over the size
limit) goes to the command line and to the admin's upload; neither fails, and a
refused file changes nothing.

The files are generated here from tests/data/frab/small.json, not kept in git.
"""

import io
import json
import re
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Page, Revision

from tests import factories as f
from wagtail_events.exchange import frab, frab_limits
from wagtail_events.models import Person, Room


pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data" / "frab"
GUID = "0b6f6f53-6f0e-4c39-8d2e-6a7d5b1f3e21"  # small.json's first event


def small():
    return json.loads((DATA / "small.json").read_text())


def first_event(data):
    return data["schedule"]["conference"]["days"][0]["rooms"]["Room A"][0]


def changed(where, key, value):
    data = small()
    conference = data["schedule"]["conference"]
    target = {
        "event": first_event(data),
        "conference": conference,
        "day": conference["days"][0],
    }[where]
    target[key] = value
    return json.dumps(data).encode()


def nested(depth):
    data = small()
    first_event(data)["links"] = json.loads("[" * depth + "]" * depth)
    return json.dumps(data).encode()


# Refused: the whole file, with a message; nothing is written.
REFUSED = {
    "NUL in a title": (changed("event", "title", "A\x00talk"), "U+0000"),
    "escape in a person's name": (
        changed("event", "persons", [{"name": "Alex\x1bMoreau"}]),
        "U+001B",
    ),
    "bell in a room name": (changed("day", "rooms", {"Room\x07A": []}), "U+0007"),
    "DEL in a description": (changed("event", "description", "x\x7fy"), "U+007F"),
    "NUL in the time zone": (changed("conference", "time_zone_name", "\x00"), "U+0000"),
    "nested 40 deep": (nested(40), "deeper than 32 levels"),
    "nested 5,000 deep": (
        b'{"schedule":' + b"[" * 5000 + b"]" * 5000 + b"}",
        "deeper than 32 levels",
    ),
    "too many objects": (
        b'{"schedule":[' + b",".join([b"{}"] * 100_001) + b"]}",
        "more entries",
    ),
    "too many values": (b'{"schedule":[' + b"1," * 400_001 + b"1]}", "more entries"),
    "too many events": (
        json.dumps(
            {
                "schedule": {
                    "conference": {"days": [{"rooms": {"A": [{"title": "x"}] * 5001}}]}
                }
            }
        ).encode(),
        "5001 events",
    ),
    "a number of 5,000 digits": (b'{"schedule": ' + b"9" * 5000 + b"}", "valid JSON"),
    "NaN": (b'{"schedule": NaN}', "valid JSON"),
    "invalid UTF-8": (b'{"schedule": "\xff\xfe"}', "UTF-8"),
    "a list, not a schedule": (b"[1, 2]", "JSON object"),
    "days that are a string": (changed("conference", "days", "monday"), "“days”"),
}

# Read: the event with the hostile value is skipped (the report says why), or
# its value is left out (a date the file gives twice, a person without a name).
OUT_OF_RANGE = [
    ("date", "99999-01-01T10:00:00"),
    ("date", "0000-00-00"),
    ("date", "2026-02-30T10:00:00"),
    ("date", "9999-12-31T23:59:00+02:00"),
    ("date", "9999-12-31T23:59:00"),
    ("date", "0001-01-01T00:00:00"),
    ("date", "0001-01-01T00:00:00+14:00"),
    ("end", "0001-01-01T00:00:00"),
    ("end", "9999-12-31T23:59:59"),
    ("duration", "99999:00"),
    ("duration", "99999999:00"),
    ("duration", "9" * 5000 + ":00"),
    ("duration", 1e308),
    ("start", "99:99"),
    ("guid", ["not", "a", "guid"]),
    ("title", {"not": "a title"}),
    ("persons", "not a list"),
    ("persons", [17, None, {"name": 5}]),
    ("room", 12345678901234567890),
    ("title", "x" * 100_000),
]


@pytest.fixture
def conference(index):
    return f.conference(
        index,
        title="Small",
        venue=f.venue("Small venue", rooms=["Room A"]),
        start=f.local(2024, 4, 19, 9),
        end=f.local(2024, 4, 20, 18),
    )


def counts():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        Person.objects.count(),
        Room.objects.count(),
    )


def upload(content):
    file = io.BytesIO(content)
    file.name = "schedule.json"
    return file


def import_url(conference):
    return reverse("wagtail_events_schedule_import", args=(conference.pk,))


@pytest.mark.parametrize("name", REFUSED)
def test_the_command_refuses_a_hostile_file(name, conference, tmp_path):
    content, message = REFUSED[name]
    path = tmp_path / "schedule.json"
    path.write_bytes(content)
    before = counts()
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("import_schedule", str(conference.pk), str(path))
    assert counts() == before


@pytest.mark.parametrize("name", REFUSED)
def test_the_upload_refuses_a_hostile_file(name, conference, admin_client):
    content, message = REFUSED[name]
    before = counts()
    response = admin_client.post(import_url(conference), {"file": upload(content)})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert counts() == before


def test_the_refusal_names_the_entry():
    with pytest.raises(frab.ScheduleError) as error:
        frab.load_schedule(changed("event", "title", "A\x00talk"))
    assert "days › 1 › rooms › Room A › 1 (“Atalk”) › title" in str(error.value)
    with pytest.raises(frab.ScheduleError, match="persons › 1 .“AlexMoreau”. › name"):
        frab.load_schedule(changed("event", "persons", [{"name": "Alex\x1bMoreau"}]))


def test_parsed_data_is_checked_too(conference):
    data = json.loads(changed("event", "title", "A\x00talk"))
    with pytest.raises(frab.ScheduleError, match="U\\+0000"):
        frab.import_schedule(conference, data)


def test_tabs_and_line_breaks_are_text():
    data = frab.load_schedule(changed("event", "description", "a\tb\r\nc"))
    assert first_event(data)["description"] == "a\tb\r\nc"


@pytest.mark.parametrize(("key", "value"), OUT_OF_RANGE, ids=repr)
def test_a_value_out_of_range_skips_its_event(key, value, conference, tmp_path):
    path = tmp_path / "schedule.json"
    path.write_bytes(changed("event", key, value))
    out = io.StringIO()
    call_command("import_schedule", str(conference.pk), str(path), stdout=out)
    assert "Second talk" in out.getvalue()  # the other event is imported
    for page in Page.objects.filter(translation_key=GUID).specific():
        assert 2024 == page.start.year == page.end.year
        assert page.start < page.end


def test_out_of_range_values_through_the_upload(conference, admin_client):
    for key, value in OUT_OF_RANGE:
        response = admin_client.post(
            import_url(conference),
            {"file": upload(changed("event", key, value)), "dry_run": "on"},
        )
        assert response.status_code == 200, (key, value)
        assert "Second talk" in response.content.decode()


# The size limit: one setting, for both ways in, checked before reading.


@override_settings(WAGTAIL_EVENTS_SCHEDULE_MAX_BYTES=1000)
def test_a_file_over_the_limit_is_refused_everywhere(
    conference, admin_client, tmp_path, monkeypatch
):
    content = json.dumps(small()).encode()
    assert len(content) > 1000
    before = counts()
    path = tmp_path / "schedule.json"
    path.write_bytes(content)
    with pytest.raises(CommandError, match="larger than 0.000953674 MB"):
        call_command("import_schedule", str(conference.pk), str(path))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(content)))
    with pytest.raises(CommandError, match="WAGTAIL_EVENTS_SCHEDULE_MAX_BYTES"):
        call_command("import_schedule", str(conference.pk), "-")
    response = admin_client.post(import_url(conference), {"file": upload(content)})
    assert "WAGTAIL_EVENTS_SCHEDULE_MAX_BYTES" in response.content.decode()
    with pytest.raises(frab.ScheduleError, match="larger"):
        frab.load_schedule(content.decode())
    assert counts() == before


def test_the_limit_reads_one_byte_past_it():
    class Endless(io.RawIOBase):
        read_sizes = []

        def read(self, size=-1):
            self.read_sizes.append(size)
            return b" " * size

    with pytest.raises(frab_limits.LimitError):
        frab_limits.read_limited(Endless())
    assert Endless.read_sizes == [frab_limits.max_bytes() + 1]


def test_the_default_limit_takes_a_real_file_and_a_large_programme():
    frab_dir = Path(__file__).resolve().parents[3] / "shared" / "frab"
    # A real frab file (79 events, indented) is 2 % of the default: a 2,000-person
    # conference's 1,000 events, three times over, fit.
    assert frab_limits.max_bytes() == 10 * 1024 * 1024
    size = (frab_dir / "example-frab-camp2019.json").stat().st_size
    assert size * 3000 / 79 < frab_limits.max_bytes()
    frab.load_schedule((frab_dir / "example-frab-camp2019.json").read_bytes())
