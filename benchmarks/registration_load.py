"""Registrations per minute for one event with a capacity, through the
production stack (deploy/stack.py: gunicorn 4 processes x 4 threads, Redis,
django-tasks-db's worker, PostgreSQL), at 50 and 200 concurrent clients.

Each client is a visitor of its own, one after another: it opens the event page
(the form and its CSRF token), sends the form and reads the result, as a
browser does. Counted: registrations a minute (whole visits finished), the
latency of the POST (p50, p95, p99), answers that were not the redirect to the
result (errors), and places given beyond the capacity (overbooking, read from
the database afterwards). The event has a waiting list, so every visitor is
stored; half the visitors find the places gone.

Needs PostgreSQL at POSTGRES_URL (or DATABASE_URL) and Debian's redis-server;
runs in ``<database>_stack``. ``--quick`` (the `stack` nox session): as many
registrations as clients at each level; otherwise four times as many.

    python benchmarks/registration_load.py [--quick]
"""

import argparse
import collections
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy.stack import Stack, stack_database_url  # noqa: E402
from tests.stack import visitors  # noqa: E402
from tests.stack.probe import ask as probe  # noqa: E402


LEVELS = (50, 200)
# pretix's scaling guide (https://docs.pretix.eu/en/latest/admin/scaling.html):
# about 500 orders a minute for one event when a quota applies.
PRETIX_PER_MINUTE = 500


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run_level(stack, clients, total):
    capacity = total // 2
    page = probe(stack, "event", "--capacity", capacity, "--waiting-list")
    numbers = iter(range(total))
    lock = threading.Lock()
    answers = []
    barrier = threading.Barrier(clients)

    def client(index):
        barrier.wait(timeout=120)
        while True:
            with lock:
                number = next(numbers, None)
            if number is None:
                return
            answer = visitors.register(
                stack.url(""), page["url"], f"{clients}-{number}"
            )
            with lock:
                answers.append(answer)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - started
    report = probe(stack, "report", page["id"])
    held = collections.Counter(r["status"] for r in report["registrations"])
    latencies = [a.seconds for a in answers if a.status == 302]
    return {
        "clients": clients,
        "registrations": len(report["registrations"]),
        "capacity": capacity,
        "per_minute": len(answers) / seconds * 60,
        "p50": statistics.median(latencies) * 1000,
        "p95": percentile(latencies, 0.95) * 1000,
        "p99": percentile(latencies, 0.99) * 1000,
        "errors": sum(1 for a in answers if a.status != 302),
        # What each visitor who was not sent to the result got: the status and
        # the start of the page, so that an error says what it was.
        "unexpected": [
            f"{a.status} after {a.seconds:.1f} s: " + " ".join(a.text.split())[:160]
            for a in answers
            if a.status != 302
        ],
        "overbooked": max(0, held["confirmed"] - capacity),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    rows = []
    mail = tempfile.TemporaryDirectory(prefix="wagtail-events-bench-mail-")
    with (
        mail,
        Stack(
            stack_database_url(),
            periodic=False,
            env={
                "EMAIL_FILE_PATH": mail.name,
                "WAGTAIL_EVENTS_REGISTRATION_RATE_LIMIT": "1000000",
            },
        ) as stack,
    ):
        for clients in LEVELS:
            total = clients if args.quick else clients * 4
            rows.append(run_level(stack, clients, total))
    print()
    print(
        "Registrations for one event with a capacity and a waiting list, through "
        "the stack (gunicorn 4 processes x 4 threads, Redis, db_worker, "
        "PostgreSQL):"
    )
    print()
    print(
        "| Concurrent clients | Registrations | Places | Registrations a minute "
        "| p50 | p95 | p99 | Errors | Overbooked |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['clients']} | {row['registrations']} | {row['capacity']} "
            f"| {row['per_minute']:.0f} | {row['p50']:.0f} ms | {row['p95']:.0f} ms "
            f"| {row['p99']:.0f} ms | {row['errors']} | {row['overbooked']} |"
        )
    for row in rows:
        for line in row["unexpected"]:
            print(f"- {row['clients']} clients, not registered: {line}")
    print()
    print(
        f"pretix's scaling guide: about {PRETIX_PER_MINUTE} orders a minute for one "
        "event when a quota applies (https://docs.pretix.eu/en/latest/admin/"
        "scaling.html)."
    )
    if any(row["errors"] or row["overbooked"] for row in rows):
        sys.exit("errors or overbooking under load")


if __name__ == "__main__":
    main()
