"""What happens to a registration once it is made: the registrant cancels it, or
the organiser approves, declines, promotes, cancels it or marks it attended.

With ``writer`` (registering) and ``amend`` (the registrant's own changes),
the only place where a registration's status changes: each change reads the registration again under the lock of its
event's (and date's) capacity row (``keys.lock``), decides with the places
counted then (``availability``), and enqueues the registrant's e-mail
(``writer.notify``). A refusal (``errors``) changes nothing.

Approval (``form.requires_approval``)
    ``approve()`` gives a place if one is free (the newcomer rule: people
    already waiting come first), else puts the person on the waiting list if
    the form has one (ordered, like everyone waiting, by the time of
    registering, so by the time of the request, not of the approval), else
    refuses with ``RegistrationClosed("full")`` and changes nothing.
    ``decline()`` applies to requests awaiting approval and to people waiting; it
    never frees a place (they hold none).

Cancelling
    ``cancel(token)`` by the registrant: a cancelled registration stays cancelled
    (no change); after ``form.cancellation_deadline`` someone holding a place is
    refused (people waiting or awaiting approval can always withdraw, they hold
    no place). A freed place goes to the first person waiting, only if a place is
    really free after the cancellation (not when the event is overbooked or the
    capacity was lowered). ``cancel_by_organiser(registration)`` does the same
    without the deadline. Cancelling a conference registration cancels the
    sessions chosen with it (under the conference form's deadline) and gives
    each freed place to that session's first person waiting.

Organiser actions
    ``promote(registration)``: waiting → confirmed, in any order the organiser
    likes, if a place is free (``force=True`` overbooks on purpose).
    ``mark_attended(registration)``: confirmed → attended (still holds its
    place; idempotent).

The form of an existing registration is its page's ``registration_form``;
organiser actions take ``form=`` when the page is gone or to override.
"""

from django.db import transaction
from django.utils import timezone

from ..enums import HOLDS_A_PLACE, RegistrationStatus
from .availability import availability_of, waiting
from .errors import (
    CancellationRefused,
    InvalidTransition,
    RegistrationClosed,
)
from .keys import find_by_token, lock_all
from .writer import notify


def form_of(registration, form=None):
    """The registration form of a registration's page (None: the page is gone),
    or ``form`` when given."""
    return _form_of(registration, form)


def _form_of(registration, form=None):
    if form is not None:
        return form
    page = registration.page
    return page.registration_form if page is not None else None


def _set_status(registration, status):
    registration.status = status
    registration.save(update_fields=["status", "updated_at"])


def _locked(registration):
    """Lock the registration's event and date and read it again; call inside
    ``transaction.atomic()``."""
    lock_all([(registration.event_key, registration.occurrence_key)])
    registration.refresh_from_db()


def _is_full(registration, form):
    """No place is free for the registration's event and date, counted now.
    Never when the form, and so the capacity, is unknown."""
    if form is None:
        return False
    key, occ_key = registration.event_key, registration.occurrence_key
    return availability_of(form, key, occ_key).is_full


def _give_freed_place(registration, form):
    """After ``registration`` gave back a place: the first person waiting gets it,
    if a place is really free. Call under the lock."""
    return give_freed_place(form, registration.event_key, registration.occurrence_key)


def give_freed_place(form, key, occ_key=""):
    """After someone gave back a place of the event (and date) ``key``,
    ``occ_key`` (cancelled, or moved to another date or session, ``amend``): the
    first person waiting there gets it, if a place is really free (not when the
    event is overbooked or its capacity was lowered). Call under its lock."""
    if form is None:  # the page is gone: the capacity is unknown
        return None
    if availability_of(form, key, occ_key).is_full:
        return None
    promoted = waiting(key, occ_key).first()
    if promoted is not None:
        _set_status(promoted, RegistrationStatus.CONFIRMED)
        notify("promoted", promoted)
    return promoted


