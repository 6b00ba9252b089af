"""Messages to a group (issue 15, item 3): an organiser writes, from an event's
registrations in the admin, to everyone or to one group (holding a place,
waiting, awaiting approval, attended, no-show), for one date or one session;
previews the e-mail as one recipient gets it; sends it in the background, one
e-mail per person, in their language, logged as a Message with its Deliveries."""

import datetime
import uuid

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from tests.registration.test_admin import logged_in, make_user
from wagtail_events.models import Registration, RegistrationStatus
from wagtail_events.models.messages import Delivery, DeliveryStatus, Message
from wagtail_events.registration import group_messages, keys


S = RegistrationStatus
NS = "wagtail_events_registrations"
NOW = timezone.now()


def u(name, *args):
    return reverse(f"{NS}:{name}", args=args)


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    def block():
        return django_capture_on_commit_callbacks(execute=True)

    return block


def event(index, start=None, **fields):
    start = start or NOW + datetime.timedelta(days=10)
    fields.setdefault(
        "venue",
        f.venue("City hall", street_address="Grote Markt 21", postal_code="2800"),
    )
    return f.workshop(
        index,
        start,
        start + datetime.timedelta(hours=2),
        title="Participation in the city council",
        registration_form=f.registration_form(),
        **fields,
    )


def data(**fields):
    return {
        "audience": "all",
        "within": "",
        "subject": "News about {event}",
        "text": "Hello {name},\nsee you on {date} at {place}.\nYour link: {link}",
        "reply_to": "",
        "action": "preview",
        **fields,
    }


def preview(client, page, **fields):
    return client.post(u("message_new", page.translation_key), data(**fields))


def send(client, run_on_commit, page, **fields):
    """Preview, then send what the preview showed; returns the send response."""
    shown = preview(client, page, **fields)
    assert shown.status_code == 200
    count = len(shown.context["people"])
    with run_on_commit():
        return client.post(
            u("message_new", page.translation_key),
            data(**{**fields, "action": "send", "count": str(count)}),
        )


def addressees():
    return sorted(message.to[0].split("<")[-1].rstrip(">") for message in mail.outbox)


@pytest.fixture
def everyone(index):
    """An event that began an hour ago, with someone in every status."""
    page = event(index, start=NOW - datetime.timedelta(hours=1))
    for status, email in [
        (S.CONFIRMED, "c@example.org"),
        (S.ATTENDED, "a@example.org"),
        (S.WAITING, "w@example.org"),
        (S.AWAITING_APPROVAL, "p@example.org"),
        (S.DECLINED, "d@example.org"),
        (S.CANCELLED, "x@example.org"),
    ]:
        f.registration(page, email=email, status=status)
    f.registration(page, email="e@example.org", erased_at=NOW)
    return page


GROUPS = {
    "all": ["a@example.org", "c@example.org", "p@example.org", "w@example.org"],
    "confirmed": ["a@example.org", "c@example.org"],
    "waiting": ["w@example.org"],
    "awaiting_approval": ["p@example.org"],
    "attended": ["a@example.org"],
    "no_show": ["c@example.org"],
}


@pytest.mark.parametrize("audience", GROUPS)
def test_each_group_gets_it_and_it_is_logged(
    client, editor, run_on_commit, everyone, audience
):
    response = send(client, run_on_commit, everyone, audience=audience)
    message = Message.objects.get()
    assert response.status_code == 302
    assert response["Location"] == u("message", everyone.translation_key, message.pk)
    assert addressees() == GROUPS[audience]
    assert (message.kind, message.event_key, message.page_id) == (
        "group_message",
        everyone.translation_key,
        everyone.pk,
    )
    assert message.created_by == editor and message.sent_at is not None
    assert message.data["audience"] == audience
    assert message.data["recipients"] == len(GROUPS[audience])
    deliveries = Delivery.objects.filter(message=message)
    assert sorted(d.registration.email for d in deliveries) == GROUPS[audience]
    assert {d.status for d in deliveries} == {DeliveryStatus.SENT}
    assert all(d.to == "" and d.params == {} for d in deliveries)
    page = client.get(response["Location"]).content.decode()
    for address in GROUPS[audience]:
        assert address in page
    assert "Sent" in page


