"""An event page with an open registration form carries no CSRF token, so a
front-end cache can keep it; its registration POST is checked by where it comes
from (``registration.same_origin``): Sec-Fetch-Site, else Origin, else Django's
token. Everything else keeps Django's token."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.checks import run_checks
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone

from tests import factories as f
from wagtail_events.models import Registration
from wagtail_events.registration import same_origin, writer


pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor():
    # A browser: no test client's exemption from the CSRF check.
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def event(index):
    start = timezone.now() + datetime.timedelta(days=20)
    return f.conference(
        index,
        start=start,
        end=start + datetime.timedelta(hours=8),
        registration_form=f.registration_form(capacity=10),
    )


def data(**extra):
    return {
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "privacy_accepted": "on",
        "website": "",
        **extra,
    }


def register_url(page):
    return page.url + "register/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_the_event_page_with_an_open_form_can_be_kept_by_a_shared_cache(visitor, event):
    response = visitor.get(event.url)
    assert response.status_code == 200
    form = soup(response).select_one("form.we-registration__form")
    assert form is not None
    assert form.select_one("input[name=csrfmiddlewaretoken]") is None
    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    assert "cookie" not in response.get("Vary", "").lower()
    cache_control = response["Cache-Control"]
    assert "s-maxage=300" in cache_control
    for word in ("private", "no-store", "no-cache"):
        assert word not in cache_control


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"},
        {"HTTP_SEC_FETCH_SITE": "same-origin"},
        # Typed or bookmarked by the visitor.
        {"HTTP_SEC_FETCH_SITE": "none"},
        # A browser without Fetch Metadata, which sends Origin.
        {"HTTP_ORIGIN": "http://testserver"},
    ],
    ids=["fetch-metadata-and-origin", "fetch-metadata", "none", "origin"],
)
def test_a_post_from_the_page_itself_registers_without_a_token(visitor, event, headers):
    response = visitor.post(register_url(event), data(), **headers)
    assert response.status_code == 302
    assert Registration.objects.get().email == "ada@example.org"
    result = visitor.get(response["Location"])
    assert "no-store" in result["Cache-Control"]


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        # Another site under the same domain: refused unless trusted.
        {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "http://blog.testserver"},
        {"HTTP_ORIGIN": "https://evil.example"},
        # A foreign Origin with a token that would pass: still refused.
        {"HTTP_ORIGIN": "http://testserver.evil.example", "token": True},
    ],
    ids=["both", "fetch-metadata", "same-site", "origin", "origin-and-token"],
)
def test_a_post_from_another_site_is_refused_and_saves_nothing(visitor, event, headers):
    headers = dict(headers)
    post = data(name="Mallory's victim")
    if headers.pop("token", False):
        page = visitor.get(register_url(event))  # the never-cached form, with token
        token = soup(page).select_one("input[name=csrfmiddlewaretoken]")["value"]
        post["csrfmiddlewaretoken"] = token
    response = visitor.post(register_url(event), post, **headers)
    assert response.status_code == 403
    assert not Registration.objects.exists()
    page = soup(response)
    assert "sent from another website" in page.select_one("[role=alert]").text
    # Nothing of what was sent comes back.
    assert "Mallory" not in response.text
    assert "ada@example.org" not in response.text
    assert "no-store" in response["Cache-Control"]


@override_settings(CSRF_TRUSTED_ORIGINS=["https://*.example.org"])
def test_a_trusted_origin_may_post_from_another_site(visitor, event):
    response = visitor.post(
        register_url(event),
        data(),
        HTTP_SEC_FETCH_SITE="cross-site",
        HTTP_ORIGIN="https://www.example.org",
    )
    assert response.status_code == 302
    assert Registration.objects.count() == 1


def test_without_either_header_djangos_token_decides(visitor, event):
    # A browser that sends neither header posts the cached page's form (no
    # token): it comes back filled in, with a token; nothing saved.
    response = visitor.post(register_url(event), data())
    assert response.status_code == 403
    assert not Registration.objects.exists()
    form = soup(response).select_one("form.we-registration__form")
    assert form.select_one("input[name=name]")["value"] == "Ada Lovelace"
    assert "csrftoken" in response.cookies
    assert "no-store" in response["Cache-Control"]
    token = form.select_one("input[name=csrfmiddlewaretoken]")["value"]
    response = visitor.post(register_url(event), data(csrfmiddlewaretoken=token))
    assert response.status_code == 302
    assert Registration.objects.count() == 1
    # Origin "null" (a sandboxed frame, a redirect across sites) is no answer.
    response = Client(enforce_csrf_checks=True).post(
        register_url(event), data(email="b@example.org"), HTTP_ORIGIN="null"
    )
    assert response.status_code == 403
    assert Registration.objects.count() == 1


def test_other_forms_keep_djangos_token(visitor, event, index):
    outcome = writer.register(event, event.registration_form, name="A", email="a@x.org")
    same = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"}
    # "Your registration": cancelling without the token is refused.
    response = visitor.post(
        event.url + f"registration/{outcome.token}/", {"action": "cancel"}, **same
    )
    assert response.status_code == 403
    # A register/ that is no event page's: Django's refusal.
    response = visitor.post(index.url + "register/", data(), **same)
    assert response.status_code == 403
    assert b"we-registration__form" not in response.content
    assert Registration.objects.count() == 1
    # The page that shows the form on its own (never cached) keeps its token.
    page = visitor.get(register_url(event))
    assert soup(page).select_one("input[name=csrfmiddlewaretoken]") is not None
    assert "no-store" in page["Cache-Control"]


def test_a_session_without_an_outcome_is_sent_back_uncached(visitor, event):
    response = visitor.get(register_url(event) + "?done")
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]


@override_settings(ROOT_URLCONF="tests.urls_wagtail_first")
def test_with_wagtails_urls_first_the_page_keeps_its_token_and_w170_says_so(
    visitor, event
):
    assert not same_origin.routed_here()
    assert "wagtail_events.W170" in {message.id for message in run_checks()}
    response = visitor.get(event.url)
    assert soup(response).select_one("input[name=csrfmiddlewaretoken]") is not None
    assert "private" in response["Cache-Control"]


def test_w170_is_quiet_when_the_urls_come_first():
    assert same_origin.routed_here()
    assert "wagtail_events.W170" not in {message.id for message in run_checks()}
