"""The visitor's choice of language: each event page links to its published
translations (a language menu, hreflang alternates), declares its own language,
and everything served for it (registration pages, calendar files) speaks that
language, whichever language the request came with."""

import datetime

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import Locale, Page, PageViewRestriction, Site

from tests import factories as f
from wagtail_events.exchange import views
from wagtail_events.i18n import languages
from wagtail_events.models import Registration
from wagtail_events.registration import views as registration_views


pytestmark = pytest.mark.django_db

YEAR = timezone.now().year + 2  # registration is open: the event is ahead


@pytest.fixture
def locales(db):
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code in ("en", "nl", "fr")
    }


def translate(page, locale, title=None, publish=True):
    """The page in ``locale``, as an editor makes it: a copy to translate (its
    parents become aliases until they are translated too), published."""
    translation_page = page.copy_for_translation(locale, copy_parents=True)
    translation_page.title = title or f"{page.title} ({locale.language_code})"
    revision = translation_page.save_revision()
    if publish:
        revision.publish()
    return type(translation_page).objects.get(pk=translation_page.pk)


@pytest.fixture
def study_day(index, locales):
    """An English workshop with a registration form, and its Dutch translation."""
    english = f.workshop(
        index,
        f.local(YEAR, 3, 31, 10, 15),
        f.local(YEAR, 3, 31, 17),
        title="Study day",
        registration_form=f.registration_form(),
    )
    dutch = translate(english, locales["nl"], "Studiedag")
    return english, dutch


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def switcher(html):
    return html.select_one("nav.we-languages")


def alternates(html):
    return {
        link["hreflang"]: link["href"]
        for link in html.select('head link[rel="alternate"][hreflang]')
    }


def html_lang(html):
    return html.find("html")["lang"]


def in_dutch(text, context=None):
    """The nl catalogue's translation of ``text``, which must have one."""
    with translation.override("nl"):
        dutch = (
            translation.pgettext(context, text)
            if context
            else translation.gettext(text)
        )
    assert dutch != text, f"The nl catalogue does not translate {text!r}"
    return dutch


# The language switcher


def test_each_translation_links_to_the_other_in_its_own_language(client, study_day):
    english, dutch = study_day

    menu = switcher(soup(client, english.url))
    assert menu["aria-label"]
    current = menu.select_one('[aria-current="true"]')
    assert current.name == "span"  # the language being read is not a link
    assert (current["lang"], current.get_text()) == ("en", "English")
    (link,) = menu.select("a")
    assert link["href"] == dutch.url
    assert (link["hreflang"], link["lang"], link.get_text()) == (
        "nl",
        "nl",
        "Nederlands",
    )

    menu = switcher(soup(client, dutch.url))
    current = menu.select_one('[aria-current="true"]')
    assert (current.name, current["lang"], current.get_text()) == (
        "span",
        "nl",
        "Nederlands",
    )
    (link,) = menu.select("a")
    assert link["href"] == english.url
    assert (link["hreflang"], link["lang"], link.get_text()) == ("en", "en", "English")


def test_languages_follow_the_order_of_the_site_languages(client, study_day, locales):
    english, _dutch = study_day
    translate(english, locales["fr"], "Journée d'étude")
    menu = switcher(soup(client, english.url))
    names = [item.get_text(strip=True) for item in menu.select("li")]
    assert names == ["English", "Nederlands", "Français"]


def test_a_page_without_translations_has_no_switcher_and_no_alternates(
    client, index, locales
):
    page = f.workshop(index, f.local(YEAR, 3, 31, 10), f.local(YEAR, 3, 31, 12))
    html = soup(client, page.url)
    assert switcher(html) is None
    assert html.select("header.we-site-header .we-languages") == []
    assert alternates(html) == {}
    assert html.select('meta[property="og:locale:alternate"]') == []
    assert html_lang(html) == "en"


def _draft(page, locale):
    translate(page, locale, publish=False)


def _unpublished(page, locale):
    translate(page, locale).unpublish()


def _private(page, locale):
    PageViewRestriction.objects.create(
        page=translate(page, locale), restriction_type="password", password="x"
    )


def _under_a_private_page(page, locale):
    # The whole Dutch index is for members: its pages are not for everyone.
    translated = translate(page, locale)
    PageViewRestriction.objects.create(
        page=translated.get_parent(), restriction_type="login"
    )


def _alias(page, locale):
    # An untranslated copy, still showing the English text.
    page.copy_for_translation(locale, copy_parents=True, alias=True)


