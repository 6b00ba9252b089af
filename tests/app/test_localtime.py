"""Wall-clock time in an event's own zone: conversions, DST gaps and folds."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from wagtail_events.localtime import (
    from_local,
    get_zone,
    to_local,
    validate_time_zone,
    zone_choices,
)


UTC = datetime.UTC


def naive(*args):
    return datetime.datetime(*args)


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("local", "zone", "expected_utc"),
    [
        (naive(2024, 4, 19, 9, 0), "Europe/Brussels", utc(2024, 4, 19, 7, 0)),
        (naive(2024, 1, 19, 9, 0), "Europe/Brussels", utc(2024, 1, 19, 8, 0)),
        (naive(2024, 7, 1, 9, 0), "America/New_York", utc(2024, 7, 1, 13, 0)),
        (naive(2024, 12, 1, 9, 0), "America/New_York", utc(2024, 12, 1, 14, 0)),
        (naive(2024, 6, 1, 9, 0), "Asia/Kolkata", utc(2024, 6, 1, 3, 30)),
        (naive(2024, 6, 1, 9, 0), "UTC", utc(2024, 6, 1, 9, 0)),
    ],
)
def test_from_local_and_back(local, zone, expected_utc):
    aware = from_local(local, zone)
    assert aware == expected_utc
    assert aware.tzinfo == UTC
    assert to_local(aware, zone) == local
    assert to_local(expected_utc, zone) == local


def test_to_local_is_naive_and_none_stays_none():
    value = to_local(utc(2024, 3, 31, 1, 0), "Europe/Brussels")
    assert value == naive(2024, 3, 31, 3, 0)
    assert value.tzinfo is None
    assert to_local(None, "Europe/Brussels") is None


def test_to_local_of_an_aware_value_in_another_zone():
    tokyo = datetime.datetime(2024, 4, 19, 16, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert to_local(tokyo, "Europe/Brussels") == naive(2024, 4, 19, 9, 0)


@pytest.mark.parametrize(
    ("local", "zone"),
    [
        (naive(2024, 3, 31, 2, 30), "Europe/Brussels"),
        (naive(2024, 3, 31, 2, 0), "Europe/Brussels"),
        (naive(2024, 3, 31, 2, 59), "Europe/Brussels"),
        (naive(2024, 3, 10, 2, 15), "America/New_York"),
    ],
)
def test_gap_when_clocks_go_forward_is_refused(local, zone):
    with pytest.raises(ValidationError) as excinfo:
        from_local(local, zone)
    error = excinfo.value
    assert error.code == "nonexistent_time"
    message = error.messages[0]
    assert local.strftime("%Y-%m-%d %H:%M") in message
    assert zone in message
    assert "does not exist" in message
    assert "clocks go forward" in message


def test_times_around_the_gap_exist():
    zone = "Europe/Brussels"
    assert from_local(naive(2024, 3, 31, 1, 59), zone) == utc(2024, 3, 31, 0, 59)
    assert from_local(naive(2024, 3, 31, 3, 0), zone) == utc(2024, 3, 31, 1, 0)


def test_fold_when_clocks_go_back_takes_the_first_occurrence():
    # 02:30 happens twice in Brussels on 27 October 2024: at 00:30 and 01:30 UTC.
    zone = "Europe/Brussels"
    aware = from_local(naive(2024, 10, 27, 2, 30), zone)
    assert aware == utc(2024, 10, 27, 0, 30)
    assert to_local(aware, zone) == naive(2024, 10, 27, 2, 30)
    # The second 02:30 reads back as 02:30 too.
    assert to_local(utc(2024, 10, 27, 1, 30), zone) == naive(2024, 10, 27, 2, 30)


def test_fold_hour_length_is_kept():
    # A session from 01:30 to 03:30 on the night the clocks go back lasts 3 hours.
    zone = "Europe/Brussels"
    start = from_local(naive(2024, 10, 27, 1, 30), zone)
    end = from_local(naive(2024, 10, 27, 3, 30), zone)
    assert end - start == datetime.timedelta(hours=3)


def test_zone_choices_are_sorted_iana_names():
    choices = zone_choices()
    names = [name for name, label in choices]
    assert names == sorted(names)
    assert ("Europe/Brussels", "Europe/Brussels") in choices
    assert "America/New_York" in names
    assert all(name == label for name, label in choices)


def test_get_zone():
    assert get_zone("Europe/Brussels") == ZoneInfo("Europe/Brussels")


def test_validate_time_zone():
    validate_time_zone("Europe/Brussels")
    validate_time_zone("UTC")
    for bad in ("Mars/Olympus_Mons", "", "../etc/passwd", "Europe/"):
        with pytest.raises(ValidationError) as excinfo:
            validate_time_zone(bad)
        assert excinfo.value.code == "invalid_time_zone"
