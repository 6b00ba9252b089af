from django.db import migrations


# Frozen copies of what the app knows today (``registration.answers``):
# migrations never import the app's code, which may change after them.
CHOICE_TYPES = {"dropdown", "radio", "checkboxes", "multiselect"}
BATCH = 500


def _choices(text):
    """Wagtail's form builder: one choice per line, or separated by commas."""
    text = (text or "").strip()
    if not text:
        return []
    lines = text.splitlines()
    if len(lines) > 1:
        return [line.strip().rstrip(",").strip() for line in lines]
    return [part.strip() for part in text.split(",")]


def _stable(value, asked, source):
    """``value`` (a label of ``asked``) as the choice at its position in
    ``source``; unchanged if not a label or the lists differ in length."""
    if not isinstance(value, str) or len(asked) != len(source):
        return value
    try:
        return source[asked.index(value)]
    except ValueError:
        return value


def choice_answers_to_stable_values(apps, schema_editor):
    """Choice answers were stored as the label the registrant read, in the
    language of the page they registered through; each becomes the choice as
    written in the form's original (its first translation, the lowest id), at
    the same position in the form the registrant read (the registration's page's
    form, in the page's language). What matches no choice stays as it is."""
    Registration = apps.get_model("wagtail_events", "Registration")
    RegistrationForm = apps.get_model("wagtail_events", "RegistrationForm")
    RegistrationFormField = apps.get_model("wagtail_events", "RegistrationFormField")

    # form id → {clean name: choices}, for the questions with choices
    choices = {}
    for form_id, clean_name, text in RegistrationFormField.objects.filter(
        field_type__in=CHOICE_TYPES
    ).values_list("form_id", "clean_name", "choices"):
        choices.setdefault(form_id, {})[clean_name] = _choices(text)
    if not choices:
        return
    # form id → the id of its original (the lowest id of its translations)
    original = {}
    forms = RegistrationForm.objects.order_by("pk").values_list("pk", "translation_key")
    first_of_key = {}
    for pk, key in forms:
        original[pk] = first_of_key.setdefault(key, pk)

    changed = []
    registrations = (
        Registration.objects.filter(page__registration_form_id__in=list(choices))
        .order_by("pk")
        .values_list("pk", "answers", "page__registration_form_id")
    )
    for pk, answers, form_id in registrations.iterator(chunk_size=BATCH):
        if not isinstance(answers, dict):
            continue
        asked = choices.get(form_id, {})
        source = choices.get(original.get(form_id), {})
        stable = dict(answers)
        for clean_name, answer in answers.items():
            if clean_name not in asked or clean_name not in source:
                continue
            pair = asked[clean_name], source[clean_name]
            if isinstance(answer, list):
                stable[clean_name] = [_stable(item, *pair) for item in answer]
            else:
                stable[clean_name] = _stable(answer, *pair)
        if stable != answers:
            changed.append(Registration(pk=pk, answers=stable))
    Registration.objects.bulk_update(changed, ["answers"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_events", "0015_reminders"),
    ]

    operations = [
        # Backwards: the stable values are labels of the original, readable as
        # they are; nothing to undo.
        migrations.RunPython(
            choice_answers_to_stable_values, migrations.RunPython.noop
        ),
    ]
