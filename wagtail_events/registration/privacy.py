"""Personal data of registrations: erase it, export it, and keep it no longer than
``WAGTAIL_EVENTS_REGISTRATION_RETENTION_DAYS`` after the event.

Erasing empties what identifies a person (name, e-mail address, answers,
accessibility needs) and keeps what the organiser counts (status, event, date,
language, when it was made), so that the figures of an event stay right after
its registrants are forgotten. The cancellation link of the old e-mail stops
working: the stored hash is replaced by one no link can match. The e-mails
sent to the person (``Delivery``) keep their status and time, not their subject
as sent, address or values.

* ``erase(registration)``: one registration and its session registrations;
* ``export(registration)``: everything stored about that person for it, for a
  data-subject access request;
* ``erase_expired()``: what the retention setting no longer allows to keep (run
  daily: ``manage.py erase_registrations`` or ``tasks.erase_expired_registrations``);
* ``erase_address(email)``: every registration of one address, across events.

The e-mails sent to a registration (``Delivery``, the log of e-mails sent) keep
their kind, subject (the event's title), status and times once it is erased;
what they held of the person is blanked with it: the address (``to``), the
values they were written with (``params``), and the mail server's last error,
which may quote the address. A registration deleted outright leaves its
e-mails nothing of the person either (``forget_deliveries``, on delete).

Someone erased on request before their event takes place gives up their place
(or their place in the queue) first: a nameless registration must not hold a
place nor be promoted, and the freed place goes to the next person waiting.
Registrations of events that are over keep their status.

When did an event end? For a registration for one date of a repeating event, or
one run of a site visit (``occurrence_key``), the end of that date; otherwise,
or when that date is no longer known, the latest end of the event in any
language (its pages' ``end`` and their occurrences). When every page of the
event is gone, the time the registration last changed stands in for it.
"""

import datetime

from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from ..conf import events_settings
from ..enums import RegistrationStatus
from ..models import Delivery, EventPage, Occurrence
from ..models.registration import Registration
from .changes import cancel_by_organiser
from .keys import hash_token, new_token, occurrence_start


# Bulk erasing cannot give every row a fresh random token in one UPDATE; it stores
# this prefix and the registration's unique public id instead. A ":" never occurs
# in a SHA-256 hex digest, so no cancellation link can match it either.
ERASED_MARK = "erased:"

PERSONAL_FIELDS = (
    "name",
    "email",
    "answers",
    "accessibility_needs",
    "accessibility_details",
)


def _blank(registration):
    registration.name = ""
    registration.email = ""
    registration.answers = {}
    registration.accessibility_needs = []
    registration.accessibility_details = ""


def forget_deliveries(registrations):
    """Blank what the e-mails to ``registrations`` (a queryset, or pks) kept of
    the person: the address, the values filled in, the mail server's error
    (which may quote the address) and the subject as sent (an organiser's
    message may hold the name, ``{name}``); their kind, status and times stay.
    Returns how many e-mails were changed."""
    return (
        Delivery.objects.filter(registration__in=registrations)
        .exclude(Q(to="") & Q(last_error="") & Q(params={}) & Q(subject=""))
        .update(to="", params={}, last_error="", subject="")
    )


# Statuses of someone still counted as coming, or waiting to.
_STILL_COMING = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITING,
    RegistrationStatus.AWAITING_APPROVAL,
)


def _is_ahead(registration, now):
    """Whether the registration's event (or date) has not ended yet."""
    if registration.occurrence_key:
        start = occurrence_start(registration.occurrence_key)
        return start is not None and start > now
    page = registration.page
    if page is None:
        return False
    # An event whose date is to be announced has not happened yet.
    return page.end is None or page.end > now


