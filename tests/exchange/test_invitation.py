"""An event by invitation: marked on its page and in the programme, its online
address in no public output (``places.online_address``), yet online in the
structured data and the calendar."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup

from tests import factories as f
from wagtail_events import places
from wagtail_events.exchange import calendars, frab_export


FUTURE = datetime.datetime.now().year + 2
S = "https://schema.org/"
OPEN_LINK = "https://meet.example.org/open-panel"
PRIVATE_LINK = "https://meet.example.org/private-counselling-7f3a"


@pytest.fixture
def conference(index):
    conf = f.conference(
        index,
        start=f.local(FUTURE, 5, 1, 9),
        end=f.local(FUTURE, 5, 1, 17),
        attendance_mode="online",
        online_url=OPEN_LINK,
    )
    f.panel(
        conf,
        f.local(FUTURE, 5, 1, 10),
        f.local(FUTURE, 5, 1, 11),
        title="Open panel",
        attendance_mode="online",
        online_url=OPEN_LINK,
    )
    return conf


@pytest.fixture
def counselling(conference):
    return f.workshop(
        conference,
        f.local(FUTURE, 5, 1, 14),
        f.local(FUTURE, 5, 1, 15),
        title="Counselling",
        attendance_mode="online",
        online_url=PRIVATE_LINK,
        access="invitation",
    )


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_rule(counselling, conference):
    assert places.by_invitation(counselling)
    assert places.online_address(counselling) == ""
    assert places.public_online_url(counselling) == ""
    assert places.online_address(counselling, admitted=True) == PRIVATE_LINK
    assert places.location_line(counselling) == ""
    # A session of a conference by invitation is by invitation too.
    conference.access = "invitation"
    assert places.online_address(conference) == ""
    panel = conference.get_children().get(title="Open panel").specific
    assert places.online_address(panel) == OPEN_LINK
    assert places.online_address(panel, conference) == ""


def test_no_public_output_gives_the_private_link(client, conference, counselling):
    urls = [
        counselling.url,
        counselling.url + "calendar.ics",
        conference.url,
        conference.url + "?view=list",
        conference.url + "calendar.ics",
        conference.url + "schedule.json",
        conference.url + "schedule.xml",
        conference.get_parent().url,
        conference.get_parent().url + "calendar.ics",
        "/sitemap.xml",
    ]
    bodies = {url: _get(client, url) for url in urls}
    assert [url for url, body in bodies.items() if PRIVATE_LINK in body] == []
    # The open panel's link is there: the outputs do carry links.
    assert OPEN_LINK in bodies[conference.url + "schedule.json"]
    assert OPEN_LINK in bodies[conference.url + "calendar.ics"]


def test_the_programme_and_the_page_say_by_invitation(client, conference, counselling):
    for url in (conference.url, conference.url + "?view=list", counselling.url):
        soup = BeautifulSoup(_get(client, url), "html.parser")
        assert "By invitation" in soup.get_text(), url
    grid = BeautifulSoup(_get(client, conference.url), "html.parser")
    marks = grid.select(".we-slot__access")
    assert marks and all(m.get_text() == "By invitation" for m in marks)
    # Only the counselling session's entry is marked.
    assert len({m.find_parent(class_="we-slot") for m in marks}) == len(marks)
    assert "Open panel" not in " ".join(
        m.find_parent(class_="we-slot").get_text() for m in marks
    )


def test_the_structured_data_stays_online_without_the_link(client, counselling):
    soup = BeautifulSoup(_get(client, counselling.url), "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["eventAttendanceMode"] == S + "OnlineEventAttendanceMode"
    assert data["location"] == {
        "@type": "VirtualLocation",
        "url": counselling.get_full_url(),
    }


def test_frab_and_calendar_leave_it_out(rf, conference, counselling):
    schedule = frab_export.schedule_json(conference)
    assert PRIVATE_LINK not in schedule and OPEN_LINK in schedule
    ics = calendars.event_calendar(counselling).to_ical().decode()
    assert PRIVATE_LINK not in ics.replace("\r\n ", "")
    private = calendars.agenda([counselling], admitted={counselling.pk})
    assert PRIVATE_LINK in private.to_ical().decode().replace("\r\n ", "")


def test_a_form_needing_approval_reads_as_ask_to_join(client, index):
    form = f.registration_form(requires_approval=True)
    page = f.workshop(
        index,
        f.local(FUTURE, 5, 1, 14),
        f.local(FUTURE, 5, 1, 15),
        access="invitation",
        registration_form=form,
    )
    soup = BeautifulSoup(_get(client, page.url), "html.parser")
    assert soup.select_one("#register button[type=submit]").get_text() == "Ask to join"
    assert (
        "Ask to join with the form below" in soup.select_one("#invitation").get_text()
    )
    page.access = "open"
    page.save()
    soup = BeautifulSoup(_get(client, page.url), "html.parser")
    assert soup.select_one("#register button[type=submit]").get_text() == "Register"
    assert soup.select_one("#invitation") is None


def test_the_meetings_of_a_series_by_invitation_keep_their_link_private(client, index):
    """A meeting follows its series as a session its conference: its link is on
    neither page nor in either calendar file, and its page says so."""
    series = f.series(index, access="invitation")
    meeting = f.meeting(
        series,
        f.local(FUTURE, 6, 2, 19),
        f.local(FUTURE, 6, 2, 21),
        title="Closed meeting",
        attendance_mode="online",
        online_url=PRIVATE_LINK,
    )
    assert meeting.access == "open"
    for url in (
        series.url,
        meeting.url,
        series.url + "calendar.ics",
        meeting.url + "calendar.ics",
        index.url + "calendar.ics",
    ):
        assert PRIVATE_LINK not in _get(client, url), url
    assert "By invitation" in _get(client, meeting.url)
