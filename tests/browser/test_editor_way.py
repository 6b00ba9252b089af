"""The editor's way, in Chromium (issue 14): an editor adds a workshop to a
conference, whose dates start on the conference's day, and creates its
registration form, with its places, from the page's chooser without leaving the
page; a break's room list offers only the venue's rooms.

Translating a conference with its sessions in one go is tested with
wagtail-localize's own view and the test client, not here: it is heavy in a
browser and its screens are wagtail-localize's (tests/i18n/test_translate_along.py).
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories as f
from tests.browser.conftest import WIDE, log_in
from wagtail_events.models import RegistrationForm, WorkshopPage


pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def conference():
    day = timezone.now().astimezone(f.ZoneInfo(f.BRUSSELS)).date()
    day += datetime.timedelta(days=40)
    f.venue("Het Pand", rooms=["Refter"])
    venue = f.venue(rooms=["Auditorium", "Dijlezaal"])
    return f.conference(
        f.event_index(),
        start=f.local(day.year, day.month, day.day, 9),
        end=f.local(day.year, day.month, day.day, 17),
        title="Local government approaches to diversity",
        venue=venue,
    )


def test_workshop_and_its_form_without_leaving_the_page(
    open_page, live_server, conference, superuser, artifacts_dir, settings
):
    # Wagtail 8's autosave of a new page races the Publish click in a fast
    # headless browser; the editor's way is tested without it.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    day = conference.local_start.date()
    watched = open_page(WIDE)
    page = watched.page
    log_in(page, live_server, superuser)
    page.goto(
        live_server.url
        + reverse(
            "wagtailadmin_pages:add",
            args=["wagtail_events", "workshoppage", conference.pk],
        )
    )
    page.fill("#id_title", "Co-design lab")
    page.get_by_role("tab", name="When and where").click()
    # The dates start on the conference's day, at its start: only the hours change.
    assert page.input_value("#id_start") == f"{day:%Y-%m-%d} 09:00"
    page.fill("#id_start", f"{day:%Y-%m-%d} 10:15")
    page.fill("#id_end", f"{day:%Y-%m-%d} 11:45")

    # The registration form, created in the chooser.
    page.get_by_role(
        "button", name=re.compile("Choose (a )?registration form", re.I)
    ).click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("tab", name="Create a new form").click()
    modal.locator("#id_title").fill("Co-design lab form")
    # Draftail takes typed keys, not a filled value.
    notice = modal.locator(".Draftail-Editor [contenteditable='true']").first
    hidden = modal.locator("input[name='privacy_notice']")
    text = "We keep your name until the lab."
    for _attempt in range(3):
        notice.click()
        # On a slow machine the editor may not have taken the focus yet: the
        # text went nowhere, so it is typed again once it has.
        if text not in notice.inner_text():
            # One input event: keys sent faster than anyone types (no delay)
            # leave only the first in Draftail's hidden field in the chooser's
            # modal; at a person's pace (200 ms a key) the whole text arrives,
            # tried by hand.
            page.keyboard.insert_text(text)
        try:
            # Draftail writes its hidden field a moment after the change (its
            # save interval): sending before would send an empty notice.
            expect(hidden).to_have_value(re.compile(re.escape(text)), timeout=5000)
            break
        except AssertionError:
            continue
    expect(hidden).to_have_value(re.compile(re.escape(text)))
    modal.locator("#id_capacity").fill("12")
    page.screenshot(path=artifacts_dir / "editor-create-form.png", full_page=True)
    modal.get_by_role("button", name="Create registration form").click()
    modal.wait_for(state="hidden")
    assert (
        "Co-design lab form"
        in page.locator("[data-contentpath='registration_form']").inner_text()
    )

    page.locator(
        "button.dropdown-toggle, [data-w-dropdown-target='toggle']"
    ).last.click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))

    workshop = WorkshopPage.objects.get(title="Co-design lab")
    assert workshop.live
    assert workshop.registration_form.title == "Co-design lab form"
    assert workshop.registration_form.capacity == 12
    assert workshop.venue_id == conference.venue_id

    # A break's room list: the venue's rooms only.
    page.goto(
        live_server.url + reverse("wagtailadmin_pages:edit", args=[conference.pk])
    )
    page.get_by_role("tab", name="Programme").click()
    page.get_by_role("button", name=re.compile("Add programme item", re.I)).click()
    options = page.locator("[id$='-room'] option").all_inner_texts()
    rooms = [option for option in options if "(" in option]
    assert rooms == [
        "Auditorium (Lamot Conference and Heritage Centre)",
        "Dijlezaal (Lamot Conference and Heritage Centre)",
    ]
    assert not watched.foreign_requests
    assert RegistrationForm.objects.count() == 1
