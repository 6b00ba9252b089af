"""What each kind of delivery (``outbox``) is built from: the builders the
package registers in ``apps.ready``. One line per kind, so that every e-mail
the package can send is listed here, and one label per kind in
``KIND_LABELS``: what the log of e-mails sent (``admin.deliveries``) calls it.
"""

from django.utils.translation import gettext_lazy as _

from . import emails, outbox


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
