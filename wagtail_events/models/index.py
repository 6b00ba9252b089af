"""The index of events: the page under which events are listed."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from .. import serving
from ..conf import events_settings
from ..i18n import languages
from ..page_model import base_page_model
from .methods import ReadOnlyPageMixin
from .people_routes import PeopleRoutesMixin
from .view_restrictions import view_restrictions


# Wagtail's Page, or the base page model the site swapped in for it
# (WAGTAIL_PAGE_MODEL, Wagtail 8): see page_model.
Page = base_page_model()


class EventIndexPage(ReadOnlyPageMixin, PeopleRoutesMixin, RoutablePageMixin, Page):
    introduction = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    subpage_types = [
        "wagtail_events.ConferencePage",
        "wagtail_events.PanelPage",
        "wagtail_events.WorkshopPage",
        "wagtail_events.SiteVisitPage",
        "wagtail_events.SeriesPage",
    ]
    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    template = "wagtail_events/pages/event_index_page.html"
    page_description = _(
        "The list of events, with a calendar: conferences, sessions and series go below it."
    )

    @property
    def stated_time_zone(self):
        """The zone the listing states once at the top: that of new events. A
        card of an event in another zone shows its own next to its times."""
        return events_settings.DEFAULT_TIME_ZONE

    class Meta:
        verbose_name = _("event index")
        verbose_name_plural = _("event indexes")

    def serve(self, request, *args, **kwargs):
        with languages.in_language_of(self):
            return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = serving.get("listing")(self, request)
        return context

    def get_view_restrictions(self):
        # None without a query when the calendar file's router read that none
        # applies (exchange.file_routes); Wagtail's own check otherwise.
        return view_restrictions(self, super().get_view_restrictions)

    @path("calendar.ics/")
    def calendar_feed(self, request):
        """A feed of all the index's events that calendar apps subscribe to."""
        return serving.get("index_calendar")(request, self)
