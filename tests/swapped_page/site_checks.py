"""A site that swaps Wagtail's Page for its own base page model runs the package.

Run by test_swapped_site.py in a pytest of its own, with
``tests.swapped_page.settings`` (a process has one settings module, and the
swap is made before the first migration): pytest-django migrates a fresh
database from nothing, then these tests build a site with the package's
factories and the admin, and visit it as a visitor does. Not named ``test_*``:
the other runs, where Page is not swapped, do not collect it.
"""

import datetime
import json
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command
from django.db.migrations.recorder import MigrationRecorder
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page as WagtailPage

from tests import factories
from tests.swapped_page.models import BasePage
from wagtail_events.models import (
    ConferencePage,
    EventIndexPage,
    EventPage,
    Registration,
    ScheduleChange,
    SeriesPage,
    WorkshopPage,
)
from wagtail_events.page_model import base_page_model


pytestmark = pytest.mark.django_db

# Registration closes when an event begins: the events lie ahead.
YEAR = timezone.now().year + 2
BRUSSELS = ZoneInfo(factories.BRUSSELS)


def test_the_page_types_extend_the_sites_base_page_model():
    assert settings.WAGTAIL_PAGE_MODEL == "swapped_page.BasePage"
    assert WagtailPage._meta.swapped == "swapped_page.BasePage"
    assert base_page_model() is BasePage
    for model in (EventIndexPage, EventPage, ConferencePage, WorkshopPage):
        assert issubclass(model, BasePage) and not issubclass(model, WagtailPage)
    # Django names the parent link after the base page model.
    assert EventPage._meta.get_field("basepage_ptr").remote_field.model is BasePage
    assert EventIndexPage._meta.pk.name == "basepage_ptr"


def test_the_migrations_agree_with_the_models_and_ran_in_order():
    # No change to write: the package's migrations name the swapped-in model.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
    call_command("check", fail_level="WARNING")
    applied = list(
        MigrationRecorder.Migration.objects.order_by("pk").values_list("app", "name")
    )
    assert ("wagtail_events", "0018_change_notices") in applied
    # The base page model's first migration ran before Wagtail's and the
    # package's, which point to it.
    assert applied.index(("swapped_page", "0001_initial")) < min(
        applied.index(("wagtailcore", "0001_initial")),
        applied.index(("wagtail_events", "0001_initial")),
    )


