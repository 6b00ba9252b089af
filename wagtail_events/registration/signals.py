"""Signals the registration package sends.

``registration_email_due``: a registrant is to get the e-mail ``kind`` (see
``emails.KINDS``); sent once the transaction that changed the registration has
committed. Arguments: ``kind``, ``registration_id``, ``token`` (the clear
cancellation token, or None), ``params``, and for a new registration
``registration``: the row as committed, with its page. The package connects it
to the outbox (``signal_handlers.enqueue_registration_email``); a site may
connect more receivers, for example to tell a CRM. A receiver that fails is logged and
never undoes the registration.
"""

from django.dispatch import Signal


registration_email_due = Signal()
