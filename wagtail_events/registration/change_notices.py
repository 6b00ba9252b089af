"""Change and cancellation notices: when a published change alters what an
event's registrants know (``event_facts``), they are told, once an editor
confirms it.

``record_publish(page)``
    Called on every publish of an event page (``signal_handlers``): the editor's,
    scheduled publishing, a workflow's and a translation's. Compares the page's
    facts with those its registrants were last told (``CalendarSequence.told``,
    shared by the translations). When they differ and someone is to be told,
    a pending ``Message(kind="change_notice")`` holds the facts before and after
    (one per event: a newer publish updates "after" and keeps "before"; a
    publish that puts everything back removes it). Without a "before" (the first
    publish) or anyone to tell, the facts are simply recorded.

``audience(notice)``
    Who is told: the event's registrations holding a place, waiting, or
    awaiting approval (never cancelled, declined or erased ones), for the whole
    event or for a date that changed, registered before the change was
    published (later ones read the new facts in their confirmation). One per
    e-mail address: a person registered twice for the event (on their own and
    with a conference) is told once. A conference's sessions have notices of
    their own: their registrations, those chosen with a conference included,
    are told only when the session changed.

``send(notice, user)`` / ``dismiss(notice, user)``
    The editor's decision: one delivery per person through the outbox (keyed,
    so that confirming twice sends nothing twice), or none; either way the new
    facts become what registrants know.
"""

from django.db import transaction
from django.utils import timezone

from ..enums import is_series
from ..models import CalendarSequence, Registration, RegistrationStatus
from ..models.messages import Message
from . import event_facts, outbox


KIND = "change_notice"
S = RegistrationStatus
# The people told, and the order of their groups on the confirmation screen.
TOLD = (S.CONFIRMED, S.ATTENDED, S.WAITING, S.AWAITING_APPROVAL)
_RANK = {status: rank for rank, status in enumerate(TOLD)}


def pending_notices():
    """The notices awaiting an editor's decision, newest first."""
    return Message.objects.filter(kind=KIND, sent_at=None).exclude(
        data__has_key="dismissed_at"
    )


def pending_notice(event_key):
    return pending_notices().filter(event_key=event_key).order_by("pk").first()


def is_pending(notice):
    return (
        notice.kind == KIND
        and notice.sent_at is None
        and "dismissed_at" not in notice.data
    )


def _told_registrations(event_key):
    return Registration.objects.filter(
        event_key=event_key, status__in=TOLD, erased_at=None
    )


def record_publish(page, now=None):
    """Compare the published ``page``'s facts with what its registrants know;
    returns the pending notice, or None."""
    if is_series(page):
        # A series' dates are its meetings'; each meeting is told of its own.
        return None
    now = now or timezone.now()
    after = event_facts.facts_of(page)
    key = page.translation_key
    with transaction.atomic():
        record, _created = CalendarSequence.objects.select_for_update().get_or_create(
            translation_key=key, defaults={"fingerprint": ""}
        )
        notice = (
            Message.objects.select_for_update()
            .filter(pk__in=pending_notices().filter(event_key=key).values("pk"))
            .first()
        )
        if notice is not None and not event_facts.differences(
            notice.data["after"], after
        ):
            # The same change published again, or in another language (a
            # translation follows its source): its place line joins "after".
            fuller = event_facts.merged(notice.data["after"], after)
            if fuller != notice.data["after"]:
                notice.data["after"] = fuller
                notice.save(update_fields=["data"])
            return notice
        before = notice.data["before"] if notice is not None else record.told
        changes = event_facts.differences(before, after)
        if not changes or not _told_registrations(key).exists():
            if notice is not None:
                notice.delete()
            # Nothing they know changed (or nobody to tell): what is published
            # is what registrants know, their confirmations say so.
            told = (
                event_facts.merged(before, after) if before and not changes else after
            )
            if record.told != told:
                record.told = told
                record.save(update_fields=["told"])
            return None
        data = {
            "before": before,
            "after": after,
            "sequence": record.sequence,
            "changed_at": now.isoformat(),
        }
        if notice is None:
            notice = Message.objects.create(
                kind=KIND, event_key=key, page=page, data=data
            )
        else:
            notice.data.update(data)
            notice.page = page
            notice.save(update_fields=["data", "page"])
    return notice


def changes_of(notice):
    return event_facts.differences(notice.data.get("before"), notice.data.get("after"))


def audience(notice):
    """The registrations told of ``notice``, one per e-mail address, in a fixed
    number of queries (with their pages)."""
    changes = changes_of(notice)
    if not changes:
        return []
    registrations = _told_registrations(notice.event_key).select_related("page")
    changed_at = notice.data.get("changed_at")
    if changed_at:
        registrations = registrations.filter(created_at__lt=changed_at)
    if not changes.event:
        registrations = registrations.filter(occurrence_key__in=list(changes.dates))
    chosen = {}
    for registration in registrations.order_by("pk"):
        address = registration.email.casefold()
        held = chosen.get(address)
        if held is None or _RANK[registration.status] < _RANK[held.status]:
            chosen[address] = registration
    return sorted(chosen.values(), key=lambda r: r.pk)


def _settle(notice, user, now, **data):
    """The registrants now know the notice's "after"; the notice is decided."""
    notice.data.update(data, decided_by=getattr(user, "pk", None))
    CalendarSequence.objects.filter(translation_key=notice.event_key).update(
        told=notice.data["after"]
    )


def send(notice, user=None, now=None):
    """Queue one notice per person told; returns how many (None if the notice
    was decided already)."""
    now = now or timezone.now()
    with transaction.atomic():
        notice = Message.objects.select_for_update().get(pk=notice.pk)
        if not is_pending(notice):
            return None
        people = audience(notice)
        for registration in people:
            outbox.queue(
                KIND,
                registration,
                message=notice,
                key=f"notice:{notice.pk}:{registration.pk}",
            )
        notice.sent_at = now
        _settle(notice, user, now, recipients=len(people))
        notice.save(update_fields=["sent_at", "data"])
    return len(people)


def dismiss(notice, user=None, now=None):
    """Tell no one; returns whether the notice was still pending."""
    now = now or timezone.now()
    with transaction.atomic():
        notice = Message.objects.select_for_update().get(pk=notice.pk)
        if not is_pending(notice):
            return False
        _settle(notice, user, now, dismissed_at=now.isoformat())
        notice.save(update_fields=["data"])
    return True
