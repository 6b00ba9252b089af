"""A registrant changes their own registration (``amend``): their answers, their
date, their sessions. Places move under the lock, by the newcomer rule; a place
given back goes to the first person waiting; a refusal changes nothing."""

import datetime
import threading
import time
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import factories
from wagtail_events.models import EventCapacity, Occurrence, Registration
from wagtail_events.models import RegistrationStatus as S
from wagtail_events.registration import amend, changes, errors, keys, writer
from wagtail_events.registration.availability import waiting_position


pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo(factories.BRUSSELS)


@pytest.fixture
def mails(monkeypatch):
    """(kind, registration pk, params) of every e-mail enqueued."""
    sent = []

    def notify(kind, registration, token=None, params=None):
        sent.append((kind, registration.pk, params))

    for module in (writer, changes, amend):
        monkeypatch.setattr(module, "notify", notify)
    return sent


def evening(days_ahead):
    day = timezone.now().astimezone(BRUSSELS).date() + datetime.timedelta(days_ahead)
    return datetime.datetime.combine(day, datetime.time(19), tzinfo=BRUSSELS)


def weekly_event(form, weeks=3):
    first = evening(7)
    return factories.repeating(
        factories.event_index(),
        first,
        first + datetime.timedelta(hours=2),
        f"RRULE:FREQ=WEEKLY;COUNT={weeks}",
        registration_form=form,
    )


def dates_of(page):
    return list(Occurrence.objects.filter(page_id=page.pk).order_by("start"))


def register(page, email, date=None, **kwargs):
    return writer.register(
        page,
        page.registration_form,
        name=email.split("@")[0],
        email=email,
        occurrence=date,
        **kwargs,
    ).registration


def statuses(*registrations):
    for registration in registrations:
        registration.refresh_from_db()
    return [r.status for r in registrations]


# Date


def test_change_date_takes_a_place_and_frees_the_old_one(mails):
    page = weekly_event(factories.registration_form(capacity=1, waiting_list=True))
    first, second, _third = dates_of(page)
    ann = register(page, "ann@example.org", first)
    bob = register(page, "bob@example.org", first)
    assert statuses(ann, bob) == [S.CONFIRMED, S.WAITING]
    mails.clear()

    moved, promoted = amend.change_date(ann, keys.occurrence_key(second))

    assert moved.occurrence_key == keys.occurrence_key(second)
    assert promoted.pk == bob.pk
    assert statuses(ann, bob) == [S.CONFIRMED, S.CONFIRMED]
    bob.refresh_from_db()
    assert bob.occurrence_key == keys.occurrence_key(first)
    assert mails == [
        ("promoted", bob.pk, None),
        (
            "changed",
            ann.pk,
            {"date": [keys.occurrence_key(first), keys.occurrence_key(second)]},
        ),
    ]


def test_change_to_a_full_date_joins_its_waiting_list_last(mails):
    page = weekly_event(factories.registration_form(capacity=1, waiting_list=True))
    first, second, _third = dates_of(page)
    ann = register(page, "ann@example.org", first)
    register(page, "cy@example.org", second)
    dan = register(page, "dan@example.org", second)  # waiting there first

    amend.change_date(ann, keys.occurrence_key(second))

    ann.refresh_from_db()
    assert ann.status == S.WAITING
    assert waiting_position(dan) == 1
    assert waiting_position(ann) == 2


def test_the_newcomer_rule_decides_on_the_new_date(mails):
    """A place free on the new date is promised to the person waiting there."""
    form = factories.registration_form(capacity=1, waiting_list=True)
    page = weekly_event(form)
    first, second, _third = dates_of(page)
    register(page, "cy@example.org", second)
    dan = register(page, "dan@example.org", second)
    form.capacity = 2  # raised: one place free, and Dan waits for it
    form.save()
    ann = register(page, "ann@example.org", first)
    amend.change_date(ann, keys.occurrence_key(second))
    assert statuses(ann, dan) == [S.WAITING, S.WAITING]


