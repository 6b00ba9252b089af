"""Where each event page type may be created in the page tree."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from example_site.home.models import HomePage
from tests import factories as f
from wagtail_events.models import (
    ConferencePage,
    EventIndexPage,
    EventPage,
    MeetingPage,
    PanelPage,
    SeriesPage,
    SiteVisitPage,
    WorkshopPage,
)


SESSIONS = (PanelPage, WorkshopPage, SiteVisitPage)
EVENT_TYPES = (EventIndexPage, ConferencePage, *SESSIONS)


class PageTreeTests(WagtailPageTestCase):
    def test_event_index_takes_conferences_and_sessions(self):
        self.assertAllowedSubpageTypes(
            EventIndexPage,
            {ConferencePage, SeriesPage, PanelPage, WorkshopPage, SiteVisitPage},
        )
        for child in (ConferencePage, *SESSIONS):
            self.assertCanCreateAt(EventIndexPage, child)
        self.assertCanNotCreateAt(EventIndexPage, EventIndexPage)
        self.assertCanNotCreateAt(EventIndexPage, EventPage)

    def test_series_under_an_index_and_meetings_under_a_series(self):
        self.assertAllowedParentPageTypes(SeriesPage, {EventIndexPage})
        self.assertAllowedSubpageTypes(SeriesPage, {MeetingPage})
        self.assertAllowedParentPageTypes(MeetingPage, {SeriesPage})
        self.assertAllowedSubpageTypes(MeetingPage, set())

    def test_conference_only_under_an_event_index(self):
        self.assertAllowedParentPageTypes(ConferencePage, {EventIndexPage})
        self.assertCanCreateAt(EventIndexPage, ConferencePage)
        for parent in (Page, HomePage, ConferencePage, *SESSIONS):
            self.assertCanNotCreateAt(parent, ConferencePage)

    def test_sessions_under_a_conference_or_an_index(self):
        for session in SESSIONS:
            self.assertAllowedParentPageTypes(session, {ConferencePage, EventIndexPage})
            self.assertCanCreateAt(ConferencePage, session)
            self.assertCanCreateAt(EventIndexPage, session)
            self.assertCanNotCreateAt(HomePage, session)

    def test_conference_takes_only_sessions(self):
        self.assertAllowedSubpageTypes(ConferencePage, set(SESSIONS))
        self.assertCanNotCreateAt(ConferencePage, ConferencePage)
        self.assertCanNotCreateAt(ConferencePage, EventIndexPage)

    def test_no_children_under_sessions(self):
        for session in SESSIONS:
            self.assertAllowedSubpageTypes(session, set())
            for child in EVENT_TYPES:
                self.assertCanNotCreateAt(session, child)

    def test_event_page_itself_is_not_creatable(self):
        # assertCanCreateAt only reads subpage_types/parent_page_types; whether
        # editors may create a type at all is is_creatable, which
        # creatable_subpage_models() and can_create_at() take into account.
        assert EventPage.is_creatable is False
        self.assertCanNotCreateAt(EventIndexPage, EventPage)
        self.assertCanNotCreateAt(ConferencePage, EventPage)
        for parent in (Page, HomePage, EventIndexPage, ConferencePage):
            assert EventPage not in parent.creatable_subpage_models()
        index = f.event_index()
        assert not EventPage.can_create_at(index)
        assert not EventPage.can_create_at(f.root_page())

    def test_session_types_are_creatable(self):
        # Inheriting from EventPage must not inherit is_creatable = False.
        for model in (ConferencePage, *SESSIONS):
            assert model.is_creatable, model

    def test_allowed_subpage_models_on_real_pages(self):
        index = f.event_index()
        conference = f.conference(index)
        session = f.panel(
            conference, f.local(2024, 4, 19, 10), f.local(2024, 4, 19, 11)
        )
        assert set(index.specific_class.allowed_subpage_models()) == {
            ConferencePage,
            SeriesPage,
            *SESSIONS,
        }
        assert ConferencePage.can_create_at(index)
        assert not ConferencePage.can_create_at(conference)
        assert PanelPage.can_create_at(conference)
        assert not PanelPage.can_create_at(session)
        assert session.specific_class.allowed_subpage_models() == []
