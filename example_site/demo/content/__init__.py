"""The demo content: five real Belgian event announcements (see
/work/shared/seeds), one module per announcement, as plain Python data, and one
invented examples for what the seeds do not show: a weekly meeting, and an
upcoming conference with places to register for.

Each module has ``VENUES``, ``ORGANISATIONS``, ``PEOPLE`` (snippets, found again by
name) and ``EVENT`` (a page, with its sessions and programme items, found again by
slug). Times are wall-clock times in the event's time zone.

Languages: a module is written in its ``LOCALE`` (a language code; English when it
has none), and its snippets and pages are made in that locale. ``TRANSLATED``
lists the translations the loader makes with wagtail-localize, each from a module
of strings (source text -> translation): the Mechelen conference (seed 002) into
Dutch, programme included, the Dutch study day (seed 003) into English, and the
weekly meeting and the example conference (invented examples) into Dutch and
French. The other seeds
(000, 001, 004) are in English only; ``site`` holds the home page and the event
index, which are in English, Dutch and French.
"""

from . import (
    example_conference,
    example_conference_nl_fr,
    example_language_practice,
    example_language_practice_nl_fr,
    seed_000_diversity_dialogue,
    seed_001_dialogue_on_migration,
    seed_002_mechelen,
    seed_002_mechelen_nl,
    seed_003_studiedag,
    seed_003_studiedag_en,
    seed_004_migrants_bring,
    site,
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
EXAMPLES = [example_language_practice, example_conference]

CONTENT = [*SEEDS, *EXAMPLES]

# (content module, language code, its strings in that language)
TRANSLATED = [
    (seed_002_mechelen, "nl", seed_002_mechelen_nl.STRINGS),
    (seed_003_studiedag, "en", seed_003_studiedag_en.STRINGS),
    (example_language_practice, "nl", example_language_practice_nl_fr.DUTCH),
    (example_language_practice, "fr", example_language_practice_nl_fr.FRENCH),
    (example_conference, "nl", example_conference_nl_fr.DUTCH),
    (example_conference, "fr", example_conference_nl_fr.FRENCH),
]

__all__ = ["CONTENT", "EXAMPLES", "SEEDS", "TRANSLATED", "site"]
