"""How long the ``calendar.ics`` files take to serve, and how many SQL queries they
need: a conference's programme of 10, 100 and 1,000 sessions, and the feed of an
event index whose events have about 1,000 and 10,000 dates between them.

Run from the repository root:  python benchmarks/calendar.py [--repeat N]

It uses the test settings with a throwaway SQLite file (or, when DATABASE_URL names
a PostgreSQL database, a throwaway ``test_<name>`` database next to it, created and
dropped as the test runner does) and migrates it. Conferences are built with
tests.factories.busy_conference (sessions in three rooms and a track over three
days, site visits with a second run, saved and typed-in speakers). Each index holds
events until their occurrences reach the size asked for: 80 % one-off panels and
workshops spread over a year before and after today (one event in 50
cancelled), 20 % workshops that repeat weekly (half with COUNT, a quarter with
UNTIL, a quarter without end), one date in 9 of a series cancelled and one in 13
moved an hour later, each with a note (EXDATE and override VEVENTs in the feed).
Index pages are inserted in bulk as benchmarks/listing.py does, occurrences
expanded with ``wagtail_events.recurrence`` and bulk-created. Then it GETs each
``calendar.ics`` through Django's test client and prints a Markdown table.
"""

import argparse
import datetime
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

from harness import (
    create_children,
    insert,
    live_child,
    run_with_throwaway_database,
)


SESSIONS = (10, 100, 1000)
OCCURRENCES = (1000, 10_000)


def _plan(n, rng, today):
    """Model, fields and rule of the ``n``-th event of an index."""
    from tests import factories as f
    from wagtail_events.models import PanelPage, WorkshopPage

    kind = n % 10
    if kind < 8:  # one-off
        model = (PanelPage, WorkshopPage)[n % 2]
        day = today + datetime.timedelta(days=rng.randint(-365, 365))
        rule = ""
    else:
        model = WorkshopPage
        day = today + datetime.timedelta(days=rng.randint(-180, 60))
        if kind == 8:
            rule = f"RRULE:FREQ=WEEKLY;COUNT={rng.randint(4, 26)}"
        elif n % 20 == 9:
            until = day + datetime.timedelta(weeks=rng.randint(8, 40))
            rule = f"RRULE:FREQ=WEEKLY;UNTIL={until:%Y%m%d}T235959Z"
        else:
            rule = "RRULE:FREQ=WEEKLY"
    start = f.local(day.year, day.month, day.day, rng.randint(9, 19))
    fields = {
        "start": start,
        "end": start + datetime.timedelta(hours=rng.choice((1, 2, 3))),
        "time_zone": f.BRUSSELS,
        "recurrence": rule,
        "status": "cancelled" if kind < 8 and n % 50 == 0 else "scheduled",
        "summary": f"Summary of event {n}: one or two sentences for listings.",
    }
    return model, fields


def _plan_half_weekly(n, today):
    """The ``n``-th event of the workload measured beside CodeRed CMS
    (``benchmarks/codered.py``): every other event a one-off, the others weekly
    for 26 weeks, spread over the half-year around today, in Brussels."""
    from tests import factories as f
    from wagtail_events.models import PanelPage, WorkshopPage

    day = today + datetime.timedelta(days=n % 360 - 180)
    start = f.local(day.year, day.month, day.day, 9 + n % 9)
    fields = {
        "start": start,
        "end": start + datetime.timedelta(hours=2),
        "time_zone": f.BRUSSELS,
        "recurrence": "RRULE:FREQ=WEEKLY;COUNT=26" if n % 2 else "",
        "summary": f"Summary of event {n}: one or two sentences for listings.",
    }
    return (WorkshopPage if n % 2 else PanelPage), fields


def build_events(index, count):
    """``count`` live events under ``index``, half of them weekly for 26 weeks
    (``_plan_half_weekly``), no date changed; returns (events, occurrences)."""
    return build_index(index, count, plan=_plan_half_weekly, with_changes=False)