def test_change_to_a_full_date_without_waiting_list_changes_nothing(mails):
    page = weekly_event(factories.registration_form(capacity=1, waiting_list=False))
    first, second, _third = dates_of(page)
    ann = register(page, "ann@example.org", first)
    register(page, "cy@example.org", second)
    mails.clear()
    with pytest.raises(errors.RegistrationClosed):
        amend.change_date(ann, keys.occurrence_key(second))
    ann.refresh_from_db()
    assert ann.occurrence_key == keys.occurrence_key(first)
    assert ann.status == S.CONFIRMED
    assert mails == []


def test_a_request_awaiting_approval_moves_as_it_is(mails):
    page = weekly_event(factories.registration_form(requires_approval=True))
    first, second, _third = dates_of(page)
    ann = register(page, "ann@example.org", first)
    amend.change_date(ann, keys.occurrence_key(second))
    ann.refresh_from_db()
    assert (ann.status, ann.occurrence_key) == (
        S.AWAITING_APPROVAL,
        keys.occurrence_key(second),
    )


@pytest.mark.parametrize(
    ("value", "reason"),
    [("", "required"), ("2020-01-01T18:00:00+00:00", "unknown"), ("<b>", "unknown")],
)
def test_unknown_dates_are_refused(mails, value, reason):
    page = weekly_event(factories.registration_form())
    ann = register(page, "ann@example.org", dates_of(page)[0])
    mails.clear()
    with pytest.raises(errors.InvalidDate) as refused:
        amend.change_date(ann, value)
    assert refused.value.reason == reason
    assert mails == []


def test_same_date_past_date_and_cancelled_date(mails):
    page = weekly_event(factories.registration_form())
    first, second, third = dates_of(page)
    ann = register(page, "ann@example.org", second)
    with pytest.raises(errors.ChangeRefused, match="same_date"):
        amend.change_date(ann, keys.occurrence_key(second))
    # Seen from the evening after the first date: it has passed.
    later = first.end + datetime.timedelta(hours=1)
    with pytest.raises(errors.InvalidDate, match="past"):
        amend.change_date(ann, keys.occurrence_key(first), now=later)
    Occurrence.objects.filter(pk=third.pk).update(cancelled=True)
    with pytest.raises(errors.InvalidDate, match="cancelled"):
        amend.change_date(ann, keys.occurrence_key(third))
    ann.refresh_from_db()
    assert ann.occurrence_key == keys.occurrence_key(second)
    assert [kind for kind, *_ in mails] == ["confirmation"]


def test_no_change_once_registration_closed_or_the_date_began(mails):
    form = factories.registration_form()
    page = weekly_event(form)
    first, second, third = dates_of(page)
    ann = register(page, "ann@example.org", first)
    # The first date began: moving from it is too late.
    with pytest.raises(errors.ChangeRefused, match="closed"):
        amend.change_date(
            ann, keys.occurrence_key(third), now=first.start + datetime.timedelta(1)
        )
    form.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    form.save()
    with pytest.raises(errors.ChangeRefused, match="closed"):
        amend.change_date(ann, keys.occurrence_key(second))
    with pytest.raises(errors.ChangeRefused, match="closed"):
        amend.update_answers(ann, name="Ann B", answers={})
    ann.refresh_from_db()
    assert (ann.name, ann.occurrence_key) == ("ann", keys.occurrence_key(first))


def test_a_cancelled_registration_cannot_change(mails):
    page = weekly_event(factories.registration_form())
    first, second, _third = dates_of(page)
    ann = register(page, "ann@example.org", first)
    changes.cancel_by_organiser(ann)
    with pytest.raises(errors.ChangeRefused, match="status"):
        amend.change_date(ann, keys.occurrence_key(second))


# Answers


def test_update_answers_and_name_but_not_the_address(mails):
    form = factories.registration_form(
        questions=[factories.question("Organisation", required=False)]
    )
    page = weekly_event(form)
    ann = register(
        page, "ann@example.org", dates_of(page)[0], answers={"organisation": "VVSG"}
    )
    mails.clear()
    assert amend.update_answers(
        ann, name="Ann Peeters", answers={"organisation": "City of Mechelen"}
    )
    ann.refresh_from_db()
    assert ann.name == "Ann Peeters"
    assert ann.answers == {"organisation": "City of Mechelen"}
    assert ann.email == "ann@example.org"
    assert mails == [("changed", ann.pk, {"answers": True})]
    # The same again: nothing changes, no e-mail.
    assert not amend.update_answers(
        ann, name="Ann Peeters", answers={"organisation": "City of Mechelen"}
    )
    assert len(mails) == 1


