"""No input reaches a server error: every public address the package defines and
every admin view it adds gets each class of hostile value in every parameter it
reads, and answers below 500; wrong methods get 405.

The addresses are enumerated, not listed: the routes of each page type
(``get_subpage_urls``), the file names ``wagtail_events.urls`` serves, and every
admin URL pattern whose view lives in ``wagtail_events``; a new route or admin
view is fed the same values without a change here. Content is built with the
factories (never the demo).
"""

import datetime

import pytest
from django.urls import get_resolver
from django.utils import timezone

from tests import factories as f
from wagtail_events.enums import RegistrationStatus
from wagtail_events.models import Registration
from wagtail_events.registration import keys
from wagtail_events.urls import FILE_NAMES


pytestmark = pytest.mark.django_db

# The classes of hostile value: control characters, line breaks, dates and
# times out of range or impossible, overflowing numbers and durations, very
# long text, markup, and values of the wrong shape.
HOSTILE = [
    "\x00",
    "a\x00b",
    "\x1b[31m\x07",
    "x\r\nSet-Cookie: a=b",
    "99999-01-01",
    "0000-00-00",
    "2026-02-30",
    "9999-12",
    "0-13",
    "99999:00",
    "9" * 400,
    "-1",
    "1e400",
    "x" * 5000,
    "<script>alert(1)</script>",
    "[]",
]
# Invalid UTF-8 is sent raw in the query string.
RAW_QUERIES = ["{name}=%FF%FE", "{name}=%00", "{name}[]=1&{name}=2"]

# Every parameter a view of the package reads (grep GET.get / GET[...]), and
# the admin's filters, ordering and paging.
PARAMETERS = [
    "date",
    "page",
    "month",
    "view",
    "when",
    "type",
    "place",
    "audience",
    "done",
    "language",
    "next",
    "id",
    "ids",
    "starred",
    "q",
    "p",
    "ordering",
    "status",
    "event",
    "occurrence",
    "export",
    "what",
    "user",
    "start",
    "due_at",
]


@pytest.fixture
def site_content():
    index = f.event_index()
    conference = f.busy_conference(index, 3)
    form = f.registration_form(
        questions=[
            f.question("Organisation"),
            f.question(
                "Needs", field_type="checkboxes", required=False, choices="A\nB"
            ),
        ]
    )
    start = timezone.now() + datetime.timedelta(days=7)
    event = f.conference(
        index,
        title="Open day",
        slug="open-day",
        start=start,
        end=start + datetime.timedelta(hours=3),
        registration_form=form,
    )
    registration = f.registration(event, email="ann@example.org")
    token = keys.new_token()
    Registration.objects.filter(pk=registration.pk).update(
        cancellation_token_hash=keys.hash_token(token)
    )
    person = f.person("Alex Moreau")
    return {
        # One page of each type the conference holds is enough: routes are
        # per type.
        "pages": [
            index,
            conference,
            event,
            *{
                type(page): page for page in conference.get_children().specific()
            }.values(),
        ],
        "event": event,
        "token": token,
        "person": person,
        "registration": registration,
    }


def _public_urls(content):
    """Each page, each of its routes (parameters filled in) and its files."""
    urls = set()
    for page in content["pages"]:
        base = page.url
        urls.add(base)
        for pattern in type(page).get_subpage_urls():
            route = str(pattern.pattern)
            route = route.replace("<str:token>", content["token"])
            route = route.replace("<str:slug>", content["person"].slug or "x")
            if "<" not in route and route:
                urls.add(base + route)
        for name in FILE_NAMES:
            urls.add(base + name)
    return sorted(urls)


def _admin_urls(content):
    registration = content["registration"]
    fill = {
        "<int:page_id>": str(content["pages"][1].pk),
        "<uuid:event_key>": str(registration.event_key),
        "<int:pk>": str(registration.pk),
    }
    urls = []

    def walk(resolver, prefix):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern, prefix + str(pattern.pattern))
                continue
            module = getattr(pattern.callback, "__module__", "")
            route = prefix + str(pattern.pattern)
            if module.startswith("wagtail_events") and route.startswith("admin/"):
                for placeholder, value in fill.items():
                    route = route.replace(placeholder, value)
                urls.append("/" + route)

    walk(get_resolver(), "")
    return urls


def _feed(client, url):
    """Each hostile value in every parameter at once: a view reads what it
    reads, and the first value it cannot take must not be a server error."""
    answers = []
    for value in HOSTILE:
        response = client.get(url, dict.fromkeys(PARAMETERS, value))
        answers.append((url, "*", value, response.status_code))
    for query in RAW_QUERIES:
        raw = "&".join(query.format(name=name) for name in PARAMETERS)
        response = client.get(url, QUERY_STRING=raw)
        answers.append((url, "*", query, response.status_code))
    return [answer for answer in answers if answer[3] >= 500]


def test_public_addresses_take_hostile_parameters(client, site_content):
    urls = _public_urls(site_content)
    assert any(url.endswith("people/") for url in urls)
    assert any(f"registration/{site_content['token']}/" in url for url in urls)
    failures = []
    for url in urls:
        failures += _feed(client, url)
    assert failures == []


def test_admin_views_take_hostile_parameters(admin_client, site_content):
    urls = _admin_urls(site_content)
    assert len(urls) >= 20
    failures = []
    for url in urls:
        failures += _feed(admin_client, url)
    assert failures == []


def test_forms_take_hostile_values(client, site_content):
    event, token = site_content["event"], site_content["token"]
    failures = []
    for value in HOSTILE:
        for url in (event.url + "register/", event.url + f"registration/{token}/"):
            data = {
                "name": value,
                "email": value,
                "action": value,
                "date": value,
                "organisation": value,
                "needs": [value, value],
                "answers": value,
                "quantity": value,
            }
            response = client.post(url, data)
            if response.status_code >= 500:
                failures.append((url, value, response.status_code))
    assert failures == []
    # Nothing hostile was stored: the one registration is the factory's.
    assert Registration.objects.count() == 1
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def test_wrong_methods_get_405(client, site_content):
    urls = _public_urls(site_content)
    takes_posts = ("/register/", "/cancel/", "/registration/")
    wrong = []
    for url in urls:
        if client.get(url).status_code >= 400:
            continue  # not an address of this page (agenda.ics of an index)
        for method in ("put", "patch", "delete", "post"):
            if method == "post" and any(part in url for part in takes_posts):
                continue
            response = getattr(client, method)(url)
            if response.status_code != 405:
                wrong.append((method.upper(), url, response.status_code))
    assert wrong == []
