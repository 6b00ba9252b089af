"""The editor's way (issue 14): one capacity, a registration form created from
the page's chooser, new sessions and programme items that start on their
conference's day, rooms of the venue in the page's language, countries from a
list, page types described in the picker, a readable registration-forms list."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import get_page_models

from tests import factories as f
from tests.editing.test_admin import add_url, edit_url, snippet_url
from wagtail_events.models import (
    PanelPage,
    RegistrationForm,
    Room,
    WorkshopPage,
)


@pytest.fixture
def venue(db):
    return f.venue(rooms=["Auditorium", "Dijlezaal", "Refter"])


@pytest.fixture
def conference(index, venue):
    return f.conference(
        index,
        title="Local government approaches to diversity",
        venue=venue,
        start=f.local(2024, 4, 19, 8, 15),
        end=f.local(2024, 4, 20, 18, 0),
    )


# One capacity


def test_workshop_has_no_places_of_its_own():
    assert "max_participants" not in {
        field.name for field in WorkshopPage._meta.get_fields()
    }


def test_the_form_field_says_its_places_are_the_limit(client, editor, conference):
    response = client.get(add_url(WorkshopPage, conference))
    help_text = str(response.context["form"].fields["registration_form"].help_text)
    assert "“Places” are the limit" in help_text


def test_workshop_without_places_is_warned(client, editor, conference):
    workshop = f.workshop(
        conference,
        f.local(2024, 4, 19, 10),
        f.local(2024, 4, 19, 11),
        title="Co-design lab",
        registration_form=f.registration_form(title="Lab form"),
    )
    data = f.session_form_data(
        "workshop",
        title="Co-design lab",
        slug=workshop.slug,
        registration_form=workshop.registration_form_id,
    )
    response = client.post(edit_url(workshop), data, follow=True)
    warnings = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("without a limit" in m and "Lab form" in m for m in warnings)

    RegistrationForm.objects.update(capacity=20)
    response = client.post(edit_url(workshop), data, follow=True)
    warnings = [str(m) for m in get_messages(response.wsgi_request)]
    assert not any("without a limit" in m for m in warnings)


# A registration form created from the page's chooser


def test_registration_form_created_from_the_chooser(client, editor):
    chooser = reverse("wagtailsnippetchoosers_wagtail_events_registrationform:choose")
    response = client.get(chooser)
    assert response.status_code == 200
    assert "Create registration form" in response.json()["html"]

    create = reverse("wagtailsnippetchoosers_wagtail_events_registrationform:create")
    response = client.post(
        create,
        {
            "title": "Workshop form",
            "privacy_notice": '{"blocks": [{"key": "a", "type": "unstyled", '
            '"text": "We keep your name.", "depth": 0, "inlineStyleRanges": [], '
            '"entityRanges": []}], "entityMap": {}}',
            "capacity": "12",
            "waiting_list": "on",
        },
    )
    assert response.status_code == 200
    assert response.json()["step"] == "chosen"
    form = RegistrationForm.objects.get(title="Workshop form")
    assert form.capacity == 12 and form.waiting_list


# New sessions and programme items start on the conference's day


def test_new_session_starts_where_its_conference_starts(client, editor, conference):
    response = client.get(add_url(PanelPage, conference))
    form = response.context["form"]
    assert form["start"].value() == f.local(2024, 4, 19, 8, 15).replace(tzinfo=None)
    assert form["end"].value() == f.local(2024, 4, 19, 9, 15).replace(tzinfo=None)
    assert form["venue"].value() == conference.venue_id
    assert form["time_zone"].value() == conference.time_zone
    html = response.content.decode()
    assert "2024-04-19 08:15" in html


def test_new_programme_item_starts_on_the_conference_day(client, editor, conference):
    f.programme_item(conference, f.local(2024, 4, 19, 12), f.local(2024, 4, 19, 13))
    response = client.get(edit_url(conference))
    formset = response.context["form"].formsets["programme_items"]
    # A saved row keeps its own time; the row the “add” button copies starts on
    # the conference's first day.
    assert formset.forms[0]["start"].value() == f.local(2024, 4, 19, 12).replace(
        tzinfo=None
    )
    empty = formset.empty_form
    assert empty["start"].value() == f.local(2024, 4, 19, 8, 15).replace(tzinfo=None)
    assert empty["end"].value() == f.local(2024, 4, 19, 8, 45).replace(tzinfo=None)


def test_session_outside_its_conference_is_told(client, editor, conference):
    data = f.session_form_data(
        start="2024-05-01 10:00", end="2024-05-01 11:00", title="Too late"
    )
    response = client.post(add_url(PanelPage, conference), data)
    assert response.status_code == 200
    assert "start" in response.context["form"].errors


# Rooms of the venue, in the page's language


def test_break_rooms_are_the_venues_in_the_pages_language(
    client, editor, conference, venue
):
    f.venue("Elsewhere", rooms=["Attic"])
    f.translate(venue, f.locale("nl"))
    f.programme_item(conference, f.local(2024, 4, 19, 12), f.local(2024, 4, 19, 13))
    response = client.get(edit_url(conference))
    formset = response.context["form"].formsets["programme_items"]
    own_rooms = set(venue.rooms.all())
    assert set(formset.forms[0].fields["room"].queryset) == own_rooms
    assert set(formset.empty_form.fields["room"].queryset) == own_rooms
    assert Room.objects.count() == 2 * len(own_rooms) + 1


def test_session_rooms_are_the_venues_in_the_pages_language(
    client, editor, conference, venue
):
    f.translate(venue, f.locale("nl"))
    response = client.get(add_url(PanelPage, conference))
    assert set(response.context["form"].fields["room"].queryset) == set(
        venue.rooms.all()
    )


# Countries from a list


def test_country_filters_are_lists_of_countries(client, editor):
    from wagtail_events.models import Person, Venue

    for model in (Person, Venue):
        response = client.get(snippet_url(model, "list"))
        field = response.context["filters"].form.fields["country"]
        labels = dict(field.choices)
        assert labels["BE"] == "Belgium"


# Page types described in the picker


def test_every_page_type_is_described():
    models = [m for m in get_page_models() if m._meta.app_label == "wagtail_events"]
    assert len(models) >= 8
    for model in models:
        assert model.page_description, model
        assert "page_description" in model.__dict__, model


def test_the_picker_shows_the_descriptions(client, editor, conference):
    response = client.get(
        reverse("wagtailadmin_pages:add_subpage", args=(conference.pk,))
    )
    html = response.content.decode()
    assert str(WorkshopPage.page_description) in html


# The registration-forms list and the menus


def test_registration_forms_list_reads_well(client, editor, settings):
    settings.LANGUAGE_CODE = "en"
    f.registration_form(
        title="Conference form",
        capacity=None,
        closes_at=f.local(2025, 3, 12, 17),
        waiting_list=True,
    )
    dutch = f.locale("nl")
    RegistrationForm.objects.first().copy_for_translation(dutch).save()
    response = client.get(snippet_url(RegistrationForm, "list"))
    html = response.content.decode()
    headings = [
        str(column.label) for column in response.context["table"].columns.values()
    ]
    assert "Language" in headings and "Places" in headings
    assert "No limit" in html
    assert "True" not in html and "False" not in html
    assert "2025-03-12" not in html and "03/12/2025" not in html
    assert "locale" in response.context["filters"].form.fields


def test_menu_names_say_what_they_hold(client, editor):
    response = client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert "Event details" in html
    assert reverse("wagtail_events_registrations:index") in html
