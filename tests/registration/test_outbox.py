"""The outbox (``registration.outbox``): every e-mail is written down as a
``Delivery`` before it goes, sent by the task ``deliver_message``, retried when
the mail server fails, and ends sent, failed or not sent: nothing is lost and
nothing is sent twice. And the registrant's link, derived rather than stored
(``keys.link_token``)."""

import datetime
import smtplib
import threading

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection
from django.utils import timezone

from tests import factories
from tests.registration.test_register import make_event, reg
from wagtail_events.models import Delivery, DeliveryStatus, Registration
from wagtail_events.registration import errors, keys, outbox, privacy


D = DeliveryStatus
BACKEND = "tests.registration.test_outbox.FailingBackend"


class FailingBackend(EmailBackend):
    """A mail server that refuses the next ``failures`` sends, then takes them
    (into ``mail.outbox``, as Django's test backend does)."""

    failures = 0
    during_send = None

    def send_messages(self, messages):
        if FailingBackend.during_send is not None:
            FailingBackend.during_send()
        if FailingBackend.failures > 0:
            FailingBackend.failures -= 1
            raise smtplib.SMTPException("451 4.3.0 Mail server busy, try later")
        return super().send_messages(messages)


@pytest.fixture
def mail_server(settings):
    """Use ``FailingBackend``: ``mail_server(failures)`` sets how many sends fail."""
    # Django 6.1 configures mail with MAILERS (the test runner sets it to the
    # memory backend); earlier versions with EMAIL_BACKEND.
    if hasattr(settings, "MAILERS"):
        settings.MAILERS = {"default": {"BACKEND": BACKEND}}
    else:
        settings.EMAIL_BACKEND = BACKEND

    def failing(failures):
        FailingBackend.failures = failures

    yield failing
    FailingBackend.failures = 0
    FailingBackend.during_send = None


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    def block():
        return django_capture_on_commit_callbacks(execute=True)

    return block


@pytest.fixture
def person(db):
    page = make_event(factories.registration_form())
    return factories.registration(page, email="ada@example.org", name="Ada")


def queue(run_on_commit, registration, kind="confirmation", **kwargs):
    with run_on_commit():
        delivery = outbox.queue(kind, registration, **kwargs)
    delivery.refresh_from_db()
    return delivery


def make_due(delivery):
    """Move the next attempt to now, as if the wait had passed."""
    Delivery.objects.filter(pk=delivery.pk, status=D.RETRYING).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )


def fresh(delivery):
    return Delivery.objects.get(pk=delivery.pk)


# A failing mail server --------------------------------------------------------


def test_a_failing_mail_server_is_tried_again_until_the_mail_goes(
    person, mail_server, run_on_commit
):
    mail_server(failures=2)
    before = timezone.now()
    delivery = queue(run_on_commit, person)
    assert delivery.status == D.RETRYING
    assert delivery.attempts == 1
    assert "451" in delivery.last_error and "SMTPException" in delivery.last_error
    # The first wait: a minute.
    wait = delivery.next_attempt_at - before
    assert datetime.timedelta(seconds=55) < wait < datetime.timedelta(seconds=70)
    assert delivery.subject.startswith("Registration confirmed")
    assert mail.outbox == []

    # Not due yet: nothing happens.
    assert outbox.retry_due() == 0
    assert outbox.deliver(delivery.pk) == D.RETRYING
    assert fresh(delivery).attempts == 1

    # Due (the time advanced with ``now=``): the second attempt fails too, and
    # waits ten minutes.
    later = delivery.next_attempt_at + datetime.timedelta(seconds=1)
    assert outbox.deliver(delivery.pk, now=later) == D.RETRYING
    second = fresh(delivery)
    assert second.attempts == 2
    assert second.next_attempt_at == later + datetime.timedelta(minutes=10)

    # The third goes, through ``send_due_messages``.
    make_due(second)
    assert outbox.retry_due() == 1
    sent = fresh(delivery)
    assert sent.status == D.SENT
    assert sent.attempts == 3
    assert sent.sent_at is not None and sent.next_attempt_at is None
    assert [m.to for m in mail.outbox] == [["Ada <ada@example.org>"]]


def test_after_the_last_attempt_it_is_marked_failed_with_its_error(
    person, mail_server, run_on_commit, settings
):
    settings.WAGTAIL_EVENTS_DELIVERY_ATTEMPTS = 3
    mail_server(failures=100)
    delivery = queue(run_on_commit, person)
    for _attempt in range(5):
        make_due(delivery)
        outbox.retry_due()
    failed = fresh(delivery)
    assert failed.status == D.FAILED
    assert failed.attempts == 3
    assert failed.next_attempt_at is None
    assert "Mail server busy" in failed.last_error
    assert mail.outbox == []
    # A failed e-mail is not tried again by itself.
    assert outbox.retry_due() == 0
    assert outbox.deliver(delivery.pk) == D.FAILED
    assert fresh(delivery).attempts == 3


