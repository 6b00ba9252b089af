"""Registering: a newcomer takes a place, goes on the waiting list, or asks the
organiser's approval, as the event's registration form says.

With ``changes`` and ``amend``, the only place where a registration's status
changes. ``register()`` locks the event's ``EventCapacity`` row
(``keys.lock_all``): two people never take the last place at once, and a
waiting list keeps its order. The visitor form, the e-mails and the admin call
it and never change a registration's status themselves. It reads the date and
the sessions (``availability``, ``session_choices``) before its transaction;
the places are counted under the lock, where
``Availability.newcomer_status()`` decides. Refusals are the exceptions of
``errors``; a refusal changes nothing.

The locked section serialises the registrations of one event whatever the
number of web processes (on SQLite the transaction itself is the lock), so it
holds only what depends on the count of places (``_write``): lock the rows
(``keys.lock_all``), count the places, look for the address's registrations,
insert the registration and, in one insert, its sessions'; five queries whatever
the number of sessions chosen. The date and sessions, the tokens, a first
registration's capacity rows (``keys.create_rows``: committed before any row is
locked) come before; the e-mails and the "already registered" reminder after
the commit (``notify``).

Checked first, the same way for everybody: that registration is open (not yet,
closed, cancelled, begun), the invitation code, the date chosen for an event
with dates (``occurrence=``: the chosen ``Occurrence``, or its
``original_start``, or its key; a one-off event takes no date and closes when it
begins), the sessions chosen with a conference. Approval: ``register()`` never
takes a place; the request is ``awaiting_approval``, even when full.

Duplicates: the same e-mail twice for the same event and date
    Addresses are compared case-insensitively. While a registration for the
    address is confirmed, waiting, awaiting approval, attended or declined, a new
    registration creates nothing: ``register()`` returns an ``Outcome`` with
    ``duplicate=True``, ``registration`` the existing registration, ``token``
    ``None``, and ``status`` / ``waiting_position`` exactly what a new
    registration would have been told at that moment. Every refusal (closed,
    wrong invitation code, full without waiting list) is checked first and
    raised the same way for everybody: the visitor's response is the same
    whether or not the address is registered, and:

    * views show ``outcome.status`` and ``outcome.waiting_position`` — never
      ``outcome.registration.status`` or anything else of ``registration``;
    * the clear ``token`` goes only into the e-mail, never into the page;
    * for ``duplicate=True`` the address gets an "already registered" e-mail
      (the real status, the first e-mail's link), at most once an hour;
      ``outcome.token`` is that link's token when the e-mail goes, else None.

    A cancelled registration does not count (the address can register again);
    a declined one does (the organiser's decision stands).

E-mails
    Every change a registrant should hear about enqueues an e-mail with
    ``notify()`` once the transaction commits: ``"confirmation"`` (a new
    registration, whatever its status), ``"already_registered"``,
    ``"promoted"``, ``"approved"``, ``"declined"``, ``"cancelled"`` and
    ``"cancelled_by_organiser"`` (``emails.KINDS``).

Sessions chosen with a conference registration
    ``register(conference, form, sessions=[...])`` takes the values of
    ``session_options(conference)``. One transaction locks the conference's
    capacity row and every chosen session's, in one sorted order, creates the
    conference registration and one child ``Registration`` per session
    (``parent``), each with the status its own session form gives, counted with
    the people who registered on the session page. Only the conference
    registration gets the confirmation e-mail; a child gets a random token
    nobody knows: it is cancelled with its parent (``changes.cancel``).
    ``outcome.sessions`` says what to tell the visitor for each session. A
    duplicate conference registration creates no session registrations either;
    an address already registered for a session gets no second place there.
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_save
from django.utils import timezone

from ..enums import RegistrationStatus
from ..models.occurrences import Occurrence
from ..models.registration import Registration
from ..occurrences import recurrence
from .availability import (
    availability,
    check_not_begun,
    check_not_cancelled,
    check_open,
    counts,
    find_date,
)
from .errors import (
    InvalidDate,
    InvalidSessionChoice,
    RegistrationClosed,
)
from .keys import (
    check_invitation_code,
    create_rows,
    event_key,
    hash_token,
    link_token,
    lock_all,
    new_token,
    occurrence_key,
)
from .session_choices import SessionOption, chosen_sessions, session_options
from .signals import registration_email_due


# A registration in one of these stops the same address registering again.
BLOCKS_A_NEW_REGISTRATION = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITING,
    RegistrationStatus.AWAITING_APPROVAL,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.DECLINED,
)


@dataclass
class SessionOutcome:
    """What to tell the visitor about one session chosen with a conference."""

    option: SessionOption
    status: str
    waiting_position: int | None = None


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
    # The sessions chosen with a conference registration (SessionOutcome).
    sessions: list = field(default_factory=list)
    # The date registered for (None for a one-off event).
    occurrence: Occurrence | None = None

    def __post_init__(self):
        if not self.status:
            self.status = self.registration.status


def notify(kind, registration, token=None, params=None):
    """Send the registrant the e-mail ``kind`` once the current transaction
    commits (at once outside a transaction), through ``registration_email_due``
    (whose receiver writes it to the outbox). ``token``: None (kept for older
    receivers). ``params``: what the e-mail needs besides the registration
    (JSON: what a registrant changed, ``amend``), kept on the delivery. A
    ``"confirmation"`` is of a registration just written: its receivers get
    the object as committed (``registration``), not to read it again.
    A receiver that fails (the task queue, or a site's own) is logged, never
    keeps the others from hearing, and never undoes the registration."""
    registration_id = registration.pk
    extra = {"registration": registration} if kind == "confirmation" else {}

    def due():
        # send_robust: each receiver is called whatever the others do, and
        # Django logs the one that fails (logger "django.dispatch").
        registration_email_due.send_robust(
            sender=Registration,
            kind=kind,
            registration_id=registration_id,
            token=token,
            params=params or {},
            **extra,
        )

    transaction.on_commit(due, robust=True)


# Someone who knows an address could otherwise send it "already registered"
# e-mails, each replacing the link of the one before, as often as they like.
REMINDER_INTERVAL = 60 * 60


def _may_remind(registration):
    """At most one "already registered" e-mail (and new link) per registration
    per ``REMINDER_INTERVAL``, counted in Django's cache."""
    key = f"wagtail_events:registration:reminded:{registration.public_id}"
    return cache.add(key, True, REMINDER_INTERVAL)


def _counted(forms):
    """{(event key, occurrence key): Availability} of the events and dates in
    ``forms`` (keys → their registration form), counted in one query. Call under
    their lock: then the counts are the truth."""
    limited = [filed for filed, form in forms.items() if form.capacity is not None]
    places = counts(limited)
    return {filed: availability(form, *places[filed]) for filed, form in forms.items()}


def _date_chosen(page, form, occurrence, now, dated):
    """The ``Occurrence`` chosen for an event with dates; None for a one-off
    event, which takes no date and closes when it begins."""
    if recurrence.has_dates(page) if dated is None else dated:
        return find_date(page, occurrence, now)
    if occurrence is not None:
        raise InvalidDate("unknown")  # a one-off event has no dates to choose
    check_not_begun(page, form, now)
    return None


def register(
    page,
    form,
    *,
    name,
    email,
    answers=None,
    language="",
    now=None,
    occurrence=None,
    occurrence_start=None,
    sessions=(),
    accessibility_needs=(),
    accessibility_details="",
    invitation_code="",
    dated=None,
):
    """Take a place for one person, or put them on the waiting list, or ask the
    organiser's approval, as the registration ``form`` says. ``occurrence`` (or
    ``occurrence_start``, its original start): the date chosen, for an event with
    several; ``sessions``: values of ``session_options(page)`` chosen with a
    conference; ``dated``: ``recurrence.has_dates(page)``, when the caller read
    it. See the module's description for duplicates."""
    now = now or timezone.now()
    check_open(form, now)
    check_not_cancelled(page)
    check_invitation_code(form, invitation_code)
    email = email.strip()
    if occurrence is None:
        occurrence = occurrence_start
    # Whatever does not depend on the count of places is read before the lock,
    # which holds only the count, the decision and the inserts (``_write``).
    occurrence = _date_chosen(page, form, occurrence, now, dated)
    chosen = chosen_sessions(session_options(page, now), sessions) if sessions else []
    # What the registration is filed under: the event and the date.
    filed = event_key(page), occurrence_key(occurrence)
    forms = {filed: form, **{option.keys: option.form for option in chosen}}
    details = {
        "name": name,
        "email": email,
        "accessibility_needs": list(accessibility_needs),
        "accessibility_details": accessibility_details,
        "language": language,
    }
    registration = Registration(
        event_key=filed[0],
        page=page,
        occurrence_key=filed[1],
        answers=answers or {},
        **details,
    )
    token = link_token(registration)
    registration.cancellation_token_hash = hash_token(token)
    # The capacity rows exist, committed, before any is locked (``create_rows``).
    create_rows(forms)
    with transaction.atomic():
        lock_all(forms)
        outcome = _write(registration, forms, chosen, details)
    outcome.occurrence = occurrence
    if not outcome.duplicate:
        outcome.token = token
    elif _may_remind(outcome.registration):
        # The same link as in the first e-mail (``keys.link_token``).
        outcome.token = link_token(outcome.registration)
        notify("already_registered", outcome.registration)
    return outcome


# What post_save gives its receivers for an insert made by ``bulk_create``.
_INSERTED = {"created": True, "raw": False, "update_fields": None}


def _write(registration, forms, chosen, details):
    """Under the lock of every row of ``forms``: count the places (one query),
    decide, look for the address's registrations (one query), insert the
    registration and its sessions' (two). The same queries whatever the number
    of sessions chosen; ``Outcome.token`` and ``occurrence`` are the caller's."""
    filed = registration.event_key, registration.occurrence_key
    form = forms[filed]
    # What approval forms give does not depend on the places.
    places = _counted({k: f for k, f in forms.items() if not f.requires_approval})
    if form.requires_approval:
        status = RegistrationStatus.AWAITING_APPROVAL
    else:
        status = places[filed].newcomer_status()
    told = [session_outcome(option, places.get(option.keys)) for option in chosen]
    # Everybody waiting was counted under this lock and registered before: the
    # newcomer is next after them (``availability.waiting_position``).
    position = (
        places[filed].waiting + 1 if status == RegistrationStatus.WAITING else None
    )
    existing = active_registrations(forms, details["email"])
    if filed in existing:
        return Outcome(
            existing[filed],
            None,
            position,
            duplicate=True,
            status=status,
            sessions=told,
        )
    registration.status = status
    registration.save()
    children = Registration.objects.bulk_create(
        [
            _session_registration(registration, session, details)
            for session in told
            # An address already registered for a session keeps that registration.
            if session.option.keys not in existing
        ]
    )
    # One insert skips post_save: sent, for what listens (the front-end cache).
    for child in children:
        post_save.send(Registration, instance=child, using=child._state.db, **_INSERTED)
    notify("confirmation", registration)
    return Outcome(registration, None, position, sessions=told)


def active_registrations(keys, email):
    """{(event key, occurrence key): the address's registration that stops it
    registering again} for ``keys``, in one query."""
    wanted = Q()
    for key, occ_key in keys:
        wanted |= Q(event_key=key, occurrence_key=occ_key)
    found = {}
    rows = Registration.objects.filter(
        wanted, email__iexact=email, status__in=BLOCKS_A_NEW_REGISTRATION
    ).order_by("-created_at", "-pk")
    for row in rows:
        # The oldest wins (ordered newest first).
        found[(row.event_key, row.occurrence_key)] = row
    return found


def active_registration(key, occ_key, email):
    """The address's registration that stops it registering again, if any."""
    return (
        Registration.objects.filter(
            event_key=key,
            occurrence_key=occ_key,
            email__iexact=email,
            status__in=BLOCKS_A_NEW_REGISTRATION,
        )
        .order_by("created_at", "pk")
        .first()
    )


def session_outcome(option, places):
    """What a newcomer choosing ``option`` is told, by the session's own form;
    ``places``: its ``Availability``, counted under its lock (None for a form
    that asks for approval)."""
    if option.form.requires_approval:
        return SessionOutcome(option, RegistrationStatus.AWAITING_APPROVAL)
    try:
        status = places.newcomer_status()
    except RegistrationClosed:
        raise InvalidSessionChoice("full", [option.title]) from None
    position = None
    if status == RegistrationStatus.WAITING:
        position = places.waiting + 1
    return SessionOutcome(option, status, position)


def register_session(parent, session, details):
    """A session registration under ``parent``, unless the address already has
    one for that session (then it keeps that one, and is told what a newcomer
    is). It gets a token nobody knows: it is cancelled with its parent."""
    key, occ_key = session.option.keys
    if active_registration(key, occ_key, details["email"]) is not None:
        return None
    child = _session_registration(parent, session, details)
    child.save()
    return child


def _session_registration(parent, session, details):
    key, occ_key = session.option.keys
    return Registration(
        event_key=key,
        page=session.option.page,
        occurrence_key=occ_key,
        status=session.status,
        parent=parent,
        cancellation_token_hash=hash_token(new_token()),
        **details,
    )
