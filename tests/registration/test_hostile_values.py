"""What a visitor and an editor may type: fields of one line refuse line breaks
and control characters; a choice listed or ticked twice is one choice, stored
and counted once (also in answers saved before)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests import factories
from wagtail_events.models import Registration, RegistrationFormField
from wagtail_events.registration import keys
from wagtail_events.registration.admin.summary import (
    accessibility_summary,
    choice_summary,
)


pytestmark = pytest.mark.django_db

YEAR = timezone.now().year + 2


@pytest.fixture
def event(index):
    form = factories.registration_form(
        questions=[
            factories.question("Organisation"),
            factories.question("Comments", "multiline", required=False),
            factories.question(
                "Lunch", "checkboxes", required=False, choices="Fish\nVegetarian"
            ),
        ]
    )
    return factories.conference(
        index,
        start=factories.local(YEAR, 4, 19, 8, 15),
        end=factories.local(YEAR, 4, 19, 18),
        registration_form=form,
    )


def post(client, page, **overrides):
    data = {
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "q_organisation": "City of Mechelen",
        "q_comments": "",
        "accessibility_needs": [],
        "accessibility_details": "",
        "privacy_accepted": "on",
        "website": "",
    }
    data.update(overrides)
    return client.post(page.url + "register/", data)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Ada\r\nBcc: all@example.org"),
        ("name", "Ada\x1b[31m"),
        ("q_organisation", "City\nof Mechelen"),
        ("q_organisation", "City\x07"),
        ("email", "ada@example.org\nBcc: x@example.org"),
        ("q_comments", "Fine\x1b"),
        ("accessibility_details", "x\x0by"),
    ],
)
def test_control_characters_are_refused(client, event, field, value):
    response = post(client, event, **{field: value})
    assert response.status_code in (200, 400)
    assert not Registration.objects.exists()
    errors = response.context["form"].errors
    assert field in errors


def test_several_lines_keep_their_line_breaks(client, event):
    post(client, event, q_comments="First line\r\n\tSecond line")
    answers = Registration.objects.get().answers
    assert "Second line" in answers["comments"]


def test_a_choice_listed_twice_is_refused_in_the_editor():
    field = RegistrationFormField(
        label="Needs", field_type="checkboxes", choices="Wheelchair\nWheelchair\nLoop"
    )
    with pytest.raises(ValidationError) as error:
        field.clean()
    assert "Wheelchair" in str(error.value.message_dict["choices"])
    RegistrationFormField(
        label="Needs", field_type="checkboxes", choices="A, B"
    ).clean()


def test_a_choice_ticked_twice_is_stored_once(client, event):
    post(
        client,
        event,
        q_lunch=["Fish", "Fish"],
        accessibility_needs=["wheelchair", "wheelchair"],
    )
    registration = Registration.objects.get()
    assert registration.answers["lunch"] == ["Fish"]
    assert registration.accessibility_needs == ["wheelchair"]


def test_repeats_saved_before_count_once(event):
    form = event.registration_form
    RegistrationFormField.objects.filter(form=form, clean_name="lunch").update(
        choices="Fish\nFish\nVegetarian"
    )
    factories.registration(
        event,
        answers={"lunch": ["Fish", "Fish"]},
        accessibility_needs=["wheelchair", "wheelchair"],
    )
    key = keys.event_key(event)
    needs = {row["label"]: row["count"] for row in accessibility_summary(key)["needs"]}
    assert sum(needs.values()) == 1
    (lunch,) = choice_summary(key, form)
    assert [(c["label"], c["count"]) for c in lunch["choices"]] == [
        ("Fish", 1),
        ("Vegetarian", 0),
    ]
