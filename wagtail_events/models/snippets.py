"""Venues with their rooms, people and organisations: reusable across events."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from ..blocks import LinkBlock


country_code_validator = RegexValidator(
    r"^[A-Z]{2}$",
    _("Use the two-letter country code in capitals, such as BE, NL or FR."),
)


class Organisation(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=255)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("logo"), FieldPanel("url")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Person(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=255)
    role = models.CharField(
        _("role or title"),
        max_length=255,
        blank=True,
        help_text=_("For example “Mayor of Uppsala” or “Secretary General”."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        validators=[country_code_validator],
        help_text=_("Two-letter code, shown after the name: “(SE)”."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    biography = models.TextField(_("short biography"), blank=True)
    links = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("links"))
    guid = models.UUIDField(
        _("exchange identifier"),
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("Identifies the person in imported frab/pretalx schedules."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("country")]),
        FieldPanel("photo"),
        FieldPanel("biography"),
        FieldPanel("links"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
        index.FilterField("country"),
        index.FilterField("organisation"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name


class Venue(index.Indexed, ClusterableModel):
    name = models.CharField(_("name"), max_length=255)
    street_address = models.CharField(
        _("street and number"), max_length=255, blank=True
    )
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    locality = models.CharField(_("town or city"), max_length=255, blank=True)
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        validators=[country_code_validator],
        help_text=_("Two-letter code, such as BE."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    induction_loop = models.BooleanField(_("induction loop"), default=False)
    sign_language_on_request = models.BooleanField(
        _("sign-language interpretation on request"), default=False
    )
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    public_transport = models.TextField(_("public transport"), blank=True)

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("locality")]),
                FieldPanel("country"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Address"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("step_free_access"),
                FieldPanel("induction_loop"),
                FieldPanel("sign_language_on_request"),
                FieldPanel("accessibility_notes"),
            ],
            heading=_("Accessibility"),
        ),
        FieldPanel("public_transport"),
        InlinePanel("rooms", heading=_("Rooms"), label=_("Room")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("locality"),
        index.FilterField("locality"),
        index.FilterField("step_free_access"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self):
        return self.name

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None


class Room(Orderable):
    venue = ParentalKey(Venue, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=255)
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    accessibility_notes = models.CharField(
        _("accessibility notes"),
        max_length=255,
        blank=True,
        help_text=_("For example “reachable by stairs only”."),
    )

    guid = models.UUIDField(
        _("exchange identifier"), null=True, blank=True, unique=True, editable=False
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("capacity"),
        FieldPanel("accessibility_notes"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self):
        # Room names repeat across venues ("Auditorium"); the chooser needs both.
        return f"{self.name} ({self.venue.name})" if self.venue_id else self.name
