from django.core.management.base import BaseCommand

from example_site.demo.loader import load


class Command(BaseCommand):
    help = (
        "Load the demo events (five Belgian announcements) into the example site. "
        "Safe to run again: what exists already is left as it is."
    )

    def handle(self, *args, **options):
        report = load()
        if options["verbosity"] == 0:
            return
        for line in report.created:
            self.stdout.write(f"Created {line}")
        if report.created:
            self.stdout.write(
                self.style.SUCCESS(f"Demo content loaded: {len(report.created)} new.")
            )
        else:
            self.stdout.write("Demo content already loaded: nothing to do.")
