"""``manage.py import_schedule <conference> <schedule.json>``: import a frab or
pretalx schedule into a conference and print what happened."""

import sys
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from ...exchange import frab
from ...models import ConferencePage


class Command(BaseCommand):
    help = (
        "Import a schedule.json (pretalx, frab) into a conference: its sessions, "
        "rooms and speakers. Importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "conference",
            help="The conference page's id, or its URL or path (/events/democon/).",
        )
        parser.add_argument("file", help="The schedule.json file, or - to read stdin.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would change without saving anything.",
        )
        parser.add_argument(
            "--update-dates",
            action="store_true",
            help="When the schedule lies outside the conference's dates, move the "
            "dates to the schedule's (otherwise those sessions are skipped).",
        )
        parser.add_argument(
            "--type",
            action="append",
            default=[],
            metavar="FRAB_TYPE=MODEL",
            help="Import events of a frab type as a page type (lecture=PanelPage), "
            "or leave them out (lecture=). May be repeated.",
        )

    def handle(self, *args, **options):
        conference = self.find_conference(options["conference"])
        types = {}
        for mapping in options["type"]:
            name, _sep, model = mapping.partition("=")
            types[name] = model or None
        try:
            if options["file"] == "-":
                data = frab.load_schedule(sys.stdin.buffer)
            else:
                with open(options["file"], "rb") as file:
                    data = frab.load_schedule(file)
            report = frab.import_schedule(
                conference,
                data,
                dry_run=options["dry_run"],
                types=types,
                update_dates=options["update_dates"],
            )
        except OSError as error:
            raise CommandError(f"{options['file']}: {error.strerror}") from None
        except (frab.ScheduleError, LookupError) as error:
            raise CommandError(str(error)) from None
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(report.summary()))

    def find_conference(self, value):
        conferences = ConferencePage.objects.all()
        if value.isdigit():
            page = conferences.filter(pk=int(value)).first()
        else:
            parts = urlsplit(value)
            path = parts.path.rstrip("/") + "/"
            # A page's own url_path, else a path on a site (its host's first).
            page = conferences.filter(url_path=path).first()
            sites = sorted(
                Site.objects.select_related("root_page"),
                key=lambda site: site.hostname != parts.hostname,
            )
            for site in sites if page is None else []:
                page = conferences.filter(
                    url_path=site.root_page.url_path + path.lstrip("/")
                ).first()
                if page is not None:
                    break
        if page is None:
            raise CommandError(f"No conference at “{value}”.")
        return page
