"""The kinds of e-mail the package sends, in the organiser's words: what the log
of e-mails sent (``admin.deliveries``) calls each. Apart from the builders
(``deliveries``), so that the admin reads the labels without importing what
builds the e-mails.
"""

from django.utils.translation import gettext_lazy as _


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
