"""Forty people take the last places at the same moment, on PostgreSQL.

Each thread has its own database connection; a barrier releases them together.
With the capacity row locked (``keys.lock_all``) exactly the places are given and
the waiting list keeps the order of registering; a control run with a lock that
locks nothing shows the race the lock prevents. Both patch the names where the
writer looks them up: ``keys.lock_rows`` (through ``keys.lock_all``) and
``writer.counts`` (the places counted under the lock).

Only PostgreSQL proves this (SQLite serialises every writer and has no
``SELECT ... FOR UPDATE``): on any other database the tests fail, so the SQLite
sessions deselect them with ``-m "not postgres"``.
"""

import datetime
import threading
import time

import pytest
from django.db import connection

from tests import factories
from wagtail_events.models import (
    EventCapacity,
    EventPage,
    Registration,
    RegistrationForm,
    RegistrationStatus,
)
from wagtail_events.registration import availability, keys, session_choices, writer


pytestmark = pytest.mark.postgres

# Each person has a connection of their own: two races at once, on the two
# workers, must stay below PostgreSQL's default max_connections (100).
PEOPLE = 40
PLACES = 10
# Between counting the places and inserting the registration: wide enough that
# unlocked registrations overlap, short enough that forty locked ones (which wait
# for each other) take about a second.
WINDOW = 0.02
NOW = factories.local(2024, 3, 1, 12)


@pytest.fixture
def on_postgres(transactional_db, django_db_serialized_rollback):
    # transactional_db: the threads see the committed event; serialized rollback
    # brings back the site tree the flush of a transactional test removes.
    assert connection.vendor == "postgresql", (
        "The registration concurrency tests need PostgreSQL (DATABASE_URL="
        "postgres://...); on another database they prove nothing. Deselect them "
        f'with -m "not postgres" (this run uses {connection.vendor}).'
    )


@pytest.fixture
def event(on_postgres):
    form = factories.registration_form(capacity=PLACES, waiting_list=True)
    start = factories.local(2024, 4, 19, 9)
    conf = factories.conference(factories.event_index())
    page = factories.workshop(
        conf, start, start + datetime.timedelta(hours=1), registration_form=form
    )
    return page, form


@pytest.fixture
def slow_count(monkeypatch):
    """Widen the window between counting the places taken (under the lock, with
    ``writer.counts``) and the insert."""
    count = writer.counts

    def counts(*args, **kwargs):
        taken = count(*args, **kwargs)
        time.sleep(WINDOW)
        return taken

    monkeypatch.setattr(writer, "counts", counts)


def register_all_at_once(page, form):
    """``PEOPLE`` threads, one connection each, released together; returns the
    outcomes in thread order and the seconds from release to the last one."""
    barrier = threading.Barrier(PEOPLE + 1)
    outcomes = [None] * PEOPLE
    errors = []

    def person(i):
        try:
            own_page = EventPage.objects.get(pk=page.pk)
            own_form = RegistrationForm.objects.get(pk=form.pk)
            barrier.wait(timeout=30)
            outcomes[i] = writer.register(
                own_page,
                own_form,
                name=f"Person {i}",
                email=f"person{i}@example.org",
                now=NOW,
            )
        except BaseException as exc:  # reported in the test's thread below
            errors.append((i, exc))
            barrier.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=person, args=(i,)) for i in range(PEOPLE)]
    for thread in threads:
        thread.start()
    try:
        barrier.wait(timeout=30)
    except threading.BrokenBarrierError:
        # A person failed before the start (their connection, say): say why.
        for thread in threads:
            thread.join(timeout=60)
        raise AssertionError(f"Not everyone could start: {errors}") from None
    started = time.monotonic()
    for thread in threads:
        thread.join(timeout=60)
    elapsed = time.monotonic() - started
    assert not any(thread.is_alive() for thread in threads), "a thread hangs"
    assert not errors, errors
    return outcomes, elapsed


def test_forty_people_ten_places(event, slow_count):
    page, form = event
    outcomes, elapsed = register_all_at_once(page, form)

    key = page.translation_key
    rows = Registration.objects.filter(event_key=key).order_by("created_at", "pk")
    by_status = {s: rows.filter(status=s).count() for s in RegistrationStatus.values}
    assert by_status[RegistrationStatus.CONFIRMED] == PLACES
    assert by_status[RegistrationStatus.WAITING] == PEOPLE - PLACES
    assert sum(by_status.values()) == PEOPLE
    assert EventCapacity.objects.filter(event_key=key).count() == 1

    # The first ten to get the lock have the places, the others wait in the
    # order they registered: positions 1..40 by time of creation.
    statuses = [r.status for r in rows]
    assert statuses == [RegistrationStatus.CONFIRMED] * PLACES + [
        RegistrationStatus.WAITING
    ] * (PEOPLE - PLACES)
    waiting_rows = [r for r in rows if r.status == RegistrationStatus.WAITING]
    assert [availability.waiting_position(r) for r in waiting_rows] == list(
        range(1, PEOPLE - PLACES + 1)
    )
    # What each person was told matches.
    told = {o.registration.pk: o.waiting_position for o in outcomes}
    assert [told[r.pk] for r in waiting_rows] == list(range(1, PEOPLE - PLACES + 1))
    assert [told[r.pk] for r in rows[:PLACES]] == [None] * PLACES
    assert all(not o.duplicate for o in outcomes)
    # Serialised by the lock: at least one window per person.
    assert elapsed >= PEOPLE * WINDOW * 0.9, elapsed


