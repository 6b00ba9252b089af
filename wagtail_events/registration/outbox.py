"""The outbox: every e-mail the package sends is first written down as a
``Delivery``, then sent by a task, retried a bounded number of times, and its
fate kept (sent, failed, not sent), so that the organiser sees every message in
one place and nothing is lost or sent twice.

``queue(kind, ...)``
    Write one e-mail down and, once the transaction commits, hand it to the task
    ``tasks.deliver_message``. With ``key=``, the e-mail is written once
    however often it is queued (a reminder, by registration, date and offset):
    the unique key is the guard, so two workers or a restart cannot double it.

``deliver(delivery_id)``
    Claim the delivery (one conditional UPDATE: only one worker wins it), build
    the e-mail with the builder registered for its kind, send it, and mark it
    sent. A mail server that fails is tried again after ``RETRY_DELAYS``
    (``WAGTAIL_EVENTS_DELIVERY_ATTEMPTS`` attempts in all), then the delivery
    is marked failed and shows in the admin. A builder that returns None (the
    registration was erased, its page deleted) marks it "not sent".

``retry_due(now)``
    Run by ``tasks.send_due_messages`` every few minutes: hands the deliveries
    whose next attempt is due to the task queue again (the immediate backend
    and backends that cannot defer a task rely on it), and marks failed a
    delivery left "being sent" by a worker that stopped (it may have gone out:
    it is not sent again, the organiser may send it again from the log).

Builders: ``register_builder(kind, build)``, where ``build(delivery)`` returns
an ``EmailMessage`` (or None: nothing to send). The package registers its own
in ``apps.ready`` (``registration.deliveries.register_builders``).
"""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from ..conf import events_settings
from ..models.messages import Delivery, DeliveryStatus


logger = logging.getLogger(__name__)

# Wait before the second, third, ... attempt.
RETRY_DELAYS = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=10),
    datetime.timedelta(hours=1),
    datetime.timedelta(hours=6),
)
# A delivery "being sent" for longer than this was left by a worker that stopped.
STALE_AFTER = datetime.timedelta(minutes=15)

_BUILDERS = {}
_enqueue = None


def register_builder(kind, build):
    """``build(delivery)`` makes the e-mail of deliveries of ``kind``."""
    _BUILDERS[kind] = build


def builder(kind):
    try:
        return _BUILDERS[kind]
    except KeyError:
        raise LookupError(f"No e-mail builder registered for {kind!r}.") from None


def set_enqueue(enqueue):
    """``enqueue(delivery_id)`` hands a delivery to the task queue; set by the
    wiring (``signal_handlers``), so that this module needs no task."""
    global _enqueue
    _enqueue = enqueue


def _hand_over(delivery_id):
    if _enqueue is None:
        deliver(delivery_id)
        return
    try:
        _enqueue(delivery_id)
    except Exception:
        # The row stays queued: ``retry_due`` hands it over again.
        logger.exception("Could not enqueue delivery %s", delivery_id)


def queue(
    kind,
    registration=None,
    *,
    to="",
    key=None,
    message=None,
    event_key=None,
    params=None,
):
    """Write one e-mail down and send it once the transaction commits. Returns
    the ``Delivery``; with ``key``, the one written before if there is one (then
    nothing more is sent)."""
    if kind not in _BUILDERS:
        raise LookupError(f"No e-mail builder registered for {kind!r}.")
    if event_key is None and registration is not None:
        event_key = registration.event_key
    fields = {
        "kind": kind,
        "registration": registration,
        "to": to,
        "message": message,
        "event_key": event_key,
        "params": params or {},
    }
    if key is not None:
        existing = Delivery.objects.filter(key=key).first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                delivery = Delivery.objects.create(key=key, **fields)
        except IntegrityError:
            # Another worker wrote it a moment ago: theirs goes, this one not.
            return Delivery.objects.get(key=key)
    else:
        delivery = Delivery.objects.create(**fields)
    delivery_id = delivery.pk
    transaction.on_commit(lambda: _hand_over(delivery_id), robust=True)
    return delivery


def _claim(delivery_id, now):
    """Mark the delivery being sent, if it is still to send and due; True if this
    caller won it (one UPDATE: two workers cannot both win)."""
    due = Q(status=DeliveryStatus.QUEUED) | Q(
        status=DeliveryStatus.RETRYING, next_attempt_at__lte=now
    )
    return bool(
        Delivery.objects.filter(due, pk=delivery_id).update(
            status=DeliveryStatus.SENDING,
            attempts=F("attempts") + 1,
            updated_at=now,
        )
    )


