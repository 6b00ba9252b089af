"""Calendar files: RFC 5545 documents that calendar apps read as the site shows the
events, checked by parsing them with ``icalendar`` and expanding them with the
independent ``recurring_ical_events``, and the add-to-calendar links."""

import datetime
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
import recurring_ical_events
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from tests import factories as f
from wagtail_events.exchange import calendars, ical_parts, views
from wagtail_events.exchange.calendar_links import calendar_links
from wagtail_events.localtime import to_local
from wagtail_events.models import CalendarSequence, EventPage, Occurrence
from wagtail_events.occurrences import parts


pytestmark = pytest.mark.django_db

UTC = datetime.UTC
FAR_PAST = datetime.datetime(2000, 1, 1, tzinfo=UTC)
FAR_FUTURE = datetime.datetime(2040, 1, 1, tzinfo=UTC)


def at(year, month, day, hour=0, minute=0, zone=f.BRUSSELS):
    return f.local(year, month, day, hour, minute, zone=zone)


def fresh(page):
    """The page as the site reads it: from the database, with its rule parsed."""
    return EventPage.objects.get(pk=page.pk).specific


def parse(document):
    """Serialise and parse again, as a calendar app receives it."""
    if isinstance(document, icalendar.Calendar):
        document = document.to_ical()
    return icalendar.Calendar.from_ical(document)


def events(cal):
    return list(cal.walk("VEVENT"))


def used_tzids(cal):
    tzids = set()
    for component in cal.walk():
        if component.name == "VTIMEZONE":
            continue
        for _name, value in component.property_items(recursive=False):
            tzid = getattr(value, "params", {}).get("TZID")
            if tzid:
                tzids.add(tzid)
    return tzids


def check_document(cal):
    """What every exported calendar has, whatever it holds."""
    assert cal["VERSION"] == "2.0"
    assert cal["PRODID"] == calendars.PRODID
    zones = {tz["TZID"] for tz in cal.walk("VTIMEZONE")}
    assert used_tzids(cal) <= zones, "a TZID without its VTIMEZONE"
    assert not cal.get_missing_tzids()
    for event in events(cal):
        for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SEQUENCE", "STATUS"):
            assert name in event, f"{name} missing from {event.get('SUMMARY')}"
        assert event.decoded("DTSTAMP").tzinfo is not None
        assert event["STATUS"] in {"CONFIRMED", "TENTATIVE", "CANCELLED"}
        assert "<" not in str(event.get("DESCRIPTION", "")), "HTML in DESCRIPTION"
    return cal


def in_order(dates):
    """Whole days first, then times: the two do not compare."""
    return sorted(dates, key=lambda d: (isinstance(d[0], datetime.datetime), d))