def test_without_the_lock_the_places_are_oversold(event, slow_count, monkeypatch):
    """Control: the same run with a lock that locks nothing gives away more than
    the places, so the test above would catch a missing lock."""
    page, form = event

    def no_lock(pairs):
        rows = EventCapacity.objects
        return [
            rows.get_or_create(event_key=key, occurrence_key=occ_key)[0]
            for key, occ_key in pairs
        ]

    monkeypatch.setattr(keys, "lock_rows", no_lock)  # what keys.lock_all calls
    register_all_at_once(page, form)

    confirmed = Registration.objects.filter(
        event_key=page.translation_key, status=RegistrationStatus.CONFIRMED
    ).count()
    assert confirmed > PLACES, f"{confirmed} confirmed: the race did not show"


# Sessions chosen with a conference registration: several capacity rows per
# transaction, locked in one sorted order.

SESSION_PEOPLE = 20
SESSION_PLACES = 5


@pytest.fixture
def conference_with_sessions(on_postgres):
    start = factories.local(2099, 4, 19, 9)
    conf = factories.conference(
        factories.event_index(),
        start=start,
        end=start + datetime.timedelta(hours=9),
        registration_form=factories.registration_form(),
    )
    hours = datetime.timedelta(hours=1)
    limited = factories.workshop(
        conf,
        start,
        start + hours,
        title="Limited",
        registration_form=factories.registration_form(
            capacity=SESSION_PLACES, waiting_list=True
        ),
    )
    others = [
        factories.workshop(
            conf,
            start + (i + 1) * hours,
            start + (i + 2) * hours,
            title=f"Other {i}",
            registration_form=factories.registration_form(capacity=SESSION_PEOPLE),
        )
        for i in range(3)
    ]
    return conf, limited, others


def test_twenty_people_choose_the_same_limited_session(
    conference_with_sessions, slow_count
):
    conf, limited, others = conference_with_sessions
    options = {
        o.page.pk: o.value for o in session_choices.session_options(conf, now=NOW)
    }
    barrier = threading.Barrier(SESSION_PEOPLE + 1)
    errors = []

    def person(i):
        # Each person chooses the limited session and some others, listed in an
        # order of their own, so that unsorted locking would deadlock.
        chosen = [options[limited.pk]] + [
            options[page.pk] for page in others[: 1 + i % 3]
        ]
        chosen = chosen[i % len(chosen) :] + chosen[: i % len(chosen)]
        if i % 2:
            chosen.reverse()
        try:
            own_conf = EventPage.objects.get(pk=conf.pk)
            own_form = RegistrationForm.objects.get(pk=conf.registration_form_id)
            barrier.wait(timeout=30)
            writer.register(
                own_conf,
                own_form,
                name=f"Person {i}",
                email=f"person{i}@example.org",
                sessions=chosen,
                now=NOW,
            )
        except BaseException as exc:  # a deadlock would show here
            errors.append((i, exc))
            barrier.abort()
        finally:
            connection.close()

    threads = [
        threading.Thread(target=person, args=(i,)) for i in range(SESSION_PEOPLE)
    ]
    for thread in threads:
        thread.start()
    try:
        barrier.wait(timeout=30)
    except threading.BrokenBarrierError:
        # A person failed before the start (their connection, say): say why.
        for thread in threads:
            thread.join(timeout=60)
        raise AssertionError(f"Not everyone could start: {errors}") from None
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread hangs"
    assert not errors, errors

    in_limited = Registration.objects.filter(event_key=limited.translation_key)
    assert in_limited.filter(status=RegistrationStatus.CONFIRMED).count() == (
        SESSION_PLACES
    )
    assert in_limited.filter(status=RegistrationStatus.WAITING).count() == (
        SESSION_PEOPLE - SESSION_PLACES
    )
    assert all(r.parent_id is not None for r in in_limited)
    parents = Registration.objects.filter(event_key=conf.translation_key)
    assert parents.count() == SESSION_PEOPLE
    assert not parents.exclude(status=RegistrationStatus.CONFIRMED).exists()
    for i, page in enumerate(others):
        assert Registration.objects.filter(
            event_key=page.translation_key, status=RegistrationStatus.CONFIRMED
        ).count() == sum(1 for p in range(SESSION_PEOPLE) if p % 3 >= i)
