"""One event in every language: a conference translated into Dutch with
wagtail-localize is the same event as the English one, for its places and waiting
list, for the organiser's registration lists, for calendar apps (UID, SEQUENCE)
and for conference apps (frab guids of sessions, speakers and rooms); a frab
import into the Dutch conference finds the Dutch rooms and people; and who
registers in Dutch is written to in Dutch."""

import json
import pathlib
import re

import icalendar
import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from wagtail_localize.models import Translation

from tests import factories as f
from wagtail_events.exchange import calendars as calendar
from wagtail_events.exchange import frab
from wagtail_events.models import (
    ConferencePage,
    EventPage,
    PanelPage,
    Person,
    Registration,
    RegistrationStatus,
    Room,
    SiteVisitPage,
    WorkshopPage,
)
from wagtail_events.registration import (
    availability,
    changes,
    errors,
    session_choices,
    writer,
)
from wagtail_events.registration.admin import summary as registration_summary


pytestmark = pytest.mark.django_db

S = RegistrationStatus
NOW = f.local(2024, 3, 1, 12)
DATA = pathlib.Path(__file__).resolve().parents[1] / "data" / "frab"


@pytest.fixture
def nl(db):
    return f.locale("nl")


def dutch(instance, nl):
    translation_ = instance.get_translation(nl)
    return translation_.specific if hasattr(translation_, "specific") else translation_


def register(page, email, **kwargs):
    page = EventPage.objects.get(pk=page.pk).specific
    kwargs.setdefault("now", NOW)
    kwargs.setdefault("name", email.split("@")[0])
    return writer.register(page, page.registration_form, email=email, **kwargs)


def status(outcome):
    return Registration.objects.get(pk=outcome.registration.pk).status


@pytest.fixture
def workshop(index, nl):
    """A workshop with one place and a waiting list, in English and Dutch."""
    page = f.workshop(
        index,
        f.local(2024, 4, 19, 9),
        f.local(2024, 4, 19, 12),
        title="Participation workshop",
        registration_form=f.registration_form(capacity=1, waiting_list=True),
    )
    f.translate(page, nl)
    return page


# Places and waiting list


def test_a_place_taken_in_dutch_is_taken_in_english(workshop, nl):
    dutch_workshop = dutch(workshop, nl)
    assert dutch_workshop.registration_form.locale == nl
    first = register(dutch_workshop, "anna@example.org", language="nl")
    second = register(workshop, "bart@example.org", language="en")
    assert (status(first), status(second)) == (S.CONFIRMED, S.WAITING)
    key = workshop.translation_key
    for page in (workshop, dutch_workshop):
        form = EventPage.objects.get(pk=page.pk).registration_form
        assert availability.free_places(form, key) == 0
    # Registered through the Dutch page, on the same event.
    assert first.registration.event_key == second.registration.event_key == key
    assert first.registration.page_id == dutch_workshop.pk


def test_the_waiting_list_is_shared_in_the_order_of_registering(workshop, nl):
    dutch_workshop = dutch(workshop, nl)
    holder = register(dutch_workshop, "anna@example.org")
    english = register(workshop, "bart@example.org")
    later = register(dutch_workshop, "cato@example.org")
    assert (english.waiting_position, later.waiting_position) == (1, 2)
    changes.cancel(holder.token, now=NOW)
    # The first in line gets the place, whatever language each registered in.
    assert (status(english), status(later)) == (S.CONFIRMED, S.WAITING)
    assert (
        availability.waiting_position(
            Registration.objects.get(pk=later.registration.pk)
        )
        == 1
    )


@pytest.fixture
def conference(index, nl):
    """A conference whose workshop has one place and no waiting list."""
    conference = f.conference(
        index,
        start=f.local(2024, 4, 19, 8),
        end=f.local(2024, 4, 19, 18),
        registration_form=f.registration_form(),
    )
    f.workshop(
        conference,
        f.local(2024, 4, 19, 10),
        f.local(2024, 4, 19, 12),
        title="Bystander training",
        registration_form=f.registration_form(capacity=1, waiting_list=False),
    )
    f.translate(conference, nl)
    return ConferencePage.objects.get(pk=conference.pk)


