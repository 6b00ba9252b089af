"""Rules of registration (writer, changes, availability): opening times, invitation codes, places
per event and date, the waiting list, approval, duplicates, cancelling and the
organiser's actions. Every refusal is checked to change nothing."""

import datetime

import pytest

from tests import factories
from wagtail_events.models import Registration, RegistrationForm, RegistrationStatus
from wagtail_events.registration import availability, changes, errors, keys, writer
from wagtail_events.registration.errors import (
    CancellationRefused,
    InvalidInvitationCode,
    InvalidToken,
    InvalidTransition,
    RegistrationClosed,
)


S = RegistrationStatus
NOW = factories.local(2024, 3, 1, 12)
START = factories.local(2024, 4, 19, 9)


def make_event(form=None):
    conf = factories.conference(factories.event_index())
    return factories.workshop(
        conf, START, START + datetime.timedelta(hours=1), registration_form=form
    )


def make_weekly_event(form=None, weeks=4):
    conf = factories.conference(factories.event_index())
    return factories.repeating(
        conf,
        START,
        START + datetime.timedelta(hours=1),
        f"RRULE:FREQ=WEEKLY;COUNT={weeks}",
        registration_form=form,
    )


def reg(page, form, email="a@example.org", name=None, **kwargs):
    kwargs.setdefault("now", NOW)
    return writer.register(
        page, form, name=name or email.split("@")[0], email=email, **kwargs
    )


def snapshot():
    """Everything a refusal must leave alone."""
    return list(
        Registration.objects.order_by("pk").values_list(
            "pk", "status", "email", "updated_at", "cancellation_token_hash"
        )
    )


def statuses(*outcomes):
    return [Registration.objects.get(pk=o.registration.pk).status for o in outcomes]


@pytest.fixture
def limited(db):
    """An event with two places and a waiting list."""
    form = factories.registration_form(capacity=2, waiting_list=True)
    return make_event(form), form


# Opening times


def test_open_registration_takes_a_place_and_stores_only_the_tokens_hash(db):
    form = factories.registration_form()
    page = make_event(form)
    outcome = reg(page, form, email=" Ann@Example.org ", language="nl")
    r = outcome.registration
    assert (outcome.status, outcome.duplicate, outcome.waiting_position) == (
        S.CONFIRMED,
        False,
        None,
    )
    assert r.status == S.CONFIRMED
    assert r.email == "Ann@Example.org"
    assert r.event_key == page.translation_key
    assert r.occurrence_key == ""
    assert r.cancellation_token_hash == keys.hash_token(outcome.token)
    assert outcome.token not in r.cancellation_token_hash


@pytest.mark.parametrize(
    ("opens", "closes", "reason"),
    [
        (NOW + datetime.timedelta(minutes=1), None, "not_open_yet"),
        (None, NOW, "closed"),
        (None, NOW - datetime.timedelta(days=1), "closed"),
    ],
)
def test_not_open_refuses_and_changes_nothing(db, opens, closes, reason):
    form = factories.registration_form(opens_at=opens, closes_at=closes)
    page = make_event(form)
    before = snapshot()
    with pytest.raises(RegistrationClosed) as exc:
        reg(page, form)
    assert exc.value.reason == reason
    assert snapshot() == before == []


def test_open_between_opening_and_closing(db):
    form = factories.registration_form(
        opens_at=NOW, closes_at=NOW + datetime.timedelta(seconds=1)
    )
    page = make_event(form)
    assert reg(page, form).status == S.CONFIRMED


# Invitation code


def test_right_invitation_code_registers(db):
    form = factories.registration_form(invitation_code="Mechelen-2024")
    page = make_event(form)
    assert reg(page, form, invitation_code=" Mechelen-2024 ").status == S.CONFIRMED


@pytest.mark.parametrize("code", ["", None, "mechelen-2024", "Mechelen-202", "x" * 500])
def test_wrong_invitation_code_refuses_and_changes_nothing(db, code):
    form = factories.registration_form(invitation_code="Mechelen-2024")
    page = make_event(form)
    reg(page, form, email="first@example.org", invitation_code="Mechelen-2024")
    before = snapshot()
    with pytest.raises(InvalidInvitationCode) as exc:
        reg(page, form, email="intruder@example.org", invitation_code=code)
    assert exc.value.reason == "invitation_code"
    assert snapshot() == before


