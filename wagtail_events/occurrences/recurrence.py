"""Repeating events: rules expanded in the event's own wall-clock time, and the
occurrences table that listings and calendars read.

A weekly event at 10:00 in Brussels stays at 10:00 after the clocks change because
the rule is expanded on naive local date-times and the zone is attached to each
date afterwards. Exclusion and extra dates (EXDATE, RDATE) are whole days: the
editor's widget picks dates, and the event's start time applies on them. A rule's
UNTIL picked as a date includes that whole day.

``materialise`` writes a page's dates to the ``Occurrence`` table, from its first
date up to ``WAGTAIL_EVENTS_OCCURRENCE_HORIZON_DAYS`` ahead; ``extend_horizon``
(the ``extend_occurrences`` task and command) keeps that horizon moving as time
passes.
"""

import datetime
import hashlib
from collections import defaultdict

import recurrence as django_recurrence
from django.apps import apps
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..conf import events_settings
from ..localtime import get_zone, to_local
from . import dateformat


def is_repeating(page):
    rule = page.recurrence
    return bool(rule and (rule.rrules or rule.rdates))


# Reading the rule


def _is_whole_day(value, zone):
    """Whether an aware RDATE/EXDATE/UNTIL stands for a date rather than a time:
    midnight in UTC (as the widget writes dates) or in the event's zone."""
    utc = value.astimezone(datetime.UTC)
    return utc.time() == datetime.time(0) or value.astimezone(
        zone
    ).time() == datetime.time(0)


def _day(value, zone):
    """The calendar day an RDATE/EXDATE stands for."""
    if timezone.is_aware(value):
        utc = value.astimezone(datetime.UTC)
        if utc.time() == datetime.time(0, 0):
            return utc.date()  # a bare date, as the widget writes it
        return value.astimezone(zone).date()
    return value.date()


def _local_until(until, zone):
    """UNTIL as naive wall-clock time in the event's zone. A date (midnight)
    includes that whole day: "until 31 December" still meets on the 31st."""
    if until is None:
        return None
    if timezone.is_aware(until):
        if _is_whole_day(until, zone):
            return datetime.datetime.combine(_day(until, zone), datetime.time.max)
        return until.astimezone(zone).replace(tzinfo=None)
    if until.time() == datetime.time(0):
        return datetime.datetime.combine(until.date(), datetime.time.max)
    return until


def _local_rule(rule, zone):
    """A copy of a rule whose UNTIL is naive wall-clock time in the event's zone,
    to match the naive DTSTART it is expanded from."""
    kwargs = {param: getattr(rule, param) for param in rule.byparams}
    return django_recurrence.Rule(
        rule.freq,
        interval=rule.interval,
        wkst=rule.wkst,
        count=rule.count,
        until=_local_until(rule.until, zone),
        **kwargs,
    )


def _expand(rules, zone, first, until):
    """Naive wall-clock dates the rules give from ``first`` up to ``until``."""
    if not rules:
        return set()
    return set(
        django_recurrence.Recurrence(
            rrules=[_local_rule(r, zone) for r in rules], include_dtstart=False
        ).between(first, until, inc=True, dtstart=first)
    )


def local_starts(page, until):
    """Naive wall-clock starts of the event's dates from its first up to ``until``
    (a naive wall-clock date-time), before any editor's change.

    The event's own start is always its first date, as DTSTART is in iCalendar;
    the rules (RRULE), extra days (RDATE) make the series, and exclusion rules and
    days (EXRULE, EXDATE) take dates out of it, the first one included.
    """
    zone = get_zone(page.time_zone)
    first = to_local(page.start, page.time_zone)
    if not is_repeating(page):
        return [first] if first <= until else []
    rule = page.recurrence
    starts = {first} | _expand(rule.rrules, zone, first, until)
    starts.update(
        datetime.datetime.combine(_day(d, zone), first.time()) for d in rule.rdates
    )
    starts -= _expand(rule.exrules, zone, first, until)
    skipped = {_day(d, zone) for d in rule.exdates}
    return sorted(s for s in starts if first <= s <= until and s.date() not in skipped)


def describe(page):
    """How the event repeats in words, one text per rule ("weekly, each Tuesday,
    until 2024-12-31"), with UNTIL as the event's local date."""
    if not is_repeating(page):
        return []
    zone = get_zone(page.time_zone)
    return [_rule_text(_local_rule(rule, zone)) for rule in page.recurrence.rrules]


def _rule_text(rule):
    # django-recurrence writes UNTIL as an ISO date in every language; the last
    # date is written as the rest of the page writes dates.
    if rule.count or not rule.until:
        return rule.to_text()
    until, rule.until = rule.until, None
    return _("%(rule)s, until %(date)s") % {
        "rule": rule.to_text(),
        "date": dateformat.formatted(until.date(), "plain_date"),
    }