def test_a_session_chosen_in_dutch_takes_the_english_place(conference, nl):
    dutch_conference = dutch(conference, nl)
    (option,) = session_choices.session_options(dutch_conference, now=NOW)
    assert option.page.locale_id == nl.pk
    outcome = register(
        dutch_conference, "anna@example.org", sessions=[option.value], language="nl"
    )
    (session,) = outcome.sessions
    assert session.status == S.CONFIRMED
    # The English conference offers the same session as full.
    (english_option,) = session_choices.session_options(conference, now=NOW)
    assert english_option.page.locale_id == conference.locale_id
    assert english_option.availability.state == "full"
    with pytest.raises(errors.InvalidSessionChoice):
        register(conference, "bart@example.org", sessions=[english_option.value])
    # Nor does the session's own English page have a place left.
    workshop = WorkshopPage.objects.get(locale=conference.locale)
    assert (
        availability.free_places(workshop.registration_form, workshop.translation_key)
        == 0
    )


# The organiser's lists


def test_the_organiser_sees_every_language_of_the_event(client, editor, workshop, nl):
    dutch_workshop = dutch(workshop, nl)
    register(dutch_workshop, "anna@example.org", name="Anna Dutch")
    register(workshop, "bart@example.org", name="Bart English")
    key = workshop.translation_key

    listing = client.get(
        reverse("wagtail_events_registrations:index"), {"event": str(key)}
    ).content.decode()
    assert "Anna Dutch" in listing and "Bart English" in listing

    # The "Registrations" button of the Dutch page leads to the event's counts.
    (button,) = registration_summary.page_buttons(dutch_workshop, editor)
    summary_url = reverse("wagtail_events_registrations:summary", args=(key,))
    assert button.url == summary_url
    (row,) = client.get(summary_url).context["rows"]
    assert (row[S.CONFIRMED], row[S.WAITING], row["free_places"]) == (1, 1, 0)
    people = client.get(
        reverse("wagtail_events_registrations:checkin", args=(key,))
    ).context["people"]
    assert [p.name for p in people] == ["Anna Dutch"]


# Calendar apps


def vevents(document):
    """The events of a calendar document, as a calendar app reads them."""
    if isinstance(document, icalendar.Calendar):
        document = document.to_ical()
    return list(icalendar.Calendar.from_ical(document).walk("VEVENT"))


def uids(document):
    return sorted(
        (str(e["UID"]), str(e.get("RECURRENCE-ID", "") and e.decoded("RECURRENCE-ID")))
        for e in vevents(document)
    )


def fresh(page):
    return EventPage.objects.get(pk=page.pk).specific


def test_the_calendar_uids_are_the_same_in_dutch(index, nl):
    conference = f.conference(index)
    f.panel(conference, f.local(2024, 4, 19, 9), f.local(2024, 4, 19, 10))
    f.site_visit(
        conference,
        f.local(2024, 4, 19, 14),
        f.local(2024, 4, 19, 15),
        runs=[(f.local(2024, 4, 19, 16), f.local(2024, 4, 19, 17))],
    )
    dutch_conference = f.translate(conference, nl)
    english = calendar.programme_calendar(fresh(conference))
    translated = calendar.programme_calendar(fresh(dutch_conference))
    assert len(uids(english)) == 4  # the conference, the panel, two runs
    assert uids(translated) == uids(english)
    # The UID is the translation key, which both languages share.
    assert calendar.event_uid(dutch_conference) == calendar.event_uid(conference)
    assert str(conference.translation_key) in calendar.event_uid(dutch_conference)


def test_a_repeating_events_dates_have_the_same_uids_in_dutch(index, nl):
    page = f.repeating(
        index,
        f.local(2024, 3, 5, 19),
        f.local(2024, 3, 5, 21),
        "RRULE:FREQ=WEEKLY;COUNT=4",
        changes=[
            {
                "original_start": f.local(2024, 3, 19, 19),
                "action": "move",
                "new_start": f.local(2024, 3, 20, 19),
                "new_end": f.local(2024, 3, 20, 21),
            }
        ],
    )
    translation_ = f.translate(page, nl)
    english = calendar.event_calendar(fresh(page))
    translated = calendar.event_calendar(fresh(translation_))
    # The series and its moved date (RECURRENCE-ID): the same in both.
    assert len(uids(english)) == 2
    assert uids(translated) == uids(english)


def test_moving_the_event_raises_one_sequence_for_every_language(workshop, nl):
    def sequences():
        return [
            vevents(calendar.event_calendar(fresh(p)))[0]["SEQUENCE"]
            for p in (workshop, dutch(workshop, nl))
        ]

    assert sequences() == [0, 0]
    page = fresh(workshop)
    page.start, page.end = f.local(2024, 4, 19, 14), f.local(2024, 4, 19, 17)
    with f.run_after_commit():
        page.save_revision().publish()
    # Moved once, in English; the Dutch page moved with it: one change.
    assert dutch(workshop, nl).start == f.local(2024, 4, 19, 14)
    assert sequences() == [1, 1]


