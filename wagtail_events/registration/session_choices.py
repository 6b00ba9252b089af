"""The sessions a visitor can choose while registering for a conference, and
which of them a visitor's choice names.

``session_options(conference)``: the conference's visible live sessions with a
registration form of their own, without invitation code, open now, one option
per date of a session with dates (a site visit's runs), each with its places
(``availability``). ``chosen_sessions(options, values)`` refuses an unknown
value, the same session twice, two sessions that overlap in time, a session
full without waiting list, as the options saw it; ``writer.register()`` reads
the places again under its lock and decides.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from ..conf import events_settings
from ..enums import EventStatus, is_conference
from ..models.occurrences import Occurrence
from ..models.visibility import visible_sessions
from .availability import Availability, availability, counts, is_open
from .errors import InvalidSessionChoice
from .keys import event_key, occurrence_key


@dataclass
class SessionOption:
    """A session (or one run of it) a visitor can choose with a conference."""

    page: object  # the session's EventPage, with its registration_form
    occurrence: Occurrence | None
    start: datetime.datetime
    end: datetime.datetime
    availability: Availability

    @property
    def value(self):
        if self.occurrence is None:
            return str(self.page.pk)
        return f"{self.page.pk}-{int(self.occurrence.original_start.timestamp())}"

    @property
    def title(self):
        return self.page.title

    @property
    def form(self):
        return self.page.registration_form

    @property
    def keys(self):
        return event_key(self.page), occurrence_key(self.occurrence)

    def overlaps(self, other):
        return self.start < other.end and other.start < self.end


def session_options(conference, now=None):
    """What a visitor can choose when registering for ``conference``, in time
    order: its live sessions that the conference's visitors see (no view
    restriction of their own), with a registration form of their own without
    invitation code, open now and not begun; one option per upcoming date of a
    session with several (a site visit's runs). Three queries, whatever the
    number of sessions."""
    if conference is None or not is_conference(conference):
        return []
    now = now or timezone.now()
    pages = [
        page
        for page in visible_sessions(conference)
        .filter(registration_form__isnull=False, registration_form__invitation_code="")
        .exclude(status=EventStatus.CANCELLED)
        .select_related("registration_form")
        .annotate(date_count=Count("occurrences"))
        .order_by("start", "pk")
        if is_open(page.registration_form, now)
    ]
    dated = {page.pk: page for page in pages if page.date_count > 1}
    runs = defaultdict(list)
    if dated:
        for row in Occurrence.objects.filter(
            page_id__in=list(dated), cancelled=False, start__gt=now
        ).order_by("start", "pk"):
            if len(runs[row.page_id]) < events_settings.UPCOMING_DATES:
                row.page = dated[row.page_id]
                runs[row.page_id].append(row)
    chosen = []
    for page in pages:
        if page.pk in dated:
            chosen.extend((page, row, row.start, row.end) for row in runs[page.pk])
        elif page.start > now:
            chosen.append((page, None, page.start, page.end))
    places = counts(
        [(event_key(page), occurrence_key(row)) for page, row, _s, _e in chosen]
    )
    options = [
        SessionOption(
            page,
            row,
            start,
            end,
            availability(
                page.registration_form,
                *places[(event_key(page), occurrence_key(row))],
            ),
        )
        for page, row, start, end in chosen
    ]
    return sorted(options, key=lambda o: (o.start, o.end, o.title, o.value))


def chosen_sessions(options, values):
    """The options a visitor chose, by their values; raises
    ``InvalidSessionChoice`` for an unknown value, a session chosen twice, two
    sessions at the same time, or a session full without waiting list (as the
    options saw it; ``register()`` decides again under the lock)."""
    by_value = {option.value: option for option in options}
    chosen = []
    for value in values:
        value = getattr(value, "value", value)
        option = by_value.get(value) if isinstance(value, str) else None
        if option is None:
            raise InvalidSessionChoice("unknown")
        if option not in chosen:
            chosen.append(option)
    for i, option in enumerate(chosen):
        for other in chosen[:i]:
            if other.page.pk == option.page.pk:
                raise InvalidSessionChoice("twice", [option.title])
            if other.overlaps(option):
                first, second = sorted(
                    [other, option], key=lambda o: (o.start, o.title)
                )
                raise InvalidSessionChoice("overlap", [first.title, second.title])
    for option in chosen:
        if not option.availability.can_choose:
            raise InvalidSessionChoice("full", [option.title])
    return chosen
