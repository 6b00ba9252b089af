"""The log of e-mails sent in the admin (``registration.admin.deliveries``): under
the Registrations menu, its columns and filters, failed e-mails standing out and
sent again, who sees what, the failures on an event's counts and on the
dashboard, and a fixed number of queries."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.registration.test_admin import logged_in, make_user
from tests.registration.test_register import make_event
from wagtail_events.models import Delivery, DeliveryStatus, Message
from wagtail_events.registration import privacy


D = DeliveryStatus
NS = "wagtail_events_deliveries"
RECIPIENT_HEADER = re.compile(r">\s*Recipient\s*<")


def u(name, *args):
    return reverse(f"{NS}:{name}", args=args)


def summary_url(key):
    return reverse("wagtail_events_registrations:summary", args=(key,))


@pytest.fixture
def event(db):
    return make_event(factories.registration_form())


def delivery(page, email="ada@example.org", status=D.SENT, kind="confirmation", **kw):
    person = factories.registration(page, email=email, name=email.split("@")[0])
    kw.setdefault("subject", f"Registration confirmed: {page.title}")
    return Delivery.objects.create(
        kind=kind,
        registration=person,
        event_key=person.event_key,
        status=status,
        **kw,
    )


def rows(response):
    return list(response.context["object_list"])


def test_the_log_is_in_the_registrations_menu(client, editor):
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert u("index") in html
    assert reverse("wagtail_events_registrations:index") in html
    assert "E-mails sent" in html


def test_the_log_shows_every_column(client, editor, event):
    delivery(event, status=D.SENT)
    delivery(
        event,
        email="bob@example.org",
        status=D.FAILED,
        kind="cancelled",
        attempts=5,
        last_error="SMTPException: 451 busy",
    )
    response = client.get(u("index"))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Confirmation",
        "Cancellation",
        event.title,
        "ada &lt;ada@example.org&gt;",
        "bob &lt;bob@example.org&gt;",
        f"Registration confirmed: {event.title}",
        "SMTPException: 451 busy",
        "Send again",
    ):
        assert text in html, text
    # Failed ones stand out; only they have the button.
    assert html.count("data-delivery-failed") == 1
    assert html.count(">Send again<") == 1


def test_filters(client, editor, event):
    other = make_event(factories.registration_form())
    sent = delivery(event)
    failed = delivery(event, email="bob@example.org", status=D.FAILED)
    elsewhere = delivery(other, email="cy@example.org", kind="cancelled")
    message = Message.objects.create(kind="group", event_key=event.translation_key)
    grouped = delivery(event, email="dee@example.org", message=message)
    assert {d.pk for d in rows(client.get(u("index") + "?status=failed"))} == {
        failed.pk
    }
    assert {d.pk for d in rows(client.get(u("index") + "?kind=cancelled"))} == {
        elsewhere.pk
    }
    by_event = rows(client.get(u("index") + f"?event={event.translation_key}"))
    assert {d.pk for d in by_event} == {sent.pk, failed.pk, grouped.pk}
    assert {d.pk for d in rows(client.get(u("index") + f"?message={message.pk}"))} == {
        grouped.pk
    }


@pytest.mark.parametrize(
    "query",
    [
        "?message=abc",
        "?message=-1",
        "?message=99999999999999999999999",
        "?event=not-a-uuid",
        "?status=<script>",
        "?kind=%00",
        "?p=9999",
        "?ordering=password",
    ],
)
def test_hostile_filters_give_no_server_error(client, editor, event, query):
    delivery(event)
    response = client.get(u("index") + query)
    assert response.status_code in (200, 404)
    assert "<script>" not in response.content.decode().split("</head>")[-1].replace(
        "&lt;script&gt;", ""
    )


def test_send_again(client, editor, event, django_capture_on_commit_callbacks):
    failed = delivery(event, status=D.FAILED, attempts=5, last_error="boom")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(u("send_again", failed.pk), {"next": u("index")})
    assert response.status_code == 302
    assert response["Location"] == u("index")
    failed.refresh_from_db()
    assert failed.status == D.SENT
    assert len(mail.outbox) == 1
    # A sent one is not sent again.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(u("send_again", failed.pk), follow=True)
    assert "nothing changed" in response.content.decode()
    assert len(mail.outbox) == 1
    # POST only; a missing one is a 404; an outside "next" is not followed.
    assert client.get(u("send_again", failed.pk)).status_code == 405
    assert client.post(u("send_again", failed.pk + 1000)).status_code == 404
    response = client.post(
        u("send_again", failed.pk), {"next": "https://evil.example.org/"}
    )
    assert response["Location"] == u("index")


def assert_refused(user_client, failed):
    """Wagtail turns a refusal into a redirect to the dashboard."""
    response = user_client.post(u("send_again", failed.pk), {"next": u("index")})
    assert response.status_code in (302, 403)
    assert response.get("Location") != u("index")
    failed.refresh_from_db()
    assert failed.status == D.FAILED


def test_who_sees_and_does_what(django_user_model, event):
    failed = delivery(
        event,
        status=D.FAILED,
        last_error="SMTPRecipientsRefused: {'ada@example.org': (550, b'No such user')}",
    )
    nobody = logged_in(make_user(django_user_model, "nobody"))
    assert nobody.get(u("index")).status_code in (302, 403)
    assert_refused(nobody, failed)

    # The log's own permission: no names or addresses of registrants.
    log_only = logged_in(make_user(django_user_model, "log", "view_delivery"))
    response = log_only.get(u("index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "ada@example.org" not in html
    assert not RECIPIENT_HEADER.search(html)
    # The mail server's error, without the address it quotes.
    assert "SMTPRecipientsRefused: {&#x27;…&#x27;: (550" in html
    assert "Send again" not in html
    # Nor can they look an address up.
    assert rows(log_only.get(u("index") + "?q=ada@example.org")) == []
    assert_refused(log_only, failed)

    # Who sees registrations sees to whom; who acts on them may send again.
    viewer = logged_in(make_user(django_user_model, "viewer", "view_registration"))
    html = viewer.get(u("index")).content.decode()
    assert "ada@example.org" in html
    assert RECIPIENT_HEADER.search(html)
    assert "Send again" not in html
    assert_refused(viewer, failed)
    actor = logged_in(
        make_user(
            django_user_model, "actor", "view_registration", "change_registration"
        )
    )
    assert "Send again" in actor.get(u("index")).content.decode()
    assert actor.post(u("send_again", failed.pk)).status_code == 302


def test_an_erased_registrant_shows_as_erased(client, editor, event):
    row = delivery(event)
    privacy.erase(row.registration)
    html = client.get(u("index")).content.decode()
    assert "ada@example.org" not in html
    assert "Erased" in html


def test_failures_show_on_the_event_counts(client, editor, event):
    delivery(event)
    response = client.get(summary_url(event.translation_key))
    assert "data-failed-emails" not in response.content.decode()
    delivery(event, email="bob@example.org", status=D.FAILED)
    delivery(event, email="cy@example.org", status=D.FAILED)
    html = client.get(summary_url(event.translation_key)).content.decode()
    assert "2 e-mails failed" in html
    assert f"{u('index')}?event={event.translation_key}&amp;status=failed" in html


def test_failures_show_on_the_dashboard(client, editor, event, django_user_model):
    delivery(event)
    assert (
        "data-failed-deliveries"
        not in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    delivery(event, email="bob@example.org", status=D.FAILED)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "data-failed-deliveries" in html
    assert "1 e-mail to registrants or organisers failed" in html
    # Not for someone who may not see the log.
    other = logged_in(make_user(django_user_model, "nobody"))
    html = other.get(reverse("wagtailadmin_home")).content.decode()
    assert "data-failed-deliveries" not in html


def test_the_log_reads_with_a_fixed_number_of_queries(client, editor):
    events = [make_event(factories.registration_form()) for _ in range(3)]

    def add(numbers):
        for n in numbers:
            delivery(
                events[n % 3],
                email=f"p{n}@example.org",
                status=D.FAILED if n % 2 else D.SENT,
            )

    def queries_of_the_log(expected_rows):
        client.get(u("index"))  # warm the caches (content types, site)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(u("index"))
        assert response.status_code == 200
        assert len(rows(response)) == expected_rows
        return len(queries)

    add(range(3))
    few = queries_of_the_log(3)
    add(range(3, 30))
    assert queries_of_the_log(30) == few
