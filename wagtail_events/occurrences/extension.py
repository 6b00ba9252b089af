"""The daily extension of the horizon: each live repeating event that has a date
coming within ``WAGTAIL_EVENTS_OCCURRENCE_HORIZON_DAYS`` gets the dates that
came within it since it was last extended, and nothing else is read or written.

Publishing an event rewrites all its dates (``stored.materialise``: a rule or a
date may have changed) and stores where they end (``ahead``: the wall-clock
start of its first date not stored, and where each rule may resume). The daily
run selects, in one query, the live events whose next date starts before the
new horizon (and those without that record, published before it existed, or
whose record was worked out for another start, zone or rule: the record keeps
copies of them, compared in the query, so a series changed without publishing
is written in full even when its old rule gave no more dates);
every other series costs nothing, however many there are. It expands each due
event from its next date only, in its wall-clock time (a weekly 10:00 stays
10:00 across a clock change, as on publishing), applies the editor's changes
to those dates (cancelled or moved: read for the new dates only), inserts the
new rows in bulk and moves each event's record on, in bulk. So a run costs time
in proportion to the events with new dates and their new dates; a run with
nothing due costs one query.

Two runs at once (two workers, cron and a worker) do not crash or store a date
twice: the rows are inserted ignoring the ones the unique constraint (``page``,
``original_start``) already holds, and both write the same record.

Events that have no dates stored yet (published before dates were stored),
series whose record was worked out for another rule (changed without
publishing), and series whose dates would pass ``WAGTAIL_EVENTS_MAX_OCCURRENCES``
are written in full, as on publishing, the last so that their oldest dates are
dropped.
"""

import datetime
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.db.models import Count, ExpressionWrapper, F, Max, Q, TextField
from django.utils import timezone

from ..conf import events_settings
from ..localtime import to_local
from ..models import (
    EventPage,
    Occurrence,
    OccurrenceChange,
    OccurrenceHorizon,
    SiteVisitRun,
)
from . import ahead
from .rules import horizon, planned_occurrences
from .stored import materialise, rows_of


BATCH_SIZE = 500
# Rows per INSERT: well under SQLite's limit of variables per statement.
INSERT_BATCH_SIZE = 500


def extend_horizon(now=None, chunk_size=BATCH_SIZE):
    """Bring every live repeating event's dates up to the horizon, appending only
    the missing ones, reading and expanding only the events that have some;
    fill in live events without any. Returns how many events were extended."""
    now = now or timezone.now()
    count = 0
    pages = due_pages(now).iterator(chunk_size=chunk_size)
    for chunk in _chunks(pages, chunk_size):
        count += _extend_chunk(chunk, now)
    return count


def due_pages(now=None):
    """Live, dated events that may have a date coming within the horizon at
    ``now``: their next date not stored starts before the latest wall-clock
    horizon of any zone (each is compared with its own in ``_extend_chunk``),
    or they have no record of where their dates end, or one worked out for
    another start, zone or rule."""
    now = now or timezone.now()
    return (
        EventPage.objects.live()
        .exclude(date_to_be_announced=True)
        .filter(
            Q(occurrence_horizon__isnull=True)
            | Q(occurrence_horizon__next_start__lte=ahead.latest_due(now))
            | _another_rule()
        )
        # The rule as its column holds it, for the record's copy of it.
        .annotate(
            **{
                ahead.RECURRENCE_TEXT: ExpressionWrapper(
                    F("recurrence"), output_field=TextField()
                )
            }
        )
        .select_related("occurrence_horizon")
        # What expanding reads; not the page's content (the run reads many
        # pages whose next date is not due after all).
        .only(
            *_READ,
            *(f"occurrence_horizon__{name}" for name in ahead.FIELDS),
        )
        .order_by("pk")
    )


