"""What each kind of delivery (``outbox``) is built from: the builders the
package registers in ``apps.ready``. One line per kind, so that every e-mail
the package can send is listed here; its label is in ``kinds``.
"""

from . import alerts, change_emails, emails, group_messages, outbox, reminders


def registration_email(delivery):
    """A registration e-mail (``emails.KINDS``) to its registrant; nothing to a
    registration that is gone, erased or whose page was deleted."""
    registration = emails.with_page(delivery.registration)
    if registration is None:
        return None
    registration.page = specific_page(registration.page)
    return emails.build(delivery.kind, registration, params=delivery.params)


def specific_page(page):
    """The specific page of ``page`` (an ``EventPage``) with its registration
    form, read in one query (``page.specific``, then its form, take two)."""
    model = page.specific_class
    if model is None or isinstance(page, model):
        return page
    found = model.objects.select_related("registration_form").filter(pk=page.pk)
    return found.first() or page.specific


def register_builders():
    for kind in emails.KINDS:
        outbox.register_builder(kind, registration_email)
    outbox.register_builder(group_messages.KIND, group_messages.build)
    outbox.register_builder(reminders.KIND, reminders.build)
    outbox.register_builder(alerts.ALERT, alerts.build_alert)
    outbox.register_builder(alerts.DIGEST, alerts.build_digest)
    outbox.register_builder("change_notice", change_emails.build_delivery)
