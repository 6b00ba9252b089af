"""The dates visitors see: the ``Occurrence`` table, kept up to date with each
event's rule and its changes to single dates, and the calendar SEQUENCE that
rises when an event's time, place or status changes.

``materialise`` writes a page's dates (``rules.planned_occurrences``, with the
editor's changes) from its first date up to ``WAGTAIL_EVENTS_OCCURRENCE_HORIZON_DAYS``
ahead, and where they end (``ahead``); ``extension.extend_horizon`` (the
``extend_occurrences`` task and command) keeps that horizon moving as time
passes, appending only the missing dates of the events that have new ones.
Listings, "next date" and calendar feeds read the table with SQL.
"""

import datetime
import hashlib

import recurrence as django_recurrence
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from ..models import (
    CalendarSequence,
    EventPage,
    Occurrence,
    Room,
    Venue,
)
from . import ahead
from .at_hand import dates_at_hand, next_not_cancelled
from .rules import changes_of, horizon, is_repeating, planned_occurrences, runs_of


def occurrence_rows(page, now=None, changes=None, runs=None):
    """Unsaved ``Occurrence`` rows of a page, with its changes to single dates."""
    if changes is None:
        changes = changes_of(page)
    return rows_of(page, planned_occurrences(page, now, runs=runs), changes)


def rows_of(page, planned, changes):
    """Unsaved ``Occurrence`` rows of ``planned`` dates (``planned_occurrences``),
    with the editor's ``changes`` to single dates applied."""
    by_start = {change.original_start: change for change in changes}
    rows = []
    for original, start, end in planned:
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


_STORED_FIELDS = ("start", "end", "cancelled", "note")


def materialise(page, now=None, changes=None, runs=None):
    """Bring the page's stored occurrences up to date with its rule and changes.

    Writes only what differs, so that running it again adds the new dates at
    the end and touches nothing else, and where its dates now end
    (``ahead.record``: the daily run starts from there).
    Returns the occurrences as expanded (not all of them saved objects).
    """
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
        ahead.record(page, horizon(page, now), len(rows))
    return rows


def forget(page):
    """Remove the stored occurrences of a page that is no longer live."""
    Occurrence.objects.filter(page_id=page.pk).delete()


def pages_to_extend():
    """Live events whose occurrences may need extending: every repeating one, and
    any live event that has none yet (saved before occurrences existed). The
    daily run reads fewer: ``extension.due_pages``, the events with new dates."""
    return (
        EventPage.objects.live()
        .filter(
            ~Q(recurrence="") | ~Exists(Occurrence.objects.filter(page=OuterRef("pk")))
        )
        # An event whose date is to be announced has no dates to extend.
        .exclude(date_to_be_announced=True)
        .order_by("pk")
    )


# Reading the table


def upcoming(page, limit, now=None):
    """The next ``limit`` stored dates of a page that are not over yet, cancelled
    and moved ones included, with their page set (no query per date); read
    once per page object (``at_hand``)."""
    return dates_at_hand(page, now, limit).upcoming[:limit]


def next_occurrence(page, now=None):
    """The page's next date that is not cancelled and not over yet, or None."""
    row = next_not_cancelled(dates_at_hand(page, now))
    if row is not ...:
        return row
    now = now or timezone.now()
    row = (
        page.occurrences.filter(end__gte=now, cancelled=False)
        .order_by("start", "pk")
        .first()
    )
    if row is not None:
        row.page = page
    return row


def has_dates(page):
    """Whether visitors choose a date: the event has more than one stored date (a
    repeating event, a site visit with further runs)."""
    return Occurrence.objects.filter(page_id=page.pk)[:2].count() > 1


# iCalendar's SEQUENCE


def utc_iso(value):
    """An aware date-time in UTC, ISO written; "" for None."""
    return value.astimezone(datetime.UTC).isoformat() if value else ""


def place_keys(page):
    """Where the event happens, the same in every language: the translation keys
    of its venue and room (a translation has its own rows of both)."""
    keys = []
    for model, pk in ((Venue, page.venue_id), (Room, getattr(page, "room_id", None))):
        key = (
            model.objects.filter(pk=pk)
            .values_list("translation_key", flat=True)
            .first()
            if pk
            else None
        )
        keys.append(str(key or ""))
    return keys


def schedule_fingerprint(page, changes=None, runs=None):
    """A digest of everything that decides when and where the event happens (and
    whether: its status), times in UTC, so that the same times in other zones'
    notation match, places by translation key, the same in every language."""
    if changes is None:
        changes = changes_of(page)
    if runs is None:
        runs = runs_of(page)
    parts = [
        utc_iso(page.start),
        utc_iso(page.end),
        page.time_zone,
        str(bool(page.all_day)),
        page.status,
        # Where to join online is where it happens, for who joins online: a
        # change notice updates calendars with a higher SEQUENCE for it too.
        page.online_url or "",
        *place_keys(page),
        django_recurrence.serialize(page.recurrence) if is_repeating(page) else "",
        *sorted(
            f"{utc_iso(c.original_start)}|{c.action}|{utc_iso(c.new_start)}|{utc_iso(c.new_end)}"
            for c in changes
        ),
        *sorted(f"{utc_iso(r.start)}|{utc_iso(r.end)}" for r in runs),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def store_published(page, now=None):
    """What publishing an event stores: its dates (``materialise``) and its
    calendar SEQUENCE (``record_schedule``), from one read of its changes to
    single dates and its runs."""
    changes, runs = changes_of(page), runs_of(page)
    materialise(page, now, changes=changes, runs=runs)
    return record_schedule(page, changes=changes, runs=runs)


def record_schedule(page, changes=None, runs=None):
    """Raise the event's calendar SEQUENCE when its time, place or status changed
    since last time.
    Translations share one record (their translation key). Returns the sequence."""
    fingerprint = schedule_fingerprint(page, changes=changes, runs=runs)
    with transaction.atomic():
        record, created = CalendarSequence.objects.select_for_update().get_or_create(
            translation_key=page.translation_key, defaults={"fingerprint": fingerprint}
        )
        if not created and record.fingerprint != fingerprint:
            record.fingerprint = fingerprint
            record.sequence += 1
            record.save(update_fields=["fingerprint", "sequence"])
    return record.sequence