def _withdraw(queryset, now):
    """Cancel (under the event's lock, promoting the next person waiting) the
    registrations of ``queryset`` for events ahead that still hold or wait for a
    place. The "cancelled" e-mail is enqueued after commit and finds the
    registration erased by then, so nothing is sent."""
    for row in queryset.filter(
        status__in=_STILL_COMING, erased_at__isnull=True
    ).select_related("page"):
        if _is_ahead(row, now):
            cancel_by_organiser(row)


def erase(registration, now=None):
    """Erase the personal data of ``registration`` and of its session
    registrations; keep the status, event, date and timestamps. Erasing again
    changes nothing (the first ``erased_at`` stays). Returns the registration,
    read again from the database."""
    now = now or timezone.now()
    with transaction.atomic():
        _withdraw(
            Registration.objects.filter(
                Q(pk=registration.pk) | Q(parent_id=registration.pk)
            ).order_by("parent_id", "pk"),
            now,
        )
        rows = Registration.objects.select_for_update().filter(
            Q(pk=registration.pk) | Q(parent_id=registration.pk)
        )
        for row in rows:
            if row.erased_at is not None:
                continue
            _blank(row)
            row.erased_at = now
            # A fresh token nobody knows: the link of the old e-mail stops working.
            row.cancellation_token_hash = hash_token(new_token())
            row.save(
                update_fields=[
                    *PERSONAL_FIELDS,
                    "erased_at",
                    "cancellation_token_hash",
                    "updated_at",
                ]
            )
        forget_deliveries(
            Registration.objects.filter(
                Q(pk=registration.pk) | Q(parent_id=registration.pk)
            ).values("pk")
        )
    registration.refresh_from_db()
    return registration


def _erase_rows(queryset, now, forget=True):
    """Erase every registration of ``queryset`` not erased yet, in one UPDATE
    (and, unless ``forget`` is False, what their e-mails kept, in another).
    Returns how many were erased."""
    if forget:
        forget_deliveries(queryset.filter(erased_at__isnull=True).values("pk"))
    return queryset.filter(erased_at__isnull=True).update(
        name="",
        email="",
        answers=models.Value({}, output_field=models.JSONField()),
        accessibility_needs=models.Value([], output_field=models.JSONField()),
        accessibility_details="",
        erased_at=now,
        updated_at=now,
        cancellation_token_hash=Concat(
            models.Value(ERASED_MARK),
            Cast("public_id", output_field=models.CharField()),
            output_field=models.CharField(),
        ),
    )


# Export -----------------------------------------------------------------------


def _iso(value):
    return value.isoformat() if value is not None else None


def _export_one(registration):
    page = registration.page
    event = None
    if page is not None:
        event = {
            "title": page.title,
            "url": page.full_url,
            "start": _iso(page.start),
            "end": _iso(page.end),
            "time_zone": page.time_zone,
        }
    return {
        "id": str(registration.public_id),
        "event": event,
        # The date of a repeating event, or the run of a site visit, if any.
        "date": registration.occurrence_key or None,
        "status": registration.status,
        "status_label": str(registration.get_status_display()),
        "name": registration.name,
        "email": registration.email,
        "answers": registration.answers,
        "accessibility_needs": list(registration.accessibility_needs),
        "accessibility_details": registration.accessibility_details,
        "language": registration.language,
        "registered_at": _iso(registration.created_at),
        "updated_at": _iso(registration.updated_at),
        "erased_at": _iso(registration.erased_at),
    }


def export(registration):
    """Everything stored about the person of ``registration`` for it and its
    session registrations, as JSON-serialisable data (a data-subject access
    request). The cancellation token is not included: only its hash is stored."""
    data = _export_one(registration)
    sessions = registration.session_registrations.select_related("page").order_by(
        "created_at", "pk"
    )
    data["sessions"] = [_export_one(session) for session in sessions]
    return data


# Retention --------------------------------------------------------------------


def retention_days():
    """The retention setting, checked: a whole number of days, or None."""
    days = events_settings.REGISTRATION_RETENTION_DAYS
    if days is None:
        return None
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise ImproperlyConfigured(
            "WAGTAIL_EVENTS_REGISTRATION_RETENTION_DAYS must be a whole number of "
            f"days (0 or more), or None to keep personal data; it is {days!r}."
        )
    return days


