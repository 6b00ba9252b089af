"""The event base every page type shares, and conferences."""

from django.db import models
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _
from recurrence.fields import RecurrenceField
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .. import serving
from ..blocks import BodyBlock, PracticalInformationBlock, SpeakersStreamBlock
from ..conf import events_settings
from ..enums import Access, AttendanceMode, EventKind, EventStatus
from ..i18n import languages
from ..localtime import to_local, validate_time_zone
from ..page_model import base_page_model
from .languages import InterpretationStreamBlock, LanguagesField, languages_panel
from .methods import ReadOnlyPageMixin
from .panels import (
    SessionListPanel,
    contacts_panel,
    documents_panel,
    organisations_panel,
    repeat_panels,
    when_panel,
    where_panel,
)
from .view_restrictions import view_restrictions


# Wagtail's Page, or the base page model the site swapped in for it
# (WAGTAIL_PAGE_MODEL, Wagtail 8): see page_model.
Page = base_page_model()


def default_time_zone():
    return events_settings.DEFAULT_TIME_ZONE


class EventPage(ReadOnlyPageMixin, RoutablePageMixin, Page):
    """What every event page has: when, where in time, and whether it goes ahead.

    Concrete, so that an index lists conferences and stand-alone sessions of every
    type with one SQL query filtered on dates. Editors never create it directly.
    """

    # Empty while the date is to be announced (``date_to_be_announced``): an
    # undated event has no stored dates, so listings, calendar files and the
    # structured data never show it as dated (see ``is_dated``).
    start = models.DateTimeField(_("starts"), null=True, blank=True)
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    date_to_be_announced = models.BooleanField(
        _("date to be announced"),
        default=False,
        help_text=_(
            "The date is not known yet: leave the start and end empty. Give the "
            "weekday and hours below if they are announced."
        ),
    )
    # What is known of a date to be announced: "a Thursday, 14:00–18:30".
    announced_weekday = models.PositiveSmallIntegerField(
        _("weekday, if known"),
        null=True,
        blank=True,
        choices=list(WEEKDAYS.items()),
    )
    announced_start_time = models.TimeField(
        _("starts at, if known"), null=True, blank=True
    )
    announced_end_time = models.TimeField(_("ends at, if known"), null=True, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text=_("Times are entered and shown in this zone."),
    )
    all_day = models.BooleanField(
        _("times not announced"),
        default=False,
        help_text=_(
            "Show only the dates, for example when the hours are not yet known."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
    )
    attendance_mode = models.CharField(
        _("attendance"),
        max_length=20,
        choices=AttendanceMode.choices,
        default=AttendanceMode.IN_PERSON,
    )
    venue = models.ForeignKey(
        "wagtail_events.Venue",
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    online_url = models.URLField(
        _("online address"),
        blank=True,
        help_text=_("Where people join online, or where the stream is announced."),
    )
    recurrence = RecurrenceField(
        verbose_name=_("repeats"),
        blank=True,
        include_dtstart=False,
        help_text=_(
            "Leave empty for a one-off event. Rules repeat the start time above in "
            "the event's time zone, also after the clocks change."
        ),
    )
    access = models.CharField(
        _("who may come"),
        max_length=20,
        choices=Access.choices,
        default=Access.OPEN,
        help_text=_(
            "By invitation: the page and the programme say so, and the online "
            "address is sent only to the people admitted, never shown in public."
        ),
    )
    registration_form = models.ForeignKey(
        "wagtail_events.RegistrationForm",
        verbose_name=_("registration form"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Visitors register through this form, embedded in the page."),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences for listings and search results."),
    )
    # The languages the event is held in, not the page's (see i18n.event_languages).
    event_languages = LanguagesField(
        _("languages of the event"),
        help_text=_(
            "The languages spoken at the event, whatever language this page is "
            "written in. Leave empty when the announcement does not say; a "
            "session without any is held in its conference's."
        ),
    )
    interpretation = StreamField(
        InterpretationStreamBlock(),
        blank=True,
        verbose_name=_("interpretation and access services"),
        help_text=_(
            "Sign language, simultaneous interpretation, captions or a hearing "
            "loop, always or on request. A session without any shows its "
            "conference's."
        ),
    )
    event_type = models.ForeignKey(
        "wagtail_events.EventType",
        verbose_name=_("type of event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "What the organisers call it (“Study day”), shown instead of the page "
            "type and offered in the event index's filter."
        ),
    )

    is_creatable = False
    page_description = _("An event: choose a conference, session or series instead.")
    # The admin form (editing.forms.EventPageForm) imports the models: it is
    # provided when the apps are ready (see serving.py).
    base_form_class = serving.Provided("page_form")

    # One event in every language: when it happens, where, and whether it goes
    # ahead are copied from the source page to its translations (wagtail-localize
    # translates the venue and the registration form to their own translations).
    # Text fields are translated; see docs/translating.md.
    override_translatable_fields = [
        SynchronizedField(name, overridable=False)
        for name in (
            "start",
            "end",
            "date_to_be_announced",
            "announced_weekday",
            "announced_start_time",
            "announced_end_time",
            "time_zone",
            "all_day",
            "status",
            "attendance_mode",
            "access",
            "recurrence",
            "event_languages",
        )
    ] + [SynchronizedField("online_url")]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["start", "end"])]

    def serve(self, request, *args, **kwargs):
        # Messages made before the template renders ("Registration is closed")
        # speak the page's language too, also on a site without i18n_patterns.
        with languages.in_language_of(self):
            response = super().serve(request, *args, **kwargs)
        # Its Cache-Control, once rendered: the registration shown decides it.
        if callable(getattr(response, "add_post_render_callback", None)):
            headers = serving.get("page_headers")
            response.add_post_render_callback(lambda done: headers(request, done))
        return response

    def get_view_restrictions(self):
        # None without a query when the calendar file's router read that none
        # applies (exchange.file_routes); Wagtail's own check otherwise.
        return view_restrictions(self, super().get_view_restrictions)

    @path("calendar.ics/")
    def calendar_file(self, request):
        """The event, or the whole series, for calendar apps (RFC 5545)."""
        return serving.get("event_calendar")(request, self.specific)

    @path("register/")
    def register(self, request):
        """Register through the page's registration form (POST), or see the result."""
        return serving.get("register")(request, self)

    @path("cancel/<str:token>/")
    def cancel(self, request, token):
        """The registrant's page, by the link of e-mails sent before
        ``your_registration`` (the same page: see, change or cancel)."""
        return serving.get("cancel")(request, self, token)

    @path("registration/<str:token>/")
    def your_registration(self, request, token):
        """The registrant's page, by the link in their e-mails: see, change or
        cancel the registration."""
        return serving.get("cancel")(request, self, token)

    @property
    def is_dated(self):
        """Whether the event has its date: False while it is to be announced."""
        return (
            not self.date_to_be_announced
            and self.start is not None
            and self.end is not None
        )

    @property
    def local_start(self):
        return to_local(self.start, self.time_zone)

    @property
    def local_end(self):
        return to_local(self.end, self.time_zone)

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED


