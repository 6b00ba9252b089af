"""Register, cancel, approve, promote: the one place where places are taken and
given back. Every change of who holds a place happens inside a transaction that
locks the event's ``EventCapacity`` row (``lock()``), so that two people can never
take the last place at once, and a waiting list keeps its order.

The functions take and return plain values and models; the visitor form, the
e-mails and the admin call them and never change a registration's status
themselves.

Refusals are exceptions with a ``reason`` code for the message:

* ``RegistrationClosed``: ``"not_open_yet"``, ``"closed"`` or ``"full"`` (full
  and no waiting list);
* ``InvalidInvitationCode``: ``"invitation_code"`` (the form has a code and the
  visitor gave another one, or none); compared with ``secrets.compare_digest``,
  after stripping surrounding spaces, case-sensitive;
* ``InvalidToken`` (a ``Registration.DoesNotExist``): the cancellation token is
  unknown, tampered with, or not a string;
* ``CancellationRefused``: ``"deadline_passed"`` (after the form's cancellation
  deadline, for someone holding a place) or ``"attended"``;
* ``InvalidTransition``: an organiser action that does not apply to the
  registration's status (approving a cancelled registration, ...).

A refusal changes nothing.

Capacity
    ``form.capacity`` places per event and, for a repeating event, per date
    (``occurrence_start`` → ``occurrence_key``). Empty capacity: no limit.
    Registrations are counted by the event's translation key, so every
    translation of a page shares the same places. People already waiting come
    first: a newcomer gets a place only if there are more free places than people
    waiting (free places and people waiting at once happen only when the
    organiser raised the capacity; ``promote()`` then fills them).

Duplicates: the same e-mail twice for the same event and date
    Addresses are compared case-insensitively. While a registration for the
    address is confirmed, waiting, awaiting approval, attended or declined, a new
    registration creates nothing: ``register()`` returns an ``Outcome`` with
    ``duplicate=True``, ``registration`` the existing registration, ``token``
    ``None``, and ``status`` / ``waiting_position`` exactly what a new
    registration would have been told at that moment. Every refusal (closed,
    wrong invitation code, full without waiting list) is checked first and
    raised the same way for everybody. So the visitor-facing response is the
    same whether or not the address is registered, and:

    * views show ``outcome.status`` and ``outcome.waiting_position`` — never
      ``outcome.registration.status`` or anything else of ``registration``;
    * the clear ``token`` goes only into the e-mail, never into the page;
    * for ``duplicate=True`` the address gets an "you are already registered"
      e-mail (with the registration's real status) instead of the confirmation.
      Only the hash of a cancellation token is stored, so the old link cannot be
      sent again: the registration gets a new token, sent in that e-mail (the
      link of the earlier e-mail stops working). ``outcome.token`` is that new
      token.

    A cancelled registration does not count: the address can register again.
    A declined one does: the organiser's decision stands.

Approval (``form.requires_approval``)
    ``register()`` never takes a place: the request is ``awaiting_approval``,
    even when the event is full (the organiser decides). ``approve()`` gives a
    place if one is free (same rule as above), else puts the person on the
    waiting list if the form has one (ordered, like everyone waiting, by the time
    of registering, so by the time of the request, not of the approval), else refuses with ``RegistrationClosed("full")`` and changes
    nothing. ``decline()`` applies to requests awaiting approval and to people
    waiting; it never frees a place (they hold none).

Cancelling
    ``cancel(token)`` by the registrant: a cancelled registration stays cancelled
    (no change); after ``form.cancellation_deadline`` someone holding a place is
    refused (people waiting or awaiting approval can always withdraw, they hold
    no place). A freed place goes to the first person waiting, only if a place is
    really free after the cancellation (not when the event is overbooked or the
    capacity was lowered). ``cancel_by_organiser(registration)`` does the same
    without the deadline.

Organiser actions
    ``promote(registration)``: waiting → confirmed, in any order the organiser
    likes, if a place is free (``force=True`` overbooks on purpose).
    ``mark_attended(registration)``: confirmed → attended (still holds its
    place; idempotent).

E-mails
    Every change a registrant should hear about enqueues an e-mail with
    ``notify()`` once the transaction commits (``tasks.send_registration_email``):
    ``"confirmation"`` (a new registration, whatever its status),
    ``"already_registered"``, ``"promoted"`` (from the waiting list, by a freed
    place or by the organiser), ``"approved"`` (to a place or to the waiting
    list), ``"declined"``, ``"cancelled"`` (by the registrant) and
    ``"cancelled_by_organiser"``.

The form of an existing registration is its page's ``registration_form``;
organiser actions take ``form=`` when the page is gone or to override.
"""

