"""Events made of several dated things in the index: a conference held on several
days is listed as its parts, a series once with its next (or last) meeting, in a
number of queries that does not grow with the events."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import factories as f
from wagtail_events.occurrences import listing, parts


pytestmark = pytest.mark.django_db


def days(n, hours=0):
    return timezone.now().replace(microsecond=0, second=0) + datetime.timedelta(
        days=n, hours=hours
    )


def two_part_forum(index, first=(2020, 12, 2), second=(2020, 12, 3), **fields):
    conference = f.conference(
        index,
        start=f.local(*first, 14),
        end=f.local(*second, 12),
        title=fields.pop("title", "Online forum"),
        **fields,
    )
    f.panel(conference, f.local(*first, 14), f.local(*first, 15, 30))
    f.workshop(conference, f.local(*second, 10, 30), f.local(*second, 12))
    return conference


def hours(part):
    return (part.local_start.isoformat(), part.local_end.isoformat())


def test_a_conference_on_two_days_has_a_part_per_day(index):
    forum = two_part_forum(index)
    assert [hours(p) for p in parts.parts_by_event([forum])[forum.pk]] == [
        ("2020-12-02T14:00:00", "2020-12-02T15:30:00"),
        ("2020-12-03T10:30:00", "2020-12-03T12:00:00"),
    ]


def test_a_day_runs_from_its_first_entry_to_its_last(index):
    conference = f.conference(
        index, start=f.local(2024, 4, 18, 9), end=f.local(2024, 4, 19, 18)
    )
    f.panel(conference, f.local(2024, 4, 18, 10), f.local(2024, 4, 18, 11))
    f.site_visit(
        conference,
        f.local(2024, 4, 19, 10),
        f.local(2024, 4, 19, 12),
        runs=[(f.local(2024, 4, 19, 13), f.local(2024, 4, 19, 14, 45))],
    )
    f.programme_item(conference, f.local(2024, 4, 18, 8, 30), f.local(2024, 4, 18, 9))
    assert [hours(p) for p in parts.parts_by_event([conference])[conference.pk]] == [
        ("2024-04-18T08:30:00", "2024-04-18T11:00:00"),
        ("2024-04-19T10:00:00", "2024-04-19T14:45:00"),
    ]


def test_one_day_or_no_sessions_is_one_part_its_own_times(index):
    one_day = f.conference(index)
    f.panel(one_day, f.local(2024, 4, 19, 10), f.local(2024, 4, 19, 11))
    empty = f.conference(
        index, start=f.local(2024, 5, 1, 9), end=f.local(2024, 5, 2, 17)
    )
    found = parts.parts_by_event([one_day, empty])
    assert found[one_day.pk] == [parts.own_part(one_day)]
    assert found[empty.pk] == [parts.own_part(empty)]


def test_parts_across_the_clocks_going_back(index):
    # The last Sunday of October 2024 in Brussels: CEST (+02:00) ends at 03:00.
    forum = two_part_forum(index, (2024, 10, 26), (2024, 10, 27))
    first, second = parts.parts_by_event([forum])[forum.pk]
    assert hours(first) == ("2024-10-26T14:00:00", "2024-10-26T15:30:00")
    assert hours(second) == ("2024-10-27T10:30:00", "2024-10-27T12:00:00")
    assert first.start.astimezone(datetime.UTC).hour == 12  # 14:00 CEST
    assert second.start.astimezone(datetime.UTC).hour == 9  # 10:30 CET
    assert (first.uid_suffix, second.uid_suffix) == ("-20241026", "-20241027")


def test_the_index_lists_a_two_part_conference_once_with_each_part(client, index):
    two_part_forum(index, title="Online forum")
    response = client.get(index.url, {"when": "past"})
    [row] = response.context["listing"].occurrences
    assert [hours(p) for p in row.parts] == [
        ("2020-12-02T14:00:00", "2020-12-02T15:30:00"),
        ("2020-12-03T10:30:00", "2020-12-03T12:00:00"),
    ]
    html = response.content.decode()
    assert "Wednesday 2 December 2020" in html
    assert "Thursday 3 December 2020" in html


def test_the_index_shows_a_series_once_with_its_next_meeting(client, index):
    series = f.series(index, title="Lecture series")
    f.meeting(series, days(-20), days(-20, 2), title="First lecture")
    nxt = f.meeting(series, days(4), days(4, 2), title="Second lecture")
    f.meeting(series, days(40), days(40, 2), title="Third lecture")
    response = client.get(index.url)
    rows = response.context["listing"].occurrences
    assert [r.page.title for r in rows] == ["Lecture series"]
    assert rows[0].meeting.pk == nxt.pk and rows[0].meeting_is_next
    html = response.content.decode()
    assert "Next meeting:" in html and "Second lecture" in html
    assert "Third lecture" not in html
    # Not in "Past" while a meeting is ahead.
    past = client.get(index.url, {"when": "past"}).context["listing"]
    assert list(past.occurrences) == []


def test_a_series_whose_meetings_are_over_shows_its_last(client, index):
    series = f.series(index, title="Reflection group")
    f.meeting(series, days(-200), days(-200, 2), title="First meeting")
    last = f.meeting(series, days(-20), days(-20, 2), title="Closing session")
    response = client.get(index.url, {"when": "past", "type": "series"})
    [row] = response.context["listing"].occurrences
    assert row.meeting.pk == last.pk and not row.meeting_is_next
    assert "Last meeting:" in response.content.decode()


def test_meetings_are_not_listed_on_their_own(index):
    series = f.series(index)
    f.meeting(series, days(3), days(3, 2))
    assert [o.page_id for o in listing.occurrences_in(index)] == [series.pk]


def _queries(client, url, params):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize("when", ["upcoming", "past"])
def test_listing_queries_do_not_grow_with_series_and_parts(client, index, when):
    sign = 1 if when == "upcoming" else -1

    def add(n):
        series = f.series(index)
        for k in range(n):
            f.meeting(series, days(sign * (5 + k)), days(sign * (5 + k), 1))
        conference = f.conference(index, start=days(sign * 50), end=days(sign * 50 + 1))
        for k in range(n):
            f.panel(conference, days(sign * 50, k), days(sign * 50, k + 1))
        f.panel(conference, days(sign * 50 + 1), days(sign * 50 + 1, 1))

    add(1)
    client.get(index.url, {"when": when})  # warm the site's caches
    few = _queries(client, index.url, {"when": when})
    add(3)
    add(3)
    assert _queries(client, index.url, {"when": when}) == few
