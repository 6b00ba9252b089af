"""A conference keeps its time zone while it has sessions: their times were typed
in that zone, and would silently move by the difference."""

import pytest

from tests import factories as f
from wagtail_events.editing.validation import validate_event


pytestmark = pytest.mark.django_db


def test_a_conference_with_sessions_keeps_its_time_zone(index):
    conference = f.conference(index)
    f.panel(conference, f.local(2024, 4, 19, 10), f.local(2024, 4, 19, 11))
    data = {"time_zone": "Europe/London"}
    fields = [field for field, _message in validate_event(conference, data, index)]
    assert fields == ["time_zone"]
    # The same zone, or a conference without sessions, is fine.
    assert validate_event(conference, {"time_zone": f.BRUSSELS}, index) == []
    empty = f.conference(index)
    assert validate_event(empty, data, index) == []