def test_wrong_code_is_refused_also_for_a_registered_address(db):
    form = factories.registration_form(invitation_code="secret")
    page = make_event(form)
    reg(page, form, invitation_code="secret")
    before = snapshot()
    with pytest.raises(InvalidInvitationCode):
        reg(page, form, invitation_code="guess")
    assert snapshot() == before


def test_code_is_ignored_when_the_form_has_none(db):
    form = factories.registration_form()
    page = make_event(form)
    assert reg(page, form, invitation_code="anything").status == S.CONFIRMED


# Places and the waiting list


def test_places_then_waiting_list_with_positions(limited):
    page, form = limited
    a, b, c, d = (reg(page, form, email=f"{n}@example.org") for n in "abcd")
    assert [o.status for o in (a, b, c, d)] == [
        S.CONFIRMED,
        S.CONFIRMED,
        S.WAITING,
        S.WAITING,
    ]
    assert [o.waiting_position for o in (a, b, c, d)] == [None, None, 1, 2]
    assert availability.places_taken(page.translation_key) == 2
    assert list(availability.waiting(page.translation_key)) == [
        c.registration,
        d.registration,
    ]


def test_full_without_waiting_list_refuses_and_changes_nothing(db):
    form = factories.registration_form(capacity=1, waiting_list=False)
    page = make_event(form)
    reg(page, form)
    before = snapshot()
    with pytest.raises(RegistrationClosed) as exc:
        reg(page, form, email="b@example.org")
    assert exc.value.reason == "full"
    assert snapshot() == before


def test_no_capacity_means_no_limit(db):
    form = factories.registration_form(capacity=None, waiting_list=False)
    page = make_event(form)
    outcomes = [reg(page, form, email=f"{i}@example.org") for i in range(30)]
    assert {o.status for o in outcomes} == {S.CONFIRMED}


def test_capacity_zero_sends_everyone_to_the_waiting_list(db):
    form = factories.registration_form(capacity=0)
    page = make_event(form)
    assert reg(page, form).status == S.WAITING


def test_places_are_counted_per_date_of_a_repeating_event(db):
    form = factories.registration_form(capacity=1, waiting_list=False)
    page = make_weekly_event(form)
    first = START
    second = START + datetime.timedelta(days=7)
    a = reg(page, form, occurrence_start=first)
    b = reg(page, form, email="b@example.org", occurrence_start=second)
    assert (a.status, b.status) == (S.CONFIRMED, S.CONFIRMED)
    # Keyed by the date's original start, in UTC.
    assert b.registration.occurrence_key == "2024-04-26T07:00:00+00:00"
    before = snapshot()
    with pytest.raises(RegistrationClosed):
        reg(page, form, email="c@example.org", occurrence_start=first)
    # An event with dates takes no registration for the whole event.
    with pytest.raises(errors.InvalidDate) as exc:
        reg(page, form, email="c@example.org")
    assert exc.value.reason == "required"
    assert snapshot() == before


def test_places_are_counted_per_event(db):
    form = factories.registration_form(capacity=1, waiting_list=False)
    one, two = make_event(form), make_event(form)
    assert reg(one, form).status == S.CONFIRMED
    assert reg(two, form).status == S.CONFIRMED


def test_people_waiting_come_before_newcomers_when_places_were_added(limited):
    page, form = limited
    for n in "abc":
        reg(page, form, email=f"{n}@example.org")
    form.capacity = 3  # one place more, one person waiting
    form.save()
    d = reg(page, form, email="d@example.org")
    assert (d.status, d.waiting_position) == (S.WAITING, 2)


# Approval


def test_approval_required_takes_no_place_even_when_full(db):
    form = factories.registration_form(
        capacity=1, waiting_list=False, requires_approval=True
    )
    page = make_event(form)
    a = reg(page, form)
    b = reg(page, form, email="b@example.org")
    assert (a.status, b.status) == (S.AWAITING_APPROVAL, S.AWAITING_APPROVAL)
    assert availability.places_taken(page.translation_key) == 0


def test_approve_gives_a_place_then_the_waiting_list(db):
    form = factories.registration_form(
        capacity=1, waiting_list=True, requires_approval=True
    )
    page = make_event(form)
    a, b = reg(page, form), reg(page, form, email="b@example.org")
    assert changes.approve(b.registration).status == S.CONFIRMED
    assert changes.approve(a.registration).status == S.WAITING
    assert statuses(a, b) == [S.WAITING, S.CONFIRMED]
    assert availability.waiting_position(a.registration) == 1


