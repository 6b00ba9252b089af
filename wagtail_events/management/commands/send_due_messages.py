"""``manage.py send_due_messages``: send what is due (reminders, digests, e-mails
to try again). Run it every five minutes from cron or a systemd timer, or let a
task worker's scheduler run the ``send_due_messages`` task."""

from django.core.management.base import BaseCommand

from ...registration import due


class Command(BaseCommand):
    help = (
        "Send the e-mails that are due: reminders, digests, and e-mails whose "
        "mail server failed before. Run it every five minutes."
    )

    def handle(self, *args, **options):
        counts = due.send_due()
        for step, count in counts.items():
            self.stdout.write(f"{step}: {count}")
