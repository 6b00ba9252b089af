"""Registration: the reusable form editors attach to events, the registrations
visitors make, and one lock row per event (and date) that capacity is counted under.

Logic lives in the ``wagtail_events.registration`` package; these models only
hold data.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractFormField
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from ..enums import HOLDS_A_PLACE, RegistrationStatus  # noqa: F401 -- kept importable from here
from .alerts import ALERTS_TRANSLATABLE_FIELDS, AlertFields, alerts_panel
from .prices import (
    ADMISSION_TRANSLATABLE_FIELDS,
    AdmissionFields,
    RegistrationFormAdminForm,
    admission_panel,
)


class RegistrationForm(
    TranslatableMixin, index.Indexed, AdmissionFields, AlertFields, ClusterableModel
):
    """A registration form, reusable across events; its extra questions are built
    with Wagtail's form builder. Name and e-mail are always asked. What taking
    part costs is in ``AdmissionFields`` (``models.prices``)."""

    # The editor's name for the form, in the admin's lists and choosers only;
    # visitors read ``heading`` (or a generic one), never this.
    title = models.CharField(
        _("internal name"),
        max_length=255,
        help_text=_(
            "Shown only in the admin, to find the form: “Mechelen 2024: "
            "parallel session”. Visitors never see it."
        ),
    )
    heading = models.CharField(
        _("heading on the page"),
        max_length=255,
        blank=True,
        help_text=_(
            "What visitors read above the form. Empty: “Register” (“Ask to "
            "join” for an event by invitation)."
        ),
    )
    introduction = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )
    privacy_notice = RichTextField(
        _("privacy notice"),
        features=["bold", "italic", "link"],
        help_text=_("What happens to the personal data; visitors must accept it."),
    )
    ask_accessibility_needs = models.BooleanField(
        _("ask about accessibility needs"),
        default=True,
        help_text=_(
            "Sign-language interpreter, induction loop, wheelchair access, other."
        ),
    )
    opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Per event (and per date of a repeating event). Empty: no limit."),
    )
    waiting_list = models.BooleanField(_("waiting list when full"), default=True)
    requires_approval = models.BooleanField(
        _("organiser approves each registration"),
        default=False,
        help_text=_(
            "For sessions “upon invitation”: people ask, the organiser decides."
        ),
    )
    invitation_code = models.CharField(
        _("invitation code"),
        max_length=64,
        blank=True,
        help_text=_("If set, only people who give this code can register."),
    )
    cancellation_deadline = models.DateTimeField(
        _("cancel before"), null=True, blank=True
    )
    cancellation_policy = models.TextField(
        _("cancellation policy"),
        blank=True,
        help_text=_(
            "How and until when people can cancel; a no-show fee has its own "
            "field under “Price”."
        ),
    )
    # What the registration section says instead of the form, or above it when
    # every place is taken; empty: the generated line (``registration.notices``).
    notice_not_open = models.TextField(
        _("notice before registration opens"),
        blank=True,
        help_text=_("Empty: “Registration opens on …”."),
    )
    notice_closed = models.TextField(
        _("notice once registration has closed"),
        blank=True,
        help_text=_(
            "For example how to ask for a place after all. Empty: “Registration "
            "is closed.” E-mail addresses and web addresses become links."
        ),
    )
    notice_full = models.TextField(
        _("notice when every place is taken"),
        blank=True,
        help_text=_(
            "Above the form when newcomers join the waiting list, instead of it "
            "when there is none. Empty: a generated line."
        ),
    )
    confirmation_message = RichTextField(
        _("message after registering"), blank=True, features=["bold", "italic", "link"]
    )
    confirmation_email_text = models.TextField(
        _("text of the confirmation e-mail"), blank=True
    )
    # The reminders themselves are rows of ``models.reminders.Reminder``.
    reminder_email_text = models.TextField(
        _("text of the reminders"),
        blank=True,
        help_text=_(
            "Added to every reminder, for example which entrance to use or "
            "when the doors open. The address, access information, what to "
            "bring and the online link are added by themselves."
        ),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("heading"),
        FieldPanel("introduction"),
        InlinePanel("form_fields", heading=_("Questions"), label=_("Question")),
        FieldPanel("privacy_notice"),
        FieldPanel("ask_accessibility_needs"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("waiting_list")]),
                FieldPanel("requires_approval"),
                FieldPanel("invitation_code"),
            ],
            heading=_("Who can register, and when"),
        ),
        admission_panel(),
        MultiFieldPanel(
            [FieldPanel("cancellation_deadline"), FieldPanel("cancellation_policy")],
            heading=_("Cancelling"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("notice_not_open"),
                FieldPanel("notice_closed"),
                FieldPanel("notice_full"),
            ],
            heading=_("Notices"),
        ),
        MultiFieldPanel(
            [FieldPanel("confirmation_message"), FieldPanel("confirmation_email_text")],
            heading=_("Confirmation"),
        ),
        MultiFieldPanel(
            [
                InlinePanel(
                    "reminders",
                    heading=_("Reminders"),
                    label=_("Reminder"),
                    help_text=_(
                        "E-mails to the people holding a place, this long before "
                        "the event (before each date of a repeating event), with "
                        "the address, access information and calendar entry. "
                        "Days keep the time of day: “1 day” before an event at "
                        "10:00 goes at 10:00 the day before. Between 1 hour and "
                        "60 days. People who register later than a reminder's "
                        "time get only the reminders still to come."
                    ),
                ),
                FieldPanel("reminder_email_text"),
            ],
            heading=_("Reminders"),
        ),
        alerts_panel(),
    ]
    # The admission and its prices must agree (``models.prices``).
    base_form_class = RegistrationFormAdminForm
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.FilterField("locale"),
    ]
    # What visitors read is translated. Who may register, when and how many is one
    # rule for the event in every language: places are counted across translations.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("heading"),
        TranslatableField("introduction"),
        TranslatableField("form_fields"),
        TranslatableField("privacy_notice"),
        SynchronizedField("ask_accessibility_needs", overridable=False),
        SynchronizedField("opens_at", overridable=False),
        SynchronizedField("closes_at", overridable=False),
        SynchronizedField("capacity", overridable=False),
        SynchronizedField("waiting_list", overridable=False),
        SynchronizedField("requires_approval", overridable=False),
        SynchronizedField("invitation_code", overridable=False),
        SynchronizedField("cancellation_deadline", overridable=False),
        TranslatableField("cancellation_policy"),
        *ADMISSION_TRANSLATABLE_FIELDS,
        TranslatableField("notice_not_open"),
        TranslatableField("notice_closed"),
        TranslatableField("notice_full"),
        TranslatableField("confirmation_message"),
        TranslatableField("confirmation_email_text"),
        # When to remind is one rule in every language; the text is translated.
        SynchronizedField("reminders", overridable=False),
        TranslatableField("reminder_email_text"),
        *ALERTS_TRANSLATABLE_FIELDS,
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("registration form")
        verbose_name_plural = _("registration forms")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.opens_at >= self.closes_at:
            raise ValidationError(
                {"closes_at": _("Registration must close after it opens.")}
            )


class RegistrationFormField(TranslatableMixin, AbstractFormField):
    form = ParentalKey(
        RegistrationForm, on_delete=models.CASCADE, related_name="form_fields"
    )

    # The question is asked in each language, but its answers are stored under one
    # name, so that the organiser's export has one column whatever the language.
    translatable_fields = [
        TranslatableField("label"),
        SynchronizedField("clean_name", overridable=False),
        SynchronizedField("field_type", overridable=False),
        SynchronizedField("required", overridable=False),
        TranslatableField("choices"),
        TranslatableField("default_value"),
        TranslatableField("help_text"),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        pass

    def clean(self):
        super().clean()
        # A choice listed twice would be offered, stored and counted twice.
        # Split as Wagtail's form builder splits: by line, else by comma.
        text = self.choices or ""
        parts = text.splitlines() if "\n" in text else text.split(",")
        values = [part.strip().rstrip(",").strip() for part in parts]
        repeated = sorted({v for v in values if v and values.count(v) > 1})
        if repeated:
            raise ValidationError(
                {
                    "choices": _("Each choice once: “%(choices)s” is listed twice.")
                    % {"choices": "”, “".join(repeated)}
                }
            )


class EventCapacity(models.Model):
    """One row per event and date, locked while a place is taken or given back.

    Keyed by the event's translation key, so that every translation of an event
    counts against the same places.
    """

    event_key = models.UUIDField()
    # ISO start of the occurrence for a repeating event; "" for the whole event.
    occurrence_key = models.CharField(max_length=40, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event_key", "occurrence_key"], name="we_capacity_unique"
            )
        ]

    def __str__(self):
        return f"{self.event_key} {self.occurrence_key}".strip()


class Registration(models.Model):
    """One person's registration for an event (and a date of it)."""

    event_key = models.UUIDField(db_index=True)
    page = models.ForeignKey(
        "wagtail_events.EventPage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page (in the language) the person registered through.",
    )
    occurrence_key = models.CharField(max_length=40, blank=True, default="")
    # A session chosen while registering for a conference belongs to the
    # conference registration: cancelling that cancels it too.
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="session_registrations",
        verbose_name=_("conference registration"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RegistrationStatus.choices
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), max_length=254)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    accessibility_needs = models.JSONField(
        _("accessibility needs"), default=list, blank=True
    )
    accessibility_details = models.TextField(_("other needs"), blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    cancellation_token_hash = models.CharField(max_length=64, unique=True)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [models.Index(fields=["event_key", "occurrence_key", "status"])]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"
