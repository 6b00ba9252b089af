"""The date and the sessions a visitor chooses in the registration form.

Radio buttons (the dates of an event with several) and check boxes (the
sessions of a conference, grouped by time slot) whose labels say the places
each choice has left (“3 places left”, “full – waiting list”), with what is full
without waiting list shown but disabled. The fields take any value: the writer
decides, and ``date_error`` / ``session_error`` word its refusals next to them.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ..localtime import to_local
from ..occurrences import dateformat


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
    """The message for an ``errors.InvalidSessionChoice``."""
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
    """Any value is taken: the writer says why a value cannot be chosen (a past
    or cancelled date) rather than “Select a valid choice”."""

    def valid_value(self, value):
        return True


class AnyValuesMultipleChoiceField(forms.MultipleChoiceField):
    def valid_value(self, value):
        return True


def date_field():
    """The date to choose; its choices come with ``show_choices``."""
    return AnyValueChoiceField(
        label=_("Date"),
        widget=DateRadioSelect,
        error_messages={"required": DATE_MESSAGES["required"]},
    )


def date_choices(options, zone):
    """(value, “Friday …, 19:00–21:00 – 3 places left”) of each date."""
    return [
        (
            o.value,
            _with_state(
                when(o.occurrence.start, o.occurrence.end, zone), o.availability
            ),
        )
        for o in options
    ]


def session_groups(options, zone):
    """Choices grouped by time slot: [(“Friday …, 10:15–12:00”, [(value, label)])]."""
    groups = {}
    for option in options:
        slot = when(option.start, option.end, zone)
        groups.setdefault(slot, []).append(
            (option.value, _with_state(option.title, option.availability))
        )
    return list(groups.items())


def sessions_field():
    """The sessions to choose; their choices come with ``show_choices``."""
    return AnyValuesMultipleChoiceField(
        label=_("Sessions"),
        required=False,
        widget=SessionCheckboxes,
        help_text=_(
            "Workshops and site visits have places of their own: choose at most "
            "one in each time slot."
        ),
    )


def offer_choices(field, choices, options):
    """Give a date or sessions field its ``choices``; what ``options`` says is
    full without waiting list is shown disabled."""
    field.choices = choices
    field.widget.disabled_values = frozenset(
        o.value for o in options if not o.availability.can_choose
    )