def _cancel(registration, now, form, deadline):
    with transaction.atomic():
        # The sessions chosen with a conference registration go with it: lock
        # every row they count under, in the one sorted order.
        sessions = list(
            registration.session_registrations.exclude(
                status__in=(RegistrationStatus.CANCELLED, RegistrationStatus.DECLINED)
            )
        )
        lock_all(
            [
                (registration.event_key, registration.occurrence_key),
                *((s.event_key, s.occurrence_key) for s in sessions),
            ]
        )
        registration.refresh_from_db()
        if registration.status in (
            RegistrationStatus.CANCELLED,
            RegistrationStatus.DECLINED,
        ):
            return registration, None
        if registration.status == RegistrationStatus.ATTENDED:
            raise CancellationRefused("attended")
        held_a_place = registration.status in HOLDS_A_PLACE
        if (
            deadline
            and held_a_place
            and form is not None
            and form.cancellation_deadline
            and (now or timezone.now()) >= form.cancellation_deadline
        ):
            raise CancellationRefused("deadline_passed")
        _set_status(registration, RegistrationStatus.CANCELLED)
        notify("cancelled" if deadline else "cancelled_by_organiser", registration)
        promoted = _give_freed_place(registration, form) if held_a_place else None
        for session in sessions:
            _cancel_session(session)
    return registration, promoted


def _cancel_session(session):
    """Cancel a session chosen with a cancelled conference registration and give
    its place to the session's first person waiting. Call under its lock."""
    session.refresh_from_db()
    if session.status not in (
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
        RegistrationStatus.AWAITING_APPROVAL,
    ):
        return None  # attended stays attended; cancelled and declined stay
    held_a_place = session.status in HOLDS_A_PLACE
    _set_status(session, RegistrationStatus.CANCELLED)
    return _give_freed_place(session, _form_of(session)) if held_a_place else None


def registration_for_token(token):
    """The registration of a registrant's link (``keys.find_by_token``)."""
    return find_by_token(token)


def cancel(token, now=None, form=None):
    """Cancel the registration the token belongs to and give its place to the
    first person waiting. Returns (registration, promoted or None); raises
    ``InvalidToken`` for an unknown token and ``CancellationRefused`` after the
    deadline. Cancelling again changes nothing."""
    registration = registration_for_token(token)
    return _cancel(registration, now, _form_of(registration, form), deadline=True)


def cancel_by_organiser(registration, form=None):
    """As ``cancel()``, without the deadline."""
    return _cancel(registration, None, _form_of(registration, form), deadline=False)


def approve(registration, form=None):
    """Awaiting approval → confirmed if a place is free, else waiting (if the form
    has a waiting list), else ``RegistrationClosed("full")``. Returns the
    registration."""
    form = _form_of(registration, form)
    with transaction.atomic():
        _locked(registration)
        if registration.status != RegistrationStatus.AWAITING_APPROVAL:
            raise InvalidTransition(f"cannot approve {registration.status}")
        if form is None:
            raise InvalidTransition("the registration has no form any more")
        places = availability_of(
            form, registration.event_key, registration.occurrence_key
        )
        _set_status(registration, places.newcomer_status())
        notify("approved", registration)
    return registration


def decline(registration):
    """Awaiting approval or waiting → declined (they hold no place)."""
    with transaction.atomic():
        _locked(registration)
        if registration.status not in (
            RegistrationStatus.AWAITING_APPROVAL,
            RegistrationStatus.WAITING,
        ):
            raise InvalidTransition(f"cannot decline {registration.status}")
        _set_status(registration, RegistrationStatus.DECLINED)
        notify("declined", registration)
    return registration


def promote(registration, form=None, force=False):
    """Waiting → confirmed, chosen by the organiser, if a place is free (or
    ``force``, overbooking on purpose)."""
    form = _form_of(registration, form)
    with transaction.atomic():
        _locked(registration)
        if registration.status != RegistrationStatus.WAITING:
            raise InvalidTransition(f"cannot promote {registration.status}")
        if not force and _is_full(registration, form):
            raise RegistrationClosed("full")
        _set_status(registration, RegistrationStatus.CONFIRMED)
        notify("promoted", registration)
    return registration


def mark_attended(registration):
    """Confirmed → attended (keeps its place); attended stays attended."""
    with transaction.atomic():
        _locked(registration)
        if registration.status == RegistrationStatus.ATTENDED:
            return registration
        if registration.status != RegistrationStatus.CONFIRMED:
            raise InvalidTransition(f"cannot mark {registration.status} attended")
        _set_status(registration, RegistrationStatus.ATTENDED)
    return registration
