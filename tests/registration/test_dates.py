"""Registering for one date of a repeating event, or one run of a site visit:
the date is asked on the form, places are counted per date (keyed by the date's
original start, so that moving a date keeps its registrations), and a past,
cancelled or unknown date is refused next to the field."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from tests import factories
from wagtail_events.models import (
    Occurrence,
    OccurrenceChange,
    Registration,
)
from wagtail_events.models import RegistrationStatus as S
from wagtail_events.registration import availability, errors, keys, views, writer
from wagtail_events.registration.availability import registration_state


pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo(factories.BRUSSELS)


def evening(days_ahead):
    """19:00 in Brussels, ``days_ahead`` days from today."""
    day = timezone.now().astimezone(BRUSSELS).date() + datetime.timedelta(days_ahead)
    return datetime.datetime.combine(day, datetime.time(19), tzinfo=BRUSSELS)


def weekly_event(form, first=None, weeks=4, changes=()):
    first = first or evening(7)
    return factories.repeating(
        factories.event_index(),
        first,
        first + datetime.timedelta(hours=2),
        f"RRULE:FREQ=WEEKLY;COUNT={weeks}",
        registration_form=form,
        changes=changes,
    )


def dates_of(page):
    return list(Occurrence.objects.filter(page_id=page.pk).order_by("start"))


def key(occurrence):
    return occurrence.original_start.astimezone(datetime.UTC).isoformat()


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def radios(response):
    return soup(response).select("input[type=radio][name=occurrence]")


def label_of(radio):
    return radio.find_parent("label").get_text(" ", strip=True)


def post(client, page, **data):
    data = {
        "name": "Ada",
        "email": "ada@example.org",
        "privacy_accepted": "on",
        **data,
    }
    return client.post(page.url + "register/", {k: v for k, v in data.items() if v})


def assert_date_refused(response, message):
    assert response.status_code == 400
    page = soup(response)
    link = page.select_one(".we-error-summary").find("a", href="#we-reg-occurrence")
    assert link is not None and message in link.text
    field = page.find(id="we-reg-occurrence").find_parent(class_="we-field--error")
    assert field is not None and message in field.text
    assert not Registration.objects.exists()


# The form asks for the date


def test_form_lists_upcoming_dates_with_their_places(client):
    form = factories.registration_form(capacity=3, waiting_list=False)
    page = weekly_event(form)
    dates = dates_of(page)
    writer.register(page, form, name="B", email="b@example.org", occurrence=dates[1])
    response = client.get(page.url)
    options = radios(response)
    assert [o["value"] for o in options] == [key(d) for d in dates]
    assert all(o.has_attr("required") for o in options)
    first_local = dates[0].start.astimezone(BRUSSELS)
    assert label_of(options[0]) == (
        f"{first_local:%A} {first_local.day} {first_local:%B %Y}, 19:00–21:00"
        " – 3 places left"
    )
    assert label_of(options[1]).endswith("2 places left")


@override_settings(WAGTAIL_EVENTS_UPCOMING_DATES=2)
def test_at_most_upcoming_dates_are_offered_and_no_cancelled_one(client):
    first = evening(7)
    page = weekly_event(
        factories.registration_form(), first, changes=[{"original_start": first}]
    )
    dates = dates_of(page)
    assert dates[0].cancelled
    assert [o["value"] for o in radios(client.get(page.url))] == [
        key(dates[1]),
        key(dates[2]),
    ]


def test_choosing_a_date_registers_for_it(client):
    page = weekly_event(factories.registration_form())
    second = dates_of(page)[1]
    response = post(client, page, occurrence=key(second))
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.occurrence_key == key(second)
    assert registration.status == S.CONFIRMED
    result = client.get(response["Location"]).text
    assert "Your place is confirmed." in result
    assert "19:00–21:00" in result


def test_site_visit_runs_are_dates_to_choose(client):
    conf = factories.conference(
        factories.event_index(), start=evening(7), end=evening(8)
    )
    first = evening(7) - datetime.timedelta(hours=9)  # 10:00
    visit = factories.site_visit(
        conf,
        first,
        first + datetime.timedelta(hours=1),
        runs=[
            (first + datetime.timedelta(hours=4), first + datetime.timedelta(hours=5))
        ],
        registration_form=factories.registration_form(capacity=1, waiting_list=False),
    )
    options = radios(client.get(visit.url))
    assert [label_of(o).split(", ")[-1] for o in options] == [
        "10:00–11:00 – 1 place left",
        "14:00–15:00 – 1 place left",
    ]
    assert post(client, visit, occurrence=options[1]["value"]).status_code == 302
    assert Registration.objects.get().occurrence_key == options[1]["value"]


# Places per date


def test_full_date_without_waiting_list_is_disabled_and_refused(client):
    form = factories.registration_form(capacity=1, waiting_list=False)
    page = weekly_event(form)
    first, second = dates_of(page)[:2]
    writer.register(page, form, name="B", email="b@example.org", occurrence=first)
    # One full date does not make the event full.
    assert registration_state(page) == "open"
    response = client.get(page.url)
    options = radios(response)
    assert options[0].has_attr("disabled")
    assert label_of(options[0]).endswith("– full")
    assert not options[1].has_attr("disabled")
    assert label_of(options[1]).endswith("1 place left")

    before = list(Registration.objects.values_list("pk", "status"))
    response = post(client, page, occurrence=key(first))
    assert response.status_code == 400
    assert "This date is full and has no waiting list." in response.text
    assert list(Registration.objects.values_list("pk", "status")) == before
    # The other date still has its place.
    assert post(client, page, occurrence=key(second)).status_code == 302


def test_every_date_full_closes_the_form(client):
    form = factories.registration_form(capacity=1, waiting_list=False)
    page = weekly_event(form, weeks=2)
    for i, date in enumerate(dates_of(page)):
        writer.register(
            page, form, name="B", email=f"b{i}@example.org", occurrence=date
        )
    assert registration_state(page) == "full"
    response = client.get(page.url)
    assert "This event is full." in response.text
    assert not radios(response)


def test_full_date_with_waiting_list(client):
    form = factories.registration_form(capacity=1, waiting_list=True)
    page = weekly_event(form)
    first = dates_of(page)[0]
    writer.register(page, form, name="B", email="b@example.org", occurrence=first)
    option = radios(client.get(page.url))[0]
    assert not option.has_attr("disabled")
    assert label_of(option).endswith("full – waiting list")
    response = post(client, page, occurrence=key(first))
    result = client.get(response["Location"]).text
    assert "You are on the waiting list, at position 1." in result
    assert Registration.objects.filter(status=S.WAITING).count() == 1


def test_a_moved_date_keeps_its_registrations_and_places(client):
    form = factories.registration_form(capacity=1, waiting_list=False)
    first = evening(7)
    page = weekly_event(form, first)
    second = dates_of(page)[1]
    outcome = writer.register(
        page, form, name="B", email="b@example.org", occurrence=second
    )
    # The editor moves the second date one day later.
    moved_start = second.start + datetime.timedelta(days=1)
    OccurrenceChange.objects.create(
        page=page,
        original_start=second.original_start,
        action="move",
        new_start=moved_start,
        new_end=moved_start + datetime.timedelta(hours=2),
    )
    page = type(page).objects.get(pk=page.pk)
    page.save_revision().publish()
    moved = Occurrence.objects.get(pk=second.pk)
    assert moved.start == moved_start and moved.moved

    assert outcome.registration.occurrence_key == key(moved)
    options = radios(client.get(page.url))
    option = next(o for o in options if o["value"] == key(moved))
    assert option.has_attr("disabled")  # still full: the place moved with the date
    response = post(client, page, occurrence=key(moved))
    assert "This date is full" in response.text
    assert Registration.objects.count() == 1


# Dates that cannot be chosen


def test_missing_date_is_refused(client):
    page = weekly_event(factories.registration_form())
    assert_date_refused(post(client, page), "Choose a date.")


@pytest.mark.parametrize(
    "value",
    ["2031-01-06T18:00:00+00:00", "not a date", "2031-01-06T18:00:00", "x" * 300],
)
def test_unknown_date_is_refused(client, value):
    page = weekly_event(factories.registration_form())
    assert_date_refused(
        post(client, page, occurrence=value), "is not one of the event’s dates"
    )


def test_cancelled_date_is_refused(client):
    first = evening(7)
    page = weekly_event(
        factories.registration_form(), first, changes=[{"original_start": first}]
    )
    assert_date_refused(
        post(client, page, occurrence=key(dates_of(page)[0])),
        "This date is cancelled.",
    )


def test_past_date_is_refused(client):
    page = weekly_event(factories.registration_form(), evening(-13), weeks=5)
    dates = dates_of(page)
    assert [o["value"] for o in radios(client.get(page.url))] == [
        key(d) for d in dates[2:]
    ]
    assert_date_refused(
        post(client, page, occurrence=key(dates[0])), "This date has passed."
    )


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("cancel", "cancelled"),
        ("past", "past"),
        ("unknown", "unknown"),
        (None, "required"),
    ],
)
def test_domain_refuses_dates_and_changes_nothing(db, change, reason):
    first = evening(7)
    form = factories.registration_form()
    page = weekly_event(form, first, changes=[{"original_start": first}])
    dates = dates_of(page)
    value = {
        "cancel": dates[0],
        "past": dates[1],
        "unknown": first + datetime.timedelta(hours=1),
        None: None,
    }[change]
    now = dates[1].start + datetime.timedelta(minutes=1) if change == "past" else None
    with pytest.raises(errors.InvalidDate) as refused:
        writer.register(
            page, form, name="A", email="a@example.org", occurrence=value, now=now
        )
    assert refused.value.reason == reason
    assert not Registration.objects.exists()


# A one-off event


def test_one_off_event_asks_no_date_and_keys_nothing(client):
    start = evening(7)
    page = factories.workshop(
        factories.conference(factories.event_index()),
        start,
        start + datetime.timedelta(hours=1),
        registration_form=factories.registration_form(capacity=1, waiting_list=False),
    )
    assert len(dates_of(page)) == 1
    assert not radios(client.get(page.url))
    assert post(client, page).status_code == 302
    assert Registration.objects.get().occurrence_key == ""
    with pytest.raises(errors.InvalidDate):
        writer.register(
            page,
            page.registration_form,
            name="B",
            email="b@example.org",
            occurrence=dates_of(page)[0],
        )


def test_occurrence_key_is_the_original_start_in_utc():
    start = datetime.datetime(2024, 4, 19, 9, tzinfo=BRUSSELS)
    assert keys.occurrence_key() == ""
    assert keys.occurrence_key(start) == "2024-04-19T07:00:00+00:00"
    moved = Occurrence(original_start=start, start=start + datetime.timedelta(days=1))
    assert keys.occurrence_key(moved) == "2024-04-19T07:00:00+00:00"


@pytest.mark.parametrize("weeks", [3, 12])
def test_form_page_queries_do_not_grow_with_dates(
    client, weeks, django_assert_max_num_queries
):
    page = weekly_event(factories.registration_form(capacity=5), weeks=weeks)
    for i, date in enumerate(Occurrence.objects.filter(page_id=page.pk)):
        writer.register(
            page, page.registration_form, name="B", email=f"{i}@x.org", occurrence=date
        )
    # 14 on a warm cache (the active locale and the page's translations among
    # them), plus the site's root paths and their translations on a cold one.
    # One more for the page frame (breadcrumb and menu in one query).
    with django_assert_max_num_queries(17):
        response = client.get(page.url + "register/")
    assert len(radios(response)) == min(weeks, 10)


def test_a_registration_post_reads_the_date_once_in_the_writer(client, monkeypatch):
    """The form posted checks what was typed; the date chosen is read once, by
    the writer, before its transaction (which on SQLite is the write lock: it
    holds only the count of places and the inserts), and the upcoming dates with
    their places not at all."""
    page = weekly_event(factories.registration_form())
    reads = []
    for module, name in (
        (availability, "date_options"),
        (views, "date_options"),
        (writer, "find_date"),
    ):
        read = getattr(module, name)

        def counted(*args, _read=read, _name=f"{module.__name__}.{name}", **kwargs):
            reads.append((_name, bool(connection.savepoint_ids)))
            return _read(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)
    assert post(client, page, occurrence=key(dates_of(page)[1])).status_code == 302
    assert reads == [("wagtail_events.registration.writer.find_date", False)]