def instant(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(UTC)
    return value  # a date: events whose hours are not announced


def expanded(cal, start=FAR_PAST, end=FAR_FUTURE):
    """(start, end) of every date a calendar app shows, cancelled ones left out,
    by an implementation of RFC 5545 that is not ours."""
    return in_order(
        (instant(e.decoded("DTSTART")), instant(e.decoded("DTEND")))
        for e in recurring_ical_events.of(cal).between(start, end)
        if e.get("STATUS") != "CANCELLED"
    )


def listed(*pages, start=FAR_PAST, end=FAR_FUTURE):
    """(start, end) of every date the site lists for the pages (their Occurrence
    rows, not cancelled), as ``expanded`` gives them."""
    dates = []
    for page in pages:
        if page.status == "cancelled":
            continue
        # A conference held on several days is listed (and exported) as its parts.
        own = parts.parts_by_event([page])[page.pk]
        if len(own) > 1:
            dates += [(p.start, p.end) for p in own if start <= p.start < end]
            continue
        for row in Occurrence.objects.filter(page=page, cancelled=False):
            if not (start <= row.start < end):
                continue
            if page.all_day:
                dates.append(ical_parts.whole_days(page, row.start, row.end))
            else:
                dates.append((row.start, row.end))
    return in_order(dates)


def by_summary(cal, title):
    return [e for e in events(cal) if e["SUMMARY"] == title]


# A weekly event at 10:00 in Brussels, through both changes of the clocks in 2024
# (31 March, 27 October), with a cancelled date, a moved one, an extra one and one
# left out by the rule.


@pytest.fixture
def weekly(index):
    page = f.panel(
        index,
        at(2024, 3, 4, 10),
        at(2024, 3, 4, 12),
        title="Neighbourhood council",
        summary="Open to every resident.",
        recurrence=f.weekly(
            until=at(2024, 12, 16, 10),  # the last meeting, in December
            rdates=[datetime.date(2024, 7, 18)],  # a Thursday
            exdates=[datetime.date(2024, 8, 12)],
        ),
        occurrence_changes=[
            f.cancel(at(2024, 4, 15, 10), note="No meeting during the holidays"),
            f.move(at(2024, 6, 3, 10), at(2024, 6, 5, 14), at(2024, 6, 5, 16)),
        ],
    )
    return fresh(page)


def test_weekly_series_is_one_event_with_its_rule(weekly):
    cal = check_document(parse(calendars.event_calendar(weekly)))
    master, moved = events(cal)
    assert master["UID"] == moved["UID"] == f"{weekly.translation_key}@testserver"
    assert master["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert master.decoded("DTSTART") == at(2024, 3, 4, 10)
    assert master.decoded("DTSTART").tzinfo.key == "Europe/Brussels"
    # DTSTART has a TZID, so UNTIL is UTC (RFC 5545, 3.3.10).
    until = master["RRULE"]["UNTIL"][0]
    assert until == datetime.datetime(2024, 12, 16, 9, 0, tzinfo=UTC)
    assert until.utcoffset() == datetime.timedelta(0)
    assert "RRULE:FREQ=WEEKLY;UNTIL=20241216T090000Z" in cal.to_ical().decode()
    # Extra and left-out dates at the event's start time, in its zone.
    assert master["RDATE"].params["TZID"] == "Europe/Brussels"
    assert [d.dt for d in master["RDATE"].dts] == [at(2024, 7, 18, 10)]
    assert master["EXDATE"].params["TZID"] == "Europe/Brussels"
    assert sorted(d.dt for d in master["EXDATE"].dts) == [
        at(2024, 4, 15, 10),  # cancelled by the editor
        at(2024, 8, 12, 10),  # left out by the rule
    ]
    assert moved.decoded("RECURRENCE-ID") == at(2024, 6, 3, 10)
    assert moved.decoded("DTSTART") == at(2024, 6, 5, 14)
    assert moved.decoded("DTEND") == at(2024, 6, 5, 16)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Brussels"]
    assert cal["X-WR-CALNAME"] == "Neighbourhood council"


def test_weekly_series_expands_to_the_dates_the_site_lists(weekly):
    cal = parse(calendars.event_calendar(weekly))
    dates = expanded(cal)
    assert dates == listed(weekly)
    starts = [start for start, _end in dates]
    # 10:00 in Brussels on either side of both clock changes: 09:00 and 08:00 UTC.
    assert datetime.datetime(2024, 3, 25, 9, tzinfo=UTC) in starts
    assert datetime.datetime(2024, 4, 1, 8, tzinfo=UTC) in starts
    assert datetime.datetime(2024, 10, 21, 8, tzinfo=UTC) in starts
    assert datetime.datetime(2024, 10, 28, 9, tzinfo=UTC) in starts
    assert at(2024, 4, 15, 10) not in starts  # cancelled
    assert at(2024, 8, 12, 10) not in starts  # left out
    assert at(2024, 6, 3, 10) not in starts  # moved…
    assert (at(2024, 6, 5, 14), at(2024, 6, 5, 16)) in dates  # …here
    assert (at(2024, 7, 18, 10), at(2024, 7, 18, 12)) in dates  # extra
    assert starts[-1] == at(2024, 12, 16, 10)  # UNTIL is that very moment
    assert len(dates) == 41


def test_until_as_a_date_includes_that_day(index):
    # The widget writes "until 25 November" as 2024-11-25T00:00Z, 01:00 in
    # Brussels: the site still meets at 10:00 that day, and so do calendar apps.
    page = fresh(
        f.panel(
            index,
            at(2024, 10, 7, 10),
            at(2024, 10, 7, 11),
            recurrence=f.weekly(until=datetime.datetime(2024, 11, 25, tzinfo=UTC)),
        )
    )
    cal = parse(calendars.event_calendar(page))
    assert expanded(cal) == listed(page)
    assert expanded(cal)[-1][0] == at(2024, 11, 25, 10)
    (master,) = events(cal)
    assert master["RRULE"]["UNTIL"][0].utcoffset() == datetime.timedelta(0)


def test_endless_series_matches_the_site_up_to_the_horizon(index):
    page = fresh(
        f.workshop(
            index,
            at(2024, 1, 9, 19),
            at(2024, 1, 9, 21),
            recurrence=f.weekly(exdates=[datetime.date(2024, 12, 24)]),
            occurrence_changes=[f.cancel(at(2024, 12, 31, 19))],
        )
    )
    cal = parse(calendars.event_calendar(page))
    (master,) = events(cal)
    assert "UNTIL" not in master["RRULE"] and "COUNT" not in master["RRULE"]
    last = Occurrence.objects.filter(page=page).order_by("start").last().start
    window = {"start": FAR_PAST, "end": last + datetime.timedelta(minutes=1)}
    assert expanded(cal, **window) == listed(page, **window)
    assert len(expanded(cal, **window)) > 100


def test_exclusion_rule_is_written_as_left_out_dates(index):
    import recurrence as django_recurrence

    # Every Tuesday, but not on the first Tuesday of the month.
    first_tuesday = django_recurrence.Rule(
        django_recurrence.MONTHLY, byday=[django_recurrence.Weekday(1, 1)]
    )
    page = fresh(
        f.panel(
            index,
            at(2024, 1, 2, 18),
            at(2024, 1, 2, 19),
            recurrence=f.weekly(count=20, byday=[1], exrules=[first_tuesday]),
        )
    )
    cal = parse(calendars.event_calendar(page))
    (master,) = events(cal)
    assert "EXRULE" not in master  # deprecated, and Google ignores it
    assert at(2024, 2, 6, 18) in [d.dt for d in master["EXDATE"].dts]
    assert expanded(cal) == listed(page)
    assert len(listed(page)) == 20 - 5


def test_first_date_moved_and_count(index):
    page = fresh(
        f.panel(
            index,
            at(2024, 3, 28, 9),
            at(2024, 3, 28, 10),
            recurrence=f.weekly(count=3),
            occurrence_changes=[
                f.move(at(2024, 3, 28, 9), at(2024, 3, 29, 9), at(2024, 3, 29, 11))
            ],
        )
    )
    cal = parse(calendars.event_calendar(page))
    assert expanded(cal) == listed(page)
    assert "COUNT=3" in cal.to_ical().decode()


@pytest.mark.parametrize("run_day", [6, 7])  # the same Saturday, or the Sunday
def test_repeating_site_visit_with_a_second_run(index, run_day):
    visit = f.site_visit(
        index,
        at(2024, 3, 2, 10),
        at(2024, 3, 2, 12),
        title="Harbour tour",
        recurrence=f.weekly(
            count=12,
            byday=[5],
            rdates=[datetime.date(2024, 4, 3)],
            exdates=[datetime.date(2024, 4, 13)],
        ),
        runs=[(at(2024, 3, 2 + run_day - 6, 14), at(2024, 3, 2 + run_day - 6, 17))],
    )
    visit = fresh(visit)
    second_run = at(2024, 3, 16 + run_day - 6, 14)
    visit.occurrence_changes = [
        f.cancel(at(2024, 3, 9, 10)),
        f.cancel(second_run),
        f.move(at(2024, 3, 30, 10), at(2024, 3, 30, 11), at(2024, 3, 30, 13)),
    ]
    visit.save_revision().publish()
    visit = fresh(visit)
    assert Occurrence.objects.filter(page=visit, cancelled=True).count() == 2
    cal = check_document(parse(calendars.event_calendar(visit)))
    uids = {e["UID"] for e in events(cal)}
    assert uids == {
        f"{visit.translation_key}@testserver",
        f"{visit.translation_key}-run2@testserver",
    }
    assert expanded(cal) == listed(visit)
    assert (second_run, second_run + datetime.timedelta(hours=3)) not in expanded(cal)
    assert len(expanded(cal)) == 2 * (12 + 1 - 1) - 2  # +RDATE -EXDATE, cancelled


def test_one_off_event(index):
    v = f.venue(street_address="Van Beethovenstraat 8", postal_code="2800")
    page = fresh(
        f.panel(
            index,
            at(2024, 10, 27, 1, 30),  # before the clocks go back
            at(2024, 10, 27, 2, 30, zone="UTC"),  # after: three hours later
            title="Night panel",
            summary="Plain text only.",
            venue=v,
        )
    )
    cal = check_document(parse(calendars.event_calendar(page)))
    (event,) = events(cal)
    assert "RRULE" not in event and "RDATE" not in event
    assert event["LOCATION"] == (
        "Lamot Conference and Heritage Centre, Van Beethovenstraat 8, 2800 Mechelen, Belgium"
    )
    assert event["CATEGORIES"].cats == ["Panel"]
    assert event["URL"] == page.get_full_url()
    assert event["URL"].startswith("http")
    assert event["DESCRIPTION"] == f"Plain text only.\n\n{page.get_full_url()}"
    assert event["STATUS"] == "CONFIRMED"
    assert event["SEQUENCE"] == 0
    assert expanded(cal) == listed(page)
    (dates,) = expanded(cal)
    assert dates[1] - dates[0] == datetime.timedelta(hours=3)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("scheduled", "CONFIRMED"),
        ("moved_online", "CONFIRMED"),
        ("postponed", "TENTATIVE"),
        ("cancelled", "CANCELLED"),
    ],
)
def test_status(index, status, expected):
    page = f.panel(index, at(2024, 4, 19, 10), at(2024, 4, 19, 11), status=status)
    (event,) = events(parse(calendars.event_calendar(fresh(page))))
    assert event["STATUS"] == expected