def test_approve_when_full_without_waiting_list_refuses_and_changes_nothing(db):
    form = factories.registration_form(
        capacity=1, waiting_list=False, requires_approval=True
    )
    page = make_event(form)
    a, b = reg(page, form), reg(page, form, email="b@example.org")
    changes.approve(a.registration)
    before = snapshot()
    with pytest.raises(RegistrationClosed) as exc:
        changes.approve(b.registration)
    assert exc.value.reason == "full"
    assert snapshot() == before


@pytest.mark.parametrize("action", ["approve", "decline"])
def test_approve_and_decline_only_what_awaits(db, action):
    form = factories.registration_form()
    page = make_event(form)
    a = reg(page, form)  # confirmed
    before = snapshot()
    with pytest.raises(InvalidTransition):
        getattr(changes, action)(a.registration)
    assert snapshot() == before


def test_decline_awaiting_and_waiting(db):
    form = factories.registration_form(capacity=0, requires_approval=True)
    page = make_event(form)
    a, b = reg(page, form), reg(page, form, email="b@example.org")
    changes.approve(b.registration)  # no place: waiting
    changes.decline(a.registration)
    changes.decline(b.registration)
    assert statuses(a, b) == [S.DECLINED, S.DECLINED]


# Duplicates: the same address twice for the same event and date


def test_second_registration_with_the_same_address_creates_nothing(limited):
    page, form = limited
    first = reg(page, form, email="ann@example.org")
    before = [row[:3] for row in snapshot()]
    again = reg(page, form, email="  ANN@example.ORG", name="Someone else")
    assert again.duplicate is True
    assert again.registration.pk == first.registration.pk
    assert [row[:3] for row in snapshot()] == before
    # The "already registered" e-mail carries the same link as the first.
    assert again.token == first.token
    assert changes.registration_for_token(again.token).pk == first.registration.pk
    assert availability.places_taken(page.translation_key) == 1


def test_duplicate_looks_like_what_a_newcomer_is_told(limited):
    page, form = limited
    reg(page, form, email="ann@example.org")  # confirmed
    reg(page, form, email="bob@example.org")  # confirmed: full
    reg(page, form, email="cy@example.org")  # waiting 1
    dup = reg(page, form, email="ann@example.org")
    new = reg(page, form, email="dee@example.org")
    # What the visitor is told is the same; Ann's real status is not revealed.
    assert (dup.status, dup.waiting_position) == (new.status, new.waiting_position)
    assert (dup.status, dup.waiting_position) == (S.WAITING, 2)
    assert dup.registration.status == S.CONFIRMED  # for the e-mail only
    assert not new.duplicate


def test_duplicate_when_full_without_waiting_list_is_refused_like_anyone(db):
    form = factories.registration_form(capacity=1, waiting_list=False)
    page = make_event(form)
    reg(page, form, email="ann@example.org")
    before = snapshot()
    for email in ("ann@example.org", "bob@example.org"):
        with pytest.raises(RegistrationClosed):
            reg(page, form, email=email)
    assert snapshot() == before


@pytest.mark.parametrize("first_status", [S.WAITING, S.AWAITING_APPROVAL, S.DECLINED])
def test_duplicate_of_a_registration_without_a_place(db, first_status):
    form = factories.registration_form(
        capacity=0, requires_approval=first_status != S.WAITING
    )
    page = make_event(form)
    first = reg(page, form)
    if first_status == S.DECLINED:
        changes.decline(first.registration)
    before = [row[:3] for row in snapshot()]
    again = reg(page, form)
    assert again.duplicate and [row[:3] for row in snapshot()] == before


def test_same_address_for_another_date_or_after_cancelling_registers(db):
    form = factories.registration_form(capacity=5)
    page = make_weekly_event(form)
    first = reg(page, form, occurrence_start=START)
    other_date = reg(page, form, occurrence_start=START + datetime.timedelta(days=7))
    assert not other_date.duplicate
    changes.cancel(first.token, now=NOW)
    again = reg(page, form, occurrence_start=START)
    assert not again.duplicate
    assert again.registration.pk != first.registration.pk
    assert again.status == S.CONFIRMED


# Cancelling


def test_cancel_gives_the_place_to_the_first_person_waiting(limited):
    page, form = limited
    a, b, c, d = (reg(page, form, email=f"{n}@example.org") for n in "abcd")
    cancelled, promoted = changes.cancel(a.token, now=NOW)
    assert cancelled.pk == a.registration.pk
    assert promoted.pk == c.registration.pk
    assert statuses(a, b, c, d) == [S.CANCELLED, S.CONFIRMED, S.CONFIRMED, S.WAITING]
    assert (
        availability.waiting_position(Registration.objects.get(pk=d.registration.pk))
        == 1
    )