def test_no_shows_only_once_the_event_has_begun(client, editor, index):
    page = event(index)
    f.registration(page, email="c@example.org")
    response = preview(client, page, audience="no_show")
    assert "Nobody is in this group" in response.content.decode()
    assert not Message.objects.exists()


def test_is_no_show_is_the_one_rule():
    confirmed = Registration(status=S.CONFIRMED)
    assert group_messages.is_no_show(confirmed, NOW, NOW)
    assert not group_messages.is_no_show(confirmed, NOW + datetime.timedelta(1), NOW)
    assert not group_messages.is_no_show(confirmed, None, NOW)
    assert not group_messages.is_no_show(Registration(status=S.ATTENDED), NOW, NOW)


def test_one_date_of_a_repeating_event(client, editor, run_on_commit, index):
    start = f.local(timezone.now().year + 1, 3, 2, 10)
    page = f.repeating(
        index,
        start,
        start + datetime.timedelta(hours=1),
        "RRULE:FREQ=WEEKLY;COUNT=3",
        registration_form=f.registration_form(),
    )
    second = start + datetime.timedelta(days=7)
    f.registration(page, email="first@example.org", date=start)
    f.registration(page, email="second@example.org", date=second)
    # Registered for both dates: once to everyone, once to its date.
    f.registration(page, email="both@example.org", date=start)
    f.registration(page, email="BOTH@example.org", date=second)
    form = client.get(u("message_new", page.translation_key)).context["form"]
    key = keys.occurrence_key(second)
    assert f"date:{key}" in dict(form.fields["within"].choices)
    send(client, run_on_commit, page, within=f"date:{key}")
    assert addressees() == ["BOTH@example.org", "second@example.org"]
    mail.outbox.clear()
    send(client, run_on_commit, page)
    assert addressees() == [
        "both@example.org",
        "first@example.org",
        "second@example.org",
    ]


def test_one_session_of_a_conference(client, editor, run_on_commit, index):
    start = NOW + datetime.timedelta(days=20)
    conference = f.conference(
        index,
        start=start,
        end=start + datetime.timedelta(hours=8),
        registration_form=f.registration_form(),
    )
    workshop = f.workshop(
        conference,
        start + datetime.timedelta(hours=1),
        start + datetime.timedelta(hours=2),
        title="City-to-city mentoring",
        registration_form=f.registration_form(),
    )
    other = f.workshop(
        conference,
        start + datetime.timedelta(hours=1),
        start + datetime.timedelta(hours=2),
        title="Bystanders",
        registration_form=f.registration_form(),
    )
    chose = f.registration(conference, email="chose@example.org")
    f.registration(workshop, email="chose@example.org", parent=chose)
    both = f.registration(conference, email="both@example.org")
    f.registration(workshop, email="both@example.org", parent=both)
    f.registration(workshop, email="Both@example.org")  # on the session's page too
    f.registration(workshop, email="direct@example.org")
    elsewhere = f.registration(conference, email="elsewhere@example.org")
    f.registration(other, email="elsewhere@example.org", parent=elsewhere)
    f.registration(conference, email="only@example.org")
    form = client.get(u("message_new", conference.translation_key)).context["form"]
    within = f"session:{workshop.translation_key}"
    assert (
        dict(form.fields["within"].choices)[within] == "Session: City-to-city mentoring"
    )
    send(client, run_on_commit, conference, within=within, text="{event} {link}")
    assert addressees() == [
        "both@example.org",
        "chose@example.org",
        "direct@example.org",
    ]
    # Chosen with the conference: their link is the conference registration's.
    (chose_mail,) = [m for m in mail.outbox if "chose@" in m.to[0]]
    assert "City-to-city mentoring" in chose_mail.body
    conference_link = conference.get_full_url() + conference.reverse_subpage(
        "your_registration", args=[keys.link_token(chose)]
    )
    assert conference_link in chose_mail.body
    (row,) = client.get(u("messages", conference.translation_key)).context["rows"]
    assert row.audience_label == (
        "Everyone registered (holding a place, waiting or awaiting approval)"
        " · City-to-city mentoring"
    )


