"""The example site's demo content: loaded once, shown faithfully.

Loading the demo takes a few seconds, so each test loads it once and checks
several things, each in a small helper named after what it checks.
"""

import datetime
import html
import zoneinfo

import icalendar
import pytest
import recurring_ical_events
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from wagtail_events import calendar, listing, registrations
from wagtail_events.models import (
    ConferencePage,
    EventPage,
    Occurrence,
    OccurrenceChange,
    Organisation,
    PanelPage,
    Person,
    ProgrammeItem,
    RegistrationForm,
    RegistrationFormField,
    Room,
    SiteVisitPage,
    SiteVisitRun,
    Venue,
    WorkshopPage,
)
from wagtail_events.programme import build_programme
from wagtail_events.validation import validate_event


MECHELEN = "local-government-approaches-to-diversity"
WEEKLY = "dutch-language-practice-meeting"
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
COUNTED = [
    Page,
    Person,
    Venue,
    Room,
    Organisation,
    ProgrammeItem,
    SiteVisitRun,
    Revision,
    Occurrence,
    OccurrenceChange,
    RegistrationForm,
    RegistrationFormField,
]


@pytest.fixture
def demo(db):
    call_command("load_demo_content", verbosity=0)


def counts():
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_loading_twice_creates_and_changes_nothing(demo):
    before = counts()
    latest = {p.pk: p.latest_revision_id for p in Page.objects.all()}
    call_command("load_demo_content", verbosity=0)
    assert counts() == before
    assert {p.pk: p.latest_revision_id for p in Page.objects.all()} == latest

    _check_home_replaces_welcome_page()
    _check_pages_are_live_with_a_revision()
    _check_editors_rules()


def _check_home_replaces_welcome_page():
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert type(home).__name__ == "HomePage"
    assert (home.title, home.slug) == ("Events example site", "home")
    assert not Page.objects.filter(title__startswith="Welcome").exists()
    index = home.get_children().get().specific
    assert (index.title, index.slug) == ("Events", "events")
    # five seeds and the invented weekly meeting
    assert index.get_children().count() == 6


def _check_pages_are_live_with_a_revision():
    for page in Page.objects.filter(depth__gt=1):
        assert page.live, page.title
        assert page.latest_revision_id is not None, page.title
        assert page.first_published_at is not None, page.title


def _check_editors_rules():
    """What the admin form or the blocks would refuse is not in the demo either."""
    for event in EventPage.objects.all().specific():
        parent = event.get_parent().specific
        fields = ("start", "end", "time_zone", "attendance_mode", "online_url")
        data = {field: getattr(event, field) for field in fields}
        data["room"] = getattr(event, "room", None)
        if hasattr(event, "meeting_point"):
            data["meeting_point"] = event.meeting_point
        assert validate_event(event, data, parent) == [], event.title
        for name in ("speakers", "body", "practical_information"):
            stream = getattr(event, name, None)
            if stream is not None:
                stream.stream_block.clean(stream)


def test_mechelen_programme(client, demo):
    mechelen = ConferencePage.objects.get(slug=MECHELEN)
    programme = build_programme(mechelen)
    assert [day.date.isoformat() for day in programme.days] == ["2024-04-19"]
    day = programme.days[0]

    _check_columns(day)
    _check_three_workshop_rooms_at_10_15(day)
    _check_city_tour_runs_twice(day)
    _check_exhibition_is_all_day(day)
    _check_breaks_span(day)
    _check_combined_panel(day)
    _check_video_message_and_tbc(day)
    _check_sport_sessions(mechelen)
    _check_page_shows_speaker_details(client, mechelen)


def _check_columns(day):
    assert [column.label for column in day.columns] == [
        "Auditorium",
        "Dijlezaal",
        "Begijnenzolder",
        "Herten Aas",
        "Site visits in Mechelen",
    ]


def _check_three_workshop_rooms_at_10_15(day):
    at_10_15 = [s for s in day.slots if s.start.strftime("%H:%M") == "10:15"]
    rooms = {"Dijlezaal", "Begijnenzolder", "Herten Aas"}
    workshops = [s for s in at_10_15 if s.room in rooms]
    assert {s.room for s in workshops} == rooms
    assert {(s.kind, s.track) for s in workshops} == {("workshop", "Parallel sessions")}
    assert [s.kind for s in at_10_15 if s.room == "Auditorium"] == ["panel"]


def _check_city_tour_runs_twice(day):
    tour = [s for s in day.slots if s.title.startswith("Mechelen, an inclusive city")]
    assert [(s.start.strftime("%H:%M"), s.run, s.kind) for s in tour] == [
        ("10:15", 1, "sitevisit"),
        ("13:00", 2, "sitevisit"),
    ]


