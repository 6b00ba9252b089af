"""The registrant's own page, "Your registration" (``manage_views``): what it
shows, each change posted (answers, date, sessions, leaving the waiting list,
cancelling), the one e-mail each change sends, and the refusals of bad input,
of other methods and of another event's token."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import factories
from wagtail_events.models import Occurrence, Registration
from wagtail_events.models import RegistrationStatus as S
from wagtail_events.registration import amend, keys, writer


pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo(factories.BRUSSELS)


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    def block():
        return django_capture_on_commit_callbacks(execute=True)

    return block


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def evening(days_ahead):
    day = timezone.now().astimezone(BRUSSELS).date() + datetime.timedelta(days_ahead)
    return datetime.datetime.combine(day, datetime.time(19), tzinfo=BRUSSELS)


def weekly_event(form, weeks=3):
    first = evening(7)
    return factories.repeating(
        factories.event_index(),
        first,
        first + datetime.timedelta(hours=2),
        f"RRULE:FREQ=WEEKLY;COUNT={weeks}",
        title="Reflection evening",
        registration_form=form,
    )


def dates_of(page):
    return list(Occurrence.objects.filter(page_id=page.pk).order_by("start"))


def link(page, registration, route="registration"):
    return page.url + f"{route}/{keys.link_token(registration)}/"


def register(page, email="ann@example.org", date=None, **kwargs):
    return writer.register(
        page,
        page.registration_form,
        name="Ann",
        email=email,
        occurrence=date,
        **kwargs,
    ).registration


@pytest.fixture
def dated(db):
    form = factories.registration_form(
        capacity=1,
        waiting_list=True,
        questions=[factories.question("Organisation", required=False)],
        cancellation_policy="Cancel a day ahead, please.",
    )
    page = weekly_event(form)
    ann = register(page, date=dates_of(page)[0], answers={"organisation": "VVSG"})
    return page, ann


def day_at(hour):
    day = timezone.now().astimezone(BRUSSELS).date() + datetime.timedelta(10)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BRUSSELS)


@pytest.fixture
def conference(db):
    conf = factories.conference(
        factories.event_index(),
        start=day_at(8),
        end=day_at(18),
        title="Living together",
        registration_form=factories.registration_form(),
    )
    morning = factories.workshop(
        conf,
        day_at(10),
        day_at(12),
        title="Mentoring",
        registration_form=factories.registration_form(capacity=1, waiting_list=False),
    )
    afternoon = factories.workshop(
        conf,
        day_at(14),
        day_at(16),
        title="Urban renewal",
        registration_form=factories.registration_form(capacity=1, waiting_list=False),
    )
    ann = writer.register(
        conf,
        conf.registration_form,
        name="Ann",
        email="ann@example.org",
        sessions=[str(morning.pk)],
    ).registration
    return conf, morning, afternoon, ann


# What the page shows


@pytest.mark.parametrize("route", ["registration", "cancel"])
def test_the_page_shows_the_registration_and_changes_nothing(client, dated, route):
    page, ann = dated
    response = client.get(link(page, ann, route))
    assert response.status_code == 200
    assert (
        "no-cache" in response["Cache-Control"]
        or "max-age=0" in (response["Cache-Control"])
    )
    html = soup(response)
    assert html.h1.get_text(strip=True) == "Your registration"
    text = html.get_text(" ", strip=True)
    assert "Your place is confirmed." in text
    assert "VVSG" in text and "ann@example.org" in text
    assert "Cancel a day ahead, please." in text
    # The forms: date (the present one checked), answers (no e-mail field).
    checked = html.select_one("input[name=occurrence][checked]")
    assert checked["value"] == ann.occurrence_key
    assert html.select_one("input[name=q_organisation]")["value"] == "VVSG"
    assert html.select_one("input[name=email]") is None
    assert html.select_one("button[value=cancel]") is not None
    ann.refresh_from_db()
    assert ann.status == S.CONFIRMED


def test_waiting_people_see_their_position_and_can_leave(client, dated, run_on_commit):
    page, ann = dated
    bob = register(page, "bob@example.org", dates_of(page)[0])
    response = client.get(link(page, bob))
    text = soup(response).get_text(" ", strip=True)
    assert "on the waiting list, at position 1" in text
    assert "Leave the waiting list" in text
    with run_on_commit():
        response = client.post(link(page, bob), {"action": "cancel"})
    assert response.status_code == 200
    bob.refresh_from_db()
    assert bob.status == S.CANCELLED


def test_the_sessions_are_listed_with_their_form(client, conference):
    conf, morning, afternoon, ann = conference
    html = soup(client.get(link(conf, ann)))
    assert "Mentoring" in html.select_one(".we-registration__sessions").text
    boxes = {box["value"]: box for box in html.select("input[name=sessions]")}
    assert set(boxes) == {str(morning.pk), str(afternoon.pk)}
    assert boxes[str(morning.pk)].has_attr("checked")
    assert not boxes[str(afternoon.pk)].has_attr("checked")


# Changes, and their e-mail


def test_changing_the_answers(client, dated, run_on_commit):
    page, ann = dated
    mail.outbox.clear()
    with run_on_commit():
        response = client.post(
            link(page, ann),
            {
                "action": "answers",
                "name": "Ann Peeters",
                "q_organisation": "City of Mechelen",
                "email": "evil@example.org",  # not a field here: ignored
            },
        )
    assert response.status_code == 302
    assert response["Location"].endswith("?done=answers")
    ann.refresh_from_db()
    assert ann.name == "Ann Peeters"
    assert ann.answers == {"organisation": "City of Mechelen"}
    assert ann.email == "ann@example.org"
    (message,) = mail.outbox
    assert message.subject == "Registration changed: Reflection evening"
    assert "Your answers are updated." in message.body
    assert "See, change or cancel your registration:" in message.body
    assert link(page, ann) in message.body
    done = client.get(response["Location"])
    assert "Your answers are saved." in soup(done).select_one("[role=status]").text


def test_changing_the_date_sends_one_mail_with_the_new_date(
    client, dated, run_on_commit
):
    page, ann = dated
    first, second, _third = dates_of(page)
    bob = register(page, "bob@example.org", first)  # waits for Ann's place
    mail.outbox.clear()
    with run_on_commit():
        response = client.post(
            link(page, ann),
            {"action": "date", "occurrence": keys.occurrence_key(second)},
        )
    assert response.status_code == 302
    ann.refresh_from_db()
    bob.refresh_from_db()
    assert ann.occurrence_key == keys.occurrence_key(second)
    assert bob.status == S.CONFIRMED
    (changed,) = [m for m in mail.outbox if m.subject.startswith("Registration ch")]
    assert [m.to[0] for m in mail.outbox].count("Ann <ann@example.org>") == 1
    assert "Your new date:" in changed.body
    assert "Your previous date:" in changed.body
    body = changed.body
    new_day = f"{second.start.astimezone(BRUSSELS).day} "
    assert new_day in body.split("Your new date:")[1].splitlines()[0]
    ics = [a for a in changed.attachments if a[2].startswith("text/calendar")]
    assert len(ics) == 1
    content = ics[0][1]
    content = content.decode() if isinstance(content, bytes) else content
    start = second.start.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%S")
    local = second.start.astimezone(BRUSSELS).strftime("%Y%m%dT%H%M%S")
    assert start in content or local in content


def test_changing_sessions(client, conference, run_on_commit):
    conf, morning, afternoon, ann = conference
    mail.outbox.clear()
    with run_on_commit():
        response = client.post(
            link(conf, ann), {"action": "sessions", "sessions": [str(afternoon.pk)]}
        )
    assert response.status_code == 302
    children = dict(
        Registration.objects.filter(parent=ann).values_list("page_id", "status")
    )
    assert children == {morning.pk: S.CANCELLED, afternoon.pk: S.CONFIRMED}
    (message,) = mail.outbox
    assert "Session added: Urban renewal" in message.body
    assert "Session removed: Mentoring" in message.body


# Refusals: a clear message, nothing changes, no e-mail


def test_a_full_session_is_refused(client, conference, run_on_commit):
    conf, morning, afternoon, ann = conference
    writer.register(
        afternoon, afternoon.registration_form, name="Cy", email="cy@example.org"
    )
    mail.outbox.clear()
    with run_on_commit():
        response = client.post(
            link(conf, ann), {"action": "sessions", "sessions": [str(afternoon.pk)]}
        )
    assert response.status_code == 409
    assert (
        "is full and has no waiting list"
        in soup(response).select_one("[role=alert]").get_text()
    )
    assert dict(
        Registration.objects.filter(parent=ann).values_list("page_id", "status")
    ) == {morning.pk: S.CONFIRMED}
    assert mail.outbox == []


@pytest.mark.parametrize(
    "value",
    ["", "nonsense", "2020-01-01T18:00:00+00:00", "<script>alert(1)</script>", "\x00"],
)
def test_bad_dates_are_refused(client, dated, value):
    page, ann = dated
    before = ann.occurrence_key
    response = client.post(link(page, ann), {"action": "date", "occurrence": value})
    assert response.status_code == 409
    assert soup(response).select_one("[role=alert]").get_text(strip=True)
    assert "<script>alert" not in response.content.decode()
    ann.refresh_from_db()
    assert ann.occurrence_key == before


def test_a_past_date_is_refused(client, dated):
    page, ann = dated
    first, second, _third = dates_of(page)
    Occurrence.objects.filter(pk=second.pk).update(
        start=timezone.now() - datetime.timedelta(hours=3),
        end=timezone.now() - datetime.timedelta(hours=1),
    )
    response = client.post(
        link(page, ann), {"action": "date", "occurrence": keys.occurrence_key(second)}
    )
    assert response.status_code == 409
    assert "This date has passed" in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"action": "answers", "name": ""},
        {"action": "answers", "name": "Ann\x07"},
        {"action": "answers", "name": "A" * 500},
    ],
)
def test_bad_answers_are_refused(client, dated, data):
    page, ann = dated
    response = client.post(link(page, ann), data)
    assert response.status_code == 400
    assert soup(response).select_one(".we-error-summary") is not None
    ann.refresh_from_db()
    assert ann.name == "Ann"


def test_after_registration_closed_nothing_changes(client, dated, run_on_commit):
    page, ann = dated
    form = page.registration_form
    form.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    form.save()
    html = soup(client.get(link(page, ann)))
    assert html.select_one("input[name=action][value=answers]") is None
    assert html.select_one("button[value=cancel]") is not None  # still possible
    mail.outbox.clear()
    with run_on_commit():
        response = client.post(link(page, ann), {"action": "answers", "name": "Zed"})
    assert response.status_code == 409
    assert "no longer possible" in response.content.decode()
    ann.refresh_from_db()
    assert ann.name == "Ann"
    assert mail.outbox == []


def test_an_unknown_action(client, dated):
    page, ann = dated
    response = client.post(link(page, ann), {"action": "<b>steal</b>"})
    assert response.status_code == 400
    assert "<b>steal" not in response.content.decode()


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_not_allowed(client, dated, method):
    page, ann = dated
    response = getattr(client, method)(link(page, ann))
    assert response.status_code == 405
    ann.refresh_from_db()
    assert ann.status == S.CONFIRMED


@pytest.mark.parametrize("route", ["registration", "cancel"])
def test_a_token_of_another_event_is_not_found(client, dated, conference, route):
    page, ann = dated
    conf, _morning, _afternoon, other = conference
    for method in ("get", "post"):
        response = getattr(client, method)(
            link(page, other, route), {"action": "cancel"}
        )
        assert response.status_code == 404
    # Nor is the token of a session chosen with a conference, on its page.
    session = Registration.objects.get(parent=other)
    assert client.get(link(session.page, session, route)).status_code == 404
    other.refresh_from_db()
    assert other.status == S.CONFIRMED


@pytest.mark.parametrize("token", ["nonsense", "x" * 500, "a-b", "%00"])
def test_bad_tokens_are_not_found(client, dated, token):
    page, _ann = dated
    response = client.get(page.url + f"registration/{token}/")
    assert response.status_code == 404


def test_a_post_without_the_csrf_token_is_refused(dated):
    page, ann = dated
    response = Client(enforce_csrf_checks=True).post(
        link(page, ann), {"action": "answers", "name": "Zed"}
    )
    assert response.status_code == 403
    ann.refresh_from_db()
    assert ann.name == "Ann"


def test_the_changed_email_speaks_the_registrants_language(dated, run_on_commit):
    page, ann = dated
    Registration.objects.filter(pk=ann.pk).update(language="nl")
    ann.refresh_from_db()
    mail.outbox.clear()
    with run_on_commit():
        amend.update_answers(ann, name="Ann Peeters", answers={})
    (message,) = mail.outbox
    assert message.extra_headers["Content-Language"] == "nl"


def _page_with_sessions(sessions):
    """The registrant's page of a conference registration with ``sessions``
    sessions chosen (in consecutive hours)."""
    conf = factories.conference(
        factories.event_index(),
        start=day_at(8),
        end=day_at(18),
        registration_form=factories.registration_form(),
    )
    workshops = [
        factories.workshop(
            conf,
            day_at(9 + i),
            day_at(10 + i),
            title=f"Workshop {i}",
            registration_form=factories.registration_form(capacity=1),
        )
        for i in range(sessions)
    ]
    ann = writer.register(
        conf,
        conf.registration_form,
        name="Ann",
        email="ann@example.org",
        sessions=[str(w.pk) for w in workshops],
    ).registration
    return link(conf, ann)


def test_the_page_reads_as_many_queries_whatever_the_sessions(client):
    counted = []
    for sessions in (1, 4):
        url = _page_with_sessions(sessions)
        client.get(url)  # the site's caches, warm
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert len(soup(response).select(".we-registration__session")) == sessions
        counted.append(len(queries))
    assert counted[0] == counted[1], counted
