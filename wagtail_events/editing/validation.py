"""The rules an event page must follow before it is saved, with editors' messages.

``validate_event`` returns (field, message) pairs rather than raising, so that the
admin form can show every problem next to its field at once.
"""

from django.utils.translation import gettext as _

from ..enums import EventKind, is_conference, kind_of
from ..localtime import to_local
from ..models import EventPage, PanelPage, SiteVisitPage, WorkshopPage
from ..occurrences import rules
from . import announced


# The page types whose places are limited in the editors' minds (a room of
# twenty, a boat of twelve): publishing one without a limit earns a warning.
LIMITED_KINDS = (EventKind.WORKSHOP, EventKind.SITE_VISIT)

# The page types that take a room, searched in this order for a clash.
SESSION_TYPES = (PanelPage, WorkshopPage, SiteVisitPage)


def validate_event(page, data, parent, formsets=()):
    errors = announced.date_to_be_announced(page, data, parent, formsets)
    start, end = data.get("start"), data.get("end")
    zone = data.get("time_zone") or page.time_zone
    if start and end and end <= start:
        errors.append(("end", _("The end must be after the start.")))

    if is_conference(page) and page.pk and data.get("time_zone"):
        errors += zone_change_with_sessions(page, data["time_zone"])

    conference = parent if is_conference(parent) else None
    if conference is not None and not rules.is_dated(conference):
        # Checked by ``date_to_be_announced``; there are no days to fall within.
        conference = None
    if conference and start and end:
        errors += [
            ("start", message) for message in outside_conference(start, end, conference)
        ]

    if conference and data.get("recurrence"):
        # The programme and the schedule show a session at its start and its further
        # runs; a rule would only reach the calendar file.
        errors.append(
            (
                "recurrence",
                _(
                    "A session of a conference cannot repeat. Add further runs "
                    "(site visits) or separate sessions for its other dates."
                ),
            )
        )

    room = data.get("room")
    if room and start and end and end > start:
        clash = overlapping_session(page, room, start, end)
        if clash is not None:
            errors.append(
                (
                    "room",
                    _(
                        "%(room)s is already taken by “%(title)s” from %(start)s to "
                        "%(end)s. Choose another room or time."
                    )
                    % {
                        "room": room.name,
                        "title": clash.title,
                        "start": to_local(clash.start, zone).strftime("%H:%M"),
                        "end": to_local(clash.end, zone).strftime("%H:%M"),
                    },
                )
            )

    if "meeting_point" in data and not (data.get("meeting_point") or "").strip():
        errors.append(
            (
                "meeting_point",
                _(
                    "A site visit needs a meeting point, so that people know where to go."
                ),
            )
        )

    # Only when the address was left empty: an invalid one already has its message.
    if (
        data.get("attendance_mode") in ("online", "mixed")
        and "online_url" in data
        and not data["online_url"]
    ):
        errors.append(
            (
                "online_url",
                _(
                    "An event that people follow online needs the address where they join."
                ),
            )
        )

    tba = bool(data.get("date_to_be_announced"))
    for formset in formsets:
        for child in formset.forms:
            cleaned = getattr(child, "cleaned_data", None) or {}
            if not cleaned or cleaned.get("DELETE"):
                continue
            c_start, c_end = cleaned.get("start"), cleaned.get("end")
            if c_start and c_end and c_end <= c_start:
                child.add_error("end", _("The end must be after the start."))
            elif c_start and c_end and (conference or (start and end)) and not tba:
                if conference or is_conference(page):
                    bounds = conference or _Bounds(start, end, zone)
                    messages = outside_conference(c_start, c_end, bounds)
                else:
                    # A further run of a site visit on its own: the visit's days.
                    messages = outside_event(c_start, c_end, _Bounds(start, end, zone))
                for message in messages:
                    child.add_error("start", message)
    return errors


class _Bounds:
    """The dates of the page being edited, before it is saved."""

    def __init__(self, start, end, time_zone):
        self.start, self.end, self.time_zone = start, end, time_zone


def _days_outside(start, end, event):
    """The event's first and last local day if start..end falls outside them."""
    zone = event.time_zone
    first_day = to_local(event.start, zone).date()
    last_day = to_local(event.end, zone).date()
    if (
        to_local(start, zone).date() < first_day
        or to_local(end, zone).date() > last_day
    ):
        return first_day, last_day
    return None


def outside_conference(start, end, conference):
    """Messages if start..end falls outside the conference's days (local dates)."""
    days = _days_outside(start, end, conference)
    if days is None:
        return []
    first_day, last_day = days
    if first_day == last_day:
        return [
            _("This must take place on the day of the conference, %(day)s.")
            % {"day": first_day.isoformat()}
        ]
    return [
        _("This must take place within the conference, from %(first)s to %(last)s.")
        % {"first": first_day.isoformat(), "last": last_day.isoformat()}
    ]


