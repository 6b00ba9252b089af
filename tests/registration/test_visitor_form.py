"""The visitor's registration form: on the event page, POST to ``register/``,
the result page, and cancelling with the token."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests import factories
from wagtail_events.models.registration import (
    Registration,
    RegistrationStatus,
)
from wagtail_events.registration import errors, writer


pytestmark = pytest.mark.django_db


# The editor's questions of the event's form.
QUESTIONS = [
    factories.question("Organisation"),
    factories.question("Comments", "multiline", required=False),
]


# Registration closes when an event begins: these events lie ahead.
YEAR = timezone.now().year + 2


def upcoming_conference(index, **fields):
    fields.setdefault("start", factories.local(YEAR, 4, 19, 8, 15))
    fields.setdefault("end", factories.local(YEAR, 4, 19, 18))
    return factories.conference(index, **fields)


@pytest.fixture
def event(index):
    form = factories.registration_form(
        questions=QUESTIONS,
        title="Register for the conference",
        privacy_notice="<p>We keep your data for one year.</p>",
    )
    return upcoming_conference(index, registration_form=form)


def valid_data(**overrides):
    data = {
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "q_organisation": "City of Mechelen",
        "q_comments": "",
        "accessibility_needs": ["induction_loop"],
        "accessibility_details": "",
        "privacy_accepted": "on",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def register_url(page):
    return page.url + "register/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def post(client, page, **overrides):
    return client.post(register_url(page), valid_data(**overrides))


# The form on the event page


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_on_the_form_are_not_allowed(client, event, method):
    response = getattr(client, method)(register_url(event), valid_data())
    assert response.status_code == 405
    assert sorted(response["Allow"].split(", ")) == ["GET", "HEAD", "POST"]
    assert not Registration.objects.exists()


def test_event_page_shows_the_form(client, event):
    response = client.get(event.url)
    assert response.status_code == 200
    form = soup(response).select_one("form.we-registration__form")
    assert form["action"] == register_url(event)
    assert form["method"] == "post"
    names = {i.get("name") for i in form.select("input, textarea")}
    assert {
        "name",
        "email",
        "q_organisation",
        "q_comments",
        "privacy_accepted",
    } <= names
    assert "accessibility_needs" in names and "accessibility_details" in names
    # No CSRF token: a front-end cache may keep the page (test_same_origin.py).
    assert "csrfmiddlewaretoken" not in names
    assert "invitation_code" not in names
    assert "We keep your data" in response.text
    # Every text field has a maximum length.
    for field in form.select("input[type=text], input[type=email], textarea"):
        assert field.get("maxlength"), field
    # The honeypot is hidden from people: aria-hidden, off screen, out of tab order.
    honeypot = form.select_one("input[name=website]")
    wrapper = honeypot.find_parent("div")
    assert wrapper["aria-hidden"] == "true"
    assert "left:-10000px" in wrapper["style"]
    assert honeypot["tabindex"] == "-1"


def test_session_page_shows_the_form(client, event):
    session = factories.workshop(
        event,
        factories.local(YEAR, 4, 19, 9),
        factories.local(YEAR, 4, 19, 10),
        registration_form=factories.registration_form(
            title="Internal name", heading="Workshop registration"
        ),
    )
    response = client.get(session.url)
    # The form's heading for visitors, not its internal name.
    assert "Workshop registration" in response.text
    assert "Internal name" not in response.text
    form = soup(response).select_one("form.we-registration__form")
    assert form["action"] == register_url(session)


def test_no_form_no_section(client, index):
    page = upcoming_conference(index)
    response = client.get(page.url)
    assert 'id="register"' not in response.text


def test_not_open_yet_says_when(client, index):
    opens = timezone.now() + datetime.timedelta(days=3)
    page = upcoming_conference(
        index, registration_form=factories.registration_form(opens_at=opens)
    )
    response = client.get(page.url)
    assert "Registration opens on" in response.text
    assert soup(response).select_one("form.we-registration__form") is None
    response = post(client, page)
    assert response.status_code == 409
    assert "Registration opens on" in response.text
    assert not Registration.objects.exists()


def test_closed_shows_no_form(client, index):
    closed = timezone.now() - datetime.timedelta(days=1)
    page = upcoming_conference(
        index, registration_form=factories.registration_form(closes_at=closed)
    )
    response = client.get(page.url)
    assert "Registration is closed." in response.text
    assert soup(response).select_one("form.we-registration__form") is None
    response = post(client, page)
    assert response.status_code == 409
    assert "Registration is closed." in response.text
    assert not Registration.objects.exists()


def test_registration_closes_when_the_event_begins(client, index):
    began = timezone.now() - datetime.timedelta(hours=1)
    page = factories.conference(
        index,
        start=began,
        end=began + datetime.timedelta(hours=8),
        registration_form=factories.registration_form(),
    )
    response = client.get(page.url)
    assert "Registration closed when the event began." in response.text
    assert soup(response).select_one("form.we-registration__form") is None
    response = post(client, page)
    assert response.status_code == 409
    assert not Registration.objects.exists()
    with pytest.raises(errors.RegistrationClosed, match="started"):
        writer.register(
            page, page.registration_form, name="Ada", email="ada@example.org"
        )


def test_a_closing_date_after_the_start_keeps_it_open(client, index):
    # To register on the spot, during a conference of several days.
    began = timezone.now() - datetime.timedelta(hours=1)
    page = factories.conference(
        index,
        start=began,
        end=began + datetime.timedelta(days=2),
        registration_form=factories.registration_form(
            closes_at=began + datetime.timedelta(days=1)
        ),
    )
    response = post(client, page)
    assert response.status_code == 302
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def test_full_without_waiting_list_shows_no_form(client, index):
    page = upcoming_conference(
        index,
        registration_form=factories.registration_form(capacity=1, waiting_list=False),
    )
    writer.register(page, page.registration_form, name="A", email="a@x.org")
    response = client.get(page.url)
    assert "This event is full. There is no waiting list." in response.text
    assert soup(response).select_one("form.we-registration__form") is None
    response = post(client, page)
    assert response.status_code == 409
    assert Registration.objects.count() == 1


# Invalid input: 400, errors next to fields and in a summary, nothing created


def assert_rejected(response, field, message):
    assert response.status_code == 400
    page = soup(response)
    summary = page.select_one(".we-error-summary")
    assert summary is not None and summary.get("role") == "alert"
    link = summary.find("a", href=f"#we-reg-{field}")
    assert link is not None, summary
    assert message in link.text
    assert page.find(id=f"we-reg-{field}") is not None
    assert message in page.select_one(".we-field--error").text or message in str(page)
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("name", "Enter your name."),
        ("email", "Enter your e-mail address."),
        ("q_organisation", "This field is required."),
        ("privacy_accepted", "To register, you need to agree to the privacy notice."),
    ],
)
def test_missing_fields(client, event, field, message):
    response = post(client, event, **{field: None})
    assert_rejected(response, field, message)


def test_invalid_email(client, event):
    response = post(client, event, email="not an address")
    assert_rejected(response, "email", "Enter an e-mail address like name@example.org.")


def test_unknown_accessibility_choice(client, event):
    response = post(client, event, accessibility_needs=["teleporter"])
    assert_rejected(response, "accessibility_needs", "Select a valid choice.")


def test_other_need_must_be_described(client, event):
    response = post(client, event, accessibility_needs=["other"])
    assert_rejected(response, "accessibility_details", "tell us what you need")


@pytest.mark.parametrize(
    ("field", "length"),
    [("name", 201), ("q_organisation", 256), ("q_comments", 2001)],
)
def test_oversized_input(client, event, field, length):
    response = post(client, event, **{field: "x" * length})
    assert_rejected(response, field, "Ensure this value has at most")


@pytest.mark.parametrize("field", ["name", "q_organisation", "q_comments"])
def test_control_characters(client, event, field):
    response = post(client, event, **{field: "Ada\x1b[31m Lovelace"})
    assert_rejected(response, field, "Remove the control characters")


def test_line_breaks_are_fine_in_a_text_area(client, event):
    response = post(client, event, q_comments="Line one\r\nLine two")
    assert response.status_code == 302


def test_wrong_invitation_code(client, index):
    page = upcoming_conference(
        index,
        registration_form=factories.registration_form(invitation_code="MAYORS-2024"),
    )
    assert "invitation_code" in client.get(page.url).text
    response = post(client, page, invitation_code="GUESS")
    assert_rejected(response, "invitation_code", "This invitation code is not right.")
    response = post(client, page, invitation_code="mayors-2024")
    assert_rejected(response, "invitation_code", "This invitation code is not right.")
    response = post(client, page, invitation_code=" MAYORS-2024 ")
    assert response.status_code == 302
    assert Registration.objects.count() == 1


def test_a_wrong_invitation_code_is_said_with_the_other_mistakes(client, index):
    page = upcoming_conference(
        index,
        registration_form=factories.registration_form(invitation_code="MAYORS-2024"),
    )
    response = post(client, page, invitation_code="GUESS", email="not an address")
    summary = soup(response).select_one(".we-error-summary")
    # Both in one answer: the visitor need not send the form twice to learn both.
    assert summary.find("a", href="#we-reg-invitation_code") is not None
    assert summary.find("a", href="#we-reg-email") is not None
    assert not Registration.objects.exists()


def test_honeypot_looks_like_success_but_creates_nothing(client, event):
    response = post(client, event, website="http://spam.example")
    assert response.status_code == 302
    result = client.get(response["Location"])
    assert result.status_code == 200
    assert "Your place is confirmed." in result.text
    assert not Registration.objects.exists()


# Success: redirect to a result page that states the status


def test_success_confirmed(client, event):
    response = post(client, event)
    assert response.status_code == 302
    assert response["Location"] == register_url(event) + "?done"
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.name == "Ada Lovelace"
    assert registration.answers == {"organisation": "City of Mechelen", "comments": ""}
    assert registration.accessibility_needs == ["induction_loop"]
    assert registration.language == "en"
    result = client.get(response["Location"])
    assert "Your place is confirmed." in result.text
    # The cancellation token is only for the e-mail: not in the URL, not in the page.
    assert "cancel/" not in result.text
    assert "cancel" not in response["Location"]


def test_duplicate_gets_the_same_answer_and_creates_nothing(client, event):
    first = client.get(post(client, event)["Location"]).text
    response = post(client, event, email="ADA@example.org", name="Someone else")
    assert response.status_code == 302
    second = client.get(response["Location"]).text
    assert "Your place is confirmed." in first and "Your place is confirmed." in second
    assert Registration.objects.count() == 1


def test_result_without_a_registration_goes_back_to_the_page(client, event):
    response = client.get(register_url(event) + "?done")
    assert response.status_code == 302
    assert response["Location"] == event.url


def test_waiting_list_position(client, index):
    page = upcoming_conference(
        index,
        registration_form=factories.registration_form(capacity=1, waiting_list=True),
    )
    writer.register(page, page.registration_form, name="A", email="a@x.org")
    writer.register(page, page.registration_form, name="B", email="b@x.org")
    response = post(client, page)
    assert response.status_code == 302
    result = client.get(response["Location"])
    assert "You are on the waiting list, at position 2." in result.text
    assert Registration.objects.filter(status=RegistrationStatus.WAITING).count() == 2


def test_approval_required(client, index):
    page = upcoming_conference(
        index, registration_form=factories.registration_form(requires_approval=True)
    )
    response = post(client, page)
    result = client.get(response["Location"])
    assert "The organiser will decide" in result.text
    assert Registration.objects.get().status == RegistrationStatus.AWAITING_APPROVAL


def test_rate_limit(client, event):
    for _ in range(10):
        assert post(client, event, name=None).status_code == 400
    response = post(client, event)
    assert response.status_code == 429
    assert "Too many registration attempts" in response.text
    assert not Registration.objects.exists()
    # Another address is not held back.
    response = client.post(register_url(event), valid_data(), REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 302


def test_rate_limit_reads_the_settings(client, event, settings):
    settings.WAGTAIL_EVENTS_REGISTRATION_RATE_LIMIT = 2
    settings.WAGTAIL_EVENTS_REGISTRATION_RATE_WINDOW = 120
    for _ in range(2):
        assert post(client, event, name=None).status_code == 400
    response = post(client, event)
    assert response.status_code == 429
    assert "Please try again in 2 minutes." in response.text
    assert not Registration.objects.exists()


def test_csrf_is_checked(event):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(register_url(event), valid_data())
    assert response.status_code == 403
    assert not Registration.objects.exists()


# Cancelling


def test_cancel_get_confirms_and_changes_nothing(client, index):
    page = upcoming_conference(
        index,
        registration_form=factories.registration_form(
            cancellation_policy="No-show fee: €50."
        ),
    )
    outcome = writer.register(page, page.registration_form, name="A", email="a@x.org")
    response = client.get(page.url + f"cancel/{outcome.token}/")
    assert response.status_code == 200
    assert "No-show fee: €50." in response.text
    assert soup(response).select_one("form[method=post] button") is not None
    outcome.registration.refresh_from_db()
    assert outcome.registration.status == RegistrationStatus.CONFIRMED


def test_cancel_post_cancels_and_promotes(client, index):
    page = upcoming_conference(
        index,
        registration_form=factories.registration_form(capacity=1, waiting_list=True),
    )
    first = writer.register(page, page.registration_form, name="A", email="a@x")
    second = writer.register(page, page.registration_form, name="B", email="b@x.org")
    response = client.post(page.url + f"cancel/{first.token}/")
    assert response.status_code == 200
    assert "is cancelled" in response.text
    first.registration.refresh_from_db()
    second.registration.refresh_from_db()
    assert first.registration.status == RegistrationStatus.CANCELLED
    assert second.registration.status == RegistrationStatus.CONFIRMED
    # Cancelling again changes nothing.
    response = client.post(page.url + f"cancel/{first.token}/")
    assert "cannot be cancelled" in response.text


def test_cancel_after_the_deadline(client, index):
    page = upcoming_conference(
        index,
        registration_form=factories.registration_form(
            cancellation_deadline=timezone.now() - datetime.timedelta(hours=1)
        ),
    )
    outcome = writer.register(page, page.registration_form, name="A", email="a@x")
    response = client.get(page.url + f"cancel/{outcome.token}/")
    assert "Please contact the organiser" in response.text
    # The page still changes answers (until registration closes); no cancelling.
    assert soup(response).select_one("button[value=cancel]") is None
    response = client.post(page.url + f"cancel/{outcome.token}/")
    assert response.status_code == 409
    assert "Please contact the organiser" in response.text
    outcome.registration.refresh_from_db()
    assert outcome.registration.status == RegistrationStatus.CONFIRMED


@pytest.mark.parametrize("method", ["get", "post"])
def test_tampered_token(client, event, method):
    outcome = writer.register(event, event.registration_form, name="A", email="a@x.org")
    for token in (outcome.token[:-1] + "x", "nonsense", "x" * 500):
        response = getattr(client, method)(event.url + f"cancel/{token}/")
        assert response.status_code == 404
        assert "This link to your registration is not valid." in response.text
    outcome.registration.refresh_from_db()
    assert outcome.registration.status == RegistrationStatus.CONFIRMED


def test_token_of_another_event_is_not_found(client, event, index):
    other = upcoming_conference(index, registration_form=factories.registration_form())
    outcome = writer.register(other, other.registration_form, name="A", email="a@x.org")
    response = client.post(event.url + f"cancel/{outcome.token}/")
    assert response.status_code == 404
    outcome.registration.refresh_from_db()
    assert outcome.registration.status == RegistrationStatus.CONFIRMED


# The block for home pages


def test_registration_form_block_renders_the_form(event, rf):
    from wagtail_events.blocks import RegistrationFormBlock

    block = RegistrationFormBlock()
    html = block.render(block.to_python({"page": event.pk}), {"request": rf.get("/")})
    form = BeautifulSoup(html, "html.parser").select_one("form")
    assert form["action"] == register_url(event)
    assert "privacy_accepted" in html
    preview = block.render(block.to_python({}))
    assert "appears here" in preview


def test_the_block_does_not_show_a_members_only_events_form(event, rf):
    from wagtail.models import PageViewRestriction

    from wagtail_events.blocks import RegistrationFormBlock

    PageViewRestriction.objects.create(
        page=event, restriction_type="password", password="secret"
    )
    block = RegistrationFormBlock()
    html = block.render(block.to_python({"page": event.pk}), {"request": rf.get("/")})
    assert "privacy_accepted" not in html and "<form" not in html


def test_a_cancelled_event_says_so_and_takes_no_registration(client, index):
    page = upcoming_conference(
        index, registration_form=factories.registration_form(), status="cancelled"
    )
    response = client.get(page.url)
    assert "This event is cancelled: registration is closed." in response.text
    assert soup(response).select_one("form.we-registration__form") is None
    assert post(client, page).status_code == 409
    assert not Registration.objects.exists()


def test_the_cancellation_rules_show_before_registering_in_the_events_zone(
    client, index
):
    deadline = factories.local(YEAR, 4, 12, 12, zone="America/New_York")
    page = upcoming_conference(
        index,
        time_zone="America/New_York",
        registration_form=factories.registration_form(
            cancellation_deadline=deadline,
            cancellation_policy="No-show fee: $50.",
        ),
    )
    text = soup(client.get(page.url)).select_one(".we-registration__policy").text
    assert "No-show fee: $50." in text
    assert "noon" in text or "12:00" in text or "12 p.m." in text
    outcome = writer.register(page, page.registration_form, name="A", email="a@x.org")
    cancel_page = client.get(page.url + f"cancel/{outcome.token}/").text
    assert "noon" in cancel_page or "12:00" in cancel_page or "12 p.m." in cancel_page
    # Not Brussels' 18:00.
    assert "6 p.m." not in cancel_page and "18:00" not in cancel_page
