"""A registrant changes their own registration, with the link in their e-mails:
their answers (and name), their date, or the sessions chosen with a conference.

With ``writer`` (registering) and ``changes`` (cancelling, the organiser's
decisions), the only place where a registration's status or places change.
Each change reads the registration again under the lock of every event and date
whose places it touches (``keys.lock_all``, one sorted order, so that two
registrants swapping places cannot deadlock), decides with the places counted
then, and enqueues one ``"changed"`` e-mail (``writer.notify``) saying what
changed (``params``: ``answers``, ``date`` [old key, new key], ``added`` and
``removed`` [[page pk, occurrence key]]: no personal data). A refusal (the
exceptions of ``errors``) changes nothing: everything happens in one
transaction.

Until when (``change_deadline``)
    While the registration is confirmed, waiting or awaiting approval, until
    registration closes (``form.closes_at``) or the event (the date registered
    for) begins, whichever comes first; then ``ChangeRefused("closed")``.
    Cancelling (and leaving the waiting list) stays ``changes.cancel``, with its
    own deadline.

Answers (``update_answers``)
    The form's questions, the name and the accessibility needs; never the
    e-mail address (the link belongs to it). The sessions chosen with a
    conference registration take the new name too.

Date (``change_date``: a repeating event, a site visit's runs)
    The new date must be one a newcomer could choose (``availability.find_date``:
    not past, not cancelled). The newcomer rule decides there: a place if one is
    free and nobody waits for it, else the waiting list (last in line) if the
    form has one, else ``RegistrationClosed("full")``. A request awaiting
    approval moves as it is. A place given back on the old date goes to its
    first person waiting (``changes.give_freed_place``).

Sessions (``change_sessions``: a conference registration)
    The values of ``session_options`` wanted now. A session added is taken as
    when registering (``session_choices.chosen_sessions``, then
    ``writer.session_outcome`` under its lock: a place, the waiting list,
    approval, or ``InvalidSessionChoice("full")``) and must not overlap a
    session kept; a session removed is cancelled (after the conference form's
    cancellation deadline only if it held no place; never once attended) and
    its place goes to its first person waiting.
"""

from django.db import transaction
from django.utils import timezone

from ..enums import HOLDS_A_PLACE, RegistrationStatus
from ..models.occurrences import Occurrence
from ..occurrences import recurrence
from .availability import availability_of, find_date
from .changes import form_of, give_freed_place
from .errors import (
    CancellationRefused,
    ChangeRefused,
    InvalidDate,
    InvalidSessionChoice,
)
from .keys import create_rows, lock_all, occurrence_key, occurrence_start
from .session_choices import chosen_sessions, session_options
from .writer import active_registration, notify, register_session, session_outcome


# A registrant may change a registration in these statuses.
CHANGEABLE = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITING,
    RegistrationStatus.AWAITING_APPROVAL,
)
# A session chosen with a conference registration that it still has.
ACTIVE_SESSION = (*CHANGEABLE, RegistrationStatus.ATTENDED)


def starts_at(registration, page):
    """When the event (the date registered for) begins; None if not known."""
    start = occurrence_start(registration.occurrence_key)
    if start is not None:
        row = Occurrence.objects.filter(page_id=page.pk, original_start=start).first()
        return row.start if row is not None else start
    return page.start


def change_deadline(registration, page, form):
    """Until when the registrant may change the registration: the earlier of
    registration closing and the event (date) beginning; None: no limit."""
    ends = [
        moment
        for moment in (form.closes_at if form else None, starts_at(registration, page))
        if moment is not None
    ]
    return min(ends) if ends else None


def check_changeable(registration, page, form, now):
    """Raise ``ChangeRefused``: ``"status"`` (cancelled, declined, attended) or
    ``"closed"`` (the page or its form is gone, registration closed or the event
    began)."""
    if registration.status not in CHANGEABLE:
        raise ChangeRefused("status")
    if page is None or form is None:
        raise ChangeRefused("closed")
    deadline = change_deadline(registration, page, form)
    if deadline is not None and now >= deadline:
        raise ChangeRefused("closed")


