"""What the calendar files cost: the index's feed reads only the dates it writes
(a series is one VEVENT with its rule) and expands nothing, in a fixed number of
queries; one event's file is found and written in at most 4 queries, privacy
kept (``exchange.file_routes``)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests import factories as f
from tests.exchange.test_calendars import (
    at,
    check_document,
    events,
    expanded,
    fresh,
    listed,
    parse,
)
from wagtail_events.exchange import calendars, ical_data
from wagtail_events.models import EventPage, Occurrence
from wagtail_events.occurrences import recurrence, rules


pytestmark = pytest.mark.django_db

# The index's feed, whatever the number of events and dates: the site, the
# page and its parent, the index itself, the events (their types and one
# query per type), their meetings, changed dates, runs, sequences, venues.
FEED_BUDGET = 11
# One event's calendar file: the site, the page with its parent (and whether a
# view restriction applies), the specific page with its venue and SEQUENCE,
# and its dates.
EVENT_FILE_BUDGET = 4


def _fill(index, n):
    venue = f.venue(f"Hall {index.pk}")
    for i in range(n):
        # In winter: the changed dates are weeks before the clocks change.
        start = at(2024, 1, 8 + i % 20, 10)
        if i % 2:
            f.panel(index, start, start + datetime.timedelta(hours=2), venue=venue)
        else:
            f.workshop(
                index,
                start,
                start + datetime.timedelta(hours=2),
                recurrence="RRULE:FREQ=WEEKLY;COUNT=26",  # across the end of March
                occurrence_changes=[
                    f.cancel(start + datetime.timedelta(weeks=3), note="Holiday"),
                    f.move(
                        start + datetime.timedelta(weeks=5),
                        start + datetime.timedelta(weeks=5, hours=1),
                        start + datetime.timedelta(weeks=5, hours=3),
                    ),
                ],
                venue=venue,
            )


def _count(client, url):
    client.get(url)  # the site's root paths and content types, cached
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_feed_queries_do_not_grow_with_events(client):
    small, large = f.event_index(), f.event_index()
    _fill(small, 2)
    _fill(large, 20)
    few, _response = _count(client, small.url + "calendar.ics")
    many, response = _count(client, large.url + "calendar.ics")
    assert few == many <= FEED_BUDGET
    cal = check_document(parse(response.content))
    assert len(events(cal)) == 20 + 10  # each series and its moved date
    pages = [fresh(p) for p in EventPage.objects.child_of(large)]
    assert expanded(cal) == listed(*pages)


def test_feed_reads_only_the_dates_that_differ_from_the_rule(index):
    _fill(index, 4)
    pages = list(
        EventPage.objects.child_of(index)
        .annotate(has_dates=ical_data.has_dates())
        .specific()
    )
    data = ical_data.load(pages, only_changes=True)
    rows = [row for page_rows in data.occurrences.values() for row in page_rows]
    assert Occurrence.objects.filter(page__in=pages).count() == 2 * 26 + 2
    # The cancelled and the moved date of each series; no plain date, and
    # nothing of the one-off events, whose dates are their own.
    assert len(rows) == 4
    assert all(row.cancelled or row.start != row.original_start for row in rows)


def test_feed_expands_no_event(index, monkeypatch):
    _fill(index, 4)
    expected = calendars.to_bytes(calendars.index_calendar(index, now=at(2024, 6, 1)))

    def refused(*args, **kwargs):
        raise AssertionError("the feed expanded a rule")

    monkeypatch.setattr(rules, "local_starts", refused)
    monkeypatch.setattr(recurrence, "local_starts", refused)
    monkeypatch.setattr(recurrence, "planned_occurrences", refused)
    document = calendars.index_calendar(index, now=at(2024, 6, 1))
    assert calendars.to_bytes(document) == expected


def test_a_never_stored_event_is_still_expanded_in_the_feed(index):
    page = f.repeating(
        index, at(2024, 3, 18, 10), at(2024, 3, 18, 12), "RRULE:FREQ=WEEKLY;COUNT=4"
    )
    Occurrence.objects.filter(page=page).delete()
    cal = parse(calendars.index_calendar(index))
    assert len(expanded(cal)) == 4
    assert expanded(cal)[2][0] == at(2024, 4, 1, 10)  # after the clocks changed


def test_to_bytes_writes_what_icalendar_writes(index):
    f.panel(
        index,
        at(2024, 3, 4, 10),
        at(2024, 3, 4, 12),
        title="Überlange Veranstaltung " * 8,  # folded, not ASCII
        summary="A summary long enough to be folded over several lines. " * 5,
    )
    _fill(index, 3)
    document = calendars.index_calendar(index)
    assert calendars.to_bytes(document) == document.to_ical()


# One event's file


def test_one_event_file_in_at_most_four_queries(client, index):
    _fill(index, 2)
    weekly = EventPage.objects.child_of(index).exclude(recurrence="").get()
    count, response = _count(client, weekly.url + "calendar.ics")
    assert count <= EVENT_FILE_BUDGET
    cal = check_document(parse(response.content))
    assert expanded(cal) == listed(fresh(weekly))
    assert "LOCATION" in events(cal)[0]
    one_off = EventPage.objects.child_of(index).filter(recurrence="").get()
    count, _response = _count(client, one_off.url + "calendar.ics")
    assert count <= EVENT_FILE_BUDGET


def test_a_session_file_still_has_its_conference(client, index):
    conference = f.conference(index, start=at(2024, 4, 18, 9), end=at(2024, 4, 18, 17))
    venue = f.venue("Elsewhere")
    session = f.panel(conference, at(2024, 4, 18, 10), at(2024, 4, 18, 11), venue=venue)
    _count_, response = _count(client, session.url + "calendar.ics")
    (event,) = events(parse(response.content))
    assert event.decoded("DTSTART") == at(2024, 4, 18, 10)
    assert "Elsewhere" in str(event["LOCATION"])


@pytest.mark.parametrize("on", ["index", "event"])
def test_a_restricted_event_file_asks_for_the_password(client, index, on):
    page = f.panel(index, at(2024, 4, 19, 10), at(2024, 4, 19, 11))
    PageViewRestriction.objects.create(
        page=index if on == "index" else page,
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",
    )
    response = client.get(page.url + "calendar.ics")
    assert response.status_code == 200
    assert b"BEGIN:VCALENDAR" not in response.content
    assert b"password" in response.content.lower()


def test_an_event_by_invitation_keeps_its_link_out_of_its_file(client, index):
    link = "https://meet.example.org/private-4c1e"
    page = f.workshop(
        index,
        at(2024, 4, 19, 10),
        at(2024, 4, 19, 11),
        attendance_mode="online",
        online_url=link,
        access="invitation",
    )
    count, response = _count(client, page.url + "calendar.ics")
    assert count <= EVENT_FILE_BUDGET
    assert link.encode() not in response.content
    assert b"BEGIN:VEVENT" in response.content


def test_an_unknown_host_is_routed_by_wagtail(client, index, settings):
    settings.ALLOWED_HOSTS = ["*"]
    page = f.panel(index, at(2024, 4, 19, 10), at(2024, 4, 19, 11))
    response = client.get(page.url + "calendar.ics", HTTP_HOST="elsewhere.example")
    assert response.status_code == 200
    assert b"BEGIN:VEVENT" in response.content
    assert client.get(index.url + "nothing/calendar.ics").status_code == 404


def test_a_draft_translation_of_the_site_root_is_not_routed_to(client, index):
    """Wagtail routes through the translation of the site's root only once it is
    live (``Page.localized``); until then the Dutch addresses are the English
    pages'. The fast router must not serve the Dutch pages below the draft root."""
    from wagtail.models import Locale, Site

    dutch = Locale.objects.get_or_create(language_code="nl")[0]
    root = Site.objects.get(is_default_site=True).root_page
    draft_root = root.copy_for_translation(dutch)  # not published: a draft
    assert not draft_root.live
    page = f.panel(index, at(2024, 4, 19, 10), at(2024, 4, 19, 11), title="Study")
    dutch_index = index.copy_for_translation(dutch)
    dutch_index.save_revision().publish()
    dutch_page = page.copy_for_translation(dutch)
    dutch_page.title = "Studiedag"
    dutch_page.save_revision().publish()
    dutch_page.refresh_from_db()
    assert dutch_page.live and dutch_page.get_parent().get_parent().pk == draft_root.pk
    address = "/nl" + page.url + "calendar.ics"
    response = client.get(address)
    assert response.status_code == 200
    assert b"Studiedag" not in response.content
    assert b"SUMMARY:Study" in response.content


def test_the_feed_s_pages_are_those_django_loads(index):
    """``ical_data.specific_events`` builds the pages with ``Model.__init__``
    alone (``_rows_as_pages``): each field it reads as Django's own loading
    gives it, the others deferred and still read on demand."""
    _fill(index, 4)
    f.conference(index, at(2024, 2, 1, 9), at(2024, 2, 1, 17), summary="Day, one")
    queryset = EventPage.objects.child_of(index).order_by("pk")
    pages = ical_data.specific_events(queryset)
    assert [p.pk for p in pages] == list(queryset.values_list("pk", flat=True))
    for page in pages:
        django = type(page).objects.get(pk=page.pk)
        assert type(page) is type(django) and not page._state.adding
        read = set(page.get_deferred_fields()) ^ {
            f.attname for f in type(page)._meta.concrete_fields
        }
        assert "interpretation" in page.get_deferred_fields()
        for name in read:
            assert getattr(page, name) == getattr(django, name), name
        # A deferred field is read when asked for, as with .defer().
        assert page.interpretation == django.interpretation
        assert page.get_url() == django.get_url()
