"""The demo content: five real Belgian event announcements (see
/work/shared/seeds), one module per announcement, as plain Python data.

Each module has ``VENUES``, ``ORGANISATIONS``, ``PEOPLE`` (snippets, found again by
name) and ``EVENT`` (a page, with its sessions and programme items, found again by
slug). Times are wall-clock times in the event's time zone.
"""

from . import (
    seed_000_diversity_dialogue,
    seed_001_dialogue_on_migration,
    seed_002_mechelen,
    seed_003_studiedag,
    seed_004_migrants_bring,
)


SEEDS = [
    seed_000_diversity_dialogue,
    seed_001_dialogue_on_migration,
    seed_002_mechelen,
    seed_003_studiedag,
    seed_004_migrants_bring,
]
