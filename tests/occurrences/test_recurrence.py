"""Repeating events: rules expanded in the event's wall-clock time, changes to
single dates, the horizon, and when the occurrences table is written."""

import datetime
import uuid

import pytest
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import Locale

from tests import factories as f
from wagtail_events.localtime import to_local
from wagtail_events.models import (
    CalendarSequence,
    Occurrence,
    OccurrenceChange,
    OccurrenceHorizon,
)
from wagtail_events.occurrences import recurrence


pytestmark = pytest.mark.django_db

UTC = datetime.UTC
NEW_YORK = "America/New_York"
# Early in 2024: the horizon (two years) then reaches into 2026.
NOW = datetime.datetime(2024, 1, 1, 12, tzinfo=UTC)
DAY = datetime.timedelta(days=1)


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


def local_times(page, rows=None):
    """(date, "HH:MM") of each occurrence, in the event's zone."""
    rows = rows if rows is not None else page.occurrences.order_by("start")
    return [
        (
            to_local(o.start, page.time_zone).date().isoformat(),
            to_local(o.start, page.time_zone).strftime("%H:%M"),
        )
        for o in rows
    ]


def starts(page):
    return list(page.occurrences.order_by("start").values_list("start", flat=True))


def weekly(index, rule="RRULE:FREQ=WEEKLY", **fields):
    fields.setdefault("start", f.local(2024, 3, 19, 10))
    fields.setdefault("end", f.local(2024, 3, 19, 11, 30))
    return f.repeating(index, fields.pop("start"), fields.pop("end"), rule, **fields)


# Local time across clock changes


def test_weekly_event_stays_at_ten_in_brussels_across_both_clock_changes(index):
    # Tuesdays at 10:00 from 19 March to 5 November 2024: the clocks go forward on
    # 31 March and back on 27 October.
    page = weekly(index, "RRULE:FREQ=WEEKLY;UNTIL=20241105T000000Z")
    rows = list(page.occurrences.order_by("start"))
    assert len(rows) == 34
    for row in rows:
        assert row.local_start.strftime("%a %H:%M") == "Tue 10:00"
        assert row.local_end.strftime("%H:%M") == "11:30"
        assert row.end - row.start == datetime.timedelta(hours=1, minutes=30)
    by_day = {row.local_start.date(): row for row in rows}
    # Winter time (UTC+1), summer time (UTC+2), winter time again.
    assert by_day[datetime.date(2024, 3, 26)].start == utc(2024, 3, 26, 9)
    assert by_day[datetime.date(2024, 4, 2)].start == utc(2024, 4, 2, 8)
    assert by_day[datetime.date(2024, 10, 22)].start == utc(2024, 10, 22, 8)
    assert by_day[datetime.date(2024, 10, 29)].start == utc(2024, 10, 29, 9)


def test_the_event_zone_decides_not_the_site_zone(index):
    start = f.local(2024, 3, 5, 19, zone=NEW_YORK)
    page = f.repeating(
        index,
        start,
        start + datetime.timedelta(hours=1),
        "RRULE:FREQ=WEEKLY;COUNT=3",
        time_zone=NEW_YORK,
    )
    # New York changes on 10 March, Brussels on 31 March.
    assert starts(page) == [
        utc(2024, 3, 6, 0),
        utc(2024, 3, 12, 23),
        utc(2024, 3, 19, 23),
    ]


def test_daily_event_at_a_time_that_does_not_exist_on_the_spring_change(index):
    page = f.repeating(
        index,
        f.local(2024, 3, 30, 2, 30),
        f.local(2024, 3, 30, 3, 30),
        "RRULE:FREQ=DAILY;COUNT=3",
    )
    rows = list(page.occurrences.order_by("start"))
    assert [r.local_start.strftime("%d %H:%M") for r in rows] == [
        "30 02:30",
        "31 03:30",  # 02:30 does not exist on 31 March: the first time after it
        "01 02:30",
    ]
    # Every date keeps its length of one hour.
    assert {r.end - r.start for r in rows} == {datetime.timedelta(hours=1)}
    assert [r.local_end.strftime("%H:%M") for r in rows] == ["03:30", "04:30", "03:30"]


