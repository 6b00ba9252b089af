"""The rows a conference page holds inline: its organisers and partners (which a
series has too), and the programme items that are not sessions (opening, breaks,
meals, a reception)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from ..blocks import SpeakersStreamBlock


class ConferenceOrganisation(TranslatableMixin, Orderable):
    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")
        PARTNER = "partner", _("With the support of")

    # Conferences and series have organisers and partners: the key is to the
    # event page both extend (their primary keys are the same).
    page = ParentalKey(
        "wagtail_events.EventPage",
        on_delete=models.CASCADE,
        related_name="organisations",
    )
    organisation = models.ForeignKey(
        "wagtail_events.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.ORGANISER
    )

    panels = [FieldPanel("organisation"), FieldPanel("role")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("organiser or partner")


class ProgrammeItem(TranslatableMixin, Orderable):
    """A moment in the programme that is not a session page: a break, lunch, the
    registration desk, a reception, an exhibition open all day, opening remarks."""

    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("Registration desk")
        BREAK = "break", _("Break")
        MEAL = "meal", _("Meal")
        RECEPTION = "reception", _("Reception")
        EXHIBITION = "exhibition", _("Exhibition")
        REMARKS = "remarks", _("Plenary")
        OTHER = "other", _("Other")

    page = ParentalKey(
        "wagtail_events.ConferencePage",
        on_delete=models.CASCADE,
        related_name="programme_items",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    room = models.ForeignKey(
        "wagtail_events.Room",
        verbose_name=_("room"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    location = models.CharField(
        _("place"),
        max_length=255,
        blank=True,
        help_text=_("Where, when it is not one of the venue’s rooms: “Central hall”."),
    )
    description = models.TextField(_("description"), blank=True)
    all_day = models.BooleanField(
        _("open all day"),
        default=False,
        help_text=_("Shown above the timetable rather than in it, like an exhibition."),
    )
    speakers = StreamField(
        SpeakersStreamBlock(), blank=True, verbose_name=_("speakers")
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("title")]),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("room"), FieldPanel("location")]),
        FieldPanel("all_day"),
        FieldPanel("description"),
        FieldPanel("speakers"),
    ]
    # Translations keep the kind, the times and the room (its translation) of the
    # source; what it is called and where, in words, is translated.
    override_translatable_fields = [
        SynchronizedField(name, overridable=False)
        for name in ("kind", "start", "end", "all_day")
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")

    def __str__(self):
        return self.title
