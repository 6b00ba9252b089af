"""Register, cancel, approve, promote: the one place where places are taken and
given back. Every change of who holds a place happens inside a transaction that
locks the event's ``EventCapacity`` row, so that two people can never take the
last place at once.

The functions take and return plain values and models; the visitor form, the
e-mails and the admin call them and never change a registration's status
themselves.
"""

import hashlib
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .models.registration import (
    HOLDS_A_PLACE,
    EventCapacity,
    Registration,
    RegistrationStatus,
)


class RegistrationClosed(Exception):
    """Registration is not open (yet, or any more), or the event is full with no
    waiting list. The message says which, for the visitor."""


@dataclass
class Outcome:
    registration: Registration
    token: str  # the cancellation token in clear: only ever sent to the registrant
    waiting_position: int | None = None


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
):
    """Take a place for one person, or put them on the waiting list, or ask the
    organiser's approval, as the registration ``form`` says."""
    now = now or timezone.now()
    if form.opens_at and now < form.opens_at:
        raise RegistrationClosed("not_open_yet")
    if form.closes_at and now >= form.closes_at:
        raise RegistrationClosed("closed")
    key, occ_key = event_key(page), occurrence_key(occurrence_start)
    token = new_token()
    with transaction.atomic():
        lock(key, occ_key)
        if form.requires_approval:
            status = RegistrationStatus.AWAITING_APPROVAL
        elif form.capacity is None or places_taken(key, occ_key) < form.capacity:
            status = RegistrationStatus.CONFIRMED
        elif form.waiting_list:
            status = RegistrationStatus.WAITING
        else:
            raise RegistrationClosed("full")
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
        position = None
        if status == RegistrationStatus.WAITING:
            position = (
                waiting(key, occ_key)
                .filter(created_at__lte=registration.created_at)
                .count()
            )
    return Outcome(registration, token, position)


def cancel(token, now=None):
    """Cancel the registration the token belongs to and give its place to the
    first person waiting. Returns (cancelled, promoted or None); raises
    ``Registration.DoesNotExist`` for an unknown token."""
    registration = Registration.objects.get(cancellation_token_hash=hash_token(token))
    with transaction.atomic():
        lock(registration.event_key, registration.occurrence_key)
        registration.refresh_from_db()
        held_a_place = registration.status in HOLDS_A_PLACE
        registration.status = RegistrationStatus.CANCELLED
        registration.save(update_fields=["status", "updated_at"])
        promoted = None
        if held_a_place:
            promoted = waiting(
                registration.event_key, registration.occurrence_key
            ).first()
            if promoted is not None:
                promoted.status = RegistrationStatus.CONFIRMED
                promoted.save(update_fields=["status", "updated_at"])
    return registration, promoted
