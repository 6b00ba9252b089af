"""Reminders: the form's reminders go to the people holding a place, each once
(also when ``send_due`` runs again, later, or on two workers at once), at the
right time in the event's zone, for the date registered for, with the practical
information, the online link for the admitted and the calendar entry."""

import datetime
import threading
from email.utils import parseaddr

import icalendar
import pytest
from django.core import mail
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from tests import factories as f
from wagtail_events.models import (
    Delivery,
    DeliveryStatus,
    Occurrence,
    RegistrationForm,
    RegistrationStatus,
)
from wagtail_events.models.reminders import Reminder
from wagtail_events.registration import due, keys, reminders


S = RegistrationStatus
START = f.local(2024, 4, 19, 9)  # a Friday
END = f.local(2024, 4, 19, 10, 30)
LONG_AGO = f.local(2024, 1, 1, 12)
DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)
MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    def block():
        return django_capture_on_commit_callbacks(execute=True)

    return block


def reminded_form(*offsets, **fields):
    """A registration form with reminders: ("7", "days"), ("2", "hours")."""
    form = f.registration_form(**fields)
    for order, (amount, unit) in enumerate(offsets or [(7, "days"), (1, "days")]):
        Reminder.objects.create(form=form, amount=amount, unit=unit, sort_order=order)
    return form


def event(parent, form, start=START, end=END, **fields):
    fields.setdefault(
        "venue",
        f.venue(
            "City hall",
            street_address="Grote Markt 21",
            postal_code="2800",
            accessibility_notes="Step-free entrance on the Befferstraat.",
            public_transport="Tram 1 to Grote Markt.",
        ),
    )
    fields.setdefault("title", "Participation in the city council")
    return f.workshop(parent, start, end, registration_form=form, **fields)


def person(page, email="ann@example.org", registered=LONG_AGO, **fields):
    """A registration made at ``registered`` (``created_at`` is set on saving)."""
    registration = f.registration(page, email=email, **fields)
    type(registration).objects.filter(pk=registration.pk).update(created_at=registered)
    registration.refresh_from_db()
    return registration


def remind(run_on_commit, now):
    with run_on_commit():
        return reminders.send_due(now)


def recipients():
    return sorted(parseaddr(to)[1] for message in mail.outbox for to in message.to)


def sent_keys():
    return sorted(
        Delivery.objects.filter(kind="reminder").values_list("key", flat=True)
    )


# Who is reminded


def test_only_people_holding_a_place(index, run_on_commit):
    page = event(index, reminded_form())
    conference = f.conference(f.event_index(), registration_form=reminded_form())
    person(page, "confirmed@example.org")
    for status in (S.WAITING, S.AWAITING_APPROVAL, S.DECLINED, S.CANCELLED):
        person(page, f"{status}@example.org", status=status)
    person(page, "erased@example.org", erased_at=LONG_AGO)
    # A session chosen with a conference registration: the conference's
    # reminder lists it; it has none of its own.
    holder = person(conference, "conference@example.org")
    person(page, "session@example.org", parent=holder)

    remind(run_on_commit, START - 7 * DAY)

    assert recipients() == ["conference@example.org", "confirmed@example.org"]


def test_none_for_an_unpublished_or_cancelled_event(index, run_on_commit):
    form = reminded_form()
    unpublished = event(index, form, title="Unpublished")
    cancelled = event(index, form, title="Cancelled", status="cancelled")
    person(unpublished, "a@example.org")
    person(cancelled, "b@example.org")
    unpublished.unpublish()

    assert remind(run_on_commit, START - DAY) == 0
    assert mail.outbox == []


def test_none_without_reminders(index, run_on_commit):
    person(event(index, f.registration_form()))
    assert remind(run_on_commit, START - DAY) == 0


# When, and only once


def test_seven_days_and_one_day_each_once(index, run_on_commit):
    page = event(index, reminded_form())
    registration = person(page)
    times = [
        START - 8 * DAY,  # nothing yet
        START - 7 * DAY - MINUTE,  # a minute early
        START - 7 * DAY,  # 7 days before
        START - 7 * DAY + 5 * MINUTE,  # the schedule runs again
        START - 3 * DAY,
        START - DAY,  # 1 day before
        START - DAY + 5 * MINUTE,
        START - HOUR,
        START + HOUR,  # the event began: nothing more
    ]
    counts = [remind(run_on_commit, now) for now in times]

    assert counts == [0, 0, 1, 0, 0, 1, 0, 0, 0]
    utc = START.astimezone(datetime.UTC).isoformat()
    assert sent_keys() == [
        f"reminder:{registration.pk}:{utc}:10080",
        f"reminder:{registration.pk}:{utc}:1440",
    ]
    assert len(mail.outbox) == 2
    assert "is in 7 days" in mail.outbox[0].body
    assert "is tomorrow" in mail.outbox[1].body