import hashlib
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models.registration import (
    HOLDS_A_PLACE,
    EventCapacity,
    Registration,
    RegistrationStatus,
)


# A registration in one of these stops the same address registering again.
BLOCKS_A_NEW_REGISTRATION = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITING,
    RegistrationStatus.AWAITING_APPROVAL,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.DECLINED,
)


class RegistrationRefused(Exception):
    """Base of the refusals; ``reason`` is a short code for the message."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class RegistrationClosed(RegistrationRefused):
    """Registration is not open (yet, or any more), or the event is full with no
    waiting list: ``reason`` is ``"not_open_yet"``, ``"closed"`` or ``"full"``."""


class InvalidInvitationCode(RegistrationRefused):
    """The form asks for an invitation code and the visitor gave another one."""

    def __init__(self, reason="invitation_code"):
        super().__init__(reason)


class CancellationRefused(RegistrationRefused):
    """``"deadline_passed"`` or ``"attended"``."""


class InvalidTransition(RegistrationRefused):
    """An organiser action that does not apply to the registration's status."""


class InvalidToken(Registration.DoesNotExist):
    """The cancellation token matches no registration (unknown or tampered)."""


@dataclass
class Outcome:
    # The new registration; for a duplicate, the existing one (for the e-mail only,
    # never to show).
    registration: Registration
    # The cancellation token in clear: only ever sent to the registrant by e-mail.
    # None for a duplicate.
    token: str | None
    # What to tell the visitor: their place in the waiting list (1 = next).
    waiting_position: int | None = None
    duplicate: bool = False
    # What to tell the visitor (a RegistrationStatus value).
    status: str = ""

    def __post_init__(self):
        if not self.status:
            self.status = self.registration.status


def notify(kind, registration, token=None):
    """Send the registrant the e-mail ``kind`` once the current transaction
    commits (at once outside a transaction). A failure to enqueue is logged and
    never undoes or breaks the registration (``robust``)."""
    from . import tasks

    registration_id = registration.pk

    def enqueue():
        tasks.send_registration_email.enqueue(kind, registration_id, token)

    transaction.on_commit(enqueue, robust=True)


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def new_token():
    return secrets.token_urlsafe(32)


def event_key(page):
    """Registrations belong to the event, not to one translation of its page."""
    return page.translation_key


def occurrence_key(occurrence_start=None):
    return occurrence_start.isoformat() if occurrence_start else ""


def lock(key, occ_key=""):
    """Lock the capacity row of an event (and date), creating it if needed.

    Must be called inside ``transaction.atomic()``."""
    EventCapacity.objects.get_or_create(event_key=key, occurrence_key=occ_key)
    return EventCapacity.objects.select_for_update().get(
        event_key=key, occurrence_key=occ_key
    )


def places_taken(key, occ_key=""):
    return Registration.objects.filter(
        event_key=key, occurrence_key=occ_key, status__in=HOLDS_A_PLACE
    ).count()


def waiting(key, occ_key=""):
    return Registration.objects.filter(
        event_key=key, occurrence_key=occ_key, status=RegistrationStatus.WAITING
    ).order_by("created_at", "pk")


