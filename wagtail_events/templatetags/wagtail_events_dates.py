"""Template tags for the dates of repeating events.

``{% upcoming_dates page as dates %}`` gives what ``includes/dates.html`` shows:
how the event repeats, its next date and its upcoming dates (cancelled and moved
ones with their notes), in one or two queries.
"""

from dataclasses import dataclass

from django import template

from .. import recurrence
from ..conf import events_settings


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
