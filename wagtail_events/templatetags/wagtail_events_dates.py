"""Template tags for dates.

``{% upcoming_dates page as dates %}`` gives what ``includes/dates.html`` shows:
how the event repeats, its next date and its upcoming dates (cancelled and moved
ones with their notes), in one or two queries.

``event_date``, ``event_datetime``, ``event_time`` and ``{% event_time_range %}``
write dates and times as the current language does.
"""

from dataclasses import dataclass

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime

from ..conf import events_settings
from ..occurrences import dateformat, recurrence


register = template.Library()


@dataclass
class UpcomingDates:
    rules: list  # how the event repeats, in words
    next: object  # the next Occurrence that is not cancelled, or None
    occurrences: list  # the next few Occurrences, cancelled and moved ones too
    more: bool  # whether there are more upcoming dates than listed


@register.simple_tag
def upcoming_dates(page, limit=None):
    """The upcoming dates of a repeating event; None for a one-off event."""
    if page is None or not recurrence.is_repeating(page):
        return None
    limit = limit or events_settings.UPCOMING_DATES
    rows = recurrence.upcoming(page, limit + 1)
    shown = rows[:limit]
    following = next((row for row in rows if not row.cancelled), None)
    if following is None and len(rows) > limit:
        following = recurrence.next_occurrence(page)
    return UpcomingDates(
        rules=recurrence.describe(page),
        next=following,
        occurrences=shown,
        more=len(rows) > limit,
    )


@register.filter
def event_rule(page):
    """How an event repeats, in a few words with its time: “every Tuesday,
    19:00” (``recurrence.summary``); "" for an event that does not repeat."""
    if page is None:
        return ""
    return recurrence.summary(page)


@register.filter
def repeats(page):
    """Whether an event has several dates by its rule (a repeating event)."""
    return page is not None and recurrence.is_repeating(page)


# Dates and times in the current language (see ``wagtail_events.occurrences.dateformat``).
# Like Django's ``date`` filter, the filters show an aware value in the current
# time zone (``expects_localtime``); the event's wall-clock times pass unchanged.


@register.filter(expects_localtime=True)
def event_date(value, name="date"):
    """``{{ start|event_date }}`` “Friday 31 March 2023”; ``event_date:"day"``
    “Friday 31 March”, ``"month"``, ``"short_day"``, ``"plain_date"``."""
    return dateformat.formatted(value, name)


@register.filter(expects_localtime=True)
def event_datetime(value):
    """“Friday 31 March 2023, 10:15”."""
    return dateformat.formatted(value, "datetime")


@register.filter(expects_localtime=True)
def event_time(value):
    """“10:15”."""
    return dateformat.formatted(value, "time")


@register.simple_tag
def event_time_range(
    start, end, all_day=False, hours_only=False, html=False, start_at=None, end_at=None
):
    """“Friday 31 March 2023, 10:15–17:00”, or whole days, or ``hours_only``
    “10:15–17:00”. With ``html``, each end is a ``<time>`` element whose
    ``datetime`` is the day (whole days), the instant ``start_at``/``end_at``
    (aware) in the current time zone, or else the time shown."""
    if start is None or end is None:
        return ""
    if not html:
        return dateformat.time_range(start, end, all_day, hours_only)
    pattern, first, last = dateformat.range_parts(start, end, all_day, hours_only)
    if all_day:
        first_at, last_at = start, dateformat.last_day(start, end)
    else:
        first_at, last_at = start_at or start, end_at or end
    first = _time_element(first, first_at, all_day, hours_only and not start_at)
    if pattern is None:
        return first
    last = _time_element(last, last_at, all_day, hours_only and not end_at)
    # The translated pattern is escaped; the two parts are escaped by format_html.
    html = conditional_escape(str(pattern)) % {"start": first, "end": last}
    return mark_safe(html)  # noqa: S308


def _time_element(text, value, all_day, hours_only):
    if all_day:
        machine = dateformat.local_day(value).isoformat()
    elif hours_only:
        machine = template_localtime(value).strftime("%H:%M")
    else:
        machine = template_localtime(value).isoformat()
    return format_html('<time datetime="{}">{}</time>', machine, text)


@register.simple_tag
def event_to_be_announced(event):
    """“Date to be announced”, or what is known of it: “A Thursday, 14:00–18:30
    (date to be announced)”, for an event whose date is not known yet."""
    return dateformat.to_be_announced(event)
