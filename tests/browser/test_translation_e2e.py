"""One conference in two languages, in Chromium.

An editor translates a conference into Dutch with wagtail-localize's own screens
(the page's Translate action, then its translation editor) and publishes it; the
sessions and the programme follow. A visitor on the Dutch page switches to
English; places taken through the Dutch page and the English page are counted
against one capacity.

Only content and structure are asserted on Dutch pages, never interface strings:
the nl catalogue changes independently of these tests.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from tests import factories as f
from tests.browser.conftest import WIDE, log_in
from wagtail_events.models import (
    ConferencePage,
    PanelPage,
    ProgrammeItem,
    Registration,
    RegistrationForm,
    WorkshopPage,
)
from wagtail_events.models.registration import RegistrationStatus


pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Local government approaches to diversity"
DUTCH_TITLE = "Lokale besturen en diversiteit"
LUNCH = "Lunch break"
DUTCH_LUNCH = "Middagpauze"
WORKSHOP = "Welcoming newcomers at the counter"
DUTCH_WORKSHOP = "Nieuwkomers verwelkomen aan het loket"


@pytest.fixture
def locales():
    english, _ = Locale.objects.get_or_create(language_code="en")
    dutch, _ = Locale.objects.get_or_create(language_code="nl")
    return english, dutch


@pytest.fixture
def index(locales, superuser):
    """An event index whose site root is in Dutch too: Wagtail serves /nl/ pages
    from the Dutch translation of the site's root page."""
    from wagtail_localize.operations import TranslationCreator

    index = f.event_index(title="Events", slug="events")
    translator = TranslationCreator(superuser, [locales[1]])
    translator.create_translations(f.site_root())
    translator.create_translations(index)
    return index


@pytest.fixture
def conference(index):
    """A conference in English, forty days ahead: a venue with two rooms, a panel,
    a workshop with one place and a waiting list, and a lunch break."""
    day = timezone.now().astimezone(f.ZoneInfo(f.BRUSSELS)).date()
    day += datetime.timedelta(days=40)

    def at(hour, minute=0):
        return f.local(day.year, day.month, day.day, hour, minute)

    venue = f.venue(rooms=["Auditorium", "Dijlezaal"])
    conference = f.conference(
        index, start=at(9), end=at(17), title=TITLE, slug="diversity", venue=venue
    )
    form = RegistrationForm.objects.create(
        title="Workshop registration",
        privacy_notice="<p>We keep your name and address until the event.</p>",
        capacity=1,
        waiting_list=True,
    )
    f.panel(
        conference,
        at(10),
        at(11, 30),
        title="Mayors in conversation",
        slug="mayors",
        room=f.room(venue, "Auditorium"),
    )
    f.workshop(
        conference,
        at(14),
        at(16),
        title=WORKSHOP,
        slug="newcomers",
        room=f.room(venue, "Dijlezaal"),
        registration_form=form,
    )
    f.programme_item(conference, at(12, 30), at(13, 30), kind="meal", title=LUNCH)
    return conference


def translate_string(page, panel, source, translation):
    """In wagtail-localize's editor: Translate next to ``source``, type, Enter."""
    row = panel.get_by_role("listitem").filter(has=page.get_by_text(source, exact=True))
    row.get_by_role("button", name="Translate").click()
    box = row.get_by_role("textbox")
    box.wait_for()
    # The editor saves each string on its own, as soon as Enter is pressed.
    with page.expect_response(re.compile(r"/admin/localize/translate/.*/edit/")) as r:
        box.press_sequentially(translation)
        box.press("Enter")
    assert r.value.ok
    row.get_by_text(translation, exact=True).wait_for()


def in_dutch(model, page_or_item, dutch):
    return model.objects.get(translation_key=page_or_item.translation_key, locale=dutch)


