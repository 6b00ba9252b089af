"""``manage.py erase_registrations``: erase the personal data of registrations
whose event ended longer ago than WAGTAIL_EVENTS_REGISTRATION_RETENTION_DAYS, or,
with ``--email``, every registration of one person."""

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ...registration import privacy


class Command(BaseCommand):
    help = (
        "Erase the personal data of registrations whose event ended more than "
        "WAGTAIL_EVENTS_REGISTRATION_RETENTION_DAYS days ago (the counts stay). "
        "Run it daily (cron), or enqueue the erase_expired_registrations task."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count the registrations that would be erased.",
        )
        parser.add_argument(
            "--email",
            metavar="ADDRESS",
            help="Erase every registration of this address, in every event.",
        )

    def handle(self, *args, **options):
        dry_run, email = options["dry_run"], options["email"]
        if email is not None:
            email = email.strip()
            try:
                validate_email(email)
            except ValidationError:
                raise CommandError(
                    _("“%(email)s” is not an e-mail address.") % {"email": email}
                ) from None
        if email is None:
            # Erasing one person does not depend on the retention setting.
            try:
                days = privacy.retention_days()
            except ImproperlyConfigured as error:
                raise CommandError(str(error)) from None
            if days is None:
                self.stdout.write(
                    _(
                        "WAGTAIL_EVENTS_REGISTRATION_RETENTION_DAYS is None: "
                        "personal data is kept, nothing was erased."
                    )
                )
                return

        if dry_run:
            if email is None:
                count = privacy.expired().count()
            else:
                count = privacy.of_address(email).filter(erased_at__isnull=True).count()
            message = ngettext(
                "%(count)d registration would be erased.",
                "%(count)d registrations would be erased.",
                count,
            )
            self.stdout.write(message % {"count": count})
            return

        if email is None:
            count = privacy.erase_expired()
        else:
            count = privacy.erase_address(email)
        message = ngettext(
            "Erased %(count)d registration.", "Erased %(count)d registrations.", count
        )
        self.stdout.write(self.style.SUCCESS(message % {"count": count}))
