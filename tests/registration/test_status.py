"""Registration that can be found: the state of a page's registration in words
at the top of its page, with a link to the form (registration.status, the
include registration_status.html); the form that says "waiting list" before
anyone sends it; the form's own heading for visitors; the programme's marks."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import factories as f
from wagtail_events.enums import Access, RegistrationStatus
from wagtail_events.registration.status import page_status


pytestmark = pytest.mark.django_db

YEAR = timezone.now().year + 2


def workshop(parent, form, **fields):
    return f.workshop(
        parent,
        f.local(YEAR, 4, 19, 9),
        f.local(YEAR, 4, 19, 17),
        registration_form=form,
        **fields,
    )


def soup(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text(node):
    return " ".join(node.get_text(" ").split()) if node is not None else ""


def top(html):
    """The registration state in the page's header."""
    return html.select_one(".we-page-header .we-registration-status")


def take(page, count, status=RegistrationStatus.CONFIRMED):
    for i in range(count):
        f.registration(page, email=f"p{i}-{status}@example.org", status=status)


# The state at the top of the page, in each state


def test_open_with_places_left_links_to_the_form(client, index):
    page = workshop(index, f.registration_form(capacity=12))
    take(page, 2)
    html = soup(client, page)
    status = top(html)
    assert "Registration is open" in text(status)
    assert "10 places left" in text(status)
    link = status.select_one("a")
    assert link["href"] == "#register" and text(link) == "Register"
    assert html.select_one("#register form") is not None


def test_a_one_off_event_shows_its_places_too(client, index):
    # A panel on its own, not part of a conference.
    page = f.panel(
        index,
        f.local(YEAR, 5, 2, 19),
        f.local(YEAR, 5, 2, 21),
        registration_form=f.registration_form(capacity=1),
    )
    assert "1 place left" in text(top(soup(client, page)))


def test_open_without_a_limit_says_no_number(client, index):
    page = workshop(index, f.registration_form())
    status = text(top(soup(client, page)))
    assert "Registration is open" in status
    assert "left" not in status


def test_full_with_waiting_list_says_so_before_anyone_submits(client, index):
    page = workshop(index, f.registration_form(capacity=2, waiting_list=True))
    take(page, 2)
    html = soup(client, page)
    status = top(html)
    assert "Every place is taken" in text(status)
    assert text(status.select_one("a")) == "Join the waiting list"
    section = html.select_one("#register")
    assert text(section.select_one("h2")) == "Join the waiting list"
    assert "waiting list" in text(section.select_one(".we-registration__notice"))
    assert text(section.select_one("form button[type=submit]")) == (
        "Join the waiting list"
    )


def test_open_form_button_says_register(client, index):
    page = workshop(index, f.registration_form(capacity=2, waiting_list=True))
    button = soup(client, page).select_one("#register form button[type=submit]")
    assert text(button) == "Register"


def test_full_without_waiting_list(client, index):
    page = workshop(index, f.registration_form(capacity=1, waiting_list=False))
    take(page, 1)
    html = soup(client, page)
    assert "This event is full." in text(top(html))
    assert top(html).select_one("a") is None
    assert html.select_one("#register form") is None


def test_not_open_yet_says_when_it_opens(client, index):
    opens = f.local(YEAR, 3, 1, 9)
    page = workshop(index, f.registration_form(capacity=5, opens_at=opens))
    html = soup(client, page)
    status = text(top(html))
    assert "Registration opens on" in status
    assert str(YEAR) in status and "09:00" in status
    assert html.select_one("#register form") is None


def test_closed(client, index):
    closed = timezone.now() - datetime.timedelta(days=1)
    page = workshop(
        index,
        f.registration_form(
            capacity=5, opens_at=closed - datetime.timedelta(days=9), closes_at=closed
        ),
    )
    html = soup(client, page)
    assert "Registration is closed." in text(top(html))
    assert html.select_one("#register form") is None


def test_by_invitation_asks_to_join(client, index):
    page = workshop(
        index,
        f.registration_form(capacity=5, requires_approval=True),
        access=Access.INVITATION,
    )
    html = soup(client, page)
    status = top(html)
    assert "By invitation" in text(status)
    assert text(status.select_one("a")) == "Ask to join"
    assert text(html.select_one("#register h2")) == "Ask to join"


def test_no_form_says_nothing(client, index):
    page = workshop(index, None)
    assert top(soup(client, page)) is None
    assert page_status(page) is None