def deliver(delivery_id, now=None):
    """Send one delivery if it is due and nobody else is sending it. Returns its
    status afterwards (or None if there is no such delivery)."""
    now = now or timezone.now()
    if not _claim(delivery_id, now):
        return (
            Delivery.objects.filter(pk=delivery_id)
            .values_list("status", flat=True)
            .first()
        )
    # The registration's page with it: what a registration e-mail is about.
    delivery = Delivery.objects.select_related("registration__page", "message").get(
        pk=delivery_id
    )
    try:
        email = builder(delivery.kind)(delivery)
    except Exception as error:
        # A message that cannot be built will not build better later.
        logger.exception("Could not build delivery %s", delivery_id)
        return _finish(delivery, DeliveryStatus.FAILED, error=error)
    if email is None:
        return _finish(delivery, DeliveryStatus.SKIPPED)
    subject = str(email.subject)[:255]
    try:
        email.send()
    except Exception as error:
        logger.warning("Delivery %s failed: %s", delivery_id, error)
        return _failed_attempt(delivery, error, now, subject)
    return _finish(delivery, DeliveryStatus.SENT, subject=subject, sent_at=now)


def _finish(delivery, status, *, error=None, subject=None, sent_at=None):
    fields = {"status": status}
    if error is not None:
        fields["last_error"] = _describe(error)
    if subject is not None:
        fields["subject"] = subject
    if sent_at is not None:
        fields.update(sent_at=sent_at, next_attempt_at=None)
    return _settle(delivery, fields)


def _failed_attempt(delivery, error, now, subject):
    fields = {"subject": subject, "last_error": _describe(error)}
    if delivery.attempts >= events_settings.DELIVERY_ATTEMPTS:
        fields.update(status=DeliveryStatus.FAILED, next_attempt_at=None)
    else:
        delay = RETRY_DELAYS[min(delivery.attempts, len(RETRY_DELAYS)) - 1]
        fields.update(status=DeliveryStatus.RETRYING, next_attempt_at=now + delay)
    return _settle(delivery, fields)


def _settle(delivery, fields):
    """Write the outcome of this attempt, only if the delivery is still this
    attempt's: ``retry_due`` may have marked a slow attempt failed and the
    organiser sent it again meanwhile, and the newer attempt's outcome wins."""
    Delivery.objects.filter(
        pk=delivery.pk, status=DeliveryStatus.SENDING, attempts=delivery.attempts
    ).update(updated_at=timezone.now(), **fields)
    for name, value in fields.items():
        setattr(delivery, name, value)
    return fields["status"]


def _describe(error):
    return f"{type(error).__name__}: {error}"[:2000]


def retry_due(now=None):
    """Hand every delivery whose (next) attempt is due to the task queue again,
    and mark failed the ones a stopped worker left being sent. Returns how many
    were handed over."""
    now = now or timezone.now()
    Delivery.objects.filter(
        status=DeliveryStatus.SENDING, updated_at__lt=now - STALE_AFTER
    ).update(
        status=DeliveryStatus.FAILED,
        last_error="The worker stopped while sending; not sent again, so that "
        "nobody gets it twice.",
        updated_at=now,
    )
    condition = Q(status=DeliveryStatus.RETRYING, next_attempt_at__lte=now) | Q(
        # Queued (or sent again) a while ago and still not picked up: the task
        # was lost.
        status=DeliveryStatus.QUEUED,
        updated_at__lt=now - STALE_AFTER,
    )
    due = list(Delivery.objects.filter(condition).values_list("pk", flat=True))
    # Handed over now: queued as of now, so that the next run, minutes later,
    # does not hand them over again while a busy worker is still behind.
    Delivery.objects.filter(condition, pk__in=due).update(
        status=DeliveryStatus.QUEUED, updated_at=now
    )
    for delivery_id in due:
        _hand_over(delivery_id)
    return len(due)


def send_again(delivery, now=None):
    """The organiser sends a failed (or not sent) delivery again: a new attempt
    at once, the count of attempts starting over."""
    now = now or timezone.now()
    updated = Delivery.objects.filter(
        pk=delivery.pk,
        status__in=(DeliveryStatus.FAILED, DeliveryStatus.SKIPPED),
    ).update(
        status=DeliveryStatus.QUEUED,
        attempts=0,
        next_attempt_at=None,
        updated_at=now,
    )
    if updated:
        delivery_id = delivery.pk
        transaction.on_commit(lambda: _hand_over(delivery_id), robust=True)
    return bool(updated)
