"""What each kind of delivery (``outbox``) is built from: the builders the
package registers in ``apps.ready``. One line per kind, so that every e-mail
the package can send is listed here, and one label per kind in
``KIND_LABELS``: what the log of e-mails sent (``admin.deliveries``) calls it.
"""

from django.utils.translation import gettext_lazy as _

from . import alerts, change_emails, emails, group_messages, outbox, reminders


# The kind of every e-mail, in the organiser's words (the log, its filter). A
# kind without a label shows as its code.
KIND_LABELS = {
    "confirmation": _("Confirmation"),
    "already_registered": _("Already registered"),
    "promoted": _("Place from the waiting list"),
    "approved": _("Approval"),
    "declined": _("Registration declined"),
    "cancelled": _("Cancellation"),
    "cancelled_by_organiser": _("Cancelled by the organiser"),
    "changed": _("Registration changed"),
    "reminder": _("Reminder"),
    "change_notice": _("Change notice"),
    "group_message": _("Message to a group"),
    "organiser_alert": _("Alert for organisers"),
    "organiser_digest": _("Daily digest for organisers"),
}


def kind_label(kind):
    """The label of a kind of e-mail (``KIND_LABELS``), or its code."""
    return KIND_LABELS.get(kind, kind)


def registration_email(delivery):
    """A registration e-mail (``emails.KINDS``) to its registrant; nothing to a
    registration that is gone, erased or whose page was deleted."""
    registration = delivery.registration
    if registration is None or registration.erased_at or registration.page_id is None:
        return None
    return emails.build(delivery.kind, registration)


def register_builders():
    for kind in emails.KINDS:
        outbox.register_builder(kind, registration_email)
    outbox.register_builder(group_messages.KIND, group_messages.build)
    outbox.register_builder(reminders.KIND, reminders.build)
    outbox.register_builder(alerts.ALERT, alerts.build_alert)
    outbox.register_builder(alerts.DIGEST, alerts.build_digest)
    outbox.register_builder("change_notice", change_emails.build_delivery)