def test_a_time_that_happens_twice_in_autumn_is_the_first(index):
    page = f.repeating(
        index,
        f.local(2024, 10, 26, 2, 30),
        f.local(2024, 10, 26, 3, 0),
        "RRULE:FREQ=DAILY;COUNT=2",
    )
    # 02:30 summer time (UTC+2) on 27 October, before the clocks go back.
    assert starts(page) == [utc(2024, 10, 26, 0, 30), utc(2024, 10, 27, 0, 30)]


# Rules


@pytest.mark.parametrize(
    "until",
    [
        "20240409T000000Z",  # a date, as the widget writes it
        "20240408T220000Z",  # local midnight, in UTC
        "20240409T215959Z",  # the end of the day in Brussels, in UTC
    ],
)
def test_until_includes_its_day(index, until):
    page = weekly(index, f"RRULE:FREQ=WEEKLY;UNTIL={until}")
    assert local_times(page) == [
        ("2024-03-19", "10:00"),
        ("2024-03-26", "10:00"),
        ("2024-04-02", "10:00"),
        ("2024-04-09", "10:00"),
    ]


def test_until_an_exact_time_stops_before_a_later_start(index):
    page = weekly(index, "RRULE:FREQ=WEEKLY;UNTIL=20240409T070000Z")  # 09:00 local
    assert len(starts(page)) == 3


def test_count(index):
    page = weekly(index, "RRULE:FREQ=WEEKLY;COUNT=5")
    assert len(starts(page)) == 5
    assert local_times(page)[-1] == ("2024-04-16", "10:00")


def test_interval_and_weekdays(index):
    page = weekly(index, "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,TH")
    assert [d for d, _t in local_times(page)] == [
        "2024-03-19",
        "2024-03-21",
        "2024-04-02",
        "2024-04-04",
    ]


def test_extra_and_excluded_days_are_whole_days(index):
    page = weekly(
        index,
        "RRULE:FREQ=WEEKLY;COUNT=4\n"
        "RDATE:20240405T000000Z\n"  # a Friday, at the event's time
        "EXDATE:20240326T000000Z\n"  # as the widget writes dates
        "EXDATE:20240408T220000Z",  # 9 April, local midnight
    )
    assert local_times(page) == [
        ("2024-03-19", "10:00"),
        ("2024-04-02", "10:00"),
        ("2024-04-05", "10:00"),
    ]


def test_only_extra_days(index):
    page = weekly(index, "RDATE:20240405T000000Z\nRDATE:20240412T000000Z")
    assert [d for d, _t in local_times(page)] == [
        "2024-03-19",
        "2024-04-05",
        "2024-04-12",
    ]


def test_exclusion_rule(index):
    # Every day for two weeks, except at weekends.
    page = weekly(
        index,
        "RRULE:FREQ=DAILY;COUNT=14\nEXRULE:FREQ=WEEKLY;BYDAY=SA,SU",
    )
    days = [datetime.date.fromisoformat(d) for d, _t in local_times(page)]
    assert len(days) == 10
    assert all(day.weekday() < 5 for day in days)


def test_a_one_off_event_has_exactly_one_occurrence(index):
    page = f.panel(index, f.local(2024, 4, 19, 9), f.local(2024, 4, 19, 10))
    assert list(page.occurrences.values_list("original_start", "start", "end")) == [
        (page.start, page.start, page.end)
    ]
    assert not recurrence.is_repeating(page)


def test_an_event_far_beyond_the_horizon_still_has_its_first_date(index):
    start = f.local(2040, 1, 1, 10)
    page = f.repeating(
        index, start, start + datetime.timedelta(hours=1), "RRULE:FREQ=WEEKLY"
    )
    assert starts(page)[0] == start


# The horizon