@pytest.mark.parametrize(
    "make", [_draft, _unpublished, _private, _under_a_private_page, _alias]
)
def test_translations_not_everyone_can_read_are_not_linked(
    client, index, locales, make
):
    page = f.workshop(index, f.local(YEAR, 3, 31, 10), f.local(YEAR, 3, 31, 12))
    make(page, locales["nl"])
    assert page.get_translations().exists()
    html = soup(client, page.url)
    assert switcher(html) is None
    assert alternates(html) == {}


def test_a_private_page_is_not_offered_but_offers_its_public_translations(
    client, study_day
):
    english, dutch = study_day
    PageViewRestriction.objects.create(page=english, restriction_type="login")
    # The Dutch page does not offer the English one only members may read.
    assert switcher(soup(client, dutch.url)) is None
    # A member reading the English page may switch to the Dutch one.
    response = english.serve(_get(english.url))
    response.render()
    menu = switcher(BeautifulSoup(response.content, "html.parser"))
    assert menu.select_one("a[hreflang=nl]")["href"] == dutch.url


def test_the_event_index_links_to_its_translations(client, index, locales):
    dutch_index = translate(index, locales["nl"], "Evenementen")
    menu = switcher(soup(client, index.url))
    assert menu.select_one("a[hreflang=nl]")["href"] == dutch_index.url


def test_the_example_home_page_links_to_its_translations(client, locales):
    from example_site.home.models import HomePage

    home = HomePage(title="Welcome", slug="welcome")
    Page.get_first_root_node().add_child(instance=home)
    Site.objects.filter(is_default_site=True).update(root_page=home)
    Site.clear_site_root_paths_cache()
    dutch_home = translate(home, locales["nl"], "Welkom")
    html = soup(client, home.url)
    assert switcher(html).select_one("a[hreflang=nl]")["href"] == dutch_home.url
    assert set(alternates(html)) == {"en", "nl", "x-default"}
    assert html_lang(soup(client, dutch_home.url)) == "nl"


# What search engines read


def test_alternates_are_absolute_and_name_the_default_language(client, study_day):
    english, dutch = study_day
    for page in (english, dutch):
        html = soup(client, page.url)
        assert alternates(html) == {
            "en": english.full_url,
            "nl": dutch.full_url,
            "x-default": english.full_url,
        }
        assert english.full_url.startswith("http")
        assert dutch.full_url != english.full_url
    html = soup(client, dutch.url)
    assert html.select_one('meta[property="og:locale"]')["content"] == "nl"
    (other,) = html.select('meta[property="og:locale:alternate"]')
    assert other["content"] == "en"


def test_without_a_version_in_the_default_language_there_is_no_x_default(
    client, index, locales
):
    dutch_index = translate(index, locales["nl"], "Evenementen")
    dutch = f.workshop(
        dutch_index,
        f.local(YEAR, 3, 31, 10),
        f.local(YEAR, 3, 31, 12),
        title="Studiedag",
        locale=locales["nl"],
    )
    french = translate(dutch, locales["fr"], "Journée d'étude")
    html = soup(client, dutch.url)
    assert alternates(html) == {"nl": dutch.full_url, "fr": french.full_url}


def test_html_lang_gives_the_page_language_and_inlanguage_the_events(client, study_day):
    english, dutch = study_day
    html = soup(client, dutch.url)
    assert html_lang(html) == "nl"
    # The event states no language: the structured data claims none.
    assert (
        "inLanguage"
        not in html.select_one('script[type="application/ld+json"]').get_text()
    )
    english.event_languages = ["nl"]
    english.save_revision().publish()
    html = soup(client, english.url)
    assert html_lang(html) == "en"
    assert (
        '"inLanguage": "nl"'
        in html.select_one('script[type="application/ld+json"]').get_text()
    )


# The page's language, whichever language the request came with


def _get(path, **extra):
    request = RequestFactory().get(path, **extra)
    request.site = Site.objects.get(is_default_site=True)
    return request


def test_the_dutch_page_speaks_dutch_even_when_english_is_active(study_day):
    _english, dutch = study_day
    # Served without i18n_patterns or LocaleMiddleware: English is active.
    with translation.override("en"):
        response = dutch.serve(_get(dutch.url))
        response.render()
        assert translation.get_language() == "en"  # left as it was
    html = BeautifulSoup(response.content, "html.parser")
    assert html_lang(html) == "nl"
    assert html.select_one(".we-skip-link").get_text() == in_dutch("Skip to content")
    assert "maart" in html.select_one(".we-when").get_text()


