"""A visitor's own agenda in a real browser: stars chosen with the keyboard, kept
across a reload, a download link with exactly those sessions, and none of it on
paper."""

import icalendar
import pytest

from tests import factories as f
from tests.browser.conftest import WIDE


pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def conference():
    v = f.venue(rooms=["Auditorium", "Dijlezaal"])
    conf = f.conference(
        f.event_index(), title="Local government approaches to diversity", venue=v
    )
    day = (2024, 4, 19)
    sessions = [
        f.panel(
            conf,
            f.local(*day, 10, 15),
            f.local(*day, 11, 45),
            title="Leading the charge",
            room=f.room(v, "Auditorium"),
        ),
        f.workshop(
            conf,
            f.local(*day, 10, 15),
            f.local(*day, 11, 45),
            title="Welcoming newcomers at the counter",
            room=f.room(v, "Dijlezaal"),
        ),
        f.panel(
            conf,
            f.local(*day, 12, 15),
            f.local(*day, 13, 0),
            title="Closing debate",
            room=f.room(v, "Auditorium"),
        ),
    ]
    return conf, sessions


def star_with_keyboard(page, title):
    """Tab from the session's link to its star and press Space."""
    page.locator(".we-timetable").get_by_role("link", name=title).focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert title in focused
    page.keyboard.press("Space")


def test_starred_sessions_are_kept_and_downloaded(
    open_page, live_server, conference, artifacts_dir
):
    conf, (panel, workshop, closing) = conference
    watched = open_page(WIDE)
    page = watched.page
    page.goto(live_server.url + conf.url)
    grid = page.locator(".we-timetable")

    def star(title):
        return grid.get_by_role("button", name=f"{title}")

    assert star(panel.title).get_attribute("aria-pressed") == "false"
    assert star(panel.title).get_attribute("aria-label") == (
        f"Star {panel.title} for my agenda"
    )
    link = page.get_by_role("link", name="Download my agenda (.ics)")
    assert not link.is_visible()  # nothing starred yet

    star_with_keyboard(page, panel.title)
    star_with_keyboard(page, closing.title)
    page.reload()

    for session, pressed in ((panel, "true"), (workshop, "false"), (closing, "true")):
        assert star(session.title).get_attribute("aria-pressed") == pressed
    # The same name when starred: aria-pressed says it (the toggle-button pattern).
    assert star(panel.title).get_attribute("aria-label") == (
        f"Star {panel.title} for my agenda"
    )
    href = link.get_attribute("href")
    assert href == (
        f"{conf.url}agenda.ics?sessions={panel.pk},{closing.pk}"
        f"&entries={panel.translation_key},{closing.translation_key}"
    )
    page.screenshot(path=artifacts_dir / "agenda-starred.png", full_page=True)

    response = page.request.get(live_server.url + href)
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.body())
    titles = sorted(str(e["SUMMARY"]) for e in cal.walk("VEVENT"))
    assert titles == sorted([panel.title, closing.title])

    star(panel.title).click()
    assert star(panel.title).get_attribute("aria-pressed") == "false"
    assert link.get_attribute("href").endswith(
        f"?sessions={closing.pk}&entries={closing.translation_key}"
    )

    page.emulate_media(media="print")
    assert page.locator(".we-star").count() == 3  # each entry is written once
    for button in page.locator(".we-star").all():
        assert not button.is_visible()
    assert not link.is_visible()
    # On paper the grid is the plain list, headings and time axis left out.
    assert grid.evaluate("e => getComputedStyle(e).display") == "block"
    assert not page.locator(".we-timetable__head").first.is_visible()
    assert grid.get_by_text(closing.title).is_visible()
    page.screenshot(path=artifacts_dir / "agenda-print.png", full_page=True)

    watched.assert_clean()


def test_a_spoilt_stored_agenda_does_not_break_the_page(
    open_page, live_server, conference
):
    conf, (panel, _workshop, _closing) = conference
    watched = open_page(WIDE)
    page = watched.page
    page.goto(live_server.url + conf.url)
    page.evaluate(
        "key => localStorage.setItem(key, JSON.stringify(['x\"]', 'abc', {}, 5]))",
        f"wagtail_events:agenda:{conf.pk}",
    )
    page.reload()
    star = page.locator(".we-timetable").get_by_role(
        "button", name=f"Star {panel.title} for my agenda"
    )
    assert star.get_attribute("aria-pressed") == "false"
    star.click()
    link = page.get_by_role("link", name="Download my agenda (.ics)")
    assert link.get_attribute("href") == (
        f"{conf.url}agenda.ics?sessions={panel.pk}&entries={panel.translation_key}"
    )
    watched.assert_clean()


def test_programme_items_are_starred_and_old_agendas_become_keys(
    open_page, live_server, conference
):
    """A plenary is starred like a session, under its entry key; an agenda saved
    as page ids under the conference's page id is read as entry keys, kept under
    the conference's translation key (the same in every language)."""
    conf, (panel, _workshop, closing) = conference
    item = f.programme_item(
        conf,
        f.local(2024, 4, 19, 9),
        f.local(2024, 4, 19, 10),
        kind="remarks",
        title="Welcoming remarks",
        room=panel.room,
    )
    watched = open_page(WIDE)
    page = watched.page
    page.goto(live_server.url + conf.url)
    page.evaluate(
        "([key, ids]) => localStorage.setItem(key, JSON.stringify(ids))",
        [f"wagtail_events:agenda:{conf.pk}", [str(closing.pk)]],
    )
    page.reload()
    grid = page.locator(".we-timetable")
    assert (
        grid.get_by_role(
            "button", name=f"Star {closing.title} for my agenda"
        ).get_attribute("aria-pressed")
        == "true"
    )
    grid.get_by_role("button", name="Star Welcoming remarks for my agenda").click()
    stored = page.evaluate(
        "key => JSON.parse(localStorage.getItem(key))",
        f"wagtail_events:agenda:{conf.translation_key}",
    )
    assert stored == [str(closing.translation_key), f"item-{item.translation_key}"]
    link = page.get_by_role("link", name="Download my agenda (.ics)")
    assert link.get_attribute("href") == (
        f"{conf.url}agenda.ics?sessions={closing.pk}"
        f"&entries={closing.translation_key},item-{item.translation_key}"
    )
    watched.assert_clean()
