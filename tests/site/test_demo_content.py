"""The example site's demo content: loaded once, shown faithfully.

Loading the demo takes half a minute, so it is loaded once for the module's tests
(each runs in a transaction of its own, inside the one that holds the demo, and
rolled back after it), and each test checks several things, each in a small
helper named after what it checks.

Languages: the site is in English, Dutch and French; the Mechelen conference
(seed 002) has a Dutch translation and the Dutch study day (seed 003) an English
one, both made with wagtail-localize.
"""

import datetime
import html
import json
import logging
import zoneinfo
from decimal import Decimal
from xml.etree import ElementTree as ET

import icalendar
import pytest
import recurring_ical_events
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from example_site.demo.content import TRANSLATED, seed_002_mechelen_nl, site
from example_site.demo.loader import Report
from example_site.demo.translate import MissingTranslations, translate
from tests.exchange.agreement import assert_outputs_agree
from wagtail_events.editing.validation import validate_event
from wagtail_events.exchange import calendars as calendar
from wagtail_events.models import (
    ConferencePage,
    EventIndexPage,
    EventPage,
    OccurrenceChange,
    Organisation,
    PanelPage,
    Person,
    RegistrationForm,
    RegistrationFormField,
    SeriesPage,
    SiteVisitPage,
    WorkshopPage,
)
from wagtail_events.occurrences import listing
from wagtail_events.programme.timetable import build_programme
from wagtail_events.registration import availability, writer


# All on one pytest-xdist worker (noxfile: --dist loadgroup), so that the demo is
# loaded once per session rather than once per worker.
pytestmark = [pytest.mark.xdist_group("demo_content"), pytest.mark.once]

MECHELEN = "local-government-approaches-to-diversity"
MECHELEN_NL = "lokale-besturen-en-hun-aanpak-van-diversiteit"
WEEKLY = "dutch-language-practice-meeting"
STUDY_DAY = "samenwerken-aan-een-participatief-lokaal-integratiebeleid"
STUDY_DAY_EN = "working-together-on-a-participatory-local-integration-policy"
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


class _Records(logging.Handler):
    """What is logged while the demo loads, at every level."""

    def __init__(self):
        super().__init__(logging.NOTSET)
        self.records = []

    def emit(self, record):
        self.records.append(record)


LOGGED = _Records()


@pytest.fixture(scope="module")
def _loaded_once(django_db_setup, django_db_blocker):
    root = logging.getLogger()
    with django_db_blocker.unblock(), transaction.atomic():
        root.addHandler(LOGGED)
        try:
            call_command("load_demo_content", verbosity=0)
        finally:
            root.removeHandler(LOGGED)
        yield
        transaction.set_rollback(True)
    Site.clear_site_root_paths_cache()


@pytest.fixture
def demo(_loaded_once, db):
    yield
    # A test may have moved the site (its rows are rolled back, not the cache).
    Site.clear_site_root_paths_cache()


def locale(code):
    return Locale.objects.get(language_code=code)


def counts():
    """Rows of every model, the package's, Wagtail's and wagtail-localize's."""
    return {
        model._meta.label: model._default_manager.count() for model in apps.get_models()
    }


def test_loading_twice_creates_and_changes_nothing(demo):
    before = counts()
    latest = {p.pk: p.latest_revision_id for p in Page.objects.all()}
    translated = dict(StringTranslation.objects.values_list("pk", "updated_at"))
    call_command("load_demo_content", verbosity=0)
    assert counts() == before
    assert {p.pk: p.latest_revision_id for p in Page.objects.all()} == latest
    assert dict(StringTranslation.objects.values_list("pk", "updated_at")) == (
        translated
    )

    _check_home_replaces_welcome_page()
    _check_pages_are_live_with_a_revision()
    _check_editors_rules()


def _check_home_replaces_welcome_page():
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert type(home).__name__ == "HomePage"
    assert (home.title, home.slug) == ("Events example site", "home")
    assert home.locale == Locale.get_default() == locale("en")
    assert not Page.objects.filter(title__startswith="Welcome").exists()
    index = home.get_children().get().specific
    assert (index.title, index.slug) == ("Events", "events")
    # five seeds (the study day as its English translation), the weekly meeting
    # and the example conference
    assert index.get_children().count() == 7


def _check_pages_are_live_with_a_revision():
    for page in Page.objects.filter(depth__gt=1):
        assert page.live, page.title
        assert page.latest_revision_id is not None, page.title
        assert page.first_published_at is not None, page.title


def _check_editors_rules():
    """What the admin form or the blocks would refuse is not in the demo either."""
    for event in EventPage.objects.all().specific():
        parent = event.get_parent().specific
        fields = (
            "start",
            "end",
            "date_to_be_announced",
            "announced_weekday",
            "announced_start_time",
            "announced_end_time",
            "time_zone",
            "attendance_mode",
            "online_url",
        )
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
    _check_plenaries_and_de_zalm_on_the_pages(client, mechelen)
    _check_page_shows_speaker_details(client, mechelen)