def _check_exhibition_is_all_day(day):
    assert [(s.title, s.kind) for s in day.all_day] == [
        ("Urban renewal is human work", "exhibition")
    ]


def _check_breaks_span(day):
    by_title = {s.title: s for s in day.slots}
    for title in ("Registration", "Lunch", "Coffee break", "Reception"):
        assert by_title[title].spans, title
    assert not by_title["Welcoming remarks"].spans
    for title in ("Lunch", "Coffee break"):
        cells = [c for row in day.rows for c in row.cells if c.slot is by_title[title]]
        assert [c.colspan for c in cells] == [day.width], title


def _check_combined_panel(day):
    slot = next(s for s in day.slots if s.title.startswith("Building diverse"))
    headings = [group.heading for group in slot.speaker_groups]
    assert headings == [
        "Panel 1: Building diverse and inclusive cities: the role of architecture",
        "Panel 2: The future of local diversity and inclusion governance",
    ]
    somers = slot.speaker_groups[1].speakers[0]
    assert (somers.name, somers.role, somers.country) == (
        "Bart Somers",
        "Mayor of Mechelen",
        "BE",
    )


def _check_video_message_and_tbc(day):
    speakers = {sp.name: sp for s in day.slots for sp in s.speakers}
    assert speakers["Ylva Johansson"].by_video_message
    tbc = {name for name, sp in speakers.items() if sp.to_be_confirmed}
    assert tbc == {"Paola Alvarez", "Silke Beirens", "Rutger Groot Wassink"}
    assert speakers["Gwendolyn Rutten"].role.startswith("Vice-Minister-President")


def _check_sport_sessions(mechelen):
    sport = mechelen.get_children().filter(slug__startswith="sport-").specific()
    assert {p.venue.name for p in sport} == {"De Zalm"}
    assert all("stairs" in p.venue.accessibility_notes for p in sport)
    practical = next(p for p in sport if p.slug.endswith("-practical"))
    assert practical.what_to_bring == "Your sports kit"


def _check_page_shows_speaker_details(client, mechelen):
    page = client.get(mechelen.url).content.decode()
    assert "(video message)" in page
    assert page.count(">TBC</abbr>") >= 3
    assert "events-mechelen@example.org" in page
    assert "vlaanderen.be" not in page


def test_weekly_meeting_repeats_at_local_time(demo):
    """The invented weekly meeting: every Tuesday at 19:00 in Brussels, in winter
    (18:00 UTC) and in summer (17:00 UTC), with one date cancelled and one moved."""
    page = EventPage.objects.get(slug=WEEKLY)
    occurrences = list(page.occurrences.order_by("original_start"))
    planned = [o.original_start.astimezone(BRUSSELS) for o in occurrences]

    tuesday, tuesdays = datetime.date(2026, 3, 3), []
    while tuesday <= datetime.date(2027, 6, 29):
        tuesdays.append(tuesday)
        tuesday += datetime.timedelta(weeks=1)
    assert [start.date() for start in planned] == tuesdays
    assert {start.strftime("%H:%M") for start in planned} == {"19:00"}

    by_day = {o.original_start.astimezone(BRUSSELS).date(): o for o in occurrences}
    utc_hours = {
        "2026-03-24": 18,  # winter time
        "2026-03-31": 17,  # after the clocks went forward on 29 March 2026
        "2026-10-20": 17,
        "2026-10-27": 18,  # after the clocks went back on 25 October 2026
        "2027-03-23": 18,
        "2027-03-30": 17,  # after 28 March 2027
    }
    for day, hour in utc_hours.items():
        occurrence = by_day[datetime.date.fromisoformat(day)]
        assert occurrence.start.astimezone(datetime.UTC).hour == hour, day
        assert occurrence.local_start.strftime("%H:%M") == "19:00", day
        assert occurrence.local_end.strftime("%H:%M") == "20:30", day

    cancelled = [o for o in occurrences if o.cancelled]
    assert [o.local_start.date().isoformat() for o in cancelled] == ["2026-12-29"]
    assert cancelled[0].note == "No meeting during the Christmas holidays."

    moved = [o for o in occurrences if o.moved]
    assert [(o.local_start.isoformat(), o.local_end.isoformat()) for o in moved] == [
        ("2027-05-12T19:00:00", "2027-05-12T20:30:00")
    ]
    assert by_day[datetime.date(2027, 5, 11)] is moved[0]
    assert "Wednesday" in moved[0].note
    assert OccurrenceChange.objects.filter(page=page).count() == 2


