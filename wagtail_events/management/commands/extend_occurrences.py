"""``manage.py extend_occurrences``: keep repeating events' dates reaching the
horizon. Runs the task in this process, whatever the task backend is."""

from django.core.management.base import BaseCommand

from ...tasks import extend_occurrences


class Command(BaseCommand):
    help = (
        "Expand every live repeating event up to WAGTAIL_EVENTS_OCCURRENCE_HORIZON_"
        "DAYS ahead again. Run it daily (cron) or enqueue the extend_occurrences task."
    )

    def handle(self, *args, **options):
        count = extend_occurrences.call()
        events = "event" if count == 1 else "events"
        self.stdout.write(
            self.style.SUCCESS(f"Extended the occurrences of {count} {events}.")
        )