def test_cancelling_a_place_of_waiting_person_promotes_nobody(limited):
    page, form = limited
    a, b, c, d = (reg(page, form, email=f"{n}@example.org") for n in "abcd")
    _, promoted = changes.cancel(c.token, now=NOW)
    assert promoted is None
    assert statuses(a, b, c, d) == [S.CONFIRMED, S.CONFIRMED, S.CANCELLED, S.WAITING]


def test_cancel_promotes_only_when_a_place_is_really_free(limited):
    page, form = limited
    a, b, c, d = (reg(page, form, email=f"{n}@example.org") for n in "abcd")
    changes.promote(c.registration, force=True)  # overbooked: 3 of 2
    _, promoted = changes.cancel(a.token, now=NOW)
    assert promoted is None
    assert statuses(a, b, c, d) == [S.CANCELLED, S.CONFIRMED, S.CONFIRMED, S.WAITING]


def test_cancel_after_capacity_was_lowered_promotes_nobody(limited):
    page, form = limited
    a, b, c = (reg(page, form, email=f"{n}@example.org") for n in "abc")
    form.capacity = 1
    form.save()
    _, promoted = changes.cancel(a.token, now=NOW)
    assert promoted is None
    assert statuses(a, b, c) == [S.CANCELLED, S.CONFIRMED, S.WAITING]


def test_cancelling_twice_changes_nothing(limited):
    page, form = limited
    a, b, c, d = (reg(page, form, email=f"{n}@example.org") for n in "abcd")
    changes.cancel(a.token, now=NOW)
    before = snapshot()
    registration, promoted = changes.cancel(a.token, now=NOW)
    assert registration.status == S.CANCELLED and promoted is None
    assert snapshot() == before


@pytest.mark.parametrize(
    "bad",
    [
        "",
        None,
        123,
        "not-a-token",
        "tampered",  # replaced below by a real token with one character changed
        "upper",  # a real token in other case
    ],
)
def test_unknown_or_tampered_token_cancels_nothing(limited, bad):
    page, form = limited
    a = reg(page, form)
    if bad == "tampered":
        bad = a.token[:-1] + ("A" if a.token[-1] != "A" else "B")
    elif bad == "upper":
        bad = a.token.upper() if a.token.upper() != a.token else a.token.lower()
    before = snapshot()
    with pytest.raises(InvalidToken):
        changes.cancel(bad, now=NOW)
    with pytest.raises(Registration.DoesNotExist):  # what InvalidToken also is
        changes.cancel(bad, now=NOW)
    assert snapshot() == before


def test_a_token_cancels_only_its_own_registration(limited):
    page, form = limited
    mine = reg(page, form, email="me@example.org")
    theirs = reg(page, form, email="them@example.org")
    changes.cancel(theirs.token, now=NOW)
    assert statuses(mine, theirs) == [S.CONFIRMED, S.CANCELLED]


def test_cancel_after_the_deadline_is_refused_and_changes_nothing(db):
    deadline = NOW + datetime.timedelta(days=1)
    form = factories.registration_form(capacity=1, cancellation_deadline=deadline)
    page = make_event(form)
    a = reg(page, form)
    b = reg(page, form, email="b@example.org")  # waiting
    before = snapshot()
    for when in (deadline, deadline + datetime.timedelta(days=3)):
        with pytest.raises(CancellationRefused) as exc:
            changes.cancel(a.token, now=when)
        assert exc.value.reason == "deadline_passed"
    assert snapshot() == before
    # Before the deadline it works.
    changes.cancel(a.token, now=deadline - datetime.timedelta(seconds=1))
    assert statuses(a, b) == [S.CANCELLED, S.CONFIRMED]


def test_people_without_a_place_can_withdraw_after_the_deadline(db):
    deadline = NOW
    form = factories.registration_form(capacity=0, cancellation_deadline=deadline)
    page = make_event(form)
    a = reg(page, form, now=NOW - datetime.timedelta(days=1))
    changes.cancel(a.token, now=deadline + datetime.timedelta(days=1))
    assert statuses(a) == [S.CANCELLED]


