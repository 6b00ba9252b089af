"""The form a visitor fills in to register for an event.

Name and e-mail are always asked; the editor's questions come from Wagtail's form
builder; then accessibility needs, the invitation code and the privacy notice.
A honeypot field catches simple bots. Every text field has a maximum length and
refuses control characters.

An event with several dates first asks for the date (``occurrence``), and a
conference offers its sessions (``sessions``), grouped by time slot; both list
each choice with its places, and disable what is full without waiting list.
Which values are right is decided by ``wagtail_events.registrations``
(``find_date``, ``chosen_sessions``); this module words its refusals.
"""

import datetime
import decimal
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import FormBuilder

from ..localtime import to_local
from ..occurrences import dateformat
from . import writer as registrations


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


# Wording of the domain's refusals, next to the field they concern.
DATE_MESSAGES = {
    "required": _("Choose a date."),
    "unknown": _("This is not one of the event’s dates. Choose one from the list."),
    "past": _("This date has passed. Choose an upcoming date."),
    "cancelled": _("This date is cancelled. Choose another date."),
    "full": _("This date is full and has no waiting list. Choose another date."),
}


def date_error(reason):
    return ValidationError(
        DATE_MESSAGES.get(reason, DATE_MESSAGES["unknown"]), code=f"date_{reason}"
    )


def session_error(refused):
    """The message for a ``registrations.InvalidSessionChoice``."""
    titles = refused.titles
    if refused.reason == "overlap":
        message = gettext(
            "‘%(first)s’ and ‘%(second)s’ take place at the same time: choose one."
        ) % {"first": titles[0], "second": titles[1]}
    elif refused.reason == "twice":
        message = gettext("You chose ‘%(title)s’ more than once: choose one time.") % {
            "title": titles[0]
        }
    elif refused.reason == "full":
        message = gettext(
            "‘%(title)s’ is full and has no waiting list: choose another session."
        ) % {"title": titles[0]}
    else:
        message = gettext(
            "One of the sessions you chose cannot be chosen (any more). "
            "Choose again from the list."
        )
    return ValidationError(message, code=f"session_{refused.reason}")


def when(start, end, zone):
    """“Friday 19 April 2024, 10:15–12:00” in the event's own zone, in the
    current language."""
    return dateformat.time_range(to_local(start, zone), to_local(end, zone))


def places_label(availability):
    """“3 places left”, “full – waiting list”, “full”…; "" without a limit."""
    state, left = availability.state, availability.places_left
    if state == "open":
        if left is None:
            return ""
        return ngettext("%(n)s place left", "%(n)s places left", left) % {"n": left}
    if state == "waiting_list":
        return gettext("full – waiting list")
    if state == "approval":
        return gettext("full – the organiser decides")
    return gettext("full")


def _with_state(label, availability):
    state = places_label(availability)
    return f"{label} – {state}" if state else label


class ChoicesWithStates:
    """A radio or checkbox widget whose full choices are disabled: the visitor
    sees them, and why, but cannot pick them."""

    disabled_values = frozenset()

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if str(value) in self.disabled_values:
            option["attrs"]["disabled"] = True
        return option


class DateRadioSelect(ChoicesWithStates, forms.RadioSelect):
    pass


class SessionCheckboxes(ChoicesWithStates, forms.CheckboxSelectMultiple):
    # Each time slot a fieldset with its legend.
    template_name = "wagtail_events/registration/widgets/grouped_choices.html"


class AnyValueChoiceField(forms.ChoiceField):
    """The form's ``clean_`` method asks the domain, which says why a value cannot
    be chosen (a past or cancelled date) rather than “Select a valid choice”."""

    def valid_value(self, value):
        return True


class AnyValuesMultipleChoiceField(forms.MultipleChoiceField):
    def valid_value(self, value):
        return True


def date_field(options, page):
    field = AnyValueChoiceField(
        label=_("Date"),
        choices=[
            (
                o.value,
                _with_state(
                    when(o.occurrence.start, o.occurrence.end, page.time_zone),
                    o.availability,
                ),
            )
            for o in options
        ],
        widget=DateRadioSelect,
        error_messages={"required": DATE_MESSAGES["required"]},
    )
    field.widget.disabled_values = frozenset(
        o.value for o in options if not o.availability.can_choose
    )
    return field


def session_groups(options, zone):
    """Choices grouped by time slot: [(“Friday …, 10:15–12:00”, [(value, label)])]."""
    groups = {}
    for option in options:
        slot = when(option.start, option.end, zone)
        groups.setdefault(slot, []).append(
            (option.value, _with_state(option.title, option.availability))
        )
    return list(groups.items())


def sessions_field(options, page):
    field = AnyValuesMultipleChoiceField(
        label=_("Sessions"),
        required=False,
        choices=session_groups(options, page.time_zone),
        widget=SessionCheckboxes,
        help_text=_(
            "Workshops and site visits have places of their own: choose at most "
            "one in each time slot."
        ),
    )
    field.widget.disabled_values = frozenset(
        o.value for o in options if not o.availability.can_choose
    )
    return field


class BaseRegistrationForm(forms.Form):
    """Base of every visitor form; ``build_form_class`` adds the fields.

    ``page`` is the event; ``dates`` (``registrations.date_options``) and
    ``sessions`` (``registrations.session_options``) add the choice of a date and
    of sessions."""

    registration_form = None  # the RegistrationForm snippet, set on the subclass
    question_labels = {}  # form field name → (clean name, label)

    def __init__(self, *args, page=None, dates=None, sessions=None, now=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.page, self.now = page, now
        self.date_options = dates
        self.session_options = sessions or []
        if dates is not None:
            self.fields["occurrence"] = date_field(dates, page)
        if self.session_options:
            self.fields["sessions"] = sessions_field(self.session_options, page)
        self.order_fields(["occurrence", "name", "email", "sessions"])
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

    def clean_occurrence(self):
        value = self.cleaned_data.get("occurrence")
        try:
            occurrence = registrations.find_date(self.page, value, self.now)
        except registrations.InvalidDate as refused:
            raise date_error(refused.reason) from None
        listed = {o.value: o for o in self.date_options or ()}.get(value)
        if listed is not None and not listed.availability.can_choose:
            raise date_error("full")
        return occurrence

    def clean_sessions(self):
        values = self.cleaned_data.get("sessions") or []
        try:
            return registrations.chosen_sessions(self.session_options, values)
        except registrations.InvalidSessionChoice as refused:
            raise session_error(refused) from None

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
            "occurrence": data.get("occurrence"),
            "sessions": [option.value for option in data.get("sessions") or ()],
        }

    def summary_fields(self):
        """The visible fields, for the error summary and the loop in the template."""
        return [f for f in self if f.name != HONEYPOT_FIELD]

    def chosen_date_label(self):
        occurrence = self.cleaned_data.get("occurrence")
        if occurrence is None:
            return ""
        return when(occurrence.start, occurrence.end, self.page.time_zone)


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