def test_through_the_due_step(index, run_on_commit):
    person(event(index, reminded_form()))
    with run_on_commit():
        assert due.send_due(START - DAY)["reminders"] == 1
    with run_on_commit():
        assert due.send_due(START - DAY)["reminders"] == 0
    assert len(mail.outbox) == 1


def test_registering_after_a_reminders_time_skips_it(index, run_on_commit):
    page = event(index, reminded_form())
    person(page, "late@example.org", registered=START - 3 * DAY)
    person(page, "last-minute@example.org", registered=START - 2 * HOUR)

    for now in (START - 3 * DAY + HOUR, START - DAY, START - HOUR):
        remind(run_on_commit, now)

    # The 7-day reminder's time had passed for both; the 1-day one only for
    # the second, who has their confirmation of two hours ago.
    assert recipients() == ["late@example.org"]
    assert "is tomorrow" in mail.outbox[0].body


def test_a_stopped_schedule_sends_only_the_nearest_reminder(index, run_on_commit):
    page = event(index, reminded_form())
    registration = person(page)

    assert remind(run_on_commit, START - 12 * HOUR) == 1
    assert remind(run_on_commit, START - 11 * HOUR) == 0

    assert sent_keys() == [
        reminders.key_of(registration.pk, START, 24 * 60),
    ]


def test_a_moved_event_is_reminded_of_its_new_time(index, run_on_commit):
    page = event(index, reminded_form((7, "days")))
    person(page)
    remind(run_on_commit, START - 7 * DAY)

    page.start, page.end = START + 7 * DAY, END + 7 * DAY
    page.save_revision().publish()
    assert remind(run_on_commit, START - 7 * DAY + HOUR) == 0
    assert remind(run_on_commit, START) == 1

    assert len(mail.outbox) == 2
    assert "April 26, 2024" in mail.outbox[1].subject


def test_a_reminder_queued_before_the_event_moved_is_not_sent(index):
    page = event(index, reminded_form((1, "days")))
    registration = person(page)
    reminders.send_due(START - DAY)  # queued; not yet sent (no commit)

    def build():
        # As ``outbox.deliver`` reads it when sending.
        return reminders.build(Delivery.objects.get(kind="reminder"))

    page.start, page.end = START + HOUR, END + HOUR
    page.save_revision().publish()
    assert build() is None
    page.start, page.end = START, END
    page.save_revision().publish()
    assert build() is not None
    # Nor when the person cancelled in the meantime.
    type(registration).objects.filter(pk=registration.pk).update(status=S.CANCELLED)
    assert build() is None


def test_a_repeating_events_chosen_date(index, run_on_commit):
    form = reminded_form((1, "days"))
    page = f.repeating(
        index,
        START,
        END,
        "RRULE:FREQ=WEEKLY;COUNT=4",
        registration_form=form,
        title="Weekly walk",
    )
    dates = list(Occurrence.objects.filter(page=page).order_by("start"))
    third = dates[2]
    registration = person(page, date=third)
    person(page, "other@example.org", date=dates[0])

    for week in range(4):
        remind(run_on_commit, START + week * 7 * DAY - DAY)

    reminded = [m for m in mail.outbox if "ann@example.org" in m.to[0]]
    assert len(reminded) == 1
    assert sent_keys().count(reminders.key_of(registration.pk, third.start, 1440))
    # The calendar entry is the date registered for.
    (ics,) = [a for a in reminded[0].attachments if a[0] == "event.ics"]
    (entry,) = icalendar.Calendar.from_ical(ics[1]).walk("VEVENT")
    assert entry.decoded("DTSTART") == third.start


def test_a_cancelled_date_is_not_reminded(index, run_on_commit):
    second = START + 7 * DAY
    page = f.repeating(
        index,
        START,
        END,
        "RRULE:FREQ=WEEKLY;COUNT=3",
        registration_form=reminded_form((1, "days")),
        changes=[{"original_start": second, "action": "cancel"}],
    )
    person(page, date=keys.occurrence_key(second))

    assert remind(run_on_commit, second - DAY) == 0


def test_one_day_before_keeps_the_wall_clock_time_across_the_clocks_change(
    index, run_on_commit
):
    # The clocks go forward in Brussels at 02:00 on Sunday 31 March 2024: the
    # day before 10:00 that Sunday is 10:00 on Saturday, 23 hours earlier.
    start = f.local(2024, 3, 31, 10)
    page = event(
        index,
        reminded_form((1, "days")),
        start=start,
        end=start + 2 * HOUR,
    )
    person(page)
    saturday_ten = f.local(2024, 3, 30, 10)
    assert start.astimezone(datetime.UTC) - saturday_ten == 23 * HOUR

    assert remind(run_on_commit, saturday_ten - MINUTE) == 0
    assert remind(run_on_commit, saturday_ten) == 1
    # Hours are hours: "24 hours" before is 09:00 on Saturday.
    assert reminders.reminder_time(start, 24, "hours", page.time_zone) == f.local(
        2024, 3, 30, 9
    )


