"""A session of a conference cannot repeat: the programme and the schedule show a
session at its start and its further runs, so a rule would only reach the
calendar file. A panel on its own may."""

import pytest
from django.urls import reverse
from recurrence import WEEKLY, Recurrence, Rule
from wagtail.models import Page

from tests import factories as f
from wagtail_events.editing import validation
from wagtail_events.models import PanelPage


pytestmark = pytest.mark.django_db


def at(hour, minute=0, day=19):
    return f.local(2024, 4, day, hour, minute)


def test_validate_event_refuses_a_repeating_session_in_a_conference():
    conference = f.conference(end=at(18, day=26))
    data = {
        "start": at(9),
        "end": at(10),
        "recurrence": Recurrence(rrules=[Rule(WEEKLY)]),
    }
    errors = validation.validate_event(PanelPage(), data, conference)
    assert [field for field, _message in errors] == ["recurrence"]
    assert "further runs" in str(errors[0][1])
    # Outside a conference a panel may repeat; without a rule nothing is said.
    assert validation.validate_event(PanelPage(), data, None) == []
    assert (
        validation.validate_event(PanelPage(), {**data, "recurrence": ""}, conference)
        == []
    )


def test_admin_refuses_a_repeating_session_in_a_conference(client, editor):
    conference = f.conference()
    url = reverse(
        "wagtailadmin_pages:add",
        args=("wagtail_events", "panelpage", conference.pk),
    )
    before = Page.objects.count()
    response = client.post(
        url, f.session_form_data(recurrence="RRULE:FREQ=WEEKLY;COUNT=3")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "cannot repeat" in " ".join(errors["recurrence"])
    assert Page.objects.count() == before
    assert not PanelPage.objects.child_of(conference).exists()
