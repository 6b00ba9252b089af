"""The daily extension of the horizon (``occurrences.extension``): only the
missing dates, in bulk, in the event's wall-clock time, with the editor's
changes; a run with nothing new reads a few rows and writes none."""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext, override_settings

from tests import factories as f
from wagtail_events.localtime import to_local
from wagtail_events.models import Occurrence, OccurrenceChange, OccurrenceHorizon
from wagtail_events.occurrences import recurrence
from wagtail_events.occurrences.extension import extend_horizon


pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("short_horizon"),
]

UTC = datetime.UTC
DAY = datetime.timedelta(days=1)


@pytest.fixture
def short_horizon(settings):
    settings.WAGTAIL_EVENTS_OCCURRENCE_HORIZON_DAYS = 30


def daily(index, start, rule="RRULE:FREQ=DAILY", hours=1, now=None, **fields):
    page = f.repeating(
        index, start, start + datetime.timedelta(hours=hours), rule, **fields
    )
    if now is not None:
        # Published "now": its dates reach 30 days after ``now``.
        recurrence.materialise(page, now=now)
    return page


def local_starts(page):
    return [
        to_local(start, page.time_zone)
        for start in page.occurrences.order_by("start").values_list("start", flat=True)
    ]


def writes(ctx):
    """The statements that did not only read (PostgreSQL reads an iterator
    through DECLARE ... CURSOR)."""
    return [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].split()[0] not in ("SELECT", "DECLARE")
    ]


def test_a_day_later_only_that_day_is_added_and_nothing_else_touched(index):
    now = datetime.datetime(2025, 5, 1, 12, tzinfo=UTC)
    page = daily(index, f.local(2025, 4, 20, 10), now=now)
    before = dict(page.occurrences.values_list("pk", "original_start"))
    assert max(local_starts(page)).date() == datetime.date(2025, 5, 31)

    with CaptureQueriesContext(connection) as ctx:
        assert extend_horizon(now=now + DAY) == 1
    after = dict(page.occurrences.values_list("pk", "original_start"))
    assert len(after) == len(before) + 1
    assert before.items() <= after.items()  # the stored rows are the same rows
    assert max(local_starts(page)) == datetime.datetime(2025, 6, 1, 10)
    written = writes(ctx)
    # The new date, then where the page's dates now end.
    assert len(written) == 2, written
    assert "wagtail_events_occurrence" in written[0]
    assert "wagtail_events_occurrencehorizon" in written[1]


def _many(index, count, now):
    venue = f.venue("Hall")
    for n in range(count):
        daily(index, f.local(2025, 4, 1 + n, 10), now=now, venue=venue)
        daily(
            index,
            f.local(2025, 4, 1 + n, 18),
            "RRULE:FREQ=WEEKLY;BYDAY=MO,TH",
            now=now,
            venue=venue,
        )
    visit = f.site_visit(
        index,
        f.local(2025, 4, 2, 9),
        f.local(2025, 4, 2, 10),
        runs=[(f.local(2025, 4, 2, 14), f.local(2025, 4, 2, 15))],
        recurrence="RRULE:FREQ=WEEKLY",
    )
    recurrence.materialise(visit, now=now)
    return visit


def count_extension_queries(now):
    with CaptureQueriesContext(connection) as ctx:
        extend_horizon(now=now)
    return ctx


def test_a_run_with_nothing_new_costs_the_same_few_queries_at_any_size(index):
    now = datetime.datetime(2025, 5, 1, 12, tzinfo=UTC)
    small, large = f.event_index(), f.event_index()
    _many(small, 2, now)
    small_ctx = count_extension_queries(now)
    _many(large, 8, now)
    stored = Occurrence.objects.count()
    large_ctx = count_extension_queries(now)
    assert Occurrence.objects.count() == stored
    assert len(small_ctx.captured_queries) == len(large_ctx.captured_queries)
    # The pages, the site visits' runs, the last stored dates.
    assert len(large_ctx.captured_queries) <= 3, large_ctx.captured_queries
    assert not writes(large_ctx)


def test_what_a_later_run_adds_is_what_publishing_then_would_store(index):
    now = datetime.datetime(2025, 5, 1, 12, tzinfo=UTC)
    visit = _many(index, 3, now)
    later = now + 10 * DAY
    extend_horizon(now=later)
    extended = sorted(
        Occurrence.objects.values_list("page_id", "original_start", "start", "end")
    )
    for page in recurrence.pages_to_extend():
        recurrence.materialise(page.specific, now=later)
    assert (
        sorted(
            Occurrence.objects.values_list("page_id", "original_start", "start", "end")
        )
        == extended
    )
    # A site visit's further runs are new dates too.
    visit_times = [start.time() for start in local_starts(visit)]
    assert visit_times.count(datetime.time(14)) == visit_times.count(datetime.time(9))
    assert max(local_starts(visit)).date() > (now + 30 * DAY).date()


