"""How long the daily extension of the horizon (``extend_occurrences``) takes for
1,000 and 10,000 repeating events, and how many SQL queries it needs.

Run from the repository root:  python benchmarks/horizon.py [--events 1000 10000]

For each size it uses a throwaway database (as ``listing.py``: SQLite unless
DATABASE_URL names PostgreSQL), builds one index of N live repeating events in
Brussels, published over the past half year (weekly without end; one in ten
daily, one in ten weekly on two days with an EXDATE; one date in nine cancelled,
one in thirteen moved), pages and dates inserted in bulk as in ``listing.py``,
and times:

* the first run, the day they were published (nothing new);
* the daily run one day later (one day's dates appended);
* a second run that day (nothing new);
* for comparison (up to 1,000 events: it takes minutes beyond), the former
  run, which expanded and compared every series in full (``stored.materialise``
  for each event), one day later again.
"""

import argparse
import datetime
import random
import sys
import time
import uuid

from harness import run_with_throwaway_database
from listing import insert


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
        rule = (
            "RRULE:FREQ=DAILY"
            if n % 10 == 0
            else "RRULE:FREQ=WEEKLY;BYDAY=MO,TH\nEXDATE:"
            f"{day + datetime.timedelta(days=70):%Y%m%d}T000000Z"
            if n % 10 == 1
            else "RRULE:FREQ=WEEKLY"
        )
        start = f.local(day.year, day.month, day.day, rng.randint(9, 19))
        slug = f"series-{n}"
        pages.append(
            Page(
                title=f"Series {n}",
                draft_title=f"Series {n}",
                slug=slug,
                path=Page._get_path(index.path, index.depth + 1, n + 1),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                content_type=content_type,
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                locale_id=index.locale_id,
                translation_key=uuid.uuid4(),
            )
        )
        events.append(
            {
                "start": start,
                "end": start + datetime.timedelta(hours=2),
                "time_zone": f.BRUSSELS,
                "venue": venue,
                "recurrence": rule,
            }
        )
    Page.objects.bulk_create(pages, batch_size=2000)
    ids = dict(
        Page.objects.filter(path__startswith=index.path, depth=index.depth + 1)
        .values_list("path", "pk")
        .iterator()
    )
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


def measure(label, function):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wagtail_events.models import Occurrence

    before = Occurrence.objects.count()
    with CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        function()
        seconds = time.perf_counter() - started
    added = Occurrence.objects.count() - before
    return label, seconds, len(ctx.captured_queries), added


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
        def run_former():
            pages = stored.pages_to_extend().prefetch_related("occurrence_changes")
            for page in pages.iterator(chunk_size=500):
                stored.materialise(page, when, runs=[])

        return run_former

    rows = [
        measure(
            "First run, the day they were published", lambda: extend_horizon(now=now)
        ),
        measure("Daily run, one day later", lambda: extend_horizon(now=now + day)),
        measure("Daily run, again the same day", lambda: extend_horizon(now=now + day)),
    ]
    if count <= args.former_up_to:
        rows.append(measure("Former run, one day later again", former(now + 2 * day)))
    total = Occurrence.objects.count()
    args.results.append((count, total, connection.vendor, rows))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument(
        "--former-up-to",
        type=int,
        default=1_000,
        help="time the former run (every series in full) up to this many events",
    )
    args = parser.parse_args()
    args.results = []
    for count in args.events:
        args.count = count
        started = time.perf_counter()
        run_with_throwaway_database(run, args)
        print(
            f"  {count:,} events: {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
    vendor = args.results[0][2]
    print(f"Extending the horizon of repeating events ({vendor}):\n")
    print("| Events | Stored dates | Run | Time (s) | SQL queries | Dates added |")
    print("|---:|---:|---|---:|---:|---:|")
    for count, total, _vendor, rows in args.results:
        for label, seconds, queries, added in rows:
            print(
                f"| {count:,} | {total:,} | {label} | {seconds:,.2f} | {queries:,} | "
                f"{added:,} |"
            )


if __name__ == "__main__":
    main()