def test_a_skipped_wall_clock_time_goes_just_after_the_change():
    # 02:30 on 31 March 2024 does not exist in Brussels.
    start = f.local(2024, 4, 1, 2, 30)
    when = reminders.reminder_time(start, 1, "days", "Europe/Brussels")
    assert when == f.local(2024, 3, 31, 3, 30)


# What the reminder says


def test_the_reminder_e_mail(index, run_on_commit):
    form = reminded_form(
        (2, "days"), reminder_email_text="Use the side entrance after 18:00."
    )
    page = event(
        index,
        form,
        what_to_bring="A laptop.",
        attendance_mode="mixed",
        online_url="https://meet.example.org/private",
        access="invitation",
    )
    person(page, "ann@example.org", name="Ann")

    remind(run_on_commit, START - 2 * DAY)

    (message,) = mail.outbox
    assert message.subject == (
        "Reminder: Participation in the city council, April 19, 2024"
    )
    body = message.body
    assert "Participation in the city council is in 2 days." in body
    assert "Grote Markt 21" in body
    assert "Step-free entrance on the Befferstraat." in body
    assert "Tram 1 to Grote Markt." in body
    assert "A laptop." in body
    assert "Use the side entrance after 18:00." in body
    # The admitted get the private link; the e-mail carries the way to cancel.
    assert "https://meet.example.org/private" in body
    assert "/registration/" in body
    html = message.alternatives[0][0]
    assert "A laptop." in html and "https://meet.example.org/private" in html
    (ics,) = [a for a in message.attachments if a[0] == "event.ics"]
    assert "BEGIN:VEVENT" in ics[1]
    delivery = Delivery.objects.get(kind="reminder")
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.subject == message.subject


def test_a_conference_reminder_lists_the_sessions_and_only_admitted_links(
    index, run_on_commit
):
    conference = f.conference(
        index,
        registration_form=reminded_form((1, "days")),
        practical_information=[
            ("text", rich_text("<p>Lunch is served in the Lamot hall.</p>"))
        ],
    )
    start = f.local(2024, 4, 19, 10)
    own = f.workshop(
        conference,
        start,
        start + HOUR,
        title="Own workshop",
        what_to_bring="Sturdy shoes.",
        attendance_mode="online",
        online_url="https://meet.example.org/own",
        access="invitation",
    )
    waiting = f.workshop(
        conference,
        start + 2 * HOUR,
        start + 3 * HOUR,
        title="Full workshop",
        attendance_mode="online",
        online_url="https://meet.example.org/full",
        access="invitation",
    )
    holder = person(conference)
    person(own, parent=holder)
    person(waiting, status=S.WAITING, parent=holder)

    assert remind(run_on_commit, conference.start - DAY) == 1

    (message,) = mail.outbox
    assert "Own workshop" in message.body and "Full workshop" in message.body
    assert "Sturdy shoes." in message.body
    assert "Lunch is served in the Lamot hall." in message.body
    ics = [a for a in message.attachments if a[0] == "event.ics"][0][1]
    unfolded = ics.replace("\r\n ", "")
    assert "https://meet.example.org/own" in unfolded
    assert "https://meet.example.org/full" not in unfolded + message.body


# Queries


def test_queries_do_not_grow_with_the_registrations(index):
    form = reminded_form()
    page = event(index, form)
    other = event(index, form, title="Other")

    def count_reads(people):
        for i in range(people):
            person(page, f"p{i}-{people}@example.org")
            person(other, f"q{i}-{people}@example.org")
        with CaptureQueriesContext(connection) as queries:
            reminders.send_due(START - DAY)
        return [
            q["sql"]
            for q in queries.captured_queries
            if "wagtail_events_delivery" not in q["sql"]
            and "SAVEPOINT" not in q["sql"].upper()
        ]

    assert len(count_reads(1)) == len(count_reads(5)) == 3


def test_a_run_with_nothing_new_reads_four_times(index, django_assert_num_queries):
    page = event(index, reminded_form())
    for i in range(6):
        person(page, f"p{i}@example.org")
    reminders.send_due(START - DAY)
    with django_assert_num_queries(4):
        assert reminders.send_due(START - DAY + MINUTE) == 0


# Exactly once, on two workers


def test_twice_in_a_row_sends_each_once(index, run_on_commit):
    page = event(index, reminded_form())
    for i in range(3):
        person(page, f"p{i}@example.org")
    remind(run_on_commit, START - DAY)
    remind(run_on_commit, START - DAY)
    assert recipients() == ["p0@example.org", "p1@example.org", "p2@example.org"]


