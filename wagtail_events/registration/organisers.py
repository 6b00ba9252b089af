"""The organisers a registration form tells (its panel "Tell the organisers"):
who they are, what each may read of a registrant, in which language, and the
counts and admin link every alert and digest carries.

Recipients (``recipients(form)``)
    The form's addresses, then its users (active, with an address): a user and
    an address that are the same mailbox are told once, as the user. The
    settings are read from the form's first translation (in practice the
    original), so that every language of the event tells the same people.

What a recipient may read (``reader(params)``)
    Exactly what the admin would show them: a user who may see registrations
    (``access.can_view``, asked when the e-mail is built, so that a
    permission taken away counts at once) reads the registrant's name and
    status; a plain address, or a user without that permission, reads only the
    event, what happened and the counts. Nobody reads an address, the answers
    or the accessibility needs in an alert: the admin link leads to them.

Language
    A user's Wagtail admin language (their preference), else the site's
    ``LANGUAGE_CODE``; a plain address, the site's ``LANGUAGE_CODE``.
"""

import hashlib
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.users.models import UserProfile

from ..conf import events_settings
from ..enums import HOLDS_A_PLACE, RegistrationStatus
from ..models.alerts import alert_addresses
from ..models.pages import EventPage
from ..models.registration import Registration, RegistrationForm
from .access import can_view, url
from .availability import availability
from .emails import one_line, tidy_text


S = RegistrationStatus
TEMPLATE_DIR = "wagtail_events/emails"


@dataclass(frozen=True)
class Recipient:
    """One organiser to tell: the address, and the user it belongs to (None for
    a plain address)."""

    address: str
    user_id: int | None = None

    @property
    def name(self):
        """What a digest's key calls this recipient: the user, or the address."""
        return f"user:{self.user_id}" if self.user_id else self.address.lower()

    def params(self):
        return {"user": self.user_id} if self.user_id else {}


def delivery_key(prefix, recipient):
    """A delivery key naming the recipient, short enough for the column."""
    key = f"{prefix}:{recipient.name}"
    if len(key) > 255:
        digest = hashlib.sha256(recipient.name.encode()).hexdigest()
        key = f"{prefix}:{digest}"
    return key


def render_email(kind, context, to):
    """An organiser's e-mail ``kind`` from its templates (``<kind>_subject.txt``,
    ``<kind>.txt``, ``<kind>.html``), in the active language."""
    subject = one_line(render_to_string(f"{TEMPLATE_DIR}/{kind}_subject.txt", context))
    message = EmailMultiAlternatives(
        subject=subject,
        body=tidy_text(render_to_string(f"{TEMPLATE_DIR}/{kind}.txt", context)),
        from_email=events_settings.EMAIL_FROM,
        to=[to],
        headers={"Content-Language": translation.get_language()},
    )
    message.attach_alternative(
        render_to_string(f"{TEMPLATE_DIR}/{kind}.html", context), "text/html"
    )
    return message


def settings_form(form):
    """The translation of ``form`` whose alert settings count: the first one."""
    if form is None:
        return None
    return (
        RegistrationForm.objects.filter(translation_key=form.translation_key)
        .order_by("pk")
        .first()
    )


def recipients(form):
    """The organisers ``form`` tells (see the module), read with one query for
    its users."""
    by_address = {}
    # A bad line saved before it was checked must not stop the others.
    for address in alert_addresses(form.alert_emails, strict=False):
        by_address[address.lower()] = Recipient(address)
    for user in form.alert_users.all():
        address = (getattr(user, user.get_email_field_name(), "") or "").strip()
        if not address or not user.is_active:
            continue
        by_address[address.lower()] = Recipient(address, user.pk)
    return list(by_address.values())


@dataclass(frozen=True)
class Reader:
    """What one recipient may read, and in which language."""

    sees_people: bool
    language: str


def _supported(language):
    if language:
        try:
            return translation.get_supported_language_variant(language)
        except LookupError:
            pass
    return settings.LANGUAGE_CODE


def reader(params):
    """The ``Reader`` of a delivery's recipient (its ``params``): a user who is
    gone or no longer active reads as a plain address."""
    user_id = params.get("user")
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    if user is None:
        return Reader(sees_people=False, language=_supported(""))
    preferred = (
        UserProfile.objects.filter(user=user)
        .values_list("preferred_language", flat=True)
        .first()
    )
    return Reader(sees_people=can_view(user), language=_supported(preferred))


def admin_url(event_key):
    """The full address of the event's counts in the admin."""
    base = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")
    return base + url("summary", event_key)


def event_page(event_key, language):
    """The event's page in ``language`` if it has one, else its first."""
    pages = EventPage.objects.filter(translation_key=event_key)
    return (
        pages.filter(locale__language_code=language).first()
        or pages.order_by("pk").first()
    )


@dataclass(frozen=True)
class Counts:
    """The organiser's counts of one event or date, now."""

    capacity: int | None
    taken: int
    places_left: int | None
    waiting: int
    awaiting_approval: int


def counts(form, filed):
    """{(event key, occurrence key): Counts} of every event and date in
    ``filed`` (its keys), in one query whatever the number of registrations.
    ``form``: {filed: registration form} or one form for all."""
    event_keys = {key for key, _occ in filed}
    rows = {}
    if event_keys:
        rows = {
            (row["event_key"], row["occurrence_key"]): row
            for row in Registration.objects.filter(event_key__in=event_keys)
            .values("event_key", "occurrence_key")
            .annotate(
                taken=Count("pk", filter=Q(status__in=HOLDS_A_PLACE)),
                waiting=Count("pk", filter=Q(status=S.WAITING)),
                awaiting=Count("pk", filter=Q(status=S.AWAITING_APPROVAL)),
            )
            .order_by()
        }
    result = {}
    for keys in filed:
        key, occ_key = keys
        row = rows.get((as_uuid(key), occ_key), {})
        taken, waiting_count = row.get("taken", 0), row.get("waiting", 0)
        this_form = form.get(keys) if isinstance(form, dict) else form
        places = availability(this_form, taken, waiting_count) if this_form else None
        result[keys] = Counts(
            capacity=places.capacity if places else None,
            taken=taken,
            places_left=places.places_left if places else None,
            waiting=waiting_count,
            awaiting_approval=row.get("awaiting", 0),
        )
    return result


def as_uuid(key):
    """A key as the UUID the database gives back."""
    return key if isinstance(key, uuid.UUID) else uuid.UUID(str(key))
