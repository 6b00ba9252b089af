"""Countries are chosen from a list (django-countries) and shown by their name in
the page's language; the structured data keeps the ISO code; codes stored
before stay valid."""

import json

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from tests import factories as f
from wagtail_events import places
from wagtail_events.models import Person, Venue


pytestmark = pytest.mark.django_db


def test_a_stored_code_is_the_country_and_reads_by_name():
    venue = f.venue(country="BE")
    venue = Venue.objects.get(pk=venue.pk)
    assert venue.country.code == "BE"
    with translation.override("en"):
        assert places.address_line(venue) == (
            "Lamot Conference and Heritage Centre, Mechelen, Belgium"
        )
    with translation.override("nl"):
        assert places.address_line(venue).endswith("Mechelen, België")
    assert places.address_line(venue, country_code=True).endswith("Mechelen, BE")


def test_an_unknown_code_is_shown_as_it_is():
    assert places.country_name("XX") == "XX"
    assert places.country_name("") == ""


def test_the_country_field_refuses_a_name_typed_as_text():
    person = Person(name="Erik Pelling", country="Sweden")
    with pytest.raises(Exception) as error:
        person.full_clean()
    assert "country" in str(error.value)
    Person(name="Erik Pelling", country="SE").full_clean()


def test_person_and_venue_by_name_in_english_and_dutch(client, index):
    nl_index = f.event_index(locale=f.locale("nl"))
    for parent, expected_person, expected_venue in (
        (index, "Erik Pelling (Sweden)", "Belgium"),
        (nl_index, "Erik Pelling (Zweden)", "België"),
    ):
        pelling = f.person("Erik Pelling", country="SE", locale=parent.locale)
        venue = f.venue(f"Venue {parent.pk}", locale=parent.locale)
        conf = f.conference(
            parent,
            locale=parent.locale,
            venue=venue,
            speakers=[f.speaker(pelling)],
            practical_information=[],
        )
        html = client.get(conf.url).content.decode()
        text = " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
        assert expected_person in text
        address = BeautifulSoup(html, "html.parser").select_one(".we-venue address")
        assert expected_venue in address.get_text()
        data = json.loads(
            BeautifulSoup(html, "html.parser")
            .find("script", type="application/ld+json")
            .string
        )
        assert data["location"]["address"]["addressCountry"] == "BE"


def test_a_typed_speakers_country_is_chosen_and_named(client, index):
    conf = f.conference(
        index, speakers=[f.speaker(name="Anne McTaggart", country="GB")]
    )
    assert "Anne McTaggart (United Kingdom)" in client.get(conf.url).content.decode()