@pytest.fixture
def on_postgres(transactional_db, django_db_serialized_rollback):
    assert connection.vendor == "postgresql", (
        "Two workers at once need PostgreSQL (DATABASE_URL=postgres://...); "
        f'deselect with -m "not postgres" (this run uses {connection.vendor}).'
    )


@pytest.mark.postgres
def test_two_workers_at_once_send_each_reminder_once(on_postgres, monkeypatch):
    page = event(f.event_index(), reminded_form())
    people = [person(page, f"p{i}@example.org") for i in range(8)]
    workers = 2
    barrier = threading.Barrier(workers)
    errors = []

    def neither_has_queued_yet(wanted_keys):
        # Both workers find nothing queued, then queue together: the outbox's
        # unique key alone must keep each reminder to one e-mail.
        barrier.wait(timeout=30)
        return set()

    monkeypatch.setattr(reminders, "queued_before", neither_has_queued_yet)

    def worker():
        try:
            reminders.send_due(START - DAY)
        except BaseException as exc:  # reported in the test's thread below
            errors.append(exc)
            barrier.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert recipients() == sorted(f"p{i}@example.org" for i in range(len(people)))
    deliveries = Delivery.objects.filter(kind="reminder")
    assert deliveries.count() == len(people)
    assert not deliveries.filter(~Q(status=DeliveryStatus.SENT)).exists()


# The editor's form


def form_data(reminders_rows, **fields):
    data = {
        "title": "Study day",
        "introduction": rich_text(""),
        "form_fields": inline_formset([]),
        "privacy_notice": rich_text("We keep your name."),
        "ask_accessibility_needs": "on",
        "opens_at": "",
        "closes_at": "",
        "capacity": "",
        "waiting_list": "on",
        "invitation_code": "",
        "admission": "",
        "prices": inline_formset([]),
        "no_show_fee": "",
        "no_show_fee_currency": "EUR",
        "price_conditions": "",
        "cancellation_deadline": "",
        "cancellation_policy": "",
        "notice_not_open": "",
        "notice_closed": "",
        "notice_full": "",
        "confirmation_message": rich_text(""),
        "confirmation_email_text": "",
        "reminders": inline_formset(
            [{"amount": amount, "unit": unit} for amount, unit in reminders_rows]
        ),
        "reminder_email_text": "",
    }
    data.update(fields)
    return nested_form_data(data)


def add(client, data):
    url = reverse("wagtailsnippets_wagtail_events_registrationform:add")
    return client.post(url + "?locale=en", data)


def row_errors(response):
    assert response.status_code == 200, response.status_code
    formset = response.context["form"].formsets["reminders"]
    return [str(e) for row in formset.forms for e in row.errors.get("amount", [])]


def test_the_editor_adds_reminders(client, editor):
    response = add(client, form_data([("7", "days"), ("2", "hours")]))
    assert response.status_code == 302
    form = RegistrationForm.objects.get()
    assert [(r.amount, r.unit) for r in form.reminders.all()] == [
        (7, "days"),
        (2, "hours"),
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("1", "days"), ("24", "hours")], "are the same reminder"),
        ([("3", "days"), ("3", "days")], "are the same reminder"),
        ([("61", "days")], "at most 60 days"),
        ([("0", "hours")], "greater than or equal to 1"),
        ([("99999", "days")], "at most 60 days"),
        ([("-1", "days")], "greater than or equal to"),
        ([("one", "days")], "Enter a whole number"),
    ],
)
def test_bad_reminders_are_refused(client, editor, rows, message):
    errors = row_errors(add(client, form_data(rows)))
    assert any(message in error for error in errors), errors
    assert not RegistrationForm.objects.exists()


def test_a_bad_unit_is_refused(client, editor):
    response = add(client, form_data([("1", "weeks")]))
    assert response.status_code == 200
    assert not RegistrationForm.objects.exists()


def test_reminders_are_the_same_in_every_language(index):
    form = reminded_form((7, "days"), (1, "days"))
    dutch = f.translate(form)
    assert [(r.amount, r.unit) for r in dutch.reminders.all()] == [
        (7, "days"),
        (1, "days"),
    ]


def test_now_defaults_to_the_current_time(index):
    person(event(index, reminded_form()))
    # The event is long past: nothing is due.
    assert timezone.now() > START
    assert reminders.send_due() == 0


def test_the_reminders_panel_in_the_form_editor(client, editor):
    form = reminded_form((7, "days"))
    url = reverse(
        "wagtailsnippets_wagtail_events_registrationform:edit", args=[form.pk]
    )
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Reminders" in content
    assert "Days keep the time of day" in content
    assert "Text of the reminders" in content or "text of the reminders" in content
