"""Bursts of simultaneous registration submissions from one address against the
rate limit, per cache backend: how many pass a limit of 10.

    python benchmarks/rate_limit.py                  # SQLite for the database cache
    DATABASE_URL=postgres://... python benchmarks/rate_limit.py --submissions 60

Each round releases ``--submissions`` threads at once (a barrier), each calling
the limit for the same address, and counts the ones let through; it compares
``registration.rate_limit`` with the add-then-incr it replaced (keyed without
its window, re-set to 1 when ``incr`` found no key). Redis is a server of the
script's own (``tests/services.py``: Debian's ``redis-server``).
"""

import argparse
import statistics
import tempfile
import threading

from harness import run_with_throwaway_database


LIMIT = 10


def old_rate_limited(request):
    """The limit before issue 16 (``registration/views.py``), for comparison."""
    from django.core.cache import cache

    key = f"wagtail_events:registration:rate:{request.META['REMOTE_ADDR']}"
    cache.add(key, 0, 600)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, 600)
        count = 1
    return count > LIMIT


def burst(limited, submissions):
    """How many of ``submissions`` simultaneous calls pass, and how many failed."""
    from django.core.cache import cache
    from django.db import connections
    from django.test import RequestFactory

    cache.clear()
    start = threading.Barrier(submissions)
    passed = []
    failed = []

    def submit():
        request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.5")
        start.wait(timeout=60)
        try:
            if not limited(request):
                passed.append(1)
        except Exception as error:  # counted, not raised
            failed.append(type(error).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(submissions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(passed), len(failed)


def measure(args):
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    from tests.services import redis_server
    from wagtail_events.registration.rate_limit import (
        rate_limited,
    )

    call_command("createcachetable", "wagtail_events_bench_cache", verbosity=0)
    files = tempfile.TemporaryDirectory(prefix="wagtail-events-bench-cache-")
    with redis_server() as redis_url:
        backends = {
            "Redis": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis_url,
            },
            f"Database ({connection.vendor})": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "wagtail_events_bench_cache",
            },
            "File": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": files.name,
            },
            "Local memory (one process)": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            },
        }
        print(
            f"{args.submissions} simultaneous submissions from one address, limit "
            f"{LIMIT}, {args.rounds} rounds: submissions let through (median, min-max)"
            ", and errors\n"
        )
        print("| Cache | Before (add 0, incr) | Now (`rate_limit`) | Errors |")
        print("|---|---:|---:|---:|")
        for name, cache in backends.items():
            row = [name]
            errors = 0
            with override_settings(
                CACHES={"default": cache},
                WAGTAIL_EVENTS_REGISTRATION_RATE_LIMIT=LIMIT,
            ):
                for limited in (old_rate_limited, rate_limited):
                    passed = []
                    for _round in range(args.rounds):
                        count, failed = burst(limited, args.submissions)
                        passed.append(count)
                        errors += failed
                    row.append(
                        f"{statistics.median(passed):g} ({min(passed)}-{max(passed)})"
                    )
            row.append(str(errors))
            print("| " + " | ".join(row) + " |")
    files.cleanup()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=5)
    run_with_throwaway_database(measure, parser.parse_args())


if __name__ == "__main__":
    main()