def test_weekly_meeting_calendar_agrees_with_the_site(demo):
    """Calendar apps expanding the series see the dates the site lists."""
    page = EventPage.objects.get(slug=WEEKLY).specific
    document = icalendar.Calendar.from_ical(calendar.event_calendar(page).to_ical())
    expanded = recurring_ical_events.of(document).between(
        datetime.datetime(2026, 1, 1), datetime.datetime(2028, 1, 1)
    )
    seen = sorted(
        (e.decoded("dtstart").astimezone(BRUSSELS), e.decoded("dtend"))
        for e in expanded
    )
    stored = sorted(
        (o.start.astimezone(BRUSSELS), o.end)
        for o in page.occurrences.filter(cancelled=False)
    )
    assert seen == stored
    assert len(seen) == 69  # 70 Tuesdays, one cancelled
    assert {start.strftime("%H:%M") for start, _end in seen} == {"19:00"}


def test_weekly_meeting_in_the_index(client, demo):
    """The index lists the meeting's dates: upcoming on the day of writing (22
    November 2026), and every Tuesday in the month view, the cancelled one marked."""
    index = EventPage.objects.get(slug=WEEKLY).get_parent().specific
    today = datetime.datetime(2026, 11, 22, 12, tzinfo=datetime.UTC)
    upcoming = list(listing.occurrences_in(index, now=today)[:3])
    assert [(o.page.slug, o.local_start.isoformat()) for o in upcoming] == [
        (WEEKLY, "2026-11-24T19:00:00"),
        (WEEKLY, "2026-12-01T19:00:00"),
        (WEEKLY, "2026-12-08T19:00:00"),
    ]

    december = client.get(index.url + "?month=2026-12")
    assert december.status_code == 200
    page = december.content.decode()
    for day in ("Tuesday 1 December", "Tuesday 29 December"):
        assert day in page
    assert page.count("Dutch language practice meeting") == 5
    assert "No meeting during the Christmas holidays." in page


def test_one_off_events_and_runs_are_occurrences(demo):
    for event in EventPage.objects.live():
        assert event.occurrences.exists(), event.title

    tour = EventPage.objects.get(slug="mechelen-an-inclusive-city")
    assert [
        (o.local_start.isoformat(), o.local_end.isoformat())
        for o in tour.occurrences.order_by("start")
    ] == [
        ("2024-04-19T10:15:00", "2024-04-19T12:00:00"),
        ("2024-04-19T13:00:00", "2024-04-19T14:45:00"),
    ]

    # Seed 001 names only the closing session's day: one all-day occurrence.
    closing = EventPage.objects.get(slug="promoting-a-dialogue-on-migration")
    assert [o.local_start.date().isoformat() for o in closing.occurrences.all()] == [
        "2024-04-24"
    ]


def test_every_demo_page_answers(client, demo):
    home = Site.objects.get(is_default_site=True).root_page
    index = home.get_children().get()
    pages = [home, *Page.objects.descendant_of(index, inclusive=True)]
    # home, index, 6 events, 2 online sessions, 16 sessions in Mechelen
    assert len(pages) == 26
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert html.escape(page.title) in response.content.decode(), page.url

    # The weekly meeting's past dates come first in "Past"; the five seeds are the
    # past conferences, which the index's introduction links to.
    past = client.get(index.url + "?when=past&type=conference")
    assert past.status_code == 200
    for event in index.get_children().exclude(slug=WEEKLY):
        assert html.escape(event.title) in past.content.decode()
    assert "?when=past&amp;type=conference" in client.get(index.url).content.decode()

    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert f"/events/{MECHELEN}/".encode() in sitemap.content


def test_admin_edits_every_demo_page(admin_client, demo):
    for page in Page.objects.filter(depth__gt=1):
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page.title


def test_demo_admin_is_created_once(db):
    from django.contrib.auth import get_user_model

    call_command("ensure_demo_admin", verbosity=0)
    call_command("ensure_demo_admin", verbosity=0)
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password("admin")


# Registration forms, as the seeds describe registering

STUDY_DAY = "samenwerken-aan-een-participatief-lokaal-integratiebeleid"
FORUM = "belgian-online-diversity-dialogue-forum"


def form_of(slug):
    return EventPage.objects.get(slug=slug).registration_form


def test_registration_forms_follow_the_seeds(client, demo):
    # Mechelen: 3, the online forum: 2, the study day, seed 004, the weekly meeting.
    assert RegistrationForm.objects.count() == 8
    call_command("load_demo_content", verbosity=0)
    assert RegistrationForm.objects.count() == 8
    assert RegistrationFormField.objects.filter(clean_name="").count() == 0

    _check_mechelen_forms()
    _check_study_day_closed(client)
    _check_forum_second_session_upon_invitation()
    _check_migrants_bring_places()
    _check_weekly_meeting_places_per_date()
    _check_every_form_has_a_privacy_notice()