def test_one_email_per_person_with_only_their_address(
    client, editor, run_on_commit, everyone
):
    send(client, run_on_commit, everyone, reply_to="organiser@example.org")
    assert len(mail.outbox) == 4
    for message in mail.outbox:
        assert len(message.to) == 1
        assert message.cc == [] and message.bcc == []
        assert message.reply_to == ["organiser@example.org"]
        others = set(GROUPS["all"]) - {message.to[0].split("<")[-1].rstrip(">")}
        text = message.body + message.alternatives[0][0] + str(message.message())
        assert not any(other in text for other in others)


def test_placeholders_filled_per_recipient_in_their_language(
    client, editor, run_on_commit, index
):
    page = event(index)
    ann = f.registration(page, email="ann@example.org", name="Ann", language="en")
    # A name that looks like a placeholder stays as written.
    bob = f.registration(
        page, email="bob@example.org", name="Bob {link}", language="nl"
    )
    send(client, run_on_commit, page, subject="News: {event}")
    by_address = {m.to[0]: m for m in mail.outbox}
    ann_mail = by_address["Ann <ann@example.org>"]
    bob_mail = next(m for a, m in by_address.items() if "bob@" in a)
    link_of = {
        r.pk: page.get_full_url()
        + page.reverse_subpage("your_registration", args=[keys.link_token(r)])
        for r in (ann, bob)
    }
    assert ann_mail.subject == "News: Participation in the city council"
    assert bob_mail.subject == "News: Participation in the city council"
    assert "Dear Ann," in ann_mail.body and "Hello Ann," in ann_mail.body
    assert "Beste Bob {link}," in bob_mail.body and "Hello Bob {link}," in bob_mail.body
    assert link_of[ann.pk] in ann_mail.body and link_of[bob.pk] not in ann_mail.body
    assert link_of[bob.pk] in bob_mail.body
    assert "Grote Markt 21" in ann_mail.body
    assert ann_mail.extra_headers["Content-Language"] == "en"
    assert bob_mail.extra_headers["Content-Language"] == "nl"
    assert "{date}" not in ann_mail.body and "{place}" not in bob_mail.body
    assert "Hello Ann," in ann_mail.alternatives[0][0]


def test_preview_sends_nothing_and_shows_the_chosen_recipient(client, editor, index):
    page = event(index)
    f.registration(page, email="ann@example.org", name="Ann")
    bob = f.registration(page, email="bob@example.org", name="Bob")
    response = preview(client, page)
    assert response.status_code == 200
    assert "Hello Ann," in response.context["preview"].body
    assert "This message goes to 2 people." in response.content.decode()
    response = preview(client, page, preview_for=str(bob.pk))
    assert "Hello Bob," in response.context["preview"].body
    assert response.context["preview"].to == ["Bob <bob@example.org>"]
    # The organiser reads where the link goes, not the link itself: it would
    # let its reader change or cancel Bob's registration.
    assert keys.link_token(bob) not in response.content.decode()
    assert "[the registrant’s own link]" in response.context["preview"].body
    assert not Message.objects.exists() and not Delivery.objects.exists()
    assert mail.outbox == []


def test_a_group_that_changed_since_the_preview_is_not_sent(client, editor, index):
    page = event(index)
    f.registration(page, email="ann@example.org")
    response = client.post(
        u("message_new", page.translation_key), data(action="send", count="2")
    )
    assert "The group changed since the preview" in response.content.decode()
    assert not Message.objects.exists()


def test_a_task_run_twice_writes_each_delivery_once(index, monkeypatch, run_on_commit):
    monkeypatch.setattr(group_messages, "BATCH_SIZE", 2)
    page = event(index)
    for n in range(5):
        f.registration(page, email=f"p{n}@example.org")
    audience = group_messages.Audience(page.translation_key, "all")
    message = group_messages.send(audience, page, "Hi", "Text", None)
    assert not Delivery.objects.exists()  # nothing before the commit
    group_messages.queue_deliveries(message.pk)
    group_messages.queue_deliveries(message.pk)
    assert Delivery.objects.filter(message=message).count() == 5
    # Someone registering after the message was sent is not in its group.
    f.registration(page, email="late@example.org")
    group_messages.queue_deliveries(message.pk)
    assert Delivery.objects.filter(message=message).count() == 5


