from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


USERNAME = PASSWORD = "admin"


class Command(BaseCommand):
    help = "Create the demo superuser admin / admin if there is none. For demos only."

    def handle(self, *args, **options):
        User = get_user_model()
        quiet = options["verbosity"] == 0
        if User.objects.filter(username=USERNAME).exists():
            if not quiet:
                self.stdout.write(f"The demo user “{USERNAME}” already exists.")
            return
        User.objects.create_superuser(USERNAME, "admin@example.org", PASSWORD)
        if not quiet:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created the demo superuser “{USERNAME}” (password “{PASSWORD}”)."
                )
            )
