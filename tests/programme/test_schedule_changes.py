"""Changes to a published programme are recorded (programme.changes): the
conference page shows them, the frab version counts the releases and calendar
SEQUENCE rises for the entries that changed."""

import json

import icalendar
import pytest

from tests import factories as f
from wagtail_events.models import CalendarSequence, ScheduleChange
from wagtail_events.programme import changes


pytestmark = pytest.mark.django_db


def at(hour, minute=0, day=19):
    return f.local(2024, 4, day, hour, minute)


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def venue():
    return f.venue(rooms=["Dijlezaal", "Zennezaal"])


@pytest.fixture
def conf(index, venue):
    conference = f.conference(index, venue=venue)
    return conference


@pytest.fixture
def talk(conf, venue):
    session = f.panel(
        conf, at(10), at(11), title="Urban renewal", room=f.room(venue, "Dijlezaal")
    )
    publish(conf)  # the baseline
    return session


def recorded(conf):
    return list(
        ScheduleChange.objects.filter(conference_key=conf.translation_key)
        .order_by("pk")
        .values_list("entry_title", "what", "before", "after")
    )


def test_first_publish_is_the_baseline(conf, talk):
    publish(talk)
    assert recorded(conf) == []
    assert changes.release(conf) == 1


def test_nothing_is_recorded_before_the_conference_is_live(index):
    conference = f.conference(index, live=False)
    f.panel(conference, at(10), at(11))
    assert changes.record(conference) == []
    assert changes.release(conference) is None


def test_a_new_time_is_recorded_with_before_and_after(conf, talk):
    talk.start, talk.end = at(14), at(15, 30)
    publish(talk)
    assert recorded(conf) == [
        (
            "Urban renewal",
            "time",
            "2024-04-19T10:00:00|2024-04-19T11:00:00",
            "2024-04-19T14:00:00|2024-04-19T15:30:00",
        )
    ]
    assert changes.release(conf) == 2


def test_a_new_room_is_recorded(conf, talk, venue):
    talk.room = f.room(venue, "Zennezaal")
    publish(talk)
    assert recorded(conf) == [("Urban renewal", "place", "Dijlezaal", "Zennezaal")]


def test_a_new_status_is_recorded(conf, talk):
    talk.status = "cancelled"
    publish(talk)
    assert recorded(conf) == [("Urban renewal", "status", "scheduled", "cancelled")]


def test_an_unpublished_session_is_removed(conf, talk):
    talk.unpublish()
    assert recorded(conf) == [("Urban renewal", "removed", "", "")]


def test_a_deleted_session_is_removed(conf, talk):
    talk.delete()
    assert recorded(conf) == [("Urban renewal", "removed", "", "")]


def test_a_programme_item_moved_in_the_conference_is_recorded(client, conf, talk):
    item = f.programme_item(conf, at(11), at(11, 30), title="Coffee")
    publish(conf)  # the item joins the published programme
    item.start, item.end = at(11, 15), at(11, 45)
    item.save()
    publish(conf)
    assert recorded(conf) == [
        (
            "Coffee",
            "time",
            "2024-04-19T11:00:00|2024-04-19T11:30:00",
            "2024-04-19T11:15:00|2024-04-19T11:45:00",
        )
    ]
    # Items have no page of their own: their calendar sequence rises here, and
    # the conference's calendar file gives it, so that apps take the new time.
    assert CalendarSequence.objects.get(translation_key=item.translation_key).sequence
    calendar = icalendar.Calendar.from_ical(
        client.get(conf.url + "calendar.ics").content
    )
    (coffee,) = [e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == "Coffee"]
    assert coffee["SEQUENCE"] == 1


def test_calendar_sequence_rises_when_time_place_or_status_changes(conf, talk, venue):
    def sequence():
        return CalendarSequence.objects.get(
            translation_key=talk.translation_key
        ).sequence

    publish(talk)
    first = sequence()
    talk.room = f.room(venue, "Zennezaal")
    publish(talk)
    assert sequence() == first + 1
    talk.status = "postponed"
    publish(talk)
    assert sequence() == first + 2
    talk.summary = "Only the words changed"
    publish(talk)
    assert sequence() == first + 2


def test_frab_version_follows_the_releases(client, conf, talk):
    def version():
        return json.loads(client.get(conf.url + "schedule.json").content)["schedule"][
            "version"
        ]

    before = version()
    assert before.startswith("1.")
    talk.start, talk.end = at(16), at(17)
    publish(talk)
    assert version().startswith("2.")


def test_the_conference_page_shows_what_changed(client, conf, talk, venue):
    talk.start, talk.end = at(14), at(15, 30)
    talk.room = f.room(venue, "Zennezaal")
    publish(talk)
    html = client.get(conf.url).content.decode()
    section = html[html.index('id="we-schedule-changes-heading"') :]
    assert "What changed" in html
    assert "Urban renewal" in section
    assert "10:00" in section and "14:00" in section
    assert "<del>Dijlezaal</del>" in section and "<ins>Zennezaal</ins>" in section
    assert f'href="#entry-{talk.translation_key}"' in section


def test_no_section_without_changes(client, conf, talk):
    assert "we-schedule-changes" not in client.get(conf.url).content.decode()


def test_translations_share_one_history(client, conf, talk):
    dutch = f.translate(conf)
    talk.start, talk.end = at(14), at(15)
    with f.run_after_commit():
        publish(talk)
    assert len(recorded(conf)) == 1
    assert dutch.translation_key == conf.translation_key
    assert changes.history(dutch)[0].what == "time"
    # Publishing the Dutch translation with the same times records nothing new.
    dutch_talk = talk.get_translation(dutch.locale).specific
    publish(dutch_talk)
    assert len(recorded(conf)) == 1
    html = client.get(dutch.url).content.decode()
    assert "we-schedule-changes" in html


def test_page_queries_do_not_grow_with_the_history(
    client, conf, talk, django_assert_num_queries
):
    client.get(conf.url)  # warm caches
    talk.start, talk.end = at(12), at(13)
    publish(talk)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(conf.url)
    for hour in (14, 15, 16, 9):
        talk.start, talk.end = at(hour), at(hour, 45)
        publish(talk)
    assert len(recorded(conf)) == 5
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(conf.url)