def test_moved_online_is_not_at_the_venue(index):
    page = f.panel(
        index,
        at(2024, 4, 19, 10),
        at(2024, 4, 19, 11),
        venue=f.venue(),
        status="moved_online",
        online_url="https://meet.example.org/council",
    )
    (event,) = events(parse(calendars.event_calendar(fresh(page))))
    assert event["LOCATION"] == "https://meet.example.org/council"
    assert event["DESCRIPTION"].startswith("Moved online\n\n")


def test_online_event_has_its_address_as_location(index):
    page = f.panel(
        index,
        at(2024, 4, 19, 10),
        at(2024, 4, 19, 11),
        attendance_mode="online",
        online_url="https://meet.example.org/council",
    )
    (event,) = events(parse(calendars.event_calendar(fresh(page))))
    assert event["LOCATION"] == "https://meet.example.org/council"


def test_no_place_is_invented(index):
    page = f.panel(index, at(2024, 4, 19, 10), at(2024, 4, 19, 11))
    (event,) = events(parse(calendars.event_calendar(fresh(page))))
    assert "LOCATION" not in event and "GEO" not in event


def test_times_not_announced_are_whole_days(index):
    one_off = fresh(f.panel(index, at(2024, 4, 19), at(2024, 4, 20, 18), all_day=True))
    (event,) = events(check_document(parse(calendars.event_calendar(one_off))))
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert event.decoded("DTSTART") == datetime.date(2024, 4, 19)
    assert event.decoded("DTEND") == datetime.date(2024, 4, 21)  # the day after
    assert "TZID" not in event["DTSTART"].params

    series = fresh(
        f.panel(
            index,
            at(2024, 3, 4, 9),
            at(2024, 3, 4, 17),
            all_day=True,
            recurrence=f.weekly(
                until=datetime.datetime(2024, 5, 6, 8, tzinfo=UTC),  # 10:00 there
                rdates=[datetime.date(2024, 3, 7)],
                exdates=[datetime.date(2024, 4, 1)],
            ),
            occurrence_changes=[
                f.cancel(at(2024, 3, 18, 9)),
                f.move(at(2024, 3, 25, 9), at(2024, 3, 27, 9), at(2024, 3, 27, 17)),
            ],
        )
    )
    cal = check_document(parse(calendars.event_calendar(series)))
    master, moved = events(cal)
    assert master["RRULE"]["UNTIL"] == [datetime.date(2024, 5, 6)]
    assert master["EXDATE"].params["VALUE"] == "DATE"
    assert moved.decoded("RECURRENCE-ID") == datetime.date(2024, 3, 25)
    assert expanded(cal) == listed(series)
    assert (datetime.date(2024, 3, 7), datetime.date(2024, 3, 8)) in expanded(cal)


