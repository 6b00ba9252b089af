"""Where a published event's stored dates end (``OccurrenceHorizon``): the
wall-clock start of its first date not stored yet, and the point each of its
rules may be expanded from. With them the daily run (``extension``) selects
with one query only the events that have a date coming within the horizon, and
expands each from where it stopped, so that its time follows what is new, not
the number of series or their age.

When resuming gives the same dates. dateutil expands a rule period by period
(a day, a week, a month, a year, stepping INTERVAL) from DTSTART; what the rule
leaves out is taken from DTSTART (the weekday of a weekly rule, the day of a
monthly one, the day and month of a yearly one, the time of day), and every
date the rule gives shares it. So expanding from a later date D that the rule
gives yields the same dates from D on: D's period is DTSTART's plus whole
intervals, and the values taken from D are DTSTART's. Not with COUNT (counted
from DTSTART) nor BYSETPOS (a weekly rule's first period starts on DTSTART's
day, so positions in a week begun mid-week differ): those rules are expanded
from the first date, on the days the event is due only. RDATE and EXDATE are
whole days applied after the rules (``rules.local_starts``); EXRULEs are
expanded from the first date.
"""

import datetime

import recurrence as django_recurrence

from ..conf import events_settings
from ..localtime import get_zone, to_local
from ..models import EventPage, OccurrenceHorizon
from .rules import day_of, is_dated, is_repeating, local_rule


# A wall-clock time is at most 14 hours ahead of UTC (Kiribati): the one query
# selecting due events compares wall-clock times of every zone with one bound,
# and each event is then compared exactly with its own horizon.
MAX_AHEAD_OF_UTC = datetime.timedelta(hours=14)
# Dates left out in a row (EXDATE, EXRULE) before the next one is looked for no
# further: the stored point is then a lower bound, looked at again when due.
EXCLUDED_IN_A_ROW = 100
# The page's fields a record was worked out from, copied onto it: the due query
# compares each with the page's own, so that a record for another rule, start or
# zone (changed without publishing: ``update()``, a data migration, an import, or
# a daily run that wrote a record from an older read of the page over the one a
# concurrent publish wrote) is due, and written in full.
RULE_FIELDS = ("start", "time_zone", "recurrence")
FIELDS = ("next_start", "resume", "dates", *RULE_FIELDS)
# The page's rule as its column holds it, read by the due query.
RECURRENCE_TEXT = "recurrence_text"


def as_stored(naive):
    """A naive wall-clock date-time as ``OccurrenceHorizon.next_start`` holds
    it: labelled UTC."""
    return naive.replace(tzinfo=datetime.UTC) if naive is not None else None


def as_wall_clock(value):
    """``OccurrenceHorizon.next_start`` back as naive wall-clock time."""
    return value.astimezone(datetime.UTC).replace(tzinfo=None) if value else None


def latest_due(now):
    """The wall-clock bound (as stored) below which an event anywhere may have a
    date coming within the horizon at ``now``."""
    ahead = datetime.timedelta(days=events_settings.OCCURRENCE_HORIZON_DAYS)
    return as_stored(as_wall_clock(now) + MAX_AHEAD_OF_UTC + ahead)


def recurrence_text(page):
    """The page's rule as its column holds it: as the due query read it, or else
    as saving the page writes it."""
    text = getattr(page, RECURRENCE_TEXT, None)
    if text is None:
        field = EventPage._meta.get_field("recurrence")
        text = field.get_prep_value(page.recurrence)
    return text or ""


def rule_inputs(page):
    """What the resume points depend on, as the record copies it (``RULE_FIELDS``):
    the first start, the zone, the rule."""
    return {
        "start": page.start,
        "time_zone": page.time_zone or "",
        "recurrence": recurrence_text(page),
    }


def _same_rule(page, row):
    return all(getattr(row, name) == value for name, value in rule_inputs(page).items())


def resumable(rule):
    """Whether the rule gives the same dates expanded from a later date it gives."""
    return rule.count is None and not rule.bysetpos


def resume_points(page, row):
    """Per RRULE, the naive point to expand it from (None: from the first date);
    None when ``row`` was worked out for another rule, start or zone."""
    if not _same_rule(page, row):
        return None
    rrules = page.recurrence.rrules if is_repeating(page) else []
    if len(row.resume) != len(rrules):
        return None
    return [datetime.datetime.fromisoformat(p) if p else None for p in row.resume]


def next_start(page, after, resume=None):
    """(The wall-clock start of the page's first date after ``after``, naive, or
    None when the rule gives no more; per RRULE the ISO point to resume it from,
    "" for the first date.) Each rule is expanded from its point in ``resume``
    (``resume_points``) up to its first date after ``after`` only."""
    if not is_dated(page) or not is_repeating(page):
        return None, []
    zone = get_zone(page.time_zone)
    first = to_local(page.start, page.time_zone)
    rule = page.recurrence
    rrules = [
        django_recurrence.Recurrence(
            rrules=[local_rule(r, zone)], include_dtstart=False
        )
        for r in rule.rrules
    ]
    starts = [point or first for point in resume or [None] * len(rrules)]
    nexts = [r.after(after, dtstart=s) for r, s in zip(rrules, starts, strict=True)]
    points = [
        n.isoformat() if n is not None and resumable(r) else ""
        for n, r in zip(nexts, rule.rrules, strict=True)
    ]
    extra = [
        datetime.datetime.combine(day_of(d, zone), first.time()) for d in rule.rdates
    ]
    skipped = {day_of(d, zone) for d in rule.exdates}
    excluded = django_recurrence.Recurrence(
        rrules=[local_rule(r, zone) for r in rule.exrules], include_dtstart=False
    )
    candidate = after
    for _ in range(EXCLUDED_IN_A_ROW):
        candidates = [n for n in nexts if n is not None]
        candidates += [d for d in extra if d > candidate]
        if not candidates:
            return None, points
        candidate = min(candidates)
        if candidate.date() not in skipped and not (
            rule.exrules
            and excluded.between(candidate, candidate, inc=True, dtstart=first)
        ):
            return candidate, points
        nexts = [
            r.after(candidate, dtstart=s) if n is not None and n <= candidate else n
            for r, s, n in zip(rrules, starts, nexts, strict=True)
        ]
    return candidate, points


def horizon_row(page, until, dates, resume=None):
    """The unsaved ``OccurrenceHorizon`` of a page whose dates are stored up to
    ``until`` (naive wall-clock), ``dates`` of them."""
    start, points = next_start(page, until, resume)
    return OccurrenceHorizon(
        page_id=page.pk,
        next_start=as_stored(start),
        resume=points,
        dates=dates,
        **rule_inputs(page),
    )


def save_rows(rows):
    """Write horizon rows, inserting or replacing, in one query per 500."""
    if rows:
        OccurrenceHorizon.objects.bulk_create(
            rows,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["page"],
            update_fields=list(FIELDS),
        )


def record(page, until, dates):
    """Store where a page's dates end, after they were written up to ``until``."""
    save_rows([horizon_row(page, until, dates)])