def test_horizon_is_two_years_by_default(index):
    page = weekly(index)
    rows = recurrence.occurrence_rows(page, now=NOW)
    assert rows[-1].start <= NOW + datetime.timedelta(days=730)
    assert rows[-1].start > NOW + datetime.timedelta(days=730 - 7)


@override_settings(WAGTAIL_EVENTS_OCCURRENCE_HORIZON_DAYS=30)
def test_horizon_setting_and_extend_horizon(index):
    page = weekly(index, start=f.local(2024, 1, 2, 10), end=f.local(2024, 1, 2, 11))
    recurrence.materialise(page, now=NOW)
    assert len(starts(page)) == 5  # 2 January + four weeks
    kept = set(page.occurrences.values_list("pk", flat=True))

    later = NOW + datetime.timedelta(days=14)
    assert recurrence.extend_horizon(now=later) == 1
    assert len(starts(page)) == 7
    # Dates already stored are left alone: only the new ones are written.
    assert kept <= set(page.occurrences.values_list("pk", flat=True))


@override_settings(WAGTAIL_EVENTS_OCCURRENCE_HORIZON_DAYS=30)
def test_extend_horizon_skips_drafts_and_one_off_events_that_have_their_date(index):
    weekly(index)
    weekly(index, live=False)
    f.panel(index, f.local(2024, 4, 19, 9), f.local(2024, 4, 19, 10))
    # Published today: nothing new until a week from now, then the live series.
    assert recurrence.extend_horizon() == 0
    assert recurrence.extend_horizon(now=timezone.now() + 8 * DAY) == 1


def test_extend_horizon_fills_in_live_events_without_occurrences(index):
    page = f.panel(index, f.local(2024, 4, 19, 9), f.local(2024, 4, 19, 10))
    # Saved before dates were stored: neither dates nor where they end.
    Occurrence.objects.all().delete()
    OccurrenceHorizon.objects.all().delete()
    assert recurrence.extend_horizon() == 1
    assert starts(page) == [page.start]


@override_settings(WAGTAIL_EVENTS_MAX_OCCURRENCES=10)
def test_a_rule_cannot_fill_the_table(index):
    page = f.repeating(
        index, f.local(2024, 3, 19, 10), f.local(2024, 3, 19, 11), "RRULE:FREQ=HOURLY"
    )
    rows = list(page.occurrences.order_by("start"))
    assert len(rows) == 10
    assert rows[-1].start > page.start + datetime.timedelta(days=700)


# Site visits


def test_runs_of_a_site_visit_are_extra_occurrences(index):
    page = f.site_visit(
        index,
        f.local(2024, 4, 19, 10),
        f.local(2024, 4, 19, 12),
        runs=[(f.local(2024, 4, 19, 14), f.local(2024, 4, 19, 16))],
    )
    assert local_times(page) == [("2024-04-19", "10:00"), ("2024-04-19", "14:00")]


def test_runs_of_a_repeating_site_visit_happen_on_every_date(index):
    page = f.site_visit(
        index,
        f.local(2024, 3, 23, 10),
        f.local(2024, 3, 23, 12),
        runs=[(f.local(2024, 3, 23, 14), f.local(2024, 3, 23, 16))],
        recurrence="RRULE:FREQ=WEEKLY;COUNT=2",
    )
    assert local_times(page) == [
        ("2024-03-23", "10:00"),
        ("2024-03-23", "14:00"),
        ("2024-03-30", "10:00"),
        ("2024-03-30", "14:00"),
    ]


# Changes to single dates


