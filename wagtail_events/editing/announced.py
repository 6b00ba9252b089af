"""The rules of an event whose date is to be announced, with editors' messages
(``validation.validate_event`` adds them to the others)."""

from django.utils.translation import gettext as _

from ..enums import is_conference
from ..occurrences import rules


def date_to_be_announced(page, data, parent, formsets=()):
    """The rules of a date not known yet: no dates typed, and nothing that
    needs them (a rule, sessions, programme items, further runs). A session of
    a conference needs its time, and the conference its date first. (Once the
    date is set, the form empties what was known of it: ``forms``.)"""
    start, end = data.get("start"), data.get("end")
    errors = []
    conference = parent if is_conference(parent) else None
    if not data.get("date_to_be_announced"):
        # (A date typed wrong has left ``data`` with its message already; a
        # meeting, whose date is always known, has no choice to tick.)
        for name in ("start", "end"):
            if name in data and data[name] is None:
                errors.append(
                    (
                        name,
                        _(
                            "Enter the date and time, or tick “date to be "
                            "announced” if it is not known yet."
                        )
                        if "date_to_be_announced" in data
                        else _("Enter the date and time."),
                    )
                )
        if conference is not None and not rules.is_dated(conference):
            errors.append(
                (
                    "start",
                    _(
                        "The conference’s date is to be announced: give it its "
                        "date before its sessions get their times."
                    ),
                )
            )
        return errors

    if start is not None or end is not None:
        errors.append(
            (
                "start",
                _(
                    "Leave the start and end empty while the date is to be "
                    "announced, or untick “date to be announced”."
                ),
            )
        )
    if conference is not None:
        errors.append(
            (
                "date_to_be_announced",
                _(
                    "A session takes place at a time within its conference: give "
                    "it its date and time."
                ),
            )
        )
    if data.get("recurrence"):
        errors.append(
            (
                "recurrence",
                _(
                    "An event whose date is to be announced cannot repeat yet: add "
                    "the rule once its first date is known."
                ),
            )
        )
    first, last = data.get("announced_start_time"), data.get("announced_end_time")
    if last is not None and first is None:
        errors.append(
            ("announced_start_time", _("Give the start time with the end time."))
        )
    elif first is not None and last is not None and last <= first:
        errors.append(("announced_end_time", _("The end must be after the start.")))
    if is_conference(page) and page.pk and page.get_children().exists():
        errors.append(
            (
                "date_to_be_announced",
                _(
                    "This conference has sessions, which have dates and times. "
                    "Keep the conference’s date, or move its sessions first."
                ),
            )
        )
    for formset in formsets:
        for child in formset.forms:
            cleaned = getattr(child, "cleaned_data", None)
            if not cleaned or cleaned.get("DELETE"):
                continue
            child.add_error(
                "start",
                _(
                    "The event’s date is to be announced: add this once the date "
                    "is set. Until then, describe it in the body."
                ),
            )
    return errors
