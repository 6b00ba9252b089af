"""Sessions and programme items without length (a photo moment) are listed in the
programme but take no room in the grid, and never break the conference page."""

import pytest

from tests import factories as f
from wagtail_events.programme.timetable import build_programme


pytestmark = pytest.mark.django_db


def at(hour, minute=0, day=19):
    return f.local(2024, 4, day, hour, minute)


def test_zero_length_slots_do_not_crash_the_conference_page(client):
    conference = f.conference()
    f.panel(conference, at(9), at(10), title="Long panel")
    f.panel(conference, at(9, 30), at(9, 30), title="Instant panel")
    f.programme_item(conference, at(10, 15), at(10, 15), title="Photo moment")
    # A day with nothing but a zero-length item.
    f.programme_item(conference, at(9, day=20), at(9, day=20), title="Lone moment")
    response = client.get(conference.url)
    assert response.status_code == 200
    listed = client.get(conference.url, {"view": "list"}).content.decode()
    for title in ("Instant panel", "Photo moment", "Lone moment"):
        assert title in listed
    days = build_programme(conference).days
    assert [slot.title for slot in days[0].slots] == [
        "Long panel",
        "Instant panel",
        "Photo moment",
    ]
    gridded = [c.slot.title for r in days[0].rows for c in r.cells if c.slot]
    assert gridded == ["Long panel"]
    assert days[1].rows == []
