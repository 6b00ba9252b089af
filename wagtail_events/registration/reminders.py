"""Reminders: an e-mail to each person holding a place, a chosen time before the
event or the date they registered for (the form's ``Reminder`` rows: "7 days",
"1 day", "2 hours").

``send_due(now)``
    Run every few minutes by ``due.send_due``. Queues, through the outbox, the
    reminders whose time has come, each under the key
    ``reminder:<registration>:<start in UTC>:<minutes>``: the unique key makes
    it go once whoever runs it, twice or at the same moment on two workers, and
    the start in it gives a moved event (or date) its reminders again, relative
    to its new time. Reads are a fixed number of queries however many people
    registered; each reminder queued is one row written.

Who is reminded: confirmed registrations (approved people are confirmed) of a
live event (or date) that is not cancelled and starts after ``now``; not people
waiting, awaiting approval, declined, cancelled or erased, and not the sessions
chosen with a conference registration (the conference's reminder lists them).

When: a reminder of whole days goes at the same wall-clock time in the event's
zone that many days before ("1 day" before 10:00 is 10:00 the day before, also
when the clocks changed in between); one of hours goes that many hours before.
Only reminders whose time came after the person registered (someone registering
two hours before the event has their confirmation, with the same information),
and of several due at once (the schedule stopped for a while) only the nearest
to the event: nobody gets "7 days before" and "1 day before" in one go.

``build(delivery)``
    The builder of the kind ``"reminder"``: the registration e-mail with "… is
    in 3 days / tomorrow / today", the practical information and the calendar
    entry; nothing if the person no longer holds a place, the event was
    unpublished or cancelled, or the date moved since (its own reminder follows).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from ..enums import EventStatus
from ..localtime import from_local, get_zone, to_local
from ..models.messages import Delivery
from ..models.occurrences import Occurrence
from ..models.registration import Registration, RegistrationStatus
from ..models.reminders import Reminder, ReminderUnit
from . import emails, outbox
from .keys import occurrence_key
from .practical import practical_information


KIND = "reminder"
# A reminder of days may go an hour earlier or later in UTC than its number of
# days: look that much further ahead.
_SLACK = datetime.timedelta(days=1)


def reminder_time(start, amount, unit, time_zone):
    """When the reminder ``amount`` ``unit`` before ``start`` goes (aware, UTC)."""
    if unit == ReminderUnit.HOURS:
        # In UTC: Python subtracts from a zoned time on the wall clock.
        return start.astimezone(datetime.UTC) - datetime.timedelta(hours=amount)
    naive = to_local(start, time_zone) - datetime.timedelta(days=amount)
    try:
        return from_local(naive, time_zone)
    except ValidationError:
        # That wall-clock time was skipped when the clocks went forward: the
        # same moment on the clock after the change.
        return naive.replace(tzinfo=get_zone(time_zone)).astimezone(datetime.UTC)


def key_of(registration_id, start, minutes):
    utc = start.astimezone(datetime.UTC).isoformat()
    return f"{KIND}:{registration_id}:{utc}:{minutes}"


def due_reminder(reminders, start, time_zone, registered_at, now):
    """The reminder to send now for one date, or None: of those whose time has
    come (and came after the person registered), the nearest to the event."""
    due = [
        reminder
        for reminder in reminders
        if registered_at
        <= reminder_time(start, reminder.amount, reminder.unit, time_zone)
        <= now
    ]
    return min(due, key=lambda r: r.minutes, default=None)


def send_due(now=None):
    """Queue every reminder due at ``now``. Returns how many were queued."""
    now = now or timezone.now()
    by_form = {}
    for reminder in Reminder.objects.only("form_id", "amount", "unit"):
        by_form.setdefault(reminder.form_id, []).append(reminder)
    if not by_form:
        return 0
    # Only dates that some reminder reaches: the furthest one, and a day.
    furthest = max(r.minutes for rs in by_form.values() for r in rs)
    horizon = now + datetime.timedelta(minutes=furthest) + _SLACK
    # The current start of the dates of repeating events (and runs) in reach,
    # under the key their registrations are filed with.
    starts = {
        (page_id, occurrence_key(original)): start
        for page_id, original, start in Occurrence.objects.filter(
            page__registration_form_id__in=by_form,
            start__gt=now,
            start__lte=horizon,
            cancelled=False,
        ).values_list("page_id", "original_start", "start")
    }
    registrations = (
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            parent__isnull=True,
            erased_at__isnull=True,
            page__live=True,
            page__registration_form_id__in=by_form,
        )
        .exclude(page__status=EventStatus.CANCELLED)
        .filter(
            Q(
                occurrence_key="",
                page__date_to_be_announced=False,
                page__start__gt=now,
                page__start__lte=horizon,
            )
            | Q(
                page_id__in={page_id for page_id, _key in starts},
                occurrence_key__in={key for _page, key in starts},
            )
        )
        .select_related("page")
    )
    wanted = {}
    for registration in registrations:
        page = registration.page
        if registration.occurrence_key:
            start = starts.get((page.pk, registration.occurrence_key))
        else:
            start = page.start
        if start is None or start <= now:
            continue
        reminder = due_reminder(
            by_form[page.registration_form_id],
            start,
            page.time_zone,
            registration.created_at,
            now,
        )
        if reminder is not None:
            key = key_of(registration.pk, start, reminder.minutes)
            wanted[key] = (registration, start, reminder)
    queued = queued_before(wanted)
    count = 0
    for key, (registration, start, reminder) in wanted.items():
        if key in queued:
            continue
        outbox.queue(
            KIND,
            registration,
            key=key,
            params={
                "start": start.astimezone(datetime.UTC).isoformat(),
                "minutes": reminder.minutes,
                "due_at": now.astimezone(datetime.UTC).isoformat(),
            },
        )
        count += 1
    return count


def queued_before(wanted_keys):
    """The keys among ``wanted_keys`` queued before: one query for the usual case
    every few minutes (nothing new); ``outbox.queue``'s unique key settles a
    race with another worker that queues the same reminder at the same time."""
    return set(
        Delivery.objects.filter(key__in=wanted_keys).values_list("key", flat=True)
    )


def current_start(page, registration):
    """The start of the date registered for as it stands, or None (no date, or a
    cancelled one)."""
    if not registration.occurrence_key:
        return page.start if page.is_dated else None
    occurrence = emails.occurrence_of(page, registration.occurrence_key)
    if occurrence is None or occurrence.cancelled:
        return None
    return occurrence.start


def _instant(value):
    try:
        instant = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return instant if instant.tzinfo is not None else None


def build(delivery):
    """The reminder e-mail of ``delivery``, or None when it no longer applies."""
    registration = emails.with_page(delivery.registration)
    if registration is None or registration.status != RegistrationStatus.CONFIRMED:
        return None
    page = registration.page.specific
    if not page.live or page.status == EventStatus.CANCELLED:
        return None
    params = delivery.params or {}
    start = current_start(page, registration)
    if start is None or start != _instant(params.get("start")):
        # Moved since it was queued: the reminder of the new time is its own.
        return None
    due_at = _instant(params.get("due_at")) or timezone.now()

    def extra(context):
        days = (
            to_local(start, page.time_zone).date()
            - to_local(due_at, page.time_zone).date()
        ).days
        return {
            "days_to_go": max(days, 0),
            "practical": practical_information(page, context["sessions"]),
            "reminder_text": (
                context["form"].reminder_email_text.strip() if context["form"] else ""
            ),
        }

    return emails.build(KIND, registration, extra=extra)