def test_the_registration_form_of_the_dutch_translation_is_in_dutch(client, study_day):
    english, dutch = study_day
    html = soup(client, dutch.url + "register/")
    assert html_lang(html) == "nl"
    button = html.select_one("form.we-registration__form button[type=submit]")
    assert button.get_text(strip=True) == in_dutch("Register", "button")
    # The menu leads to the form in the other language.
    assert switcher(html).select_one("a[hreflang=en]")["href"] == (
        english.url + "register/"
    )


def test_the_registration_views_speak_the_page_language_on_their_own(study_day):
    _english, dutch = study_day
    with translation.override("en"):
        shown = registration_views.register(_get(dutch.url + "register/"), dutch)
        request = RequestFactory().post(dutch.url + "register/", {"name": ""})
        request.site = Site.objects.get(is_default_site=True)
        refused = registration_views.register(request, dutch)
    button = BeautifulSoup(shown.content, "html.parser").select_one(
        "form.we-registration__form button[type=submit]"
    )
    assert button.get_text(strip=True) == in_dutch("Register", "button")
    assert refused.status_code == 400
    # The messages written while validating too.
    assert in_dutch("Enter your name.") in refused.content.decode()


def test_messages_written_by_the_view_are_in_the_page_language(study_day):
    english, dutch = study_day
    form = english.registration_form
    form.closes_at = timezone.now() - datetime.timedelta(days=1)
    form.save()
    with translation.override("en"):
        response = registration_views.register(_get(dutch.url + "register/"), dutch)
    assert in_dutch("Registration is closed.") in response.content.decode()


def test_a_registration_through_the_dutch_page_is_in_dutch(client, study_day):
    english, dutch = study_day
    response = client.post(
        dutch.url + "register/",
        {
            "name": "Ann Peeters",
            "email": "ann@example.org",
            "privacy_accepted": "on",
            "website": "",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.language, registration.page_id) == ("nl", dutch.pk)
    assert registration.event_key == english.translation_key


def test_the_calendar_file_of_the_dutch_page_is_in_dutch(index, locales):
    visit = f.site_visit(
        index,
        f.local(YEAR, 3, 31, 10),
        f.local(YEAR, 3, 31, 12),
        title="Site visit",
        meeting_point="Het Anker",
    )
    dutch = translate(visit, locales["nl"], "Werfbezoek")
    with translation.override("en"):
        response = views.event_calendar(_get(dutch.url + "calendar.ics"), dutch)
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    expected = in_dutch("Meeting point: %(place)s") % {"place": "Het Anker"}
    assert expected in str(event["DESCRIPTION"])


def test_a_language_the_site_does_not_speak_leaves_the_active_one(index):
    german = Locale.objects.create(language_code="de")  # not in LANGUAGES
    page = f.workshop(
        index, f.local(YEAR, 3, 31, 10), f.local(YEAR, 3, 31, 12), locale=german
    )
    assert languages.language_of(page) == "de"
    assert languages.interface_language(page) is None
    with translation.override("fr"), languages.in_language_of(page):
        assert translation.get_language() == "fr"


@override_settings(WAGTAIL_I18N_ENABLED=False)
def test_a_site_without_translations_has_one_language_and_no_switcher(
    client, study_day
):
    english, _dutch = study_day
    html = soup(client, english.url)
    assert html_lang(html) == "en"
    assert switcher(html) is None
    assert alternates(html) == {}


# Cost


def count_queries(client, url):
    client.get(url)  # warm the site-root and content-type caches
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_an_event_page_costs_the_same_however_many_translations_it_has(
    client, index, locales
):
    alone = f.workshop(index, f.local(YEAR, 3, 31, 10), f.local(YEAR, 3, 31, 12))
    translated = f.workshop(index, f.local(YEAR, 4, 1, 10), f.local(YEAR, 4, 1, 12))
    translate(translated, locales["nl"])
    translate(translated, locales["fr"])
    alone_count = count_queries(client, alone.url)
    translated_count = count_queries(client, translated.url)
    assert len(alternates(soup(client, translated.url))) == 4  # en, nl, fr, x-default
    assert translated_count == alone_count
    # One query for all of it: the translations with their locales.
    page = Page.objects.get(pk=translated.pk)
    with CaptureQueriesContext(connection) as ctx:
        languages.translations(page)
        languages.language_of(page)
        page.locale  # noqa: B018 (read with the translations)
    assert len(ctx.captured_queries) == 1