def test_cancelled_and_moved_dates(index):
    page = weekly(
        index,
        "RRULE:FREQ=WEEKLY;COUNT=4",
        changes=[
            {
                "original_start": f.local(2024, 3, 26, 10),
                "action": "cancel",
                "note": "Easter holidays",
            },
            {
                "original_start": f.local(2024, 4, 2, 10),
                "action": "move",
                "new_start": f.local(2024, 4, 3, 14),
                "new_end": f.local(2024, 4, 3, 15),
                "note": "On Wednesday this week",
            },
        ],
    )
    rows = {r.original_start: r for r in page.occurrences.all()}
    assert len(rows) == 4
    cancelled = rows[f.local(2024, 3, 26, 10)]
    assert cancelled.cancelled and cancelled.note == "Easter holidays"
    assert cancelled.start == f.local(2024, 3, 26, 10)
    moved = rows[f.local(2024, 4, 2, 10)]
    assert not moved.cancelled and moved.moved
    assert (moved.start, moved.end) == (
        f.local(2024, 4, 3, 14),
        f.local(2024, 4, 3, 15),
    )
    assert moved.note == "On Wednesday this week"
    untouched = rows[f.local(2024, 4, 9, 10)]
    assert not untouched.cancelled and not untouched.moved and untouched.note == ""


def test_changes_whose_date_the_event_does_not_have(index):
    page = weekly(index, "RRULE:FREQ=WEEKLY;COUNT=4")
    good = OccurrenceChange(page=page, original_start=f.local(2024, 3, 26, 10))
    wrong_time = OccurrenceChange(page=page, original_start=f.local(2024, 3, 26, 11))
    wrong_day = OccurrenceChange(page=page, original_start=f.local(2024, 3, 27, 10))
    assert recurrence.unmatched_changes(
        page, changes=[good, wrong_time, wrong_day]
    ) == [wrong_time, wrong_day]
    assert recurrence.has_date(page, f.local(2024, 4, 9, 10))
    assert not recurrence.has_date(page, f.local(2024, 4, 16, 10))  # COUNT=4


def test_has_date_beyond_the_horizon(index):
    page = weekly(index)
    assert recurrence.has_date(page, f.local(2030, 3, 19, 10))
    assert not recurrence.has_date(page, f.local(2030, 3, 20, 10))


# When the table is written


def test_a_page_created_live_has_its_occurrences(index):
    page = weekly(index, "RRULE:FREQ=WEEKLY;COUNT=3")
    assert len(starts(page)) == 3


def test_drafts_have_no_occurrences_until_published(index):
    page = weekly(index, "RRULE:FREQ=WEEKLY;COUNT=3", live=False)
    assert starts(page) == []
    page.save_revision()
    assert starts(page) == []
    page.save_revision().publish()
    assert len(starts(page)) == 3


def test_a_draft_of_a_live_page_changes_nothing_until_published(index):
    page = weekly(index, "RRULE:FREQ=WEEKLY;COUNT=3")
    page.recurrence = "RRULE:FREQ=WEEKLY;COUNT=5"
    page.start += datetime.timedelta(hours=1)
    page.end += datetime.timedelta(hours=1)
    revision = page.save_revision()
    assert local_times(page) == [
        ("2024-03-19", "10:00"),
        ("2024-03-26", "10:00"),
        ("2024-04-02", "10:00"),
    ]
    revision.publish()
    assert len(starts(page)) == 5
    assert {t for _d, t in local_times(page)} == {"11:00"}


def test_publishing_a_change_to_a_single_date(index):
    page = weekly(index, "RRULE:FREQ=WEEKLY;COUNT=3")
    page.occurrence_changes = [
        OccurrenceChange(
            original_start=f.local(2024, 3, 26, 10), action="cancel", note="Closed"
        )
    ]
    revision = page.save_revision()
    assert not page.occurrences.filter(cancelled=True).exists()
    revision.publish()
    assert list(page.occurrences.filter(cancelled=True).values_list("note")) == [
        ("Closed",)
    ]


def test_unpublishing_removes_the_occurrences(index):
    page = weekly(index, "RRULE:FREQ=WEEKLY;COUNT=3")
    page.unpublish()
    assert starts(page) == []
    page.save_revision().publish()
    assert len(starts(page)) == 3


def test_deleting_removes_the_occurrences(index):
    page = weekly(index, "RRULE:FREQ=WEEKLY;COUNT=3")
    page.delete()
    assert not Occurrence.objects.exists()


