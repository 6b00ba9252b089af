"""Answers to the editor's multiple-choice questions: stored the same in every
language, shown in the reader's.

The rule, the only one: a choice answer (drop-down, radio buttons, checkboxes,
multiple select) is stored as the choice **as written in the form's original**,
the first of the form's translations (the lowest id: the one the others were
translated from), at the same position as the label the visitor chose. A Dutch
visitor choosing "Ik red me wel", the second choice of the Dutch form, and an
English visitor choosing "I get by" are both stored as "I get by" (when the form
was written in English). The same question in another language is the field with
the same ``clean_name`` (synchronised by wagtail-localize).

Shown to a reader (the admin's detail page, the export, the summary), a stored
value is the choice at its position in the source, read in the reader's
translation of the form: the reader's language if the form has a translation in
it, else the source's labels, which are the values themselves.

A position is only trusted when both lists of choices have the same length:
translators keep the number and the order of the choices (docs/translating.md).
Where they differ, or where a stored value is no longer a choice (an editor
reworded, reordered or removed it since), the value is kept and shown **as
stored**, never an error; the summary lists it apart. Rewording a choice in the
source language therefore leaves the earlier answers under the old wording;
reordering keeps them right (a value is found by its text, not its position).

Answers to the other questions (text, numbers, dates) are stored as typed.

``FormQuestions.of_forms`` reads the questions of forms in every language in one
query, for a page of many registrations (fixed number of queries).
"""

from collections import Counter
from dataclasses import dataclass

from django.utils import translation
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.coreutils import get_supported_content_language_variant

from ..models import RegistrationForm, RegistrationFormField


CHOICE_TYPES = frozenset({"dropdown", "radio", "checkboxes", "multiselect"})
# How several answers to one question (checkboxes) are written in one cell.
SEPARATOR = ", "


def choices_of(field):
    """The choices of a question, as the visitor's form offers them (Wagtail's
    form builder: one per line, or separated by commas)."""
    if field is None or not field.choices:
        return []
    # A choice listed twice (saved before the editor's form refused it) is one.
    return list(
        dict.fromkeys(
            value
            for value, _label in FormBuilder([]).get_formatted_field_choices(field)
        )
    )


def _once(items):
    """``items`` without repeats, in order (stored values may be of any JSON type)."""
    return [item for n, item in enumerate(items) if item not in items[:n]]


def _moved(value, from_choices, to_choices):
    """``value`` at its position in ``from_choices``, read in ``to_choices``; the
    value itself when it is not there or the lists differ in length."""
    if len(from_choices) != len(to_choices):
        return value
    try:
        return to_choices[from_choices.index(value)]
    except ValueError:
        return value


def _each(answer, change):
    if isinstance(answer, list):
        return [change(item) for item in answer]
    if isinstance(answer, str) and answer:
        return change(answer)
    return answer


def stable_value(field, source, answer):
    """What to store for ``answer`` (a label or a list of labels) to ``field``,
    the question as the visitor read it; ``source``: the same question in the
    form's original (None or ``field`` itself when the visitor read the original)."""
    if field is None or field.field_type not in CHOICE_TYPES:
        return answer
    if isinstance(answer, list):
        answer = _once(answer)  # a choice ticked twice is one
    if source is None or source is field:
        return answer
    labels, values = choices_of(field), choices_of(source)
    return _each(answer, lambda label: _moved(label, labels, values))


def label_for(reader, source, answer):
    """A stored ``answer`` (a value or a list of values) in the words of
    ``reader``, the question in the reader's language; ``source``: the question
    in the form's original. Unknown values stay as stored."""
    if source is None or source.field_type not in CHOICE_TYPES:
        return answer
    if reader is None or reader is source:
        return answer
    values, labels = choices_of(source), choices_of(reader)
    return _each(answer, lambda value: _moved(value, values, labels))


def as_text(answer):
    """One answer in one cell: several values joined, nothing as ""."""
    if answer is None:
        return ""
    if isinstance(answer, list):
        return SEPARATOR.join(map(str, answer))
    return answer


def reader_language():
    """The content language the reader reads in (the admin user's language),
    or None if the site has no such content language."""
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return None


@dataclass(frozen=True)
class Question:
    """One question of a form in one language, as read from the database."""

    clean_name: str
    field_type: str
    label: str
    choices: str