def _page(registration):
    page = registration.page
    return page.specific if page is not None else None


def update_answers(
    registration,
    *,
    name,
    answers,
    accessibility_needs=(),
    accessibility_details="",
    now=None,
):
    """Save the registrant's new name and answers. Returns True if anything
    changed (then the ``"changed"`` e-mail goes), False if all was the same."""
    now = now or timezone.now()
    page = _page(registration)
    form = form_of(registration)
    new = {
        "name": name,
        "answers": answers or {},
        "accessibility_needs": list(accessibility_needs),
        "accessibility_details": accessibility_details,
    }
    with transaction.atomic():
        lock_all([(registration.event_key, registration.occurrence_key)])
        registration.refresh_from_db()
        check_changeable(registration, page, form, now)
        if all(getattr(registration, field) == value for field, value in new.items()):
            return False
        for field, value in new.items():
            setattr(registration, field, value)
        registration.save(update_fields=[*new, "updated_at"])
        # The sessions chosen with it are the same person's.
        registration.session_registrations.update(name=name, updated_at=now)
        notify("changed", registration, params={"answers": True})
    return True


def change_date(registration, value, now=None):
    """Move the registration to another date of its event (``value``: what
    ``find_date`` takes). Returns (registration, the person promoted on the old
    date or None)."""
    now = now or timezone.now()
    page = _page(registration)
    form = form_of(registration)
    if page is None or not recurrence.has_dates(page):
        raise InvalidDate("unknown")
    new_date = find_date(page, value, now)
    # Created before the lock, as ``writer.register`` does (``keys.create_rows``).
    create_rows([(registration.event_key, occurrence_key(new_date))])
    with transaction.atomic():
        old_key, new_key = registration.occurrence_key, occurrence_key(new_date)
        lock_all([(registration.event_key, old_key), (registration.event_key, new_key)])
        registration.refresh_from_db()
        check_changeable(registration, page, form, now)
        if registration.occurrence_key != old_key:
            raise ChangeRefused("moved")  # changed meanwhile, in another tab
        if new_key == old_key:
            raise ChangeRefused("same_date")
        if active_registration(registration.event_key, new_key, registration.email):
            raise ChangeRefused("already_registered")
        held_a_place = registration.status in HOLDS_A_PLACE
        status = registration.status
        if status != RegistrationStatus.AWAITING_APPROVAL:
            # The newcomer rule: people already waiting on that date come first.
            status = availability_of(
                form, registration.event_key, new_key
            ).newcomer_status()
        registration.occurrence_key = new_key
        registration.status = status
        fields = ["occurrence_key", "status", "updated_at"]
        if status == RegistrationStatus.WAITING:
            # Waiting lists are in the order of ``created_at``: joining this
            # date's list puts them after the people already on it.
            registration.created_at = now
            fields.append("created_at")
        registration.save(update_fields=fields)
        promoted = None
        if held_a_place:
            promoted = give_freed_place(form, registration.event_key, old_key)
        notify("changed", registration, params={"date": [old_key, new_key]})
    return registration, promoted


def session_value(child):
    """The value ``session_options`` gives the session a child registration is
    for (``SessionOption.value``)."""
    start = occurrence_start(child.occurrence_key)
    if start is None:
        return str(child.page_id)
    return f"{child.page_id}-{int(start.timestamp())}"


def current_sessions(registration):
    """{value: child registration} of the sessions a conference registration
    still has."""
    return {
        session_value(child): child
        for child in registration.session_registrations.filter(
            status__in=ACTIVE_SESSION, page__isnull=False
        ).select_related("page")
    }


