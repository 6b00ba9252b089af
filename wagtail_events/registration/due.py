"""What is due every few minutes, in one call: ``send_due()``, run by the task
``tasks.send_due_messages`` (from a worker's scheduler) or by
``manage.py send_due_messages`` (from cron). Each step is safe to run twice at
once: what it sends goes through the outbox under a unique key.
"""

from django.utils import timezone

from . import alerts, group_messages, outbox, reminders


def send_due(now=None):
    """Do what is due at ``now``. Returns {step: how many}."""
    now = now or timezone.now()
    return {
        "retried": outbox.retry_due(now),
        "group_messages": group_messages.queue_unfinished(now),
        "reminders": reminders.send_due(now),
        "digests": alerts.send_digests(now),
    }