def test_the_default_is_five_attempts_with_growing_waits(
    person, mail_server, run_on_commit
):
    mail_server(failures=100)
    start = timezone.now()
    delivery = queue(run_on_commit, person, kind="cancelled")
    waits = []
    now = start
    while fresh(delivery).status == D.RETRYING:
        row = fresh(delivery)
        waits.append(row.next_attempt_at - now)
        now = row.next_attempt_at
        outbox.deliver(delivery.pk, now=now)
    assert fresh(delivery).status == D.FAILED
    assert fresh(delivery).attempts == 5
    minute = datetime.timedelta(minutes=1)
    assert [round(w / minute) for w in waits] == [1, 10, 60, 360]


def test_nothing_is_lost(db, mail_server, run_on_commit, settings):
    """Whatever the mail server does, every e-mail ends sent or failed, and the
    log says which."""
    settings.WAGTAIL_EVENTS_DELIVERY_ATTEMPTS = 2
    page = make_event(factories.registration_form())
    people = [factories.registration(page, email=f"p{n}@example.org") for n in range(6)]
    # Every first attempt fails, and the second of the first three: three sent,
    # three failed.
    mail_server(failures=9)
    deliveries = [queue(run_on_commit, p) for p in people]
    for _round in range(3):
        for delivery in Delivery.objects.filter(status=D.RETRYING):
            make_due(delivery)
        outbox.retry_due()
    statuses = dict(Delivery.objects.values_list("pk", "status"))
    assert set(statuses) == {d.pk for d in deliveries}
    assert set(statuses.values()) <= {D.SENT, D.FAILED}
    sent_to = sorted(m.to[0] for m in mail.outbox)
    assert len(sent_to) == len(set(sent_to)) == list(statuses.values()).count(D.SENT)
    assert sorted(statuses.values()) == [D.FAILED] * 3 + [D.SENT] * 3


def test_a_builder_that_fails_marks_it_failed_at_once(person, run_on_commit):
    outbox.register_builder("broken_for_test", lambda delivery: 1 / 0)
    try:
        delivery = queue(run_on_commit, person, kind="broken_for_test")
    finally:
        outbox._BUILDERS.pop("broken_for_test")
    assert delivery.status == D.FAILED
    assert delivery.attempts == 1
    assert "ZeroDivisionError" in delivery.last_error
    assert mail.outbox == []


def test_an_unknown_kind_is_refused_before_anything_is_written(person):
    with pytest.raises(LookupError):
        outbox.queue("no_such_kind", person)
    assert not Delivery.objects.exists()


# Nothing sent twice -------------------------------------------------------------


def test_a_sent_delivery_is_never_sent_again(person, mail_server, run_on_commit):
    delivery = queue(run_on_commit, person)
    assert delivery.status == D.SENT
    assert len(mail.outbox) == 1
    # Whoever asks again: the task again, the periodic run, the organiser.
    assert outbox.deliver(delivery.pk) == D.SENT
    assert outbox.deliver(delivery.pk, now=timezone.now() + datetime.timedelta(1)) == (
        D.SENT
    )
    assert outbox.retry_due(now=timezone.now() + datetime.timedelta(days=1)) == 0
    with run_on_commit():
        assert outbox.send_again(delivery) is False
    assert len(mail.outbox) == 1
    assert fresh(delivery).attempts == 1


def test_a_second_worker_does_not_send_what_the_first_is_sending(
    person, mail_server, run_on_commit
):
    """While the first worker talks to the mail server, a second one is handed
    the same delivery: it finds it claimed and leaves it."""
    seen = []

    def second_worker():
        FailingBackend.during_send = None
        seen.append(outbox.deliver(delivery_id))

    delivery_id = None
    with run_on_commit():
        delivery = outbox.queue("confirmation", person)
        delivery_id = delivery.pk
        FailingBackend.during_send = second_worker
    assert seen == [D.SENDING]
    assert fresh(delivery).status == D.SENT
    assert len(mail.outbox) == 1


def test_only_one_claim_wins(person):
    delivery = Delivery.objects.create(kind="confirmation", registration=person)
    now = timezone.now()
    assert outbox._claim(delivery.pk, now) is True
    assert outbox._claim(delivery.pk, now) is False
    assert fresh(delivery).attempts == 1


