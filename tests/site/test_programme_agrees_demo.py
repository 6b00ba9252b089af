"""Every conference of the demo content: its page, calendar.ics, schedule.json,
schedule.xml and JSON-LD agree entry by entry (``tests.exchange.agreement``), in
every language it is published in."""

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Site

from tests.exchange.agreement import assert_outputs_agree
from wagtail_events.models import ConferencePage


# With the other demo-content tests on one pytest-xdist worker (test_demo_content).
pytestmark = pytest.mark.xdist_group("demo_content")


@pytest.fixture(scope="module")
def _loaded_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", verbosity=0)
        yield
        transaction.set_rollback(True)
    Site.clear_site_root_paths_cache()


@pytest.fixture
def demo(_loaded_once, db):
    yield
    Site.clear_site_root_paths_cache()


def test_every_demo_conference_agrees_in_every_output(demo, client):
    conferences = list(ConferencePage.objects.live().order_by("path"))
    assert len(conferences) >= 4
    checked = {}
    for conference in conferences:
        out = assert_outputs_agree(client, conference)
        checked[conference.slug] = len(out["slots"])
    # Mechelen's programme, in English and Dutch, has its plenaries and runs.
    assert checked["local-government-approaches-to-diversity"] > 10
    assert (
        checked["lokale-besturen-en-hun-aanpak-van-diversiteit"]
        == checked["local-government-approaches-to-diversity"]
    )
