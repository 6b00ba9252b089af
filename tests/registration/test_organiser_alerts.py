"""Alerts for organisers: the people a registration form names under “Tell the
organisers” hear of requests, registrations and cancellations, once each, or
once a day in a digest; never with more of a registrant than the admin would
show them."""

import datetime
from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests import factories as f
from tests.registration.test_prices_and_notices import add, errors_of, form_data
from wagtail_events.models import Delivery, Registration, RegistrationForm
from wagtail_events.models.registration import RegistrationStatus
from wagtail_events.registration import (
    alerts,
    changes,
    digests,
    due,
    keys,
    privacy,
    writer,
)
from wagtail_events.signal_handlers import enqueue_registration_email


pytestmark = pytest.mark.django_db

S = RegistrationStatus
YEAR = datetime.date.today().year + 2
START = f.local(YEAR, 4, 19, 9)
END = f.local(YEAR, 4, 19, 17)
NOW = f.local(YEAR, 3, 1, 12)
# The day's digest covers 07:00 the day before to 07:00 (Europe/Brussels).
DIGEST_DAY = datetime.date(YEAR, 3, 2)
IN_THE_DAY = f.local(YEAR, 3, 1, 15)
DIGEST_TIME = f.local(YEAR, 3, 2, 7, 30)

NAME, EMAIL = "Zebulon Quartz", "zebulon.quartz@example.net"
PLAIN = "desk@example.org"


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    def block():
        return django_capture_on_commit_callbacks(execute=True)

    return block


def user(django_user_model, username, may_view):
    person = django_user_model.objects.create_user(
        username, f"{username}@example.org", "password", is_staff=True
    )
    if may_view:
        person.user_permissions.add(
            Permission.objects.get(
                codename="view_registration", content_type__app_label="wagtail_events"
            )
        )
    return person


@pytest.fixture
def viewer(django_user_model):
    return user(django_user_model, "viewer", may_view=True)


@pytest.fixture
def outsider(django_user_model):
    return user(django_user_model, "outsider", may_view=False)


def alert_form(users=(), emails=PLAIN, **fields):
    form = f.registration_form(alert_emails=emails, **fields)
    form.alert_users.set(users)
    form.save()  # a parental relation is written when its form is saved
    return form


def event(index, form, title="Participation in the city council"):
    return f.workshop(index, START, END, title=title, registration_form=form)


def register(run_on_commit, page, form, name=NAME, email=EMAIL):
    with run_on_commit():
        return writer.register(page, form, name=name, email=email, now=NOW)


def to(address):
    """The e-mails sent to ``address``."""
    return [m for m in mail.outbox if address in m.to]


def parts(message):
    """Subject, text and HTML of a message, as one string."""
    html = "".join(body for body, _type in message.alternatives)
    return f"{message.subject}\n{message.body}\n{html}"


# Each trigger


def test_each_trigger_alerts_exactly_the_recipients_once(
    index, run_on_commit, viewer, outsider
):
    form = alert_form(
        [viewer, outsider],
        emails=f"{PLAIN}\n\n  second@example.org \nDESK@example.org",
        alert_registrations=True,
        alert_cancellations=True,
    )
    page = event(index, form)
    outcome = register(run_on_commit, page, form)
    told = ("desk@example.org", "second@example.org", viewer.email, outsider.email)
    for address in told:
        assert [m.subject for m in to(address)] == [
            "New registration: Participation in the city council"
        ]
    assert len(mail.outbox) == 1 + len(told)  # the registrant's, and the alerts

    # The signal heard twice (a site's receiver, a retry) alerts nobody twice.
    enqueue_registration_email(None, "confirmation", outcome.registration.pk)
    assert Delivery.objects.filter(kind=alerts.ALERT).count() == len(told)

    mail.outbox.clear()
    with run_on_commit():
        changes.cancel(keys.link_token(outcome.registration), now=NOW)
    for address in told:
        assert [m.subject for m in to(address)] == [
            "Cancellation: Participation in the city council"
        ]
    assert "Someone cancelled their registration" in to(PLAIN)[0].body

    other = register(run_on_commit, page, form, "Ann", "ann@example.org")
    mail.outbox.clear()
    with run_on_commit():
        changes.cancel_by_organiser(other.registration)
    assert "was cancelled by an organiser" in to(PLAIN)[0].body
    assert len(mail.outbox) == 1 + len(told)


