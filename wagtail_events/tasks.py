"""Background tasks, for Django's task framework (``django.tasks`` from Django 6.0;
the ``django_tasks`` backport, which Wagtail 7.4 installs, on Django 5.2).

* ``send_registration_email``: enqueued (through the
  ``registration_email_due`` signal, see ``signal_handlers``) after the transaction
  that changed a registration commits, so that a failing or slow mail server
  never loses or slows a registration. Its arguments are plain values; the clear
  cancellation token travels in them (and so sits in the task queue's storage
  until the task ran), never in the database of registrations.
* ``deliver_message``: sends one e-mail of the outbox (``registration.outbox``),
  enqueued once the transaction that wrote it commits; its only argument is the
  delivery's id, so the queue's storage holds no personal data.
* ``queue_group_message``: writes the deliveries of an organiser's message to
  a group (one per recipient, in batches), enqueued once the message is saved;
  its only argument is the message's id.
* ``send_due_messages``: run every few minutes (from a task worker's scheduler,
  or ``manage.py send_due_messages`` from cron): e-mails to try again.
* ``extend_occurrences``: run once a day, from a task worker or cron
  (``manage.py extend_occurrences``), so that repeating events keep their dates
  ``WAGTAIL_EVENTS_OCCURRENCE_HORIZON_DAYS`` ahead.
* ``purge_front_end_cache``: enqueued once a transaction that changed what event
  pages show commits, on a site with Wagtail's front-end cache
  (``frontend_cache``); its arguments are page ids, event keys and addresses.
* ``erase_expired_registrations``: run once a day (``manage.py
  erase_registrations``) to apply ``WAGTAIL_EVENTS_REGISTRATION_RETENTION_DAYS``.
"""

try:
    from django.tasks import task
except ImportError:  # Django < 6.0
    from django_tasks import task

from . import frontend_cache
from .occurrences import recurrence
from .registration import due, emails, group_messages, outbox, privacy


@task
def extend_occurrences():
    """Expand every live repeating event up to the horizon again. Returns how many
    events were brought up to date."""
    with frontend_cache.new_dates_purged():
        return recurrence.extend_horizon()


@task
def send_registration_email(kind, registration_id, token=None):
    """Send one registration e-mail (see ``emails.KINDS``) at once, outside the
    outbox; kept for sites that enqueue it themselves. Returns whether a mail
    went out (nothing is sent to an erased or deleted registration)."""
    return emails.send(kind, registration_id, token)


@task
def deliver_message(delivery_id):
    """Send one e-mail of the outbox. Returns its status afterwards."""
    return outbox.deliver(delivery_id)


@task
def queue_group_message(message_id):
    """Write the deliveries of an organiser's message to a group, in batches
    (``registration.group_messages``); safe to run twice. Returns how many
    people it goes to."""
    return group_messages.queue_deliveries(message_id)


@task
def send_due_messages():
    """What is due every few minutes (``registration.due``). Returns a dict of
    counts."""
    return due.send_due()


@task
def purge_front_end_cache(page_ids, event_keys, urls):
    """Purge the pages and files a committed change concerns from the front-end
    cache (``frontend_cache.purge``). Returns the addresses purged."""
    return frontend_cache.purge(page_ids, event_keys, urls)


@task
def erase_expired_registrations():
    """Erase the personal data the retention setting no longer allows to keep.
    Returns how many registrations were erased."""
    return privacy.erase_expired()
