"""The languages an event is held in and the interpretation on offer: the editor's
field, the blocks and the panel.

The languages are a list of codes in a JSON field, so that one column works on
SQLite and PostgreSQL alike, is copied to the page's translations as it is (a
``SynchronizedField``, like the dates) and filters an index in the same query as
the dates. Editors tick them in a list of names (``i18n.event_languages``).

Interpretation is a small StreamField rather than rows of a table: a page reads
it with its own row (no query on the page, its sessions or the programme), and
wagtail-localize copies its choices and dates to the translations while the
note is translated.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.blocks.struct_block import StructBlockValidationError

from ..i18n import event_languages


class LanguagesField(models.JSONField):
    """A list of language codes, ticked by name in the admin."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("validators", [event_languages.validate_codes])
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            label=kwargs.get("label", self.verbose_name),
            help_text=self.help_text,
            required=not self.blank,
            # A callable: the names in the editor's language, the setting read
            # when the form is made.
            choices=event_languages.choices,
            widget=forms.CheckboxSelectMultiple(attrs={"class": "we-languages"}),
        )

    def clean(self, value, model_instance):
        # The form gives the ticked codes in the order of the list.
        if isinstance(value, list):
            value = event_languages.ordered(value)
        return super().clean(value, model_instance)


class InterpretationKind(models.TextChoices):
    SIGN_LANGUAGE = "sign_language", _("Sign language interpreter")
    SIMULTANEOUS = "simultaneous", _("Simultaneous interpretation")
    CAPTIONS = "captions", _("Live captions")
    HEARING_LOOP = "hearing_loop", _("Hearing loop")


class Availability(models.TextChoices):
    ALWAYS = "always", _("Provided")
    ON_REQUEST = "on_request", _("On request")


# The kinds given in a language (a hearing loop carries whatever is said).
WITH_LANGUAGE = {
    InterpretationKind.SIGN_LANGUAGE,
    InterpretationKind.SIMULTANEOUS,
    InterpretationKind.CAPTIONS,
}


def language_choices():
    return event_languages.choices()


class InterpretationBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=InterpretationKind.choices,
        default=InterpretationKind.SIGN_LANGUAGE,
        label=_("What"),
    )
    language = blocks.ChoiceBlock(
        choices=language_choices,
        required=False,
        label=_("Language"),
        help_text=_(
            "The sign language interpreted into, the language interpreted into, "
            "or the language of the captions. None for a hearing loop."
        ),
    )
    availability = blocks.ChoiceBlock(
        choices=Availability.choices,
        default=Availability.ON_REQUEST,
        label=_("Offered"),
    )
    request_before = blocks.DateBlock(
        required=False,
        label=_("Ask before"),
        help_text=_(
            "The date people must ask by, as the announcement says it: "
            "“before 5 April”."
        ),
    )
    note = blocks.CharBlock(
        required=False,
        max_length=200,
        label=_("Note"),
        help_text=_("A short note, such as “for the plenary sessions only”."),
    )

    class Meta:
        icon = "globe"
        label = _("Interpretation or access service")
        form_classname = "we-interpretation-block"

    def clean(self, value):
        value = super().clean(value)
        kind, language = value.get("kind"), value.get("language") or ""
        errors = {}
        if kind in WITH_LANGUAGE and not language:
            errors["language"] = ValidationError(_("Choose the language."))
        elif kind == InterpretationKind.HEARING_LOOP and language:
            errors["language"] = ValidationError(
                _("A hearing loop has no language: leave this empty.")
            )
        elif kind == InterpretationKind.SIGN_LANGUAGE and not (
            event_languages.is_sign_language(language)
        ):
            errors["language"] = ValidationError(_("Choose a sign language."))
        if value.get("request_before") and (
            value.get("availability") != Availability.ON_REQUEST
        ):
            errors["request_before"] = ValidationError(
                _("A date to ask before goes with “On request”.")
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class InterpretationStreamBlock(blocks.StreamBlock):
    interpretation = InterpretationBlock()

    class Meta:
        # Sessions without any take their conference's.
        required = False


def languages_panel():
    """The languages of the event and the interpretation on offer, on the "When
    and where" tab."""
    return MultiFieldPanel(
        [FieldPanel("event_languages"), FieldPanel("interpretation")],
        heading=_("Languages and interpretation"),
    )