def test_a_lost_task_is_run_again_by_send_due(index, run_on_commit):
    page = event(index)
    ann = f.registration(page, email="ann@example.org")
    Registration.objects.filter(pk=ann.pk).update(
        created_at=NOW - datetime.timedelta(hours=2)
    )
    message = Message.objects.create(
        kind="group_message",
        event_key=page.translation_key,
        page=page,
        subject="Hi",
        body="Text",
        data={"audience": "all"},
        sent_at=NOW - datetime.timedelta(hours=1),
    )
    from wagtail_events.registration import due

    with run_on_commit():
        assert due.send_due()["group_messages"] == 1
    assert Delivery.objects.get(message=message).status == DeliveryStatus.SENT
    assert due.send_due()["group_messages"] == 0


def test_erased_since_the_message_gets_nothing(client, editor, index, run_on_commit):
    page = event(index)
    ann = f.registration(page, email="ann@example.org")
    audience = group_messages.Audience(page.translation_key, "all")
    group_messages.send(audience, page, "Hi", "Text", None)
    Registration.objects.filter(pk=ann.pk).update(erased_at=NOW)
    with run_on_commit():
        group_messages.queue_deliveries(Message.objects.get().pk)
    assert mail.outbox == [] and not Delivery.objects.exists()


HOSTILE = [
    {"subject": ""},
    {"subject": "   "},
    {"subject": "x" * 201},
    {"subject": "Hi\x00"},
    {"subject": "Hi\r\nBcc: all@example.org"},
    {"text": ""},
    {"text": "x" * 20_001},
    {"text": "Hello\x00"},
    {"text": "Hello\x1b[31m"},
    {"text": "Hello {foo}"},
    {"text": "Hello {0}"},
    # The log of e-mails sent keeps subjects: nothing of the person there.
    {"subject": "For {name}"},
    {"subject": "Your link: {link}"},
    {"text": "Hello {name.__class__}"},
    {"subject": "About {Event}"},
    {"reply_to": "a@example.org\nBcc: all@example.org"},
    {"reply_to": "not an address"},
    {"audience": "everyone-and-their-dog"},
    {"within": f"session:{uuid.uuid4()}"},
    {"within": "date:2024-01-01T00:00:00+00:00"},
]


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("action", ["preview", "send"])
def test_bad_input_is_refused_and_sends_nothing(
    client, editor, run_on_commit, everyone, hostile, action
):
    with run_on_commit():
        response = client.post(
            u("message_new", everyone.translation_key),
            data(**hostile, action=action, count="4"),
        )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "preview" not in response.context
    assert not Message.objects.exists() and mail.outbox == []


def test_unknown_placeholders_are_named(client, editor, everyone):
    response = preview(client, everyone, text="Hi {foo} and {bar}")
    (error,) = response.context["form"].errors["text"]
    assert "{bar}, {foo}" in error and "{name}" in error


def test_buttons_on_the_summary_and_the_filtered_listing(client, editor, everyone):
    key = everyone.translation_key
    summary = client.get(u("summary", key)).content.decode()
    assert u("message_new", key) in summary and u("messages", key) in summary
    listing = client.get(u("index"), {"event": key}).content.decode()
    assert u("message_new", key) in listing


def test_the_events_messages(client, editor, run_on_commit, everyone):
    send(client, run_on_commit, everyone, subject="First news", audience="waiting")
    response = client.get(u("messages", everyone.translation_key))
    (row,) = response.context["rows"]
    assert (row.subject, row.total, row.sent, row.failed) == ("First news", 1, 1, 0)
    assert row.audience_label == "On the waiting list"
    assert "editor" in response.content.decode()


def test_permissions(django_user_model, run_on_commit, everyone):
    key = everyone.translation_key
    message = Message.objects.create(
        kind="group_message", event_key=key, subject="Hi", sent_at=NOW
    )
    plain = logged_in(make_user(django_user_model, "plain"))
    viewer = logged_in(make_user(django_user_model, "viewer", "view_registration"))
    for client in (plain, viewer):
        assert client.get(u("message_new", key)).status_code in (302, 403)
        with run_on_commit():
            response = client.post(
                u("message_new", key), data(action="send", count="4")
            )
        assert response.status_code in (302, 403)
        summary = client.get(u("summary", key)).content.decode()
        assert u("message_new", key) not in summary
    for url in (u("messages", key), u("message", key, message.pk)):
        assert plain.get(url).status_code in (302, 403)
        assert viewer.get(url).status_code == 200
    assert Message.objects.count() == 1 and mail.outbox == []
    actor = logged_in(
        make_user(
            django_user_model, "actor", "view_registration", "change_registration"
        )
    )
    assert actor.get(u("message_new", key)).status_code == 200


