"""A registration form served from a cache carries someone else's CSRF token.
With ``CSRF_FAILURE_VIEW = "wagtail_events.views.csrf_failure"`` the visitor
gets the form back, filled in, with a fresh token; nothing is saved until a request
passes the check. Everything else keeps Django's own refusal.

The failure view is reached only where ``<page>register/`` reaches Wagtail
before wagtail_events' URLs (W170, ``tests/urls_wagtail_first.py``); otherwise
``registration.same_origin`` checks the POST and sends the form back itself
(tests/registration/test_same_origin.py)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests import factories as f
from wagtail_events.models import Registration


pytestmark = pytest.mark.django_db
FAILURE_VIEW = "wagtail_events.views.csrf_failure"
WAGTAIL_FIRST = "tests.urls_wagtail_first"


@pytest.fixture
def visitor():
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def workshop(index):
    form = f.registration_form(title="Workshop registration")
    start = timezone.now() + datetime.timedelta(days=20)
    return f.workshop(
        f.conference(index, start=start, end=start + datetime.timedelta(hours=8)),
        start,
        start + datetime.timedelta(hours=1),
        title="Welcoming newcomers",
        registration_form=form,
    )


def data(**extra):
    return {
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "accessibility_needs": ["induction_loop", "wheelchair"],
        "privacy_accepted": "on",
        "website": "",
        **extra,
    }


def register_url(page):
    return page.url + "register/"


@override_settings(CSRF_FAILURE_VIEW=FAILURE_VIEW, ROOT_URLCONF=WAGTAIL_FIRST)
def test_a_stale_token_gives_the_form_back_filled_in_and_nothing_saved(
    visitor, workshop
):
    # The cached page's token, which does not match this visitor's cookie.
    response = visitor.post(register_url(workshop), data(csrfmiddlewaretoken="x" * 64))
    assert response.status_code == 403
    assert not Registration.objects.exists()
    page = BeautifulSoup(response.content, "html.parser")
    assert "could not be sent safely" in page.select_one("[role=alert]").text
    form = page.select_one("form.we-registration__form")
    assert form.select_one("input[name=name]")["value"] == "Ada Lovelace"
    assert form.select_one("input[name=email]")["value"] == "ada@example.org"
    ticked = {
        i["value"] for i in form.select("input[name=accessibility_needs][checked]")
    }
    assert ticked == {"induction_loop", "wheelchair"}
    # Accepting the privacy notice again is the visitor's own act.
    assert not form.select_one("input[name=privacy_accepted]").has_attr("checked")
    assert "no-cache" in response["Cache-Control"]
    assert "csrftoken" in response.cookies

    # Sending it again, with the fresh token and cookie, registers.
    token = form.select_one("input[name=csrfmiddlewaretoken]")["value"]
    response = visitor.post(register_url(workshop), data(csrfmiddlewaretoken=token))
    assert response.status_code == 302
    assert Registration.objects.get().email == "ada@example.org"


@override_settings(CSRF_FAILURE_VIEW=FAILURE_VIEW, ROOT_URLCONF=WAGTAIL_FIRST)
def test_other_pages_keep_djangos_refusal(visitor, workshop, index):
    response = visitor.post(workshop.url, data())
    assert response.status_code == 403
    assert b"we-registration__form" not in response.content
    response = visitor.post(index.url + "register/", data())
    assert response.status_code == 403
    assert b"we-registration__form" not in response.content
    assert not Registration.objects.exists()


@override_settings(CSRF_FAILURE_VIEW=FAILURE_VIEW, ROOT_URLCONF=WAGTAIL_FIRST)
def test_a_private_event_page_stays_private(visitor, workshop):
    PageViewRestriction.objects.create(
        page=workshop, restriction_type="password", password="secret"
    )
    response = visitor.post(register_url(workshop), data())
    assert b"we-registration__form" not in response.content
    assert b"Ada Lovelace" not in response.content
    assert not Registration.objects.exists()


@override_settings(
    CSRF_FAILURE_VIEW="django.views.csrf.csrf_failure", ROOT_URLCONF=WAGTAIL_FIRST
)
def test_without_the_setting_django_refuses_as_usual(visitor, workshop):
    response = visitor.post(register_url(workshop), data())
    assert response.status_code == 403
    assert b"we-registration__form" not in response.content
    assert not Registration.objects.exists()


def test_result_and_form_pages_are_never_cached(client, workshop):
    response = client.get(register_url(workshop))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    response = client.post(register_url(workshop), data())
    result = client.get(response["Location"])
    assert "no-store" in result["Cache-Control"]
