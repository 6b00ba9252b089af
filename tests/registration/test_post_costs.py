"""What one registration costs: the queries of the POST (found by its address,
``urls.serve_register``), of the result it redirects to, and of the worker's
task that sends its e-mail, on a typical form (four questions, one a choice);
and that the shorter way keeps every rule: a restricted page still asks for its
password, a page without a form still says so, the e-mail goes once.

Sessions as the stack keeps them (in the cache) and a task backend that only
records what is enqueued: the budgets are the package's own."""

import datetime
from importlib.util import find_spec

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests import factories as f
from wagtail_events.models import Delivery, Registration, RegistrationStatus
from wagtail_events.registration import outbox


# Site, the page and its parent (one query), the specific page with its form;
# the event's dates; the form's questions and their stable answers; the
# session's conference; the capacity rows; in the transaction (savepoint,
# lock, count, the address's registrations, insert, release); after it the
# outbox's delivery and the organisers' settings. 28 before: the page routed
# slug by slug, then its privacy checked (7 more), its dates read twice, the
# registration, its page and form read again for the e-mail.
POST_QUERIES = 16
# Site, page and parent, specific page, the language switcher, the frame (13
# before).
DONE_QUERIES = 5
# Claim, the delivery with its registration and page, the specific page with
# its form, the conference, the dates and SEQUENCE for event.ics, settle (11
# before: the page, its form and its conference in two queries each, the
# sessions chosen looked for on an event that is not a conference).
TASK_QUERIES = 7


@pytest.fixture(autouse=True)
def _as_the_stack(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    # Enqueued, not run: the worker's task is counted on its own.
    tasks = "django.tasks" if find_spec("django.tasks") else "django_tasks"
    settings.TASKS = {"default": {"BACKEND": f"{tasks}.backends.dummy.DummyBackend"}}


def typical_event(index, capacity=1):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=30)
    form = f.registration_form(
        f.typical_questions(),
        capacity=capacity,
        waiting_list=True,
    )
    conference = f.conference(index, start, start + datetime.timedelta(hours=8))
    return f.workshop(
        conference, start, start + datetime.timedelta(hours=1), registration_form=form
    )


def post(client, page, number):
    return client.post(page.url + "register/", f.typical_answers(number))


def test_a_registration_post_and_its_result_cost_a_fixed_number_of_queries(
    client,
    index,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    page = typical_event(index)
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, page, 0).status_code == 302  # the capacity rows
    for number in (1, 2):
        with (
            django_assert_num_queries(POST_QUERIES),
            django_capture_on_commit_callbacks(execute=True),
        ):
            response = post(client, page, number)
        assert response.status_code == 302
        with django_assert_num_queries(DONE_QUERIES):
            done = client.get(response["Location"])
        assert done.status_code == 200
        assert b"waiting list" in done.content
    rows = Registration.objects.filter(page=page).order_by("pk")
    assert [r.status for r in rows] == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
        RegistrationStatus.WAITING,
    ]
    assert rows[1].answers["diet"] == "Vegan"
    # One e-mail each, written to the outbox with the registration it is for.
    assert sorted(
        Delivery.objects.filter(kind="confirmation").values_list(
            "registration_id", flat=True
        )
    ) == [r.pk for r in rows]


def test_the_e_mail_task_costs_a_fixed_number_of_queries(
    client, index, django_assert_num_queries, django_capture_on_commit_callbacks
):
    page = typical_event(index)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, page, 0)
    delivery = Delivery.objects.get(kind="confirmation")
    with django_assert_num_queries(TASK_QUERIES):
        assert outbox.deliver(delivery.pk) == "sent"
    (sent,) = mail.outbox
    assert sent.to == ["Visitor 0 <visitor0@example.org>"]
    assert page.title in sent.subject
    # The conference's venue and the event's calendar file are in it.
    assert [name for name, *_ in sent.attachments] == ["event.ics"]
    # Sent once: a second run finds it claimed.
    assert outbox.deliver(delivery.pk) == "sent"
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("on", ["conference", "event"])
def test_a_restricted_event_still_asks_for_its_password(client, index, on):
    page = typical_event(index)
    PageViewRestriction.objects.create(
        page=page.get_parent() if on == "conference" else page,
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",
    )
    response = post(client, page, 0)
    assert response.status_code == 200
    assert b"password" in response.content.lower()
    assert not Registration.objects.exists()


def test_a_page_without_a_form_says_so(client, index):
    page = typical_event(index)
    page.registration_form = None
    page.save()
    response = post(client, page, 0)
    assert response.status_code == 404
    assert not Registration.objects.exists()


def test_a_page_named_register_is_still_served(client, index):
    # An index has no registration of its own: its child page of that name.
    start = timezone.now() + datetime.timedelta(days=30)
    page = f.panel(index, start, start + datetime.timedelta(hours=1), slug="register")
    assert page.url == index.url + "register/"
    response = client.get(page.url)
    assert response.status_code == 200
    assert page.title.encode() in response.content
