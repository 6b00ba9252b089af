"""How long an event index with 10,000 events takes to render, and how many SQL
queries it needs: the first page of upcoming dates, a page in the middle, the past
and the month view.

Run from the repository root:  python benchmarks/listing.py [--events N] [--repeat N]

It uses the test settings with a throwaway SQLite file (or, when DATABASE_URL names
a PostgreSQL database, a throwaway ``test_<name>`` database next to it, created and
dropped as the test runner does), migrates it and builds one
index with N events (default 10,000): 70 % one-off panels and workshops spread
over a year before and after today, 30 % workshops that repeat weekly (a third
with COUNT, the rest without end), some of their dates cancelled with a note. Pages
are inserted in bulk (tree paths computed here, not through ``add_child``) and
their occurrences expanded with ``wagtail_events.recurrence`` and bulk-created;
no search indexing. Then it GETs each listing through Django's test client and
prints a Markdown table.
"""

import argparse
import datetime
import random
import statistics
import sys
import time

from harness import create_children, insert, live_child, run_with_throwaway_database


def build(index, count, seed=1, half_weekly=False):
    """``count`` live events under ``index`` with their occurrences; with
    ``half_weekly``, the workload of the month's measurements (``--month``)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone
    from wagtail.models import Page

    from tests import factories as f
    from wagtail_events.models import (
        EventPage,
        Occurrence,
        PanelPage,
        WorkshopPage,
    )
    from wagtail_events.occurrences import recurrence

    rng = random.Random(seed)
    now = timezone.now()
    venues = [f.venue(name=f"Venue {n}") for n in range(20)]
    kinds = [PanelPage, WorkshopPage]
    content_types = {m: ContentType.objects.get_for_model(m) for m in kinds}
    today = now.astimezone(f.local(2024, 1, 1).tzinfo).date()

    pages, events, leaves, plans = [], [], [], []
    for n in range(count):
        repeating = n % 2 == 0 if half_weekly else n % 10 < 3
        model = WorkshopPage if repeating else kinds[n % 2]
        slug = f"event-{n}"
        if half_weekly and repeating:
            # Weekly for 26 weeks, from some day in the half year before today.
            day = today - datetime.timedelta(days=rng.randint(0, 182))
            rule = "RRULE:FREQ=WEEKLY;COUNT=26"
        elif repeating:
            day = today + datetime.timedelta(days=rng.randint(-365, 180))
            rule = (
                f"RRULE:FREQ=WEEKLY;COUNT={rng.randint(5, 40)}"
                if n % 3 == 0
                else "RRULE:FREQ=WEEKLY"
            )
        else:
            day = today + datetime.timedelta(days=rng.randint(-365, 365))
            rule = ""
        hour = rng.randint(9, 19)
        start = f.local(day.year, day.month, day.day, hour)
        end = start + datetime.timedelta(hours=rng.choice((1, 2, 3)))
        pages.append(
            live_child(index, n, slug, f"Event {n}", content_types[model], now)
        )
        fields = {
            "start": start,
            "end": end,
            "time_zone": f.BRUSSELS,
            "venue": venues[n % len(venues)],
            "recurrence": rule,
            "summary": f"Summary of event {n}: one or two sentences for listings.",
        }
        events.append(fields)
        leaves.append(model)
    ids = create_children(index, pages)
    event_rows, leaf_rows = [], {m: [] for m in kinds}
    for page, fields, model in zip(pages, events, leaves, strict=True):
        pk = ids[page.path]
        event = EventPage(page_ptr_id=pk, **fields)
        event_rows.append(event)
        leaf_rows[model].append(model(eventpage_ptr_id=pk))
        plans.append(event)
    insert(EventPage, event_rows, connection)
    for model, rows in leaf_rows.items():
        insert(model, rows, connection)
    Page.objects.filter(pk=index.pk).update(numchild=count)

    occurrences = []
    for event in plans:
        rows = recurrence.occurrence_rows(event, now, changes=[], runs=[])
        for i, row in enumerate(rows):
            if len(rows) > 1 and i % 9 == 4:
                row.cancelled, row.note = True, "No meeting this week."
        occurrences.extend(rows)
    Occurrence.objects.bulk_create(occurrences, batch_size=5000)
    return len(occurrences)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7, help="GETs per listing")
    parser.add_argument(
        "--month",
        action="store_true",
        help="half of the events weekly for 26 weeks; time this month read in one "
        "request (the grid, the busiest day's list) and through the list's pages",
    )
    args = parser.parse_args()

    run_with_throwaway_database(run_month if args.month else run, args)


def run(args):
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from tests import factories as f
    from wagtail_events.conf import events_settings
    from wagtail_events.occurrences.listing import occurrences_in

    started = time.perf_counter()
    with transaction.atomic():
        index = f.event_index()
        occurrences = build(index, args.events)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would, after a bulk load
    built = time.perf_counter() - started
    print(
        f"  {args.events:,} events, {occurrences:,} occurrences: built in "
        f"{built:.1f} s",
        file=sys.stderr,
    )

    client = Client()
    upcoming = occurrences_in(index).count()
    pages = -(-upcoming // events_settings.INDEX_PAGE_SIZE)
    month = timezone.localdate().strftime("%Y-%m")
    listings = [
        ("Upcoming, page 1", {}),
        (f"Upcoming, page {pages // 2:,} of {pages:,}", {"page": pages // 2}),
        ("Past, page 1", {"when": "past"}),
        (f"Month view ({month}), page 1", {"month": month}),
    ]
    rows = []
    for label, params in listings:
        response = client.get(index.url, params)  # warm caches and templates
        assert response.status_code == 200
        timings = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                response = client.get(index.url, params)
                timings.append(time.perf_counter() - started)
            assert response.status_code == 200
        shown = response.content.count(b'<article class="we-card')
        rows.append(
            (
                label,
                shown,
                statistics.median(timings) * 1000,
                len(ctx.captured_queries),
                len(response.content),
            )
        )

    print(
        f"Event index of {args.events:,} events ({occurrences:,} occurrences), "
        f"median of {args.repeat} GETs ({connection.vendor}):\n"
    )
    print("| Listing | Dates shown | Median render (ms) | SQL queries | HTML (KiB) |")
    print("|---|---:|---:|---:|---:|")
    for label, shown, ms, queries, length in rows:
        print(f"| {label} | {shown} | {ms:,.0f} | {queries} | {length / 1024:,.0f} |")


def timed_get(client, url, params, repeat):
    """The median time of ``repeat`` GETs (after one to warm up), the queries and
    the response of the last."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(url, params).status_code == 200
    timings = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(url, params)
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200
    return statistics.median(timings), len(ctx.captured_queries), response


