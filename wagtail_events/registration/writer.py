"""Register, cancel, approve, promote: the one place where places are taken and
given back. Every change of who holds a place happens inside a transaction that
locks the event's ``EventCapacity`` row (``lock()``), so that two people can never
take the last place at once, and a waiting list keeps its order.

The functions take and return plain values and models; the visitor form, the
e-mails and the admin call them and never change a registration's status
themselves.

Refusals are exceptions with a ``reason`` code for the message:

* ``RegistrationClosed``: ``"not_open_yet"``, ``"closed"``, ``"cancelled"`` (the
  event, or the conference of a session, is cancelled), ``"started"`` (the
  event has begun and the form sets no later closing) or ``"full"`` (full and no
  waiting list);
* ``InvalidInvitationCode``: ``"invitation_code"`` (the form has a code and the
  visitor gave another one, or none); compared with ``secrets.compare_digest``,
  after stripping surrounding spaces, case-sensitive;
* ``InvalidToken`` (a ``Registration.DoesNotExist``): the cancellation token is
  unknown, tampered with, or not a string;
* ``CancellationRefused``: ``"deadline_passed"`` (after the form's cancellation
  deadline, for someone holding a place) or ``"attended"``;
* ``InvalidTransition``: an organiser action that does not apply to the
  registration's status (approving a cancelled registration, ...);
* ``InvalidDate``: ``"required"``, ``"unknown"``, ``"past"`` or ``"cancelled"``
  (the date chosen for an event with several dates);
* ``InvalidSessionChoice``: ``"unknown"``, ``"twice"``, ``"overlap"`` or
  ``"full"`` (the sessions chosen with a conference registration), with the
  ``titles`` of the sessions concerned.

A refusal changes nothing.

Dates
    An event with more than one stored ``Occurrence`` (a repeating event, a site
    visit with further runs) is registered for one date at a time:
    ``register(occurrence=...)`` takes the chosen ``Occurrence`` (or its
    ``original_start``, or its key); it must be one of the page's dates, not
    cancelled and not begun. The date's key (``occurrence_key()``) is the start
    its rule gave, ``original_start``, in UTC: it stays the same when an editor
    moves the date, so the registrations follow the date. A one-off event has
    the key ``""`` and takes no date.

Capacity
    ``form.capacity`` places per event and, for an event with dates, per date
    (``occurrence_key``). Empty capacity: no limit.
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

Sessions chosen with a conference registration
    ``register(conference, form, sessions=[...])`` takes the values of
    ``session_options(conference)``: the conference's visible live sessions
    with a registration form of their own, without invitation code, open now,
    one option per date of a session with dates (a site visit's runs). Refused
    before anything is saved: an unknown value, the same session twice, two
    sessions that overlap in time, a session full without waiting list. One
    transaction locks the conference's capacity row and every chosen session's,
    in one sorted order (two people choosing the same sessions in another order
    cannot deadlock), creates the conference registration and one child
    ``Registration`` per session (``parent``), each with the status its own
    session form gives, counted with the people who registered on the session
    page. Only the conference registration gets the confirmation e-mail; a
    child gets a random token nobody knows: it is cancelled with its parent.
    ``outcome.sessions`` says what to tell the visitor for each session. A
    duplicate conference registration creates no session registrations either;
    an address already registered for a session gets no second place there.
    Cancelling the conference registration cancels its sessions (under the
    conference form's deadline) and gives each freed place to that session's
    first person waiting.

The form of an existing registration is its page's ``registration_form``;
organiser actions take ``form=`` when the page is gone or to override.
"""

import datetime
import hashlib
import secrets
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from ..conf import events_settings
from ..models.occurrences import Occurrence
from ..models.registration import (
    HOLDS_A_PLACE,
    EventCapacity,
    Registration,
    RegistrationStatus,
)
from ..occurrences import recurrence
from .signals import registration_email_due


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


class InvalidDate(RegistrationRefused):
    """The date chosen for an event with several dates cannot be chosen:
    ``"required"``, ``"unknown"``, ``"past"`` or ``"cancelled"``."""


class InvalidSessionChoice(RegistrationRefused):
    """Sessions chosen with a conference registration that cannot be taken:
    ``"unknown"``, ``"twice"``, ``"overlap"`` or ``"full"``; ``titles`` names the
    sessions concerned (two for an overlap)."""

    def __init__(self, reason, titles=()):
        super().__init__(reason)
        self.titles = tuple(titles)


class InvalidToken(Registration.DoesNotExist):
    """The cancellation token matches no registration (unknown or tampered)."""