# Identity and versions


def test_uid_survives_rename_and_move(index, weekly):
    uid = events(parse(calendars.event_calendar(weekly)))[0]["UID"]
    weekly.title = "Council of the neighbourhood"
    weekly.slug = "council"
    weekly.save_revision().publish()
    other = f.event_index()
    fresh(weekly).move(other, pos="last-child")
    moved = fresh(weekly)
    assert moved.get_parent().pk == other.pk
    cal = parse(calendars.event_calendar(moved))
    assert {e["UID"] for e in events(cal)} == {uid}
    assert "/council/" in events(cal)[0]["URL"]


def test_translations_share_uid_and_sequence(index):
    page = f.panel(index, at(2024, 4, 19, 10), at(2024, 4, 19, 11))
    french = Locale.objects.create(language_code="fr")
    translation = page.copy_for_translation(french, copy_parents=True)
    translation.title = "Table ronde"
    translation.save_revision().publish()
    translation = fresh(translation)
    assert translation.locale == french and translation.live
    assert translation.translation_key == page.translation_key
    (original,) = events(parse(calendars.event_calendar(fresh(page))))
    (translated,) = events(parse(calendars.event_calendar(translation)))
    assert translated["UID"] == original["UID"]
    assert translated["SUMMARY"] == "Table ronde"
    assert translated["SEQUENCE"] == original["SEQUENCE"]