def test_a_key_writes_the_e_mail_once(person, mail_server, run_on_commit):
    first = queue(run_on_commit, person, key="reminder:1:7d")
    again = queue(run_on_commit, person, key="reminder:1:7d")
    assert first.pk == again.pk
    assert Delivery.objects.count() == 1
    assert len(mail.outbox) == 1
    other = queue(run_on_commit, person, key="reminder:1:1d")
    assert other.pk != first.pk
    assert len(mail.outbox) == 2


def test_a_key_written_by_another_worker_meanwhile_is_not_doubled(
    person, monkeypatch, run_on_commit
):
    """Between looking the key up and writing it, another worker wrote it: the
    unique key refuses the second row, and the first is returned."""
    theirs = Delivery.objects.create(
        kind="confirmation", registration=person, key="k", status=D.SENT
    )
    real_filter = Delivery.objects.filter
    calls = []

    def filter_missing_once(*args, **kwargs):
        if kwargs == {"key": "k"} and not calls:
            calls.append(1)
            return Delivery.objects.none()
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(Delivery.objects, "filter", filter_missing_once)
    with run_on_commit():
        mine = outbox.queue("confirmation", person, key="k")
    assert mine.pk == theirs.pk
    assert real_filter(key="k").count() == 1
    assert mail.outbox == []


def test_a_delivery_left_being_sent_is_marked_failed_not_sent_again(
    person, mail_server
):
    """A worker stopped while sending: the e-mail may have gone. It is marked
    failed (the organiser may send it again), never sent again by itself."""
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    delivery = Delivery.objects.create(kind="confirmation", registration=person)
    Delivery.objects.filter(pk=delivery.pk).update(
        status=D.SENDING, attempts=1, updated_at=long_ago
    )
    recent = Delivery.objects.create(kind="confirmation", registration=person)
    Delivery.objects.filter(pk=recent.pk).update(status=D.SENDING, attempts=1)
    assert outbox.retry_due() == 0
    stale = fresh(delivery)
    assert stale.status == D.FAILED
    assert "stopped while sending" in stale.last_error
    # One being sent right now is left alone.
    assert fresh(recent).status == D.SENDING
    assert outbox.deliver(delivery.pk) == D.FAILED
    assert mail.outbox == []


def test_a_late_outcome_does_not_overwrite_a_newer_attempt(person, mail_server):
    """A slow attempt marked failed as stale, sent again by the organiser and
    sent: the slow one finishing later changes nothing."""
    delivery = Delivery.objects.create(kind="confirmation", registration=person)
    assert outbox._claim(delivery.pk, timezone.now())
    slow = fresh(delivery)
    Delivery.objects.filter(pk=delivery.pk).update(status=D.FAILED)
    outbox.send_again(slow)
    assert outbox.deliver(delivery.pk) == D.SENT
    outbox._failed_attempt(slow, smtplib.SMTPException("late"), timezone.now(), "x")
    assert fresh(delivery).status == D.SENT
    assert fresh(delivery).last_error == ""


def test_a_lost_task_is_handed_over_again(person, mail_server, monkeypatch):
    """The task queue refused the delivery: it stays queued, and the periodic run
    hands it over again once it has waited a while."""

    def refuse(delivery_id):
        raise ConnectionError("the task queue is down")

    monkeypatch.setattr(outbox, "_enqueue", refuse)
    delivery = Delivery.objects.create(kind="confirmation", registration=person)
    outbox._hand_over(delivery.pk)
    assert fresh(delivery).status == D.QUEUED
    monkeypatch.undo()
    assert outbox.retry_due() == 0  # just queued: the task may still come
    later = timezone.now() + outbox.STALE_AFTER + datetime.timedelta(minutes=1)
    assert outbox.retry_due(now=later) == 1
    assert fresh(delivery).status == D.SENT
    assert len(mail.outbox) == 1


def test_a_busy_worker_is_not_handed_the_same_delivery_every_run(person, monkeypatch):
    """A worker far behind: each run of ``send_due_messages`` minutes apart hands
    a delivery that waits over once, not once more per run."""
    handed = []
    monkeypatch.setattr(outbox, "_enqueue", handed.append)
    delivery = Delivery.objects.create(kind="confirmation", registration=person)
    start = timezone.now() + outbox.STALE_AFTER + datetime.timedelta(minutes=1)
    for minutes in (0, 5, 10):
        outbox.retry_due(now=start + datetime.timedelta(minutes=minutes))
    assert handed == [delivery.pk]
    # Still not picked up a while later: handed over once more.
    outbox.retry_due(now=start + outbox.STALE_AFTER + datetime.timedelta(minutes=1))
    assert handed == [delivery.pk, delivery.pk]
    assert fresh(delivery).status == D.QUEUED