def test_cancelled_event_leaves_it_to_its_status(index):
    page = workshop(index, f.registration_form(), status="cancelled")
    assert page_status(page) is None


def test_conference_and_series_pages_show_it(client, index):
    form = f.registration_form(capacity=40)
    conference = f.conference(
        index,
        start=f.local(YEAR, 4, 17, 9),
        end=f.local(YEAR, 4, 18, 17),
        registration_form=form,
    )
    assert "40 places left" in text(top(soup(client, conference)))
    series = f.series(index, registration_form=f.registration_form(capacity=3))
    f.meeting(series, f.local(YEAR, 6, 1, 19), f.local(YEAR, 6, 1, 21))
    assert "Registration is open" in text(top(soup(client, series)))


def test_the_top_costs_no_query_of_its_own(client, index):
    """The header, the section and the structured data read the page's
    registration once: the page with the header's state costs what it cost
    without it (the offer was read twice before: head and section)."""
    page = workshop(index, f.registration_form(capacity=12))
    take(page, 3)
    client.get(page.url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(page.url)
    counting = [
        q
        for q in ctx.captured_queries
        if 'FROM "wagtail_events_registration"' in q["sql"]
    ]
    assert len(counting) == 1, "\n".join(q["sql"][:200] for q in counting)


# The form's heading


def test_heading_falls_back_to_a_generic_one_not_the_internal_name(client, index):
    page = workshop(index, f.registration_form(title="Mechelen 2024: parallel session"))
    html = soup(client, page)
    assert text(html.select_one("#register h2")) == "Register"
    assert "Mechelen 2024: parallel session" not in html.get_text()


def test_the_editors_heading_is_shown(client, index):
    form = f.registration_form(title="Internal", heading="Sign up for the workshop")
    page = workshop(index, form)
    assert text(soup(client, page).select_one("#register h2")) == (
        "Sign up for the workshop"
    )


# The programme's marks


def _conference_with_sessions(index, count):
    conference = f.conference(
        index, start=f.local(YEAR, 4, 17, 9), end=f.local(YEAR, 4, 17, 18)
    )
    sessions = []
    for i in range(count):
        form = f.registration_form(capacity=2, waiting_list=bool(i % 2))
        session = f.workshop(
            conference,
            f.local(YEAR, 4, 17, 9 + i % 8),
            f.local(YEAR, 4, 17, 9 + i % 8, 50),
            title=f"Workshop {i}",
            registration_form=form,
        )
        sessions.append(session)
    f.panel(
        conference,
        f.local(YEAR, 4, 17, 17),
        f.local(YEAR, 4, 17, 18),
        title="Open panel",
    )
    # The first two are full: one without a waiting list, one with.
    take(sessions[0], 2)
    take(sessions[1], 2)
    return conference


def marks_of(html):
    """{entry title: its mark} of the programme's list."""
    marks = {}
    for entry in html.select(".we-programme .we-slot"):
        title = text(entry.select_one(".we-slot__title"))
        marks[title] = text(entry.select_one(".we-slot__registration"))
    return marks


def test_programme_marks_what_needs_registration_and_what_is_full(client, index):
    conference = _conference_with_sessions(index, 3)
    marks = marks_of(soup(client, conference))
    assert marks["Workshop 0"] == "Full"
    assert marks["Workshop 1"] == "Waiting list only"
    assert marks["Workshop 2"] == "Registration required"
    assert marks["Open panel"] == ""


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return len(ctx.captured_queries)


def test_programme_marks_are_read_in_bulk(client, index):
    small = _conference_with_sessions(index, 3)
    large = _conference_with_sessions(index, 16)
    assert _queries(client, small.url) == _queries(client, large.url)


def test_programme_marks_cost_two_queries(client, index):
    with_forms = _conference_with_sessions(index, 4)
    without = f.conference(
        index, start=f.local(YEAR, 4, 17, 9), end=f.local(YEAR, 4, 17, 18)
    )
    for i in range(4):
        f.workshop(
            without,
            f.local(YEAR, 4, 17, 9 + i),
            f.local(YEAR, 4, 17, 9 + i, 50),
            title=f"Workshop {i}",
        )
    f.panel(without, f.local(YEAR, 4, 17, 17), f.local(YEAR, 4, 17, 18))
    # The forms, and the places of those with a limit.
    assert _queries(client, with_forms.url) == _queries(client, without.url) + 2
