"""The read model of registration: the places of an event or of one of its dates,
what a newcomer would get, the dates to choose, and the state of a page's
registration.

Everyone reads places here, and nowhere else: the visitor's section and form
(``offer``, ``date_options``), the structured data's offer (``registration_offer``),
the organiser's counts (``availability``) and the writer, which reads them again
under its lock before it decides (``counts``, ``Availability.newcomer_status``).
Nothing here changes a registration.

Capacity
    ``form.capacity`` places per event and, for an event with dates, per date
    (``occurrence_key``). Empty capacity: no limit. Registrations are counted by
    the event's translation key, so every translation of a page shares the same
    places.

The newcomer rule (``Availability.gives_a_place``)
    People already waiting come first: a newcomer gets a place only if there are
    more free places than people waiting (free places and people waiting at once
    happen only when the organiser raised the capacity; ``writer.promote()`` then
    fills them). Otherwise a newcomer goes on the waiting list if the form has
    one, else the event (or date) is full.

Free places (``Availability.free_places``)
    Places nobody holds, whoever waits (negative when overbooked): what the
    organiser's counts show, and what promoting someone or a freed place needs.

Dates
    An event with more than one stored ``Occurrence`` (a repeating event, a site
    visit with further runs) is registered for one date at a time: one of its
    dates, not cancelled and not begun (``find_date``). ``date_options`` lists
    the next ones with their places.

The sessions a visitor chooses with a conference registration are read in
``session_choices``.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from ..conf import events_settings
from ..enums import HOLDS_A_PLACE, EventStatus, RegistrationStatus
from ..models.occurrences import Occurrence
from ..models.registration import Registration
from ..occurrences import recurrence
from .errors import InvalidDate, RegistrationClosed
from .keys import event_key, occurrence_key


@dataclass(frozen=True)
class Availability:
    """The places of one event or date: the capacity (None: no limit), the
    places taken, the people waiting, and what the form does when no place is
    left. Made by ``availability()``.

    ``state``, as a newcomer sees it: ``"open"`` (a newcomer gets a place),
    ``"waiting_list"``, ``"approval"`` (no place free; the organiser decides) or
    ``"full"`` (no place, no waiting list: cannot be chosen)."""

    capacity: int | None
    taken: int = 0
    waiting: int = 0
    waiting_list: bool = False
    requires_approval: bool = False

    @property
    def free_places(self):
        """Places nobody holds (None: no limit); negative when overbooked."""
        return None if self.capacity is None else self.capacity - self.taken

    @property
    def gives_a_place(self):
        """The newcomer rule: people already waiting come first."""
        free = self.free_places
        return free is None or free > self.waiting

    @property
    def places_left(self):
        """Places a newcomer can still take (0 when none); None without a limit."""
        if self.capacity is None:
            return None
        return max(self.free_places - self.waiting, 0)

    @property
    def is_full(self):
        """No place is free: promoting someone from the waiting list overbooks."""
        free = self.free_places
        return free is not None and free <= 0

    @property
    def state(self):
        if self.gives_a_place:
            return "open"
        if self.requires_approval:
            return "approval"
        return "waiting_list" if self.waiting_list else "full"

    @property
    def can_choose(self):
        return self.state != "full"

    def newcomer_status(self):
        """Confirmed or waiting for someone new in the queue (registering without
        approval, or approved), or ``RegistrationClosed("full")``. Decides only
        when counted under the writer's lock."""
        if self.gives_a_place:
            return RegistrationStatus.CONFIRMED
        if self.waiting_list:
            return RegistrationStatus.WAITING
        raise RegistrationClosed("full")


def availability(form, taken=0, waiting_count=0):
    """The ``Availability`` of places counted already (``counts()``)."""
    return Availability(
        form.capacity,
        taken,
        waiting_count,
        form.waiting_list,
        form.requires_approval,
    )


def counts(keys):
    """{(event key, occurrence key): (places taken, people waiting)} of every
    event and date in ``keys``, in one query (none for no keys)."""
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


def availability_of(form, key, occ_key=""):
    """The ``Availability`` of one event or date, counted now: one query, none
    without a limit (then nothing needs counting)."""
    if form.capacity is None:
        return availability(form)
    return availability(form, *counts([(key, occ_key)])[(key, occ_key)])


def places_taken(key, occ_key=""):
    return counts([(key, occ_key)])[(key, occ_key)][0]


def free_places(form, key, occ_key=""):
    """Places nobody holds (None: no limit); may be negative when overbooked."""
    return availability_of(form, key, occ_key).free_places


def waiting(key, occ_key=""):
    """The people waiting for a place, first in line first."""
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


# When registration is open


def check_open(form, now=None):
    now = now or timezone.now()
    if form.opens_at and now < form.opens_at:
        raise RegistrationClosed("not_open_yet")
    if form.closes_at and now >= form.closes_at:
        raise RegistrationClosed("closed")


def is_open(form, now=None):
    try:
        check_open(form, now)
    except RegistrationClosed:
        return False
    return True


def check_not_cancelled(page):
    """Nobody registers for a cancelled event, nor for a session of a cancelled
    conference."""
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


# The state of a page's registration, as visitors and search engines see it

_UNKNOWN = object()


@dataclass
class Offer:
    """What a page's registration offers now.

    ``state``: ``"open"``, or why not: ``"not_open_yet"``, ``"closed"`` (also
    when no upcoming date is left), ``"cancelled"``, ``"started"`` or ``"full"``
    (full and no waiting list: for an event with dates, every upcoming date);
    None without a registration form. ``dates``: the ``date_options`` when they
    were read (None for a one-off event). ``places``: when open, the
    ``Availability`` shown, of the one-off event or of its next date that can
    be chosen."""

    state: str | None
    dates: list | None = None
    places: Availability | None = None

    @property
    def waiting_list_only(self):
        """Open, but only to the waiting list: every place of the event (of
        every date that can be chosen) is taken or promised to people waiting."""
        if self.state != "open":
            return False
        if self.dates is None:
            return self.places is not None and self.places.state == "waiting_list"
        return all(
            option.availability.state in ("waiting_list", "full")
            for option in self.dates
        )


def offer(page, now=None, dates=_UNKNOWN):
    """The ``Offer`` of the page's registration. ``dates``: the page's
    ``date_options``, when already at hand."""
    form = page.registration_form
    if form is None:
        return Offer(None)
    try:
        check_open(form, now)
        check_not_cancelled(page)
    except RegistrationClosed as closed:
        return Offer(closed.reason)
    if dates is _UNKNOWN:
        dates = date_options(page, form, now)
    if dates is None:
        try:
            check_not_begun(page, form, now)
        except RegistrationClosed as closed:
            return Offer(closed.reason)
        places = availability_of(form, event_key(page))
        if not places.can_choose:
            return Offer("full")
        return Offer("open", None, places)
    if not dates:
        return Offer("closed", dates)  # no upcoming date left
    choosable = [option for option in dates if option.availability.can_choose]
    if not choosable:
        return Offer("full", dates)
    return Offer("open", dates, choosable[0].availability)


def registration_state(page, now=None, dates=_UNKNOWN):
    """The ``state`` of the page's ``offer()``."""
    return offer(page, now, dates).state


def registration_offer(page, now=None):
    """The state of the page's registration and, when it is open, the places it
    shows: what the structured data's ``offers`` say, read as the registration
    section reads them. (None, None) without a registration form."""
    read = offer(page, now)
    return read.state, read.places