def test_send_again_sends_a_failed_one_once(
    person, mail_server, run_on_commit, settings
):
    settings.WAGTAIL_EVENTS_DELIVERY_ATTEMPTS = 1
    mail_server(failures=1)
    delivery = queue(run_on_commit, person)
    assert delivery.status == D.FAILED
    with run_on_commit():
        assert outbox.send_again(delivery) is True
    again = fresh(delivery)
    assert again.status == D.SENT
    assert again.attempts == 1
    assert len(mail.outbox) == 1
    with run_on_commit():
        assert outbox.send_again(again) is False
    assert len(mail.outbox) == 1


# Who gets nothing ---------------------------------------------------------------


def test_an_erased_registration_gets_nothing(person, mail_server, run_on_commit):
    privacy.erase(person)
    delivery = queue(run_on_commit, person)
    assert delivery.status == D.SKIPPED
    assert mail.outbox == []
    # Sending it again changes nothing: there is nobody to send it to.
    with run_on_commit():
        assert outbox.send_again(delivery) is True
    assert fresh(delivery).status == D.SKIPPED
    assert mail.outbox == []


def test_a_registration_whose_page_is_gone_gets_nothing(
    person, mail_server, run_on_commit
):
    # Every page of the event deleted: nothing to write about.
    person.page.delete()
    person.refresh_from_db()
    assert person.page_id is None
    assert queue(run_on_commit, person).status == D.SKIPPED
    assert mail.outbox == []


def test_a_registration_through_a_deleted_translation_hears_through_another(
    person, mail_server, run_on_commit
):
    # Registered through a translation deleted since (its page is emptied):
    # the e-mail speaks of the event's page that is left.
    Registration.objects.filter(pk=person.pk).update(page=None, language="nl")
    person.refresh_from_db()
    assert queue(run_on_commit, person).status == D.SENT
    (message,) = mail.outbox
    # In the registrant's language, about the page left; the row stays as is.
    assert message.subject.startswith("Inschrijving bevestigd: ")
    assert Registration.objects.get(pk=person.pk).page_id is None


# The registration e-mails go through the outbox ---------------------------------


def test_registering_writes_the_e_mail_down_and_sends_it(
    db, mail_server, run_on_commit
):
    form = factories.registration_form(capacity=1, waiting_list=True)
    page = make_event(form)
    with run_on_commit():
        first = reg(page, form, email="ann@example.org")
    with run_on_commit():
        reg(page, form, email="bob@example.org")
    rows = list(
        Delivery.objects.order_by("pk").values_list(
            "kind", "registration", "status", "event_key", "to", "subject"
        )
    )
    assert [row[:4] for row in rows] == [
        ("confirmation", first.registration.pk, D.SENT, page.translation_key),
        (
            "confirmation",
            Registration.objects.get(email="bob@example.org").pk,
            D.SENT,
            page.translation_key,
        ),
    ]
    # The address is read from the registration when sending, not copied.
    assert [row[4] for row in rows] == ["", ""]
    assert rows[1][5].startswith("On the waiting list")
    assert len(mail.outbox) == 2


# The registrant's link ------------------------------------------------------------


def test_the_link_is_the_same_in_every_e_mail(db, mail_server, run_on_commit):
    form = factories.registration_form()
    page = make_event(form)
    with run_on_commit():
        outcome = reg(page, form, email="ann@example.org")
    registration = outcome.registration
    with run_on_commit():
        outbox.queue("already_registered", registration)
        outbox.queue("cancelled_by_organiser", registration)
    token = keys.link_token(registration)
    assert outcome.token == token
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        assert f"/registration/{token}/" in message.body
    assert keys.find_by_token(token).pk == registration.pk


def test_a_random_token_of_an_older_registration_still_works(person):
    token = keys.new_token()
    Registration.objects.filter(pk=person.pk).update(
        cancellation_token_hash=keys.hash_token(token)
    )
    assert keys.find_by_token(token).pk == person.pk


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-1] + ("0" if t[-1] != "0" else "1"),
        lambda t: "f" * 32 + t[32:],
        lambda t: t.split("-")[0],
        lambda t: t + "-x",
        lambda t: t.replace("-", ""),
        lambda t: "",
        lambda t: "a" * 129,
        lambda t: "../" + t,
        lambda t: "zz" * 16 + t[32:],
        lambda t: t.upper(),
    ],
)
def test_a_tampered_token_is_refused(person, tamper):
    with pytest.raises(errors.InvalidToken):
        keys.find_by_token(tamper(keys.link_token(person)))