@dataclass
class SessionOutcome:
    """What to tell the visitor about one session chosen with a conference."""

    option: "SessionOption"
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

    def __post_init__(self):
        if not self.status:
            self.status = self.registration.status


def notify(kind, registration, token=None):
    """Send the registrant the e-mail ``kind`` once the current transaction
    commits (at once outside a transaction), through ``registration_email_due``.
    A failure to enqueue is logged and never undoes or breaks the registration
    (``robust``)."""
    registration_id = registration.pk

    def due():
        registration_email_due.send(
            sender=Registration,
            kind=kind,
            registration_id=registration_id,
            token=token,
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


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def new_token():
    return secrets.token_urlsafe(32)


def event_key(page):
    """Registrations belong to the event, not to one translation of its page."""
    return page.translation_key


def occurrence_key(occurrence=None):
    """The key places of one date are counted under: "" for the whole event, else
    the start the rule gave the date (``original_start``, an ``Occurrence`` or an
    aware date-time) in UTC, so that moving a date keeps its registrations."""
    if occurrence is None or occurrence == "":
        return ""
    start = getattr(occurrence, "original_start", occurrence)
    return start.astimezone(datetime.UTC).isoformat()


def occurrence_start(key):
    """The inverse of ``occurrence_key()``: the aware start the key names, or None
    for "" (the whole event) and for anything that is not such a key."""
    if not key:
        return None
    try:
        start = datetime.datetime.fromisoformat(key)
    except ValueError:
        return None
    return start if start.tzinfo is not None else None


def lock(key, occ_key=""):
    """Lock the capacity row of an event (and date), creating it if needed.

    Must be called inside ``transaction.atomic()``."""
    EventCapacity.objects.get_or_create(event_key=key, occurrence_key=occ_key)
    return EventCapacity.objects.select_for_update().get(
        event_key=key, occurrence_key=occ_key
    )


def lock_all(keys):
    """Lock several (event key, occurrence key) rows, always in the same sorted
    order: two transactions that lock the same rows then wait for each other
    instead of each holding one row the other needs (a deadlock)."""
    for key, occ_key in sorted({(str(k), o) for k, o in keys}):
        lock(key, occ_key)


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


def check_not_cancelled(page):
    """Nobody registers for a cancelled event, nor for a session of a cancelled
    conference."""
    from ..models.pages import EventStatus

    for event in (page, getattr(page, "conference", None)):
        if event is not None and event.status == EventStatus.CANCELLED:
            raise RegistrationClosed("cancelled")


def check_not_begun(page, form, now=None):
    """Registration for a one-off event closes when it begins, unless the form
    closes later on purpose (say, to register on the spot during a conference).
    Events with dates to choose offer only dates not begun (``date_options``)."""
    now = now or timezone.now()
    if form.closes_at is None and page.start is not None and page.start <= now:
        raise RegistrationClosed("started")


def check_invitation_code(form, code):
    if not form.invitation_code:
        return
    given = (code or "").strip().encode()
    if not secrets.compare_digest(given, form.invitation_code.strip().encode()):
        raise InvalidInvitationCode()


# Dates of an event


def find_date(page, value, now=None):
    """The page's ``Occurrence`` a visitor chose: ``value`` is an ``Occurrence``,
    an original start (aware) or its key. Raises ``InvalidDate``."""
    now = now or timezone.now()
    if value is None or value == "":
        raise InvalidDate("required")
    start = getattr(value, "original_start", value)
    if isinstance(start, str):
        try:
            start = datetime.datetime.fromisoformat(start)
        except ValueError:
            raise InvalidDate("unknown") from None
    if not isinstance(start, datetime.datetime) or timezone.is_naive(start):
        raise InvalidDate("unknown")
    row = Occurrence.objects.filter(page_id=page.pk, original_start=start).first()
    if row is None:
        raise InvalidDate("unknown")
    if row.cancelled:
        raise InvalidDate("cancelled")
    if row.start <= now:
        raise InvalidDate("past")
    return row


@dataclass
class Availability:
    """Places of one event or date, as a newcomer sees them.

    ``state``: ``"open"`` (a newcomer gets a place), ``"waiting_list"``,
    ``"approval"`` (no place free; the organiser decides) or ``"full"`` (no
    place, no waiting list: cannot be chosen). ``places_left``: None without a
    limit."""

    state: str
    places_left: int | None = None

    @property
    def can_choose(self):
        return self.state != "full"


def availability(form, taken, waiting_count):
    """The same rule as ``register()``: people waiting come first."""
    if form.capacity is None:
        return Availability("open")
    left = form.capacity - taken - waiting_count
    if left > 0:
        return Availability("open", left)
    if form.requires_approval:
        return Availability("approval", 0)
    return Availability("waiting_list" if form.waiting_list else "full", 0)


def counts(keys):
    """{(event key, occurrence key): (places taken, people waiting)} of every
    event and date in ``keys``, in one query."""
    event_keys = {key for key, _occ in keys}
    result = defaultdict(lambda: [0, 0])
    if not event_keys:
        return result
    rows = (
        Registration.objects.filter(
            event_key__in=event_keys,
            status__in=[*HOLDS_A_PLACE, RegistrationStatus.WAITING],
        )
        .values_list("event_key", "occurrence_key", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for key, occ_key, status, n in rows:
        result[(key, occ_key)][status == RegistrationStatus.WAITING] += n
    return result


@dataclass
class DateOption:
    """One date a visitor can choose for an event with several dates."""

    occurrence: Occurrence
    availability: Availability

    @property
    def value(self):
        return occurrence_key(self.occurrence)


def date_options(page, form, now=None, limit=None):
    """None for an event with one date; else its next dates that are not
    cancelled and not begun (at most ``UPCOMING_DATES``), with their places."""
    if not recurrence.has_dates(page):
        return None
    now = now or timezone.now()
    limit = limit or events_settings.UPCOMING_DATES
    rows = list(
        Occurrence.objects.filter(
            page_id=page.pk, cancelled=False, start__gt=now
        ).order_by("start", "pk")[:limit]
    )
    key = event_key(page)
    places = counts([(key, occurrence_key(row)) for row in rows])
    options = []
    for row in rows:
        row.page = page
        taken, waiting_count = places[(key, occurrence_key(row))]
        options.append(DateOption(row, availability(form, taken, waiting_count)))
    return options


# Sessions chosen with a conference registration


@dataclass
class SessionOption:
    """A session (or one run of it) a visitor can choose with a conference."""

    page: object  # the session's EventPage, with its registration_form
    occurrence: Occurrence | None
    start: datetime.datetime
    end: datetime.datetime
    availability: Availability

    @property
    def value(self):
        if self.occurrence is None:
            return str(self.page.pk)
        return f"{self.page.pk}-{int(self.occurrence.original_start.timestamp())}"

    @property
    def title(self):
        return self.page.title

    @property
    def form(self):
        return self.page.registration_form

    @property
    def keys(self):
        return event_key(self.page), occurrence_key(self.occurrence)

    def overlaps(self, other):
        return self.start < other.end and other.start < self.end


def _is_conference(page):
    from ..models.pages import ConferencePage

    cls = getattr(page, "specific_class", None)
    return cls is not None and issubclass(cls, ConferencePage)


def session_options(conference, now=None):
    """What a visitor can choose when registering for ``conference``, in time
    order: its live sessions that the conference's visitors see (no view
    restriction of their own), with a registration form of their own without
    invitation code, open now and not begun; one option per upcoming date of a
    session with several (a site visit's runs). Three queries, whatever the
    number of sessions."""
    from ..models.pages import EventStatus
    from ..models.visibility import visible_sessions

    if conference is None or not _is_conference(conference):
        return []
    now = now or timezone.now()
    pages = [
        page
        for page in visible_sessions(conference)
        .filter(registration_form__isnull=False, registration_form__invitation_code="")
        .exclude(status=EventStatus.CANCELLED)
        .select_related("registration_form")
        .annotate(date_count=Count("occurrences"))
        .order_by("start", "pk")
        if _is_open(page.registration_form, now)
    ]
    dated = {page.pk: page for page in pages if page.date_count > 1}
    runs = defaultdict(list)
    if dated:
        for row in Occurrence.objects.filter(
            page_id__in=list(dated), cancelled=False, start__gt=now
        ).order_by("start", "pk"):
            if len(runs[row.page_id]) < events_settings.UPCOMING_DATES:
                row.page = dated[row.page_id]
                runs[row.page_id].append(row)
    chosen = []
    for page in pages:
        if page.pk in dated:
            chosen.extend((page, row, row.start, row.end) for row in runs[page.pk])
        elif page.start > now:
            chosen.append((page, None, page.start, page.end))
    places = counts(
        [(event_key(page), occurrence_key(row)) for page, row, _s, _e in chosen]
    )
    options = [
        SessionOption(
            page,
            row,
            start,
            end,
            availability(
                page.registration_form,
                *places[(event_key(page), occurrence_key(row))],
            ),
        )
        for page, row, start, end in chosen
    ]
    return sorted(options, key=lambda o: (o.start, o.end, o.title, o.value))


def _is_open(form, now):
    try:
        check_open(form, now)
    except RegistrationClosed:
        return False
    return True


def chosen_sessions(options, values):
    """The options a visitor chose, by their values; raises
    ``InvalidSessionChoice`` for an unknown value, a session chosen twice, two
    sessions at the same time, or a session full without waiting list (as the
    options saw it; ``register()`` decides again under the lock)."""
    by_value = {option.value: option for option in options}
    chosen = []
    for value in values:
        value = getattr(value, "value", value)
        option = by_value.get(value) if isinstance(value, str) else None
        if option is None:
            raise InvalidSessionChoice("unknown")
        if option not in chosen:
            chosen.append(option)
    for i, option in enumerate(chosen):
        for other in chosen[:i]:
            if other.page.pk == option.page.pk:
                raise InvalidSessionChoice("twice", [option.title])
            if other.overlaps(option):
                first, second = sorted(
                    [other, option], key=lambda o: (o.start, o.title)
                )
                raise InvalidSessionChoice("overlap", [first.title, second.title])
    for option in chosen:
        if not option.availability.can_choose:
            raise InvalidSessionChoice("full", [option.title])
    return chosen


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
):
    """Take a place for one person, or put them on the waiting list, or ask the
    organiser's approval, as the registration ``form`` says. ``occurrence`` (or
    ``occurrence_start``, its original start): the date chosen, for an event with
    several; ``sessions``: values of ``session_options(page)`` chosen with a
    conference. See the module's description for duplicates."""
    check_open(form, now)
    check_not_cancelled(page)
    check_invitation_code(form, invitation_code)
    email = email.strip()
    if occurrence is None:
        occurrence = occurrence_start
    if recurrence.has_dates(page):
        occurrence = find_date(page, occurrence, now)
    elif occurrence is not None:
        raise InvalidDate("unknown")  # a one-off event has no dates to choose
    else:
        check_not_begun(page, form, now)
    chosen = chosen_sessions(session_options(page, now), sessions) if sessions else []
    key, occ_key = event_key(page), occurrence_key(occurrence)
    with transaction.atomic():
        lock_all([(key, occ_key), *(option.keys for option in chosen)])
        if form.requires_approval:
            status = RegistrationStatus.AWAITING_APPROVAL
        else:
            status = _place_for_newcomer(form, key, occ_key)
        told = [_session_outcome(option) for option in chosen]
        existing = _active_registration(key, occ_key, email)
        if existing is not None:
            position = None
            if status == RegistrationStatus.WAITING:
                position = waiting(key, occ_key).count() + 1
            token = None
            if _may_remind(existing):
                token = new_token()
                existing.cancellation_token_hash = hash_token(token)
                existing.save(update_fields=["cancellation_token_hash", "updated_at"])
                notify("already_registered", existing, token)
            return Outcome(
                existing, token, position, duplicate=True, status=status, sessions=told
            )
        token = new_token()
        details = {
            "name": name,
            "email": email,
            "accessibility_needs": list(accessibility_needs),
            "accessibility_details": accessibility_details,
            "language": language,
        }
        registration = Registration.objects.create(
            event_key=key,
            page=page,
            occurrence_key=occ_key,
            status=status,
            answers=answers or {},
            cancellation_token_hash=hash_token(token),
            **details,
        )
        for session in told:
            _register_session(registration, session, details)
        position = waiting_position(registration)
        notify("confirmation", registration, token)
    return Outcome(registration, token, position, sessions=told)


def _active_registration(key, occ_key, email):
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


def _session_outcome(option):
    """What a newcomer choosing ``option`` is told, by the session's own form.
    Call under the session's lock."""
    key, occ_key = option.keys
    if option.form.requires_approval:
        return SessionOutcome(option, RegistrationStatus.AWAITING_APPROVAL)
    try:
        status = _place_for_newcomer(option.form, key, occ_key)
    except RegistrationClosed:
        raise InvalidSessionChoice("full", [option.title]) from None
    position = None
    if status == RegistrationStatus.WAITING:
        position = waiting(key, occ_key).count() + 1
    return SessionOutcome(option, status, position)


def _register_session(parent, session, details):
    """A session registration under ``parent``, unless the address already has
    one for that session (then it keeps that one, and is told what a newcomer
    is). It gets a token nobody knows: it is cancelled with its parent."""
    key, occ_key = session.option.keys
    if _active_registration(key, occ_key, details["email"]) is not None:
        return None
    return Registration.objects.create(
        event_key=key,
        page=session.option.page,
        occurrence_key=occ_key,
        status=session.status,
        parent=parent,
        cancellation_token_hash=hash_token(new_token()),
        **details,
    )


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
