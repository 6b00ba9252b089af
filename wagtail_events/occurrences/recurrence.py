"""An event's dates, in one name for the packages above: how it repeats
(``rules``: the rule expanded in the event's own wall-clock time) and the dates
stored for visitors (``stored``: the ``Occurrence`` table and the calendar
SEQUENCE; ``extension``: the daily extension of the horizon).

``from ..occurrences import recurrence`` then ``recurrence.materialise(page)``,
``recurrence.upcoming(page, 5)``, ... as before the two were split; new code may
import from ``rules`` or ``stored`` directly.
"""

from .extension import extend_horizon
from .rules import (
    changes_of,
    dates_of,
    day_of,
    describe,
    has_date,
    horizon,
    is_dated,
    is_repeating,
    local_rule,
    local_starts,
    planned_occurrences,
    runs_of,
    summary,
    to_utc,
    unmatched_changes,
)
from .stored import (
    forget,
    has_dates,
    materialise,
    next_occurrence,
    occurrence_rows,
    pages_to_extend,
    record_schedule,
    schedule_fingerprint,
    upcoming,
)


__all__ = [
    "changes_of",
    "dates_of",
    "day_of",
    "describe",
    "extend_horizon",
    "forget",
    "has_date",
    "has_dates",
    "horizon",
    "is_dated",
    "is_repeating",
    "local_rule",
    "local_starts",
    "materialise",
    "next_occurrence",
    "occurrence_rows",
    "pages_to_extend",
    "planned_occurrences",
    "record_schedule",
    "runs_of",
    "summary",
    "schedule_fingerprint",
    "to_utc",
    "unmatched_changes",
    "upcoming",
]
