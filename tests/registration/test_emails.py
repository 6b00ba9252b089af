"""The registration e-mails: what each says, in which language, with which
calendar file and cancellation link, sent after the registration committed, through
the task framework's immediate backend, into ``mail.outbox``."""

import datetime
import re
import smtplib
from unittest import mock
from urllib.parse import urlsplit

import icalendar
import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import Locale

from tests import factories as f
from wagtail_events import tasks
from wagtail_events.exchange import calendars as calendar
from wagtail_events.models import Occurrence
from wagtail_events.models.registration import (
    Registration,
    RegistrationStatus,
)
from wagtail_events.registration import changes, emails, keys, session_choices, writer
from wagtail_events.registration.signals import registration_email_due
from wagtail_events.signal_handlers import enqueue_registration_email


pytestmark = pytest.mark.django_db

S = RegistrationStatus
NOW = f.local(2024, 3, 1, 12)
START = f.local(2024, 4, 19, 9)  # a Friday
END = f.local(2024, 4, 19, 10, 30)
DEADLINE = datetime.datetime(2099, 4, 10, 16, tzinfo=datetime.UTC)
CANCEL_LINK = re.compile(r"https?://\S+?/registration/[\w-]+/")


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run what the block enqueues after commit, as a real request would."""

    def block():
        return django_capture_on_commit_callbacks(execute=True)

    return block


def make_event(index, form, title="Participation in the city council", **fields):
    fields.setdefault(
        "venue",
        f.venue("City hall", street_address="Grote Markt 21", postal_code="2800"),
    )
    return f.workshop(index, START, END, title=title, registration_form=form, **fields)


def upcoming_event(index, form):
    """An event ahead of today, for what goes through the visitor's form (which
    registers at the real time)."""
    year = timezone.now().year + 2
    return f.workshop(
        index,
        f.local(year, 4, 19, 9),
        f.local(year, 4, 19, 10, 30),
        title="Participation in the city council",
        registration_form=form,
    )


def register(run_on_commit, page, form, email="ada@example.org", **kwargs):
    kwargs.setdefault("name", email.split("@")[0].capitalize())
    kwargs.setdefault(
        "now", NOW
    )  # before the event: registration closes when it begins
    with run_on_commit():
        return writer.register(page, form, email=email, **kwargs)


def mails_to(address):
    return [m for m in mail.outbox if address in m.to[0]]


def html(message):
    (content, mimetype), *others = message.alternatives
    assert mimetype == "text/html" and not others
    return content


def calendar_of(message):
    """The attached calendar file, parsed as a calendar app would; None without."""
    files = [a for a in message.attachments if a[2].startswith("text/calendar")]
    if not files:
        return None
    (name, content, _mimetype), *others = files
    assert name == "event.ics" and not others
    return icalendar.Calendar.from_ical(content)


def vevents(cal):
    return list(cal.walk("VEVENT"))


def cancel_link(message):
    links = set(CANCEL_LINK.findall(message.body))
    assert len(links) == 1, message.body
    link = links.pop()
    assert f'href="{link}"' in html(message)
    return link


def path(url):
    return urlsplit(url).path


def public_uids(client, page):
    response = client.get(page.url + "calendar.ics")
    assert response.status_code == 200
    return {e["UID"] for e in vevents(icalendar.Calendar.from_ical(response.content))}


# Confirmation


def test_confirmation_of_a_place(index, run_on_commit):
    form = f.registration_form(
        capacity=10,
        cancellation_deadline=DEADLINE,
        cancellation_policy="A no-show costs 25 euro.",
        confirmation_email_text="Bring your identity card.",
    )
    page = make_event(index, form)
    outcome = register(run_on_commit, page, form, name="Ada Lovelace")
    (message,) = mail.outbox
    assert message.to == ["Ada Lovelace <ada@example.org>"]
    assert message.from_email == "Events example site <events@example.org>"
    assert (
        message.subject == "Registration confirmed: Participation in the city council"
    )
    body = message.body
    assert body.startswith("Dear Ada Lovelace,\n\nThank you for registering")
    for expected in (
        "Participation in the city council",
        "When: Friday 19 April 2024, 09:00–10:30 (Europe/Brussels)",
        "Where: City hall, Grote Markt 21, 2800 Mechelen, Belgium",
        "Your place is confirmed.",
        "Bring your identity card.",
        "A no-show costs 25 euro.",
        "You can cancel until Friday 10 April 2099, 18:00 (Europe/Brussels).",
        "More about the event: " + page.get_full_url(),
        "attached as a calendar file (event.ics)",
        "so that someone else can have your place",
    ):
        assert expected in body, expected
    assert "\n\n\n" not in body
    link = cancel_link(message)
    assert link == page.get_full_url() + f"registration/{outcome.token}/"
    content = html(message)
    assert '<html lang="en">' in content
    assert "Friday 19 April 2024, 09:00–10:30 (Europe/Brussels)" in content
    assert f'<a href="{page.get_full_url()}">' in content
    assert "Bring your identity card." in content
    # The whole message serialises: headers, both parts and the attachment.
    raw = message.message().as_bytes()
    assert b"multipart/mixed" in raw and b"text/calendar" in raw


def test_text_part_is_not_html_escaped_and_the_html_part_is(index, run_on_commit):
    form = f.registration_form()
    page = make_event(index, form, title="Pots & <Pans>")
    register(run_on_commit, page, form)
    (message,) = mail.outbox
    assert message.subject == "Registration confirmed: Pots & <Pans>"
    assert "Pots & <Pans>" in message.body and "&amp;" not in message.body
    assert "Pots &amp; &lt;Pans&gt;" in html(message)
    assert "<Pans>" not in html(message)


def test_waiting_list_with_position(index, run_on_commit):
    form = f.registration_form(capacity=1, waiting_list=True)
    page = make_event(index, form)
    for email in ("a@example.org", "b@example.org", "c@example.org"):
        register(run_on_commit, page, form, email=email)
    (message,) = mails_to("c@example.org")
    assert message.subject == "On the waiting list: Participation in the city council"
    assert "you are on the waiting list, at position 2." in message.body
    assert "at position 2" in html(message)
    # They hold no place to give to someone else.
    assert "See, change or cancel your registration:" in message.body
    assert "someone else can have your place" not in message.body
    # Waiting people may well go: the event is in their calendar too.
    assert len(vevents(calendar_of(message))) == 1
    cancel_link(message)


def test_awaiting_approval_has_no_calendar(index, run_on_commit):
    form = f.registration_form(requires_approval=True, cancellation_deadline=DEADLINE)
    page = make_event(index, form)
    register(run_on_commit, page, form)
    (message,) = mail.outbox
    assert message.subject == "Registration received: Participation in the city council"
    assert "awaits the organiser’s approval" in message.body
    assert calendar_of(message) is None
    assert "calendar file" not in message.body
    # The deadline binds people holding a place; they hold none yet.
    assert "You can cancel until" not in message.body
    cancel_link(message)


def test_calendar_uid_is_that_of_the_public_calendar(index, run_on_commit, client):
    form = f.registration_form()
    page = make_event(index, form)
    register(run_on_commit, page, form)
    (event,) = vevents(calendar_of(mail.outbox[0]))
    assert event["UID"] == calendar.event_uid(page)
    assert public_uids(client, page) == {event["UID"]}
    assert event.decoded("DTSTART") == START
    assert event.decoded("DTEND") == END


def test_sender_setting(index, run_on_commit, settings):
    settings.WAGTAIL_EVENTS_EMAIL_FROM = "Registrations <registrations@example.org>"
    form = f.registration_form()
    register(run_on_commit, make_event(index, form), form)
    assert mail.outbox[0].from_email == "Registrations <registrations@example.org>"


def test_online_event_gives_its_address(index, run_on_commit):
    form = f.registration_form()
    page = make_event(
        index,
        form,
        venue=None,
        attendance_mode="online",
        online_url="https://meet.example.org/council",
    )
    register(run_on_commit, page, form)
    (message,) = mail.outbox
    assert "https://meet.example.org/council" in message.body
    assert 'href="https://meet.example.org/council"' in html(message)


@pytest.mark.parametrize(
    ("status", "shown"), [("moved_online", True), ("scheduled", False)]
)
def test_the_online_address_follows_the_one_rule(index, run_on_commit, status, shown):
    """An in-person event names a stream's address: not where to go, unless the
    event moved online (``places.online_address``, as the page says)."""
    form = f.registration_form()
    page = make_event(
        index,
        form,
        status=status,
        attendance_mode="in_person",
        online_url="https://meet.example.org/council",
    )
    register(run_on_commit, page, form)
    (message,) = mail.outbox
    assert ("Online: https://meet.example.org/council" in message.body) is shown
    assert ('href="https://meet.example.org/council"' in html(message)) is shown


# Cancelling with the link, and the place going to the next person


def test_cancellation_link_cancels_and_promotes_the_next(index, run_on_commit, client):
    form = f.registration_form(capacity=1, waiting_list=True)
    page = make_event(index, form)
    first = register(run_on_commit, page, form, email="ann@example.org")
    second = register(run_on_commit, page, form, email="bob@example.org")
    (confirmation,) = mails_to("ann@example.org")
    (first_mail,) = mails_to("bob@example.org")
    url = path(cancel_link(confirmation))

    response = client.get(url)
    assert response.status_code == 200
    assert "Yes, cancel my registration" in response.text
    assert Registration.objects.get(pk=first.registration.pk).status == S.CONFIRMED

    mail.outbox.clear()
    with run_on_commit():
        response = client.post(url)
    assert response.status_code == 200
    assert Registration.objects.get(pk=first.registration.pk).status == S.CANCELLED
    assert Registration.objects.get(pk=second.registration.pk).status == S.CONFIRMED
    (cancelled,) = mails_to("ann@example.org")
    assert cancelled.subject.startswith("Registration cancelled: ")
    assert "is cancelled, as you asked" in cancelled.body
    assert calendar_of(cancelled) is None
    assert not CANCEL_LINK.search(cancelled.body)
    (promoted,) = mails_to("bob@example.org")
    assert promoted.subject == "A place for you: Participation in the city council"
    assert "a place became free" in promoted.body
    assert "Your place is confirmed." in promoted.body
    assert len(vevents(calendar_of(promoted))) == 1
    # The same link as in the first e-mail (one link per registration).
    assert path(cancel_link(promoted)) == path(cancel_link(first_mail))


def test_already_registered_gets_the_same_link_again(index, run_on_commit, client):
    form = f.registration_form()
    page = make_event(index, form)
    register(run_on_commit, page, form)
    old = path(cancel_link(mail.outbox[0]))
    mail.outbox.clear()
    outcome = register(run_on_commit, page, form, email="ADA@example.org")
    assert outcome.duplicate
    (message,) = mail.outbox
    assert message.to == ["Ada <ada@example.org>"]  # the registered address
    assert message.subject == (
        "You are already registered: Participation in the city council"
    )
    assert "nothing has changed" in message.body
    assert "Your place is confirmed." in message.body
    assert "no longer works" not in message.body
    assert len(vevents(calendar_of(message))) == 1
    assert path(cancel_link(message)) == old
    assert client.get(old).status_code == 200


# The organiser's decisions


def test_approved_to_a_place(index, run_on_commit):
    form = f.registration_form(requires_approval=True, capacity=5)
    page = make_event(index, form)
    outcome = register(run_on_commit, page, form)
    mail.outbox.clear()
    with run_on_commit():
        changes.approve(outcome.registration)
    (message,) = mail.outbox
    assert message.subject == "Registration approved: Participation in the city council"
    assert "The organiser approved your registration" in message.body
    assert "Your place is confirmed." in message.body
    assert len(vevents(calendar_of(message))) == 1
    assert CANCEL_LINK.search(message.body)


def test_approved_to_the_waiting_list(index, run_on_commit):
    form = f.registration_form(requires_approval=True, capacity=1, waiting_list=True)
    page = make_event(index, form)
    ann = register(run_on_commit, page, form, email="ann@example.org")
    bob = register(run_on_commit, page, form, email="bob@example.org")
    with run_on_commit():
        changes.approve(ann.registration)
    mail.outbox.clear()
    with run_on_commit():
        changes.approve(bob.registration)
    (message,) = mail.outbox
    assert "The organiser approved your registration" in message.body
    assert "you are on the waiting list, at position 1." in message.body
    assert calendar_of(message) is not None


def test_declined(index, run_on_commit):
    form = f.registration_form(requires_approval=True)
    page = make_event(index, form)
    outcome = register(run_on_commit, page, form)
    mail.outbox.clear()
    with run_on_commit():
        changes.decline(outcome.registration)
    (message,) = mail.outbox
    assert message.subject == "Registration declined: Participation in the city council"
    assert "could not accept your registration" in message.body
    assert calendar_of(message) is None
    assert not CANCEL_LINK.search(message.body)
    assert "Can’t come" not in message.body


def test_cancelled_by_organiser(index, run_on_commit):
    form = f.registration_form(cancellation_deadline=DEADLINE)
    page = make_event(index, form)
    outcome = register(run_on_commit, page, form)
    mail.outbox.clear()
    with run_on_commit():
        changes.cancel_by_organiser(outcome.registration)
    (message,) = mail.outbox
    assert message.subject.startswith("Your registration was cancelled: ")
    assert "The organiser cancelled your registration" in message.body
    assert calendar_of(message) is None
    assert "You can cancel until" not in message.body


# Language


def test_dutch_registration_gets_dutch_dates(index, run_on_commit):
    form = f.registration_form()
    page = f.workshop(
        index,
        f.local(2024, 3, 15, 19),  # a Friday in March
        f.local(2024, 3, 15, 21),
        registration_form=form,
    )
    register(run_on_commit, page, form, language="nl")
    (message,) = mail.outbox
    assert "vrijdag 15 maart 2024, 19:00–21:00" in message.body
    assert "vrijdag 15 maart 2024" in html(message)
    assert '<html lang="nl">' in html(message)
    assert message.extra_headers["Content-Language"] == "nl"
    assert "Friday" not in message.body and "March" not in message.body


@pytest.mark.parametrize("language", ["", "xx-unknown"])
def test_no_or_unknown_language_falls_back_to_the_site_language(
    index, run_on_commit, language
):
    form = f.registration_form()
    register(run_on_commit, make_event(index, form), form, language=language)
    (message,) = mail.outbox
    assert "Friday 19 April 2024" in message.body
    assert message.extra_headers["Content-Language"] == "en"


# Headers


def test_newlines_in_the_title_do_not_break_the_subject(index, run_on_commit):
    form = f.registration_form()
    page = make_event(index, form, title="Open day\r\nBcc: attacker@example.org\x0b")
    register(run_on_commit, page, form)
    (message,) = mail.outbox
    assert message.subject == (
        "Registration confirmed: Open day Bcc: attacker@example.org"
    )
    parsed = message.message()
    assert parsed["Bcc"] is None
    assert len(message.recipients()) == 1
    headers = parsed.as_bytes().split(b"\n\n", 1)[0]
    assert b"\nBcc:" not in headers and b"\x0b" not in headers


# Failures and erased data


def test_a_mail_server_failure_loses_no_registration(index, run_on_commit, client):
    form = f.registration_form()
    page = upcoming_event(index, form)
    data = {
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "privacy_accepted": "on",
        "website": "",
    }
    failure = smtplib.SMTPServerDisconnected("the mail server went away")
    with mock.patch.object(EmailBackend, "send_messages", side_effect=failure) as sent:
        with run_on_commit():
            response = client.post(page.url + "register/", data)
    assert sent.called
    assert response.status_code == 302
    assert response["Location"] == page.url + "register/?done"
    assert client.get(response["Location"]).status_code == 200
    registration = Registration.objects.get(email="ada@example.org")
    assert registration.status == S.CONFIRMED
    assert mail.outbox == []


def test_a_sites_failing_receiver_keeps_no_e_mail_back(
    index, run_on_commit, client, caplog
):
    """A site may hear of every e-mail due (``registration_email_due``); its
    receiver failing is logged and neither stops the e-mail nor the
    registration."""
    heard = []

    def crm(sender, kind, registration_id, token=None, **kwargs):
        heard.append((kind, registration_id, token))
        raise RuntimeError("the CRM is down")

    page = upcoming_event(index, f.registration_form())
    data = {"name": "Ada Lovelace", "email": "ada@example.org"}
    data |= {"privacy_accepted": "on", "website": ""}
    # Heard before the package's own receiver, which sends the e-mail.
    uid = "wagtail_events_registration_email"
    registration_email_due.disconnect(dispatch_uid=uid)
    registration_email_due.connect(crm)
    registration_email_due.connect(enqueue_registration_email, dispatch_uid=uid)
    try:
        with run_on_commit():
            response = client.post(page.url + "register/", data)
    finally:
        registration_email_due.disconnect(crm)
    registration = Registration.objects.get(email="ada@example.org")
    assert response.status_code == 302
    # The token is no longer carried: every e-mail derives the same link.
    assert heard == [("confirmation", registration.pk, None)]
    assert [message.to for message in mail.outbox] == [
        ["Ada Lovelace <ada@example.org>"]
    ]
    assert "the CRM is down" in caplog.text


def test_the_task_reports_a_failed_mail(index):
    form = f.registration_form()
    outcome = writer.register(
        make_event(index, form), form, name="Ada", email="ada@example.org", now=NOW
    )
    failure = smtplib.SMTPServerDisconnected("the mail server went away")
    with mock.patch.object(EmailBackend, "send_messages", side_effect=failure):
        result = tasks.send_registration_email.enqueue(
            "confirmation", outcome.registration.pk, outcome.token
        )
    assert result.status == "FAILED"
    assert Registration.objects.filter(pk=outcome.registration.pk).exists()


def test_nothing_is_sent_to_an_erased_or_deleted_registration(index):
    form = f.registration_form()
    page = make_event(index, form)
    outcome = writer.register(page, form, name="Ada", email="ada@example.org", now=NOW)
    registration = outcome.registration
    result = tasks.send_registration_email.enqueue("confirmation", registration.pk)
    assert result.return_value is True
    mail.outbox.clear()

    Registration.objects.filter(pk=registration.pk).update(erased_at=timezone.now())
    result = tasks.send_registration_email.enqueue("confirmation", registration.pk)
    assert result.return_value is False
    assert emails.send("cancelled_by_organiser", registration.pk) is False
    # The event's page deleted (and with it every translation): nothing to say.
    Registration.objects.filter(pk=registration.pk).update(erased_at=None)
    page.delete()
    assert emails.send("confirmation", registration.pk) is False
    assert emails.send("confirmation", registration.pk + 1000) is False
    assert mail.outbox == []


def test_an_unknown_kind_is_refused(index):
    form = f.registration_form()
    outcome = writer.register(
        make_event(index, form), form, name="Ada", email="ada@example.org", now=NOW
    )
    with pytest.raises(ValueError, match="Unknown registration e-mail 'reminder'"):
        emails.send("reminder", outcome.registration.pk)
    assert mail.outbox == []
    assert set(emails.KINDS) == {
        "confirmation",
        "already_registered",
        "promoted",
        "approved",
        "declined",
        "cancelled",
        "cancelled_by_organiser",
        "changed",
    }


# One date of a repeating event, one run of a site visit, chosen sessions


def test_one_date_of_a_repeating_event(index, run_on_commit):
    form = f.registration_form()
    page = f.repeating(
        index,
        f.local(2024, 3, 19, 19),
        f.local(2024, 3, 19, 21),
        "RRULE:FREQ=WEEKLY;COUNT=5",
        registration_form=form,
    )
    date = Occurrence.objects.get(page=page, original_start=f.local(2024, 4, 2, 19))
    register(run_on_commit, page, form, occurrence=date, now=NOW)
    (message,) = mail.outbox
    assert "Tuesday 2 April 2024, 19:00–21:00" in message.body
    assert "19 March" not in message.body
    (event,) = vevents(calendar_of(message))
    assert "RRULE" not in event
    assert event.decoded("DTSTART") == f.local(2024, 4, 2, 19)


def test_a_moved_date_shows_where_it_went(index, run_on_commit):
    form = f.registration_form()
    planned = f.local(2024, 4, 2, 19)
    page = f.repeating(
        index,
        f.local(2024, 3, 19, 19),
        f.local(2024, 3, 19, 21),
        "RRULE:FREQ=WEEKLY;COUNT=5",
        registration_form=form,
        changes=[
            {
                "original_start": planned,
                "action": "move",
                "new_start": f.local(2024, 4, 3, 20),
                "new_end": f.local(2024, 4, 3, 22),
            }
        ],
    )
    register(run_on_commit, page, form, occurrence_start=planned, now=NOW)
    (message,) = mail.outbox
    assert "Wednesday 3 April 2024, 20:00–22:00" in message.body
    (event,) = vevents(calendar_of(message))
    assert event.decoded("DTSTART") == f.local(2024, 4, 3, 20)


def test_one_run_of_a_site_visit(index, run_on_commit, client):
    form = f.registration_form()
    second = (f.local(2024, 4, 19, 14), f.local(2024, 4, 19, 15, 30))
    page = f.site_visit(index, START, END, runs=[second], registration_form=form)
    register(run_on_commit, page, form, occurrence_start=second[0], now=NOW)
    (message,) = mail.outbox
    assert "Friday 19 April 2024, 14:00–15:30" in message.body
    (event,) = vevents(calendar_of(message))
    assert event["UID"].endswith(f"-run2@{calendar.uid_domain()}")
    assert event["UID"] in public_uids(client, page)
    assert event.decoded("DTSTART") == second[0]


def test_conference_registration_lists_the_chosen_sessions(
    index, run_on_commit, client
):
    conference = f.conference(
        index, registration_form=f.registration_form(), title="Cities"
    )
    opening = f.panel(
        conference,
        START,
        END,
        title="Opening panel",
        registration_form=f.registration_form(capacity=1, waiting_list=True),
    )
    walk = f.site_visit(
        conference,
        f.local(2024, 4, 19, 11),
        f.local(2024, 4, 19, 12),
        runs=[(f.local(2024, 4, 19, 14), f.local(2024, 4, 19, 15))],
        title="City walk",
        registration_form=f.registration_form(),
    )
    closing = f.panel(
        conference,
        f.local(2024, 4, 19, 17),
        f.local(2024, 4, 19, 18),
        title="Closing",
        registration_form=f.registration_form(),
    )
    writer.register(
        opening, opening.registration_form, name="Bob", email="bob@example.org", now=NOW
    )
    options = {
        (o.title, o.start): o.value
        for o in session_choices.session_options(conference, NOW)
    }
    with run_on_commit():
        outcome = writer.register(
            conference,
            conference.registration_form,
            name="Ada",
            email="ada@example.org",
            now=NOW,
            sessions=[
                options[("City walk", f.local(2024, 4, 19, 14))],
                options[("Opening panel", START)],
                options[("Closing", f.local(2024, 4, 19, 17))],
            ],
        )
        # Left out of the calendar, still listed with its status.
        outcome.registration.session_registrations.filter(page=closing).update(
            status=S.CANCELLED
        )

    (message,) = mails_to("ada@example.org")
    assert "Your sessions:" in message.body
    lines = [line for line in message.body.splitlines() if line.startswith("- ")]
    assert lines == [
        "- Opening panel, Friday 19 April 2024, 09:00–10:30 (Europe/Brussels): "
        "on the waiting list, at position 1",
        "- City walk, Friday 19 April 2024, 14:00–15:00 (Europe/Brussels): "
        "place confirmed",
        "- Closing, Friday 19 April 2024, 17:00–18:00 (Europe/Brussels): cancelled",
    ]
    assert "<strong>City walk</strong>" in html(message)
    # The conference and the sessions the person holds a place in or waits for:
    # only the run of the walk they chose.
    cal = calendar_of(message)
    uids = [e["UID"] for e in vevents(cal)]
    assert uids == [
        calendar.event_uid(conference),
        calendar.event_uid(opening),
        calendar.event_uid(walk, "-run2"),
    ]
    assert vevents(cal)[2].decoded("DTSTART") == f.local(2024, 4, 19, 14)
    assert set(uids) <= public_uids(client, conference)


# The visitor's form, end to end


def test_posting_the_form_sends_one_mail_with_a_working_link(
    index, run_on_commit, client
):
    form = f.registration_form(capacity=3)
    page = upcoming_event(index, form)
    data = {
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "privacy_accepted": "on",
        "accessibility_needs": ["induction_loop"],
        "accessibility_details": "",
        "website": "",
    }
    with run_on_commit():
        response = client.post(page.url + "register/", data)
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["Ada Lovelace <ada@example.org>"]
    link = cancel_link(message)
    # The token is only in the mail, never on the result page.
    token = path(link).rstrip("/").rsplit("/", 1)[1]
    assert token not in client.get(response["Location"]).text
    assert client.get(path(link)).status_code == 200
    registration = Registration.objects.get(email="ada@example.org")
    assert registration.cancellation_token_hash == keys.hash_token(token)


@override_settings(LANGUAGE_CODE="nl")
def test_the_site_language_is_the_fallback(index, run_on_commit):
    # A site whose language is Dutch has a Dutch locale: Wagtail puts new
    # snippets (the registration form) in the default locale.
    Locale.objects.get_or_create(language_code="nl")
    form = f.registration_form()
    register(run_on_commit, make_event(index, form), form)
    assert "vrijdag 19 april 2024" in mail.outbox[0].body
