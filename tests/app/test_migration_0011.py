"""Migration 0011 (the editor's way) on a site that already has content: one
capacity. A workshop's old “maximum number of participants” becomes its
registration form's places when the form has none (in every language of the
form), and is dropped where the form has its own places."""

import pytest

from tests import factories as f
from tests.migrating import latest, migrate
from wagtail_events.models import RegistrationForm


BEFORE = ("wagtail_events", "0010_announcement_facts")


# Data migrations are the same code on both stacks; their tests run on the
# newest, with both databases (noxfile: `once`).
pytestmark = pytest.mark.once


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_workshop_places_move_to_the_form_that_has_none():
    index = f.event_index()
    conference = f.conference(index)
    dutch = f.locale("nl")
    open_form = f.registration_form(title="Open")
    open_form_nl = open_form.copy_for_translation(dutch)
    open_form_nl.save()
    limited = f.registration_form(title="Limited", capacity=8)
    start, end = f.local(2024, 4, 19, 9), f.local(2024, 4, 19, 10)
    first = f.workshop(conference, start, end, registration_form=open_form)
    second = f.workshop(conference, start, end, registration_form=limited)
    without_form = f.workshop(conference, start, end)
    try:
        old = migrate([BEFORE])
        workshops = old.get_model("wagtail_events", "WorkshopPage").objects
        workshops.filter(pk=first.pk).update(max_participants=20)
        workshops.filter(pk=second.pk).update(max_participants=30)
        workshops.filter(pk=without_form.pk).update(max_participants=40)
    finally:
        migrate(latest())

    assert RegistrationForm.objects.get(pk=open_form.pk).capacity == 20
    assert RegistrationForm.objects.get(pk=open_form_nl.pk).capacity == 20
    assert RegistrationForm.objects.get(pk=limited.pk).capacity == 8