def _check_columns(day):
    assert [column.label for column in day.columns] == [
        "Auditorium",
        "Dijlezaal",
        "Begijnenzolder",
        "Herten Aas",
        # The two sessions held in De Zalm, a building of their own.
        "De Zalm",
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
    """Exactly the two sessions the seed says "will be hosted in De Zalm" are
    there: the Collective Impact workshop and the sport theory session. The seed
    gives De Zalm no address, so neither does the demo."""
    sessions = mechelen.get_children().specific()
    zalm = {p.slug for p in sessions if p.venue and p.venue.name == "De Zalm"}
    assert zalm == {
        "introduction-to-the-collective-impact-model",
        "sport-and-prevention-of-radicalisation-theory",
    }
    venue = next(p.venue for p in sessions if p.slug in zalm)
    assert "stairs" in venue.accessibility_notes
    assert venue.street_address == ""
    sport = [p for p in sessions if p.slug.startswith("sport-")]
    practical = next(p for p in sport if p.slug.endswith("-practical"))
    assert practical.what_to_bring == "Your sports kit"
    # No meeting point the seed does not give: the page says it is not given.
    points = {p.meeting_point for p in sessions if hasattr(p, "meeting_point")}
    assert points == {"Not given in the announcement"}


def _check_plenaries_and_de_zalm_on_the_pages(client, mechelen):
    page = " ".join(client.get(mechelen.url).content.decode().split())
    assert (
        # A saved person: the name links to her page.
        'Gwendolyn Rutten</a> <span class="we-slot__role">– Vice-Minister-President of '
        "the Government of Flanders and Minister of Home Affairs, Civic Integration, "
        "and Equal Opportunities</span>"
    ) in page
    assert (
        "Administrator-General of Agency of Home Affairs – Government of Flanders"
    ) in page
    assert "Free to visit all day." in page  # the exhibition's text
    session = mechelen.get_children().get(
        slug="introduction-to-the-collective-impact-model"
    )
    html = client.get(session.url).content.decode()
    assert "De Zalm, Mechelen, Belgium" in html
    assert "this session is held at De Zalm." in html
    assert "Reachable by stairs only." in html


def _check_page_shows_speaker_details(client, mechelen):
    page = client.get(mechelen.url).content.decode()
    assert "(video message)" in page
    assert page.count(">TBC</abbr>") >= 3
    # The seed's contact, a named contact (general and accessibility requests).
    assert "Tom De Bruyn" in page and "events@example.org" in page
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
    """The index lists the meeting once, by its next date on the day of writing
    (22 November 2026), and every Tuesday in the month view, the cancelled one
    marked."""
    index = EventPage.objects.get(slug=WEEKLY).get_parent().specific
    today = datetime.datetime(2026, 11, 22, 12, tzinfo=datetime.UTC)
    upcoming = list(listing.occurrences_in(index, now=today))
    weekly = [o.local_start.isoformat() for o in upcoming if o.page.slug == WEEKLY]
    assert weekly == ["2026-11-24T19:00:00"]

    december = client.get(index.url + "?month=2026-12")
    assert december.status_code == 200
    page = december.content.decode()
    for day in ("Tuesday 1 December", "Tuesday 29 December"):
        assert day in page
    assert page.count("Dutch language practice meeting") == 5
    as_list = client.get(index.url + "?month=2026-12&view=list").content.decode()
    assert "No meeting during the Christmas holidays." in as_list


def test_one_off_events_and_runs_are_occurrences(demo):
    for event in EventPage.objects.live().filter(date_to_be_announced=False):
        assert event.occurrences.exists(), event.title
    # Seed 004 gives no date: it has none, so no listing shows it as dated.
    undated = EventPage.objects.get(slug="its-amazing-what-migrants-bring")
    assert undated.date_to_be_announced and not undated.occurrences.exists()

    tour = EventPage.objects.get(slug="mechelen-an-inclusive-city")
    assert [
        (o.local_start.isoformat(), o.local_end.isoformat())
        for o in tour.occurrences.order_by("start")
    ] == [
        ("2024-04-19T10:15:00", "2024-04-19T12:00:00"),
        ("2024-04-19T13:00:00", "2024-04-19T14:45:00"),
    ]

    # Seed 001 names only the closing session's day: one all-day occurrence, and
    # the series' dates are that meeting's.
    series = EventPage.objects.get(slug="promoting-a-dialogue-on-migration")
    closing = EventPage.objects.get(slug="closing-session")
    for page in (series, closing):
        assert [o.local_start.date().isoformat() for o in page.occurrences.all()] == [
            "2024-04-24"
        ]
    assert series.all_day and closing.all_day


def test_every_demo_page_answers(client, demo):
    home = Site.objects.get(is_default_site=True).root_page
    index = home.get_children().get()
    pages = [home, *Page.objects.descendant_of(index, inclusive=True)]
    # home, index, 7 events, 2 online sessions, 16 sessions in Mechelen, the
    # reflection group's closing session, the example conference's 2 sessions
    assert len(pages) == 30
    # In Dutch: home, index, the study day, Mechelen and its 16 sessions, the
    # weekly meeting, the example conference and its 2 sessions; in French:
    # home, index, the weekly meeting, the example conference and its 2 sessions.
    translated = list(Page.objects.filter(locale__language_code__in=["nl", "fr"]))
    assert len(translated) == 24 + 6
    for page in pages + translated:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        content = response.content.decode()
        assert html.escape(page.title) in content, page.url
        assert f'<html lang="{page.locale.language_code}"' in content, page.url

    # The weekly meeting's past dates come first in "Past"; three seeds are past
    # conference pages (a forum, a conference, a study day: each listed under its
    # own type; seed 004 has its date to be announced) and one a series; the
    # index's introduction links to them.
    for kind, model in (("conference", ConferencePage), ("series", SeriesPage)):
        events = model.objects.child_of(index).filter(date_to_be_announced=False)
        # The example conference is upcoming, not past.
        for event in events.exclude(slug="example-conference"):
            listed_as = event.event_type.slug if event.event_type_id else kind
            past = client.get(index.url + f"?when=past&type={listed_as}")
            assert past.status_code == 200
            assert html.escape(event.title) in past.content.decode()
    assert "href='?when=past'" in client.get(index.url).content.decode()

    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert f"/events/{MECHELEN}/".encode() in sitemap.content


def test_admin_edits_every_demo_page(admin_client, demo):
    for page in Page.objects.filter(depth__gt=1):
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page.title


def test_loading_logs_no_error_and_no_traceback(demo):
    """``make demo`` prints nothing that reads as a failure: no record at ERROR, and
    none with a traceback. Django's log of every finished task carried, with the
    immediate backend, the exception that wagtail-localize had handled around
    it: about a hundred tracebacks; the example site now logs tasks from
    WARNING up (a failed task is logged at ERROR, and would fail this test)."""
    alarming = [
        f"{r.name}: {r.getMessage()}"
        for r in LOGGED.records
        if r.levelno >= logging.ERROR or r.exc_info
    ]
    assert alarming == []


def test_the_example_conference_is_upcoming_invented_and_open(client, demo):
    """The one conference a visitor can register for: a month ahead, saying on
    its page that it is invented, with a form of a few places and a workshop of
    three with a waiting list, in English, Dutch and French."""
    conference = ConferencePage.objects.get(slug="example-conference")
    today = datetime.datetime.now(BRUSSELS).date()
    assert conference.start.astimezone(BRUSSELS).date() == today + datetime.timedelta(
        days=30
    )
    assert conference.time_zone == "Europe/Brussels"
    assert "Example conference (invented for the demo)" in conference.title
    assert conference.summary.startswith("Example conference (invented for the demo)")
    form = conference.registration_form
    assert form.capacity == 20 and form.waiting_list
    workshop = WorkshopPage.objects.get(
        slug="example-workshop", locale=conference.locale
    )
    assert workshop.get_parent().pk == conference.pk
    assert workshop.registration_form.capacity == 3
    assert workshop.registration_form.waiting_list

    response = client.get(conference.url)
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Example conference (invented for the demo)" in soup.h1.get_text()
    assert "It will not take place." in soup.get_text()
    assert soup.select_one("form[method=post]") is not None
    # The workshop's places, offered in the conference's form: none taken yet.
    assert "3 places left" in " ".join(soup.get_text(" ").split())
    index = conference.get_parent()
    assert conference.title in client.get(index.url).content.decode()
    for code in ("nl", "fr"):
        translated = conference.get_translation(locale(code))
        assert translated.live
        page = client.get(translated.url).content.decode()
        assert "(" in translated.title and translated.title != conference.title
        assert html.escape(translated.title, quote=False) in page


def test_demo_admin_is_created_once(db):
    from django.contrib.auth import get_user_model

    call_command("ensure_demo_admin", verbosity=0)
    call_command("ensure_demo_admin", verbosity=0)
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password("admin")


# Registration forms, as the seeds describe registering

FORUM = "belgian-online-diversity-dialogue-forum"


def form_of(slug):
    return EventPage.objects.get(slug=slug).registration_form


def test_registration_forms_follow_the_seeds(client, demo):
    # Mechelen: 3, the online forum: 2, the study day, the weekly meeting (seed
    # 004 says nothing of registering); and their translations: Mechelen's 3 in
    # Dutch, the study day's in English, the weekly meeting's in Dutch and French.
    # The example conference's 2, in English, Dutch and French.
    assert RegistrationForm.objects.count() == 7 + 6 + 6
    call_command("load_demo_content", verbosity=0)
    assert RegistrationForm.objects.count() == 7 + 6 + 6
    assert RegistrationFormField.objects.filter(clean_name="").count() == 0

    _check_mechelen_forms()
    _check_study_day_closed(client)
    _check_forum_second_session_upon_invitation()
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
    assert form.locale == page.locale == locale("nl")
    assert form.closes_at.astimezone(BRUSSELS) == datetime.datetime(
        2023, 3, 20, 23, 59, tzinfo=BRUSSELS
    )
    assert form.cancellation_deadline.astimezone(BRUSSELS) == datetime.datetime(
        2023, 3, 20, tzinfo=BRUSSELS
    )
    # Free, with a 15 EUR no-show fee if not cancelled before 20 March: fields.
    assert form.is_free and list(form.prices.all()) == []
    assert (form.no_show_fee, form.no_show_fee_currency) == (Decimal("15"), "EUR")
    assert "voor 20 maart" in form.cancellation_policy
    assert "example.org" in form.notice_closed
    assert "Stad of gemeente" in form.form_fields.values_list("label", flat=True)

    for shown, deadline in (
        (page, "20 maart 2023"),
        (page.get_translation(locale("en")), "20 March 2023"),
    ):
        content = client.get(shown.url).content.decode()
        assert 'id="register"' in content
        assert "we-registration__form" not in content
        assert 'name="email"' not in content
        # The editor's notice with its late-request contact, the price and the
        # no-show fee stay visible once registration has closed.
        assert 'href="mailto:studiedag@example.org"' in content
        assert "we-registration__price" in content
        assert "€\u00a015" in content and deadline in content
    assert "Registration is closed. If you still wish to register" in content
    assert "no-show fee of €\u00a015" in content  # the English page


def _check_forum_second_session_upon_invitation():
    forum = ConferencePage.objects.get(slug=FORUM)
    assert forum.registration_form is None  # the seed registers per session
    panel, counselling = forum.get_children().specific().order_by("eventpage__start")
    assert not panel.registration_form.requires_approval
    assert counselling.registration_form.requires_approval
    assert "only upon invitation" in counselling.registration_form.introduction


def _check_weekly_meeting_places_per_date():
    page = EventPage.objects.get(slug=WEEKLY)
    form = page.registration_form
    assert form.capacity == 12
    now = datetime.datetime(2026, 11, 22, 12, tzinfo=datetime.UTC)
    first, second = availability.date_options(page, form, now)[:2]
    writer.register(
        page,
        form,
        name="Ann",
        email="ann@example.org",
        answers={"your_dutch": "I get by"},
        occurrence=first.occurrence,
        now=now,
    )
    first, second = availability.date_options(page, form, now)[:2]
    assert (first.availability.places_left, second.availability.places_left) == (
        11,
        12,
    )
    # One meeting in three languages: the place taken in English is gone in Dutch.
    dutch = page.get_translation(locale("nl")).specific
    _check_is_translation(dutch.registration_form, form)
    first = availability.date_options(dutch, dutch.registration_form, now)[0]
    assert first.availability.places_left == 11


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
    # In Dutch and French, the home page promotes the meeting in that language.
    for code, question in (("nl", "Uw Nederlands"), ("fr", "Votre néerlandais")):
        translation = home.get_translation(locale(code)).specific
        (block,) = translation.body
        promoted = block.value["page"]
        _check_is_translation(promoted, meeting, code)
        content = client.get(translation.url).content.decode()
        assert f'action="{promoted.url}register/"' in content
        assert question in content


def test_links_in_mails_lead_to_where_the_demo_is_served(demo):
    from django.test.utils import override_settings

    with override_settings(WAGTAILADMIN_BASE_URL="http://127.0.0.1:8123"):
        call_command("load_demo_content", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)
    meeting = EventPage.objects.get(slug=WEEKLY)
    assert meeting.get_full_url().startswith("http://127.0.0.1:8123/")


# Languages -----------------------------------------------------------------------


def test_home_and_index_in_english_dutch_and_french(client, demo):
    home = Site.objects.get(is_default_site=True).root_page.specific
    index = home.get_children().get().specific
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == [
        "en",
        "fr",
        "nl",
    ]
    expected = {
        "nl": ("Voorbeeldsite voor evenementen", "Evenementen", "/nl/evenementen/"),
        "fr": ("Site d’exemple d’événements", "Événements", "/fr/evenements/"),
    }
    for code, (home_title, index_title, index_url) in expected.items():
        home_translation = home.get_translation(locale(code)).specific
        index_translation = index.get_translation(locale(code)).specific
        assert home_translation.title == home_title
        assert index_translation.title == index_title
        assert index_translation.get_parent().specific == home_translation
        assert (home_translation.url, index_translation.url) == (f"/{code}/", index_url)
        for page in (home_translation, index_translation):
            _check_translated_by_wagtail_localize(page, code)
            content = client.get(page.url).content.decode()
            assert f'<html lang="{code}"' in content, page.url
            assert html.escape(page.title) in content, page.url
        # The home page links to its own language's index.
        assert f'href="{index_url}"' in client.get(f"/{code}/").content.decode()
    # French has only the weekly meeting and the example conference (with its
    # two sessions) besides; its index says so.
    assert Page.objects.filter(locale=locale("fr")).count() == 6
    assert "table de conversation" in (
        index.get_translation(locale("fr")).specific.introduction
    )


def _check_translated_by_wagtail_localize(translation, code):
    """The translation is wagtail-localize's, from its English source."""
    source = TranslationSource.objects.get(object_id=translation.translation_key)
    assert source.locale == locale("en")
    assert Translation.objects.filter(source=source, target_locale__language_code=code)


def test_mechelen_conference_in_dutch(client, demo):
    english = ConferencePage.objects.get(slug=MECHELEN)
    dutch = english.get_translation(locale("nl")).specific
    assert (dutch.slug, dutch.title) == (
        MECHELEN_NL,
        "Lokale besturen en hun aanpak van diversiteit",
    )
    assert dutch.live and dutch.get_parent().locale == locale("nl")
    _check_translated_by_wagtail_localize(dutch, "nl")
    # One event: the same times, and the venue and forms in Dutch.
    assert (dutch.start, dutch.end, dutch.time_zone) == (
        english.start,
        english.end,
        english.time_zone,
    )
    _check_is_translation(dutch.venue, english.venue)
    _check_is_translation(dutch.registration_form, english.registration_form)
    assert dutch.venue.name == "Lamot Congres- en Erfgoedcentrum"
    assert [o.organisation.name for o in dutch.organisations.all()] == [
        "Vlaamse overheid",
        "Agentschap Binnenlands Bestuur",
    ]

    _check_sessions_are_translations(english, dutch)
    _check_programme_items_are_translations(english, dutch)
    _check_dutch_text(dutch)
    _check_dutch_programme(dutch)
    _check_every_string_has_its_dutch_translation()
    _check_dutch_pages_render(client, dutch)


def _check_is_translation(translated, source, code="nl"):
    assert translated.translation_key == source.translation_key
    assert translated.locale.language_code == code
    assert translated.pk != source.pk


def _check_sessions_are_translations(english, dutch):
    sessions = {p.translation_key: p for p in english.get_children().specific()}
    translated = {p.translation_key: p for p in dutch.get_children().specific()}
    assert len(sessions) == 16
    assert translated.keys() == sessions.keys()
    for key, session in sessions.items():
        translation = translated[key]
        assert type(translation) is type(session), session.title
        assert translation.live, session.title
        assert translation.title != session.title, session.title
        for name in ("start", "end", "time_zone", "status"):
            assert getattr(translation, name) == getattr(session, name), name
        _check_is_translation(translation.venue, session.venue)
        room = getattr(session, "room", None)
        if room is None:
            assert getattr(translation, "room", None) is None
        else:
            _check_is_translation(translation.room, room)
            assert translation.room.venue_id == dutch.venue_id
        if session.registration_form is None:
            assert translation.registration_form is None
        else:
            _check_is_translation(
                translation.registration_form, session.registration_form
            )
        if isinstance(session, SiteVisitPage):
            runs = [(r.start, r.end) for r in session.runs.all()]
            assert [(r.start, r.end) for r in translation.runs.all()] == runs


def _check_programme_items_are_translations(english, dutch):
    items = list(english.programme_items.order_by("sort_order"))
    translated = list(dutch.programme_items.order_by("sort_order"))
    assert len(items) == len(translated) == 7
    for item, translation in zip(items, translated, strict=True):
        _check_is_translation(translation, item)
        for name in ("kind", "start", "end", "all_day"):
            assert getattr(translation, name) == getattr(item, name), name
        if item.room is None:
            assert translation.room is None
        else:
            _check_is_translation(translation.room, item.room)
    assert [t.title for t in translated] == [
        "Onthaal en registratie",
        "Stadsvernieuwing is mensenwerk",
        "Verwelkoming",
        "Lunch",
        "Koffiepauze",
        "Conclusies van de dag",
        "Receptie",
    ]
    # The plenary's speakers are the Dutch translations of the saved people.
    rutten = translated[2].speakers[0].value["person"]
    assert rutten.locale == locale("nl")
    assert rutten.role.startswith("Viceminister-president van de Vlaamse Regering")


def _check_dutch_text(dutch):
    assert "De Vlaamse Regering nodigt burgemeesters" in str(dutch.body)
    assert "Mechelen heeft twee treinstations" in str(dutch.practical_information)
    form = dutch.registration_form
    assert form.title == "Inschrijving: Lokale besturen en hun aanpak van diversiteit"
    assert "tolk Vlaamse Gebarentaal" in form.introduction
    assert "privacy@example.org" in form.privacy_notice
    fields = form.form_fields.order_by("sort_order")
    assert [f.label for f in fields] == ["Organisatie of gemeente", "U bent"]
    assert fields[1].choices.splitlines()[:2] == ["Burgemeester", "Gemeenteraadslid"]
    somers = Person.objects.get(name="Bart Somers", locale=locale("nl"))
    assert somers.role == "Burgemeester van Mechelen"
    workshop = dutch.get_children().get(slug="training-actieve-omstaander").specific
    assert workshop.title == "Training actieve omstaander"
    assert "omstaanders" in str(workshop.body)
    assert Organisation.objects.filter(
        locale=locale("nl"), name="Agentschap Integratie en Inburgering"
    ).exists()


def _check_dutch_programme(dutch):
    (day,) = build_programme(dutch).days
    assert [column.label for column in day.columns] == [
        "Auditorium",
        "Dijlezaal",
        "Begijnenzolder",
        "Herten Aas",
        "De Zalm",
        "Bezoeken in Mechelen",
    ]
    assert [(s.title, s.kind) for s in day.all_day] == [
        ("Stadsvernieuwing is mensenwerk", "exhibition")
    ]


def _check_every_string_has_its_dutch_translation():
    """Each string wagtail-localize extracted for the Dutch translations has its
    Dutch text, and each Dutch text of the content module is used."""
    nl = locale("nl")
    segments = StringSegment.objects.filter(source__translations__target_locale=nl)
    assert_all_translated(segments, nl)
    extracted = set(segments.values_list("string__data", flat=True))
    assert set(seed_002_mechelen_nl.STRINGS) - extracted == set()


def assert_all_translated(segments, target):
    untranslated = segments.annotate_translation(target).filter(
        translation__isnull=True
    )
    assert not untranslated.exists(), list(
        untranslated.values_list("string__data", flat=True)
    )


def test_every_string_of_every_translation_is_translated(demo):
    """Into each language, every string of every translated page and snippet has
    its translation, none is marked as an error, and no translation in the content
    modules is left over."""
    given = {code: set() for code in ("en", "nl", "fr")}
    for code, strings in site.TRANSLATIONS.items():
        given[code] |= set(strings)
    for _module, code, strings in TRANSLATED:
        given[code] |= set(strings)
    for code, strings in given.items():
        target = locale(code)
        segments = StringSegment.objects.filter(
            source__translations__target_locale=target
        )
        assert segments.exists(), code
        assert_all_translated(segments, target)
        assert strings - set(segments.values_list("string__data", flat=True)) == set()
    assert not StringTranslation.objects.filter(has_error=True).exists()


def _check_dutch_pages_render(client, dutch):
    session = dutch.get_children().get(slug="training-actieve-omstaander")
    for page in (dutch, session):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        content = response.content.decode()
        assert '<html lang="nl"' in content
        assert page.url.startswith(f"/nl/evenementen/{MECHELEN_NL}/")
    content = client.get(dutch.url).content.decode()
    for words in ("Koffiepauze", "Lamot Congres- en Erfgoedcentrum", "Centrale hal"):
        assert words in content, words


def test_study_day_in_dutch_with_an_english_translation(client, demo):
    dutch = EventPage.objects.get(slug=STUDY_DAY).specific
    nl, en = locale("nl"), locale("en")
    assert dutch.locale == nl
    index = Site.objects.get(is_default_site=True).root_page.get_children().get()
    assert dutch.get_parent().pk == index.get_translation(nl).pk
    source = TranslationSource.objects.get(object_id=dutch.translation_key)
    assert source.locale == nl
    assert Translation.objects.filter(source=source, target_locale=en).exists()

    english = dutch.get_translation(en).specific
    assert (english.slug, english.title) == (
        STUDY_DAY_EN,
        "Working together on a participatory local integration policy in small "
        "and medium-sized cities",
    )
    assert (english.start, english.end) == (dutch.start, dutch.end)
    _check_is_translation(english.venue, dutch.venue, "en")
    _check_is_translation(english.registration_form, dutch.registration_form, "en")
    form = english.registration_form
    assert form.title == "Registration: study day 31 March 2023"
    assert form.closes_at == dutch.registration_form.closes_at
    assert form.cancellation_policy == (
        "If you cannot attend, please cancel before 20 March."
    )
    # The fee is synchronised, the notice translated.
    assert (form.admission, form.no_show_fee) == ("free", Decimal("15"))
    assert form.notice_closed.startswith("Registration is closed. If you still")
    assert list(
        form.form_fields.order_by("sort_order").values_list("label", flat=True)
    ) == [
        "Organisation",
        "City or municipality",
    ]
    assert "Since 2012, local governments in Flanders" in str(english.body)

    for page, code in ((dutch, "nl"), (english, "en")):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert f'<html lang="{code}"' in response.content.decode(), page.url
    assert english.url == f"/events/{STUDY_DAY_EN}/"
    assert dutch.url == f"/nl/evenementen/{STUDY_DAY}/"


def test_a_string_without_translation_stops_the_loader(db):
    """The loader makes no translation with a missing string, and says which."""
    english = Organisation.objects.create(name="City of Mechelen")
    nl, _created = Locale.objects.get_or_create(language_code="nl")
    with pytest.raises(MissingTranslations) as raised:
        translate([english], nl, {"Other": "Ander"}, Report(), what="a test")
    assert raised.value.missing == ["City of Mechelen"]
    assert "'City of Mechelen'" in str(raised.value)
    assert english.get_translation_or_none(nl) is None

    translate([english], nl, {"City of Mechelen": "Stad Mechelen"}, Report(), what="")
    assert english.get_translation(nl).name == "Stad Mechelen"


# Structured data of the demo ------------------------------------------------------


def test_the_mechelen_conference_has_structured_data_in_both_languages(client, demo):
    """Its schema.org data (tests/test_jsonld.py) parses, in English and in Dutch."""
    for slug, language in ((MECHELEN, "en"), (MECHELEN_NL, "nl")):
        page = EventPage.objects.get(slug=slug)
        response = client.get(page.url)
        soup = BeautifulSoup(response.content, "html.parser")
        (script,) = soup.find_all("script", type="application/ld+json")
        data = json.loads(script.string)
        assert data["name"] == page.title
        # The seed does not say which language the conference is held in.
        assert "inLanguage" not in data
        assert f'content="{language}"' in str(
            soup.find("meta", attrs={"property": "og:locale"})
        )
        assert data["location"]["address"]["addressLocality"] == "Mechelen"
        assert data["subEvent"]
        assert data["startDate"].startswith("2024-04-19T")
        og_title = soup.find("meta", attrs={"property": "og:title"})
        assert og_title["content"] == page.title


# Seeds 000 and 001: an event in two parts, and a series


def test_the_forum_is_listed_and_exported_as_two_parts(client, demo):
    forum = ConferencePage.objects.get(slug=FORUM)
    index = forum.get_parent()
    listed = client.get(index.url + "?when=past&type=forum").content.decode()
    card = listed[listed.index(html.escape(forum.title)) :]
    card = card[: card.index("</article>")]
    # Each part with its hours, never one block over the night.
    assert "Wednesday 2 December 2020" in card and "14:00" in card and "15:30" in card
    assert "Thursday 3 December 2020" in card and "10:30" in card
    assert "12:00" in card

    calendar = icalendar.Calendar.from_ical(
        client.get(forum.url + "calendar.ics").content
    )
    own = [
        (str(e["dtstart"].dt), str(e["dtend"].dt))
        for e in calendar.walk("VEVENT")
        if str(e["summary"]) == forum.title
    ]
    assert own == [
        ("2020-12-02 14:00:00+01:00", "2020-12-02 15:30:00+01:00"),
        ("2020-12-03 10:30:00+01:00", "2020-12-03 12:00:00+01:00"),
    ]
    page = client.get(forum.url).content.decode()
    assert page.count("calendar.google.com") == 2


def test_the_reflection_group_is_a_series_with_its_closing_session(client, demo):
    series = SeriesPage.objects.get(slug="promoting-a-dialogue-on-migration")
    meetings = [m.specific for m in series.get_children()]
    assert [(m.title, m.live, m.all_day, m.venue_id) for m in meetings] == [
        ("Closing session", True, True, None)
    ]
    speakers = [
        (block.value["name"], block.value["role"]) for block in meetings[0].speakers
    ]
    assert speakers == [
        (
            "António Vitorino",
            "Former European Commissioner for Justice and Home Affairs and "
            "Director General of the International Organization for Migration",
        ),
        (
            "Herman Van Rompuy",
            "Former Belgian Prime Minister and President Emeritus of the European "
            "Council",
        ),
    ]
    assert [o.organisation.name for o in series.organisations.all()] == [
        "European Policy Centre",
        "Egmont Institute",
        "King Baudouin Foundation",
    ]
    page = client.get(series.url).content.decode()
    assert "Past meetings" in page and "Herman Van Rompuy" in page
    assert '"EventSeries"' in page
    assert '"name": "King Baudouin Foundation"' in page  # sponsor, with support of
    index = series.get_parent()
    listed = client.get(index.url + "?when=past&type=series").content.decode()
    assert listed.count(html.escape(series.title)) == 1
    assert "Last meeting:" in listed


def test_migrants_bring_invents_no_date(client, demo):
    """Seed 004 says "On Thursday ... from 14:00 to 18:30" and nothing more: the
    date is to be announced, with the weekday and hours it gives; its stands,
    clips and photo exhibitions, "throughout the afternoon", are in the body."""
    conference = ConferencePage.objects.get(slug="its-amazing-what-migrants-bring")
    assert conference.date_to_be_announced
    assert (conference.start, conference.end) == (None, None)
    assert conference.announced_weekday == 3
    assert conference.announced_start_time == datetime.time(14, 0)
    assert conference.announced_end_time == datetime.time(18, 30)
    assert conference.registration_form is None  # the seed has no registration
    assert not conference.programme_items.exists()
    page = client.get(conference.url).content.decode()
    assert "A Thursday, 14:00–18:30 (date to be announced)" in page
    assert "2024" not in page
    assert "Fifteen stands" in page
    assert 'id="programme"' not in page  # no programme promised either
    assert "application/ld+json" not in page
    assert "calendar.ics" not in page
    listed = client.get(conference.get_parent().url).content.decode()
    assert "Date to be announced" in listed
    assert "A Thursday, 14:00–18:30 (date to be announced)" in listed


def test_past_events_do_not_promise_a_programme(client, demo):
    for page in ConferencePage.objects.all():
        html = client.get(page.url).content.decode()
        assert "The programme will be published here." not in html, page.title


def test_every_demo_conference_agrees_in_every_output(demo, client):
    """Every conference of the demo content: its page, calendar.ics,
    schedule.json, schedule.xml and JSON-LD agree entry by entry
    (``tests.exchange.agreement``), in every language it is published in. Seed
    004, whose date is to be announced, has none of these files."""
    conferences = list(
        ConferencePage.objects.live()
        .filter(date_to_be_announced=False)
        .order_by("path")
    )
    assert len(conferences) >= 3
    checked = {}
    for conference in conferences:
        out = assert_outputs_agree(client, conference)
        checked[conference.slug] = len(out["slots"])
    # Mechelen's programme, in English and Dutch, has its plenaries and runs.
    assert checked[MECHELEN] > 10
    assert checked[MECHELEN_NL] == checked[MECHELEN]


SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def _sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 -- the site's own file
    return {
        url.find("s:loc", SITEMAP_NS).text: {
            link.get("hreflang"): link.get("href")
            for link in url.findall("x:link", SITEMAP_NS)
        }
        for url in root.findall("s:url", SITEMAP_NS)
    }


def test_sitemap_lists_every_page_in_every_language(client, demo):
    """Every live page of every language's tree, each with its translations as
    hreflang alternates; a page under a view restriction is left out."""
    listed = _sitemap(client)
    pages = Page.objects.filter(depth__gt=1).live().specific()
    expected = {page.get_full_url() for page in pages}
    assert {"en", "nl", "fr"} <= {page.locale.language_code for page in pages}
    # The saved people who speak have a page under the index of each language
    # they speak in (Mechelen is in English and Dutch; no French page names them).
    people = {
        f"{index.get_full_url()}people/{slug}/"
        for index in EventIndexPage.objects.live().exclude(locale__language_code="fr")
        for slug in ("bart-somers", "gwendolyn-rutten")
    }
    assert set(listed) == expected | people

    mechelen = ConferencePage.objects.get(slug=MECHELEN)
    mechelen_nl = ConferencePage.objects.get(slug=MECHELEN_NL)
    alternates = {"en": mechelen.get_full_url(), "nl": mechelen_nl.get_full_url()}
    assert listed[mechelen.get_full_url()] == alternates
    assert listed[mechelen_nl.get_full_url()] == alternates
    # A page in one language only has no alternates.
    undated = ConferencePage.objects.get(slug="its-amazing-what-migrants-bring")
    assert listed[undated.get_full_url()] == {}

    PageViewRestriction.objects.create(
        page=mechelen_nl, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    private = {mechelen_nl.get_full_url()} | {
        page.get_full_url() for page in mechelen_nl.get_descendants()
    }
    # No public Dutch page names them any more: their Dutch pages leave too.
    private |= {url for url in people if "/nl/" in url}
    listed = _sitemap(client)
    assert set(listed) == (expected | people) - private
    assert listed[mechelen.get_full_url()] == {}


# Languages of the events and interpretation (seeds 000, 002, 003, 004) ----------


def _held_in(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    held = soup.select_one(".we-held-in")
    (script,) = soup.find_all("script", type="application/ld+json")
    text = " ".join(held.get_text().split()) if held else ""
    return text, json.loads(script.string)


def test_the_forum_and_its_sessions_are_held_in_english(client, demo):
    """Seed 000: "will take place in English"; its sessions state no language."""
    forum = ConferencePage.objects.get(slug=FORUM)
    assert forum.event_languages == ["en"]
    text, data = _held_in(client, forum)
    assert "Held in English." in text
    assert data["inLanguage"] == "en"
    assert {event["inLanguage"] for event in data["subEvent"]} == {"en"}
    for session in forum.get_children().specific():
        assert session.event_languages == []
        text, data = _held_in(client, session)
        assert "Held in English." in text
        assert data["inLanguage"] == "en"


def test_the_study_day_is_held_in_dutch_also_on_its_english_page(client, demo):
    """Seed 003: a Dutch-language study day; its English page says so."""
    dutch = EventPage.objects.get(slug=STUDY_DAY)
    english = EventPage.objects.get(slug=STUDY_DAY_EN)
    assert dutch.event_languages == english.event_languages == ["nl"]
    text, data = _held_in(client, english)
    assert "Held in Dutch." in text
    assert data["inLanguage"] == "nl"
    text, data = _held_in(client, dutch)
    assert "Nederlands" in text
    assert data["inLanguage"] == "nl"


def test_mechelen_offers_sign_language_and_a_loop_on_request(client, demo):
    """Seed 002: a Flemish Sign Language interpreter and a loop on request before
    5 April 2024, shown on the conference and its sessions in both languages; the
    seed does not say which language the conference is held in."""
    english = EventPage.objects.get(slug=MECHELEN)
    assert english.event_languages == []
    offers = [block.value for block in english.interpretation]
    assert [(o["kind"], o["language"], o["availability"]) for o in offers] == [
        ("sign_language", "vgt", "on_request"),
        ("hearing_loop", "", "on_request"),
    ]
    assert {o["request_before"] for o in offers} == {datetime.date(2024, 4, 5)}
    session = english.get_children().live().specific().first()
    for page in (english, session):
        text, data = _held_in(client, page)
        assert (
            "Flemish Sign Language interpreter on request before 5 April 2024." in text
        )
        assert "Hearing loop on request before 5 April 2024." in text
        assert "Held in" not in text
        assert "inLanguage" not in data
    dutch = EventPage.objects.get(slug=MECHELEN_NL)
    text, _data = _held_in(client, dutch)
    assert "5 april 2024" in text


def test_migrants_bring_states_no_language(demo):
    """Seed 004 does not say which language the afternoon is held in."""
    page = EventPage.objects.get(slug="its-amazing-what-migrants-bring")
    assert page.event_languages == []
    assert not page.interpretation


def _documents_and_type(client, page):
    soup = BeautifulSoup(client.get(page.url).content.decode(), "html.parser")
    documents = [
        " ".join(li.get_text(" ").replace("\xa0", " ").split())
        for li in soup.select(".we-documents li")
    ]
    label = soup.select_one(".we-page-header .we-card__type").get_text(" ", strip=True)
    return documents, label, soup


def test_seed_documents_are_labelled_stand_ins(client, demo):
    """The agenda (000), the hotels (002, in both languages) and the programme
    (003, in both languages): stand-in PDFs that say so, with the seeds' kinds."""
    forum = EventPage.objects.get(slug="belgian-online-diversity-dialogue-forum")
    documents, label, soup = _documents_and_type(client, forum)
    assert label == "Forum"
    assert len(documents) == 1
    assert documents[0].startswith("Agenda (stand-in) (Agenda, PDF,")
    (agenda,) = json.loads(soup.find("script", type="application/ld+json").string)[
        "subjectOf"
    ]
    assert agenda["name"] == "Agenda (stand-in)"
    pdf = client.get(agenda["url"].removeprefix("http://localhost"))
    content = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
    assert content.startswith(b"%PDF-1.4")
    assert b"stands in for the agenda" in content

    mechelen = EventPage.objects.get(slug=MECHELEN)
    documents, label, _soup = _documents_and_type(client, mechelen)
    assert label == "Conference"
    assert documents[0].startswith(
        "Hotels within walking distance (stand-in) (Hotels and accommodation, PDF,"
    )
    assert documents[0].endswith("rooms are at the booker’s expense.")
    dutch = EventPage.objects.get(slug=MECHELEN_NL)
    documents, label, _soup = _documents_and_type(client, dutch)
    assert label == "Conferentie"
    assert documents[0].startswith("Hotels op wandelafstand (vervangend bestand)")

    study_day = EventPage.objects.get(slug=STUDY_DAY)
    documents, label, _soup = _documents_and_type(client, study_day)
    assert label == "Studiedag"
    assert documents[0].startswith("Programma studiedag (vervangend bestand)")
    english = EventPage.objects.get(slug=STUDY_DAY_EN)
    documents, label, _soup = _documents_and_type(client, english)
    assert label == "Study day"
    assert documents[0].startswith("Study day programme (stand-in) (Programme, PDF,")


def test_seed_event_types_label_sessions_and_the_index(client, demo):
    counselling = EventPage.objects.get(slug="maximising-integration-in-belgium")
    _documents, _label, soup = _documents_and_type(client, counselling)
    assert (
        soup.select_one(".we-card__type")
        .get_text(" ", strip=True)
        .startswith("Counselling session")
    )
    closing = EventPage.objects.get(slug="closing-session")
    _documents, _label, soup = _documents_and_type(client, closing)
    assert (
        soup.select_one(".we-card__type")
        .get_text(" ", strip=True)
        .startswith("Closing session ·")
    )
    index = Site.objects.get(is_default_site=True).root_page.get_children().get()
    html = client.get(index.url, {"when": "past"}).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    choices = [o.get_text(strip=True) for o in soup.select("#we-type option")]
    assert "Forums" in choices and "Closing sessions" in choices
    assert choices.count("Conferences") == 1
    dutch_index = index.get_translation(locale("nl"))
    soup = BeautifulSoup(client.get(dutch_index.url).content.decode(), "html.parser")
    choices = [o.get_text(strip=True) for o in soup.select("#we-type option")]
    assert "Studiedagen" in choices and "Conferenties" in choices
    assert "Forums" not in choices