def test_editor_translates_a_conference_with_its_programme_into_dutch(
    open_page, live_server, conference, locales, superuser, artifacts_dir
):
    english, dutch = locales
    watched = open_page(WIDE)
    page = watched.page
    log_in(page, live_server, superuser)
    page.goto(
        live_server.url + reverse("wagtailadmin_pages:edit", args=[conference.pk])
    )

    # The page's action menu offers wagtail-localize's Translate action.
    page.locator("header").get_by_role("button", name="Actions").first.click()
    page.get_by_role("link", name="Translate this page").click()
    page.wait_for_url(
        re.compile(
            reverse("wagtail_localize:submit_page_translation", args=[conference.pk])
        )
    )
    page.get_by_label("Nederlands").check()
    # The sessions are the conference's child pages: "Include subtree (2 pages)".
    page.get_by_label(re.compile(r"Include subtree")).check()
    page.screenshot(path=artifacts_dir / "translate-submit.png", full_page=True)
    page.get_by_role("button", name="Submit").click()

    # One language chosen: wagtail-localize opens the Dutch page's editor.
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    dutch_conference = in_dutch(ConferencePage, conference, dutch)
    assert page.url.endswith(
        reverse("wagtailadmin_pages:edit", args=[dutch_conference.pk])
    )
    content = page.get_by_role("tabpanel", name="Content")
    translate_string(page, content, TITLE, DUTCH_TITLE)
    page.get_by_role("tab", name="Programme").click()
    programme = page.get_by_role("tabpanel", name="Programme")
    translate_string(page, programme, LUNCH, DUTCH_LUNCH)
    page.screenshot(path=artifacts_dir / "translate-editor.png", full_page=True)

    with page.expect_navigation():
        page.get_by_role("button", name="Publish in Nederlands").click()
    page.screenshot(path=artifacts_dir / "translate-published.png", full_page=True)

    # The Dutch conference is live with its Dutch title, under the Dutch index.
    dutch_conference = in_dutch(ConferencePage, conference, dutch)
    assert dutch_conference.title == DUTCH_TITLE
    assert dutch_conference.live
    assert not dutch_conference.has_unpublished_changes
    assert dutch_conference.get_parent().locale == dutch
    # When and where are the English page's, not copies to keep in step.
    assert (dutch_conference.start, dutch_conference.end) == (
        conference.start,
        conference.end,
    )
    assert dutch_conference.venue.translation_key == conference.venue.translation_key
    assert dutch_conference.venue.locale == dutch
    # The original is untouched.
    conference.refresh_from_db()
    assert conference.title == TITLE

    # The lunch break: the same item of the programme, at the same time, in Dutch.
    lunch = ProgrammeItem.objects.get(page=conference)
    dutch_lunch = ProgrammeItem.objects.get(page=dutch_conference)
    assert dutch_lunch.translation_key == lunch.translation_key
    assert dutch_lunch.locale == dutch
    assert dutch_lunch.title == DUTCH_LUNCH
    assert (dutch_lunch.kind, dutch_lunch.start, dutch_lunch.end) == (
        lunch.kind,
        lunch.start,
        lunch.end,
    )

    # The sessions came with the subtree: Dutch pages under the Dutch conference,
    # same events (translation keys), same times, rooms in their Dutch versions.
    for model in (PanelPage, WorkshopPage):
        (session,) = model.objects.filter(locale=english)
        translated = in_dutch(model, session, dutch)
        assert translated.live
        assert translated.get_parent().pk == dutch_conference.pk
        assert (translated.start, translated.end) == (session.start, session.end)
        assert translated.room.translation_key == session.room.translation_key
        assert translated.room.locale == dutch
    workshop = WorkshopPage.objects.get(locale=english)
    dutch_form = in_dutch(WorkshopPage, workshop, dutch).registration_form
    assert dutch_form.translation_key == workshop.registration_form.translation_key
    assert dutch_form.locale == dutch
    assert (dutch_form.capacity, dutch_form.waiting_list) == (1, True)

    # A visitor sees it at the Dutch address, lunch break included.
    page.goto(live_server.url + dutch_conference.url)
    assert page.get_by_role("heading", level=1).inner_text() == DUTCH_TITLE
    assert page.get_by_text(DUTCH_LUNCH).count() >= 1
    assert page.get_by_text(LUNCH, exact=True).count() == 0
    page.screenshot(path=artifacts_dir / "translate-dutch-page.png", full_page=True)
    watched.assert_clean()


def give_dutch(instance, dutch, strings, user):
    """Translate ``strings`` (source text -> Dutch) of ``instance`` and publish its
    Dutch translation, as the editor's Translate and Publish buttons do."""
    from wagtail_localize.models import (
        StringSegment,
        StringTranslation,
        TranslationSource,
    )

    source = TranslationSource.objects.get_for_instance(instance)
    segments = StringSegment.objects.filter(
        source=source, string__data__in=list(strings)
    ).select_related("string")
    assert {s.string.data for s in segments} == set(strings)
    for segment in segments:
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=dutch,
            context=segment.context,
            data=strings[segment.string.data],
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        )
    source.translations.get(target_locale=dutch).save_target(user=user, publish=True)


@pytest.fixture
def dutch_conference(conference, locales, superuser):
    """The conference and its sessions translated into Dutch with wagtail-localize
    (what the first test does through the admin), titles in Dutch."""
    from wagtail_localize.operations import translate_object, translate_page_subtree

    english, dutch = locales
    translate_object(conference, [dutch], user=superuser)
    translate_page_subtree(conference.pk, [dutch], None, superuser)
    give_dutch(conference, dutch, {TITLE: DUTCH_TITLE, LUNCH: DUTCH_LUNCH}, superuser)
    workshop = WorkshopPage.objects.get(locale=english)
    give_dutch(workshop, dutch, {WORKSHOP: DUTCH_WORKSHOP}, superuser)
    return in_dutch(ConferencePage, conference, dutch)