def test_sequence_rises_when_the_time_changes(index):
    page = f.panel(index, at(2024, 4, 19, 10), at(2024, 4, 19, 11))

    def sequence():
        (event,) = events(parse(calendars.event_calendar(fresh(page))))
        return event["SEQUENCE"]

    assert sequence() == 0
    page = fresh(page)
    page.summary = "Words only: the time stays."
    page.save_revision().publish()
    assert sequence() == 0
    page = fresh(page)
    page.start, page.end = at(2024, 4, 19, 14), at(2024, 4, 19, 15)
    page.save_revision().publish()
    assert sequence() == 1
    assert (
        CalendarSequence.objects.get(translation_key=page.translation_key).sequence == 1
    )
    (event,) = events(parse(calendars.event_calendar(fresh(page))))
    assert event.decoded("DTSTART") == at(2024, 4, 19, 14)


def test_sequence_is_zero_without_a_record(index):
    page = f.panel(index, at(2024, 4, 19, 10), at(2024, 4, 19, 11))
    CalendarSequence.objects.all().delete()
    (event,) = events(parse(calendars.event_calendar(fresh(page))))
    assert event["SEQUENCE"] == 0


def test_uid_domain_setting(settings, index):
    page = f.panel(index, at(2024, 4, 19, 10), at(2024, 4, 19, 11))
    settings.WAGTAIL_EVENTS_CALENDAR_DOMAIN = "events.example.org"
    (event,) = events(parse(calendars.event_calendar(fresh(page))))
    assert event["UID"] == f"{page.translation_key}@events.example.org"
    del settings.WAGTAIL_EVENTS_CALENDAR_DOMAIN
    settings.WAGTAILADMIN_BASE_URL = ""
    assert calendars.uid_domain() == calendars.FALLBACK_DOMAIN


# A conference: its programme is one calendar


@pytest.fixture
def conference(index):
    v = f.venue(rooms=["Auditorium", "Dijlezaal"], latitude=51.03, longitude=4.48)
    conf = f.conference(
        index,
        start=at(2024, 4, 18, 9),
        end=at(2024, 4, 19, 17),
        title="Cities and climate",
        venue=v,
    )
    f.panel(
        conf,
        at(2024, 4, 18, 10),
        at(2024, 4, 18, 11, 30),
        title="Opening panel",
        room=f.room(v, "Auditorium"),
        speakers=[f.speaker(f.person("Bart Somers"), session_role="moderator")],
    )
    f.workshop(
        conf,
        at(2024, 4, 19, 14),
        at(2024, 4, 19, 16),
        title="Heat plans",
        room=f.room(v, "Dijlezaal"),
    )
    f.site_visit(
        conf,
        at(2024, 4, 18, 14),
        at(2024, 4, 18, 15, 30),
        title="City walk",
        runs=[(at(2024, 4, 18, 16), at(2024, 4, 18, 18))],
    )
    f.panel(
        conf,
        at(2024, 4, 19, 9),
        at(2024, 4, 19, 10),
        title="Called off",
        status="cancelled",
    )
    draft = f.panel(conf, at(2024, 4, 19, 11), at(2024, 4, 19, 12), title="Draft")
    draft.unpublish()
    return fresh(conf)


