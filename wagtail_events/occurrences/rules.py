"""How an event repeats: its rule expanded into dates, in the event's own
wall-clock time, before anything is stored.

A weekly event at 10:00 in Brussels stays at 10:00 after the clocks change because
the rule is expanded on naive local date-times and the zone is attached to each
date afterwards. Exclusion and extra dates (EXDATE, RDATE) are whole days: the
editor's widget picks dates, and the event's start time applies on them. A rule's
UNTIL picked as a date includes that whole day.

The dates reach ``WAGTAIL_EVENTS_OCCURRENCE_HORIZON_DAYS`` ahead (``horizon``);
``stored`` writes them to the ``Occurrence`` table. The calendar files read the
rule with the same helpers (``local_rule``, ``day_of``, ``to_utc``), so that a
calendar app repeats the event on the very dates the site lists.
"""

import datetime

import recurrence as django_recurrence
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from ..conf import events_settings
from ..enums import is_site_visit
from ..localtime import get_zone, to_local
from ..models import EventPage, SiteVisitPage, SiteVisitRun
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


def day_of(value, zone):
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
            return datetime.datetime.combine(day_of(until, zone), datetime.time.max)
        return until.astimezone(zone).replace(tzinfo=None)
    if until.time() == datetime.time(0):
        return datetime.datetime.combine(until.date(), datetime.time.max)
    return until


def local_rule(rule, zone):
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


def _expand(rules, zone, first, until, since=None, resume=None):
    """Naive wall-clock dates the rules give from ``first`` (or ``since``, the
    series still counted from ``first``) up to ``until``. ``resume`` holds, per
    rule, a later date of that rule to expand it from (None: from ``first``;
    ``ahead.resume_points`` says when that gives the same dates)."""
    if not rules:
        return set()
    lowest = max(first, since or first)
    if not resume:
        return set(
            django_recurrence.Recurrence(
                rrules=[local_rule(r, zone) for r in rules], include_dtstart=False
            ).between(lowest, until, inc=True, dtstart=first)
        )
    dates = set()
    for rule, point in zip(rules, resume, strict=True):
        dtstart = point or first
        dates.update(
            django_recurrence.Recurrence(
                rrules=[local_rule(rule, zone)], include_dtstart=False
            ).between(max(lowest, dtstart), until, inc=True, dtstart=dtstart)
        )
    return dates


def local_starts(page, until, since=None, resume=None):
    """Naive wall-clock starts of the event's dates from its first (or from
    ``since``) up to ``until`` (naive wall-clock date-times), before any editor's
    change; each RRULE from its point in ``resume`` when given (see ``_expand``).

    The event's own start is always its first date, as DTSTART is in iCalendar;
    the rules (RRULE), extra days (RDATE) make the series, and exclusion rules and
    days (EXRULE, EXDATE) take dates out of it, the first one included. A rule's
    COUNT counts from the first date whatever ``since`` is.
    """
    if not is_dated(page):
        return []
    zone = get_zone(page.time_zone)
    first = to_local(page.start, page.time_zone)
    if not is_repeating(page):
        return [first] if first <= until else []
    rule = page.recurrence
    starts = {first} | _expand(rule.rrules, zone, first, until, since, resume)
    starts.update(
        datetime.datetime.combine(day_of(d, zone), first.time()) for d in rule.rdates
    )
    starts -= _expand(rule.exrules, zone, first, until, since)
    skipped = {day_of(d, zone) for d in rule.exdates}
    lowest = max(first, since or first)
    return sorted(s for s in starts if lowest <= s <= until and s.date() not in skipped)


def is_dated(page):
    """Whether the page (or the schedule on a form) has its date: not while it is
    to be announced. Undated events have no stored dates, so that nothing that
    reads the dates (listings, calendar files, structured data) shows one."""
    return (
        not getattr(page, "date_to_be_announced", False)
        and page.start is not None
        and page.end is not None
    )


def describe(page):
    """How the event repeats in words, one text per rule ("weekly, each Tuesday,
    until 2024-12-31"), with UNTIL as the event's local date."""
    if not is_repeating(page):
        return []
    zone = get_zone(page.time_zone)
    return [_rule_text(local_rule(rule, zone)) for rule in page.recurrence.rrules]


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


def summary(page):
    """How the event repeats in a few words, with its time, as a listing shows
    it once for all its dates: "every Tuesday, 19:00"; "monthly, on the first
    Tuesday, 19:00"; "" for an event that does not repeat. The one short text
    of a rule: the index's card, the event's own headline and its dates list
    all read it from here."""
    if not is_repeating(page):
        return ""
    zone = get_zone(page.time_zone)
    first = to_local(page.start, page.time_zone)
    rules = [
        _short_text(local_rule(rule, zone), first) for rule in page.recurrence.rrules
    ]
    text = "; ".join(rules) if rules else _("on several dates")
    if page.all_day:
        return text
    return _("%(rule)s, %(time)s") % {
        "rule": text,
        "time": dateformat.formatted(first, "time"),
    }