def language_link(page, code):
    """The language switcher's link to ``code``: a link in a navigation landmark,
    marked with the language of the page it leads to."""
    return page.get_by_role("navigation").locator(f"a[hreflang={code}]")


def html_lang(page):
    return page.locator("html").get_attribute("lang")


def test_visitor_switches_between_dutch_and_english_on_event_pages(
    open_page, live_server, conference, dutch_conference, locales, artifacts_dir
):
    english, dutch = locales
    workshop = WorkshopPage.objects.get(locale=english)
    dutch_workshop = in_dutch(WorkshopPage, workshop, dutch)
    watched = open_page(WIDE)
    page = watched.page

    page.goto(live_server.url + dutch_conference.url)
    assert page.url.startswith(live_server.url + "/nl/")
    assert html_lang(page) == "nl"
    assert page.get_by_role("heading", level=1).inner_text() == DUTCH_TITLE
    page.screenshot(path=artifacts_dir / "languages-dutch.png", full_page=True)

    # From the Dutch conference to the English one, and back.
    to_english = language_link(page, "en")
    assert to_english.count() == 1
    to_english.click()
    page.wait_for_url(live_server.url + conference.url)
    assert html_lang(page) == "en"
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    language_link(page, "nl").click()
    page.wait_for_url(live_server.url + dutch_conference.url)
    assert html_lang(page) == "nl"

    # A session page too: the Dutch programme leads to the Dutch workshop, whose
    # switcher leads to the English workshop.
    page.locator(".we-programme").get_by_role("link", name=DUTCH_WORKSHOP).click()
    page.wait_for_url(live_server.url + dutch_workshop.url)
    assert html_lang(page) == "nl"
    assert page.get_by_role("heading", level=1).inner_text() == DUTCH_WORKSHOP
    language_link(page, "en").click()
    page.wait_for_url(live_server.url + workshop.url)
    assert html_lang(page) == "en"
    assert page.get_by_role("heading", level=1).inner_text() == WORKSHOP
    page.screenshot(path=artifacts_dir / "languages-english.png", full_page=True)
    watched.assert_clean()


def register(page, name, email):
    """Fill in the registration form and send it with the keyboard. Fields are
    found by name, not label: the labels are in the page's language."""
    form = page.locator("form.we-registration__form")
    form.locator("[name=name]").focus()
    page.keyboard.type(name)
    form.locator("[name=email]").focus()
    page.keyboard.type(email)
    form.locator("[name=privacy_accepted]").focus()
    page.keyboard.press("Space")
    form.locator("button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_places_taken_in_dutch_and_english_count_against_one_capacity(
    open_page, live_server, dutch_conference, locales, artifacts_dir
):
    english, dutch = locales
    workshop = WorkshopPage.objects.get(locale=english)
    dutch_workshop = in_dutch(WorkshopPage, workshop, dutch)

    # Ann finds the workshop in the Dutch programme and takes its only place.
    ann = open_page(WIDE)
    page = ann.page
    page.goto(live_server.url + dutch_conference.url)
    page.locator(".we-programme").get_by_role("link", name=DUTCH_WORKSHOP).click()
    page.wait_for_url(live_server.url + dutch_workshop.url)
    register(page, "Ann Peeters", "ann@example.org")
    assert page.url.startswith(live_server.url + "/nl/")
    assert html_lang(page) == "nl"
    assert page.locator("[role=status]").count() >= 1
    page.screenshot(path=artifacts_dir / "languages-registered-nl.png", full_page=True)

    # Bob, on the English page, finds it full: he is first on the waiting list.
    bob = open_page(WIDE)
    page = bob.page
    page.goto(live_server.url + workshop.url)
    register(page, "Bob Janssens", "bob@example.org")
    status = page.locator("[role=status]").inner_text()
    assert "waiting list, at position 1" in status
    page.screenshot(path=artifacts_dir / "languages-waiting-en.png", full_page=True)

    # One event: both registrations under the workshop's translation key, each
    # remembering the page (and language) it came through.
    registrations = {r.email: r for r in Registration.objects.all()}
    assert set(registrations) == {"ann@example.org", "bob@example.org"}
    ann_reg, bob_reg = (
        registrations["ann@example.org"],
        registrations["bob@example.org"],
    )
    assert ann_reg.status == RegistrationStatus.CONFIRMED
    assert bob_reg.status == RegistrationStatus.WAITING
    assert ann_reg.event_key == bob_reg.event_key == workshop.translation_key
    assert (ann_reg.page_id, ann_reg.language) == (dutch_workshop.pk, "nl")
    assert (bob_reg.page_id, bob_reg.language) == (workshop.pk, "en")
    ann.assert_clean()
    bob.assert_clean()
