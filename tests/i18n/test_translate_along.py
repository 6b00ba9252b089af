"""Translating a conference offers its sessions, venue, people and form in one
go, and translations do not go live untranslated unless the site chooses so
(``i18n.along``). These run wagtail-localize's own translation code with the test
client's database, rather than in a browser: the one editor path that is heavy
in a browser (see tests/browser/test_editor_way.py)."""

import pytest
from django.conf import settings as django_settings
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Page

from tests import factories as f
from wagtail_events.i18n import along


@pytest.fixture
def programme(index):
    venue = f.venue(rooms=["Auditorium"])
    person = f.person("Bart Somers", role="Mayor of Mechelen")
    form = f.registration_form(title="Workshop form", capacity=20)
    conference = f.conference(
        index,
        venue=venue,
        start=f.local(2024, 4, 19, 9),
        end=f.local(2024, 4, 19, 18),
    )
    start, end = f.local(2024, 4, 19, 10), f.local(2024, 4, 19, 11)
    panel = f.panel(
        conference, start, end, speakers=[f.speaker(person, session_role="panellist")]
    )
    workshop = f.workshop(conference, start, end, registration_form=form)
    return {
        "conference": conference,
        "sessions": [panel, workshop],
        "venue": venue,
        "person": person,
        "form": form,
    }


def test_translating_a_conference_translates_its_sessions_and_snippets(programme):
    nl = f.locale("nl")
    dutch = f.translate(programme["conference"], nl, subtree=False)
    assert dutch is not None
    for session in programme["sessions"]:
        translation = session.get_translation_or_none(nl)
        assert translation is not None, session
        assert translation.get_parent().pk == dutch.pk
    for snippet in ("venue", "person", "form"):
        assert programme[snippet].get_translation_or_none(nl) is not None, snippet
    assert programme["venue"].get_translation(nl).rooms.count() == 1


def test_the_translate_view_brings_the_sessions(client, admin_user, programme):
    """The admin's own “Translate” of wagtail-localize, “Include subtree” unticked."""
    nl = f.locale("nl")
    client.force_login(admin_user)
    conference = programme["conference"]
    url = reverse("wagtail_localize:submit_page_translation", args=(conference.pk,))
    with f.run_after_commit():
        response = client.post(url, {"locales": [nl.pk]})
    assert response.status_code == 302
    for session in programme["sessions"]:
        assert session.get_translation_or_none(nl) is not None


def test_a_site_can_leave_sessions_to_be_translated_one_by_one(programme):
    nl = f.locale("nl")
    with override_settings(WAGTAIL_EVENTS_TRANSLATE_SESSIONS_WITH_CONFERENCE=False):
        f.translate(programme["conference"], nl, subtree=False)
    assert all(s.get_translation_or_none(nl) is None for s in programme["sessions"])


def test_new_translations_are_drafts_by_default(programme, settings):
    del settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE
    along.set_translation_defaults()
    assert django_settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE is False
    nl = f.locale("nl")
    conference = programme["conference"]
    assert conference.live
    f.translate(conference, nl, subtree=False)
    pages = [conference, *programme["sessions"]]
    translations = Page.objects.filter(
        locale=nl, translation_key__in=[page.translation_key for page in pages]
    )
    assert translations.count() == 3
    assert not translations.filter(live=True).exists()


def test_a_site_can_publish_new_translations_at_once(settings):
    del settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE
    settings.WAGTAIL_EVENTS_PUBLISH_NEW_TRANSLATIONS = True
    along.set_translation_defaults()
    assert django_settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE is True


def test_a_sites_own_localize_setting_wins(settings):
    settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = True
    settings.WAGTAIL_EVENTS_PUBLISH_NEW_TRANSLATIONS = False
    along.set_translation_defaults()
    assert django_settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE is True