def _check_mechelen_forms():
    mechelen = ConferencePage.objects.get(slug=MECHELEN)
    form = mechelen.registration_form
    assert form.capacity is None  # the seed gives no number
    assert form.ask_accessibility_needs
    # The seed: ask for an interpreter or a loop two weeks ahead, by 5 April.
    for words in ("Flemish Sign Language", "loop", "two weeks", "05/04/2024"):
        assert words in form.introduction, words
    assert "vlaanderen.be" not in form.introduction
    labels = list(
        form.form_fields.order_by("sort_order").values_list("label", flat=True)
    )
    assert labels == ["Organisation or municipality", "You are"]

    sessions = {p.slug: p for p in mechelen.get_children().specific()}
    panels = [p for p in sessions.values() if isinstance(p, PanelPage)]
    visits = [p for p in sessions.values() if isinstance(p, SiteVisitPage)]
    workshops = [p for p in sessions.values() if isinstance(p, WorkshopPage)]
    assert len(panels) == 3 and len(visits) == 2 and len(workshops) == 11
    assert all(p.registration_form is None for p in panels)
    assert {p.registration_form.capacity for p in workshops} == {40}
    assert {p.registration_form.capacity for p in visits} == {20}
    for page in workshops + visits:
        assert page.registration_form.waiting_list, page.title
        assert "two weeks" in page.registration_form.introduction, page.title


def _check_study_day_closed(client):
    page = EventPage.objects.get(slug=STUDY_DAY)
    form = page.registration_form
    assert form.closes_at.astimezone(BRUSSELS) == datetime.datetime(
        2023, 3, 20, 23, 59, tzinfo=BRUSSELS
    )
    assert form.cancellation_deadline.astimezone(BRUSSELS) == datetime.datetime(
        2023, 3, 20, tzinfo=BRUSSELS
    )
    assert "no-show vergoeding van 15€" in form.cancellation_policy
    assert "voor 20 maart" in form.cancellation_policy
    assert "Stad of gemeente" in form.form_fields.values_list("label", flat=True)

    content = client.get(page.url).content.decode()
    assert 'id="register"' in content
    assert "Registration is closed." in content
    assert "we-registration__form" not in content
    assert 'name="email"' not in content


def _check_forum_second_session_upon_invitation():
    forum = ConferencePage.objects.get(slug=FORUM)
    assert forum.registration_form is None  # the seed registers per session
    panel, counselling = forum.get_children().specific().order_by("eventpage__start")
    assert not panel.registration_form.requires_approval
    assert counselling.registration_form.requires_approval
    assert "only upon invitation" in counselling.registration_form.introduction


def _check_migrants_bring_places():
    form = form_of("its-amazing-what-migrants-bring")
    assert (form.capacity, form.waiting_list) == (140, True)


def _check_weekly_meeting_places_per_date():
    page = EventPage.objects.get(slug=WEEKLY)
    form = page.registration_form
    assert form.capacity == 12
    now = datetime.datetime(2026, 11, 22, 12, tzinfo=datetime.UTC)
    first, second = registrations.date_options(page, form, now)[:2]
    registrations.register(
        page,
        form,
        name="Ann",
        email="ann@example.org",
        answers={"your_dutch": "I get by"},
        occurrence=first.occurrence,
        now=now,
    )
    first, second = registrations.date_options(page, form, now)[:2]
    assert (first.availability.places_left, second.availability.places_left) == (
        11,
        12,
    )


def _check_every_form_has_a_privacy_notice():
    for form in RegistrationForm.objects.all():
        assert "privacy@example.org" in form.privacy_notice, form.title


def test_home_page_promotes_the_weekly_meeting_with_its_form(client, demo):
    home = Site.objects.get(is_default_site=True).root_page.specific
    (block,) = home.body
    assert block.block_type == "registration_form"
    assert block.value["page"].slug == WEEKLY
    content = client.get(home.url).content.decode()
    meeting = EventPage.objects.get(slug=WEEKLY)
    assert f'action="{meeting.url}register/"' in content


def test_links_in_mails_lead_to_where_the_demo_is_served(demo):
    from django.test.utils import override_settings

    with override_settings(WAGTAILADMIN_BASE_URL="http://127.0.0.1:8123"):
        call_command("load_demo_content", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)
    meeting = EventPage.objects.get(slug=WEEKLY)
    assert meeting.get_full_url().startswith("http://127.0.0.1:8123/")
