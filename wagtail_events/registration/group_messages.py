"""Messages to a group: what an organiser writes, from an event's registrations
in the admin, to everyone registered or to one group of them (holding a place,
waiting, awaiting approval, attended, no-show), for the whole event, one date
of it, or one session of a conference.

``AUDIENCES``, ``recipients(audience)``: who is in a group, one registration per
e-mail address (without letter case; the earliest stands for the person), never
an erased one. "Everyone" is the people still registered (holding a place,
waiting, awaiting approval); a session's group holds the people who registered
on its page and those who chose it with the conference. ``is_no_show``: the one
rule of a no-show.

The placeholders of its subject and text are ``placeholders``'.

``send(...)`` writes the ``Message`` and, once the transaction commits, hands it
to the task ``tasks.queue_group_message``, which runs ``queue_deliveries``: one
``Delivery`` per recipient, ``BATCH_SIZE`` to a transaction, under the key
``group:<message>:<registration>`` (a task run twice writes nothing twice);
``queue_unfinished`` (``due.send_due``) runs it again for a lost task.

``build(delivery)``: the e-mail, to that registrant only, in their language (the
frame), the organiser's subject and text as written with the placeholders
filled for them; ``Reply-To`` if the organiser gave one.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..enums import HOLDS_A_PLACE, RegistrationStatus
from ..models.messages import Message
from ..models.occurrences import Occurrence
from ..models.pages import EventPage
from ..models.registration import Registration
from . import emails, outbox
from .keys import link_token, occurrence_key, occurrence_start
from .placeholders import (
    PERSONAL_PLACEHOLDERS,
    UnknownPlaceholder,
    fill,
    placeholders_in,
)


KIND = "group_message"
BATCH_SIZE = 200
# A task that has not written a message's deliveries after this long was lost.
STALE_AFTER = datetime.timedelta(minutes=15)
SUBJECT_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 20_000

S = RegistrationStatus


@dataclass(frozen=True)
class AudienceKind:
    label: str
    statuses: tuple


AUDIENCES = {
    "all": AudienceKind(
        _("Everyone registered (holding a place, waiting or awaiting approval)"),
        (S.CONFIRMED, S.ATTENDED, S.WAITING, S.AWAITING_APPROVAL),
    ),
    "confirmed": AudienceKind(_("Holding a place"), HOLDS_A_PLACE),
    "waiting": AudienceKind(_("On the waiting list"), (S.WAITING,)),
    "awaiting_approval": AudienceKind(_("Awaiting approval"), (S.AWAITING_APPROVAL,)),
    "attended": AudienceKind(_("Attended"), (S.ATTENDED,)),
    "no_show": AudienceKind(
        _("No-shows (held a place, not marked attended, the event has begun)"),
        (S.CONFIRMED,),
    ),
}

# Who is in a group


def is_no_show(registration, start, now):
    """Held a place and was not marked attended, and the event (or the date) has
    begun at ``start`` (None: its date is not known, so it has not begun)."""
    return registration.status == S.CONFIRMED and start is not None and start <= now


def date_starts(page, keys):
    """{occurrence key: start} of the given dates of ``page`` (a moved date at its
    new time; "" is the event itself), in one query."""
    starts = {key: occurrence_start(key) for key in keys if key}
    if page is None:
        return {"": None, **starts}
    for row in Occurrence.objects.filter(
        page_id=page.pk, original_start__in=[s for s in starts.values() if s]
    ).only("original_start", "start"):
        starts[occurrence_key(row.original_start)] = row.start
    return {"": page.start, **starts}


@dataclass(frozen=True)
class Audience:
    """A group of one event: ``who`` (a key of ``AUDIENCES``), and optionally one
    date of it (``occurrence_key``) or, at a conference, one of its sessions
    (``session_key``)."""

    event_key: object
    who: str = "all"
    occurrence_key: str | None = None
    session_key: object = None

    def as_data(self):
        return {
            "audience": self.who,
            "occurrence_key": self.occurrence_key,
            "session_key": str(self.session_key) if self.session_key else None,
        }

    @classmethod
    def from_message(cls, message):
        data = message.data or {}
        return cls(
            event_key=message.event_key,
            who=data.get("audience", "all"),
            occurrence_key=data.get("occurrence_key"),
            session_key=data.get("session_key"),
        )


def recipients(audience, now=None, registered_before=None):
    """The registrations the group's e-mails go to, one per address, in order of
    name. A fixed number of queries, whatever the number of people."""
    now = now or timezone.now()
    kind = AUDIENCES[audience.who]
    key = audience.session_key or audience.event_key
    rows = Registration.objects.filter(
        event_key=key, status__in=kind.statuses, erased_at__isnull=True
    ).select_related("page")
    if audience.occurrence_key is not None:
        rows = rows.filter(occurrence_key=audience.occurrence_key)
    if registered_before is not None:
        rows = rows.filter(created_at__lte=registered_before)
    rows = list(rows.order_by("created_at", "pk"))
    if audience.who == "no_show":
        # The page that stands for the event: the first of its translations.
        page = EventPage.objects.filter(translation_key=key).order_by("pk").first()
        starts = date_starts(page, {r.occurrence_key for r in rows})
        rows = [r for r in rows if is_no_show(r, starts.get(r.occurrence_key), now)]
    people = {}
    for registration in rows:
        people.setdefault(registration.email.casefold(), registration)
    return sorted(people.values(), key=lambda r: (r.name.casefold(), r.pk))


def dates(event_key):
    """The occurrence keys of an event's dates with registrations, in order."""
    return list(
        Registration.objects.filter(event_key=event_key, erased_at__isnull=True)
        .exclude(occurrence_key="")
        .order_by("occurrence_key")
        .values_list("occurrence_key", flat=True)
        .distinct()
    )


