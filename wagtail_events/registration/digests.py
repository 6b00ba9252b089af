"""The organisers' daily digest: once a day, for each registration form that asks
for it (``alert_digest``), what happened to its events in the day before.

``send_digests(now)``
    Run with everything else that is due (``due.send_due``). From
    ``WAGTAIL_EVENTS_DIGEST_HOUR`` (07:00 by default) in the site's
    ``TIME_ZONE``, it queues for each recipient of each such form one
    ``"organiser_digest"`` under the key ``digest:<form>:<local date>:<recipient>``
    (the form's translation key): however often it runs, from however many
    workers, a recipient gets one digest a day. The day covered is fixed by the
    date: from the digest hour the day before to the digest hour today (23 or 25
    hours when the clocks change), so that a late run tells the same as an early
    one and no registration is told twice. Nothing is queued for a form with
    nothing new in that day, nor for a form whose events are all over.

What it says (``summary``)
    One row per event and date that had news or has requests awaiting a
    decision: new registrations and cancellations in the day, requests
    awaiting approval, people waiting, places taken and left, and the link to
    the admin. A user who may see registrations also reads the names (and
    statuses) of the people who registered and cancelled; a plain address reads
    the counts only (``organisers``). Read with a fixed number of queries,
    whatever the number of registrations.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F, Max, Q
from django.utils import translation

from ..conf import events_settings
from ..localtime import get_zone, to_local
from ..models.messages import Delivery
from ..models.occurrences import Occurrence
from ..models.pages import EventPage
from ..models.registration import Registration, RegistrationForm, RegistrationStatus
from . import organisers, outbox
from .keys import occurrence_key
from .labels import display_name, when_label


DIGEST = "organiser_digest"
NEWS_FIELDS = (
    "event_key",
    "occurrence_key",
    "status",
    "name",
    "erased_at",
    "created_at",
    "updated_at",
)
S = RegistrationStatus


def window(now):
    """(local date, since, until) of the digest due at ``now``, or None before the
    digest hour. ``since`` and ``until`` are aware (UTC)."""
    zone = get_zone(settings.TIME_ZONE)
    local_now = to_local(now, settings.TIME_ZONE)
    hour = datetime.time(events_settings.DIGEST_HOUR)
    day = local_now.date()
    if local_now.time() < hour:
        return None

    def at(date):
        # A digest hour the clocks skip is taken as the same instant an hour on.
        return datetime.datetime.combine(date, hour, tzinfo=zone).astimezone(
            datetime.UTC
        )

    return day, at(day - datetime.timedelta(days=1)), at(day)


def digest_forms():
    """{form translation key: the form whose settings count} of the forms that
    ask for a digest, their users read along (two queries)."""
    keys = set(
        RegistrationForm.objects.filter(alert_digest=True).values_list(
            "translation_key", flat=True
        )
    )
    if not keys:
        return {}
    forms = {}
    for form in (
        RegistrationForm.objects.filter(translation_key__in=keys)
        .order_by("pk")
        .prefetch_related("alert_users")
    ):
        forms.setdefault(form.translation_key, form)
    return {key: form for key, form in forms.items() if form.alert_digest}


@dataclass
class Row:
    """What a digest says about one event (and date)."""

    page: EventPage
    when: str
    counts: organisers.Counts
    admin_url: str
    registered: list = field(default_factory=list)
    cancelled: list = field(default_factory=list)
    registered_count: int = 0
    cancelled_count: int = 0

    def __post_init__(self):
        self.registered_count = len(self.registered)
        self.cancelled_count = len(self.cancelled)

    @property
    def has_news(self):
        return bool(self.registered_count or self.cancelled_count)


def summary(form_keys, since, until, language=None):
    """{form translation key: [Row]} of the forms' events that are not over at
    ``until``, with the news between ``since`` and ``until``; pages in
    ``language`` where they have it. Six queries, whatever the numbers of
    events and registrations."""
    form_keys = set(form_keys)
    if not form_keys:
        return {}
    pages = list(
        EventPage.objects.filter(
            registration_form__translation_key__in=form_keys
        ).select_related("locale", "registration_form")
    )
    by_event = defaultdict(list)
    for page in pages:
        by_event[page.translation_key].append(page)
    ends = dict(
        Occurrence.objects.filter(page__in=pages)
        .values("page__translation_key")
        .annotate(last=Max("end"))
        .values_list("page__translation_key", "last")
    )
    moved = defaultdict(dict)
    for row in Occurrence.objects.filter(page__in=pages).exclude(
        start=F("original_start")
    ):
        moved[row.page_id][occurrence_key(row.original_start)] = row.start
    ahead = {}
    for key, translations in by_event.items():
        last = max(
            [p.end for p in translations if p.end] + [e for e in [ends.get(key)] if e],
            default=None,
        )
        if last is None or last > until:
            # The event in the reader's language, else its first translation.
            ahead[key] = next(
                (p for p in translations if p.locale.language_code == language),
                min(translations, key=lambda p: p.pk),
            )
    news = defaultdict(lambda: {"registered": [], "cancelled": []})
    pending = set()
    for registration in (
        Registration.objects.filter(event_key__in=ahead)
        .filter(
            Q(created_at__gte=since, created_at__lt=until)
            | Q(status=S.CANCELLED, updated_at__gte=since, updated_at__lt=until)
            | Q(status=S.AWAITING_APPROVAL)
        )
        # Never more of a person than a digest may show.
        .only(*NEWS_FIELDS)
    ):
        filed = (registration.event_key, registration.occurrence_key)
        if registration.status == S.AWAITING_APPROVAL:
            pending.add(filed)
        if since <= registration.created_at < until:
            news[filed]["registered"].append(registration)
        if (
            registration.status == S.CANCELLED
            and since <= registration.updated_at < until
        ):
            news[filed]["cancelled"].append(registration)
    # The events by title, each event's dates in their order.
    filed_keys = sorted(
        set(news) | pending, key=lambda k: (ahead[k[0]].title, str(k[0]), k[1])
    )
    forms = {k: ahead[k[0]].registration_form for k in filed_keys}
    counted = organisers.counts(forms, filed_keys)
    result = defaultdict(list)
    for filed in filed_keys:
        page = ahead[filed[0]]
        result[page.registration_form.translation_key].append(
            Row(
                page=page,
                when=when_label(page, filed[1], moved[page.pk]),
                counts=counted[filed],
                admin_url=organisers.admin_url(filed[0]),
                registered=news[filed]["registered"],
                cancelled=news[filed]["cancelled"],
            )
        )
    return result


def already_queued(keys):
    """The keys of ``keys`` written before: skipped in one query. Only a shortcut:
    the outbox's unique key is what keeps two callers from both sending."""
    return set(Delivery.objects.filter(key__in=keys).values_list("key", flat=True))


