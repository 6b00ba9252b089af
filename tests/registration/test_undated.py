"""Registrations for an event whose date is to be announced: it has not
happened yet, so retention does not erase them, erasing one frees its place,
and the admin's dates read nothing that is not there."""

import datetime

import pytest

from tests import factories
from wagtail_events.models import RegistrationStatus
from wagtail_events.registration import privacy, writer
from wagtail_events.registration.admin.common import local_end


pytestmark = pytest.mark.django_db

S = RegistrationStatus
NOW = factories.local(2026, 1, 5, 12)


@pytest.fixture
def undated(index):
    return factories.undated_conference(
        index,
        registration_form=factories.registration_form(capacity=1, waiting_list=True),
    )


def register(page, email):
    return writer.register(
        page, page.registration_form, name="Someone", email=email, now=NOW
    ).registration


def test_retention_keeps_the_registrations_of_an_event_not_yet_dated(undated):
    ann = register(undated, "ann@example.org")
    far = NOW + datetime.timedelta(days=4000)
    assert privacy.erase_expired(now=far) == 0
    ann.refresh_from_db()
    assert (ann.email, ann.erased_at) == ("ann@example.org", None)


def test_erasing_a_place_of_an_event_not_yet_dated_gives_it_to_the_next(undated):
    ann = register(undated, "ann@example.org")
    bob = register(undated, "bob@example.org")
    assert (ann.status, bob.status) == (S.CONFIRMED, S.WAITING)
    privacy.erase(ann, now=NOW)
    ann.refresh_from_db()
    bob.refresh_from_db()
    assert (ann.status, bob.status) == (S.CANCELLED, S.CONFIRMED)


def test_the_end_of_an_event_not_yet_dated_is_unknown(undated):
    assert local_end(undated, "") is None
    assert local_end(undated, "2026-01-05T09:00:00+01:00") is None
