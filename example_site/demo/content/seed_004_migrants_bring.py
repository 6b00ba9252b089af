"""Seed 004: "It’s Amazing What Migrants Bring", an afternoon conference in Brussels.

In English only."""

import datetime

from .common import speaker, text


# The announcement says "On Thursday ... from 14:00 to 18:30" and gives no date
# and no year: the event's date is to be announced, with the weekday and the
# hours that are known.
THURSDAY = 3  # Monday is 0, as in Python and Django

IOM = "IOM Country Office for Belgium and Luxembourg"
JACQMOTTE = "Espace Jacqmotte"

VENUES = [
    {
        "name": JACQMOTTE,
        "street_address": "139 Rue Haute",
        "postal_code": "1000",
        "locality": "Brussels",
        "country": "BE",
        "rooms": [],
    }
]
ORGANISATIONS = [{"name": IOM}]
PEOPLE = []
EVENT_TYPES = [
    {"name": "Conference", "name_plural": "Conferences", "slug": "conference"}
]

# "For more information, including requests for interviews": the two press
# contacts the seed names, each with an office and a mobile number, and the
# office's address. The addresses are example.org ones and the numbers invented
# (+32 2 000 … and +32 470 00 …): they stand in for the seed's.
GERALDINE = "Géraldine d’Hoop"
CHARLOTTE = "Charlotte Hermans"
CONTACTS = [
    {
        "name": GERALDINE,
        "organisation": IOM,
        "email": "gdhoop@example.org",
        "phone": "+32 2 000 00 12",
        "mobile_phone": "+32 470 00 00 46",
    },
    {
        "name": CHARLOTTE,
        "organisation": IOM,
        "email": "chermans@example.org",
        "phone": "+32 2 000 00 33",
        "mobile_phone": "+32 470 00 00 93",
    },
    {"name": IOM, "email": "iom-brussels@example.org"},
]

EVENT = {
    "model": "ConferencePage",
    "title": "It’s Amazing What Migrants Bring",
    "slug": "its-amazing-what-migrants-bring",
    "event_type": "conference",
    "summary": (
        "An afternoon in Brussels on what migrants contribute to the societies "
        "they live in, with facts and figures, testimonies and workshops."
    ),
    "introduction": (
        "<p>A conference of the IOM Country Office for Belgium and Luxembourg on "
        "the positive side of migration.</p>"
    ),
    "body": [
        text(
            "<p>“It’s Amazing What Migrants Bring” is a worldwide IOM campaign "
            "about what migrants contribute to the societies that host them. "
            "Those contributions are little known, and the public image of "
            "migrants is too often negative, built on stereotypes and assumptions "
            "rather than facts. The campaign sets out to change that.</p>"
            "<p>The conference presents data and figures on what migrants "
            "contribute and on less familiar sides of migration, to answer "
            "common misconceptions and myths. Migrants tell, with concrete "
            "examples, what they bring to their communities, and experts on "
            "migration and integration give their views.</p>"
            "<h2>Presentations, workshops and debates</h2>"
            "<p>Presentations on the international, European and Belgian "
            "dimensions come first, followed by workshops and debates on "
            "socio-cultural integration, the labour market, and migration and "
            "development.</p>"
            "<p>Some 140 participants of 25 nationalities are expected, from "
            "intergovernmental and European institutions, Belgian federal, "
            "regional and local services, embassies and consulates, NGOs, "
            "diaspora organisations, research institutes, think tanks, "
            "universities, schools and cultural associations.</p>"
            "<h2>Throughout the afternoon</h2>"
            # The seed gives these no times and the conference no date: they
            # are described here rather than as programme entries, which need
            # both.
            "<p>Fifteen stands of key organisations show information material "
            "and publications to take away. Short video clips and movie loops "
            "are shown during the conference, and photo exhibitions are open to "
            "participants.</p>"
        )
    ],
    "speakers": [
        speaker("Laura Thompson", "IOM Deputy Director General", session_role="chair")
    ],
    "date_to_be_announced": True,
    "announced_weekday": THURSDAY,
    "announced_start_time": datetime.time(14, 0),
    "announced_end_time": datetime.time(18, 30),
    "time_zone": "Europe/Brussels",
    "venue": JACQMOTTE,
    "organisations": [(IOM, "organiser")],
    "contacts": [(GERALDINE, "press"), (CHARLOTTE, "press"), (IOM, "general")],
}
