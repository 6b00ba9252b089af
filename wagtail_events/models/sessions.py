"""Sessions: panels, workshops and site visits, inside a conference or on their own."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from ..blocks import BodyBlock, SpeakersStreamBlock
from ..enums import EventKind, is_conference
from ..i18n import languages
from ..page_model import base_page_model
from .languages import languages_panel
from .pages import (
    ConferencePage,
    EventPage,
    repeat_panels,
    when_panel,
    where_panel,
)
from .panels import contacts_panel, documents_panel


# Wagtail's Page, or the base page model the site swapped in for it
# (WAGTAIL_PAGE_MODEL, Wagtail 8): see page_model.
Page = base_page_model()


SESSION_PARENTS = ["wagtail_events.ConferencePage", "wagtail_events.EventIndexPage"]


class SessionPage(EventPage):
    """What panels, workshops and site visits share. Abstract: each type has a table."""

    room = models.ForeignKey(
        "wagtail_events.Room",
        verbose_name=_("room"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    track = models.CharField(
        _("track"),
        max_length=100,
        blank=True,
        help_text=_(
            "Groups sessions in the programme, such as “Auditorium sessions” or "
            "“Site visits”. Sessions without a room get a column per track."
        ),
    )
    speakers = StreamField(
        SpeakersStreamBlock(), blank=True, verbose_name=_("speakers")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = SESSION_PARENTS
    subpage_types = []

    search_fields = [*EventPage.search_fields, index.SearchField("track")]

    content_panels = [
        *Page.content_panels,
        FieldPanel("event_type"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("speakers"),
        documents_panel(),
    ]
    schedule_panels = [
        when_panel(),
        *repeat_panels(),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("room"), FieldPanel("track")])],
            heading=_("In the programme"),
        ),
        where_panel(),
        languages_panel(),
        contacts_panel(),
    ]

    class Meta:
        abstract = True

    @cached_property
    def conference(self):
        """The conference this session belongs to, or None when it stands alone."""
        parent = getattr(self, "_cached_parent_obj", None)  # treebeard's
        if parent is None:
            # By its path: one query where ``get_parent().specific`` takes two.
            path = self.path[: -self.steplen]
            found = ConferencePage.objects.filter(path=path).first()
            return found.specific if found is not None else None
        if is_conference(parent):
            return parent.specific
        return None

    @classmethod
    def make_edit_handler(cls, content_panels, schedule_panels):
        return TabbedInterface(
            [
                ObjectList(content_panels, heading=_("Content")),
                ObjectList(schedule_panels, heading=_("When and where")),
                ObjectList(Page.promote_panels, heading=_("Promote")),
                ObjectList(Page.settings_panels, heading=_("Settings")),
            ]
        )


class PanelPage(SessionPage):
    """A discussion with a moderator and panellists: their roles are on the speakers."""

    template = "wagtail_events/pages/panel_page.html"
    edit_handler = SessionPage.make_edit_handler(
        SessionPage.content_panels, SessionPage.schedule_panels
    )

    event_kind = EventKind.PANEL
    page_description = _(
        "A discussion in a conference's programme, with a moderator and panellists."
    )

    class Meta:
        verbose_name = _("panel")
        verbose_name_plural = _("panels")


class WorkshopPage(SessionPage):
    host_organisations = ParentalManyToManyField(
        "wagtail_events.Organisation",
        blank=True,
        verbose_name=_("hosting organisations"),
        related_name="+",
        help_text=_(
            "Organisations that host the workshop; host people go under speakers."
        ),
    )
    what_to_bring = models.TextField(_("what to bring"), blank=True)

    template = "wagtail_events/pages/workshop_page.html"
    # wagtail-localize leaves many-to-many fields alone unless told; the hosts are
    # the same organisations in every language (shown in the visitor's language).
    override_translatable_fields = [
        *EventPage.override_translatable_fields,
        SynchronizedField("host_organisations"),
    ]
    content_panels = [
        *SessionPage.content_panels,
        FieldPanel("host_organisations"),
        FieldPanel("what_to_bring"),
    ]
    edit_handler = SessionPage.make_edit_handler(
        content_panels, SessionPage.schedule_panels
    )

    event_kind = EventKind.WORKSHOP
    page_description = _(
        "A hands-on session with hosts, places limited by its registration form."
    )

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")

    def hosts(self):
        """The hosting organisations, in the page's language where translated."""
        return languages.localized(self.host_organisations.all(), self.locale_id)


class SiteVisitPage(SessionPage):
    class Mode(models.TextChoices):
        WALKING = "walking", _("Walking")
        BIKE = "bike", _("By bike")
        BOAT = "boat", _("By boat")
        BUS = "bus", _("By bus")
        OTHER = "other", _("Other")

    meeting_point = models.CharField(
        _("meeting point"),
        max_length=255,
        blank=True,
        help_text=_("Where participants gather before the visit."),
    )
    mode = models.CharField(
        _("getting around"), max_length=20, choices=Mode.choices, default=Mode.WALKING
    )
    accessibility_notes = models.TextField(
        _("accessibility notes"),
        blank=True,
        help_text=_("For example “reachable by stairs only”."),
    )

    template = "wagtail_events/pages/site_visit_page.html"
    content_panels = [
        *SessionPage.content_panels,
        FieldRowPanel([FieldPanel("meeting_point"), FieldPanel("mode")]),
        FieldPanel("accessibility_notes"),
    ]
    schedule_panels = [
        *SessionPage.schedule_panels,
        InlinePanel(
            "runs",
            heading=_("Runs again the same day"),
            label=_("Another run"),
            help_text=_(
                "The visit above is the first run; add the times it runs again."
            ),
        ),
    ]
    edit_handler = SessionPage.make_edit_handler(content_panels, schedule_panels)

    event_kind = EventKind.SITE_VISIT
    page_description = _(
        "A visit to a place, with a meeting point; it may run more than once a day."
    )

    class Meta:
        verbose_name = _("site visit")
        verbose_name_plural = _("site visits")


class SiteVisitRun(Orderable):
    """A further run of a site visit, such as the afternoon city tour."""

    page = ParentalKey(SiteVisitPage, on_delete=models.CASCADE, related_name="runs")
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))

    panels = [FieldRowPanel([FieldPanel("start"), FieldPanel("end")])]

    class Meta(Orderable.Meta):
        verbose_name = _("run")
        verbose_name_plural = _("runs")
