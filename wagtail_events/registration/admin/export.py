"""CSV and XLSX exports of the registrations listing, safe to open in spreadsheet
software.

Names, answers and even question labels are typed by strangers or editors: a cell
starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return could run as a
formula when the file is opened. Wagtail already writes XLSX cells that look like
formulas as plain text; CSV has no cell types, so such values get a leading
apostrophe there (the advice of OWASP on CSV injection). Headings get it in both
formats, since Wagtail writes them without that check.

Each question of the registration forms gets a column, labelled as in the form,
in the language of the admin user exporting (if the form has a translation in
it; else as written in the original). A choice answer is stored as one value in
every language (``registration.answers``) and written as its label in that same
language: one answer reads the same whatever the registrant's language, so a
count of the column counts it once. Several choices (checkboxes) share a cell,
separated by commas; a value that is no longer a choice is written as stored.
"""

from collections import OrderedDict

from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import IndexView

from ..answers import FormQuestions, as_text, reader_language
from ..forms import ACCESSIBILITY_CHOICES
from .common import display_name, event_title, local_start, registered_at, sessions


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ANSWER_PREFIX = "answer:"
NEED_LABELS = dict(ACCESSIBILITY_CHOICES)


def spreadsheet_safe(value):
    """The value, with an apostrophe before it if a spreadsheet would read it as
    a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def needs_label(registration):
    return ", ".join(
        str(NEED_LABELS.get(need, need)) for need in registration.accessibility_needs
    )


# (column, heading, value of a registration)
COLUMNS = [
    ("name", _("Name"), display_name),
    ("email", _("E-mail"), lambda r: r.email),
    ("event", _("Event"), event_title),
    ("date", _("Date"), lambda r: local_start(r.page, r.occurrence_key)),
    ("status", _("Status"), lambda r: r.get_status_display()),
    ("sessions", _("Sessions"), sessions),
    ("registered_at", _("Registered at"), registered_at),
    ("language", _("Language"), lambda r: r.language),
    ("accessibility_needs", _("Accessibility needs"), needs_label),
    ("accessibility_details", _("Other needs"), lambda r: r.accessibility_details),
]
GETTERS = {name: getter for name, _heading, getter in COLUMNS}


def form_id(registration):
    page = registration.page
    return page.registration_form_id if page is not None else None


def question_labels(registrations, questions, language):
    """{clean name: label} of every question answered in ``registrations``, in the
    order of the forms and in ``language`` where the forms have it; answers to
    questions deleted since keep their column. ``questions``: the forms'
    ``FormQuestions``."""
    labels = OrderedDict()
    for pk in sorted({form_id(r) for r in registrations} - {None}):
        for clean_name, question in questions.questions(pk, language).items():
            labels.setdefault(clean_name, question.label)
    for registration in registrations:
        for clean_name in registration.answers or {}:
            labels.setdefault(clean_name, clean_name)
    return labels


class SafeSpreadsheetExportMixin(IndexView):
    list_export = [name for name, _heading, _getter in COLUMNS]
    export_headings = {name: heading for name, heading, _getter in COLUMNS}

    def as_spreadsheet(self, queryset, spreadsheet_format):
        rows = list(queryset)
        self.export_language = reader_language()
        self.form_questions = FormQuestions.of_forms(form_id(r) for r in rows)
        questions = question_labels(rows, self.form_questions, self.export_language)
        self.list_export = [
            *type(self).list_export,
            *(ANSWER_PREFIX + name for name in questions),
        ]
        self.export_headings = {
            **type(self).export_headings,
            **{ANSWER_PREFIX + name: label for name, label in questions.items()},
        }
        return super().as_spreadsheet(rows, spreadsheet_format)

    def get_heading(self, queryset, field):
        return spreadsheet_safe(force_str(self.export_headings.get(field, field)))

    def to_row_dict(self, item):
        row = OrderedDict()
        for field in self.list_export:
            if field.startswith(ANSWER_PREFIX):
                name = field[len(ANSWER_PREFIX) :]
                answer = (item.answers or {}).get(name, "")
                row[field] = as_text(
                    self.form_questions.answer(
                        form_id(item), name, answer, self.export_language
                    )
                )
            else:
                row[field] = GETTERS[field](item)
        return row

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: spreadsheet_safe(
                    self.preprocess_field_value(field, value, self.FORMAT_CSV)
                )
                for field, value in row_dict.items()
            }
        )