def test_conference_calendar_is_the_whole_programme(conference):
    cal = check_document(parse(calendars.event_calendar(conference)))
    titles = sorted(str(e["SUMMARY"]) for e in events(cal))
    # The conference itself: one VEVENT per day, each from its first session to
    # its last (the cancelled one makes no part).
    assert titles == [
        "Called off",
        "Cities and climate",
        "Cities and climate",
        "City walk",
        "City walk",
        "Heat plans",
        "Opening panel",
    ]
    assert cal["X-WR-CALNAME"] == "Cities and climate"
    opening = by_summary(cal, "Opening panel")[0]
    assert opening["LOCATION"].startswith(
        "Auditorium, Lamot Conference and Heritage Centre"
    )
    assert opening["GEO"].latitude == pytest.approx(51.03)
    assert "Bart Somers" in opening["DESCRIPTION"]
    assert opening["CATEGORIES"].cats == ["Panel"]
    # No room and no venue of its own: the conference's venue, as its page says.
    walk, second_run = sorted(
        by_summary(cal, "City walk"), key=lambda e: e.decoded("DTSTART")
    )
    assert walk["LOCATION"] == "Lamot Conference and Heritage Centre, Mechelen, Belgium"
    assert "Meeting point: Main entrance" in walk["DESCRIPTION"]
    assert second_run["UID"] == walk["UID"].replace("@", "-run2@")
    assert second_run.decoded("DTSTART") == at(2024, 4, 18, 16)
    assert second_run.decoded("DTEND") == at(2024, 4, 18, 18)
    assert by_summary(cal, "Called off")[0]["STATUS"] == "CANCELLED"
    days = by_summary(cal, "Cities and climate")
    assert days[0]["CATEGORIES"].cats == ["Conference"]
    assert [(e.decoded("DTSTART"), e.decoded("DTEND")) for e in days] == [
        (at(2024, 4, 18, 10), at(2024, 4, 18, 18)),
        (at(2024, 4, 19, 14), at(2024, 4, 19, 16)),
    ]
    assert len({e["UID"] for e in events(cal)}) == 7


def test_conference_calendar_expands_to_the_programme(conference):
    cal = parse(calendars.event_calendar(conference))
    sessions = [fresh(p) for p in conference.get_children().live()]
    assert expanded(cal) == listed(conference, *sessions)
    assert len(expanded(cal)) == 6  # conference's 2 days, panel, workshop, walk twice


def test_session_calendar_is_the_session_with_its_runs(conference):
    walk = fresh(conference.get_children().get(title="City walk"))
    cal = check_document(parse(calendars.event_calendar(walk)))
    assert [e["SUMMARY"] for e in events(cal)] == ["City walk", "City walk"]
    assert expanded(cal) == listed(walk)


def test_conference_in_another_zone(index):
    conf = f.conference(
        index,
        start=at(2024, 3, 9, 9, zone="America/New_York"),
        end=at(2024, 3, 10, 17, zone="America/New_York"),
        time_zone="America/New_York",
    )
    # Across the night the clocks go forward in New York (10 March).
    f.panel(
        conf,
        at(2024, 3, 9, 20, zone="America/New_York"),
        at(2024, 3, 10, 8, zone="America/New_York"),
    )
    conf = fresh(conf)
    cal = check_document(parse(calendars.event_calendar(conf)))
    assert {tz["TZID"] for tz in cal.walk("VTIMEZONE")} == {"America/New_York"}
    sessions = [fresh(p) for p in conf.get_children()]
    assert expanded(cal) == listed(conf, *sessions)


# The index feed


@pytest.fixture
def feed_index(index, weekly, conference):
    f.panel(
        index,
        at(2024, 5, 2, 18, zone="America/New_York"),
        at(2024, 5, 2, 20, zone="America/New_York"),
        time_zone="America/New_York",
        title="Transatlantic panel",
    )
    f.site_visit(
        index,
        at(2024, 5, 4, 10),
        at(2024, 5, 4, 12),
        title="Harbour tour",
        runs=[(at(2024, 5, 5, 10), at(2024, 5, 5, 13))],
    )
    f.panel(index, at(2024, 5, 6, 10), at(2024, 5, 6, 11), all_day=True)
    hidden = f.panel(index, at(2024, 5, 7, 10), at(2024, 5, 7, 11), title="Hidden")
    hidden.unpublish()
    return index


def test_index_feed_holds_every_live_event_it_lists(feed_index):
    cal = check_document(parse(calendars.index_calendar(feed_index)))
    assert {tz["TZID"] for tz in cal.walk("VTIMEZONE")} == {
        "Europe/Brussels",
        "America/New_York",
    }
    summaries = {str(e["SUMMARY"]) for e in events(cal)}
    assert "Hidden" not in summaries
    assert "Opening panel" not in summaries  # sessions are on the conference's
    assert {"Neighbourhood council", "Cities and climate", "Harbour tour"} <= summaries
    council = by_summary(cal, "Neighbourhood council")
    assert len(council) == 2 and "RRULE" in council[0]  # the series, and its move
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT6H" in cal.to_ical().decode()


def test_index_feed_expands_to_the_dates_the_site_lists(feed_index):
    cal = parse(calendars.index_calendar(feed_index))
    pages = [fresh(p) for p in EventPage.objects.child_of(feed_index).live()]
    assert len(pages) == 5
    assert expanded(cal) == listed(*pages)


