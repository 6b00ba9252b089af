"""The form a visitor fills in to register for an event.

Name and e-mail are always asked; the editor's questions come from Wagtail's form
builder; then accessibility needs, the invitation code and the privacy notice.
A honeypot field catches simple bots. Every text field has a maximum length and
refuses control characters.
"""

import datetime
import decimal
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import FormBuilder


NAME_MAX_LENGTH = 200
EMAIL_MAX_LENGTH = 254
LINE_MAX_LENGTH = 255
TEXT_MAX_LENGTH = 2000
CODE_MAX_LENGTH = 64

# The honeypot: a plausible name that bots fill in and people never see.
HONEYPOT_FIELD = "website"
# The editor's questions are prefixed so they never collide with the fixed fields.
QUESTION_PREFIX = "q_"

ACCESSIBILITY_CHOICES = [
    ("sign_language", _("Sign-language interpreter")),
    ("induction_loop", _("Induction loop")),
    ("wheelchair", _("Wheelchair access")),
    ("other", _("Other")),
]

# Tab, line feed and carriage return are allowed in text areas; nothing else of
# Unicode's "control" category.
_ALLOWED_CONTROL = {"\t", "\n", "\r"}


def reject_control_characters(value):
    if not isinstance(value, str):
        return
    if any(
        unicodedata.category(c) == "Cc" and c not in _ALLOWED_CONTROL for c in value
    ):
        raise ValidationError(
            _("Remove the control characters (invisible characters) from this field."),
            code="control_characters",
        )


def _limit(field, max_length):
    """Give a text field a maximum length, checked on the server and announced to
    the browser, and refuse control characters."""
    if not isinstance(field, forms.CharField):
        return
    if field.max_length is None or field.max_length > max_length:
        field.max_length = max_length
        field.validators.append(MaxLengthValidator(max_length))
        field.widget.attrs["maxlength"] = str(max_length)
    if reject_control_characters not in field.validators:
        field.validators.append(reject_control_characters)


class BaseRegistrationForm(forms.Form):
    """Base of every visitor form; ``build_form_class`` adds the fields."""

    registration_form = None  # the RegistrationForm snippet, set on the subclass
    question_labels = {}  # form field name → (clean name, label)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name == HONEYPOT_FIELD:
                continue
            if field.required:
                field.widget.attrs.setdefault("required", True)
            if name in self.errors:
                field.widget.attrs["aria-invalid"] = "true"

    def is_spam(self):
        """True if the honeypot was filled in. Looked at in the raw data, so that
        a bot gets the same (successful-looking) answer whatever else it sent."""
        return bool(str(self.data.get(self.add_prefix(HONEYPOT_FIELD), "")).strip())

    def invitation_code_error(self):
        return ValidationError(
            _("This invitation code is not right. Check the code in your invitation."),
            code="invitation_code",
        )

    def clean_invitation_code(self):
        # The same rule as registrations.check_invitation_code(): surrounding
        # spaces do not count, letter case does. That function decides in the end.
        given = self.cleaned_data.get("invitation_code", "").strip()
        expected = (self.registration_form.invitation_code or "").strip()
        if expected and not constant_time_compare(given, expected):
            raise self.invitation_code_error()
        return given

    def clean(self):
        cleaned = super().clean()
        needs = cleaned.get("accessibility_needs") or []
        if (
            "other" in needs
            and not (cleaned.get("accessibility_details") or "").strip()
        ):
            self.add_error(
                "accessibility_details",
                ValidationError(
                    _("You chose “Other”: tell us what you need."), code="required"
                ),
            )
        return cleaned

    def answers(self):
        """The editor's questions, answered: {clean name: JSON-serialisable value}."""
        result = {}
        for name, (clean_name, _label) in self.question_labels.items():
            result[clean_name] = _serialisable(self.cleaned_data.get(name))
        return result

    def registration_kwargs(self):
        """Keyword arguments for ``registrations.register``."""
        data = self.cleaned_data
        return {
            "name": data["name"].strip(),
            "email": data["email"],
            "answers": self.answers(),
            "accessibility_needs": list(data.get("accessibility_needs") or []),
            "accessibility_details": (data.get("accessibility_details") or "").strip(),
            "invitation_code": data.get("invitation_code", ""),
        }

    def summary_fields(self):
        """The visible fields, for the error summary and the loop in the template."""
        return [f for f in self if f.name != HONEYPOT_FIELD]


def _serialisable(value):
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_serialisable(v) for v in value]
    return value


def build_form_class(registration_form):
    """The visitor's form class for a ``RegistrationForm`` snippet."""
    fields = {
        "name": forms.CharField(
            label=_("Name"),
            max_length=NAME_MAX_LENGTH,
            widget=forms.TextInput(attrs={"autocomplete": "name"}),
            error_messages={"required": _("Enter your name.")},
        ),
        "email": forms.EmailField(
            label=_("E-mail address"),
            max_length=EMAIL_MAX_LENGTH,
            help_text=_("We send the confirmation and the link to cancel here."),
            widget=forms.EmailInput(attrs={"autocomplete": "email"}),
            error_messages={
                "required": _("Enter your e-mail address."),
                "invalid": _("Enter an e-mail address like name@example.org."),
            },
        ),
    }

    question_labels = {}
    questions = list(registration_form.form_fields.all())
    builder = FormBuilder(questions)
    for clean_name, field in builder.formfields.items():
        name = QUESTION_PREFIX + clean_name
        multiline = isinstance(field.widget, forms.Textarea)
        _limit(field, TEXT_MAX_LENGTH if multiline else LINE_MAX_LENGTH)
        fields[name] = field
        question_labels[name] = (clean_name, str(field.label))

    if registration_form.ask_accessibility_needs:
        fields["accessibility_needs"] = forms.MultipleChoiceField(
            label=_("Accessibility needs"),
            required=False,
            choices=ACCESSIBILITY_CHOICES,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Tell us what helps you take part; we will do our best."),
        )
        fields["accessibility_details"] = forms.CharField(
            label=_("Other needs"),
            required=False,
            max_length=TEXT_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    if registration_form.invitation_code:
        fields["invitation_code"] = forms.CharField(
            label=_("Invitation code"),
            max_length=CODE_MAX_LENGTH,
            widget=forms.TextInput(attrs={"autocomplete": "off"}),
            error_messages={"required": _("Enter the code from your invitation.")},
        )

    fields["privacy_accepted"] = forms.BooleanField(
        label=_("I have read the privacy notice and agree to it."),
        error_messages={
            "required": _("To register, you need to agree to the privacy notice.")
        },
    )

    fields[HONEYPOT_FIELD] = forms.CharField(
        label=_("Website"),
        required=False,
        max_length=LINE_MAX_LENGTH,
        help_text=_("Leave this field empty."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    for field in fields.values():
        _limit(field, TEXT_MAX_LENGTH)

    attrs = {
        **fields,
        "registration_form": registration_form,
        "question_labels": question_labels,
    }
    return type("VisitorRegistrationForm", (BaseRegistrationForm,), attrs)