# Sessions


def day_at(hour, minute=0):
    day = timezone.now().astimezone(BRUSSELS).date() + datetime.timedelta(10)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=BRUSSELS)


class Conference:
    def __init__(self, **conference_form):
        self.conference = factories.conference(
            factories.event_index(),
            start=day_at(8),
            end=day_at(18),
            registration_form=factories.registration_form(**conference_form),
        )
        self.morning = factories.workshop(
            self.conference,
            day_at(10),
            day_at(12),
            title="Mentoring",
            registration_form=factories.registration_form(
                capacity=1, waiting_list=True
            ),
        )
        self.parallel = factories.workshop(
            self.conference,
            day_at(10),
            day_at(12),
            title="Bystander training",
            registration_form=factories.registration_form(
                capacity=1, waiting_list=False
            ),
        )
        self.afternoon = factories.workshop(
            self.conference,
            day_at(14),
            day_at(16),
            title="Urban renewal",
            registration_form=factories.registration_form(
                capacity=1, waiting_list=False
            ),
        )

    def register(self, email, *pages):
        return writer.register(
            self.conference,
            self.conference.registration_form,
            name=email,
            email=email,
            sessions=[str(page.pk) for page in pages],
        ).registration

    def status_at(self, registration, page):
        return (
            Registration.objects.filter(parent=registration, page=page)
            .order_by("-pk")
            .values_list("status", flat=True)
            .first()
        )


@pytest.fixture
def conf(db):
    return Conference()


def test_adding_and_removing_sessions_moves_the_places(conf, mails):
    ann = conf.register("ann@example.org", conf.morning)
    bob = conf.register("bob@example.org", conf.morning)  # waits for Ann's place
    assert conf.status_at(bob, conf.morning) == S.WAITING
    mails.clear()

    added, removed = amend.change_sessions(
        ann, [str(conf.parallel.pk), str(conf.afternoon.pk)]
    )

    assert [c.page_id for c in added] == [conf.parallel.pk, conf.afternoon.pk]
    assert [c.page_id for c in removed] == [conf.morning.pk]
    assert conf.status_at(ann, conf.morning) == S.CANCELLED
    assert conf.status_at(ann, conf.parallel) == S.CONFIRMED
    assert conf.status_at(ann, conf.afternoon) == S.CONFIRMED
    assert conf.status_at(bob, conf.morning) == S.CONFIRMED  # promoted
    kinds = [(kind, pk) for kind, pk, _params in mails]
    assert ("changed", ann.pk) in kinds
    assert ("promoted", Registration.objects.get(parent=bob).pk) in kinds
    (params,) = [p for kind, _pk, p in mails if kind == "changed"]
    assert params == {
        "added": [[conf.parallel.pk, ""], [conf.afternoon.pk, ""]],
        "removed": [[conf.morning.pk, ""]],
    }


def test_a_full_session_without_waiting_list_changes_nothing(conf, mails):
    conf.register("cy@example.org", conf.afternoon)  # the only place
    ann = conf.register("ann@example.org", conf.morning)
    mails.clear()
    with pytest.raises(errors.InvalidSessionChoice) as refused:
        amend.change_sessions(ann, [str(conf.afternoon.pk)])  # and drop morning
    assert refused.value.reason == "full"
    # The morning place is still Ann's: the removal went back too.
    assert conf.status_at(ann, conf.morning) == S.CONFIRMED
    assert conf.status_at(ann, conf.afternoon) is None
    assert mails == []


