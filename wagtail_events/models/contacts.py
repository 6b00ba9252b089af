"""Named contacts: the people to write or call about an event (general questions,
the press, accessibility requests, requests to join an event by invitation),
reusable across events as snippets, and the rows that link them to an event."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .snippets import Organisation


# Loose on purpose: numbers are written in many ways ("+32 2 287 74 12",
# "(02) 287.74.12"); what matters is that a telephone can dial the digits.
phone_validator = RegexValidator(
    r"^(\+|\()?[0-9][0-9 ()./-]{3,28}[0-9]\Z",
    _("Write a telephone number with digits, spaces and + ( ) . / - only."),
)


def tel_href(number):
    """The ``tel:`` address of a number as written: its digits, with the ``+``
    of an international number."""
    digits = re.sub(r"[^0-9]", "", number)
    if not digits:
        return ""
    return "tel:" + ("+" if number.strip().startswith("+") else "") + digits


class Contact(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=255)
    role = models.CharField(
        _("role or title"),
        max_length=255,
        blank=True,
        help_text=_("For example “Coordinator EU Events” or “Press officer”."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(
        _("telephone"), max_length=30, blank=True, validators=[phone_validator]
    )
    mobile_phone = models.CharField(
        _("mobile telephone"),
        max_length=30,
        blank=True,
        validators=[phone_validator],
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("email"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("mobile_phone")]),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
        index.FilterField("locale"),
    ]
    # A person's name, address and numbers are theirs in every language; their
    # role is told in each language.
    translatable_fields = [
        SynchronizedField("name"),
        TranslatableField("role"),
        TranslatableField("organisation"),
        SynchronizedField("email"),
        SynchronizedField("phone"),
        SynchronizedField("mobile_phone"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return f"{self.name} ({self.role})" if self.role else self.name

    def clean(self):
        super().clean()
        if not (self.email or self.phone or self.mobile_phone):
            raise ValidationError(
                _("Give an e-mail address or a telephone number to reach them by.")
            )

    @property
    def phones(self):
        """(number as written, its ``tel:`` address) for each number given."""
        return [
            (number, tel_href(number))
            for number in (self.phone, self.mobile_phone)
            if number
        ]


class EventContact(TranslatableMixin, Orderable):
    """A contact of one event, for one purpose."""

    class Purpose(models.TextChoices):
        GENERAL = "general", _("General questions")
        PRESS = "press", _("Press")
        ACCESSIBILITY = "accessibility", _("Accessibility requests")
        JOIN = "join", _("Requests to join")

    page = ParentalKey(
        "wagtail_events.EventPage", on_delete=models.CASCADE, related_name="contacts"
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    purpose = models.CharField(
        _("for"), max_length=20, choices=Purpose.choices, default=Purpose.GENERAL
    )

    panels = [FieldPanel("contact"), FieldPanel("purpose")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("contact of the event")