def test_organiser_cancels_after_the_deadline(db):
    form = factories.registration_form(
        capacity=1, cancellation_deadline=NOW - datetime.timedelta(days=1)
    )
    page = make_event(form)
    a = reg(page, form)
    b = reg(page, form, email="b@example.org")
    _, promoted = changes.cancel_by_organiser(a.registration)
    assert promoted.pk == b.registration.pk
    assert statuses(a, b) == [S.CANCELLED, S.CONFIRMED]


def test_attended_cannot_be_cancelled(db):
    form = factories.registration_form()
    page = make_event(form)
    a = reg(page, form)
    changes.mark_attended(a.registration)
    before = snapshot()
    with pytest.raises(CancellationRefused) as exc:
        changes.cancel(a.token, now=NOW)
    assert exc.value.reason == "attended"
    assert snapshot() == before


# Organiser: promote and attendance


def test_promote_any_waiting_person_when_a_place_is_free(limited):
    page, form = limited
    a, b, c, d = (reg(page, form, email=f"{n}@example.org") for n in "abcd")
    before = snapshot()
    with pytest.raises(RegistrationClosed) as exc:
        changes.promote(d.registration)
    assert exc.value.reason == "full"
    assert snapshot() == before
    changes.cancel_by_organiser(a.registration)  # c gets a's place
    form.capacity = 3
    form.save()
    changes.promote(d.registration)
    assert statuses(a, b, c, d) == [S.CANCELLED, S.CONFIRMED, S.CONFIRMED, S.CONFIRMED]


def test_promote_only_waiting_people(limited):
    page, form = limited
    a = reg(page, form)
    before = snapshot()
    with pytest.raises(InvalidTransition):
        changes.promote(a.registration)
    assert snapshot() == before


def test_mark_attended_keeps_the_place(limited):
    page, form = limited
    a, b, c = (reg(page, form, email=f"{n}@example.org") for n in "abc")
    changes.mark_attended(a.registration)
    changes.mark_attended(a.registration)  # again: no change, no error
    assert statuses(a) == [S.ATTENDED]
    assert availability.places_taken(page.translation_key) == 2
    before = snapshot()
    with pytest.raises(InvalidTransition):
        changes.mark_attended(c.registration)  # waiting
    assert snapshot() == before


def test_organiser_actions_use_the_form_given_when_the_page_is_gone(limited):
    page, form = limited
    a, b, c = (reg(page, form, email=f"{n}@example.org") for n in "abc")
    Registration.objects.update(page=None)
    a.registration.refresh_from_db()
    # Without a form the capacity is unknown: nobody is promoted.
    _, promoted = changes.cancel_by_organiser(a.registration)
    assert promoted is None
    c.registration.refresh_from_db()
    changes.promote(c.registration, form=form)
    assert statuses(a, b, c) == [S.CANCELLED, S.CONFIRMED, S.CONFIRMED]


def test_a_new_link_at_most_once_an_hour_per_registration(limited):
    from django.core.cache import cache

    page, form = limited
    first = reg(page, form, email="ann@example.org")
    second = reg(page, form, email="ann@example.org")
    stored = Registration.objects.get(pk=first.registration.pk).cancellation_token_hash
    third = reg(page, form, email="ann@example.org")
    # Within the hour: nothing changes, the link of the second e-mail still works.
    assert second.token and third.token is None
    assert third.status == second.status and third.duplicate
    assert (
        Registration.objects.get(pk=first.registration.pk).cancellation_token_hash
        == stored
    )
    assert changes.registration_for_token(second.token).pk == first.registration.pk
    cache.delete(f"wagtail_events:registration:reminded:{first.registration.public_id}")
    assert reg(page, form, email="ann@example.org").token  # an hour later


@pytest.mark.parametrize("cancelled", ["event", "conference"])
def test_nobody_registers_for_a_cancelled_event(db, cancelled):
    from wagtail_events.models.pages import EventStatus

    form = factories.registration_form(capacity=5)
    page = make_event(form)
    target = page if cancelled == "event" else page.get_parent().specific
    target.status = EventStatus.CANCELLED
    target.save()
    page.refresh_from_db()
    with pytest.raises(RegistrationClosed, match="cancelled"):
        reg(page, form)
    assert not Registration.objects.exists()


def test_registration_form_must_close_after_it_opens(db):
    from django.core.exceptions import ValidationError

    form = RegistrationForm(
        title="Registration",
        privacy_notice="<p>Privacy.</p>",
        opens_at=NOW,
        closes_at=NOW - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as raised:
        form.full_clean()
    assert "closes_at" in raised.value.message_dict