class FormQuestions:
    """The questions of some forms in every language of them, read in one query.

    A form is known by its id (a page's ``registration_form_id``: the form in the
    page's language); its translations share its ``translation_key``."""

    def __init__(self, rows):
        # translation key → {form id: language}; form id → its key; form id →
        # [questions in the form's order]
        self._forms = {}
        self._key = {}
        self._questions = {}
        for row in rows:
            form_id, key = row["form_id"], row["form__translation_key"]
            self._forms.setdefault(key, {})[form_id] = row[
                "form__locale__language_code"
            ]
            self._key[form_id] = key
            self._questions.setdefault(form_id, []).append(
                Question(
                    row["clean_name"], row["field_type"], row["label"], row["choices"]
                )
            )

    @classmethod
    def of_forms(cls, form_ids):
        form_ids = {pk for pk in form_ids if pk is not None}
        if not form_ids:
            return cls([])
        keys = RegistrationForm.objects.filter(pk__in=form_ids).values(
            "translation_key"
        )
        return cls(
            RegistrationFormField.objects.filter(form__translation_key__in=keys)
            .order_by("form_id", "sort_order", "pk")
            .values(
                "form_id",
                "form__translation_key",
                "form__locale__language_code",
                "clean_name",
                "field_type",
                "label",
                "choices",
            )
        )

    def _source_id(self, form_id):
        key = self._key.get(form_id)
        return min(self._forms[key]) if key is not None else None

    def _reader_id(self, form_id, language):
        key = self._key.get(form_id)
        if key is None:
            return None
        for translation_id, code in sorted(self._forms[key].items()):
            if code == language:
                return translation_id
        return self._source_id(form_id)

    def questions(self, form_id, language=None):
        """{clean name: Question} of the form, in ``language`` if the form has a
        translation in it, else in the original; in the form's order."""
        if language is None:
            shown = self._source_id(form_id)
        else:
            shown = self._reader_id(form_id, language)
        return {q.clean_name: q for q in self._questions.get(shown, [])}

    def sources(self, form_id):
        """{clean name: Question} of the form's original."""
        return self.questions(form_id)

    def has_choices(self, form_id):
        return any(q.field_type in CHOICE_TYPES for q in self.sources(form_id).values())

    def stable(self, form_id, answers):
        """``answers`` ({clean name: answer}) given to the form ``form_id`` as
        its visitor read it, with each choice answer's stable value."""
        asked = {q.clean_name: q for q in self._questions.get(form_id, [])}
        sources = self.sources(form_id)
        return {
            name: stable_value(asked.get(name), sources.get(name), answer)
            for name, answer in answers.items()
        }

    def shown(self, form_id, answers, language):
        """[(question, answer)] of ``answers`` (stored values) in ``language``:
        the form's questions in its order, then the answers to questions deleted
        since, under their clean name and as stored."""
        answers = dict(answers) if isinstance(answers, dict) else {}
        sources = self.sources(form_id)
        rows = []
        for name, reader in self.questions(form_id, language).items():
            if name in answers:
                rows.append(
                    (
                        reader.label,
                        label_for(reader, sources.get(name), answers.pop(name)),
                    )
                )
        rows.extend(answers.items())
        return rows

    def answer(self, form_id, name, answer, language):
        """One stored answer in ``language``."""
        return label_for(
            self.questions(form_id, language).get(name),
            self.sources(form_id).get(name),
            answer,
        )

    def in_language_of(self, form_id, answers):
        """Stored ``answers`` in the words of the form ``form_id`` itself (to
        fill in that form again, in the registrant's language)."""
        asked = {q.clean_name: q for q in self._questions.get(form_id, [])}
        sources = self.sources(form_id)
        return {
            name: label_for(asked.get(name), sources.get(name), answer)
            for name, answer in (answers if isinstance(answers, dict) else {}).items()
        }


def display_answers(registration, language=None):
    """[(question, answer as text)] of a registration, in ``language`` (the
    reader's by default), in the order of the form (one query)."""
    language = language or reader_language()
    page = registration.page
    form_id = page.registration_form_id if page is not None else None
    questions = FormQuestions.of_forms([form_id])
    return [
        (label, as_text(answer))
        for label, answer in questions.shown(form_id, registration.answers, language)
    ]


def count_choices(questions, form_id, answers, language=None):
    """How many of ``answers`` (stored answers, {clean name: value}) chose each
    choice of the form's choice questions, one count per choice whatever the
    registrant's language. [{"label", "choices": [{"label", "count"}],
    "stale": [{"label", "count"}]}], in the form's order; "stale": values that
    are no longer a choice, as stored."""
    language = language or reader_language()
    sources = questions.sources(form_id)
    readers = questions.questions(form_id, language)
    counted = {
        name: Counter() for name, q in sources.items() if q.field_type in CHOICE_TYPES
    }
    for answered in answers:
        if not isinstance(answered, dict):
            continue
        for name, counter in counted.items():
            value = answered.get(name)
            # Each registrant counts once per choice, also for answers
            # stored with a repeated value.
            items = _once(value) if isinstance(value, list) else [value]
            for item in items:
                if isinstance(item, str) and item:
                    counter[item] += 1
    result = []
    for name, counter in counted.items():
        source, reader = sources[name], readers.get(name, sources[name])
        values = choices_of(source)
        result.append(
            {
                "label": reader.label,
                "choices": [
                    {"label": label_for(reader, source, value), "count": counter[value]}
                    for value in values
                ],
                "stale": [
                    {"label": value, "count": count}
                    for value, count in sorted(counter.items())
                    if value not in values
                ],
            }
        )
    return result
