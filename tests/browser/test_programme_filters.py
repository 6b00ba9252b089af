"""A visitor narrows the programme in a real browser: filters by room with the
form (no script needed), stars two sessions, shows only the starred ones, and
finds the same stars on the Dutch programme. One page, kept short."""

import re

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
    conf = f.conference(f.event_index(), title="Diversity in cities", venue=v)
    day = (2024, 4, 19)
    hall, side = f.room(v, "Auditorium"), f.room(v, "Dijlezaal")
    sessions = [
        f.panel(conf, f.local(*day, 10), f.local(*day, 11), title="Opening", room=hall),
        f.workshop(
            conf, f.local(*day, 10), f.local(*day, 11), title="Counter", room=side
        ),
        f.panel(
            conf, f.local(*day, 11, 30), f.local(*day, 12), title="Closing", room=hall
        ),
    ]
    f.programme_item(
        conf, f.local(*day, 11), f.local(*day, 11, 30), title="Coffee break"
    )
    dutch = f.translate(conf)
    assert dutch is not None and dutch.live
    return conf, sessions, side


def entries(page):
    return page.locator(".we-timetable__entries > li:visible .we-slot__title")


def test_filter_by_room_star_and_keep_the_stars_in_dutch(
    open_page, live_server, conference, artifacts_dir
):
    conf, (opening, counter, closing), side = conference
    # A visitor in New York: the programme offers their own time.
    watched = open_page(WIDE, timezone_id="America/New_York")
    page = watched.page
    page.goto(live_server.url + conf.url)
    opening_entry = page.locator(f"#entry-{opening.translation_key}")
    assert opening_entry.locator(".we-slot__time").inner_text() == "10:00–11:00"
    # The page states its zone once; its button writes the programme's times
    # in the visitor's zone in place, and back.
    toggle = page.get_by_role(
        "button", name="Show times in my time zone (America/New_York)"
    )
    toggle.click()
    assert opening_entry.locator(".we-slot__time").inner_text() == "04:00–05:00"
    assert page.locator(".we-programme__zone").count() == 0
    toggle.click()
    assert opening_entry.locator(".we-slot__time").inner_text() == "10:00–11:00"

    # The form: choose a room and send it; the address keeps the choice.
    page.get_by_label("Room").select_option(label="Dijlezaal")
    with page.expect_navigation():
        page.get_by_role("button", name="Show", exact=True).click()
    assert f"room={side.pk}" in page.url
    assert entries(page).all_inner_texts() == ["Counter", "Coffee break"]
    with page.expect_navigation():
        page.get_by_role("link", name="Clear the filters").click()
    assert len(entries(page).all_inner_texts()) == 4

    # Two stars, then only the starred entries (#starred in the address).
    for title in (opening.title, closing.title):
        page.get_by_role("button", name=f"Star {title} for my agenda").click()
    only = page.get_by_role("button", name="Only my starred entries")
    only.click()
    assert only.get_attribute("aria-pressed") == "true"
    assert page.url.endswith("#starred")
    assert entries(page).all_inner_texts() == ["Opening", "Closing"]
    page.screenshot(path=artifacts_dir / "programme-starred.png", full_page=True)

    # The Dutch programme: the same entries are starred.
    with page.expect_navigation():
        page.locator('.we-languages a[hreflang="nl"]').click()
    assert re.search(r"/nl/", page.url)
    stars = page.locator(".we-star[aria-pressed='true']")
    assert sorted(s.get_attribute("value") for s in stars.all()) == sorted(
        [str(opening.translation_key), str(closing.translation_key)]
    )
    watched.assert_clean()