def upcoming(page, limit, now=None):
    """The next ``limit`` stored dates of a page that are not over yet, cancelled
    and moved ones included, with their page set (no query per date)."""
    now = now or timezone.now()
    rows = list(page.occurrences.filter(end__gte=now).order_by("start", "pk")[:limit])
    for row in rows:
        row.page = page
    return rows


def next_occurrence(page, now=None):
    """The page's next date that is not cancelled and not over yet, or None."""
    now = now or timezone.now()
    row = (
        page.occurrences.filter(end__gte=now, cancelled=False)
        .order_by("start", "pk")
        .first()
    )
    if row is not None:
        row.page = page
    return row


# Wall-clock time to UTC


def _aware(naive, zone):
    """Wall-clock time in ``zone`` as UTC.

    A time skipped by a clock change (02:30 on the spring Sunday) gets the offset
    from before the change, as PEP 495 does: it lands at 03:30. A time that happens
    twice (autumn) is the first of the two.
    """
    return naive.replace(tzinfo=zone).astimezone(datetime.UTC)


def _wall_duration(page):
    return to_local(page.end, page.time_zone) - to_local(page.start, page.time_zone)


def horizon(page, now=None):
    """The naive wall-clock moment up to which the page's dates are expanded."""
    now = now or timezone.now()
    ahead = to_local(now, page.time_zone) + datetime.timedelta(
        days=events_settings.OCCURRENCE_HORIZON_DAYS
    )
    return max(ahead, to_local(page.start, page.time_zone))


def planned_occurrences(page, now=None, runs=None, until=None, limit=None):
    """(original_start, start, end) of every date of the page up to the horizon
    (or ``until``, naive wall-clock), in UTC, before the editor's changes to
    single dates.

    Each date lasts as long on the wall as the event does: 10:00–11:00 every week,
    summer and winter. A date whose start does not exist (the spring clock change)
    starts at the same wall-clock time after the change and keeps its length.
    Further runs of a site visit are extra occurrences, on every date of a series,
    at the same wall-clock times relative to the first run. At most ``limit``
    (``WAGTAIL_EVENTS_MAX_OCCURRENCES`` unless given; 0: no limit) of the latest
    dates are kept.
    """
    zone = get_zone(page.time_zone)
    first = to_local(page.start, page.time_zone)
    duration = _wall_duration(page)
    if runs is None:
        runs = _runs(page)
    run_offsets = [
        (
            run,
            to_local(run.start, page.time_zone) - first,
            to_local(run.end, page.time_zone) - first,
        )
        for run in runs
    ]
    starts = local_starts(page, until or horizon(page, now))
    if limit is None:
        limit = events_settings.MAX_OCCURRENCES
    if limit and len(starts) > limit:
        # Keep the dates nearest the horizon: the past is what listings need least.
        starts = starts[-limit:]
    planned = {}
    for naive in starts:
        start = _aware(naive, zone)
        wall_start = to_local(start, page.time_zone)
        planned.setdefault(start, (start, start, _aware(wall_start + duration, zone)))
        for run, start_offset, end_offset in run_offsets:
            if naive == first:
                run_start, run_end = run.start, run.end
            else:
                run_start = _aware(naive + start_offset, zone)
                run_end = _aware(naive + end_offset, zone)
            planned.setdefault(run_start, (run_start, run_start, run_end))
    return sorted(planned.values())


def _runs(page):
    """A site visit's further runs; nothing for other events."""
    if hasattr(page, "runs"):
        return list(page.runs.all())
    if page.pk and getattr(page, "content_type_id", None):
        SiteVisitPage = apps.get_model("wagtail_events", "SiteVisitPage")
        if page.specific_class is SiteVisitPage:
            SiteVisitRun = apps.get_model("wagtail_events", "SiteVisitRun")
            return list(SiteVisitRun.objects.filter(page_id=page.pk))
    return []


def _changes(page):
    manager = getattr(page, "occurrence_changes", None)
    return list(manager.all()) if manager is not None else []


# The occurrences table


def occurrence_rows(page, now=None, changes=None, runs=None):
    """Unsaved ``Occurrence`` rows of a page, with its changes to single dates."""
    Occurrence = apps.get_model("wagtail_events", "Occurrence")
    if changes is None:
        changes = _changes(page)
    by_start = {change.original_start: change for change in changes}
    rows = []
    for original, start, end in planned_occurrences(page, now, runs=runs):
        row = Occurrence(page_id=page.pk, original_start=original, start=start, end=end)
        change = by_start.get(original)
        if change is not None:
            row.note = change.note or ""
            if change.action == "cancel":
                row.cancelled = True
            elif change.new_start and change.new_end:
                row.start, row.end = change.new_start, change.new_end
        rows.append(row)
    return rows


def dates_of(page, up_to=(), runs=None):
    """The set of original starts (UTC) of the page's dates up to the horizon, or
    further to include every aware date-time of ``up_to``, without a limit."""
    until = max(
        [horizon(page), *(to_local(value, page.time_zone) for value in up_to)]
    ) + datetime.timedelta(days=1)
    return {
        original
        for original, _start, _end in planned_occurrences(
            page, runs=runs, until=until, limit=0
        )
    }


