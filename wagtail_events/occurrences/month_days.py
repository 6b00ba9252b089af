"""A month's calendar grid read at a size that does not grow with the number of
events: every day shows its first ``WAGTAIL_EVENTS_MONTH_DAY_LIMIT`` dates and
how many more it has, with a link to the day's full list.

Two queries, whatever the number of dates: the month's dates as narrow rows
(id, start, end, zone: no page, no venue), from which each day's count and first
dates are worked out in the events' own zones (``month.place``), then the few
dates shown, with their pages. Reading all the month's dates with their pages,
and rendering them all, took seconds at 10,000 events (``benchmarks/listing.py``).
"""

from ..conf import events_settings
from ..localtime import to_local
from .month import grid, place


def month_grid(occurrences, month, today=None, limit=None):
    """The weeks of ``month`` (``month.grid``) for ``occurrences``, the month's
    dates ordered first to last (``listing.occurrences_in_month``), each day with
    at most ``limit`` (``MONTH_DAY_LIMIT`` unless given) dates. Returns the
    weeks and the dates shown."""
    if limit is None:
        limit = events_settings.MONTH_DAY_LIMIT
    spans = (
        (pk, to_local(start, zone), to_local(end, zone))
        for pk, start, end, zone in occurrences.values_list(
            "pk", "start", "end", "page__time_zone"
        )
    )
    placed = place(month, spans, limit or None)
    ids = {pk for entries, _count in placed.values() for pk, _starts in entries}
    shown = {row.pk: row for row in occurrences.filter(pk__in=ids)} if ids else {}
    return grid(month, placed, today, resolve=shown.__getitem__), list(shown.values())
