"""The writer's locked section: what runs while the event's capacity rows are
locked serialises the registrations of one event, so it is a small constant
number of queries, whatever the number of registrants and sessions chosen."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from wagtail_events.models import EventCapacity, Registration, RegistrationStatus
from wagtail_events.registration import keys, writer
from wagtail_events.registration.session_choices import session_options


pytestmark = pytest.mark.django_db

NOW = factories.local(2024, 3, 1, 12)
# Once the capacity rows exist: lock them (1), count the places (1), look for
# the address's registrations (1), insert the registration (1) and its
# sessions' (1).
LOCKED_QUERIES = 5


@pytest.fixture
def locked_queries(monkeypatch):
    """The queries of each registration from taking the lock to the end of the
    writing (the commit follows at once)."""
    counted = []
    lock_all, write = writer.lock_all, writer._write
    capture = {}

    def start(*args, **kwargs):
        capture["context"] = CaptureQueriesContext(connection).__enter__()
        return lock_all(*args, **kwargs)

    def finish(*args, **kwargs):
        try:
            return write(*args, **kwargs)
        finally:
            context = capture.pop("context")
            context.__exit__(None, None, None)
            counted.append([q["sql"] for q in context.captured_queries])

    monkeypatch.setattr(writer, "lock_all", start)
    monkeypatch.setattr(writer, "_write", finish)
    return counted


def conference_with_sessions(sessions, places=2):
    start = factories.local(2024, 4, 19, 9)
    form = factories.registration_form(
        [factories.question("Organisation")], capacity=places, waiting_list=True
    )
    conf = factories.conference(
        start=start, end=start + datetime.timedelta(hours=9), registration_form=form
    )
    for i in range(sessions):
        begins = start + datetime.timedelta(hours=i)
        factories.workshop(
            conf,
            begins,
            begins + datetime.timedelta(minutes=50),
            registration_form=factories.registration_form(
                capacity=1, waiting_list=True
            ),
        )
    return conf, form


def register(conf, form, n, values):
    return writer.register(
        conf,
        form,
        name=f"Person {n}",
        email=f"person{n}@example.org",
        answers={"organisation": "VVSG"},
        sessions=values,
        now=NOW,
    )


@pytest.mark.parametrize("sessions", [0, 1, 4])
def test_the_locked_section_is_a_constant_number_of_queries(sessions, locked_queries):
    conf, form = conference_with_sessions(sessions)
    values = [option.value for option in session_options(conf, NOW)]
    assert len(values) == sessions
    outcomes = [register(conf, form, n, values) for n in range(5)]

    # The first registration creates the capacity rows (an insert, a second
    # lock); then every registration, placed or waiting, the same queries.
    assert len(locked_queries[0]) <= LOCKED_QUERIES + 2
    budget = LOCKED_QUERIES if sessions else LOCKED_QUERIES - 1
    assert [len(q) for q in locked_queries[1:]] == [budget] * 4, locked_queries[1]
    assert "FOR UPDATE" in locked_queries[1][0] or connection.vendor == "sqlite"
    assert EventCapacity.objects.count() == 1 + sessions

    # Two places, then the waiting list in order: positions told 1, 2, 3.
    assert [o.status for o in outcomes] == [RegistrationStatus.CONFIRMED] * 2 + [
        RegistrationStatus.WAITING
    ] * 3
    assert [o.waiting_position for o in outcomes] == [None, None, 1, 2, 3]
    waiting = Registration.objects.filter(
        parent=None, status=RegistrationStatus.WAITING
    ).order_by("created_at", "pk")
    assert [r.email for r in waiting] == [f"person{n}@example.org" for n in (2, 3, 4)]
    # Each session: one place, then its waiting list.
    for option in session_options(conf, NOW):
        rows = Registration.objects.filter(event_key=option.keys[0]).order_by(
            "created_at", "pk"
        )
        assert [r.status for r in rows] == [RegistrationStatus.CONFIRMED] + [
            RegistrationStatus.WAITING
        ] * 4
        assert all(r.parent is not None for r in rows)
    assert [s.waiting_position for s in outcomes[-1].sessions] == [4] * sessions


def test_a_duplicate_runs_no_insert_under_the_lock(locked_queries):
    conf, form = conference_with_sessions(2)
    values = [option.value for option in session_options(conf, NOW)]
    first = register(conf, form, 1, values)
    again = register(conf, form, 1, values)

    assert again.duplicate and again.registration == first.registration
    assert len(locked_queries[1]) == 3  # lock, count, look up: no insert
    assert Registration.objects.count() == 3


def test_an_address_registered_for_a_session_keeps_that_registration():
    conf, form = conference_with_sessions(2)
    options = session_options(conf, NOW)
    own = factories.registration(options[0].page, email="Person1@example.org")
    outcome = register(conf, form, 1, [option.value for option in options])

    children = Registration.objects.filter(parent=outcome.registration)
    assert [c.event_key for c in children] == [options[1].keys[0]]
    assert Registration.objects.filter(event_key=options[0].keys[0]).get() == own


def test_lock_all_locks_in_one_query_once_the_rows_exist():
    pairs = [(factories.conference().translation_key, "")] * 2 + [
        (factories.conference().translation_key, "2024-04-19T07:00:00+00:00")
    ]
    with CaptureQueriesContext(connection) as first:
        rows = keys.lock_all(pairs)
    with CaptureQueriesContext(connection) as again:
        assert keys.lock_all(pairs) == rows
    assert len(rows) == 2 and len(again.captured_queries) == 1
    assert len(first.captured_queries) <= 3


def test_the_capacity_rows_exist_before_any_is_locked(monkeypatch):
    """The first registrations of a conference and its sessions (a burst when
    registration opens) create their capacity rows. Created inside the locked
    transaction, a registration could hold one row locked while it waits for
    another's uncommitted insert of a second row, and that one wait for the first
    row: a PostgreSQL deadlock, a server error. They are inserted before the
    transaction (committed, holding nothing), so the locked section only locks."""
    conf, form = conference_with_sessions(2)
    values = [option.value for option in session_options(conf, NOW)]
    seen = []

    def lock_all(pairs):
        wanted = {(str(k), o) for k, o in pairs}
        present = {
            (str(k), o)
            for k, o in EventCapacity.objects.values_list("event_key", "occurrence_key")
        }
        seen.append(wanted - present)
        return keys.lock_all(pairs)

    monkeypatch.setattr(writer, "lock_all", lock_all)
    register(conf, form, 1, values)
    with CaptureQueriesContext(connection) as second:
        register(conf, form, 2, values)
    assert seen == [set(), set()]
    # Once they exist: read, never written again.
    assert not any(
        "INSERT" in q["sql"] and "capacity" in q["sql"] for q in second.captured_queries
    )
    assert EventCapacity.objects.count() == 3