def _short_text(rule, first):
    """A weekly rule by its days ("every Tuesday and Thursday"); any other in
    django-recurrence's words; with its last date when it has one."""
    days = [day.number for day in rule.byday or [] if not day.index]
    if (
        rule.freq == django_recurrence.WEEKLY
        and rule.interval == 1
        and (len(days) == len(rule.byday or []))
    ):
        names = [str(WEEKDAYS[number]) for number in sorted(days or [first.weekday()])]
        text = _("every %(days)s") % {"days": get_text_list(names, _("and"))}
        if rule.until and not rule.count:
            text = _("%(rule)s, until %(date)s") % {
                "rule": text,
                "date": dateformat.formatted(rule.until.date(), "plain_date"),
            }
        return text
    return _rule_text(rule)


# Wall-clock time to UTC


def to_utc(naive, zone):
    """Wall-clock time in ``zone`` (a ``ZoneInfo``) as UTC, for a date a rule gives.

    A time skipped by a clock change (02:30 on the spring Sunday) gets the offset
    from before the change, as PEP 495 does: it lands at 03:30. A time that happens
    twice (autumn) is the first of the two. (What an editor types goes through
    ``localtime.from_local`` instead, which refuses a skipped time.)
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
    if not is_dated(page):
        return ahead
    return max(ahead, to_local(page.start, page.time_zone))


# The dates an event has


def planned_occurrences(
    page, now=None, runs=None, until=None, limit=None, since=None, resume=None
):
    """(original_start, start, end) of every date of the page up to the horizon
    (or ``until``, naive wall-clock), in UTC, before the editor's changes to
    single dates; with ``since`` (naive wall-clock), only the dates that start
    from then on (the horizon's extension: see ``horizon``), each RRULE
    expanded from its point in ``resume`` when given (``ahead``).

    Each date lasts as long on the wall as the event does: 10:00–11:00 every week,
    summer and winter. A date whose start does not exist (the spring clock change)
    starts at the same wall-clock time after the change and keeps its length.
    Further runs of a site visit are extra occurrences, on every date of a series,
    at the same wall-clock times relative to the first run. At most ``limit``
    (``WAGTAIL_EVENTS_MAX_OCCURRENCES`` unless given; 0: no limit) of the latest
    dates are kept. An event whose date is to be announced has none.
    """
    if not is_dated(page):
        return []
    zone = get_zone(page.time_zone)
    first = to_local(page.start, page.time_zone)
    duration = _wall_duration(page)
    if runs is None:
        runs = runs_of(page)
    run_offsets = [
        (
            run,
            to_local(run.start, page.time_zone) - first,
            to_local(run.end, page.time_zone) - first,
        )
        for run in runs
    ]
    starts = local_starts(page, until or horizon(page, now), since, resume)
    if limit is None:
        limit = events_settings.MAX_OCCURRENCES
    if limit and len(starts) > limit:
        # Keep the dates nearest the horizon: the past is what listings need least.
        starts = starts[-limit:]
    planned = {}
    for naive in starts:
        start = to_utc(naive, zone)
        wall_start = to_local(start, page.time_zone)
        planned.setdefault(start, (start, start, to_utc(wall_start + duration, zone)))
        for run, start_offset, end_offset in run_offsets:
            if naive == first:
                run_start, run_end = run.start, run.end
            else:
                run_start = to_utc(naive + start_offset, zone)
                run_end = to_utc(naive + end_offset, zone)
            planned.setdefault(run_start, (run_start, run_start, run_end))
    return sorted(planned.values())


def runs_of(page):
    """A site visit's further runs; nothing for other events. A specific page's
    runs are read from the page (modelcluster holds them there before they are
    saved); a page that is not specific has them read from the database."""
    if isinstance(page, SiteVisitPage):
        return list(page.runs.all())
    if page.pk and getattr(page, "content_type_id", None) and is_site_visit(page):
        return list(SiteVisitRun.objects.filter(page_id=page.pk))
    return []


def changes_of(page):
    """The editor's changes to single dates of an event, as the page holds them."""
    if isinstance(page, EventPage):
        return list(page.occurrence_changes.all())
    return []


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
        changes = changes_of(page)
    planned = {
        original for original, _start, _end in planned_occurrences(page, now, runs=runs)
    }
    return [change for change in changes if change.original_start not in planned]