def test_a_full_session_is_refused_under_the_lock(conf, mails, monkeypatch):
    """The options saw a free place; under the lock the place is gone."""
    ann = conf.register("ann@example.org")
    real = amend.session_options

    def seen_before(*args, **kwargs):
        options = real(*args, **kwargs)
        factories.registration(conf.afternoon, "cy@example.org")
        return options

    monkeypatch.setattr(amend, "session_options", seen_before)
    with pytest.raises(errors.InvalidSessionChoice, match="full"):
        amend.change_sessions(ann, [str(conf.afternoon.pk)])
    assert conf.status_at(ann, conf.afternoon) is None


def test_a_full_session_with_waiting_list_puts_them_on_it(conf, mails):
    conf.register("cy@example.org", conf.morning)
    ann = conf.register("ann@example.org")
    amend.change_sessions(ann, [str(conf.morning.pk)])
    assert conf.status_at(ann, conf.morning) == S.WAITING


@pytest.mark.parametrize(
    "values", [["999999"], ["<script>"], ["1-abc"], [""], ["x" * 500]]
)
def test_unknown_sessions_are_refused(conf, mails, values):
    ann = conf.register("ann@example.org", conf.morning)
    with pytest.raises(errors.InvalidSessionChoice, match="unknown"):
        amend.change_sessions(ann, [str(conf.morning.pk), *values])
    assert conf.status_at(ann, conf.morning) == S.CONFIRMED


def test_an_added_session_may_not_overlap_one_kept(conf, mails):
    ann = conf.register("ann@example.org", conf.morning)
    with pytest.raises(errors.InvalidSessionChoice, match="overlap"):
        amend.change_sessions(ann, [str(conf.morning.pk), str(conf.parallel.pk)])
    # Swapping one for the other at the same time is fine.
    amend.change_sessions(ann, [str(conf.parallel.pk)])
    assert conf.status_at(ann, conf.parallel) == S.CONFIRMED


def test_sessions_changed_in_another_tab_meanwhile_change_nothing(
    conf, mails, monkeypatch
):
    """Ann adds the morning session in one tab; before this change takes the
    lock, her other tab added the parallel one (same hours): refused, instead of
    two sessions at once."""
    ann = conf.register("ann@example.org")
    mails.clear()
    real = amend.session_options

    def other_tab(*args, **kwargs):
        options = real(*args, **kwargs)
        factories.registration(
            conf.parallel, "ann@example.org", parent=ann, status=S.CONFIRMED
        )
        return options

    monkeypatch.setattr(amend, "session_options", other_tab)
    with pytest.raises(errors.ChangeRefused, match="moved"):
        amend.change_sessions(ann, [str(conf.morning.pk)])
    assert conf.status_at(ann, conf.morning) is None
    assert mails == []


def test_nothing_to_change_sends_nothing(conf, mails):
    ann = conf.register("ann@example.org", conf.morning)
    mails.clear()
    assert amend.change_sessions(ann, [str(conf.morning.pk)]) == ([], [])
    assert mails == []