def test_a_request_awaiting_approval(index, run_on_commit):
    form = alert_form(requires_approval=True, alert_requests=True)
    page = event(index, form)
    register(run_on_commit, page, form)
    (message,) = to(PLAIN)
    assert (
        message.subject
        == "Request awaiting approval: Participation in the city council"
    )
    assert "awaits your approval" in message.body
    assert "Awaiting approval: 1" in message.body


def test_requests_only_are_not_told_of_registrations(index, run_on_commit):
    form = alert_form(alert_requests=True)
    register(run_on_commit, event(index, form), form)
    assert to(PLAIN) == []


def test_registrations_include_requests(index, run_on_commit):
    form = alert_form(requires_approval=True, alert_registrations=True)
    register(run_on_commit, event(index, form), form)
    assert len(to(PLAIN)) == 1


def test_nothing_when_not_configured(index, run_on_commit, viewer):
    # Recipients but nothing ticked; and a form with everything ticked, nobody.
    quiet = alert_form([viewer])
    nobody = f.registration_form(
        alert_registrations=True, alert_cancellations=True, alert_digest=True
    )
    for form in (quiet, nobody):
        outcome = register(run_on_commit, event(index, form), form)
        with run_on_commit():
            changes.cancel(keys.link_token(outcome.registration), now=NOW)
    assert not Delivery.objects.filter(kind=alerts.ALERT).exists()
    assert {m.to[0] for m in mail.outbox} == {f"{NAME} <{EMAIL}>"}


def test_counts_and_admin_link(index, run_on_commit):
    form = alert_form(alert_registrations=True, capacity=2, waiting_list=True)
    page = event(index, form)
    f.registration(page, "a@example.org")
    f.registration(page, "b@example.org", status=S.WAITING)
    register(run_on_commit, page, form)
    body = to(PLAIN)[0].body
    # One place is free, but the one waiting comes first: none left.
    assert "Places taken: 1 of 2 (0 left)" in body
    assert "On the waiting list: 2" in body
    assert (
        f"http://testserver/admin/wagtail-events/registrations/event/"
        f"{page.translation_key}/" in body
    )


# What each recipient may read


def test_who_reads_the_registrants_name(index, run_on_commit, viewer, outsider):
    form = alert_form([viewer, outsider], alert_registrations=True)
    register(run_on_commit, event(index, form), form)
    for address in (PLAIN, outsider.email):
        (message,) = to(address)
        text = parts(message)
        assert NAME not in text and "Zebulon" not in text
        assert EMAIL not in text
    (message,) = to(viewer.email)
    text = parts(message)
    assert NAME in text
    assert "Place confirmed" in text or "Confirmed" in text
    # Name and status, never the address.
    assert EMAIL not in text


def test_a_permission_taken_away_counts_when_sent(index, run_on_commit, viewer):
    form = alert_form([viewer], emails="", alert_registrations=True)
    page = event(index, form)
    viewer.user_permissions.clear()
    register(run_on_commit, page, form)
    assert NAME not in parts(to(viewer.email)[0])


def test_an_erased_registrant_is_not_named(index, run_on_commit, viewer):
    form = alert_form([viewer], emails="", alert_cancellations=True)
    outcome = register(run_on_commit, event(index, form), form)
    with run_on_commit():
        privacy.erase(outcome.registration, now=NOW)
    (message,) = [m for m in to(viewer.email) if "Cancellation" in m.subject]
    assert NAME not in parts(message)


def test_a_user_reads_in_their_admin_language(index, run_on_commit, viewer):
    UserProfile.objects.create(user=viewer, preferred_language="nl")
    form = alert_form([viewer], alert_registrations=True)
    register(run_on_commit, event(index, form), form)
    assert to(viewer.email)[0].extra_headers["Content-Language"] == "nl"
    assert to(PLAIN)[0].extra_headers["Content-Language"] == "en"


# The form editor


@pytest.mark.parametrize(
    "value",
    [
        "not-an-address",
        "desk@example.org\nsomeone@",
        "a@example.org, b@example.org",
        "<script>alert(1)</script>@example.org",
        "x" * 300 + "@example.org",
        "desk@example.org\r\nBcc: victim@example.org",
    ],
)
def test_bad_addresses_are_refused(value):
    form = RegistrationForm(title="Form", privacy_notice="<p>x</p>", alert_emails=value)
    with pytest.raises(ValidationError) as refused:
        form.full_clean()
    (message, *_more) = refused.value.message_dict["alert_emails"]
    assert "is not an e-mail address" in message
    assert "Line " in message


