"""Seed 004: "It’s Amazing What Migrants Bring", an afternoon conference in Brussels.

In English only."""

from .common import PRIVACY_NOTICE, on, question, speaker, text


# The announcement says only "On Thursday" and gives no year: the demo places it
# on Thursday 20 June 2024. That date is our
# choice, not the seed's.
at = on("2024-06-20")

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

REGISTRATION_FORM = "Registration: It’s Amazing What Migrants Bring"

REGISTRATION_FORMS = [
    {
        "title": REGISTRATION_FORM,
        "introduction": (
            "<p>The event will be at Espace Jacqmotte, 139 Rue Haute, from 14:00 "
            "to 18:30.</p>"
        ),
        "privacy_notice": PRIVACY_NOTICE,
        # "Around 140 participants" is what the seed expects: the places.
        "capacity": 140,
        "waiting_list": True,
        "questions": [question("Organisation", required=False)],
    }
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
            "<h2>Contact</h2>"
            "<p>For more information or interview requests, write to the IOM "
            "Country Office for Belgium and Luxembourg at "
            '<a href="mailto:iom-brussels@example.org">iom-brussels@example.org</a>.'
            "</p>"
        )
    ],
    "speakers": [
        speaker("Laura Thompson", "IOM Deputy Director General", session_role="chair")
    ],
    "start": at("14:00"),
    "end": at("18:30"),
    "time_zone": "Europe/Brussels",
    "venue": JACQMOTTE,
    "organisations": [(IOM, "organiser")],
    "registration_form": REGISTRATION_FORM,
    # The seed's stands, films and photographs, open throughout the afternoon:
    # all-day entries above the programme, each described as the seed does. The
    # seed gives no timetable for the presentations and workshops (the body says
    # what it says of them), so the conference has no timed entries.
    "programme_items": [
        {
            "kind": "exhibition",
            "title": "Information stands",
            "start": at("14:00"),
            "end": at("18:30"),
            "all_day": True,
            "description": (
                "Fifteen stands of key organisations, with information material "
                "and publications to take away."
            ),
        },
        {
            "kind": "exhibition",
            "title": "Short video clips and movie loops",
            "start": at("14:00"),
            "end": at("18:30"),
            "all_day": True,
            "description": "Short video clips and movie loops are shown during the conference.",
        },
        {
            "kind": "exhibition",
            "title": "Photo exhibitions",
            "start": at("14:00"),
            "end": at("18:30"),
            "all_day": True,
            "description": "Photo exhibitions are open to participants.",
        },
    ],
}