# Conference apps (frab)


def frab_conference(index):
    venue = f.venue("Lamot", rooms=["Auditorium"])
    mayor = f.person("Bart Somers")
    conference = f.conference(index, venue=venue)
    f.panel(
        conference,
        f.local(2024, 4, 19, 9),
        f.local(2024, 4, 19, 10),
        room=f.room(venue, "Auditorium"),
        speakers=[f.speaker(mayor)],
    )
    f.site_visit(
        conference,
        f.local(2024, 4, 19, 14),
        f.local(2024, 4, 19, 15),
        runs=[(f.local(2024, 4, 19, 16), f.local(2024, 4, 19, 17))],
        track="Site visits",
        speakers=[f.speaker(mayor), f.speaker(name="Typed Guide")],
    )
    return conference


def guids(conference):
    info = frab.schedule_data(fresh(conference))["schedule"]["conference"]
    events = [
        event
        for day in info["days"]
        for room_events in day["rooms"].values()
        for event in room_events
    ]
    return {
        "rooms": sorted(room["guid"] for room in info["rooms"]),
        "events": sorted(event["guid"] for event in events),
        "persons": sorted(p["guid"] for event in events for p in event["persons"]),
        "room names": sorted(room["name"] for room in info["rooms"]),
    }


def test_frab_guids_are_the_same_in_dutch(index, nl):
    conference = frab_conference(index)
    dutch_conference = f.translate(conference, nl)
    visit = SiteVisitPage.objects.get(locale=conference.locale)
    f.translate_strings(visit, {"Site visits": "Bezoeken"}, nl)
    english, translated = guids(conference), guids(dutch_conference)
    # The Dutch file names the track in Dutch, for the same room.
    # A room is named with its building and address (places.room_line).
    assert english["room names"] == [
        "Auditorium, Lamot, Mechelen, Belgium",
        "Site visits",
    ]
    assert translated["room names"] == [
        "Auditorium, Lamot, Mechelen, Belgium",
        "Bezoeken",
    ]
    assert translated["rooms"] == english["rooms"]
    assert translated["events"] == english["events"]
    assert len(english["events"]) == 3
    # The saved person is one person in both files, with a guid of its own.
    assert translated["persons"] == english["persons"]
    mayor = Person.objects.get(locale=conference.locale)
    assert dutch(mayor, nl).pk != mayor.pk
    # In the panel and in both runs of the visit.
    assert english["persons"].count(frab.person_guid(mayor.name, mayor)) == 3


def test_two_dutch_labels_of_one_track_are_one_room(index, nl):
    """Translators may word one English track two ways; the Dutch file still
    has one room for it, with the English file's guid."""
    conference = f.conference(index)
    visits = [
        f.site_visit(
            conference,
            f.local(2024, 4, 19, hour),
            f.local(2024, 4, 19, hour + 1),
            track="Site visits",
        )
        for hour in (9, 14)
    ]
    dutch_conference = f.translate(conference, nl)
    for visit, label in zip(visits, ["Bezoeken", "Uitstappen"], strict=True):
        f.translate_strings(visit, {"Site visits": label}, nl)
    english, translated = guids(conference), guids(dutch_conference)
    assert english["room names"] == ["Site visits"]
    assert len(translated["room names"]) == 1
    assert translated["rooms"] == english["rooms"]
    assert len(translated["events"]) == 2


def import_file(conference, data):
    report = frab.import_schedule(fresh(conference), data)
    assert not report.skipped, report.lines()[:3]
    return report


def test_an_import_into_the_dutch_conference_uses_its_rooms_and_people(index, nl):
    conference = f.conference(
        index,
        title="Small",
        venue=f.venue("Small venue", rooms=["Room A"]),
        start=f.local(2024, 4, 19, 9),
        end=f.local(2024, 4, 20, 18),
    )
    data = json.loads((DATA / "small.json").read_text())
    import_file(conference, data)
    dutch_conference = f.translate(conference, nl)
    people, rooms = Person.objects.count(), Room.objects.count()

    report = import_file(dutch_conference, data)
    assert (Person.objects.count(), Room.objects.count()) == (people, rooms)
    assert not report.of("created", "person") and not report.of("created", "room")
    (first_event, _second) = data["schedule"]["conference"]["days"][0]["rooms"][
        "Room A"
    ]
    talk = PanelPage.objects.get(locale=nl, translation_key=first_event["guid"])
    assert talk.room.locale == nl and talk.room.venue == dutch_conference.venue
    speakers = [block.value["person"] for block in talk.speakers]
    assert {p.locale for p in speakers} == {nl}
    assert [item.label for item in report.of("unchanged", "session")] == [
        "A talk",
        "Second talk",
    ]


