"""What a conditional GET saves, and what a validator computed before rendering
would cost: for a conference of 100 sessions (its ``calendar.ics`` and
``schedule.json``) and index feeds of about 1,000 and 10,000 dates.

Run from the repository root:  python benchmarks/conditional_get.py [--repeat N]

For each file it times (median of ``--repeat``) a full GET (200), a GET with the
ETag of the first answer (304: the file is still rendered, to hash it), and the
queries a validator computed *before* rendering would need at the least: the
newest ``last_published_at`` and the number of live pages under the page, and the
number and newest id of their stored dates. That lower bound leaves out what such
a validator would also have to cover to be right (venues, people, ancestors'
slugs, the site's host name, the date), see wagtail_events/exchange/conditional.py.
Data are built as in benchmarks/calendar_feeds.py.
"""

import argparse
import statistics
import sys
import time

from harness import run_with_throwaway_database


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--occurrences", type=int, nargs="*", default=(1000, 10_000))
    parser.add_argument("--sessions", type=int, default=100)
    run_with_throwaway_database(run, parser.parse_args())


def _median_ms(call, repeat):
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = call()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000, result


def _cheap_validator(page):
    """The least a pre-render validator reads: two aggregate queries."""
    from django.db.models import Count, Max
    from wagtail.models import Page

    from wagtail_events.models import Occurrence

    pages = Page.objects.live().filter(path__startswith=page.path)
    return (
        pages.aggregate(Max("last_published_at"), Count("pk")),
        Occurrence.objects.filter(page__path__startswith=page.path).aggregate(
            Max("pk"), Count("pk")
        ),
    )


def measure(client, page, name, repeat):
    url = page.url + name
    first = client.get(url)
    assert first.status_code == 200, first.status_code
    etag = first["ETag"]
    full, response = _median_ms(lambda: client.get(url), repeat)
    assert response.status_code == 200
    revalidated, response = _median_ms(
        lambda: client.get(url, headers={"if-none-match": etag}), repeat
    )
    assert response.status_code == 304
    cheap, _ = _median_ms(lambda: _cheap_validator(page), repeat)
    return full, len(first.content), revalidated, len(response.content), cheap


def run(args):
    from django.db import connection, transaction
    from django.test import Client

    from benchmarks.calendar_feeds import build_index
    from tests import factories as f

    client = Client()
    rows = []
    with transaction.atomic():
        conf = f.busy_conference(f.event_index(), args.sessions)
    for name in ("calendar.ics", "schedule.json"):
        label = f"Conference of {args.sessions} sessions, {name}"
        rows.append((label, *measure(client, conf, name, args.repeat)))
    for target in args.occurrences:
        started = time.perf_counter()
        with transaction.atomic():
            index = f.event_index()
            events, occurrences = build_index(index, target)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(
            f"  index of {events:,} events: built in "
            f"{time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
        label = f"Index feed, {events:,} events, {occurrences:,} dates"
        rows.append((label, *measure(client, index, "calendar.ics", args.repeat)))

    print(f"Conditional GET, median of {args.repeat} ({connection.vendor}):\n")
    print(
        "| File | 200 (ms) | 200 (KiB) | 304 (ms) | 304 (bytes) "
        "| Pre-render validator, least (ms) |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for label, full, size, revalidated, small, cheap in rows:
        print(
            f"| {label} | {full:,.0f} | {size / 1024:,.0f} | {revalidated:,.0f} "
            f"| {small} | {cheap:,.1f} |"
        )


if __name__ == "__main__":
    main()