def test_the_form_editor_refuses_a_bad_address(client, editor):
    response = add(
        client,
        form_data("free", alert_emails="desk@example.org\nnot an address"),
    )
    errors = errors_of(response)
    assert errors["alert_emails"] == [
        "Line 2, “not an address”, is not an e-mail address."
    ]
    assert not RegistrationForm.objects.exists()


def test_the_form_editor_saves_the_alerts(client, editor, viewer):
    data = form_data(
        "free",
        alert_emails="desk@example.org",
        alert_requests="on",
        alert_digest="on",
    )
    data["alert_users"] = [str(viewer.pk)]
    response = add(client, data)
    assert response.status_code == 302
    form = RegistrationForm.objects.get()
    assert form.alert_emails == "desk@example.org"
    assert list(form.alert_users.all()) == [viewer]
    assert form.alert_requests and form.alert_digest
    assert not form.alert_registrations and not form.alert_cancellations


def test_the_panel_is_in_the_form_editor(client, editor, viewer):
    viewer.first_name, viewer.last_name = "Vera", "Viewer"
    viewer.save()
    response = client.get(
        reverse("wagtailsnippets_wagtail_events_registrationform:add") + "?locale=en"
    )
    content = response.content.decode()
    assert "Tell the organisers" in content
    # Users are listed by name and address.
    assert "Vera Viewer (viewer@example.org)" in content


# The daily digest


def digest_event(index, form, run_on_commit, news=True):
    page = event(index, form)
    f.registration(page, "old@example.org", name="Old Timer")
    if news:
        new = [
            f.registration(page, "ann@example.org", name="Ann Newcomer"),
            f.registration(page, EMAIL, name=NAME, status=S.WAITING),
        ]
        gone = f.registration(page, "bob@example.org", name="Bob Leaver")
        gone.status = S.CANCELLED
        gone.save()
        Registration.objects.filter(pk__in=[r.pk for r in new]).update(
            created_at=IN_THE_DAY
        )
        Registration.objects.filter(pk=gone.pk).update(
            created_at=NOW - datetime.timedelta(days=10), updated_at=IN_THE_DAY
        )
        Registration.objects.filter(email="old@example.org").update(
            created_at=NOW - datetime.timedelta(days=10)
        )
    return page


def test_the_digest_goes_once_a_day(index, run_on_commit, viewer, outsider):
    form = alert_form(
        [viewer, outsider], alert_digest=True, capacity=10, waiting_list=True
    )
    digest_event(index, form, run_on_commit)
    # Before the digest hour: nothing.
    with run_on_commit():
        assert due.send_due(f.local(YEAR, 3, 2, 6, 59))["digests"] == 0
    with run_on_commit():
        assert due.send_due(DIGEST_TIME)["digests"] == 3
        assert due.send_due(DIGEST_TIME)["digests"] == 0
        # A second caller, later the same day.
        assert alerts.send_digests(f.local(YEAR, 3, 2, 23, 50)) == 0
    assert Delivery.objects.filter(kind=alerts.DIGEST).count() == 3
    for address in (PLAIN, viewer.email, outsider.email):
        (message,) = to(address)
        assert message.subject.startswith("Registrations: the digest of")
        assert "New registrations: 2" in message.body
        assert "Cancellations: 1" in message.body
        assert "On the waiting list: 1" in message.body
        assert "Places taken: 2 of 10" in message.body
    for address in (PLAIN, outsider.email):
        text = parts(to(address)[0])
        for secret in (NAME, EMAIL, "Ann Newcomer", "Bob Leaver", "ann@example.org"):
            assert secret not in text
    text = parts(to(viewer.email)[0])
    assert NAME in text and "Ann Newcomer" in text and "Bob Leaver" in text
    assert "Old Timer" not in text  # nothing new about them
    assert EMAIL not in text
    # The next day: nothing happened since.
    with run_on_commit():
        assert alerts.send_digests(DIGEST_TIME + datetime.timedelta(days=1)) == 0


