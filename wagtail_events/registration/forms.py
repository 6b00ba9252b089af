"""The form a visitor fills in to register for an event.

Name and e-mail are always asked; the editor's questions come from Wagtail's form
builder; then accessibility needs, the invitation code and the privacy notice.
A honeypot field catches simple bots. Every text field has a maximum length and
refuses control characters.

An event with several dates first asks for the date (``occurrence``), and a
conference offers its sessions (``sessions``), grouped by time slot; both list
each choice with its places (``show_choices``, with the fields of ``choices``),
and disable what is full without waiting list.

The form checks what was typed only: required fields, lengths, control
characters, an e-mail address. Whether the date, the sessions and the
invitation code can be taken is decided once, by ``writer.register()`` under its
lock; ``choices.date_error``, ``choices.session_error`` and
``invitation_code_error`` word its refusals.
"""

import datetime
import decimal
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import FormBuilder

from .answers import CHOICE_TYPES, FormQuestions
from .choices import (
    date_choices,
    date_field,
    offer_choices,
    session_groups,
    sessions_field,
)
from .errors import InvalidInvitationCode
from .keys import check_invitation_code
from .text_input import refuse_control_characters


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
    """Base of every visitor form; ``build_form_class`` adds the fields.

    ``page`` is the event; ``asks_date`` adds the choice of a date (an event with
    dates), ``offers_sessions`` the choice of sessions (a conference). Their
    choices, with their places, come with ``show_choices()``: the form shown
    needs them, the form posted does not (it checks the input only)."""

    registration_form = None  # the RegistrationForm snippet, set on the subclass
    question_labels = {}  # form field name → (clean name, label)
    asks_choices = False  # a question with choices: answers get stable values

    def __init__(
        self, *args, page=None, asks_date=False, offers_sessions=False, **kwargs
    ):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.page = page
        if asks_date:
            self.fields["occurrence"] = date_field()
        if offers_sessions:
            self.fields["sessions"] = sessions_field()
        self.order_fields(["occurrence", "name", "email", "sessions"])
        for name, field in self.fields.items():
            if field.required and name != HONEYPOT_FIELD:
                field.widget.attrs.setdefault("required", True)
        self.mark_errors()

    def show_choices(self, dates, sessions):
        """Give the date and session fields their choices: ``dates``
        (``availability.date_options``, None for a one-off event) and ``sessions``
        (``session_choices.session_options``), each with its places, the full
        ones disabled. A field with nothing to offer is left out; its errors, if
        any, go to the top of the form."""
        zone = self.page.time_zone
        for name, options, choices in (
            ("occurrence", dates, lambda: date_choices(dates, zone)),
            ("sessions", sessions, lambda: session_groups(sessions, zone)),
        ):
            if name not in self.fields:
                continue
            if options:
                offer_choices(self.fields[name], choices(), options)
                continue
            del self.fields[name]
            if self.is_bound:
                for error in self.errors.pop(name, []):
                    self.add_error(None, error)
        self.mark_errors()

    def mark_errors(self):
        """Mark the fields with an error for assistive technology."""
        if not self.is_bound:
            return
        for name, field in self.fields.items():
            if name in self.errors and name != HONEYPOT_FIELD:
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
        # Said with the other mistakes at once; the writer checks it again.
        code = self.cleaned_data.get("invitation_code", "")
        try:
            check_invitation_code(self.registration_form, code)
        except InvalidInvitationCode:
            raise self.invitation_code_error() from None
        return code

    def clean(self):
        cleaned = super().clean()
        refuse_control_characters(self)
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
        """The editor's questions, answered: {clean name: JSON-serialisable value}.
        A choice is stored as its stable value, the same in every language
        (``answers``), while the form shows it in the visitor's language."""
        result = {}
        for name, (clean_name, _label) in self.question_labels.items():
            result[clean_name] = _serialisable(self.cleaned_data.get(name))
        if self.asks_choices:
            form_id = self.registration_form.pk
            result = FormQuestions.of_forms([form_id]).stable(form_id, result)
        return result

    def registration_kwargs(self):
        """Keyword arguments for ``writer.register``: what the visitor typed and
        chose, for it to decide."""
        data = self.cleaned_data
        return {
            "name": data["name"].strip(),
            "email": data["email"],
            "answers": self.answers(),
            "accessibility_needs": list(
                dict.fromkeys(data.get("accessibility_needs") or [])
            ),
            "accessibility_details": (data.get("accessibility_details") or "").strip(),
            "invitation_code": data.get("invitation_code", ""),
            "occurrence": data.get("occurrence"),
            "sessions": list(data.get("sessions") or ()),
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


def initial_answers(registration_form, answers):
    """Initial data of the visitor's form for stored ``answers`` (to change them):
    each choice in the words of ``registration_form``, the form in the
    registrant's language, under the form's field names."""
    shown = FormQuestions.of_forms([registration_form.pk]).in_language_of(
        registration_form.pk, answers
    )
    return {QUESTION_PREFIX + name: value for name, value in shown.items()}


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
        "asks_choices": any(q.field_type in CHOICE_TYPES for q in questions),
    }
    return type("VisitorRegistrationForm", (BaseRegistrationForm,), attrs)