def test_a_new_dutch_conference_shares_the_people_of_an_english_one(index, nl):
    """The same file imported into a Dutch conference of its own: the speakers
    already known in English get their Dutch translation, not a second person."""
    english = f.conference(
        index,
        title="Small",
        venue=f.venue("Small venue", rooms=["Room A"]),
        start=f.local(2024, 4, 19, 9),
        end=f.local(2024, 4, 20, 18),
    )
    data = json.loads((DATA / "small.json").read_text())
    import_file(english, data)
    dutch_index = f.translate(index, nl, subtree=False)
    dutch_venue = f.venue("Kleine zaal", rooms=["Room A"], locale=nl)
    other = f.conference(
        dutch_index,
        title="Klein",
        venue=dutch_venue,
        start=f.local(2024, 4, 19, 9),
        end=f.local(2024, 4, 20, 18),
    )
    data["schedule"]["conference"]["days"][0]["rooms"]["Room A"][0]["guid"] = (
        "1b6f6f53-6f0e-4c39-8d2e-6a7d5b1f3e21"
    )
    data["schedule"]["conference"]["days"][0]["rooms"]["Room A"][1]["guid"] = (
        "8e9a3b2c-1d4f-4a6b-8c9d-0e1f2a3b4c5d"
    )
    import_file(other, data)
    for person in Person.objects.filter(locale=english.locale):
        assert dutch(person, nl).guid == person.guid
        # Made through wagtail-localize: translators can translate it.
        assert Translation.objects.filter(
            source__object_id=person.translation_key, target_locale=nl
        ).exists()
    assert Person.objects.filter(locale=nl).count() == 2
    # The room guid of the file belongs to the English venue's room: the Dutch
    # venue, which does not translate it, does not take it ...
    english_room = Room.objects.get(venue=english.venue)
    assert Room.objects.get(venue=dutch_venue).guid is None
    # ... so translating the English venue into Dutch later gives no second
    # Dutch room with that guid.
    dutch_english_venue = f.translate(english.venue, nl)
    assert dutch_english_venue.rooms.get().guid == english_room.guid


def test_a_dutch_person_saved_before_keeps_off_an_english_persons_guid(index, nl):
    """A Dutch person of the same name, not a translation of the English
    speaker, is not linked to the English speaker's guid: the speaker gets a
    Dutch translation instead, and translating the English speaker stays
    possible."""
    english = f.conference(
        index,
        title="Small",
        venue=f.venue("Small venue", rooms=["Room A"]),
        start=f.local(2024, 4, 19, 9),
        end=f.local(2024, 4, 20, 18),
    )
    data = json.loads((DATA / "small.json").read_text())
    import_file(english, data)
    alex = Person.objects.get(name="Alex Moreau")
    namesake = Person.objects.create(name="Alex Moreau", locale=nl)
    dutch_index = f.translate(index, nl, subtree=False)
    other = f.conference(
        dutch_index,
        title="Klein",
        venue=f.venue("Kleine zaal", rooms=["Room A"], locale=nl),
        start=f.local(2024, 4, 19, 9),
        end=f.local(2024, 4, 20, 18),
    )
    for event, guid in zip(
        data["schedule"]["conference"]["days"][0]["rooms"]["Room A"],
        [
            "1b6f6f53-6f0e-4c39-8d2e-6a7d5b1f3e21",
            "8e9a3b2c-1d4f-4a6b-8c9d-0e1f2a3b4c5d",
        ],
        strict=True,
    ):
        event["guid"] = guid
    import_file(other, data)
    namesake.refresh_from_db()
    assert namesake.guid is None
    translated = alex.get_translation(nl)
    assert translated.pk != namesake.pk and translated.guid == alex.guid
    assert f.translate(alex, nl).pk == translated.pk


# E-mails in the language of the page