def sessions(conference_key):
    """(event key, title) of a conference's sessions that have registrations:
    chosen with the conference, or made on the session's page (under any
    translation of the conference), by title."""
    conferences = list(
        EventPage.objects.filter(translation_key=conference_key).only("path", "depth")
    )
    if not conferences:
        return []
    under = Q()
    for page in conferences:
        under |= Q(path__startswith=page.path, depth__gt=page.depth)
    keys = set(
        Registration.objects.filter(
            Q(parent__event_key=conference_key)
            | Q(event_key__in=EventPage.objects.filter(under).values("translation_key"))
        )
        .filter(erased_at__isnull=True)
        .values_list("event_key", flat=True)
        .distinct()
    )
    return sessions_named(keys)


def sessions_named(keys):
    """(event key, title) of the given events, by title (the title of their first
    translation), in one query."""
    titles = {}
    for page in (
        EventPage.objects.filter(translation_key__in=keys)
        .only("translation_key", "title")
        .order_by("-pk")
    ):
        titles[str(page.translation_key)] = page.title  # the first translation wins
    return sorted(
        ((str(key), titles.get(str(key), str(key))) for key in keys),
        key=lambda item: item[1].casefold(),
    )


# Sending


def send(audience, page, subject, body, user, reply_to="", now=None):
    """Write the message and queue its deliveries in the background, once the
    transaction commits. Returns the ``Message``."""
    if placeholders_in(subject) & set(PERSONAL_PLACEHOLDERS):
        raise UnknownPlaceholder(sorted(PERSONAL_PLACEHOLDERS))
    placeholders_in(body)
    now = now or timezone.now()
    message = Message.objects.create(
        kind=KIND,
        event_key=audience.event_key,
        page=page,
        subject=subject,
        body=body,
        data={**audience.as_data(), "reply_to": reply_to},
        created_by=user if user is not None and user.is_authenticated else None,
        sent_at=now,
    )
    message_id = message.pk
    transaction.on_commit(lambda: _hand_over(message_id), robust=True)
    return message


_enqueue = None


