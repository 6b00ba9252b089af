"""Alerts for organisers: the people a registration form names (its panel "Tell
the organisers", ``organisers``) hear of each new request awaiting approval,
each new registration, each cancellation, or once a day of all of them
(``send_digests``, in ``digests``).

``registration_changed(kind, registration)``
    Called by the package's receiver of ``registration_email_due``
    (``signal_handlers.enqueue_registration_email``), which sees every e-mail
    due to a registrant, once the change committed: ``"confirmation"`` (a new
    registration, whatever its outcome) and ``"cancelled"`` /
    ``"cancelled_by_organiser"`` alert; the other kinds do not. The writer
    knows nothing of alerts. Each recipient gets one ``"organiser_alert"``
    delivery, under a key (the registration, what happened, the recipient), so
    that the same change never alerts anyone twice.

What an alert says (``build_alert``)
    The event and its date, what happened (a new request awaits approval, a new
    registration, a cancellation by the registrant or the organiser), the counts
    as they are when it is sent (places taken and left, waiting, awaiting
    approval) and the link to the event's counts in the admin. A user who may
    see registrations also reads the registrant's name and status; nobody reads
    the address, the answers or the accessibility needs (``organisers``). The
    delivery stores the registration's id, never its name: an erased
    registration is told as "Erased".
"""

from django.utils import translation

from ..models.registration import Registration, RegistrationStatus
from . import digests, organisers, outbox
from .labels import display_name, when_label


ALERT = "organiser_alert"
DIGEST = digests.DIGEST

# What happened, by the registrant's e-mail that is due.
REGISTERED = "confirmation"
CANCELLED = ("cancelled", "cancelled_by_organiser")


def what_happened(kind, registration, form):
    """``"request"``, ``"registration"`` or ``"cancellation"`` if ``form`` (its
    alert settings) asks to be told of it, else None."""
    if kind == REGISTERED:
        if registration.status == RegistrationStatus.AWAITING_APPROVAL:
            if form.alert_requests or form.alert_registrations:
                return "request"
            return None
        return "registration" if form.alert_registrations else None
    if kind in CANCELLED and form.alert_cancellations:
        return "cancellation"
    return None


def registration_changed(kind, registration):
    """Alert the organisers the registration's form names of ``kind`` (the
    registrant's e-mail that is due). Returns the deliveries queued."""
    if kind != REGISTERED and kind not in CANCELLED:
        return []
    page = registration.page if registration.page_id else None
    if page is None:
        return []
    form = organisers.settings_form(page.registration_form)
    if form is None:
        return []
    what = what_happened(kind, registration, form)
    if what is None:
        return []
    params = {
        "what": what,
        "registration": registration.pk,
        "occurrence_key": registration.occurrence_key,
        "by_organiser": kind == "cancelled_by_organiser",
    }
    return [
        outbox.queue(
            ALERT,
            None,
            to=recipient.address,
            event_key=registration.event_key,
            key=organisers.delivery_key(f"alert:{what}:{registration.pk}", recipient),
            params={**params, **recipient.params()},
        )
        for recipient in organisers.recipients(form)
    ]


def build_alert(delivery):
    """The e-mail of an ``"organiser_alert"`` delivery; None when its event is
    gone."""
    params = delivery.params
    reader = organisers.reader(params)
    with translation.override(reader.language):
        page = organisers.event_page(delivery.event_key, reader.language)
        if page is None:
            return None
        occ_key = params.get("occurrence_key", "")
        form = page.registration_form
        filed = (delivery.event_key, occ_key)
        person = None
        if reader.sees_people:
            registration = Registration.objects.filter(
                pk=params.get("registration")
            ).first()
            if registration is not None:
                person = {
                    "name": display_name(registration),
                    "status_label": registration.get_status_display(),
                }
        context = {
            "what": params.get("what"),
            "by_organiser": params.get("by_organiser", False),
            "page": page,
            "when": when_label(page, occ_key),
            "counts": organisers.counts(form, [filed])[filed],
            "person": person,
            "admin_url": organisers.admin_url(delivery.event_key),
        }
        return organisers.render_email(ALERT, context, delivery.to)


def send_digests(now):
    """Queue the daily digests due at ``now`` (see ``digests``); returns how many
    were queued."""
    return digests.send_digests(now)


build_digest = digests.build_digest
