"""Pages read a fixed number of SQL queries, however many sessions, speakers, rooms
and runs there are: nothing is fetched per session, least of all in templates."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories as f


pytestmark = pytest.mark.django_db

# What a full conference page may cost: the page itself, its programme (children
# per page type, rooms, runs, items, people), organisers, venue, site and session
# machinery, the active locale (Wagtail's routing of a translated site) and the
# page's translations with their locales (one query for the language switcher, the
# hreflang alternates, <html lang> and the JSON-LD inLanguage), the programme's
# recorded changes ("What changed", one query) and the timed entries of a
# conference held on several days, for its parts (occurrences.parts), the
# page's named contacts (one query with their organisations) and its public
# documents (one query, shared with the JSON-LD). Generous enough for
# framework changes, far below one per session. A conference or session with an
# event type adds one query (their types, read together). Sessions with registration
# forms add two (the forms and their places, for the programme's marks:
# tests/registration/test_status.py); the page's own registration is read once,
# for the top of the page, its section and the JSON-LD. A page whose speakers
# include people with a page of their own reads the event index above it once,
# for the addresses of those pages (programme.people.people_address; the
# speakers' links and the JSON-LD share it).
# The page frame reads the breadcrumb's ancestors and the menu's pages in one
# query.
CONFERENCE_BUDGET = 28  # 27 on Wagtail 8.0 and 7.4 (19 before translations)


def count_queries(client, url, **params):
    client.get(url, params)  # warm the site-root and content-type caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries), ctx


def describe(ctx):
    return "\n".join(q["sql"][:200] for q in ctx.captured_queries)


@pytest.mark.parametrize("params", [{}, {"view": "list"}])
def test_conference_page_queries_do_not_grow_with_sessions(client, index, params):
    small = f.busy_conference(index, 5)
    large = f.busy_conference(index, 100)
    small_count, small_ctx = count_queries(client, small.url, **params)
    large_count, large_ctx = count_queries(client, large.url, **params)
    assert small_count == large_count, describe(large_ctx)
    assert large_count <= CONFERENCE_BUDGET, describe(large_ctx)
    html = client.get(large.url, params).content.decode()
    assert "Guest 99" in html
    assert "Video 99" in html


def test_conference_page_queries_do_not_grow_with_conference_speakers(client, index):
    few = f.busy_conference(index, 3)
    many = f.busy_conference(index, 3)
    org = f.organisation("Many")
    many.speakers = [
        f.speaker(f.person(f"Chair {i}", organisation=org), session_role="chair")
        for i in range(20)
    ] + [f.speaker_list("Hosts", *[f.speaker(f.person(f"Host {i}")) for i in range(5)])]
    many.save()
    for i in range(5):
        f.organiser(many, f.organisation(f"Partner {i}"), role="partner")
    few_count, _ctx = count_queries(client, few.url)
    many_count, many_ctx = count_queries(client, many.url)
    assert few_count == many_count, describe(many_ctx)


@pytest.mark.parametrize("builder", ["panel", "workshop", "site_visit"])
def test_session_page_queries_do_not_grow_with_speakers(client, index, builder):
    conf = f.conference(index)
    org = f.organisation()
    make = getattr(f, builder)

    def session(speakers):
        people = [f.person(f"P{i}", organisation=org) for i in range(speakers)]
        return make(
            conf,
            f.local(2024, 4, 19, 10),
            f.local(2024, 4, 19, 11),
            speakers=[f.speaker(p) for p in people[: speakers // 2]]
            + [
                f.speaker_list(
                    "Group", *[f.speaker(p) for p in people[speakers // 2 :]]
                )
            ]
            + [f.speaker(name="Inline", organisation="Org")],
        )

    small, large = session(2), session(20)
    small_count, _ctx = count_queries(client, small.url)
    large_count, large_ctx = count_queries(client, large.url)
    assert small_count == large_count, describe(large_ctx)


def _with_entries(conference, count):
    """Plenaries with saved and typed speakers, all-day exhibitions and sessions
    held in a building of their own: the entries the page shows in full."""
    zalm = f.venue(f"De Zalm {conference.pk}", accessibility_notes="Stairs only.")
    org = f.organisation(f"Agency {conference.pk}")
    for i in range(count):
        day = 17 + i % 3
        f.programme_item(
            conference,
            f.local(2024, 4, day, 17, i % 50),
            f.local(2024, 4, day, 17, i % 50 + 5),
            kind="remarks",
            title=f"Remarks {i}",
            description=f"Words {i}",
            speakers=[
                f.speaker(f.person(f"Minister {i}", organisation=org)),
                f.speaker(name=f"Typed {i}", role="Mayor", organisation="City"),
            ],
        )
        f.programme_item(
            conference,
            f.local(2024, 4, day, 9),
            f.local(2024, 4, day, 17),
            kind="exhibition",
            title=f"Exhibition {i}",
            all_day=True,
            description=f"Open all day {i}",
        )
        f.workshop(
            conference,
            f.local(2024, 4, day, 19),
            f.local(2024, 4, day, 20),
            title=f"Elsewhere {i}",
            venue=zalm,
        )
    return conference


@pytest.mark.parametrize("params", [{}, {"view": "list"}])
def test_conference_page_queries_do_not_grow_with_entries(client, index, params):
    """Programme items with their speakers, all-day entries and sessions held at
    another venue cost the same few queries however many there are."""
    small = _with_entries(f.busy_conference(index, 3), 2)
    large = _with_entries(f.busy_conference(index, 3), 20)
    small_count, _small_ctx = count_queries(client, small.url, **params)
    large_count, large_ctx = count_queries(client, large.url, **params)
    assert small_count == large_count, describe(large_ctx)
    assert large_count <= CONFERENCE_BUDGET, describe(large_ctx)
    html = client.get(large.url, params).content.decode()
    assert "Minister 19" in html
    assert "Open all day 19" in html
    assert "De Zalm" in html


# What an event index page may cost, whatever the number of events and of their
# dates: the page and site machinery (and the frame's breadcrumb and menu), the locale and translations (language
# switcher, hreflang), the event types of the type filter, the one query the
# language and place filters share, the listing's count and its page of dates
# (each event once, picked in the same query) with pages, venues and types, the
# parts of conferences held on several days, the next meeting of series, and
# the events whose date is to be announced. The month grid reads the month's
# dates in one query and has no count.
INDEX_BUDGET = 17


def _fill_index(index, n):
    venue = f.venue(f"Hall {index.pk}", locality="Leuven")
    now = datetime.datetime.now(tz=datetime.UTC)
    for i in range(n):
        # Every kind upcoming and past in both indexes (i % 6 covers them).
        sign = 1 if i % 2 else -1
        start = now + datetime.timedelta(days=sign * (i % 20 + 3), hours=1)
        end = start + datetime.timedelta(hours=2)
        if i % 3 == 0:
            f.repeating(index, start, end, "RRULE:FREQ=WEEKLY;COUNT=30", venue=venue)
        elif i % 3 == 1:
            f.conference(index, start=start, end=end + datetime.timedelta(days=1))
        else:
            f.panel(
                index,
                start,
                end,
                venue=venue,
                attendance_mode="mixed",
                event_languages=["en"],
            )
    series = f.series(index)
    f.meeting(
        series,
        now + datetime.timedelta(days=2),
        now + datetime.timedelta(days=2, hours=1),
    )


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"when": "past"},
        {"type": "workshop", "place": "Leuven"},
        {"place": "online", "language": "en"},
        {"month": "__this__"},
        {"month": "__this__", "view": "list"},
    ],
)
def test_index_queries_do_not_grow_with_events(client, params, settings):
    settings.WAGTAIL_EVENTS_INDEX_PAGE_SIZE = 50
    if params.get("month") == "__this__":
        params = {**params, "month": f"{datetime.date.today():%Y-%m}"}
    small, large = f.event_index(), f.event_index()
    _fill_index(small, 6)
    _fill_index(large, 36)
    small_count, _ctx = count_queries(client, small.url, **params)
    large_count, large_ctx = count_queries(client, large.url, **params)
    assert small_count == large_count, describe(large_ctx)
    assert large_count <= INDEX_BUDGET, describe(large_ctx)
    html = client.get(large.url, params).content.decode()
    assert "we-card" in html or "we-calendar" in html


# An event page reads its dates once: its dates list, its add-to-calendar links
# and its structured data share one read of the Occurrence table
# (occurrences.at_hand).
@pytest.mark.parametrize("when", ["past", "upcoming", "next cancelled"])
def test_event_page_reads_its_dates_once(client, index, when):
    now = datetime.datetime.now(tz=datetime.UTC)
    start = {
        "past": f.local(2024, 3, 4, 10),
        "upcoming": now - datetime.timedelta(days=21),
        "next cancelled": now - datetime.timedelta(days=6),
    }[when]
    changes = []
    if when == "next cancelled":
        changes = [f.cancel(start + datetime.timedelta(weeks=1), note="Holiday")]
    page = f.panel(
        index,
        start,
        start + datetime.timedelta(hours=2),
        recurrence="RRULE:FREQ=WEEKLY;COUNT=26",
        occurrence_changes=changes,
    )
    _count, ctx = count_queries(client, page.url)
    reads = [
        q for q in ctx.captured_queries if '"wagtail_events_occurrence"' in q["sql"]
    ]
    assert len(reads) == 1, describe(ctx)
    html = client.get(page.url).content.decode()
    assert "calendar.google.com" in html