def test_two_callers_at_once_send_one_digest(index, run_on_commit):
    # Both read that nothing was sent yet, then both queue: the outbox's unique
    # key lets one through.
    form = alert_form(alert_digest=True)
    digest_event(index, form, run_on_commit)
    with mock.patch.object(digests, "already_queued", return_value=set()):
        with run_on_commit():
            alerts.send_digests(DIGEST_TIME)
            alerts.send_digests(DIGEST_TIME + datetime.timedelta(minutes=5))
    assert Delivery.objects.filter(kind=alerts.DIGEST).count() == 1
    assert len(to(PLAIN)) == 1


def test_no_digest_when_nothing_happened(index, run_on_commit):
    form = alert_form(alert_digest=True)
    digest_event(index, form, run_on_commit, news=False)
    assert alerts.send_digests(DIGEST_TIME) == 0
    assert to(PLAIN) == []


def test_no_digest_once_the_event_is_over(index, run_on_commit):
    form = alert_form(alert_digest=True)
    digest_event(index, form, run_on_commit)
    after = END + datetime.timedelta(days=1)
    assert alerts.send_digests(after.replace(hour=8)) == 0


def test_no_digest_without_asking(index, run_on_commit, viewer):
    form = alert_form([viewer], alert_registrations=True)
    digest_event(index, form, run_on_commit)
    assert alerts.send_digests(DIGEST_TIME) == 0


@override_settings(WAGTAIL_EVENTS_DIGEST_HOUR=9)
def test_the_digest_hour_is_a_setting():
    assert digests.window(f.local(YEAR, 3, 2, 8, 30)) is None
    day, since, until = digests.window(f.local(YEAR, 3, 2, 9, 0))
    assert day == DIGEST_DAY
    assert until == f.local(YEAR, 3, 2, 9)


def test_the_day_across_a_change_of_the_clocks():
    # Brussels goes to summer time on the night of 30 to 31 March 2024.
    day, since, until = digests.window(f.local(2024, 3, 31, 8))
    assert (since, until) == (f.local(2024, 3, 30, 7), f.local(2024, 3, 31, 7))
    assert until - since == datetime.timedelta(hours=23)
    day, since, until = digests.window(f.local(2024, 10, 27, 7))
    assert until - since == datetime.timedelta(hours=25)


def queries(callable_):
    with CaptureQueriesContext(connection) as captured:
        callable_()
    return len(captured)


def test_digest_queries_do_not_grow_with_registrations(index, run_on_commit, viewer):
    form = alert_form([viewer], alert_digest=True, capacity=100)
    page = digest_event(index, form, run_on_commit)

    def count():
        Delivery.objects.all().delete()
        sending = queries(lambda: alerts.send_digests(DIGEST_TIME))
        delivery = Delivery.objects.filter(kind=alerts.DIGEST, to=viewer.email).get()
        building = queries(lambda: alerts.build_digest(delivery))
        return sending, building

    few = count()
    for n in range(15):
        f.registration(page, f"p{n}@example.org", name=f"Person {n}")
    Registration.objects.filter(email__startswith="p").update(created_at=IN_THE_DAY)
    assert count() == few


# Translations


def test_the_alerts_are_the_events_in_every_language(index, run_on_commit, viewer):
    nl = f.locale("nl")
    form = alert_form([viewer], alert_registrations=True)
    page = event(index, form)
    dutch_page = f.translate(page, nl)
    dutch_form = RegistrationForm.objects.get(
        translation_key=form.translation_key, locale=nl
    )
    assert dutch_form.alert_registrations
    assert dutch_form.alert_emails == PLAIN
    assert list(dutch_form.alert_users.all()) == [viewer]
    # The form changes in English: a registration in Dutch tells whom it says now
    # (even though wagtail-localize leaves a list of users emptied in the source
    # as it was in the translation).
    form = RegistrationForm.objects.get(pk=form.pk)
    form.alert_users.set([])
    form.alert_emails = "other@example.org"
    with f.run_after_commit():
        form.save()
    assert RegistrationForm.objects.get(pk=dutch_form.pk).alert_emails == (
        "other@example.org"
    )
    register(run_on_commit, dutch_page, dutch_form)
    assert len(to("other@example.org")) == 1
    assert to(viewer.email) == [] and to(PLAIN) == []