def test_publishing_again_keeps_unchanged_rows(index):
    page = weekly(index, "RRULE:FREQ=WEEKLY;COUNT=3")
    before = sorted(page.occurrences.values_list("pk", flat=True))
    page.title = "New title"
    page.save_revision().publish()
    assert sorted(page.occurrences.values_list("pk", flat=True)) == before


# iCalendar's SEQUENCE


def sequence(page):
    return CalendarSequence.objects.get(translation_key=page.translation_key).sequence


def test_sequence_starts_at_zero_and_ignores_title_changes(index):
    page = weekly(index, "RRULE:FREQ=WEEKLY;COUNT=3")
    assert sequence(page) == 0
    page.title = "Another title"
    page.summary = "Another summary"
    page.save_revision().publish()
    assert sequence(page) == 0
    # The same times, read back from the database in UTC, are no change either.
    type(page).objects.get(pk=page.pk).save_revision().publish()
    assert sequence(page) == 0


@pytest.mark.parametrize(
    "change",
    [
        lambda p: setattr(p, "start", p.start + datetime.timedelta(minutes=30)),
        lambda p: setattr(p, "end", p.end + datetime.timedelta(minutes=30)),
        lambda p: setattr(p, "recurrence", "RRULE:FREQ=WEEKLY;COUNT=4"),
        lambda p: setattr(p, "time_zone", NEW_YORK),
        lambda p: setattr(p, "status", "cancelled"),
        # Where to join online: the change notice's calendar entry updates it.
        lambda p: setattr(p, "online_url", "https://meet.example.org/new"),
        lambda p: setattr(
            p,
            "occurrence_changes",
            [OccurrenceChange(original_start=f.local(2024, 3, 26, 10))],
        ),
    ],
)
def test_sequence_rises_when_the_time_changes(index, change):
    page = weekly(index, "RRULE:FREQ=WEEKLY;COUNT=3")
    change(page)
    page.save_revision().publish()
    assert sequence(page) == 1
    page.save_revision().publish()
    assert sequence(page) == 1  # once per change, not per publish


def test_a_draft_does_not_raise_the_sequence(index):
    page = weekly(index, "RRULE:FREQ=WEEKLY;COUNT=3")
    page.start += datetime.timedelta(hours=1)
    page.save_revision()
    assert sequence(page) == 0


def test_translations_share_the_sequence(index):
    page = weekly(index, "RRULE:FREQ=WEEKLY;COUNT=3")
    french = Locale.objects.create(language_code="fr")
    other_index = f.event_index(locale=french)
    translation = weekly(
        other_index,
        "RRULE:FREQ=WEEKLY;COUNT=3",
        locale=french,
        translation_key=page.translation_key,
        title="Atelier",
    )
    assert CalendarSequence.objects.count() == 1
    assert sequence(translation) == 0
    translation.start += datetime.timedelta(hours=1)
    translation.end += datetime.timedelta(hours=1)
    translation.save_revision().publish()
    assert sequence(page) == 1
    other = weekly(index, translation_key=uuid.uuid4())
    assert sequence(other) == 0


# The admin form: changes to single dates, typed in the event's zone


def add_url(model, parent):
    from django.urls import reverse

    return reverse(
        "wagtailadmin_pages:add",
        args=(model._meta.app_label, model._meta.model_name, parent.pk),
    )


def change_rows(*rows):
    from wagtail.test.utils.form_data import inline_formset

    defaults = {"action": "cancel", "new_start": "", "new_end": "", "note": ""}
    return inline_formset([{**defaults, **row} for row in rows])


def post_workshop(client, index, changes, **fields):
    from wagtail_events.models import WorkshopPage

    fields.setdefault("start", "2024-03-19 19:00")
    fields.setdefault("end", "2024-03-19 20:30")
    fields.setdefault("recurrence", "RRULE:FREQ=WEEKLY;COUNT=10")
    data = f.session_form_data(
        "workshop",
        occurrence_changes=change_rows(*changes),
        **{"action-publish": "1"},
        **fields,
    )
    return client.post(add_url(WorkshopPage, index), data)


