"""A database that waited in vain for its lock (SQLite's "database is locked"
under many writers) answers 503 and "please try again", never a server error;
nothing is saved. Any other database error stays an error."""

import psycopg
import pytest
from django.db import OperationalError
from django.utils import timezone

from tests import factories
from wagtail_events.models import Registration
from wagtail_events.registration import busy, writer


YEAR = timezone.now().year + 2


@pytest.fixture
def event(index):
    form = factories.registration_form(capacity=5, waiting_list=True)
    return factories.conference(
        index,
        start=factories.local(YEAR, 4, 19, 8, 15),
        end=factories.local(YEAR, 4, 19, 18),
        registration_form=form,
    )


def post(client, page):
    return client.post(
        page.url + "register/",
        {"name": "Ada", "email": "ada@example.org", "privacy_accepted": "on"},
    )


def test_a_locked_database_asks_to_try_again(client, event, monkeypatch):
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(writer, "register", locked)
    response = post(client, event)
    assert response.status_code == 503
    assert response["Retry-After"] == str(busy.RETRY_AFTER_SECONDS)
    assert response["Cache-Control"].startswith("max-age=0")
    text = response.content.decode()
    assert "Too many people are registering at this moment; please try again." in text
    assert not Registration.objects.exists()


def test_another_database_error_is_not_hidden(client, event, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(writer, "register", broken)
    with pytest.raises(OperationalError):
        post(client, event)


def test_what_counts_as_busy():
    assert busy.is_busy(OperationalError("database is locked"))
    assert busy.is_busy(OperationalError("database table is locked"))
    lock_timeout = OperationalError("canceling statement due to lock timeout")
    lock_timeout.__cause__ = psycopg.errors.LockNotAvailable()
    assert busy.is_busy(lock_timeout)
    assert not busy.is_busy(OperationalError("no such table: x"))
    assert not busy.is_busy(ValueError("database is locked"))
