"""Migration 0010 on a site that already has content: every event keeps its
dates and is not to be announced, and is open to everyone without contacts;
each registration form keeps what it had and states no price ("not stated"), so
the structured data says no price rather than a made-up "free"."""

import pytest

from tests import factories as f
from tests.migrating import latest, migrate
from wagtail_events.models import EventPage, RegistrationForm


BEFORE = ("wagtail_events", "0009_programme_entries_series_changes")


# Data migrations are the same code on both stacks; their tests run on the
# newest, with both databases (noxfile: `once`).
pytestmark = pytest.mark.once


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_events_keep_their_dates():
    index = f.event_index()
    conference = f.conference(index)
    panel = f.panel(conference, f.local(2024, 4, 19, 9), f.local(2024, 4, 19, 10))
    try:
        old = migrate([BEFORE])
        fields = {
            field.name
            for field in old.get_model("wagtail_events", "EventPage")._meta.fields
        }
        assert "date_to_be_announced" not in fields
    finally:
        migrate(latest())

    for page in (conference, panel):
        stored = EventPage.objects.get(pk=page.pk)
        assert (stored.start, stored.end) == (page.start, page.end)
        assert stored.date_to_be_announced is False
        assert stored.announced_weekday is None
        assert stored.announced_start_time is None
        assert stored.announced_end_time is None
        assert stored.is_dated


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_keeps_content_and_makes_events_open():
    index = f.event_index()
    page = f.conference(index, online_url="https://meet.example.org/x")
    try:
        migrate([BEFORE])
    finally:
        migrate(latest())
    page = EventPage.objects.get(pk=page.pk)
    assert page.online_url == "https://meet.example.org/x"
    assert page.access == "open"
    assert not page.contacts.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_forms_keep_their_content_and_state_no_price():
    locale = f.locale("en")
    try:
        old = migrate([BEFORE])
        form = old.get_model("wagtail_events", "RegistrationForm").objects.create(
            title="Register",
            privacy_notice="<p>We keep your name.</p>",
            capacity=40,
            cancellation_policy="A no-show costs 15 euro.",
            locale_id=locale.pk,
        )
    finally:
        migrate(latest())

    form = RegistrationForm.objects.get(pk=form.pk)
    assert (form.title, form.capacity) == ("Register", 40)
    assert form.cancellation_policy == "A no-show costs 15 euro."
    assert form.admission == "" and not form.is_free and not form.is_paid
    assert form.no_show_fee is None and form.no_show_fee_currency == "EUR"
    assert (form.notice_not_open, form.notice_closed, form.notice_full) == ("",) * 3
    assert list(form.prices.all()) == []
