"""Repeating events: rules expanded in the event's own wall-clock time, and the
occurrences table that listings and calendars read.

A weekly event at 10:00 in Brussels stays at 10:00 after the clocks change because
the rule is expanded on naive local date-times and the zone is attached to each
date afterwards. Exclusion and extra dates (EXDATE, RDATE) are whole days: the
editor's widget picks dates, and the event's start time applies on them.
"""

import copy
import datetime
import hashlib

import recurrence as django_recurrence
from django.apps import apps
from django.db import transaction
from django.utils import timezone

from .conf import events_settings
from .localtime import get_zone, to_local


def is_repeating(page):
    rule = page.recurrence
    return bool(rule and (rule.rrules or rule.rdates))


def _day(value, zone):
    """The calendar day an RDATE/EXDATE stands for."""
    if timezone.is_aware(value):
        utc = value.astimezone(datetime.UTC)
        if utc.time() == datetime.time(0, 0):
            return utc.date()  # a bare date, as the widget writes it
        return value.astimezone(zone).date()
    return value.date()


def _local_rule(rule, zone):
    """A copy of a rule whose UNTIL is naive wall-clock time in the event's zone,
    to match the naive DTSTART it is expanded from."""
    rule = copy.copy(rule)
    if rule.until is not None and timezone.is_aware(rule.until):
        rule.until = rule.until.astimezone(zone).replace(tzinfo=None)
    return rule


def local_starts(page, until):
    """Naive wall-clock starts of the event's dates from its first up to ``until``
    (a naive wall-clock date-time), before any editor's change."""
    zone = get_zone(page.time_zone)
    first = to_local(page.start, page.time_zone)
    if not is_repeating(page):
        return [first] if first <= until else []
    rule = page.recurrence
    expanded = django_recurrence.Recurrence(
        rrules=[_local_rule(r, zone) for r in rule.rrules],
        exrules=[_local_rule(r, zone) for r in rule.exrules],
        include_dtstart=True,
    ).between(first, until, inc=True, dtstart=first)
    starts = set(expanded)
    starts.update(
        datetime.datetime.combine(_day(d, zone), first.time()) for d in rule.rdates
    )
    skipped = {_day(d, zone) for d in rule.exdates}
    return sorted(s for s in starts if first <= s <= until and s.date() not in skipped)


def _aware(naive, zone):
    # A wall-clock time skipped by a clock change (02:30 on the spring Sunday) gets
    # the offset from before the change, as PEP 495 does: it lands at 03:30.
    return naive.replace(tzinfo=zone).astimezone(datetime.UTC)


def planned_occurrences(page, now=None):
    """(original_start, start, end) of every date of the page up to the horizon, in
    UTC, before the editor's changes to single dates. Site visits add their runs."""
    now = now or timezone.now()
    zone = get_zone(page.time_zone)
    horizon = to_local(now, page.time_zone) + datetime.timedelta(
        days=events_settings.OCCURRENCE_HORIZON_DAYS
    )
    wall_duration = to_local(page.end, page.time_zone) - to_local(
        page.start, page.time_zone
    )
    planned = []
    for naive in local_starts(page, max(horizon, to_local(page.start, page.time_zone))):
        start = _aware(naive, zone)
        planned.append((start, start, _aware(naive + wall_duration, zone)))
    for run in _runs(page):
        planned.append((run.start, run.start, run.end))
    return planned


def _runs(page):
    if not hasattr(page, "runs"):
        return []
    return list(page.runs.all())


def occurrence_rows(page, now=None):
    """Unsaved ``Occurrence`` rows of a page, with its changes to single dates."""
    Occurrence = apps.get_model("wagtail_events", "Occurrence")
    changes = {
        change.original_start: change for change in page.occurrence_changes.all()
    }
    rows = []
    for original, start, end in planned_occurrences(page, now):
        row = Occurrence(page_id=page.pk, original_start=original, start=start, end=end)
        change = changes.get(original)
        if change is not None:
            row.note = change.note
            if change.action == "cancel":
                row.cancelled = True
            elif change.new_start and change.new_end:
                row.start, row.end = change.new_start, change.new_end
        rows.append(row)
    return rows


def unmatched_changes(page, now=None):
    """Changes whose date is not one the event has: the editor mistyped it."""
    planned = {original for original, _start, _end in planned_occurrences(page, now)}
    return [
        change
        for change in page.occurrence_changes.all()
        if change.original_start not in planned
    ]


def materialise(page, now=None):
    """Replace the page's stored occurrences with freshly expanded ones."""
    Occurrence = apps.get_model("wagtail_events", "Occurrence")
    rows = occurrence_rows(page, now)
    with transaction.atomic():
        Occurrence.objects.filter(page_id=page.pk).delete()
        Occurrence.objects.bulk_create(rows)
    return rows


def extend_horizon(now=None):
    """Expand every live repeating event up to the horizon again, so that the table
    keeps reaching two years ahead as time passes. Returns how many pages."""
    EventPage = apps.get_model("wagtail_events", "EventPage")
    count = 0
    for page in EventPage.objects.live().exclude(recurrence="").specific().iterator():
        materialise(page, now)
        count += 1
    return count


def schedule_fingerprint(page):
    """A digest of everything that decides when the event happens."""
    parts = [
        page.start.isoformat(),
        page.end.isoformat(),
        page.time_zone,
        django_recurrence.serialize(page.recurrence) if page.recurrence else "",
        *sorted(
            f"{c.original_start.isoformat()}|{c.action}|{c.new_start}|{c.new_end}"
            for c in page.occurrence_changes.all()
        ),
        *sorted(f"{r.start.isoformat()}|{r.end.isoformat()}" for r in _runs(page)),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def record_schedule(page):
    """Raise the event's calendar SEQUENCE when its time changed since last time."""
    CalendarSequence = apps.get_model("wagtail_events", "CalendarSequence")
    fingerprint = schedule_fingerprint(page)
    with transaction.atomic():
        record, created = CalendarSequence.objects.select_for_update().get_or_create(
            translation_key=page.translation_key, defaults={"fingerprint": fingerprint}
        )
        if not created and record.fingerprint != fingerprint:
            record.fingerprint = fingerprint
            record.sequence += 1
            record.save(update_fields=["fingerprint", "sequence"])
    return record.sequence
