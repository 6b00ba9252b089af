"""How long the daily extension of the horizon (``extend_occurrences``) takes for
1,000 and 10,000 repeating events, and how many SQL queries it needs, before
and after the run that expands only the events with new dates.

Run from the repository root:  python benchmarks/horizon.py [--events 1000 10000]

For each size it uses a throwaway database (as ``listing.py``: SQLite unless
DATABASE_URL names PostgreSQL), builds one index of N live repeating events in
Brussels, published over the past half year (weekly without end; one in ten
daily, one in ten weekly on two days with an EXDATE, one in ten monthly on the
first Tuesday, one in ten monthly on the 15th; one date in nine cancelled, one
in thirteen moved), pages and dates inserted in bulk as in ``listing.py``
(without the record of where their dates end, as on a site upgraded to 0019),
and times, each with its CPU time, queries, events expanded and dates added:

* the first run after the upgrade (the day they were published): every series
  is expanded once, from its last stored date, and gets its record;
* the daily run one day later (only the series with a date coming within the
  horizon, each from its next date);
* a second run that day (nothing due);
* seven daily runs after it, their mean;
* for comparison, the run before (issue 16's first round: every live series
  expanded from its first date each day; ``before_run`` below), one day later;
* up to ``--former-up-to`` events, the run before that (``stored.materialise``
  for each event).
"""

import argparse
import datetime
import multiprocessing
import random
import sys
import time
import uuid
from concurrent.futures import ProcessPoolExecutor

from harness import create_children, insert, live_child, run_with_throwaway_database


def build(index, count, seed=1):
    """``count`` live repeating events under ``index``, their changes to single
    dates and their dates stored in bulk, as publishing them would have."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone
    from wagtail.models import Page

    from tests import factories as f
    from wagtail_events.models import (
        EventPage,
        Occurrence,
        OccurrenceChange,
        WorkshopPage,
    )
    from wagtail_events.occurrences import recurrence

    rng = random.Random(seed)
    now = timezone.now()
    venue = f.venue(name="Hall")
    content_type = ContentType.objects.get_for_model(WorkshopPage)
    today = now.astimezone(f.local(2024, 1, 1).tzinfo).date()
    pages, events = [], []
    for n in range(count):
        day = today - datetime.timedelta(days=rng.randint(0, 182))
        rule = {
            0: "RRULE:FREQ=DAILY",
            1: "RRULE:FREQ=WEEKLY;BYDAY=MO,TH\nEXDATE:"
            f"{day + datetime.timedelta(days=70):%Y%m%d}T000000Z",
            2: "RRULE:FREQ=MONTHLY;BYDAY=+1TU",
            3: "RRULE:FREQ=MONTHLY;BYMONTHDAY=15",
        }.get(n % 10, "RRULE:FREQ=WEEKLY")
        start = f.local(day.year, day.month, day.day, rng.randint(9, 19))
        slug = f"series-{n}"
        pages.append(live_child(index, n, slug, f"Series {n}", content_type, now))
        events.append(
            {
                "start": start,
                "end": start + datetime.timedelta(hours=2),
                "time_zone": f.BRUSSELS,
                "venue": venue,
                "recurrence": rule,
            }
        )
    ids = create_children(index, pages)
    rows = [
        EventPage(page_ptr_id=ids[page.path], **fields)
        for page, fields in zip(pages, events, strict=True)
    ]
    insert(EventPage, rows, connection)
    insert(
        WorkshopPage, [WorkshopPage(eventpage_ptr_id=r.pk) for r in rows], connection
    )
    Page.objects.filter(pk=index.pk).update(numchild=count)
    changes = []
    for event in rows:
        dates = recurrence.planned_occurrences(event, now)
        for i, (original, start, end) in enumerate(dates):
            if i % 9 == 4:
                changes.append(
                    OccurrenceChange(
                        page_id=event.pk,
                        original_start=original,
                        action="cancel",
                        locale_id=index.locale_id,
                        translation_key=uuid.uuid4(),
                    )
                )
            elif i % 13 == 6:
                changes.append(
                    OccurrenceChange(
                        page_id=event.pk,
                        original_start=original,
                        action="move",
                        new_start=start + datetime.timedelta(hours=1),
                        new_end=end + datetime.timedelta(hours=1),
                        locale_id=index.locale_id,
                        translation_key=uuid.uuid4(),
                    )
                )
    OccurrenceChange.objects.bulk_create(changes, batch_size=2000)
    by_page = {}
    for change in changes:
        by_page.setdefault(change.page_id, []).append(change)
    occurrences = []
    for event in rows:
        occurrences += recurrence.occurrence_rows(
            event, now, changes=by_page.get(event.pk, []), runs=[]
        )
    Occurrence.objects.bulk_create(occurrences, batch_size=5000)
    return now


def measure(label, function, repeat=1):
    """(label, seconds, CPU seconds, queries, events expanded, dates added) of
    ``function``, the mean of ``repeat`` calls (``function(i)``)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wagtail_events.models import Occurrence
    from wagtail_events.occurrences import extension, rules, stored

    expanded = []
    original = rules.planned_occurrences

    def counting(page, *args, **kwargs):
        expanded.append(page.pk)
        return original(page, *args, **kwargs)

    before = Occurrence.objects.count()
    extension.planned_occurrences = stored.planned_occurrences = counting
    try:
        with CaptureQueriesContext(connection) as ctx:
            started, cpu = time.perf_counter(), time.process_time()
            for i in range(repeat):
                function(i)
            seconds = time.perf_counter() - started
            cpu = time.process_time() - cpu
    finally:
        extension.planned_occurrences = stored.planned_occurrences = original
    added = Occurrence.objects.count() - before
    return (
        label,
        seconds / repeat,
        cpu / repeat,
        len(ctx.captured_queries) / repeat,
        len(expanded) / repeat,
        added / repeat,
    )