def has_date(page, original_start, runs=None):
    """Whether ``original_start`` (aware) is one of the dates the page's rule gives,
    however far ahead."""
    return original_start in dates_of(page, [original_start], runs=runs)


def unmatched_changes(page, now=None, changes=None, runs=None):
    """Changes whose date is not one the event has: the editor mistyped it."""
    if changes is None:
        changes = _changes(page)
    planned = {
        original for original, _start, _end in planned_occurrences(page, now, runs=runs)
    }
    return [change for change in changes if change.original_start not in planned]


_STORED_FIELDS = ("start", "end", "cancelled", "note")


def materialise(page, now=None, changes=None, runs=None):
    """Bring the page's stored occurrences up to date with its rule and changes.

    Writes only what differs, so that running it again (the daily horizon
    extension) adds the new dates at the end and touches nothing else.
    Returns the occurrences as expanded (not all of them saved objects).
    """
    Occurrence = apps.get_model("wagtail_events", "Occurrence")
    rows = occurrence_rows(page, now, changes=changes, runs=runs)
    with transaction.atomic():
        existing = {
            o.original_start: o
            for o in Occurrence.objects.filter(page_id=page.pk).only(
                "pk", "original_start", *_STORED_FIELDS
            )
        }
        to_create, to_update = [], []
        for row in rows:
            stored = existing.pop(row.original_start, None)
            if stored is None:
                to_create.append(row)
            elif any(
                getattr(stored, name) != getattr(row, name) for name in _STORED_FIELDS
            ):
                for name in _STORED_FIELDS:
                    setattr(stored, name, getattr(row, name))
                to_update.append(stored)
        if existing:
            Occurrence.objects.filter(pk__in=[o.pk for o in existing.values()]).delete()
        if to_update:
            Occurrence.objects.bulk_update(to_update, _STORED_FIELDS)
        if to_create:
            Occurrence.objects.bulk_create(to_create)
    return rows


def forget(page):
    """Remove the stored occurrences of a page that is no longer live."""
    Occurrence = apps.get_model("wagtail_events", "Occurrence")
    Occurrence.objects.filter(page_id=page.pk).delete()


def pages_to_extend():
    """Live events whose occurrences may need extending: every repeating one, and
    any live event that has none yet (saved before occurrences existed)."""
    EventPage = apps.get_model("wagtail_events", "EventPage")
    Occurrence = apps.get_model("wagtail_events", "Occurrence")
    return (
        EventPage.objects.live()
        .filter(
            ~Q(recurrence="") | ~Exists(Occurrence.objects.filter(page=OuterRef("pk")))
        )
        .order_by("pk")
    )


def extend_horizon(now=None, chunk_size=500):
    """Expand every live repeating event up to the horizon again, so that the table
    keeps reaching ``OCCURRENCE_HORIZON_DAYS`` ahead as time passes. Also fills in
    live events that have no occurrences yet. Returns how many pages."""
    SiteVisitRun = apps.get_model("wagtail_events", "SiteVisitRun")
    count = 0
    pages = pages_to_extend().prefetch_related("occurrence_changes")
    for chunk in _chunks(pages.iterator(chunk_size=chunk_size), chunk_size):
        runs = defaultdict(list)
        for run in SiteVisitRun.objects.filter(page_id__in=[p.pk for p in chunk]):
            runs[run.page_id].append(run)
        for page in chunk:
            materialise(
                page,
                now,
                changes=list(page.occurrence_changes.all()),
                runs=runs[page.pk],
            )
            count += 1
    return count


def _chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# iCalendar's SEQUENCE


def _utc(value):
    return value.astimezone(datetime.UTC).isoformat() if value else ""


def schedule_fingerprint(page, changes=None, runs=None):
    """A digest of everything that decides when the event happens (and whether:
    its status), in UTC, so that the same times in other zones' notation match."""
    if changes is None:
        changes = _changes(page)
    if runs is None:
        runs = _runs(page)
    parts = [
        _utc(page.start),
        _utc(page.end),
        page.time_zone,
        str(bool(page.all_day)),
        page.status,
        django_recurrence.serialize(page.recurrence) if is_repeating(page) else "",
        *sorted(
            f"{_utc(c.original_start)}|{c.action}|{_utc(c.new_start)}|{_utc(c.new_end)}"
            for c in changes
        ),
        *sorted(f"{_utc(r.start)}|{_utc(r.end)}" for r in runs),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def record_schedule(page):
    """Raise the event's calendar SEQUENCE when its time changed since last time.
    Translations share one record (their translation key). Returns the sequence."""
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


def has_dates(page):
    """Whether visitors choose a date: the event has more than one stored date (a
    repeating event, a site visit with further runs)."""
    Occurrence = apps.get_model("wagtail_events", "Occurrence")
    return Occurrence.objects.filter(page_id=page.pk)[:2].count() > 1
