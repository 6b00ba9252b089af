"""Where an event's stored dates end (``occurrences.ahead``): its next date after
a point, and resuming a rule's expansion from a later date it gives, which must
give the very dates the expansion from the first date gives."""

import datetime
import random
from types import SimpleNamespace

import pytest
import recurrence as django_recurrence

from tests import factories as f
from wagtail_events.occurrences import ahead
from wagtail_events.occurrences.rules import local_starts


def event(start, rule, zone=f.BRUSSELS):
    """An event's fields, as the expansion reads them (no database)."""
    return SimpleNamespace(
        pk=None,
        start=start,
        end=start + datetime.timedelta(hours=1),
        time_zone=zone,
        recurrence=django_recurrence.deserialize(rule),
    )


def _random_rule(rng):
    freq = rng.choice(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"])
    parts = [f"FREQ={freq}", f"INTERVAL={rng.choice([1, 1, 2, 3])}"]
    if freq in ("WEEKLY", "DAILY") and rng.random() < 0.6:
        days = rng.sample(["MO", "TU", "WE", "TH", "FR", "SA", "SU"], rng.randint(1, 3))
        parts.append("BYDAY=" + ",".join(days))
    if freq == "MONTHLY":
        choice = rng.random()
        if choice < 0.3:
            parts.append(f"BYMONTHDAY={rng.choice([1, 15, 28, 31, -1])}")
        elif choice < 0.6:
            parts.append(f"BYDAY={rng.choice(['+1TU', '-1FR', '+2SA', '+3WE'])}")
    if freq == "YEARLY" and rng.random() < 0.5:
        parts.append(f"BYMONTH={rng.randint(1, 12)}")
    if rng.random() < 0.3:
        parts.append("UNTIL=20290615T000000Z")
    return "RRULE:" + ";".join(parts)


def test_resuming_from_a_later_date_gives_the_same_dates_for_many_rules():
    rng = random.Random(16)
    until = datetime.datetime(2030, 1, 1)
    for _ in range(150):
        rule = _random_rule(rng)
        page = event(
            f.local(2025, rng.randint(1, 12), rng.randint(1, 28), rng.randint(8, 20)),
            rule,
        )
        everything = local_starts(page, until)
        if len(everything) < 4:
            continue
        stored_until = everything[rng.randint(1, len(everything) - 3)]
        following, points = ahead.next_start(page, stored_until)
        assert points and all(points), rule
        resume = [datetime.datetime.fromisoformat(p) for p in points]
        assert following == next(s for s in everything if s > stored_until), rule
        resumed = local_starts(page, until, since=following, resume=resume)
        assert resumed == [s for s in everything if s >= following], rule


def test_count_and_weekly_bysetpos_are_expanded_from_the_first_date():
    page = event(f.local(2025, 3, 5, 10), "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=2")
    everything = local_starts(page, datetime.datetime(2025, 6, 1))
    # Resumed from a Wednesday (the second of its week), dateutil's week would
    # start that Wednesday and give its Friday as the second: another date.
    wednesday = everything[3]
    assert wednesday.weekday() == 2
    wrong = local_starts(
        page, datetime.datetime(2025, 6, 1), since=wednesday, resume=[wednesday]
    )
    assert wrong != [s for s in everything if s >= wednesday]
    # So it is never given a point to resume from; neither is a COUNT.
    assert ahead.next_start(page, wednesday)[1] == [""]
    counted = event(f.local(2025, 3, 5, 10), "RRULE:FREQ=DAILY;COUNT=10")
    assert ahead.next_start(counted, datetime.datetime(2025, 3, 8, 12)) == (
        datetime.datetime(2025, 3, 9, 10),
        [""],
    )


@pytest.mark.parametrize(
    ("rule", "after", "expected"),
    [
        # The tenth and last date is on 14 March.
        ("RRULE:FREQ=DAILY;COUNT=10", datetime.datetime(2025, 3, 14, 10), None),
        (
            "RRULE:FREQ=WEEKLY;UNTIL=20250402T000000Z",
            datetime.datetime(2025, 4, 2, 10),
            None,
        ),
        # UNTIL as a date includes that day.
        (
            "RRULE:FREQ=WEEKLY;UNTIL=20250402T000000Z",
            datetime.datetime(2025, 4, 1),
            datetime.datetime(2025, 4, 2, 10),
        ),
        # Two days left out, then an extra day beyond the rule.
        (
            "RRULE:FREQ=DAILY;UNTIL=20250320T000000Z\nEXDATE:20250319T000000Z,"
            "20250320T000000Z\nRDATE:20250501T000000Z",
            datetime.datetime(2025, 3, 18, 12),
            datetime.datetime(2025, 5, 1, 10),
        ),
        # Left out by an exclusion rule: every other week.
        (
            "RRULE:FREQ=WEEKLY\nEXRULE:FREQ=WEEKLY;INTERVAL=2",
            datetime.datetime(2025, 3, 5, 12),
            datetime.datetime(2025, 3, 12, 10),
        ),
        ("", datetime.datetime(2025, 3, 5, 12), None),
    ],
)
def test_the_next_date(rule, after, expected):
    page = event(f.local(2025, 3, 5, 10), rule)
    assert ahead.next_start(page, after)[0] == expected


def test_the_next_date_is_wall_clock_time_across_a_clock_change():
    # 02:30 does not exist on Sunday 30 March 2025 in Brussels: the rule still
    # gives it, as wall-clock time, and so does the record.
    page = event(f.local(2025, 3, 2, 2, 30), "RRULE:FREQ=WEEKLY")
    following, _points = ahead.next_start(page, datetime.datetime(2025, 3, 29))
    assert following == datetime.datetime(2025, 3, 30, 2, 30)
    assert ahead.as_wall_clock(ahead.as_stored(following)) == following


def test_the_record_knows_the_rule_it_was_worked_out_for():
    page = event(f.local(2025, 3, 5, 10), "RRULE:FREQ=WEEKLY")
    row = ahead.horizon_row(page, datetime.datetime(2025, 4, 1), dates=4)
    assert ahead.resume_points(page, row) == [datetime.datetime(2025, 4, 2, 10)]
    page.recurrence = django_recurrence.deserialize("RRULE:FREQ=DAILY")
    assert ahead.resume_points(page, row) is None