def run_month(args):
    """This month of an index whose events are half weekly: the grid and the
    busiest day's list (each one request), and the month's list read page by
    page (``MONTH_PAGE_SIZE`` dates a page), the way to read it before."""
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone

    from tests import factories as f
    from wagtail_events.conf import events_settings
    from wagtail_events.occurrences.listing import occurrences_in_month
    from wagtail_events.occurrences.month import this_month

    started = time.perf_counter()
    with transaction.atomic():
        index = f.event_index()
        occurrences = build(index, args.events, half_weekly=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"  {args.events:,} events, {occurrences:,} occurrences: built in "
        f"{time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    month = this_month()
    dates = list(occurrences_in_month(index, month))
    per_day = {}
    for row in dates:
        day = max(row.local_start.date(), month)
        per_day[day] = per_day.get(day, 0) + 1
    busiest = max(per_day, key=per_day.get)
    client = Client()
    rows = []
    seconds, queries, response = timed_get(
        client, index.url, {"month": f"{month:%Y-%m}"}, args.repeat
    )
    rows.append(("Month grid, one request", len(dates), seconds, queries, response))
    seconds, queries, response = timed_get(
        client, index.url, {"day": busiest.isoformat()}, args.repeat
    )
    label = f"Busiest day's full list ({per_day[busiest]:,} dates), one request"
    rows.append((label, per_day[busiest], seconds, queries, response))
    # The whole month through the list's pages, once.
    pages = -(-len(dates) // events_settings.MONTH_PAGE_SIZE)
    total, total_queries, size = 0.0, 0, 0
    for number in range(1, pages + 1):
        params = {"month": f"{month:%Y-%m}", "view": "list", "page": number}
        seconds, queries, response = timed_get(client, index.url, params, 1)
        total += seconds
        total_queries += queries
        size += len(response.content)
    rows.append(
        (f"Month list, all {pages} pages", len(dates), total, total_queries, size)
    )
    print(
        f"This month ({month:%Y-%m}) of an index of {args.events:,} events, half "
        f"weekly for 26 weeks ({occurrences:,} occurrences, {len(dates):,} in the "
        f"month), median of {args.repeat} GETs ({connection.vendor}), "
        f"{timezone.now():%Y-%m-%d}:\n"
    )
    print("| Reading | Dates | Time (ms) | SQL queries | HTML (KiB) |")
    print("|---|---:|---:|---:|---:|")
    for label, count, seconds, queries, response in rows:
        length = response if isinstance(response, int) else len(response.content)
        print(
            f"| {label} | {count:,} | {seconds * 1000:,.0f} | {queries} | "
            f"{length / 1024:,.0f} |"
        )


if __name__ == "__main__":
    main()