def test_index_feed_queries_do_not_grow_with_events(index):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            calendars.index_calendar(index).to_ical()
        return len(ctx.captured_queries)

    f.panel(index, at(2024, 4, 19, 10), at(2024, 4, 19, 11))
    count()  # warm the site-root and content-type caches
    few = count()
    v = f.venue(rooms=["Room"])
    for day in range(1, 8):
        f.panel(index, at(2024, 5, day, 10), at(2024, 5, day, 11), venue=v)
        f.workshop(
            index,
            at(2024, 6, day, 10),
            at(2024, 6, day, 11),
            room=f.room(v, "Room"),
            recurrence=f.weekly(count=4),
        )
        f.site_visit(
            index,
            at(2024, 7, day, 10),
            at(2024, 7, day, 11),
            runs=[(at(2024, 7, day, 14), at(2024, 7, day, 15))],
        )
    assert count() <= few + 6  # one per page type, rooms, venues, runs


# A personal agenda


def test_agenda_of_chosen_sessions_and_runs(conference, weekly):
    sessions = {p.title: fresh(p) for p in conference.get_children().live()}
    second_walk = Occurrence.objects.get(
        page=sessions["City walk"], original_start=at(2024, 4, 18, 16)
    )
    one_meeting = Occurrence.objects.get(page=weekly, original_start=at(2024, 5, 6, 10))
    cal = check_document(
        parse(
            calendars.agenda(
                [sessions["Opening panel"], second_walk, one_meeting],
                name="My agenda",
            )
        )
    )
    assert cal["X-WR-CALNAME"] == "My agenda"
    programme = parse(calendars.event_calendar(conference))
    uids = {e["UID"] for e in events(programme)}
    panel, walk, meeting = events(cal)
    assert panel["UID"] in uids and walk["UID"] in uids  # imported twice: once
    assert walk["UID"].endswith(f"-run2@{calendars.uid_domain()}")
    assert walk.decoded("DTSTART") == at(2024, 4, 18, 16)
    assert "RRULE" not in meeting and "RECURRENCE-ID" not in meeting
    assert meeting.decoded("DTSTART") == at(2024, 5, 6, 10)
    assert meeting["UID"] != events(parse(calendars.event_calendar(weekly)))[0]["UID"]
    assert expanded(cal) == sorted(
        [
            (at(2024, 4, 18, 10), at(2024, 4, 18, 11, 30)),
            (at(2024, 4, 18, 16), at(2024, 4, 18, 18)),
            (at(2024, 5, 6, 10), at(2024, 5, 6, 12)),
        ]
    )


def test_agenda_of_a_whole_series(weekly):
    cal = parse(calendars.agenda([weekly]))
    assert expanded(cal) == listed(weekly)


# Over HTTP


def test_calendar_views(rf, weekly, index):
    response = views.event_calendar(rf.get("/"), weekly)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'inline; filename="{weekly.slug}.ics"'
    assert expanded(check_document(parse(response.content))) == listed(weekly)
    response = views.index_calendar(rf.get("/"), index)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'inline; filename="{index.slug}.ics"'
    check_document(parse(response.content))
    assert views.event_calendar(rf.head("/"), weekly).status_code == 200
    for method in (rf.post, rf.put, rf.delete):
        assert views.event_calendar(method("/"), weekly).status_code == 405
        assert views.index_calendar(method("/"), index).status_code == 405


