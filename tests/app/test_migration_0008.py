"""Migration 0008 on a site that already has content: inline rows of a page take
the page's language, and rooms and people keep the frab guids the export gave
them before (conference apps know them by those)."""

import uuid

import pytest

from tests import factories as f
from tests.migrating import latest, migrate
from wagtail_events.exchange import frab_values
from wagtail_events.models import Person, ProgrammeItem, Room


BEFORE = ("wagtail_events", "0007_registration_sessions")


# Data migrations are the same code on both stacks; their tests run on the
# newest, with both databases (noxfile: `once`).
pytestmark = pytest.mark.once


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_rows_get_their_pages_locale_and_their_old_guids():
    nl = f.locale("nl")
    index = f.event_index(locale=nl)
    page = f.conference(index, locale=nl)
    try:
        old = migrate([BEFORE])
        venue = old.get_model("wagtail_events", "Venue").objects.create(
            name="Lamot", locality="Mechelen", country="BE"
        )
        room = old.get_model("wagtail_events", "Room").objects.create(
            venue=venue, name="Auditorium", sort_order=0
        )
        person = old.get_model("wagtail_events", "Person").objects.create(
            name="Bart Somers"
        )
        item = old.get_model("wagtail_events", "ProgrammeItem").objects.create(
            page_id=page.pk,
            start=f.local(2024, 4, 19, 12),
            end=f.local(2024, 4, 19, 13),
            kind="break",
            title="Lunch",
            sort_order=0,
        )
    finally:
        migrate(latest())

    assert ProgrammeItem.objects.get(pk=item.pk).locale == nl
    namespace = uuid.UUID("fa123984-ff50-528e-aaeb-d493bc80dc2f")
    assert namespace == frab_values.NAMESPACE
    room, person = Room.objects.get(pk=room.pk), Person.objects.get(pk=person.pk)
    assert room.guid == uuid.uuid5(namespace, f"room:{room.pk}")
    assert person.guid == uuid.uuid5(namespace, f"person:{person.pk}")
    # The export gives them the guid it gave before 0008.
    assert frab_values.room_guid(room) == str(uuid.uuid5(namespace, f"room:{room.pk}"))
    assert frab_values.person_guid(person.name, person) == str(
        uuid.uuid5(namespace, f"person:{person.pk}")
    )
