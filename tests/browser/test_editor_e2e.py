"""An editor, in Chromium, adds a workshop to a conference: a speaker chosen from
the saved people, a registration form chosen from the snippets, wall-clock times;
publishes it and finds it in the conference's programme, where a visitor can
register."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

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
    venue = f.venue(rooms=["Auditorium", "Dijlezaal"])
    return f.conference(
        f.event_index(),
        start=f.local(day.year, day.month, day.day, 9),
        end=f.local(day.year, day.month, day.day, 17),
        title="Local government approaches to diversity",
        venue=venue,
    )


def choose_in_modal(page, opener, title):
    opener.click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("link", name=title).first.click()
    modal.wait_for(state="hidden")


def test_editor_adds_a_workshop_with_a_speaker_and_registration(
    open_page, live_server, conference, superuser, artifacts_dir
):
    f.person(name="Ann Peeters")
    RegistrationForm.objects.create(
        title="Workshop registration",
        privacy_notice="<p>We keep your name and address until the event.</p>",
        capacity=25,
    )
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

    page.fill("#id_title", "Welcoming newcomers at the counter")
    # A speaker: the stream's "+" offers the block types; the person comes from
    # the saved people through Wagtail's chooser.
    speakers = page.locator("[data-contentpath='speakers']").first
    speakers.locator(
        "button[title='Insert a block'], button.c-sf-add-button"
    ).first.click()
    page.get_by_role("option", name=re.compile("^Speaker")).first.click()
    choose_in_modal(
        page,
        speakers.get_by_role("button", name=re.compile("Choose (a )?person", re.I)),
        "Ann Peeters",
    )

    page.get_by_role("tab", name="When and where").click()
    page.fill("#id_start", f"{day:%Y-%m-%d} 10:15")
    page.fill("#id_end", f"{day:%Y-%m-%d} 11:45")
    room = page.locator("#id_room option", has_text="Dijlezaal").get_attribute("value")
    page.select_option("#id_room", value=room)
    choose_in_modal(
        page,
        page.get_by_role(
            "button", name=re.compile("Choose (a )?registration form", re.I)
        ),
        "Workshop registration",
    )
    page.screenshot(path=artifacts_dir / "editor-new-workshop.png", full_page=True)

    page.locator(
        "button.dropdown-toggle, [data-w-dropdown-target='toggle']"
    ).last.click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))

    workshop = WorkshopPage.objects.get(title="Welcoming newcomers at the counter")
    assert workshop.live
    assert workshop.get_parent().pk == conference.pk
    assert workshop.registration_form.title == "Workshop registration"
    assert workshop.local_start.time() == datetime.time(10, 15)
    assert workshop.room.name == "Dijlezaal"
    (speaker,) = workshop.speakers
    assert speaker.value["person"].name == "Ann Peeters"

    # The visitor finds it in the programme, in its room, and can register.
    page.goto(live_server.url + conference.url)
    cell = (
        page.locator(".we-programme")
        .get_by_role("link", name="Welcoming newcomers at the counter")
        .first
    )
    cell.click()
    page.wait_for_load_state()
    assert "Ann Peeters" in page.content()
    assert page.locator("form.we-registration__form").count() == 1
    page.screenshot(
        path=artifacts_dir / "editor-workshop-published.png", full_page=True
    )
    assert not watched.foreign_requests
