"""What each kind of delivery (``outbox``) is built from: the builders the
package registers in ``apps.ready``. One line per kind, so that every e-mail
the package can send is listed here.
"""

from . import emails, outbox


def registration_email(delivery):
    """A registration e-mail (``emails.KINDS``) to its registrant; nothing to a
    registration that is gone, erased or whose page was deleted."""
    registration = delivery.registration
    if registration is None or registration.erased_at or registration.page_id is None:
        return None
    return emails.build(delivery.kind, registration, params=delivery.params)


def register_builders():
    for kind in emails.KINDS:
        outbox.register_builder(kind, registration_email)