def row_errors(response, index, field):
    row = response.context["form"].formsets["occurrence_changes"].forms[index]
    return [str(message) for message in row.errors.get(field, [])]


def test_editor_cancels_and_moves_dates_in_the_events_zone(client, editor, index):
    from wagtail_events.models import WorkshopPage

    response = post_workshop(
        client,
        index,
        [
            {"original_start": "2024-04-02 19:00", "note": "Easter"},
            {
                "original_start": "2024-04-09 19:00",
                "action": "move",
                "new_start": "2024-04-10 19:00",
                "new_end": "2024-04-10 20:30",
            },
        ],
        time_zone=NEW_YORK,
    )
    assert response.status_code == 302, response.context["form"].errors
    page = WorkshopPage.objects.get()
    cancelled = page.occurrences.get(cancelled=True)
    assert cancelled.original_start == utc(2024, 4, 2, 23)  # 19:00 in New York
    assert cancelled.note == "Easter"
    moved = page.occurrences.get(original_start=utc(2024, 4, 9, 23))
    assert (moved.start, moved.end) == (utc(2024, 4, 10, 23), utc(2024, 4, 11, 0, 30))


@pytest.mark.parametrize(
    ("typed", "message_time"),
    [
        ("2024-04-02 18:00", "2024-04-02 18:00"),  # the wrong time
        ("2024-04-03 19:00", "2024-04-03 19:00"),  # a Wednesday
        ("2024-06-04 19:00", "2024-06-04 19:00"),  # after COUNT=10
    ],
)
def test_a_change_for_a_date_the_event_does_not_have(
    client, editor, index, typed, message_time
):
    response = post_workshop(client, index, [{"original_start": typed}])
    assert response.status_code == 200
    assert row_errors(response, 0, "original_start") == [
        f"This event has no date starting at {message_time} (Europe/Brussels). "
        "Type the date and start time of a date the event has."
    ]
    assert not Occurrence.objects.exists()


def test_a_moved_date_needs_its_new_times(client, editor, index):
    response = post_workshop(
        client,
        index,
        [
            {"original_start": "2024-03-26 19:00", "action": "move"},
            {
                "original_start": "2024-04-02 19:00",
                "action": "move",
                "new_start": "2024-04-03 19:00",
                "new_end": "2024-04-03 18:00",
            },
        ],
    )
    assert response.status_code == 200
    assert row_errors(response, 0, "new_start") == ["A moved date needs its new start."]
    assert row_errors(response, 0, "new_end") == ["A moved date needs its new end."]
    assert row_errors(response, 1, "new_end") == ["The end must be after the start."]


def test_two_changes_for_one_date(client, editor, index):
    response = post_workshop(
        client,
        index,
        [
            {"original_start": "2024-03-26 19:00"},
            {"original_start": "2024-03-26 19:00"},
        ],
    )
    assert response.status_code == 200
    assert row_errors(response, 1, "original_start") == [
        "Another change above is for this date already."
    ]


def test_a_deleted_change_is_not_checked(client, editor, index):
    response = post_workshop(
        client, index, [{"original_start": "2024-03-27 19:00", "DELETE": "1"}]
    )
    assert response.status_code == 302


def test_changes_are_shown_in_the_events_zone_when_editing(client, editor, index):
    from django.urls import reverse

    page = weekly(
        index,
        "RRULE:FREQ=WEEKLY;COUNT=4",
        time_zone=NEW_YORK,
        start=f.local(2024, 3, 5, 19, zone=NEW_YORK),
        end=f.local(2024, 3, 5, 20, zone=NEW_YORK),
        changes=[{"original_start": f.local(2024, 3, 12, 19, zone=NEW_YORK)}],
    )
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    row = response.context["form"].formsets["occurrence_changes"].forms[0]
    assert row["original_start"].value() == datetime.datetime(2024, 3, 12, 19)
