"""A visitor's own agenda: ``<conference url>agenda.ics?sessions=…`` with the
sessions starred on the programme, with the UIDs of the public calendar, and the
markup the programme gives agenda.js."""

import icalendar
import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from tests import factories as f
from wagtail_events.exchange.views import AGENDA_MAX_SESSIONS


pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(index):
    conf = f.conference(index, title="Local government approaches to diversity")
    day = (2024, 4, 19)
    sessions = {
        "panel": f.panel(
            conf, f.local(*day, 10, 15), f.local(*day, 11, 45), title="Leading"
        ),
        "workshop": f.workshop(
            conf, f.local(*day, 10, 15), f.local(*day, 11, 45), title="Counter"
        ),
        "visit": f.site_visit(
            conf,
            f.local(*day, 10, 15),
            f.local(*day, 11, 45),
            runs=[(f.local(*day, 14), f.local(*day, 15, 30))],
            title="Walking tour",
        ),
        "closing": f.panel(
            conf, f.local(*day, 12, 15), f.local(*day, 13), title="Closing debate"
        ),
    }
    return conf, sessions


def agenda(client, conf, sessions, method="get"):
    return getattr(client, method)(conf.url + "agenda.ics", {"sessions": sessions})


def events_of(response):
    cal = icalendar.Calendar.from_ical(response.content)
    return {str(e["SUMMARY"]): str(e["UID"]) for e in cal.walk("VEVENT")}


def uids(response):
    cal = icalendar.Calendar.from_ical(response.content)
    return sorted(str(e["UID"]) for e in cal.walk("VEVENT"))


def ids(*pages):
    return ",".join(str(p.pk) for p in pages)


def test_agenda_holds_the_chosen_sessions_with_the_public_uids(client, programme):
    conf, s = programme
    response = agenda(client, conf, ids(s["panel"], s["visit"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "agenda.ics" in response["Content-Disposition"]
    public = events_of(client.get(conf.url + "calendar.ics"))
    mine = icalendar.Calendar.from_ical(response.content)
    chosen = [(str(e["SUMMARY"]), str(e["UID"])) for e in mine.walk("VEVENT")]
    # The panel, and the site visit with both its runs.
    assert sorted(title for title, _uid in chosen) == [
        "Leading",
        "Walking tour",
        "Walking tour",
    ]
    public_uids = set(uids(client.get(conf.url + "calendar.ics")))
    assert {uid for _title, uid in chosen} <= public_uids
    assert public["Leading"] in {uid for _title, uid in chosen}
    assert "Local government approaches to diversity" in str(mine["X-WR-CALNAME"])


def test_sessions_of_other_pages_and_unknown_ids_are_left_out(client, index, programme):
    conf, s = programme
    other = f.conference(index)
    elsewhere = f.panel(other, f.local(2024, 4, 19, 10), f.local(2024, 4, 19, 11))
    draft = f.panel(conf, f.local(2024, 4, 19, 10), f.local(2024, 4, 19, 11))
    draft.unpublish()
    members = f.panel(conf, f.local(2024, 4, 19, 10), f.local(2024, 4, 19, 11))
    PageViewRestriction.objects.create(
        page=members, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    chosen = f"{ids(s['workshop'], elsewhere, draft, members, conf, index)},999999"
    response = agenda(client, conf, chosen)
    assert response.status_code == 200
    assert list(events_of(response)) == ["Counter"]


def test_the_same_session_twice_is_one_event(client, programme):
    conf, s = programme
    response = agenda(client, conf, ids(s["closing"], s["closing"]))
    assert list(events_of(response)) == ["Closing debate"]


@pytest.mark.parametrize(
    "value, message",
    [
        ("", "Choose entries"),
        ("12,abc", "separated by commas"),
        ("1;2", "separated by commas"),
        ("-3", "separated by commas"),
        ("²", "separated by commas"),
        (",".join(["1"] * (AGENDA_MAX_SESSIONS + 1)), "at most 200 sessions"),
    ],
)
def test_garbage_is_refused_with_a_message(client, programme, value, message):
    conf, _s = programme
    response = agenda(client, conf, value)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert message in response.content.decode()


def test_no_session_of_this_conference_is_refused(client, index, programme):
    conf, _s = programme
    other = f.panel(f.conference(index), f.local(2024, 4, 19), f.local(2024, 4, 19, 1))
    response = agenda(client, conf, ids(other))
    assert response.status_code == 400
    assert "None of these sessions" in response.content.decode()


def test_head_works_and_post_is_refused(client, programme):
    conf, s = programme
    assert agenda(client, conf, ids(s["panel"]), method="head").status_code == 200
    response = client.post(conf.url + "agenda.ics?sessions=" + ids(s["panel"]))
    assert response.status_code == 405


def test_only_conferences_serve_an_agenda(client, programme):
    _conf, s = programme
    response = client.get(s["panel"].url + "agenda.ics", {"sessions": s["panel"].pk})
    assert response.status_code == 404


def test_queries_do_not_grow_with_the_sessions_chosen(
    client, index, django_assert_max_num_queries
):
    conf = f.busy_conference(index, 12)
    sessions = list(conf.get_children().specific())
    few, many = ids(*sessions[:3]), ids(*sessions[:12])
    agenda(client, conf, few)  # warm the site-root and content-type caches
    # The agenda writes the VEVENTs of the conference's calendar.ics (sessions
    # and programme items) and keeps the starred ones: that calendar's queries.
    with django_assert_max_num_queries(30) as few_queries:
        assert agenda(client, conf, few).status_code == 200
    with django_assert_max_num_queries(len(few_queries.captured_queries)):
        response = agenda(client, conf, many)
    assert len(uids(response)) == 12 + 4  # every site visit has a second run


# The markup agenda.js builds on


def test_programme_gives_every_session_a_place_for_its_star(client, programme):
    conf, s = programme
    for params in ({}, {"view": "list"}):
        html = BeautifulSoup(client.get(conf.url, params).content, "html.parser")
        places = html.select("[data-we-session-id]")
        titles = {p["data-we-entry-title"]: p["data-we-session-id"] for p in places}
        # Each star place names its entry by key: the session's translation key.
        for place in places:
            page = next(
                v for v in s.values() if str(v.pk) == place["data-we-session-id"]
            )
            assert place["data-we-entry"].startswith(str(page.translation_key))
        assert titles == {
            "Leading": str(s["panel"].pk),
            "Counter": str(s["workshop"].pk),
            "Walking tour": str(s["visit"].pk),
            "Closing debate": str(s["closing"].pk),
        }
        # Only places: no button of the script shows without JavaScript (the
        # filters' submit button is the form's own).
        assert all(
            button["type"] == "submit" or button.has_attr("hidden")
            for button in html.select(".we-programme button")
        )
        box = html.select_one("[data-we-agenda]")
        assert box.has_attr("hidden")
        assert box["data-we-agenda-url"] == conf.url + "agenda.ics"
        assert "{title}" in box["data-we-label"]
        assert html.select_one("script[src$='wagtail_events/js/agenda.js']")
        # Without JavaScript, the whole programme's calendar stays on offer.
        assert html.select_one(f"a[href$='{conf.url}calendar.ics']")


def test_an_empty_programme_has_no_agenda(client, index):
    conf = f.conference(index)
    html = client.get(conf.url).content.decode()
    assert "data-we-agenda" not in html
    assert "agenda.js" not in html
