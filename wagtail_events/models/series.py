"""Series of meetings on dates that follow no rule (a reflection group, a lecture
series), and their meetings.

A series is an event page under the index; its meetings are pages below it, each
with its own date, speakers, place and registration form. The series' own
``start`` and ``end`` are not typed by editors: they follow its live meetings
(the first start to the last end, ``programme.series.refresh_span``, called by the
signal handlers whenever a meeting or the series is published, unpublished,
moved or deleted). A series without meetings yet has no stored dates
(``Occurrence`` rows), so no listing or feed shows a date for it; its fields
hold a placeholder until its first meeting is published.
"""

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField

from .. import serving
from ..blocks import BodyBlock
from ..enums import EventKind, is_series
from ..page_model import base_page_model
from .languages import languages_panel
from .pages import EventPage
from .panels import (
    MeetingListPanel,
    contacts_panel,
    documents_panel,
    organisations_panel,
    when_panel,
    where_panel,
)
from .sessions import SessionPage


# Wagtail's Page, or the base page model the site swapped in for it
# (WAGTAIL_PAGE_MODEL, Wagtail 8): see page_model.
Page = base_page_model()


class SeriesPage(EventPage):
    introduction = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["wagtail_events.EventIndexPage"]
    subpage_types = ["wagtail_events.MeetingPage"]
    template = "wagtail_events/pages/series_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("event_type"),
        FieldPanel("summary"),
        FieldPanel("introduction"),
        FieldPanel("body"),
        documents_panel(),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(
                [
                    HelpPanel(
                        _(
                            "The dates of a series are those of its published "
                            "meetings: add each meeting as a subpage."
                        )
                    ),
                    MultiFieldPanel(
                        [
                            FieldRowPanel(
                                [FieldPanel("time_zone"), FieldPanel("status")]
                            )
                        ],
                        heading=_("When"),
                    ),
                    where_panel(),
                    languages_panel(),
                    organisations_panel(),
                    contacts_panel(),
                ],
                heading=_("When and where"),
            ),
            ObjectList(
                [MeetingListPanel(heading=_("Meetings"))], heading=_("Meetings")
            ),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    event_kind = EventKind.SERIES
    page_description = _(
        "Meetings under one name, such as a lecture series: add each meeting below it."
    )

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def full_clean(self, *args, **kwargs):
        # The dates are not on the editor's form: a new series holds a
        # placeholder (never shown, see the module's docstring) until the signal
        # handlers set them from its meetings.
        if self.start is None or self.end is None:
            self.start = self.end = timezone.now().replace(microsecond=0)
        super().full_clean(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["meetings"] = serving.get("series_meetings")(self)
        return context


class MeetingPage(SessionPage):
    """One meeting of a series: its date, speakers, place and registration form."""

    parent_page_types = ["wagtail_events.SeriesPage"]
    subpage_types = []
    template = "wagtail_events/pages/meeting_page.html"

    # A meeting's date makes the series' dates: it is never to be announced.
    schedule_panels = [
        when_panel(to_be_announced=False),
        MultiFieldPanel([FieldPanel("room")], heading=_("Room")),
        where_panel(),
        languages_panel(),
        contacts_panel(),
    ]
    edit_handler = SessionPage.make_edit_handler(
        SessionPage.content_panels, schedule_panels
    )

    event_kind = EventKind.MEETING
    page_description = _("One meeting of a series, with its own date and speakers.")

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    @cached_property
    def series(self):
        """The series this meeting belongs to."""
        parent = self.get_parent()
        if parent is not None and is_series(parent):
            return parent.specific
        return None