def _expired_dates(candidates, cutoff):
    """{event_key: [occurrence_key, ...]} of the dates in ``candidates`` that
    ended before ``cutoff``, read in one query. A date no occurrence matches any
    more is left out: the rule on the whole event decides for it."""
    wanted = {}
    for key, occ_key in candidates:
        start = occurrence_start(occ_key)
        if start is not None:
            wanted[(key, start)] = occ_key
    if not wanted:
        return {}
    starts = {start for _key, start in wanted}
    rows = Occurrence.objects.filter(
        page__translation_key__in={key for key, _start in wanted}
    ).filter(Q(original_start__in=starts) | Q(start__in=starts))
    by_original, by_start = {}, {}
    for key, original, start, end in rows.values_list(
        "page__translation_key", "original_start", "start", "end"
    ):
        # Every translation has its own rows: the latest end counts.
        for found, at in ((by_original, original), (by_start, start)):
            if (key, at) in wanted:
                found[(key, at)] = max(end, found.get((key, at), end))
    expired = {}
    for (key, start), occ_key in wanted.items():
        # The date the rule gave identifies it, even after it was moved.
        end = by_original.get((key, start)) or by_start.get((key, start))
        if end is not None and end < cutoff:
            expired.setdefault(key, []).append(occ_key)
    return expired


def expired(now=None):
    """The registrations not erased yet whose event (or date) ended more than the
    retention setting allows; none when the setting is None. Reads the dates of
    repeating events with two queries; the result is one more query."""
    days = retention_days()
    if days is None:
        return Registration.objects.none()
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    pending = Registration.objects.filter(erased_at__isnull=True)

    pages = EventPage.objects.filter(translation_key=OuterRef("event_key"))
    occurrences = Occurrence.objects.filter(page__translation_key=OuterRef("event_key"))
    # An event whose date is to be announced (no end) has not ended.
    event_ended = ~Exists(
        pages.filter(Q(end__gte=cutoff) | Q(end__isnull=True))
    ) & ~Exists(occurrences.filter(end__gte=cutoff))
    # A date of a repeating event may be long over while the series goes on.
    candidates = (
        pending.exclude(occurrence_key="")
        .filter(Exists(pages))
        .values_list("event_key", "occurrence_key")
        .distinct()
    )
    ended = event_ended
    for key, occ_keys in _expired_dates(candidates, cutoff).items():
        ended |= Q(event_key=key, occurrence_key__in=occ_keys)
    return pending.filter(
        (Exists(pages) & ended) | (~Exists(pages) & Q(updated_at__lt=cutoff))
    )


def erase_expired(now=None):
    """Erase what the retention setting no longer allows to keep, in a fixed
    number of queries. Returns how many registrations were erased."""
    now = now or timezone.now()
    with transaction.atomic():
        erased = _erase_rows(expired(now), now, forget=False)
        # The e-mails of every erased registration: those just erased, and any
        # left of ones erased before (an e-mail queued as they were erased).
        forget_deliveries(Registration.objects.filter(erased_at__isnull=False))
        return erased


def of_address(email):
    """Every registration of one address, compared case-insensitively."""
    email = (email or "").strip() if isinstance(email, str) else ""
    if not email:
        raise ValueError("An e-mail address is needed to find its registrations.")
    return Registration.objects.filter(
        Q(email__iexact=email) | Q(parent__email__iexact=email)
    )


def erase_address(email, now=None):
    """Erase every registration of ``email`` (case-insensitive), in every event,
    and their session registrations: the right to erasure. Returns how many
    registrations were erased."""
    now = now or timezone.now()
    queryset = of_address(email)
    with transaction.atomic():
        _withdraw(queryset.order_by("parent_id", "pk"), now)
        return _erase_rows(queryset, now)
