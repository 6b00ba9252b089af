"""The task and the command that keep repeating events' dates reaching the
horizon, with Django's task framework (``django.tasks``, or the ``django_tasks``
backport on Django 5.2) and its default immediate backend."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test.utils import override_settings

from tests import factories as f
from wagtail_events import tasks
from wagtail_events.models import Occurrence, OccurrenceHorizon


pytestmark = pytest.mark.django_db

try:
    from django.tasks import TaskResultStatus
except ImportError:  # Django < 6.0
    from django_tasks import TaskResultStatus


def weekly(index, **fields):
    return f.repeating(
        index,
        f.local(2024, 3, 19, 10),
        f.local(2024, 3, 19, 11),
        "RRULE:FREQ=WEEKLY",
        **fields,
    )


def test_without_a_tasks_setting_tasks_run_at_once():
    # Django 6's global default, or the backport's when TASKS is not set.
    backend = tasks.extend_occurrences.get_backend()
    assert type(backend).__name__ == "ImmediateBackend"


def test_the_task_extends_every_live_repeating_event(index):
    page = weekly(index)
    weekly(index, live=False)
    f.panel(index, f.local(2024, 4, 19, 9), f.local(2024, 4, 19, 10))
    last = page.occurrences.order_by("start").last()
    with override_settings(WAGTAIL_EVENTS_OCCURRENCE_HORIZON_DAYS=1000):
        result = tasks.extend_occurrences.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 1
    assert page.occurrences.order_by("start").last().start > last.start + (
        datetime.timedelta(days=250)
    )


def test_the_task_can_be_called_directly(index):
    weekly(index)
    OccurrenceHorizon.objects.all().delete()  # published before 0019
    assert tasks.extend_occurrences.call() == 1
    assert tasks.extend_occurrences.call() == 0  # nothing new the same day


def test_the_command_runs_the_task_and_says_how_many_events(index):
    weekly(index)
    weekly(index)
    page = f.panel(index, f.local(2024, 4, 19, 9), f.local(2024, 4, 19, 10))
    # Published before dates, and where they end, were stored.
    Occurrence.objects.filter(page=page).delete()
    OccurrenceHorizon.objects.all().delete()
    out = StringIO()
    call_command("extend_occurrences", stdout=out)
    assert out.getvalue().strip() == "Extended the occurrences of 3 events."
    assert page.occurrences.count() == 1


def test_the_command_with_nothing_to_do(db):
    out = StringIO()
    call_command("extend_occurrences", stdout=out)
    assert out.getvalue().strip() == "Extended the occurrences of 0 events."


# The outbox's tasks


def test_deliver_message_sends_one_e_mail_of_the_outbox(index):
    from django.core import mail

    from wagtail_events.models import Delivery

    page = f.workshop(index, f.local(2030, 4, 19, 9), f.local(2030, 4, 19, 10))
    page.registration_form = f.registration_form()
    page.save()
    person = f.registration(page, email="ada@example.org")
    delivery = Delivery.objects.create(kind="confirmation", registration=person)
    result = tasks.deliver_message.enqueue(delivery.pk)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == "sent"
    assert len(mail.outbox) == 1
    # Handed over again: nothing more.
    assert tasks.deliver_message.enqueue(delivery.pk).return_value == "sent"
    assert len(mail.outbox) == 1


def test_send_due_messages_task_and_command(db):
    nothing = {"retried": 0, "group_messages": 0, "reminders": 0, "digests": 0}
    assert tasks.send_due_messages.enqueue().return_value == nothing
    out = StringIO()
    call_command("send_due_messages", stdout=out)
    assert out.getvalue().split("\n")[:-1] == [f"{k}: 0" for k in nothing]
