"""A session with a view restriction of its own (members only, a password) is
left out of its conference's public programme, calendar and schedule; a
restriction above the conference does not hide the sessions from those who may
see the conference."""

import json

import pytest
from wagtail.models import PageViewRestriction

from tests import factories as f


pytestmark = pytest.mark.django_db


def at(hour, minute=0, day=19):
    return f.local(2024, 4, day, hour, minute)


def restrict(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )


@pytest.fixture
def member(client, django_user_model):
    user = django_user_model.objects.create_user("member", "m@example.org", "pw")
    client.force_login(user)
    return user


def feeds(client, conference):
    """The conference page, its calendar file and the titles of its schedule."""
    page = client.get(conference.url)
    assert page.status_code == 200
    ics = client.get(conference.url + "calendar.ics")
    assert ics.status_code == 200
    schedule = client.get(conference.url + "schedule.json")
    assert schedule.status_code == 200
    data = json.loads(schedule.content)
    titles = [
        event["title"]
        for day in data["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    ]
    return page.content.decode(), ics.content.decode(), titles


def test_members_only_session_is_left_out_of_the_public_programme(client):
    conference = f.conference()
    f.panel(conference, at(9), at(10), title="Open panel")
    f.panel(conference, at(11), at(12), title="Closed panel")
    restrict(conference.get_children().get(title="Closed panel"))
    html, ics, titles = feeds(client, conference)
    assert "Open panel" in html and "Closed panel" not in html
    assert "Open panel" in ics and "Closed panel" not in ics
    assert titles == ["Open panel"]


def test_conference_under_a_restricted_index_lists_its_sessions_to_members(
    client, member
):
    index = f.event_index()
    restrict(index)
    conference = f.conference(index)
    f.panel(conference, at(9), at(10), title="Members panel")
    html, ics, titles = feeds(client, conference)
    assert "Members panel" in html
    assert "Members panel" in ics
    assert titles == ["Members panel"]