def outside_event(start, end, event):
    """Messages if start..end falls outside the days of an event that is not a
    conference (the first run of a site visit that runs again)."""
    days = _days_outside(start, end, event)
    if days is None:
        return []
    first_day, last_day = days
    if first_day == last_day:
        return [
            _("This must take place on the same day as the event, %(day)s.")
            % {"day": first_day.isoformat()}
        ]
    return [
        _("This must take place within the event, from %(first)s to %(last)s.")
        % {"first": first_day.isoformat(), "last": last_day.isoformat()}
    ]


def overlapping_session(page, room, start, end):
    """Another session in the same room at an overlapping time, if any.

    Translations of the page share its translation key and are not a clash.
    """
    for model in SESSION_TYPES:
        clash = (
            model.objects.filter(room=room, start__lt=end, end__gt=start)
            .exclude(translation_key=page.translation_key)
            .only("title", "start", "end")
            .first()
        )
        if clash is not None:
            return clash
    return None


class _Schedule:
    """The schedule on the form being validated, before the page is saved."""

    def __init__(self, page, data):
        self.start = data.get("start")
        self.end = data.get("end")
        self.time_zone = data.get("time_zone") or page.time_zone
        self.recurrence = (
            data["recurrence"] if "recurrence" in data else page.recurrence
        )


class _Run:
    def __init__(self, start, end):
        self.start, self.end = start, end


def _kept_rows(formset):
    """The cleaned data of the rows of a formset that are not being deleted."""
    if formset is None:
        return []
    return [
        (child, child.cleaned_data)
        for child in formset.forms
        if getattr(child, "cleaned_data", None) and not child.cleaned_data.get("DELETE")
    ]


def validate_occurrence_changes(page, data, formset, runs=None):
    """Errors on the rows of the changes to single dates: each must name a date the
    event has (its start time on a day the rule gives, in the event's zone) and
    only once; a moved date needs its new start and end, the end after the start.
    ``runs`` is a site visit's formset of further runs, which are dates too."""
    rows = _kept_rows(formset)
    if not rows:
        return
    schedule = _Schedule(page, data)
    zone = schedule.time_zone
    for child, cleaned in rows:
        if cleaned.get("action") != "move":
            continue
        new_start, new_end = cleaned.get("new_start"), cleaned.get("new_end")
        if not new_start and "new_start" not in child.errors:
            child.add_error("new_start", _("A moved date needs its new start."))
        if not new_end and "new_end" not in child.errors:
            child.add_error("new_end", _("A moved date needs its new end."))
        if new_start and new_end and new_end <= new_start:
            child.add_error("new_end", _("The end must be after the start."))

    originals = [c.get("original_start") for _child, c in rows]
    if not (schedule.start and schedule.end and schedule.end > schedule.start):
        return  # the page's own times have their errors already
    run_times = [
        _Run(c["start"], c["end"])
        for _child, c in _kept_rows(runs)
        if c.get("start") and c.get("end")
    ]
    dates = rules.dates_of(schedule, [o for o in originals if o], runs=run_times)
    seen = set()
    for (child, _cleaned), original in zip(rows, originals, strict=True):
        if not original:
            continue
        if original not in dates:
            child.add_error(
                "original_start",
                _(
                    "This event has no date starting at %(start)s (%(zone)s). Type "
                    "the date and start time of a date the event has."
                )
                % {
                    "start": to_local(original, zone).strftime("%Y-%m-%d %H:%M"),
                    "zone": zone,
                },
            )
        elif original in seen:
            child.add_error(
                "original_start", _("Another change above is for this date already.")
            )
        seen.add(original)


def zone_change_with_sessions(conference, new_zone):
    """Refuse to change a conference's zone under its sessions: their times were
    typed in the old zone, and would silently move by the difference."""
    sessions = EventPage.objects.child_of(conference).exclude(time_zone=new_zone)
    if new_zone == conference.time_zone or not sessions.exists():
        return []
    return [
        (
            "time_zone",
            _(
                "The sessions of this conference keep their times in %(zone)s. Move "
                "the sessions out of the conference before changing its time zone, "
                "or keep %(zone)s."
            )
            % {"zone": conference.time_zone},
        )
    ]


def unlimited_places(page):
    """The editor's warning for a workshop or site visit that takes registrations
    without a limit, or None. Places are the registration form's (one capacity,
    counted across the page's languages); a form without places takes everyone,
    which is rarely what a workshop means, but allowed."""
    if kind_of(page) not in LIMITED_KINDS or not page.registration_form_id:
        return None
    form = page.registration_form
    if form is None or form.capacity is not None:
        return None
    return _(
        "“%(page)s” takes registrations without a limit: its registration form "
        "“%(form)s” has no places. If places are limited, enter them under "
        "“Places” on the form."
    ) % {"page": page.title, "form": form}