def build_index(index, target, seed=1, plan=None, with_changes=True):
    """Live events under ``index`` until their occurrences number ``target``
    (or, with ``plan``, ``target`` events planned by it, ``plan(n, today)``);
    returns (events, occurrences). ``with_changes``: cancel and move some dates."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone
    from wagtail.models import Page

    from tests import factories as f
    from wagtail_events.models import (
        EventPage,
        Occurrence,
        OccurrenceChange,
        PanelPage,
        WorkshopPage,
    )
    from wagtail_events.occurrences import recurrence

    rng = random.Random(seed)
    now = timezone.now()
    venues = [
        f.venue(
            name=f"Venue {index.pk}-{n}",
            street_address=f"Grote Markt {n + 1}",
            postal_code="2800",
            **({"latitude": 51.02, "longitude": 4.48} if n % 2 else {}),
        )
        for n in range(20)
    ]
    kinds = [PanelPage, WorkshopPage]
    content_types = {m: ContentType.objects.get_for_model(m) for m in kinds}
    today = now.astimezone(f.local(2024, 1, 1).tzinfo).date()

    planned, total = [], 0
    while (len(planned) if plan else total) < target:
        n = len(planned)
        model, fields = plan(n, today) if plan else _plan(n, rng, today)
        fields["venue"] = venues[n % len(venues)]
        event = EventPage(**fields)
        rows = recurrence.occurrence_rows(event, now, changes=[], runs=[])
        planned.append((model, fields, rows))
        total += len(rows)

    pages = []
    for n in range(len(planned)):
        slug = f"event-{n}"
        content_type = content_types[planned[n][0]]
        pages.append(live_child(index, n, slug, f"Event {n}", content_type, now))
    ids = create_children(index, pages)
    events, leaves = [], {m: [] for m in kinds}
    occurrences, changes = [], []
    for page, (model, fields, rows) in zip(pages, planned, strict=True):
        pk = ids[page.path]
        events.append(EventPage(page_ptr_id=pk, **fields))
        leaves[model].append(model(eventpage_ptr_id=pk))
        for i, row in enumerate(rows):
            row.page_id = pk
            if len(rows) == 1 or not with_changes:
                continue
            if i % 9 == 4:
                row.cancelled, row.note = True, "No meeting this week."
                changes.append(
                    OccurrenceChange(
                        page_id=pk,
                        locale_id=index.locale_id,
                        sort_order=i,
                        original_start=row.original_start,
                        action="cancel",
                        note=row.note,
                    )
                )
            elif i % 13 == 6:
                row.start += datetime.timedelta(hours=1)
                row.end += datetime.timedelta(hours=1)
                row.note = "An hour later this week."
                changes.append(
                    OccurrenceChange(
                        page_id=pk,
                        locale_id=index.locale_id,
                        sort_order=i,
                        original_start=row.original_start,
                        action="move",
                        new_start=row.start,
                        new_end=row.end,
                        note=row.note,
                    )
                )
        occurrences.extend(rows)
    insert(EventPage, events, connection)
    for model, rows in leaves.items():
        insert(model, rows, connection)
    Page.objects.filter(pk=index.pk).update(numchild=len(pages))
    OccurrenceChange.objects.bulk_create(changes, batch_size=5000)
    Occurrence.objects.bulk_create(occurrences, batch_size=5000)
    return len(pages), len(occurrences)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="GETs per calendar")
    parser.add_argument("--sessions", type=int, nargs="*", default=SESSIONS)
    parser.add_argument("--occurrences", type=int, nargs="*", default=OCCURRENCES)
    parser.add_argument(
        "--beside-codered",
        action="store_true",
        help="the workload of benchmarks/codered.py instead: the index, a month, "
        "the feed and one event's file, and CodeRed CMS's with CODERED_PYTHON",
    )
    parser.add_argument("--events", type=int, nargs="*", default=EVENTS)
    parser.add_argument(
        "--requests",
        nargs="*",
        choices=("index", "month", "feed", "file"),
        default=("index", "month", "feed", "file"),
        help="with --beside-codered: which requests to time (all four by default)",
    )
    args = parser.parse_args()

    run_with_throwaway_database(beside_codered if args.beside_codered else run, args)


# Beside CodeRed CMS: the same workload, the same four requests

EVENTS = (1000, 10_000)
# From this size on the slow requests are timed once (the machine is shared).
HEAVY = 5000


def _ours(client, events, month, repeat, requests):
    from django.db import transaction

    from tests import factories as f
    from wagtail_events.models import EventPage

    started = time.perf_counter()
    with transaction.atomic():
        index = f.event_index()
        build_events(index, events)
    print(
        f"  ours: {events:,} events built in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    weekly = EventPage.objects.child_of(index).exclude(recurrence="").first()
    heavy = 1 if events >= HEAVY else repeat
    timed = {
        "index": lambda: measure(client, index.url, repeat, kind="text/html"),
        "month": lambda: measure(
            client, f"{index.url}?month={month}", repeat, "text/html"
        ),
        "feed": lambda: measure(client, index.url + "calendar.ics", heavy),
        "file": lambda: measure(client, weekly.url + "calendar.ics", repeat),
    }
    return {name: timed[name]() for name in requests}


def _codered(events, month, repeat, requests):
    """CodeRed CMS's figures from benchmarks/codered.py run by CODERED_PYTHON."""
    python = os.environ.get("CODERED_PYTHON")
    if not python:
        return None
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "codered.py")
    command = [python, script, "--events", str(events), "--month", month]
    command += ["--repeat", str(repeat), "--requests", *requests]
    output = subprocess.run(  # noqa: S603 -- the Python the operator named
        command,
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": "", "DATABASE_URL": ""},
        cwd=tempfile.gettempdir(),
    )
    sys.stderr.write(output.stderr)
    return json.loads(output.stdout.strip().splitlines()[-1])