def test_the_token_of_someone_else_is_not_theirs(person):
    other = factories.registration(person.page, email="bob@example.org")
    mac = keys.link_token(person).split("-")[1]
    with pytest.raises(errors.InvalidToken):
        keys.find_by_token(f"{other.public_id.hex}-{mac}")


def test_an_erased_registrations_link_is_refused(person):
    token = keys.link_token(person)
    privacy.erase(person)
    with pytest.raises(errors.InvalidToken):
        keys.find_by_token(token)


def test_a_link_made_with_a_rotated_key_still_works(person, settings):
    settings.SECRET_KEY = "the-old-key-" + "x" * 40
    token = keys.link_token(person)
    settings.SECRET_KEY = "the-new-key-" + "y" * 40
    settings.SECRET_KEY_FALLBACKS = ["the-old-key-" + "x" * 40]
    assert keys.find_by_token(token).pk == person.pk
    # Once the old key is dropped from the fallbacks, its links stop working.
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(errors.InvalidToken):
        keys.find_by_token(token)
    # New e-mails carry the new key's token.
    assert keys.link_token(person) != token
    assert keys.find_by_token(keys.link_token(person)).pk == person.pk


# Personal data ------------------------------------------------------------------


def personal_delivery(registration, **fields):
    fields.setdefault("status", D.FAILED)
    return Delivery.objects.create(
        kind="confirmation",
        registration=registration,
        to="Ada <ada@example.org>",
        params={"name": "Ada"},
        last_error="SMTPRecipientsRefused: {'ada@example.org': (550, b'no')}",
        subject="Registration confirmed: Workshop",
        **fields,
    )


def blanked(delivery):
    row = fresh(delivery)
    return (row.to, row.params, row.last_error, row.subject, row.status)


# The subject goes too: an organiser's message may hold the name ({name}).
KEPT = ("", {}, "", "", D.FAILED)


def test_erasing_a_registration_blanks_its_e_mails(person):
    session = factories.registration(person.page, parent=person, email="")
    mine, of_session = personal_delivery(person), personal_delivery(session)
    other = personal_delivery(
        factories.registration(person.page, email="bob@example.org")
    )
    privacy.erase(person)
    assert blanked(mine) == KEPT
    assert blanked(of_session) == KEPT
    assert fresh(other).to == "Ada <ada@example.org>"


def test_erasing_an_address_blanks_its_e_mails(person):
    delivery = personal_delivery(person)
    privacy.erase_address("ADA@example.org")
    assert blanked(delivery) == KEPT


def test_retention_blanks_the_e_mails_of_erased_registrations(person, settings):
    settings.WAGTAIL_EVENTS_REGISTRATION_RETENTION_DAYS = 30
    expired = personal_delivery(person)
    # Erased before, its e-mail still holding the address (written meanwhile).
    earlier = factories.registration(person.page, email="bob@example.org")
    Registration.objects.filter(pk=earlier.pk).update(erased_at=timezone.now())
    left = personal_delivery(earlier)
    # An event ahead: kept.
    ahead = make_event(factories.registration_form())
    ahead.start = timezone.now() + datetime.timedelta(days=10)
    ahead.end = ahead.start + datetime.timedelta(hours=1)
    ahead.save()
    kept = personal_delivery(factories.registration(ahead, email="cy@example.org"))
    assert privacy.erase_expired() == 1
    assert blanked(expired) == KEPT
    assert blanked(left) == KEPT
    assert fresh(kept).to == "Ada <ada@example.org>"


def test_a_deleted_registration_leaves_no_address_in_its_e_mails(person):
    delivery = personal_delivery(person)
    Registration.objects.filter(pk=person.pk).delete()
    row = fresh(delivery)
    assert row.registration_id is None
    assert blanked(delivery) == KEPT


# Two workers at once, on PostgreSQL -----------------------------------------------


@pytest.mark.postgres
# serialized_rollback: the flush of a transactional test removes the site tree
# (the default locale, the root page) that the tests after it need.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_send_it_once(mail_server):
    assert connection.vendor == "postgresql", "needs PostgreSQL (DATABASE_URL)"
    page = make_event(factories.registration_form())
    person = factories.registration(page, email="ada@example.org")
    delivery = Delivery.objects.create(kind="confirmation", registration=person)
    workers = 2
    barrier = threading.Barrier(workers)
    results = []

    def work():
        try:
            barrier.wait(timeout=10)
            results.append(outbox.deliver(delivery.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert D.SENT in results
    assert len(results) == workers
    assert len(mail.outbox) == 1
    assert fresh(delivery).attempts == 1
