"""A visitor registers in Chromium, reads the e-mail, and cancels through its link;
a second visitor lands on the waiting list and gets the freed place. The live
server runs in this process, so the e-mails land in Django's test outbox."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from tests import factories as f
from wagtail_events.models import Registration, RegistrationForm
from wagtail_events.models.registration import RegistrationStatus


pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def workshop():
    form = RegistrationForm.objects.create(
        title="Workshop registration",
        privacy_notice="<p>We keep your name and address until after the event.</p>",
        capacity=1,
        waiting_list=True,
        cancellation_policy="Cancel before the day, or we charge a no-show fee.",
    )
    start = timezone.now().astimezone(f.ZoneInfo(f.BRUSSELS)).replace(
        hour=10, minute=0, second=0, microsecond=0
    ) + datetime.timedelta(days=30)
    conference = f.conference(
        f.event_index(),
        start=start,
        end=start + datetime.timedelta(hours=7),
        title="Local government and diversity",
    )
    return f.workshop(
        conference,
        start,
        start + datetime.timedelta(hours=2),
        title="Welcoming newcomers at the counter",
        registration_form=form,
    )


def focus_is_visible(page):
    """The focused element draws an outline (WCAG 2.4.7)."""
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth]; }"
    )
    return style[0] != "none" and style[1] != "0px"


def register(watched, url, name, email):
    """Fill in and send the form with the keyboard only."""
    page = watched.page
    if url:
        page.goto(url)
    page.get_by_label("Name").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # arrive at the field by keyboard: focus-visible
    assert focus_is_visible(page)
    page.keyboard.type(name)
    page.keyboard.press("Tab")
    page.keyboard.type(email)
    checkbox = page.get_by_label("I have read the privacy notice and agree to it.")
    checkbox.focus()
    page.keyboard.press("Space")
    # "Register", or "Join the waiting list" once every place is taken.
    page.locator(".we-registration__form button[type=submit]").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    return page


def cancel_link(message):
    match = re.search(r"https?://\S+/registration/[\w-]+/", message.body)
    assert match, message.body
    return match.group(0)


def test_register_read_the_email_cancel_and_the_next_person_gets_the_place(
    open_page, live_server, workshop, artifacts_dir
):
    url = live_server.url + workshop.url

    # From the event index to the conference, its programme and the workshop.
    ann = open_page()
    page = ann.page
    page.goto(live_server.url + workshop.get_parent().get_parent().url)
    page.get_by_role("link", name="Local government and diversity").first.click()
    page.wait_for_load_state()
    page.locator(".we-programme").get_by_role(
        "link", name="Welcoming newcomers at the counter"
    ).first.click()
    page.wait_for_load_state()
    assert page.url == url
    page = register(ann, None, "Ann Peeters", "ann@example.org")
    assert "Your place is confirmed" in page.locator("[role=status]").inner_text()
    page.screenshot(path=artifacts_dir / "registration-confirmed.png", full_page=True)

    bob = open_page()
    page = register(bob, url, "Bob Janssens", "bob@example.org")
    # The result, and the notice the form now gives the next visitor (only the
    # waiting list is left): two status messages.
    result = page.locator("[role=status]").filter(
        has_text="waiting list, at position 1"
    )
    result.wait_for()
    assert result.count() == 1

    assert [m.to for m in mail.outbox] == [
        ["Ann Peeters <ann@example.org>"],
        ["Bob Janssens <bob@example.org>"],
    ]
    confirmation = mail.outbox[0]
    assert workshop.title in confirmation.subject
    assert any(a[2].startswith("text/calendar") for a in confirmation.attachments)

    # The e-mail's link names the Site's host; the live server has its own port.
    link = re.sub(r"^https?://[^/]+", live_server.url, cancel_link(confirmation))
    page = ann.page
    page.goto(link)
    assert "no-show fee" in page.content()
    page.get_by_role("button", name="Yes, cancel my registration").click()
    page.wait_for_load_state()
    assert "is cancelled" in page.locator("[role=status]").inner_text()
    page.screenshot(path=artifacts_dir / "registration-cancelled.png", full_page=True)

    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "ann@example.org": RegistrationStatus.CANCELLED,
        "bob@example.org": RegistrationStatus.CONFIRMED,
    }
    # Ann is told her registration is cancelled; Bob that he has the place.
    assert [m.to for m in mail.outbox[2:]] == [
        ["Ann Peeters <ann@example.org>"],
        ["Bob Janssens <bob@example.org>"],
    ]
    assert "place" in mail.outbox[-1].subject.lower() or "place" in mail.outbox[-1].body
    ann.assert_clean()
    bob.assert_clean()


def test_server_errors_are_listed_and_lead_to_the_field(
    open_page, live_server, workshop
):
    watched = open_page()
    page = watched.page
    page.goto(live_server.url + workshop.url)
    page.get_by_label("Name").fill("Ann Peeters")
    page.get_by_label("E-mail address").fill("not an address")
    # Send it as a browser without form validation would (or without
    # JavaScript-free checks): the server must say what is wrong.
    page.evaluate("document.querySelectorAll('form').forEach(f => f.noValidate = true)")
    page.get_by_role("button", name="Register").click()
    page.wait_for_load_state()
    summary = page.locator("[role=alert]").first
    assert "e-mail address" in summary.inner_text().lower()
    assert Registration.objects.count() == 0
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.name") == "email"
    # The form comes back with status 400, which Chromium logs; nothing else.
    assert all("400 (Bad Request)" in e for e in watched.console_errors)
    assert not watched.foreign_requests