def _times_of(children, options):
    """{value: (start, end)} of the sessions kept: from the options when offered,
    else from their pages and dates (two queries)."""
    offered = {option.value: (option.start, option.end) for option in options}
    times = {}
    starts = {}
    for value, child in children.items():
        if value in offered:
            times[value] = offered[value]
        elif child.occurrence_key:
            starts[(child.page_id, occurrence_start(child.occurrence_key))] = value
        else:
            times[value] = (child.page.start, child.page.end)
    if starts:
        rows = Occurrence.objects.filter(
            page_id__in={page_id for page_id, _start in starts},
            original_start__in={start for _page_id, start in starts},
        )
        for row in rows:
            value = starts.get((row.page_id, row.original_start))
            if value is not None:
                times[value] = (row.start, row.end)
    return {value: span for value, span in times.items() if None not in span}


def _check_added(added, kept, times):
    """An added session must not be another run of, or overlap, one kept."""
    for option in added:
        for value, child in kept.items():
            if child.page_id == option.page.pk:
                raise InvalidSessionChoice("twice", [option.title])
            span = times.get(value)
            if span and option.start < span[1] and span[0] < option.end:
                raise InvalidSessionChoice("overlap", [child.page.title, option.title])


def change_sessions(registration, values, now=None):
    """Make the sessions of a conference registration the ``values`` (of
    ``session_options``). Returns (added, removed): lists of child
    registrations; ([], []) when nothing changed (no e-mail then)."""
    now = now or timezone.now()
    page = _page(registration)
    form = form_of(registration)
    wanted = [value for value in dict.fromkeys(values) if isinstance(value, str)]
    # Decided before the transaction, checked again under the lock below.
    current = current_sessions(registration)
    removed = [child for value, child in current.items() if value not in wanted]
    kept = {value: child for value, child in current.items() if value in wanted}
    new_values = [value for value in wanted if value not in current]
    options = session_options(page, now) if new_values or removed else []
    added = chosen_sessions(options, new_values) if new_values else []
    _check_added(added, kept, _times_of(kept, options))
    if not added and not removed:
        return [], []
    # Created and committed before the lock, as ``writer.register`` does.
    create_rows([option.keys for option in added])
    with transaction.atomic():
        lock_all(
            [
                (registration.event_key, registration.occurrence_key),
                *(option.keys for option in added),
                *((child.event_key, child.occurrence_key) for child in removed),
            ]
        )
        registration.refresh_from_db()
        check_changeable(registration, page, form, now)
        # What was decided above was read before the lock: the same sessions
        # changed in another tab meanwhile would slip past the overlap rule.
        if set(current_sessions(registration)) != set(current):
            raise ChangeRefused("moved")
        for child in removed:
            _remove_session(child, form, now)
        details = {
            "name": registration.name,
            "email": registration.email,
            "accessibility_needs": registration.accessibility_needs,
            "accessibility_details": registration.accessibility_details,
            "language": registration.language,
        }
        new_children = []
        for option in added:
            places = None
            if not option.form.requires_approval:
                places = availability_of(option.form, *option.keys)
            told = session_outcome(option, places)  # raises when full
            child = register_session(registration, told, details)
            if child is not None:
                new_children.append(child)
        notify(
            "changed",
            registration,
            params={
                "added": [[c.page_id, c.occurrence_key] for c in new_children],
                "removed": [[c.page_id, c.occurrence_key] for c in removed],
            },
        )
    return new_children, removed


def _remove_session(child, conference_form, now):
    """Cancel a session chosen with a conference registration and give its place
    to the session's first person waiting. Call under its lock."""
    child.refresh_from_db()
    if child.status == RegistrationStatus.ATTENDED:
        raise CancellationRefused("attended")
    if child.status not in CHANGEABLE:
        return
    held_a_place = child.status in HOLDS_A_PLACE
    deadline = conference_form.cancellation_deadline if conference_form else None
    if held_a_place and deadline and now >= deadline:
        raise CancellationRefused("deadline_passed")
    child.status = RegistrationStatus.CANCELLED
    child.save(update_fields=["status", "updated_at"])
    if held_a_place:
        give_freed_place(form_of(child), child.event_key, child.occurrence_key)