def before_run(now):
    """The daily run as issue 16's first round left it: every live repeating
    series read, and its rule expanded from its first date up to the horizon,
    to append the dates after its last stored one."""
    from collections import defaultdict

    from django.db.models import Count, Max

    from wagtail_events.conf import events_settings
    from wagtail_events.models import Occurrence, OccurrenceChange, SiteVisitRun
    from wagtail_events.occurrences import extension, stored

    pages = list(stored.pages_to_extend())
    for start in range(0, len(pages), extension.BATCH_SIZE):
        chunk = pages[start : start + extension.BATCH_SIZE]
        ids = [page.pk for page in chunk]
        runs = defaultdict(list)
        for run in SiteVisitRun.objects.filter(page_id__in=ids):
            runs[run.page_id].append(run)
        last = {
            row["page_id"]: (row["last"], row["n"])
            for row in Occurrence.objects.filter(page_id__in=ids)
            .values("page_id")
            .order_by()
            .annotate(last=Max("original_start"), n=Count("pk"))
        }
        limit, new = events_settings.MAX_OCCURRENCES, {}
        for page in chunk:
            stored_last, count = last[page.pk]
            planned = extension.missing_dates(page, stored_last, now, runs[page.pk])
            if planned and (not limit or count + len(planned) <= limit):
                new[page] = planned
        if not new:
            continue
        changes = defaultdict(list)
        for change in OccurrenceChange.objects.filter(
            page_id__in=[page.pk for page in new],
            original_start__gt=min(last[page.pk][0] for page in new),
        ):
            changes[change.page_id].append(change)
        rows = [
            row
            for page, planned in new.items()
            for row in stored.rows_of(page, planned, changes[page.pk])
        ]
        Occurrence.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)


def run(args):
    from django.db import connection, transaction

    from tests import factories as f
    from wagtail_events.models import Occurrence
    from wagtail_events.occurrences import stored
    from wagtail_events.occurrences.extension import extend_horizon

    count = args.count
    with transaction.atomic():
        index = f.event_index()
        now = build(index, count)
    day = datetime.timedelta(days=1)

    def former(when):
        def run_former(_i):
            pages = stored.pages_to_extend().prefetch_related("occurrence_changes")
            for page in pages.iterator(chunk_size=500):
                stored.materialise(page, when, runs=[])

        return run_former

    rows = [
        measure(
            "First run after the upgrade, the day they were published",
            lambda _i: extend_horizon(now=now),
        ),
        measure("Daily run, one day later", lambda _i: extend_horizon(now=now + day)),
        measure(
            "Daily run, again the same day", lambda _i: extend_horizon(now=now + day)
        ),
        measure(
            "Daily runs, the 7 days after (mean)",
            lambda i: extend_horizon(now=now + (2 + i) * day),
            repeat=7,
        ),
        measure(
            "Before: every series from its first date, one day later",
            lambda _i: before_run(now + 9 * day),
        ),
    ]
    if count <= args.former_up_to:
        rows.append(
            measure(
                "Before that: every series in full, a day later", former(now + 10 * day)
            )
        )
    total = Occurrence.objects.count()
    args.results.append((count, total, connection.vendor, rows))


def one_size(count, former_up_to):
    args = argparse.Namespace(count=count, former_up_to=former_up_to, results=[])
    run_with_throwaway_database(run, args)
    return args.results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument(
        "--former-up-to",
        type=int,
        default=1_000,
        help="time the run before the first round (every series in full) up to "
        "this many events",
    )
    args = parser.parse_args()
    args.results = []
    for count in args.events:
        started = time.perf_counter()
        # A process per size: Django's settings, and so the throwaway database,
        # are read once per process.
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
            args.results += pool.submit(one_size, count, args.former_up_to).result()
        print(
            f"  {count:,} events: {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
    vendor = args.results[0][2]
    print(f"Extending the horizon of repeating events ({vendor}):\n")
    print(
        "| Events | Stored dates | Run | Time (s) | CPU (s) | SQL queries | "
        "Events expanded | Dates added |"
    )
    print("|---:|---:|---|---:|---:|---:|---:|---:|")
    for count, total, _vendor, rows in args.results:
        for label, seconds, cpu, queries, expanded, added in rows:
            print(
                f"| {count:,} | {total:,} | {label} | {seconds:,.2f} | {cpu:,.2f} | "
                f"{queries:,.0f} | {expanded:,.0f} | {added:,.0f} |"
            )


if __name__ == "__main__":
    main()
