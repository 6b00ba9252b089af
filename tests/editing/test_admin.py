"""The Wagtail admin of the package: page editors, snippet viewsets, time zones."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset
from wagtail.users.models import UserProfile

from tests import factories as f
from wagtail_events.models import (
    ConferencePage,
    EventIndexPage,
    PanelPage,
    ProgrammeItem,
    Room,
    SiteVisitPage,
    SiteVisitRun,
    WorkshopPage,
)


UTC = datetime.UTC
SESSION_KINDS = {
    "panel": PanelPage,
    "workshop": WorkshopPage,
    "site_visit": SiteVisitPage,
}


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


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


def add_url(model, parent):
    return reverse(
        "wagtailadmin_pages:add",
        args=(model._meta.app_label, model._meta.model_name, parent.pk),
    )


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def snippet_url(model, action, *args):
    return reverse(
        f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:{action}",
        args=args,
    )


def created(response, model, parent):
    """The page the create view made, after checking that it redirected."""
    assert response.status_code == 302, form_errors(response)
    return model.objects.child_of(parent).get()


def form_errors(response):
    context = getattr(response, "context", None)
    if not context or "form" not in context:
        return response.content.decode()[:2000]
    form = context["form"]
    return {
        "form": form.errors,
        "formsets": {name: fs.errors for name, fs in form.formsets.items()},
    }


# Create and edit views answer


@pytest.mark.parametrize(
    ("model", "parent_name"),
    [
        (ConferencePage, "index"),
        (PanelPage, "conference"),
        (WorkshopPage, "conference"),
        (SiteVisitPage, "conference"),
        (PanelPage, "index"),
        (SiteVisitPage, "index"),
    ],
)
def test_create_views_answer(client, editor, index, conference, model, parent_name):
    parent = {"index": index, "conference": conference}[parent_name]
    response = client.get(add_url(model, parent))
    assert response.status_code == 200


def test_create_view_of_event_index(client, editor):
    home = f.site_root()
    response = client.get(add_url(EventIndexPage, home))
    assert response.status_code == 200


def test_edit_views_answer(client, editor, index, conference, venue):
    pages = [
        index,
        conference,
        f.panel(
            conference,
            f.local(2024, 4, 19, 10),
            f.local(2024, 4, 19, 11),
            room=f.room(venue, "Auditorium"),
        ),
        f.workshop(conference, f.local(2024, 4, 19, 10), f.local(2024, 4, 19, 11)),
        f.site_visit(
            conference,
            f.local(2024, 4, 19, 14),
            f.local(2024, 4, 19, 16),
            runs=[(f.local(2024, 4, 20, 14), f.local(2024, 4, 20, 16))],
        ),
        f.panel(index, f.local(2024, 5, 1, 10), f.local(2024, 5, 1, 11)),
    ]
    f.programme_item(conference, f.local(2024, 4, 19, 12), f.local(2024, 4, 19, 13))
    for page in pages:
        response = client.get(edit_url(page))
        assert response.status_code == 200, page


def test_event_page_itself_cannot_be_added(client, editor, index):
    response = client.get(
        reverse(
            "wagtailadmin_pages:add", args=("wagtail_events", "eventpage", index.pk)
        )
    )
    assert response.status_code in (403, 404) or response.status_code == 302
    assert not Page.objects.filter(content_type__model="eventpage").exists()


# Creating pages through the admin


def test_create_event_index(client, editor):
    home = f.site_root()
    response = client.post(
        add_url(EventIndexPage, home), f.index_form_data(title="Our events")
    )
    page = created(response, EventIndexPage, home)
    assert page.title == "Our events"


def test_create_conference(client, editor, index, venue):
    data = f.conference_form_data(
        title="Cities of diversity",
        start="2024-04-19 09:00",
        end="2024-04-20 17:00",
        venue=venue.pk,
        programme_items=[
            {
                "kind": "meal",
                "title": "Lunch",
                "start": "2024-04-19 12:00",
                "end": "2024-04-19 13:00",
                "room": f.room(venue, "Refter").pk,
            }
        ],
        organisations=[{"organisation": f.organisation().pk, "role": "organiser"}],
    )
    response = client.post(add_url(ConferencePage, index), data)
    page = created(response, ConferencePage, index)
    assert page.title == "Cities of diversity"
    assert page.venue == venue
    assert page.time_zone == "Europe/Brussels"
    assert page.start == utc(2024, 4, 19, 7, 0)
    assert page.end == utc(2024, 4, 20, 15, 0)
    lunch = page.programme_items.get()
    assert (lunch.title, lunch.kind) == ("Lunch", "meal")
    assert lunch.start == utc(2024, 4, 19, 10, 0)
    assert lunch.room == f.room(venue, "Refter")
    assert page.organisations.count() == 1


def test_create_and_publish_conference(client, editor, index):
    data = f.conference_form_data(title="Published", **{"action-publish": "1"})
    page = created(
        client.post(add_url(ConferencePage, index), data), ConferencePage, index
    )
    assert page.live


@pytest.mark.parametrize("kind", SESSION_KINDS)
def test_create_session_under_conference(client, editor, conference, venue, kind):
    model = SESSION_KINDS[kind]
    data = f.session_form_data(
        kind,
        title=f"A {kind}",
        start="2024-04-19 10:15",
        end="2024-04-19 12:00",
        room=f.room(venue, "Dijlezaal").pk,
        track="Main",
    )
    response = client.post(add_url(model, conference), data)
    page = created(response, model, conference)
    assert page.title == f"A {kind}"
    assert page.time_zone == "Europe/Brussels"
    assert page.start == utc(2024, 4, 19, 8, 15)
    assert page.end == utc(2024, 4, 19, 10, 0)
    assert page.room == f.room(venue, "Dijlezaal")
    assert page.track == "Main"
    assert page.conference == conference


@pytest.mark.parametrize("kind", SESSION_KINDS)
def test_create_session_on_its_own(client, editor, index, kind):
    model = SESSION_KINDS[kind]
    data = f.session_form_data(
        kind,
        start="2024-05-01 10:00",
        end="2024-05-01 11:00",
        time_zone="Europe/Lisbon",
    )
    page = created(client.post(add_url(model, index), data), model, index)
    assert page.time_zone == "Europe/Lisbon"
    assert page.start == utc(2024, 5, 1, 9, 0)


def test_create_workshop_with_hosts(client, editor, conference):
    org = f.organisation("Eurocities")
    data = f.session_form_data("workshop", what_to_bring="A laptop")
    data["host_organisations"] = [org.pk]  # a multiple choice: one key, a list
    response = client.post(add_url(WorkshopPage, conference), data)
    page = created(response, WorkshopPage, conference)
    assert list(page.host_organisations.all()) == [org]


def test_create_site_visit_with_runs(client, editor, conference):
    data = f.session_form_data(
        "site_visit",
        start="2024-04-19 10:00",
        end="2024-04-19 11:30",
        meeting_point="Lamot entrance",
        runs=[("2024-04-19 14:00", "2024-04-19 15:30")],
    )
    response = client.post(add_url(SiteVisitPage, conference), data)
    page = created(response, SiteVisitPage, conference)
    assert page.meeting_point == "Lamot entrance"
    run = page.runs.get()
    assert (run.start, run.end) == (utc(2024, 4, 19, 12, 0), utc(2024, 4, 19, 13, 30))


def test_edit_and_save_without_changes_keeps_times(client, editor, conference, venue):
    session = f.panel(
        conference,
        f.local(2024, 4, 19, 10, 15),
        f.local(2024, 4, 19, 12, 0),
        room=f.room(venue, "Auditorium"),
    )
    data = f.session_form_data(
        title=session.title,
        slug=session.slug,
        start="2024-04-19 10:15",
        end="2024-04-19 12:00",
        room=session.room_id,
    )
    response = client.post(edit_url(session), data)
    assert response.status_code == 302, form_errors(response)
    session.refresh_from_db()
    assert session.start == utc(2024, 4, 19, 8, 15)
    assert session.room == f.room(venue, "Auditorium")


# The conference editor lists its sessions


def test_conference_editor_lists_sessions_by_time(client, editor, conference, venue):
    f.workshop(
        conference,
        f.local(2024, 4, 20, 9, 0),
        f.local(2024, 4, 20, 10, 0),
        title="Second day workshop",
    )
    f.panel(
        conference,
        f.local(2024, 4, 19, 14, 0),
        f.local(2024, 4, 19, 15, 0),
        title="Afternoon panel",
        room=f.room(venue, "Dijlezaal"),
    )
    f.site_visit(
        conference,
        f.local(2024, 4, 19, 10, 15),
        f.local(2024, 4, 19, 12, 0),
        title="Morning city tour",
        track="Site visits",
    )
    response = client.get(edit_url(conference))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sessions of this conference" in html
    positions = [
        html.index(title)
        for title in ("Morning city tour", "Afternoon panel", "Second day workshop")
    ]
    assert positions == sorted(positions)
    # Times in the conference's zone, with the room or track.
    assert "10:15–12:00" in html
    assert "14:00–15:00" in html
    assert "Dijlezaal" in html
    assert "Site visits" in html
    assert reverse("wagtailadmin_pages:add_subpage", args=(conference.pk,)) in html


def test_conference_editor_without_sessions(client, editor, conference):
    response = client.get(edit_url(conference))
    assert "No sessions yet." in response.content.decode()


def test_new_conference_has_no_session_list(client, editor, index):
    response = client.get(add_url(ConferencePage, index))
    html = response.content.decode()
    assert "Add a session" not in html


# Time zones: editors type the event's wall-clock time


@pytest.fixture
def tokyo_editor(editor):
    profile = UserProfile.get_for_user(editor)
    profile.current_time_zone = "Asia/Tokyo"
    profile.save()
    return editor


@pytest.mark.parametrize(
    ("day", "expected"),
    [("2024-06-12", utc(2024, 6, 12, 7, 0)), ("2024-01-12", utc(2024, 1, 12, 8, 0))],
)
def test_editor_in_another_zone_types_event_time(
    client, tokyo_editor, index, day, expected
):
    data = f.conference_form_data(
        start=f"{day} 09:00", end=f"{day} 17:00", time_zone="Europe/Brussels"
    )
    page = created(
        client.post(add_url(ConferencePage, index), data), ConferencePage, index
    )
    assert page.start == expected
    assert page.local_start.strftime("%H:%M") == "09:00"


def test_project_time_zone_does_not_matter(client, editor, index, settings):
    settings.TIME_ZONE = "America/Los_Angeles"
    data = f.conference_form_data(
        start="2024-06-12 09:00", end="2024-06-12 17:00", time_zone="Europe/Brussels"
    )
    page = created(
        client.post(add_url(ConferencePage, index), data), ConferencePage, index
    )
    assert page.start == utc(2024, 6, 12, 7, 0)


def test_edit_form_shows_event_time(client, tokyo_editor, conference):
    f.programme_item(
        conference, f.local(2024, 4, 19, 12, 30), f.local(2024, 4, 19, 13, 30)
    )
    response = client.get(edit_url(conference))
    form = response.context["form"]
    assert form["start"].value() == datetime.datetime(2024, 4, 19, 8, 15)
    html = response.content.decode()
    assert 'value="2024-04-19 08:15"' in html
    assert 'value="2024-04-20 18:00"' in html
    assert 'value="2024-04-19 12:30"' in html
    assert 'value="2024-04-19 13:30"' in html


def test_session_under_new_york_conference_gets_its_zone(client, tokyo_editor, index):
    conference = f.conference(
        index,
        time_zone="America/New_York",
        start=f.local(2024, 11, 4, 8, 0, zone="America/New_York"),
        end=f.local(2024, 11, 5, 18, 0, zone="America/New_York"),
    )
    response = client.get(add_url(PanelPage, conference))
    assert response.context["form"]["time_zone"].value() == "America/New_York"
    # Even if the form says otherwise, a session is where its conference is.
    data = f.session_form_data(
        start="2024-11-04 09:00", end="2024-11-04 10:00", time_zone="Europe/Brussels"
    )
    page = created(
        client.post(add_url(PanelPage, conference), data), PanelPage, conference
    )
    assert page.time_zone == "America/New_York"
    assert page.start == utc(2024, 11, 4, 14, 0)


def test_programme_items_and_runs_are_converted(client, tokyo_editor, index):
    data = f.conference_form_data(
        start="2024-10-26 09:00",
        end="2024-10-27 17:00",
        programme_items=[
            # Saturday: summer time; Sunday: winter time.
            {"title": "Coffee", "start": "2024-10-26 10:30", "end": "2024-10-26 11:00"},
            {"title": "Brunch", "start": "2024-10-27 10:30", "end": "2024-10-27 11:00"},
        ],
    )
    conference = created(
        client.post(add_url(ConferencePage, index), data), ConferencePage, index
    )
    items = {item.title: item for item in ProgrammeItem.objects.filter(page=conference)}
    assert items["Coffee"].start == utc(2024, 10, 26, 8, 30)
    assert items["Brunch"].start == utc(2024, 10, 27, 9, 30)

    data = f.session_form_data(
        "site_visit",
        start="2024-10-26 10:00",
        end="2024-10-26 11:00",
        runs=[("2024-10-27 10:00", "2024-10-27 11:00")],
    )
    visit = created(
        client.post(add_url(SiteVisitPage, conference), data), SiteVisitPage, conference
    )
    run = SiteVisitRun.objects.get(page=visit)
    assert visit.start == utc(2024, 10, 26, 8, 0)
    assert run.start == utc(2024, 10, 27, 9, 0)
    # The run shows as typed on the edit form.
    html = client.get(edit_url(visit)).content.decode()
    assert 'value="2024-10-27 10:00"' in html


def test_time_that_exists_for_the_event_but_not_for_the_editor(client, editor, index):
    """02:30 on 10 March 2024 does not exist in New York (the editor's zone) but
    does in Brussels (the event's)."""
    profile = UserProfile.get_for_user(editor)
    profile.current_time_zone = "America/New_York"
    profile.save()
    data = f.conference_form_data(start="2024-03-10 02:30", end="2024-03-10 05:00")
    page = created(
        client.post(add_url(ConferencePage, index), data), ConferencePage, index
    )
    assert page.start == utc(2024, 3, 10, 1, 30)


def test_changing_zone_and_times_together(client, editor, index):
    page = f.conference(index)
    data = f.conference_form_data(
        title=page.title,
        slug=page.slug,
        start="2024-04-19 09:00",
        end="2024-04-19 17:00",
        time_zone="America/New_York",
        **{"action-publish": "1"},
    )
    response = client.post(edit_url(page), data)
    assert response.status_code == 302, form_errors(response)
    page.refresh_from_db()
    assert page.time_zone == "America/New_York"
    assert page.start == utc(2024, 4, 19, 13, 0)


# Room choices


def test_session_rooms_limited_to_conference_venue(client, editor, conference, venue):
    other = f.venue("Elsewhere", rooms=["Auditorium", "Attic"])
    response = client.get(add_url(PanelPage, conference))
    choices = list(response.context["form"].fields["room"].queryset)
    assert choices == list(venue.rooms.order_by("sort_order"))
    labels = [label for value, label in response.context["form"].fields["room"].choices]
    assert "Auditorium (Lamot Conference and Heritage Centre)" in labels
    assert "Attic (Elsewhere)" not in labels

    # A room of another venue is refused.
    data = f.session_form_data(room=f.room(other, "Attic").pk)
    response = client.post(add_url(PanelPage, conference), data)
    assert response.status_code == 200
    assert "room" in response.context["form"].errors
    assert not PanelPage.objects.exists()


def test_standalone_session_offers_every_room_ordered(client, editor, index, venue):
    f.venue("Abbey", rooms=["Nave", "Cloister"])
    response = client.get(add_url(PanelPage, index))
    labels = [
        label
        for value, label in response.context["form"].fields["room"].choices
        if value
    ]
    assert labels == [
        "Nave (Abbey)",
        "Cloister (Abbey)",
        "Auditorium (Lamot Conference and Heritage Centre)",
        "Dijlezaal (Lamot Conference and Heritage Centre)",
        "Refter (Lamot Conference and Heritage Centre)",
    ]


def test_room_choices_need_no_query_per_option(client, editor, index):
    for n in range(5):
        f.venue(f"Venue {n}", rooms=["A", "B", "C"])
    client.get(add_url(PanelPage, index))  # warm caches
    with CaptureQueriesContext(connection) as few:
        client.get(add_url(PanelPage, index))
    for n in range(5, 15):
        f.venue(f"Venue {n}", rooms=["A", "B", "C"])
    with CaptureQueriesContext(connection) as many:
        response = client.get(add_url(PanelPage, index))
    assert response.status_code == 200
    assert len(many) == len(few)


def test_programme_item_rooms_are_labelled_with_their_venue(client, editor, conference):
    f.programme_item(conference, f.local(2024, 4, 19, 12), f.local(2024, 4, 19, 13))
    response = client.get(edit_url(conference))
    formset = response.context["form"].formsets["programme_items"]
    labels = [label for value, label in formset.forms[0].fields["room"].choices]
    assert "Refter (Lamot Conference and Heritage Centre)" in labels
    assert "Refter (Lamot Conference and Heritage Centre)" in (
        response.content.decode()
    )


# Snippets: venues with rooms, people, organisations


@pytest.fixture
def snippets(db):
    mechelen = f.venue(rooms=["Auditorium"])
    ghent = f.venue(
        "Het Pand", locality="Ghent", step_free_access=True, rooms=["Refter"]
    )
    vvsg = f.organisation("VVSG")
    eurocities = f.organisation("Eurocities")
    somers = f.person("Bart Somers", organisation=vvsg, country="BE")
    f.person(
        "Ylva Johansson", role="Commissioner", organisation=eurocities, country="SE"
    )
    return {
        "mechelen": mechelen,
        "ghent": ghent,
        "vvsg": vvsg,
        "eurocities": eurocities,
        "somers": somers,
    }


@pytest.mark.parametrize("model_name", ["venue", "person", "organisation"])
def test_snippet_views_answer(client, editor, snippets, model_name):
    from django.apps import apps

    model = apps.get_model("wagtail_events", model_name)
    obj = model.objects.first()
    for action, args in (("list", ()), ("add", ()), ("edit", (obj.pk,))):
        response = client.get(snippet_url(model, action, *args))
        assert response.status_code == 200, (action, response.status_code)
    assert str(obj) in client.get(snippet_url(model, "list")).content.decode()


def test_events_menu_group(client, editor):
    response = client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    for model_name in ("venue", "person", "organisation"):
        assert f"/admin/snippets/wagtail_events/{model_name}/" in html


def listed(response):
    """The objects of a snippet listing, as str()."""
    assert response.status_code == 200
    return sorted(str(obj) for obj in response.context["object_list"])


def test_venue_search_and_filters(client, editor, snippets):
    from wagtail_events.models import Venue

    url = snippet_url(Venue, "list")
    assert listed(client.get(url, {"q": "Pand"})) == ["Het Pand"]
    assert listed(client.get(url, {"q": "Ghent"})) == ["Het Pand"]
    assert listed(client.get(url, {"country": "BE"})) == [
        "Het Pand",
        "Lamot Conference and Heritage Centre",
    ]
    assert listed(client.get(url, {"locality": "ghent"})) == ["Het Pand"]
    assert listed(client.get(url, {"step_free_access": "true"})) == ["Het Pand"]
    assert listed(client.get(url, {"step_free_access": "false"})) == [
        "Lamot Conference and Heritage Centre"
    ]
    assert len(listed(client.get(url))) == 2


def test_person_search_and_filters(client, editor, snippets):
    from wagtail_events.models import Person

    url = snippet_url(Person, "list")
    assert listed(client.get(url, {"q": "Ylva"})) == ["Ylva Johansson"]
    assert listed(client.get(url, {"q": "Commissioner"})) == ["Ylva Johansson"]
    assert listed(client.get(url, {"q": "eurocit"})) == ["Ylva Johansson"]
    assert listed(client.get(url, {"organisation": snippets["vvsg"].pk})) == [
        "Bart Somers"
    ]
    assert listed(client.get(url, {"country": "SE"})) == ["Ylva Johansson"]
    assert listed(client.get(url, {"country": "BE", "q": "Bart"})) == ["Bart Somers"]


def test_organisation_search(client, editor, snippets):
    from wagtail_events.models import Organisation

    url = snippet_url(Organisation, "list")
    assert listed(client.get(url, {"q": "euro"})) == ["Eurocities"]


def test_create_venue_with_rooms(client, editor):
    from wagtail.test.utils.form_data import nested_form_data

    from wagtail_events.models import Venue

    data = nested_form_data(
        {
            "name": "De Krook",
            "street_address": "Miriam Makebaplein 1",
            "postal_code": "9000",
            "locality": "Ghent",
            "country": "BE",
            "latitude": "",
            "longitude": "",
            "accessibility_notes": "",
            "public_transport": "",
            "rooms": inline_formset(
                [
                    {
                        "name": "Blauwe zaal",
                        "capacity": "120",
                        "accessibility_notes": "",
                    },
                    {"name": "Studio", "capacity": "", "accessibility_notes": ""},
                ]
            ),
        }
    )
    response = client.post(snippet_url(Venue, "add"), data)
    assert response.status_code == 302, form_errors(response)
    venue = Venue.objects.get(name="De Krook")
    assert [room.name for room in venue.rooms.all()] == ["Blauwe zaal", "Studio"]
    response = client.get(snippet_url(Venue, "edit", venue.pk))
    assert "Blauwe zaal" in response.content.decode()


def test_session_time_zone_is_set_by_the_conference(client, editor, conference):
    response = client.get(add_url(PanelPage, conference))
    field = response.context["form"].fields["time_zone"]
    assert field.disabled
    assert "conference’s time zone" in str(field.help_text)
    # On its own, a session chooses its zone.
    response = client.get(add_url(PanelPage, conference.get_parent()))
    assert not response.context["form"].fields["time_zone"].disabled


def test_chosen_room_of_another_venue_stays_on_offer(client, editor, conference):
    other = f.venue("Elsewhere", rooms=["Attic"])
    attic = f.room(other, "Attic")
    session = f.panel(
        conference, f.local(2024, 4, 19, 10), f.local(2024, 4, 19, 11), room=attic
    )
    response = client.get(edit_url(session))
    assert attic in response.context["form"].fields["room"].queryset
    assert "selected>Attic (Elsewhere)</option>" in response.content.decode()


def test_venue_listing_counts_rooms(client, editor, snippets):
    from wagtail_events.models import Venue

    response = client.get(snippet_url(Venue, "list"))
    rows = {str(venue): venue.room_count for venue in response.context["object_list"]}
    assert rows == {"Het Pand": 1, "Lamot Conference and Heritage Centre": 1}
    assert "Rooms" in response.content.decode()


def test_room_choices_are_those_of_the_pages_language(client, editor, index, venue):
    """A translated venue has its own rooms: an English page offers the English
    rooms, not their Dutch translations, and keeps a room already chosen."""
    f.translate(venue, f.locale("nl"))
    f.translate_strings(venue, {"Dijlezaal": "Dijlezaal (NL)"}, f.locale("nl"))
    assert venue.rooms.count() * 2 == Room.objects.count()

    response = client.get(add_url(PanelPage, index))
    choices = set(response.context["form"].fields["room"].queryset)
    assert choices == set(venue.rooms.all())

    conference = f.conference(index, venue=venue)
    dutch_room = Room.objects.exclude(locale=venue.locale).first()
    f.programme_item(
        conference, f.local(2024, 4, 19, 12), f.local(2024, 4, 19, 13), room=dutch_room
    )
    f.programme_item(conference, f.local(2024, 4, 19, 15), f.local(2024, 4, 19, 16))
    response = client.get(edit_url(conference))
    formset = response.context["form"].formsets["programme_items"]
    for form in formset.forms:
        offered = set(form.fields["room"].queryset)
        assert set(venue.rooms.all()) <= offered
        assert (dutch_room in offered) == (form.instance.room_id == dutch_room.pk)