def _another_rule():
    """Events whose record was worked out for another start, zone or rule: one
    of its copies differs from the page's field."""
    condition = Q()
    for name in ahead.RULE_FIELDS:
        copy = f"occurrence_horizon__{name}"
        # Compared without NOT: a negated comparison of the (nullable) start
        # would make a page and record both without a start due every day.
        condition |= Q(**{f"{copy}__lt": F(name)}) | Q(**{f"{copy}__gt": F(name)})
    return (
        condition
        | Q(occurrence_horizon__start__isnull=True, start__isnull=False)
        | Q(occurrence_horizon__start__isnull=False, start__isnull=True)
    )


_READ = (
    "start",
    "end",
    "time_zone",
    "recurrence",
    "all_day",
    "date_to_be_announced",
    "content_type",
)


def _horizon_of(page):
    try:
        return page.occurrence_horizon
    except OccurrenceHorizon.DoesNotExist:
        return None


def _extend_chunk(pages, now):
    resumed, unrecorded, rewrite = [], [], []
    for page in pages:
        row, until = _horizon_of(page), horizon(page, now)
        if row is None:
            unrecorded.append((page, until))
            continue
        points = ahead.resume_points(page, row)
        if points is None:
            # Worked out for another rule (even one that gave no more dates).
            rewrite.append(page)
        elif row.next_start and ahead.as_wall_clock(row.next_start) <= until:
            resumed.append((page, until, row, points))
        # Otherwise its next date is after its own horizon: nothing to do.
    ids = [p.pk for p in rewrite] + [p[0].pk for p in resumed + unrecorded]
    if not ids:
        return 0
    runs = defaultdict(list)
    for run in SiteVisitRun.objects.filter(page_id__in=ids):
        runs[run.page_id].append(run)
    limit = events_settings.MAX_OCCURRENCES
    new, records = {}, []
    for page, until, row, points in resumed:
        planned = planned_occurrences(
            page,
            now,
            runs=runs[page.pk],
            until=until,
            limit=0,
            since=ahead.as_wall_clock(row.next_start),
            resume=points,
        )
        if limit and row.dates + len(planned) > limit:
            rewrite.append(page)
            continue
        new[page] = planned
        records.append(ahead.horizon_row(page, until, row.dates + len(planned), points))
    for page, until, planned, stored_count in _unrecorded(unrecorded, runs, now):
        if planned is None or (limit and stored_count + len(planned) > limit):
            rewrite.append(page)
            continue
        new[page] = planned
        records.append(ahead.horizon_row(page, until, stored_count + len(planned)))
    for page in rewrite:
        _rewrite(page, now, list(page.occurrence_changes.all()), runs[page.pk])
    _insert(new)
    # After the dates: a run stopped in between finds the old record and
    # inserts the same dates again, ignored.
    ahead.save_rows(records)
    return len(ids)


def _unrecorded(items, runs, now):
    """(page, horizon, its missing dates or None when it has none stored, how
    many it has) of events without a record: from their last stored date, the
    rule expanded from its first (as before records existed)."""
    if not items:
        return
    stored = {
        row["page_id"]: (row["last"], row["n"])
        for row in Occurrence.objects.filter(page_id__in=[p.pk for p, _u in items])
        .values("page_id")
        .order_by()
        .annotate(last=Max("original_start"), n=Count("pk"))
    }
    for page, until in items:
        last, count = stored.get(page.pk, (None, 0))
        if last is None:
            yield page, until, None, 0
        else:
            yield page, until, missing_dates(page, last, now, runs[page.pk]), count


def _insert(new):
    """The rows of the new dates, with the editor's changes to them (read in one
    query), inserted in bulk."""
    new = {page: planned for page, planned in new.items() if planned}
    if not new:
        return
    changes = defaultdict(list)
    for change in OccurrenceChange.objects.filter(
        page_id__in=[page.pk for page in new],
        original_start__gte=min(planned[0][0] for planned in new.values()),
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
    """Every date of the page, as on publishing (which records where they end)."""
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