def test_registering_on_the_dutch_page_gets_a_dutch_e_mail(client, index, nl):
    year = timezone.now().year + 2
    page = f.workshop(
        index,
        f.local(year, 4, 19, 9),
        f.local(year, 4, 19, 10, 30),
        title="Participation in the city council",
        registration_form=f.registration_form(capacity=10),
    )
    dutch_page = f.translate(page, nl)
    dutch_page = f.translate_strings(
        page, {"Participation in the city council": "Inspraak in de gemeenteraad"}, nl
    )
    assert dutch_page.url.startswith("/nl/")
    data = {
        "name": "Anna",
        "email": "anna@example.org",
        "privacy_accepted": "on",
        "website": "",
    }
    with f.run_after_commit():
        response = client.post(dutch_page.url + "register/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    registration = Registration.objects.get()
    assert registration.language == "nl"
    assert registration.page_id == dutch_page.pk
    (message,) = mail.outbox
    with translation.override("nl"):
        expected = translation.gettext("Registration confirmed: %(title)s") % {
            "title": "Inspraak in de gemeenteraad"
        }
    assert expected != "Registration confirmed: Inspraak in de gemeenteraad", (
        "the nl catalogue has no translation of the subject"
    )
    assert message.subject == expected
    assert message.extra_headers["Content-Language"] == "nl"
    assert re.search(
        r"\b(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\b",
        message.body,
    )
    assert "Registration confirmed" not in message.body


# At the same moment, in both languages (PostgreSQL)

PEOPLE, PLACES = 20, 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_last_places_are_given_once_across_languages(nl, monkeypatch):
    """Twenty people register at once, half on the English page and half on the
    Dutch one: the event's lock row is one for both, so five places are given."""
    import threading
    import time

    from django.db import connection

    from wagtail_events.models import EventCapacity

    assert connection.vendor == "postgresql", (
        "Only PostgreSQL locks the capacity row; deselect with -m 'not postgres'."
    )
    page = f.workshop(
        f.event_index(),
        f.local(2024, 4, 19, 9),
        f.local(2024, 4, 19, 12),
        registration_form=f.registration_form(capacity=PLACES, waiting_list=True),
    )
    pages = [page.pk, f.translate(page, nl).pk]
    count = writer.counts  # the places register() counts under the lock

    def slow_counts(*args, **kwargs):
        taken = count(*args, **kwargs)
        time.sleep(0.02)  # widen the window a missing lock would let through
        return taken

    monkeypatch.setattr(writer, "counts", slow_counts)
    barrier = threading.Barrier(PEOPLE + 1)
    errors = []

    def person(i):
        try:
            own = EventPage.objects.get(pk=pages[i % 2]).specific
            form = own.registration_form
            barrier.wait(timeout=30)
            writer.register(own, form, name=f"P{i}", email=f"p{i}@example.org", now=NOW)
        except BaseException as exc:  # reported in the test's thread
            errors.append((i, exc))
            barrier.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=person, args=(i,)) for i in range(PEOPLE)]
    for thread in threads:
        thread.start()
    try:
        barrier.wait(timeout=30)
    except threading.BrokenBarrierError:
        # A person failed before the start (their connection, say): say why.
        for thread in threads:
            thread.join(timeout=60)
        raise AssertionError(f"Not everyone could start: {errors}") from None
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    rows = Registration.objects.filter(event_key=page.translation_key)
    assert rows.filter(status=S.CONFIRMED).count() == PLACES
    assert rows.filter(status=S.WAITING).count() == PEOPLE - PLACES
    assert set(rows.values_list("page_id", flat=True)) == set(pages)
    assert EventCapacity.objects.filter(event_key=page.translation_key).count() == 1


def test_a_sessions_room_brings_its_venue_through_wagtail_localize(index, nl):
    """Translating one session whose room's venue has no Dutch translation yet:
    the Dutch venue is made through wagtail-localize too, so that translators
    can translate it and it follows the English venue."""
    venue = f.venue("Het Predikheren", rooms=["Leeszaal"])
    conference = f.conference(
        index, start=f.local(2024, 5, 2, 9), end=f.local(2024, 5, 2, 18)
    )
    panel = f.panel(
        conference,
        f.local(2024, 5, 2, 14),
        f.local(2024, 5, 2, 16),
        title="Reading club",
        room=f.room(venue, "Leeszaal"),
    )
    with override_settings(WAGTAIL_EVENTS_TRANSLATE_SESSIONS_WITH_CONFERENCE=False):
        f.translate(conference, nl, subtree=False)
    assert venue.get_translation_or_none(nl) is None

    translation = f.translate(panel, nl)
    dutch_venue = venue.get_translation(nl)
    assert translation.room.venue == dutch_venue
    assert Translation.objects.filter(
        source__object_id=venue.translation_key, target_locale=nl
    ).exists()