def test_a_message_of_another_event_is_not_found(client, editor, everyone, index):
    other = event(index)
    message = Message.objects.create(
        kind="group_message", event_key=other.translation_key, sent_at=NOW
    )
    url = u("message", everyone.translation_key, message.pk)
    assert client.get(url).status_code == 404


def _queries(client, page, run_on_commit, count):
    for n in range(count):
        f.registration(page, email=f"p{n}@example.org", name=f"P{n}")
    preview(client, page)  # the site's root paths and content types, cached
    with CaptureQueriesContext(connection) as shown:
        response = preview(client, page)
    assert len(response.context["people"]) == count
    with CaptureQueriesContext(connection) as sent:
        client.post(
            u("message_new", page.translation_key),
            data(action="send", count=str(count)),
        )
    return len(shown), len(sent)


def test_preview_and_send_read_a_fixed_number_of_queries(
    client, editor, run_on_commit, index
):
    few = _queries(client, event(index), run_on_commit, 2)
    many = _queries(client, event(index), run_on_commit, 20)
    assert few == many


@pytest.mark.parametrize("how", ["one", "address"])
def test_erasing_forgets_what_the_email_said(client, editor, run_on_commit, index, how):
    from wagtail_events.registration import privacy

    page = event(index)
    ann = f.registration(page, email="ann@example.org", name="Ann")
    send(client, run_on_commit, page, subject="About {event}")
    delivery = Delivery.objects.get()
    assert delivery.subject.startswith("About ")
    if how == "one":
        privacy.erase(ann)
    else:
        privacy.erase_address("ann@example.org")
    delivery.refresh_from_db()
    assert (delivery.subject, delivery.status) == ("", DeliveryStatus.SENT)


def test_the_message_page_shows_each_recipients_status(client, editor, everyone):
    key = everyone.translation_key
    message = Message.objects.create(
        kind="group_message", event_key=key, subject="Hi", body="Text", sent_at=NOW
    )
    people = {r.email: r for r in Registration.objects.filter(event_key=key)}
    Delivery.objects.create(
        kind="group_message",
        message=message,
        registration=people["c@example.org"],
        status=DeliveryStatus.RETRYING,
        attempts=2,
        last_error="SMTPServerDisconnected: gone",
    )
    Delivery.objects.create(
        kind="group_message",
        message=message,
        registration=people["w@example.org"],
        status=DeliveryStatus.FAILED,
        attempts=5,
    )
    page = client.get(u("message", key, message.pk)).content.decode()
    assert "Failed, will be tried again" in page and "SMTPServerDisconnected" in page
    assert "1 e-mail could not be sent." in page
    assert "c@example.org" in page and "w@example.org" in page
    assert "a@example.org" not in page


def test_date_is_the_wall_clock_time_across_a_daylight_saving_change(
    client, editor, run_on_commit, index
):
    year = timezone.now().year + 1
    # Summer time ends on the last Sunday of October in Brussels.
    last_sunday = max(
        datetime.date(year, 10, day)
        for day in range(25, 32)
        if datetime.date(year, 10, day).weekday() == 6
    )
    start = f.local(year, 10, last_sunday.day - 7, 10)
    page = f.repeating(
        index,
        start,
        start + datetime.timedelta(hours=1),
        "RRULE:FREQ=WEEKLY;COUNT=3",
        registration_form=f.registration_form(),
    )
    after = page.occurrences.order_by("start")[1]  # the Sunday summer time ends
    # The same wall-clock time, one hour more in real time.
    assert after.start - start == datetime.timedelta(days=7, hours=1)
    f.registration(page, email="ann@example.org", date=after)
    send(client, run_on_commit, page, text="See you on {date}.")
    (message,) = mail.outbox
    day = f"{last_sunday:%A} {last_sunday.day} October {year}"
    assert f"See you on {day}, 10:00–11:00 (Europe/Brussels)." in message.body