def waiting_position(registration):
    """1 for the next person to get a place; None if not waiting."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    return (
        waiting(registration.event_key, registration.occurrence_key)
        .filter(
            Q(created_at__lt=registration.created_at)
            | Q(created_at=registration.created_at, pk__lte=registration.pk)
        )
        .count()
    )


def free_places(form, key, occ_key=""):
    """Places nobody holds (None: no limit); may be negative when overbooked."""
    if form.capacity is None:
        return None
    return form.capacity - places_taken(key, occ_key)


def _place_for_newcomer(form, key, occ_key):
    """Confirmed or waiting for someone new in the queue, or raise "full".
    Call under ``lock()``."""
    free = free_places(form, key, occ_key)
    if free is None or free > waiting(key, occ_key).count():
        return RegistrationStatus.CONFIRMED
    if form.waiting_list:
        return RegistrationStatus.WAITING
    raise RegistrationClosed("full")


def check_open(form, now=None):
    now = now or timezone.now()
    if form.opens_at and now < form.opens_at:
        raise RegistrationClosed("not_open_yet")
    if form.closes_at and now >= form.closes_at:
        raise RegistrationClosed("closed")


def check_invitation_code(form, code):
    if not form.invitation_code:
        return
    given = (code or "").strip().encode()
    if not secrets.compare_digest(given, form.invitation_code.strip().encode()):
        raise InvalidInvitationCode()


def register(
    page,
    form,
    *,
    name,
    email,
    answers=None,
    language="",
    now=None,
    occurrence_start=None,
    accessibility_needs=(),
    accessibility_details="",
    invitation_code="",
):
    """Take a place for one person, or put them on the waiting list, or ask the
    organiser's approval, as the registration ``form`` says. See the module's
    description for duplicates."""
    check_open(form, now)
    check_invitation_code(form, invitation_code)
    email = email.strip()
    key, occ_key = event_key(page), occurrence_key(occurrence_start)
    with transaction.atomic():
        lock(key, occ_key)
        if form.requires_approval:
            status = RegistrationStatus.AWAITING_APPROVAL
        else:
            status = _place_for_newcomer(form, key, occ_key)
        existing = (
            Registration.objects.filter(
                event_key=key,
                occurrence_key=occ_key,
                email__iexact=email,
                status__in=BLOCKS_A_NEW_REGISTRATION,
            )
            .order_by("created_at", "pk")
            .first()
        )
        if existing is not None:
            position = None
            if status == RegistrationStatus.WAITING:
                position = waiting(key, occ_key).count() + 1
            token = new_token()
            existing.cancellation_token_hash = hash_token(token)
            existing.save(update_fields=["cancellation_token_hash", "updated_at"])
            notify("already_registered", existing, token)
            return Outcome(existing, token, position, duplicate=True, status=status)
        token = new_token()
        registration = Registration.objects.create(
            event_key=key,
            page=page,
            occurrence_key=occ_key,
            status=status,
            name=name,
            email=email,
            answers=answers or {},
            accessibility_needs=list(accessibility_needs),
            accessibility_details=accessibility_details,
            language=language,
            cancellation_token_hash=hash_token(token),
        )
        position = waiting_position(registration)
        notify("confirmation", registration, token)
    return Outcome(registration, token, position)


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
    lock(registration.event_key, registration.occurrence_key)
    registration.refresh_from_db()


def _give_freed_place(registration, form):
    """After ``registration`` gave back a place: the first person waiting gets it,
    if a place is really free. Call under ``lock()``."""
    if form is None:  # the page is gone: the capacity is unknown
        return None
    key, occ_key = registration.event_key, registration.occurrence_key
    free = free_places(form, key, occ_key)
    if free is not None and free <= 0:
        return None
    promoted = waiting(key, occ_key).first()
    if promoted is not None:
        _set_status(promoted, RegistrationStatus.CONFIRMED)
        notify("promoted", promoted)
    return promoted


def _cancel(registration, now, form, deadline):
    with transaction.atomic():
        _locked(registration)
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
    return registration, promoted


def registration_for_token(token):
    if not isinstance(token, str) or not token:
        raise InvalidToken("unknown or invalid cancellation token")
    try:
        return Registration.objects.get(cancellation_token_hash=hash_token(token))
    except Registration.DoesNotExist:
        raise InvalidToken("unknown or invalid cancellation token") from None


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
        status = _place_for_newcomer(
            form, registration.event_key, registration.occurrence_key
        )
        _set_status(registration, status)
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
        free = (
            free_places(form, registration.event_key, registration.occurrence_key)
            if form is not None
            else None
        )
        if not force and free is not None and free <= 0:
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
