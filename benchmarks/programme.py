"""How long a conference page takes to render, and how many SQL queries it needs,
for conferences of 10, 100 and 1,000 sessions.

Run from the repository root:  python benchmarks/programme.py [--repeat N]

It uses the test settings with a throwaway SQLite file (or DATABASE_URL if set),
migrates it, builds the conferences with tests.factories.busy_conference (sessions
in three rooms and a track over three days, saved and typed-in speakers, site
visits with a second run, registration and lunch) and GETs each page through
Django's test client. Prints a Markdown table.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


SIZES = (10, 100, 1000)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="GETs per size")
    parser.add_argument("--sizes", type=int, nargs="*", default=SIZES)
    args = parser.parse_args()

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    tmp = tempfile.TemporaryDirectory(prefix="wagtail-events-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp.name}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"

    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tests import factories as f

    if connection.vendor != "sqlite":
        sys.exit("Refusing to migrate a database that is not a throwaway SQLite file.")
    call_command("migrate", verbosity=0)
    client = Client()
    rows = []
    for size in args.sizes:
        started = time.perf_counter()
        with transaction.atomic():
            conf = f.busy_conference(f.event_index(), size)
        built = time.perf_counter() - started
        response = client.get(conf.url)  # warm caches and templates
        assert response.status_code == 200, response.status_code
        timings = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                response = client.get(conf.url)
                timings.append(time.perf_counter() - started)
            assert response.status_code == 200
        rows.append(
            (
                size,
                statistics.median(timings) * 1000,
                len(ctx.captured_queries),
                len(response.content),
            )
        )
        print(f"  {size} sessions: built in {built:.1f} s", file=sys.stderr)

    print(f"Conference page, median of {args.repeat} GETs ({connection.vendor}):\n")
    print("| Sessions | Median render (ms) | SQL queries | HTML (KiB) |")
    print("|---:|---:|---:|---:|")
    for size, ms, queries, length in rows:
        print(f"| {size:,} | {ms:,.0f} | {queries} | {length / 1024:,.0f} |")
    tmp.cleanup()


if __name__ == "__main__":
    main()