def test_event_calendar_route(client, weekly):
    response = client.get(weekly.url + "calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'inline; filename="{weekly.slug}.ics"'
    cal = check_document(parse(response.content))
    assert expanded(cal) == listed(weekly)
    assert events(cal)[0]["URL"] == "http://localhost" + weekly.url


def test_conference_calendar_route(client, conference):
    response = client.get(conference.url + "calendar.ics")
    assert response.status_code == 200
    assert len(events(parse(response.content))) == 7


def test_index_feed_route(client, feed_index):
    response = client.get(feed_index.url + "calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    check_document(parse(response.content))


def test_calendar_routes_are_get_only(client, weekly, index):
    assert client.post(weekly.url + "calendar.ics").status_code == 405
    assert client.post(index.url + "calendar.ics").status_code == 405
    assert client.head(weekly.url + "calendar.ics").status_code == 200


# Links


def query(url):
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def test_google_and_outlook_links_of_a_one_off_event(index):
    v = f.venue()
    page = fresh(
        f.panel(
            index,
            at(2024, 4, 19, 10),
            at(2024, 4, 19, 11, 30),
            title="Panel & discussion",
            summary="About heat.",
            venue=v,
        )
    )
    links = calendar_links(page)
    assert links.webcal_url == ""  # one date: nothing to subscribe to
    assert links.ics_url == page.get_full_url() + "calendar.ics"
    google = urlsplit(links.google_url)
    assert google.netloc == "calendar.google.com"
    assert google.path == "/calendar/render"
    params = query(links.google_url)
    assert params["action"] == "TEMPLATE"
    assert params["text"] == "Panel & discussion"
    assert params["dates"] == "20240419T100000/20240419T113000"
    assert params["ctz"] == "Europe/Brussels"
    assert params["details"] == f"About heat.\n\n{page.get_full_url()}"
    assert params["location"].startswith("Lamot Conference and Heritage Centre")
    outlook = urlsplit(links.outlook_url)
    assert outlook.netloc == "outlook.live.com"
    assert outlook.path == "/calendar/0/deeplink/compose"
    params = query(links.outlook_url)
    assert params["subject"] == "Panel & discussion"
    assert params["startdt"] == "2024-04-19T10:00:00+02:00"
    assert params["enddt"] == "2024-04-19T11:30:00+02:00"
    assert params["allday"] == "false"


def test_links_of_a_whole_day_event(index):
    page = fresh(f.panel(index, at(2024, 4, 19), at(2024, 4, 19, 18), all_day=True))
    links = calendar_links(page)
    assert query(links.google_url)["dates"] == "20240419/20240420"
    params = query(links.outlook_url)
    assert (params["startdt"], params["enddt"], params["allday"]) == (
        "2024-04-19",
        "2024-04-20",
        "true",
    )


def test_links_of_a_series_add_the_next_date_and_subscribe(weekly):
    now = at(2024, 6, 1, 12)
    links = calendar_links(weekly, now=now)
    assert links.is_series
    # The next date is the moved one.
    assert query(links.google_url)["dates"] == "20240605T140000/20240605T160000"
    assert links.webcal_url == "webcal://" + links.ics_url.removeprefix("http://")
    later = calendar_links(weekly, now=at(2030, 1, 1))
    assert query(later.google_url)["dates"].startswith("20241216T100000")


def test_pages_show_the_links(client, weekly, conference, index):
    soup = BeautifulSoup(client.get(weekly.url).content, "html.parser")
    box = soup.select_one(".we-add-to-calendar")
    hrefs = [a["href"] for a in box.find_all("a")]
    assert any(h.startswith("https://calendar.google.com/") for h in hrefs)
    assert any(h.startswith("https://outlook.live.com/") for h in hrefs)
    assert weekly.get_full_url() + "calendar.ics" in hrefs
    assert any(h.startswith("webcal://") for h in hrefs)
    for tag in soup.find_all(["link", "script", "img", "iframe"]):
        url = tag.get("href") or tag.get("src") or ""
        assert not url.startswith(("http:", "https:", "//")), url

    soup = BeautifulSoup(client.get(conference.url).content, "html.parser")
    hrefs = [a["href"] for a in soup.select(".we-add-to-calendar a")]
    assert conference.get_full_url() + "calendar.ics" in hrefs
    assert any(h.startswith("webcal://") for h in hrefs)

    session = conference.get_children().get(title="Opening panel")
    soup = BeautifulSoup(client.get(session.url).content, "html.parser")
    hrefs = [a["href"] for a in soup.select(".we-add-to-calendar a")]
    assert session.get_full_url() + "calendar.ics" in hrefs
    assert not any(h.startswith("webcal://") for h in hrefs)

    soup = BeautifulSoup(client.get(index.url).content, "html.parser")
    hrefs = [a["href"] for a in soup.select(".we-add-to-calendar a")]
    assert hrefs == [
        index.get_full_url() + "calendar.ics",
        "webcal://" + (index.get_full_url() + "calendar.ics").split("://")[1],
    ]


def test_local_time_helper_agrees(weekly):
    # The fixture's first date is 10:00 on a Monday in Brussels.
    assert to_local(weekly.start, weekly.time_zone) == datetime.datetime(2024, 3, 4, 10)


def test_a_title_with_a_line_break_still_gives_a_calendar_file(index, client):
    page = f.panel(
        index, at(2024, 3, 4, 10), at(2024, 3, 4, 12), title="Council\nof residents"
    )
    response = client.get(page.url + "calendar.ics")
    assert response.status_code == 200
    cal = check_document(parse(response.content))
    assert cal["NAME"] == "Council of residents"
    assert by_summary(cal, "Council\nof residents")
