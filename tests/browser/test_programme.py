"""The conference programme in a real browser: a timetable on wide screens, a
chronological list on narrow ones, links that lead to the sessions, no console
errors and nothing fetched from anywhere but the site itself."""

import pytest

from tests import factories as f
from tests.browser.conftest import NARROW, WIDE


pytestmark = [
    pytest.mark.browser,
    # The live server needs committed data; serialized_rollback brings back the
    # Wagtail root page and default site that the flush after each test removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def conference():
    v = f.venue(rooms=["Auditorium", "Dijlezaal", "Refter"])
    conf = f.conference(
        f.event_index(), title="Local government approaches to diversity", venue=v
    )
    day = (2024, 4, 19)
    sessions = {
        "panel": f.panel(
            conf,
            f.local(*day, 10, 15),
            f.local(*day, 11, 45),
            title="Leading the charge",
            room=f.room(v, "Auditorium"),
            speakers=[f.speaker(f.person())],
        ),
        "workshop": f.workshop(
            conf,
            f.local(*day, 10, 15),
            f.local(*day, 11, 45),
            title="Welcoming newcomers at the counter",
            room=f.room(v, "Dijlezaal"),
        ),
        "visit": f.site_visit(
            conf,
            f.local(*day, 10, 15),
            f.local(*day, 11, 45),
            title="Walking tour of the city centre",
            room=f.room(v, "Refter"),
        ),
    }
    f.programme_item(
        conf, f.local(*day, 11, 45), f.local(*day, 12, 15), title="Coffee break"
    )
    sessions["closing"] = f.panel(
        conf,
        f.local(*day, 12, 15),
        f.local(*day, 13, 0),
        title="Closing debate",
        room=f.room(v, "Auditorium"),
    )
    return conf, sessions


def test_wide_viewport_shows_the_timetable(
    open_page, live_server, conference, artifacts_dir
):
    conf, sessions = conference
    watched = open_page(WIDE)
    page = watched.page
    response = page.goto(live_server.url + conf.url)
    assert response.status == 200

    table = page.locator(".we-timetable")
    assert table.count() == 1
    assert table.evaluate("e => getComputedStyle(e).display") == "grid"
    assert page.locator(".we-timetable__head").first.is_visible()
    # Proportional: the 90-minute panel is three times as long as the 30-minute break.
    panel = page.locator(f"#entry-{sessions['panel'].translation_key}")
    coffee = table.locator("li", has_text="Coffee break")
    ratio = panel.bounding_box()["height"] / coffee.bounding_box()["height"]
    assert ratio > 2.4, ratio  # a short entry still grows to fit its text
    for session in sessions.values():
        assert table.get_by_role("link", name=session.title).is_visible()
    assert table.get_by_text("Coffee break").is_visible()

    page.screenshot(path=artifacts_dir / "programme-wide.png", full_page=True)
    watched.assert_clean()


def test_narrow_viewport_shows_the_list(
    open_page, live_server, conference, artifacts_dir
):
    conf, sessions = conference
    watched = open_page(NARROW)
    page = watched.page
    response = page.goto(live_server.url + conf.url)
    assert response.status == 200

    listing = page.locator("ol.we-timetable__entries")
    assert listing.is_visible()
    assert listing.evaluate("e => getComputedStyle(e).display") == "block"
    assert not page.locator(".we-timetable__head").first.is_visible()
    titles = listing.locator(".we-slot__title").all_inner_texts()
    parallel = {sessions[key].title for key in ("panel", "workshop", "visit")}
    assert set(titles[:3]) == parallel
    assert titles[3:] == ["Coffee break", "Closing debate"]

    page.screenshot(path=artifacts_dir / "programme-narrow.png", full_page=True)
    watched.assert_clean()


def test_timetable_links_to_the_session(open_page, live_server, conference):
    conf, sessions = conference
    watched = open_page(WIDE)
    page = watched.page
    page.goto(live_server.url + conf.url)

    target = sessions["workshop"]
    with page.expect_navigation():
        page.locator(".we-timetable").get_by_role("link", name=target.title).click()
    assert page.url == live_server.url + target.url
    assert page.locator("h1").first.inner_text().strip() == target.title
    watched.assert_clean()
