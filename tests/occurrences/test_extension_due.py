"""The daily run in proportion to what is new (``occurrences.extension`` with
``occurrences.ahead``): only the events with a date coming within the horizon
are read and expanded, each from its next date; what it stores is what
publishing would store."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests import factories as f
from wagtail_events.localtime import to_local
from wagtail_events.models import EventPage, Occurrence, OccurrenceHorizon
from wagtail_events.occurrences import ahead, extension, recurrence
from wagtail_events.occurrences.extension import extend_horizon


pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("short_horizon"),
]

UTC = datetime.UTC
DAY = datetime.timedelta(days=1)
NOW = datetime.datetime(2025, 5, 1, 12, tzinfo=UTC)


@pytest.fixture
def short_horizon(settings):
    settings.WAGTAIL_EVENTS_OCCURRENCE_HORIZON_DAYS = 30


@pytest.fixture
def expanded(monkeypatch):
    """The pages the run expands, one entry per expansion."""
    pages = []
    planned = extension.planned_occurrences

    def counting(page, *args, **kwargs):
        pages.append(page.pk)
        return planned(page, *args, **kwargs)

    monkeypatch.setattr(extension, "planned_occurrences", counting)
    return pages


def series(index, start, rule, now=NOW, **fields):
    page = f.repeating(
        index, start, start + datetime.timedelta(hours=1), rule, **fields
    )
    recurrence.materialise(page, now=now)
    return page


def stored(pages=None):
    rows = Occurrence.objects.order_by("page_id", "original_start")
    if pages is not None:
        rows = rows.filter(page__in=pages)
    return list(
        rows.values_list("page_id", "original_start", "start", "end", "cancelled")
    )


def test_only_the_series_with_a_new_date_are_expanded(index, expanded):
    daily = series(index, f.local(2025, 4, 20, 10), "RRULE:FREQ=DAILY")
    # Thursdays (1 May 2025 is one).
    weekly = series(index, f.local(2025, 4, 17, 18), "RRULE:FREQ=WEEKLY")
    ended = series(index, f.local(2025, 4, 20, 10), "RRULE:FREQ=DAILY;COUNT=5")
    until = series(
        index, f.local(2025, 4, 20, 10), "RRULE:FREQ=DAILY;UNTIL=20250520T000000Z"
    )
    one_off = f.panel(index, f.local(2025, 6, 1, 10), f.local(2025, 6, 1, 11))
    assert OccurrenceHorizon.objects.get(page=ended).next_start is None
    assert OccurrenceHorizon.objects.get(page=one_off).next_start is None
    for day in range(1, 15):
        extend_horizon(now=NOW + day * DAY)
    assert expanded.count(daily.pk) == 14
    # The horizon passed Thursday 5 and 12 June: one day in seven.
    assert expanded.count(weekly.pk) == 2
    assert ended.pk not in expanded and until.pk not in expanded
    assert one_off.pk not in expanded
    later = NOW + 14 * DAY
    extended = stored()
    for page in (daily, weekly, ended, until, one_off):
        recurrence.materialise(EventPage.objects.get(pk=page.pk), now=later)
    assert stored() == extended


def test_a_run_with_nothing_due_costs_one_query_and_expands_nothing(
    index, expanded, django_assert_num_queries, monkeypatch
):
    for n in range(6):
        series(index, f.local(2025, 4, 1 + n, 10), "RRULE:FREQ=WEEKLY")
    f.site_visit(
        index,
        f.local(2025, 4, 2, 9),
        f.local(2025, 4, 2, 10),
        runs=[(f.local(2025, 4, 2, 14), f.local(2025, 4, 2, 15))],
        recurrence="RRULE:FREQ=MONTHLY",
    )
    extend_horizon(now=NOW)  # everything is stored up to the horizon already
    expanded.clear()
    with monkeypatch.context() as patch:
        patch.setattr(ahead, "next_start", lambda *a, **k: pytest.fail("expanded"))
        with django_assert_num_queries(1):
            assert extend_horizon(now=NOW) == 0
    assert expanded == []
    # The next day the Thursday series (3 April) is due: the due events, the
    # runs of site visits, the editor's changes, the new dates, the records.
    with django_assert_num_queries(5):
        assert extend_horizon(now=NOW + DAY) == 1
    assert len(expanded) == 1


def test_a_published_change_of_rule_gives_the_series_its_new_next_date(index):
    page = series(index, f.local(2025, 4, 17, 18), "RRULE:FREQ=MONTHLY")
    before = OccurrenceHorizon.objects.get(page=page)
    assert ahead.as_wall_clock(before.next_start) == datetime.datetime(2025, 6, 17, 18)
    page.recurrence = "RRULE:FREQ=DAILY"
    page.save_revision().publish()
    after = OccurrenceHorizon.objects.get(page=page)
    assert after.recurrence != before.recurrence
    # Published now: its dates reach 30 days from now, the next one at 18:00.
    ahead_now = to_local(timezone.now(), page.time_zone) + 30 * DAY
    expected = datetime.datetime.combine(ahead_now.date(), datetime.time(18))
    if expected <= ahead_now:
        expected += DAY
    assert ahead.as_wall_clock(after.next_start) == expected
    assert page.occurrences.order_by("start").last().start < ahead.as_stored(
        expected
    ).replace(tzinfo=ZoneInfo(page.time_zone))


def test_a_rule_changed_without_publishing_is_written_in_full(index):
    page = series(index, f.local(2025, 4, 20, 10), "RRULE:FREQ=WEEKLY")
    EventPage.objects.filter(pk=page.pk).update(recurrence="RRULE:FREQ=DAILY")
    later = NOW + 3 * DAY
    extend_horizon(now=later)
    extended = stored([page])
    recurrence.materialise(EventPage.objects.get(pk=page.pk), now=later)
    assert stored([page]) == extended
    assert len(extended) > 40


@pytest.mark.parametrize(
    "change",
    [
        {"recurrence": "RRULE:FREQ=DAILY"},
        {"start": f.local(2025, 4, 5, 10), "end": f.local(2025, 4, 5, 11)},
        # Across Brussels' clock change: New York's came earlier.
        {"time_zone": "America/New_York"},
    ],
)
def test_an_ended_series_changed_without_publishing_is_written_in_full(index, change):
    # Its rule gave no more dates: its record's next date is empty.
    page = series(index, f.local(2025, 3, 29, 10), "RRULE:FREQ=DAILY;COUNT=3")
    assert OccurrenceHorizon.objects.get(page=page).next_start is None
    EventPage.objects.filter(pk=page.pk).update(**change)  # a script, a migration
    for day in range(1, 4):
        extend_horizon(now=NOW + day * DAY)
    extended = stored([page])
    recurrence.materialise(EventPage.objects.get(pk=page.pk), now=NOW + 3 * DAY)
    assert stored([page]) == extended
    # Its record is for the page's rule again: an ended series is not due.
    row = OccurrenceHorizon.objects.get(page=page)
    assert ahead.resume_points(EventPage.objects.get(pk=page.pk), row) is not None
    due = extension.due_pages(NOW + 4 * DAY).filter(pk=page.pk).exists()
    assert due == (row.next_start is not None)


def test_events_without_a_record_are_due_once(index, expanded):
    pages = [
        series(index, f.local(2025, 4, 20, 10), "RRULE:FREQ=DAILY"),
        series(index, f.local(2025, 4, 14, 9), "RRULE:FREQ=WEEKLY;BYDAY=MO,TH"),
    ]
    OccurrenceHorizon.objects.all().delete()  # published before the record existed
    extend_horizon(now=NOW + DAY)
    assert sorted(expanded) == sorted(p.pk for p in pages)
    assert OccurrenceHorizon.objects.count() == 2
    extended = stored()
    for page in pages:
        recurrence.materialise(EventPage.objects.get(pk=page.pk), now=NOW + DAY)
    assert stored() == extended
    expanded.clear()
    extend_horizon(now=NOW + DAY)
    assert expanded == []


def test_a_longer_horizon_brings_every_series_up_to_it(index, settings):
    pages = [
        series(index, f.local(2025, 4, 20, 10), "RRULE:FREQ=DAILY"),
        series(index, f.local(2025, 4, 17, 18), "RRULE:FREQ=MONTHLY;BYDAY=-1FR"),
    ]
    settings.WAGTAIL_EVENTS_OCCURRENCE_HORIZON_DAYS = 120
    extend_horizon(now=NOW)
    extended = stored()
    assert max(start for _p, start, *_rest in extended) > NOW + 100 * DAY
    for page in pages:
        recurrence.materialise(EventPage.objects.get(pk=page.pk), now=NOW)
    assert stored() == extended
    # A shorter one again: nothing is due, nothing is removed.
    settings.WAGTAIL_EVENTS_OCCURRENCE_HORIZON_DAYS = 30
    assert extend_horizon(now=NOW + DAY) == 0
    assert stored() == extended


@pytest.mark.parametrize(
    "rule",
    [
        "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SA",
        "RRULE:FREQ=MONTHLY;BYMONTHDAY=31",
        "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        "RRULE:FREQ=DAILY;COUNT=40",
        "RRULE:FREQ=DAILY;INTERVAL=3;UNTIL=20250620T000000Z",
        "RRULE:FREQ=WEEKLY\nEXDATE:20250527T000000Z\nRDATE:20250530T000000Z",
        "RRULE:FREQ=WEEKLY;BYDAY=TU\nRRULE:FREQ=MONTHLY;BYMONTHDAY=1",
        "RRULE:FREQ=DAILY\nEXRULE:FREQ=WEEKLY;BYDAY=SA,SU",
    ],
)
def test_day_after_day_the_run_stores_what_publishing_would(index, rule):
    page = series(
        index,
        f.local(2025, 4, 15, 10),
        rule,
        changes=[
            {"original_start": f.local(2025, 5, 20, 10), "action": "cancel"},
        ],
    )
    for day in range(1, 50, 2):
        extend_horizon(now=NOW + day * DAY)
    extended = stored([page])
    recurrence.materialise(EventPage.objects.get(pk=page.pk), now=NOW + 49 * DAY)
    assert stored([page]) == extended


def test_across_a_clock_change_the_resumed_dates_keep_their_wall_clock_time(index):
    # Weekly on Sunday at 02:30, which does not exist on 29 March 2026.
    start = datetime.datetime(2026, 1, 4, 1, 30, tzinfo=UTC)  # 02:30 in Brussels
    page = series(index, start, "RRULE:FREQ=WEEKLY", now=start)
    for day in range(1, 100, 3):
        extend_horizon(now=start + day * DAY)
    rows = list(page.occurrences.order_by("start"))
    local = [r.start.astimezone(f.local(2026, 1, 1).tzinfo) for r in rows]
    assert {s.strftime("%H:%M") for s in local} == {"02:30", "03:30"}
    assert [s.date() for s in local if s.strftime("%H:%M") == "03:30"] == [
        datetime.date(2026, 3, 29)
    ]
    extended = stored([page])
    recurrence.materialise(EventPage.objects.get(pk=page.pk), now=start + 97 * DAY)
    assert stored([page]) == extended


def test_a_run_that_stopped_before_moving_the_record_on_is_harmless(index):
    page = series(index, f.local(2025, 4, 20, 10), "RRULE:FREQ=DAILY")
    row = OccurrenceHorizon.objects.get(page=page)
    extend_horizon(now=NOW + 5 * DAY)
    # The record as it was before that run: its dates were inserted, then the
    # run stopped.
    OccurrenceHorizon.objects.filter(page=page).update(
        next_start=row.next_start, resume=row.resume, dates=row.dates
    )
    extend_horizon(now=NOW + 6 * DAY)
    starts = [s for _p, s, *_rest in stored([page])]
    assert len(starts) == len(set(starts))
    assert OccurrenceHorizon.objects.get(page=page).dates >= len(starts)