ROWS = {
    "index": "Index page",
    "month": "A month",
    "feed": "Whole calendar (feed)",
    "file": "One event's calendar file",
}


def _load():
    return ", ".join(f"{n:.1f}" for n in os.getloadavg())


def beside_codered(args):
    import django
    import wagtail
    from django.test import Client

    month = f"{datetime.date.today():%Y-%m}"
    client = Client()
    requests = [name for name in ROWS if name in args.requests]
    loads, ours, theirs = {}, {}, {}
    for n in args.events:
        loads[n] = [_load()]
        ours[n] = _ours(client, n, month, args.repeat, requests)
        loads[n].append(_load())
        theirs[n] = _codered(n, month, args.repeat, requests)
    print(
        f"Wagtail {wagtail.__version__}, Django {django.__version__}, SQLite; "
        f"median of {args.repeat} requests ({HEAVY:,} events and more: the index, "
        f"the month and the feed once); month {month}; "
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC\n"
    )
    versions = next((t["versions"] for t in theirs.values() if t), "")
    if versions:
        print(f"CodeRed side: {versions}\n")
    for n in args.events:
        codered_load = ", ".join(f"{x:.1f}" for x in (theirs[n] or {}).get("load", ()))
        print(
            f"Load average (1, 5, 15 min) at {n:,} events: before ours {loads[n][0]}; "
            f"before CodeRed's {loads[n][1]}; after CodeRed's build {codered_load}"
        )
    print()
    print(
        "| Events | Request | Ours (ms) | Ours, CPU (ms) | Queries "
        "| CodeRed (ms) | CodeRed, CPU (ms) | Queries | CodeRed / ours |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")

    def ms(value):  # a tenth of a millisecond where that is the difference
        return f"{value:,.1f}" if value < 10 else f"{value:,.0f}"

    for n in args.events:
        for key in requests:
            o = ours[n][key]
            t = (theirs[n] or {}).get(key)
            cells = [f"{n:,}", ROWS[key], ms(o[0]), ms(o[4]), f"{o[1]}"]
            if t:
                cells += [
                    ms(t["ms"]),
                    ms(t["cpu_ms"]),
                    f"{t['queries']:,}",
                    f"{t['ms'] / o[0]:,.1f}x",
                ]
            else:
                cells += ["", "", "", ""]
            print("| " + " | ".join(cells) + " |")


def measure(client, url, repeat, kind="text/calendar"):
    """Median time (ms), SQL queries, bytes, VEVENTs and median processor time
    (ms) of GETs of ``url``."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm caches
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith(kind)
    timings, cpu = [], []
    for _ in range(repeat):
        # Django keeps at most 9,000 queries: a full log counts none.
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        assert response.status_code == 200
    return (
        statistics.median(timings) * 1000,
        len(ctx.captured_queries),
        len(response.content),
        response.content.count(b"BEGIN:VEVENT"),
        statistics.median(cpu) * 1000,
    )


def run(args):
    from django.db import connection, transaction
    from django.test import Client

    from tests import factories as f

    client = Client()
    rows = []
    for size in args.sessions:
        started = time.perf_counter()
        with transaction.atomic():
            conf = f.busy_conference(f.event_index(), size)
        print(
            f"  conference of {size:,} sessions: built in "
            f"{time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
        label = f"Conference, {size:,} sessions"
        rows.append((label, *measure(client, conf.url + "calendar.ics", args.repeat)))

    for target in args.occurrences:
        started = time.perf_counter()
        with transaction.atomic():
            index = f.event_index()
            events, occurrences = build_index(index, target)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would, after a bulk load
        print(
            f"  index of {events:,} events, {occurrences:,} occurrences: built in "
            f"{time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
        label = f"Index feed, {events:,} events, {occurrences:,} occurrences"
        rows.append((label, *measure(client, index.url + "calendar.ics", args.repeat)))

    print(f"calendar.ics, median of {args.repeat} GETs ({connection.vendor}):\n")
    print("| Calendar | Median (ms) | SQL queries | ICS (KiB) | VEVENTs |")
    print("|---|---:|---:|---:|---:|")
    for label, ms, queries, length, vevents, _cpu in rows:
        print(
            f"| {label} | {ms:,.0f} | {queries} | {length / 1024:,.0f} | {vevents:,} |"
        )


if __name__ == "__main__":
    main()
