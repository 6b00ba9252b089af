"""Change and cancellation notices: a published change to what registrants know
(times, place, online address, status) waits for the editor's confirmation,
then tells each registrant once, in their language, with a calendar entry that
updates the one their confirmation gave (same UID, higher SEQUENCE)."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.urls import reverse

from tests import factories as f
from wagtail_events.models import CalendarSequence, Delivery, Message
from wagtail_events.models.registration import RegistrationStatus
from wagtail_events.registration import change_notices, emails


pytestmark = pytest.mark.django_db

S = RegistrationStatus
START = f.local(2031, 4, 18, 9)  # a Friday
END = f.local(2031, 4, 18, 10, 30)


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    def block():
        return django_capture_on_commit_callbacks(execute=True)

    return block


def publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_event(index, **fields):
    fields.setdefault("venue", f.venue("City hall", street_address="Grote Markt 21"))
    page = f.workshop(
        index,
        START,
        END,
        title="Participation in the city council",
        registration_form=f.registration_form(capacity=10),
        **fields,
    )
    return publish(page)


def notices():
    return list(Message.objects.filter(kind="change_notice"))


def calendar_of(message):
    files = [a for a in message.attachments if a[2].startswith("text/calendar")]
    ((name, content, mimetype),) = files
    assert name == "event.ics"
    return icalendar.Calendar.from_ical(content), mimetype


def vevents(cal):
    return list(cal.walk("VEVENT"))


def send(notice, run_on_commit):
    mail.outbox.clear()
    with run_on_commit():
        return change_notices.send(notice)


def test_a_time_change_makes_one_pending_notice(index):
    page = make_event(index)
    f.registration(page)
    assert notices() == []
    publish(page, start=START + datetime.timedelta(hours=2), end=END + datetime.timedelta(hours=2))
    (notice,) = notices()
    assert notice.sent_at is None
    assert notice.data["before"]["dates"][""]["start"] == "2031-04-18T07:00:00+00:00"
    assert notice.data["after"]["dates"][""]["start"] == "2031-04-18T09:00:00+00:00"
    # A second publish before the confirmation keeps "before", updates "after".
    publish(page, start=START + datetime.timedelta(hours=3), end=END + datetime.timedelta(hours=3))
    (again,) = notices()
    assert again.pk == notice.pk
    assert again.data["before"]["dates"][""]["start"] == "2031-04-18T07:00:00+00:00"
    assert again.data["after"]["dates"][""]["start"] == "2031-04-18T10:00:00+00:00"
