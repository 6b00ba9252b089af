"""Migration 0016 (stable answers) on a site that already has registrations:
choice answers stored as the label the registrant read (English or Dutch)
become the choice as written in the form's original; text answers and values
that match no choice stay as they are."""

import pytest

from tests import factories as f
from tests.migrating import latest, migrate
from wagtail_events.models import Registration, RegistrationFormField


BEFORE = ("wagtail_events", "0015_reminders")


# Data migrations are the same code on both stacks; their tests run on the
# newest, with both databases (noxfile: `once`).
pytestmark = pytest.mark.once


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_translated_labels_become_the_originals_choices():
    form = f.registration_form(
        questions=[
            f.question("Your Dutch", "radio", choices="First words\nI get by"),
            f.question("Topics", "checkboxes", choices="Grammar,Reading"),
            f.question("Organisation"),
        ]
    )
    dutch = f.locale("nl")
    form_nl = form.copy_for_translation(dutch)
    form_nl.save()
    RegistrationFormField.objects.filter(form=form_nl, clean_name="your_dutch").update(
        choices="Eerste woorden\nIk red me wel"
    )
    RegistrationFormField.objects.filter(form=form_nl, clean_name="topics").update(
        choices="Grammatica,Lezen"
    )
    start, end = f.local(2024, 4, 19, 9), f.local(2024, 4, 19, 10)
    page = f.workshop(f.conference(f.event_index()), start, end, registration_form=form)
    page_nl = page.copy_for_translation(dutch, copy_parents=True)
    page_nl.registration_form = form_nl
    page_nl.save_revision().publish()
    english = f.registration(
        page, "ann@example.org", answers={"your_dutch": "I get by", "topics": []}
    )
    old_dutch = {
        "your_dutch": "Ik red me wel",
        "topics": ["Lezen", "Grammatica"],
        "organisation": "Ik red me wel",
    }
    dutch_one = f.registration(page_nl, "bram@example.org", answers=old_dutch)
    unknown = f.registration(
        page_nl, "cas@example.org", answers={"your_dutch": "Vloeiend", "gone": "x"}
    )
    orphan = f.registration(page, "dee@example.org", answers={"your_dutch": "?"})
    Registration.objects.filter(pk=orphan.pk).update(page=None)
    try:
        migrate([BEFORE])
        # Stored as before this change: the label the registrant read.
        Registration.objects.filter(pk=dutch_one.pk).update(answers=old_dutch)
    finally:
        migrate(latest())

    def answers(registration):
        return Registration.objects.get(pk=registration.pk).answers

    assert answers(english) == {"your_dutch": "I get by", "topics": []}
    assert answers(dutch_one) == {
        "your_dutch": "I get by",
        "topics": ["Reading", "Grammar"],
        # A text answer is not a choice, whatever it says.
        "organisation": "Ik red me wel",
    }
    assert answers(unknown) == {"your_dutch": "Vloeiend", "gone": "x"}
    assert answers(orphan) == {"your_dutch": "?"}