class ConferencePage(EventPage):
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    introduction = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    speakers = StreamField(
        SpeakersStreamBlock(),
        blank=True,
        verbose_name=_("speakers"),
        help_text=_(
            "Who chairs or opens the conference; session speakers go on sessions."
        ),
    )
    practical_information = StreamField(
        PracticalInformationBlock(),
        blank=True,
        verbose_name=_("practical information"),
    )

    parent_page_types = ["wagtail_events.EventIndexPage"]
    subpage_types = [
        "wagtail_events.PanelPage",
        "wagtail_events.WorkshopPage",
        "wagtail_events.SiteVisitPage",
    ]
    template = "wagtail_events/pages/conference_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("event_type"),
        FieldPanel("summary"),
        FieldPanel("introduction"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        FieldPanel("speakers"),
        documents_panel(),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(
                [
                    when_panel(),
                    *repeat_panels(),
                    where_panel(),
                    languages_panel(),
                    organisations_panel(),
                    contacts_panel(),
                ],
                heading=_("When and where"),
            ),
            ObjectList(
                [
                    SessionListPanel(heading=_("Sessions")),
                    InlinePanel(
                        "programme_items",
                        heading=_("Breaks, meals and other programme items"),
                        label=_("Programme item"),
                    ),
                ],
                heading=_("Programme"),
            ),
            ObjectList(
                [FieldPanel("practical_information")],
                heading=_("Practical information"),
            ),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    event_kind = EventKind.CONFERENCE
    page_description = _(
        "An event of one or more days with a programme: add its sessions below it."
    )

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")

    @path("schedule.json/")
    def schedule_json(self, request):
        """The programme in the frab schedule format (pretalx, Giggity, ConfClerk)."""
        return serving.get("schedule_json")(request, self)

    @path("schedule.xml/")
    def schedule_xml(self, request):
        return serving.get("schedule_xml")(request, self)

    @path("agenda.ics/")
    def agenda_file(self, request):
        """A visitor's own agenda: the sessions starred on the programme."""
        return serving.get("agenda_calendar")(request, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programme"] = serving.get("programme")(self, request)
        context["schedule_changes"] = serving.get("schedule_changes")(
            self, context["programme"]
        )
        context["programme_as_list"] = request.GET.get("view") == "list"
        # What the page shows of it, by day, room, track, type and language
        # (``?day=…&language=nl``); the full programme stays the structured data's.
        context["programme_filter"] = serving.get("programme_filter")(
            context["programme"], request.GET
        )
        return context
