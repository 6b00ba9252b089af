"""The daily extension of the horizon: each live repeating event gets the dates
that came within ``WAGTAIL_EVENTS_OCCURRENCE_HORIZON_DAYS`` since it was last
extended, and nothing else is read or written.

Publishing an event rewrites all its dates (``stored.materialise``: a rule or a
date may have changed); the daily run only appends. For each event it reads the
start of its last stored date (one aggregate query per batch of events), expands
the rule from there to the new horizon, in the event's wall-clock time (a weekly
10:00 stays 10:00 across a clock change, as on publishing), applies the editor's
changes to those dates (cancelled or moved: read for the new dates only), and
inserts the new rows in bulk. A run with nothing new costs three queries per
batch of events and writes nothing; one run a day later writes one day's dates.
What remains per event is expanding its rule (dateutil counts from the first
date), a few milliseconds for a daily series a year old.

Two runs at once (two workers, cron and a worker) do not crash or store a date
twice: the rows are inserted ignoring the ones the unique constraint (``page``,
``original_start``) already holds.

Events that have no dates stored yet (published before dates were stored) and
series whose dates would pass ``WAGTAIL_EVENTS_MAX_OCCURRENCES`` are written in
full, as on publishing, the latter so that their oldest dates are dropped.
"""

import datetime
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.db.models import Count, Max

from ..conf import events_settings
from ..localtime import to_local
from ..models import Occurrence, OccurrenceChange, SiteVisitRun
from .rules import horizon, planned_occurrences
from .stored import materialise, pages_to_extend, rows_of


BATCH_SIZE = 500
# Rows per INSERT: well under SQLite's limit of variables per statement.
INSERT_BATCH_SIZE = 500


def extend_horizon(now=None, chunk_size=BATCH_SIZE):
    """Bring every live repeating event's dates up to the horizon, appending only
    the missing ones; fill in live events without any. Returns how many events
    were brought up to date (whether or not they had new dates)."""
    count = 0
    for chunk in _chunks(pages_to_extend().iterator(chunk_size=chunk_size), chunk_size):
        count += _extend_chunk(chunk, now)
    return count


def _extend_chunk(pages, now):
    ids = [page.pk for page in pages]
    runs = defaultdict(list)
    for run in SiteVisitRun.objects.filter(page_id__in=ids):
        runs[run.page_id].append(run)
    stored = {
        row["page_id"]: (row["last"], row["n"])
        for row in Occurrence.objects.filter(page_id__in=ids)
        .values("page_id")
        .order_by()
        .annotate(last=Max("original_start"), n=Count("pk"))
    }
    limit = events_settings.MAX_OCCURRENCES
    new = {}
    for page in pages:
        last, stored_count = stored.get(page.pk, (None, 0))
        if last is not None:
            planned = missing_dates(page, last, now, runs[page.pk])
            if not limit or stored_count + len(planned) <= limit:
                if planned:
                    new[page] = planned
                continue
        _rewrite(page, now, list(page.occurrence_changes.all()), runs[page.pk])
    if new:
        # The editor's changes to the new dates only, in one query.
        changes = defaultdict(list)
        for change in OccurrenceChange.objects.filter(
            page_id__in=[page.pk for page in new],
            original_start__gt=min(stored[page.pk][0] for page in new),
        ):
            changes[change.page_id].append(change)
        rows = [
            row
            for page, planned in new.items()
            for row in rows_of(page, planned, changes[page.pk])
        ]
        # ignore_conflicts: a date another run inserted meanwhile is left as it is.
        Occurrence.objects.bulk_create(
            rows, batch_size=INSERT_BATCH_SIZE, ignore_conflicts=True
        )
    return len(pages)


def missing_dates(page, last, now=None, runs=()):
    """The page's planned dates (``rules.planned_occurrences``) after ``last``
    (the original start of its last stored date, aware) up to the horizon."""
    # A day's margin: a site visit's further runs start after the date's own
    # start, and the date of a run stored last must be expanded again to be
    # left out by its original start, below.
    since = to_local(last, page.time_zone) - datetime.timedelta(days=1)
    return [
        date
        for date in planned_occurrences(
            page, now, runs=runs, until=horizon(page, now), limit=0, since=since
        )
        if date[0] > last
    ]


def _rewrite(page, now, changes, runs):
    """Every date of the page, as on publishing."""
    try:
        with transaction.atomic():
            materialise(page, now, changes=changes, runs=runs)
    except IntegrityError:
        # Another run wrote the same dates at the same moment: they are there.
        pass


def _chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