def send_digests(now):
    """Queue the digests due at ``now`` (see the module); returns how many."""
    due = window(now)
    if due is None:
        return 0
    day, since, until = due
    forms = digest_forms()
    if not forms:
        return 0
    rows = summary(forms, since, until)
    told = {
        key: form
        for key, form in forms.items()
        if any(row.has_news for row in rows.get(key, ()))
    }
    wanted = {}
    for key, form in told.items():
        for recipient in organisers.recipients(form):
            prefix = f"digest:{key}:{day.isoformat()}"
            wanted[organisers.delivery_key(prefix, recipient)] = (key, recipient)
    sent = already_queued(wanted)
    queued = 0
    for delivery_key, (key, recipient) in wanted.items():
        if delivery_key in sent:
            continue
        outbox.queue(
            DIGEST,
            None,
            to=recipient.address,
            key=delivery_key,
            params={
                "form": str(key),
                "date": day.isoformat(),
                "since": since.isoformat(),
                "until": until.isoformat(),
                **recipient.params(),
            },
        )
        queued += 1
    return queued


def _people(registrations, status=True):
    return [
        {
            "name": display_name(r),
            "status_label": r.get_status_display() if status else "",
        }
        for r in registrations
    ]


def build_digest(delivery):
    """The e-mail of an ``"organiser_digest"`` delivery; None when nothing is
    left to tell (the events were deleted or are over)."""
    params = delivery.params
    reader = organisers.reader(params)
    since = datetime.datetime.fromisoformat(params["since"])
    until = datetime.datetime.fromisoformat(params["until"])
    with translation.override(reader.language):
        form_key = organisers.as_uuid(params["form"])
        rows = summary([form_key], since, until, reader.language).get(form_key, [])
        if not any(row.has_news for row in rows):
            return None
        for row in rows:
            # Names only for who may read them in the admin (``organisers``).
            if reader.sees_people:
                row.registered = _people(row.registered)
                row.cancelled = _people(row.cancelled, status=False)
            else:
                row.registered = row.cancelled = []
        context = {
            "rows": rows,
            "date": datetime.date.fromisoformat(params["date"]),
            "since": to_local(since, settings.TIME_ZONE),
            "until": to_local(until, settings.TIME_ZONE),
            "sees_people": reader.sees_people,
        }
        return organisers.render_email(DIGEST, context, delivery.to)
