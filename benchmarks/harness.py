"""What every benchmark script does around its measurements: Django set up with the
test settings on a throwaway database, migrated, and removed afterwards."""

import os
import sys
import tempfile
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent


def run_with_throwaway_database(run, args):
    """Call ``run(args)`` with Django set up on a database of its own: a temporary
    SQLite file, or with a PostgreSQL DATABASE_URL a test_ copy that is dropped
    after (never the database DATABASE_URL names itself)."""
    sys.path.insert(0, str(ROOT))
    tmp = tempfile.TemporaryDirectory(prefix="wagtail-events-bench-")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"

    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # A throwaway file: no need to wait for the disk.
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA journal_mode = MEMORY")
        call_command("migrate", verbosity=0)
        old_name = None
    else:
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(args)
    finally:
        if old_name is not None:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        tmp.cleanup()
