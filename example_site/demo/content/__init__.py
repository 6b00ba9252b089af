"""The demo content: five real Belgian event announcements (see
/work/shared/seeds), one module per announcement, as plain Python data, and one
invented example (a weekly meeting) for what the seeds do not show.

Each module has ``VENUES``, ``ORGANISATIONS``, ``PEOPLE`` (snippets, found again by
name) and ``EVENT`` (a page, with its sessions and programme items, found again by
slug). Times are wall-clock times in the event's time zone.
"""

from . import (
    example_language_practice,
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

# Invented events that show what the seeds cannot, such as a repeating event that
# is still current. Each says on its page that it is an example.
EXAMPLES = [example_language_practice]

CONTENT = [*SEEDS, *EXAMPLES]