def test_removing_a_session_after_the_cancellation_deadline_is_refused(mails):
    conf = Conference(
        cancellation_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    ann = conf.register("ann@example.org", conf.morning)
    with pytest.raises(errors.CancellationRefused, match="deadline_passed"):
        amend.change_sessions(ann, [str(conf.afternoon.pk)])
    assert conf.status_at(ann, conf.morning) == S.CONFIRMED
    assert conf.status_at(ann, conf.afternoon) is None


def test_the_answers_change_the_sessions_name_too(conf, mails):
    ann = conf.register("ann@example.org", conf.morning)
    amend.update_answers(ann, name="Ann Peeters", answers={})
    assert list(
        Registration.objects.filter(parent=ann).values_list("name", flat=True)
    ) == ["Ann Peeters"]


# Two registrants swap into the last place of a session at once (PostgreSQL).


def swap_at_once(conf, registrations):
    """Each registration drops its sessions for the afternoon's, in a thread of
    its own, released together; {pk: (added, removed) or the refusal}."""
    barrier = threading.Barrier(len(registrations))
    results = {}

    def swap(registration):
        try:
            own = Registration.objects.get(pk=registration.pk)
            barrier.wait(timeout=30)
            results[registration.pk] = amend.change_sessions(
                own, [str(conf.afternoon.pk)]
            )
        except errors.RegistrationRefused as refused:
            results[registration.pk] = refused
        finally:
            connection.close()

    threads = [threading.Thread(target=swap, args=(r,)) for r in registrations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


@pytest.fixture
def slow_count(monkeypatch):
    """Widen the window between counting a session's places (under the lock)
    and taking one."""
    count = amend.availability_of

    def counted(*args, **kwargs):
        places = count(*args, **kwargs)
        time.sleep(0.2)
        return places

    monkeypatch.setattr(amend, "availability_of", counted)


@pytest.fixture
def on_postgres():
    # Threads see only what is committed: a transactional test, whose serialized
    # rollback brings back the site tree its flush removes.
    assert connection.vendor == "postgresql", "run with DATABASE_URL=postgres://..."


# The threads need committed data; the site tree comes back after the flush.
ON_POSTGRES = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@ON_POSTGRES[0]
@ON_POSTGRES[1]
def test_two_swaps_into_the_last_place_never_exceed_it(on_postgres, slow_count):
    conf = Conference()
    ann = conf.register("ann@example.org", conf.morning)
    bob = conf.register("bob@example.org", conf.parallel)
    # As in the control below: only the lock keeps them apart.
    EventCapacity.objects.create(event_key=keys.event_key(conf.afternoon))
    # Both want the afternoon's one place, dropping their morning at once.
    results = swap_at_once(conf, [ann, bob])
    confirmed = Registration.objects.filter(page=conf.afternoon, status=S.CONFIRMED)
    assert confirmed.count() == 1
    refused = [r for r in results.values() if isinstance(r, errors.RegistrationRefused)]
    assert [r.reason for r in refused] == ["full"]
    # The one refused kept their morning registration as it was.
    if isinstance(results[ann.pk], errors.RegistrationRefused):
        assert conf.status_at(ann, conf.morning) == S.CONFIRMED
        assert conf.status_at(bob, conf.parallel) == S.CANCELLED
    else:
        assert conf.status_at(bob, conf.parallel) == S.CONFIRMED
        assert conf.status_at(ann, conf.morning) == S.CANCELLED


@ON_POSTGRES[0]
@ON_POSTGRES[1]
def test_without_the_lock_the_last_place_is_given_twice(
    on_postgres, slow_count, monkeypatch
):
    """Control: a lock that locks nothing lets both swaps take the one place,
    so the test above would catch a missing lock."""

    def no_lock(pairs):
        rows = EventCapacity.objects
        return [
            rows.get_or_create(event_key=key, occurrence_key=occ_key)[0]
            for key, occ_key in pairs
        ]

    monkeypatch.setattr(keys, "lock_rows", no_lock)  # what keys.lock_all calls
    conf = Conference()
    ann = conf.register("ann@example.org", conf.morning)
    bob = conf.register("bob@example.org", conf.parallel)
    # Its capacity row made beforehand: else the second insert of it would wait
    # for the first, a lock of its own.
    EventCapacity.objects.create(event_key=keys.event_key(conf.afternoon))
    swap_at_once(conf, [ann, bob])
    confirmed = Registration.objects.filter(page=conf.afternoon, status=S.CONFIRMED)
    assert confirmed.count() == 2


def test_a_session_s_capacity_row_is_created_before_the_lock(conf, mails):
    """No transaction inserts a capacity row while it holds another locked (a
    PostgreSQL deadlock shape, ``keys.create_rows``): the row of a session no one
    has chosen yet is committed before the change's transaction begins."""
    ann = conf.register("ann@example.org", conf.morning)
    assert not EventCapacity.objects.filter(event_key=keys.event_key(conf.parallel))
    with CaptureQueriesContext(connection) as queries:
        amend.change_sessions(ann, [str(conf.parallel.pk)])
    sql = [q["sql"].upper() for q in queries]
    inserted = next(
        i for i, q in enumerate(sql) if "EVENTCAPACITY" in q and "INSERT" in q
    )
    began = next(i for i, q in enumerate(sql) if q.startswith("SAVEPOINT"))
    assert inserted < began
    assert conf.status_at(ann, conf.parallel) == S.CONFIRMED