def set_enqueue(enqueue):
    """``enqueue(message_id)`` hands a message to the task queue; set by the
    wiring (``signal_handlers``), so that this module needs no task."""
    global _enqueue
    _enqueue = enqueue


def _hand_over(message_id):
    if _enqueue is None:
        queue_deliveries(message_id)
    else:
        _enqueue(message_id)


def queue_deliveries(message_id, now=None):
    """Write one delivery per recipient of the message (registered before it was
    sent), in batches, each in its own transaction. Safe to run twice. Returns
    how many recipients it has."""
    message = Message.objects.filter(pk=message_id, kind=KIND).first()
    if message is None or message.sent_at is None:
        return 0
    people = recipients(
        Audience.from_message(message),
        now=message.sent_at,
        registered_before=message.sent_at,
    )
    for start in range(0, len(people), BATCH_SIZE):
        batch = people[start : start + BATCH_SIZE]
        keys = {f"group:{message.pk}:{registration.pk}" for registration in batch}
        with transaction.atomic():
            written = set(
                message.deliveries.filter(key__in=keys).values_list("key", flat=True)
            )
            for registration in batch:
                key = f"group:{message.pk}:{registration.pk}"
                if key not in written:
                    outbox.queue(
                        KIND,
                        registration,
                        message=message,
                        key=key,
                        # A session's people are written to from the conference.
                        event_key=message.event_key,
                    )
    message.data = {
        **message.data,
        "recipients": len(people),
        "queued_at": (now or timezone.now()).isoformat(),
    }
    message.save(update_fields=["data"])
    return len(people)


def queue_unfinished(now=None):
    """Queue again the messages whose task was lost (sent a while ago, their
    deliveries not all written). Returns how many."""
    now = now or timezone.now()
    lost = list(
        Message.objects.filter(kind=KIND, sent_at__lt=now - STALE_AFTER)
        .exclude(data__has_key="queued_at")
        .values_list("pk", flat=True)
    )
    for message_id in lost:
        queue_deliveries(message_id, now)
    return len(lost)


# The e-mail


def registrant_link(registration):
    """The registrant's own link: a session chosen with a conference is managed
    through the conference registration, whose link is the one they have."""
    owner = registration
    parent = registration.parent
    if parent is not None and parent.page_id is not None and not parent.erased_at:
        owner = parent
    page = owner.page.specific
    page_url = page.get_full_url() or ""
    if not page_url:
        return ""
    return page_url + page.reverse_subpage(
        "your_registration", args=[link_token(owner)]
    )


def values_for(context):
    """The placeholders' values for one registrant, from their e-mail context
    (read in their language)."""
    when = render_to_string(f"{emails.TEMPLATE_DIR}/includes/when.txt", context)
    return {
        "name": context["name"],
        "event": context["page"].title,
        "date": emails.one_line(when),
        "place": context["place"] or context["online_url"] or "",
        "link": context["cancel_url"],
    }


def render(message, registration, preview=False):
    """The e-mail of ``message`` for ``registration`` (with its page), not sent;
    for the organiser's ``preview``, without the registrant's own link (which
    would let its reader change or cancel their registration)."""

    def extra(context):
        link = registrant_link(registration)
        if preview and link:
            link = "[" + gettext("the registrant’s own link") + "]"
        values = values_for({**context, "cancel_url": link})
        return {
            "cancel_url": link,
            "group_subject": emails.one_line(fill(message.subject, values)),
            "group_text": fill(message.body, values).strip(),
            # The form's confirmation text belongs to the confirmation e-mail.
            "email_text": "",
        }

    email = emails.build(KIND, registration, extra=extra)
    reply_to = (message.data or {}).get("reply_to")
    if reply_to:
        email.reply_to = [reply_to]
    return email


def build(delivery):
    """The builder of group-message deliveries (``deliveries``): nothing to a
    registration erased or gone since, or without a page."""
    registration = emails.with_page(delivery.registration)
    if registration is None or delivery.message is None:
        return None
    return render(delivery.message, registration)