@pytest.mark.parametrize(
    ("stored_until", "extended_until", "offsets"),
    [
        # The clocks go back on Sunday 26 October 2025: +02:00, then +01:00.
        (datetime.datetime(2025, 10, 1, 12, tzinfo=UTC), 40, ("+0200", "+0100")),
        # And forward on Sunday 29 March 2026: +01:00, then +02:00.
        (datetime.datetime(2026, 3, 10, 12, tzinfo=UTC), 30, ("+0100", "+0200")),
    ],
)
def test_dates_beyond_a_clock_change_keep_their_wall_clock_time(
    index, stored_until, extended_until, offsets
):
    page = daily(index, f.local(2025, 9, 1, 10), hours=2, now=stored_until)
    extend_horizon(now=stored_until + extended_until * DAY)
    rows = list(page.occurrences.order_by("start"))
    assert rows[-1].start > stored_until + 45 * DAY
    for row in rows:
        start = row.start.astimezone(f.local(2025, 1, 1).tzinfo)
        assert start.time() == datetime.time(10), start
        assert (row.end - row.start) == datetime.timedelta(hours=2)
    seen = {
        row.start.astimezone(f.local(2025, 1, 1).tzinfo).strftime("%z") for row in rows
    }
    assert set(offsets) <= seen


def test_excluded_cancelled_and_moved_dates_ahead_are_applied(index):
    now = datetime.datetime(2025, 5, 1, 12, tzinfo=UTC)
    rule = "RRULE:FREQ=DAILY\nEXDATE:20250610T000000Z"
    page = daily(index, f.local(2025, 4, 20, 10), rule=rule, now=now)
    OccurrenceChange.objects.create(
        page=page,
        original_start=f.local(2025, 6, 8, 10),
        action="cancel",
        note="Holiday",
    )
    OccurrenceChange.objects.create(
        page=page,
        original_start=f.local(2025, 6, 9, 10),
        action="move",
        new_start=f.local(2025, 6, 9, 14),
        new_end=f.local(2025, 6, 9, 15),
    )
    extend_horizon(now=now + 15 * DAY)
    by_day = {
        to_local(o.original_start, page.time_zone).date(): o
        for o in page.occurrences.all()
    }
    assert datetime.date(2025, 6, 10) not in by_day
    assert datetime.date(2025, 6, 11) in by_day
    assert by_day[datetime.date(2025, 6, 8)].cancelled
    assert by_day[datetime.date(2025, 6, 8)].note == "Holiday"
    moved = by_day[datetime.date(2025, 6, 9)]
    assert moved.start == f.local(2025, 6, 9, 14)
    assert moved.moved


def test_a_series_that_ended_gets_nothing_and_an_edited_rule_is_rewritten_on_publishing(
    index,
):
    now = datetime.datetime(2025, 5, 1, 12, tzinfo=UTC)
    page = daily(
        index, f.local(2025, 4, 20, 10), rule="RRULE:FREQ=DAILY;COUNT=5", now=now
    )
    assert len(local_starts(page)) == 5
    extend_horizon(now=now + 20 * DAY)
    assert len(local_starts(page)) == 5

    page.recurrence = "RRULE:FREQ=WEEKLY"
    page.save_revision().publish()
    extend_horizon(now=now + 21 * DAY)
    starts = local_starts(page)
    # Publishing rewrote the series: no daily date is left beside the weekly ones.
    assert all(
        (b - a) == datetime.timedelta(days=7)
        for a, b in zip(starts, starts[1:], strict=False)
    )


@override_settings(WAGTAIL_EVENTS_MAX_OCCURRENCES=40)
def test_a_series_at_its_limit_drops_its_oldest_dates(index):
    now = datetime.datetime(2025, 5, 1, 12, tzinfo=UTC)
    page = daily(index, f.local(2025, 4, 20, 10), now=now)
    assert local_starts(page)[0] == datetime.datetime(2025, 4, 22, 10)  # 42 dates
    extend_horizon(now=now + 5 * DAY)
    starts = local_starts(page)
    assert len(starts) == 40
    assert starts[0] == datetime.datetime(2025, 4, 27, 10)
    assert starts[-1] == datetime.datetime(2025, 6, 5, 10)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_at_once_store_each_date_once():
    assert connection.vendor == "postgresql", "run with a PostgreSQL DATABASE_URL"
    index = f.event_index()
    now = datetime.datetime(2025, 5, 1, 12, tzinfo=UTC)
    pages = [daily(index, f.local(2025, 4, 1 + n, 10), now=now) for n in range(6)]
    # Without dates nor record (published before either existed): in full.
    Occurrence.objects.filter(page=pages[0]).delete()
    OccurrenceHorizon.objects.filter(page=pages[0]).delete()
    later = now + 20 * DAY
    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            barrier.wait()
            extend_horizon(now=later)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for page in pages:
        starts = local_starts(page)
        assert len(starts) == len(set(starts))
        assert starts[-1].date() == datetime.date(2025, 6, 20)
        # Both runs moved the record on to the same next date.
        record = OccurrenceHorizon.objects.get(page=page)
        assert record.next_start == datetime.datetime(2025, 6, 21, 10, tzinfo=UTC)
        assert record.dates >= len(starts)
