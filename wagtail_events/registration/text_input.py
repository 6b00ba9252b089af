"""What a visitor may type: no control characters, and no line breaks in a
field of one line (a name, an e-mail address, a form-builder "singleline"
question), since those go into e-mail headers, calendar lines and exports.

``refuse_control_characters(form)`` adds the error to each field that holds
one, after the fields are cleaned; Django already refuses NUL.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


# C0 controls and DEL; a field of several lines keeps tab and line breaks.
_ONE_LINE = re.compile("[\x00-\x1f\x7f]")
_SEVERAL_LINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

ONE_LINE_MESSAGE = _(
    "Type this on one line, without line breaks or control characters."
)
CONTROL_MESSAGE = _("Remove the control characters from this text.")


def _values(value):
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [item for item in value if isinstance(item, str)]
    return []


def refuse_control_characters(form):
    for name, field in form.fields.items():
        if name not in form.cleaned_data:
            continue
        several = isinstance(field.widget, forms.Textarea)
        pattern = _SEVERAL_LINES if several else _ONE_LINE
        if any(pattern.search(value) for value in _values(form.cleaned_data[name])):
            message = CONTROL_MESSAGE if several else ONE_LINE_MESSAGE
            form.add_error(name, ValidationError(message, code="control_character"))