def test_a_site_built_and_visited(client, django_user_model):
    editor = django_user_model.objects.create_superuser(
        "editor", "editor@example.org", "password"
    )
    client.force_login(editor)
    index = factories.event_index(title="Events", slug="events")
    form = factories.registration_form(
        questions=[factories.question("Organisation")],
        title="Register for the study day",
    )

    # A conference made in the admin, with the base page model's own field.
    add = reverse(
        "wagtailadmin_pages:add", args=("wagtail_events", "conferencepage", index.pk)
    )
    assert client.get(add).status_code == 200
    data = factories.conference_form_data(
        title="Study day on local democracy",
        slug="study-day",
        start=f"{YEAR}-04-19 08:15",
        end=f"{YEAR}-04-19 18:00",
        registration_form=str(form.pk),
        audience="Mayors",
        **{"action-publish": "1"},
    )
    response = client.post(add, data)
    assert response.status_code == 302, response.context["form"].errors
    conference = ConferencePage.objects.child_of(index).get()
    assert conference.live and conference.audience == "Mayors"
    assert BasePage.objects.get(pk=conference.pk).specific == conference
    edit = reverse("wagtailadmin_pages:edit", args=(conference.pk,))
    assert client.get(edit).status_code == 200
    client.logout()

    # A session of it, and a workshop that repeats weekly across the change to
    # summer time (Brussels, last Sunday of March).
    factories.panel(
        conference,
        factories.local(YEAR, 4, 19, 9),
        factories.local(YEAR, 4, 19, 10, 30),
        title="Participation budgets",
    )
    reading_group = factories.repeating(
        index,
        factories.local(YEAR, 3, 16, 19),
        factories.local(YEAR, 3, 16, 21),
        "RRULE:FREQ=WEEKLY;COUNT=4",
        title="Reading group",
    )

    listing = client.get(index.url)
    assert listing.status_code == 200
    assert "Study day on local democracy" in listing.text
    assert "Reading group" in listing.text

    page = client.get(conference.url)
    assert page.status_code == 200
    assert "Participation budgets" in page.text

    feed = client.get(conference.url + "calendar.ics")
    assert feed.status_code == 200
    assert b"SUMMARY:Participation budgets" in feed.content

    schedule = json.loads(client.get(conference.url + "schedule.json").content)
    titles = [
        talk["title"]
        for day in schedule["schedule"]["conference"]["days"]
        for talks in day["rooms"].values()
        for talk in talks
    ]
    assert titles == ["Participation budgets"]

    # Every date of the repeating event at 19:00 Brussels time, on both sides
    # of the change to summer time (the last Sunday of March).
    feed = icalendar.Calendar.from_ical(
        client.get(reading_group.url + "calendar.ics").content
    )
    starts = [
        event.decoded("DTSTART")
        for event in recurring_ical_events.of(feed).between(
            datetime.datetime(YEAR, 1, 1, tzinfo=datetime.UTC),
            datetime.datetime(YEAR + 1, 1, 1, tzinfo=datetime.UTC),
        )
    ]
    assert [(start.month, start.day) for start in starts] == [
        (3, 16),
        (3, 23),
        (3, 30),
        (4, 6),
    ]
    assert {start.astimezone(BRUSSELS).hour for start in starts} == {19}
    assert {start.utcoffset() for start in starts} == {
        datetime.timedelta(hours=1),
        datetime.timedelta(hours=2),
    }

    # A visitor registers.
    form_html = BeautifulSoup(page.content, "html.parser").select_one(
        "form.we-registration__form"
    )
    assert form_html["action"] == conference.url + "register/"
    answer = client.post(
        conference.url + "register/",
        {
            "name": "Ada Lovelace",
            "email": "ada@example.org",
            "q_organisation": "City of Mechelen",
            "privacy_accepted": "on",
            "website": "",
        },
    )
    assert answer.status_code in (200, 302)
    registration = Registration.objects.get()
    assert registration.page_id == conference.pk
    assert registration.email == "ada@example.org"

    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert conference.full_url.encode() in sitemap.content


def test_a_delete_a_breadcrumb_and_a_speakers_page(
    client, django_capture_on_commit_callbacks
):
    index = factories.event_index()
    # A session deleted from a published programme is recorded as removed,
    # once the base page model's row of it is gone.
    conference = factories.conference(
        index, factories.local(YEAR, 9, 1, 9), factories.local(YEAR, 9, 1, 17)
    )
    session = factories.panel(
        conference,
        factories.local(YEAR, 9, 1, 10),
        factories.local(YEAR, 9, 1, 11),
        title="Urban renewal",
    )
    conference.save_revision().publish()
    session.delete()
    assert list(
        ScheduleChange.objects.filter(
            conference_key=conference.translation_key
        ).values_list("entry_title", "what")
    ) == [("Urban renewal", "removed")]

    mayor = factories.person("Bart Somers")
    group = factories.series(index, title="Reflection group")
    first = factories.meeting(
        group,
        factories.local(YEAR, 5, 4, 19),
        factories.local(YEAR, 5, 4, 21),
        title="Opening meeting",
        speakers=[factories.speaker(mayor)],
    )
    first.save_revision().publish()
    last = factories.meeting(
        group, factories.local(YEAR, 6, 1, 19), factories.local(YEAR, 6, 1, 21)
    )
    assert SeriesPage.objects.get(pk=group.pk).end == last.end
    # A series follows its meetings.
    with django_capture_on_commit_callbacks(execute=True):
        last.delete()
    assert SeriesPage.objects.get(pk=group.pk).end == first.end

    # The breadcrumb, read from the base page model's table.
    page = client.get(first.url)
    assert page.status_code == 200
    breadcrumb = BeautifulSoup(page.content, "html.parser").select_one(
        "nav.we-breadcrumb"
    )
    links = [a["href"] for a in breadcrumb.select("a")]
    assert links[-2:] == [index.url, group.url]

    # The speaker's page finds the meeting through Wagtail's reference index,
    # where pages are filed under the base page model.
    person = client.get(f"{index.url}people/{mayor.slug}/")
    assert person.status_code == 200
    assert f'href="{first.url}"' in person.content.decode()
