"""From a session's page to a speaker's page: the speaker's name links to their
page, which lists their sessions across events."""

import pytest

from tests import factories as f
from tests.browser.conftest import NARROW


pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_visitor_goes_from_a_session_to_the_speakers_page(open_page, live_server):
    index = f.event_index(title="Events", slug="events")
    mayor = f.person(
        "Bart Somers",
        role="Mayor of Mechelen",
        biography="A short biography the editor wrote.",
    )
    first = f.conference(index, title="Mechelen 2024")
    panel = f.panel(
        first,
        f.local(2024, 4, 19, 10, 15),
        f.local(2024, 4, 19, 11, 45),
        title="Leading the charge",
        speakers=[f.speaker(mayor, session_role="moderator")],
    )
    second = f.conference(
        index,
        f.local(2025, 5, 20, 9),
        f.local(2025, 5, 20, 17),
        title="Uppsala 2025",
    )
    f.workshop(
        second,
        f.local(2025, 5, 20, 10),
        f.local(2025, 5, 20, 12),
        title="Local dialogue",
        speakers=[f.speaker(mayor)],
    )

    watched = open_page(NARROW)
    page = watched.page
    page.set_default_timeout(5000)
    page.goto(live_server.url + panel.url)
    page.get_by_role("link", name="Bart Somers").first.click()
    page.wait_for_url(f"**/events/people/{mayor.slug}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Bart Somers"
    assert page.get_by_text("Mayor of Mechelen").is_visible()
    assert page.get_by_text("A short biography the editor wrote.").is_visible()
    sessions = page.locator(".we-card__title").all_inner_texts()
    # Newest first: the 2025 workshop above the 2024 panel.
    assert sessions == ["Local dialogue", "Leading the charge"]
    page.get_by_role("link", name="Leading the charge").click()
    page.wait_for_url(f"**{panel.url}")
    watched.assert_clean()
