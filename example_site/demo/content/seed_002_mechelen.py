"""Seed 002: "Local government approaches to diversity", Mechelen, 19 April 2024.

The conference itself, its venues, organisations, people, programme items and
practical information. Its sessions are in ``seed_002_mechelen_sessions``.

Written in English; the loader translates it all into Dutch with wagtail-localize,
from the strings in ``seed_002_mechelen_nl``.
"""

from .common import PRIVACY_NOTICE, on, person, question, speaker, text
from .seed_002_mechelen_sessions import SESSIONS, SITE_VISIT_FORM, WORKSHOP_FORM


at = on("2024-04-19")

LAMOT = "Lamot Conference and Heritage Centre"
DE_ZALM = "De Zalm"
GOVERNMENT_OF_FLANDERS = "Government of Flanders"
HOME_AFFAIRS = "Agency for Home Affairs"

VENUES = [
    {
        "name": LAMOT,
        "street_address": "Van Beethovenstraat 8-10",
        "postal_code": "2800",
        "locality": "Mechelen",
        "country": "BE",
        "sign_language_on_request": True,
        "accessibility_notes": (
            "A Flemish Sign Language interpreter, a loop or other assistance on "
            "request, asked for two weeks in advance."
        ),
        "public_transport": (
            "Train to Mechelen or Mechelen-Nekkerspoel station.\n"
            "Bus 1 from Mechelen station to the Korenmarkt stop."
        ),
        "rooms": [
            {"name": "Auditorium"},
            {"name": "Dijlezaal"},
            {"name": "Begijnenzolder"},
            {"name": "Herten Aas"},
            {"name": "Central hall"},
        ],
    },
    {
        "name": DE_ZALM,
        "locality": "Mechelen",
        "country": "BE",
        "accessibility_notes": (
            "Reachable by stairs only. A one-minute walk from the Lamot "
            "Conference and Heritage Centre."
        ),
        "rooms": [],
    },
]

ORGANISATIONS = [
    {"name": GOVERNMENT_OF_FLANDERS},
    {"name": HOME_AFFAIRS},
    {"name": "VVSG"},
    {"name": "Agency for Integration and Civic Integration"},
    {"name": "DUO for a JOB"},
    {"name": "Knowledge Center Flemish Cities"},
    {"name": "Hannah Arendt Institute"},
    {"name": "Department of Work and Social Economy"},
]

# People who speak more than once are saved as Person snippets; everyone else is
# typed on the page that lists them.
PEOPLE = [
    {
        "name": "Gwendolyn Rutten",
        "role": (
            "Vice-Minister-President of the Government of Flanders and Minister of "
            "Home Affairs, Civic Integration, and Equal Opportunities"
        ),
    },
    {"name": "Bart Somers", "role": "Mayor of Mechelen", "country": "BE"},
]

PROGRAMME_ITEMS = [
    {
        "kind": "registration",
        "title": "Registration",
        "start": at("08:15"),
        "end": at("09:00"),
        "location": "Central hall",
    },
    {
        "kind": "exhibition",
        "title": "Urban renewal is human work",
        "start": at("09:00"),
        "end": at("17:00"),
        "room": "Central hall",
        "all_day": True,
        "description": (
            "Flanders has funded urban renewal projects for more than twenty "
            "years. Each one makes a city more liveable, sustainable and "
            "inclusive: investing in buildings is above all investing in people. "
            "The exhibition shows how urban renewal helps people live together in "
            "diversity. Free to visit all day."
        ),
    },
    {
        "kind": "remarks",
        "title": "Welcoming remarks",
        "start": at("09:00"),
        "end": at("10:15"),
        "room": "Auditorium",
        "speakers": [
            person("Gwendolyn Rutten"),
            speaker(
                "Ylva Johansson", "European Commissioner for Home Affairs", video=True
            ),
            speaker(
                "Jeroen Windey",
                "Administrator-General of Agency of Home Affairs",
                organisation=GOVERNMENT_OF_FLANDERS,
            ),
        ],
    },
    {
        "kind": "meal",
        "title": "Lunch",
        "start": at("12:00"),
        "end": at("13:00"),
        "location": "Central hall",
    },
    {
        "kind": "break",
        "title": "Coffee break",
        "start": at("14:45"),
        "end": at("15:15"),
    },
    {
        "kind": "remarks",
        "title": "Conclusions of the day",
        "start": at("17:00"),
        "end": at("17:10"),
        "room": "Auditorium",
        "speakers": [person("Gwendolyn Rutten"), person("Bart Somers")],
    },
    {
        "kind": "reception",
        "title": "Reception",
        "start": at("17:10"),
        "end": at("18:00"),
    },
]

TRAIN = (
    "<p>Mechelen has two railway stations:</p><ul>"
    "<li><b>Mechelen</b>, the central station, served by international, national, "
    "regional and local trains;</li>"
    "<li><b>Nekkerspoel</b>, a smaller station with regional and local trains "
    "only.</li></ul>"
)
BUS = (
    "<p>De Lijn’s bus 1, the Centre shuttle (Mechelen Station – Nekkerspoel), "
    "leaves from near platform 9, next to the ‘Lijnwinkel’, every 10 minutes on "
    "weekdays and Saturdays, and every half hour in the evening until 10.30 p.m. "
    "Get off at ‘Korenmarkt’, a short walk from the venue; the return bus leaves "
    "from the same stop.</p>"
)
FOOT = (
    "<p>From the station (Koning Albertplein), walk along the Hendrik "
    "Consciencestraat to the traffic lights, cross, and follow Place Cardinal "
    "Mercier and then the Graaf Van Egmontstraat. At its end, turn left into the "
    "Onze-Lieve-Vrouwestraat, which leads to the Korenmarkt. Turn right into the "
    "Guldenstraat, passing brasserie “Puro” on your left, and carry on to the "
    "Haverwerf, where the main entrance of the Lamot Conference and Heritage "
    "Centre is.</p>"
)


def _parking(name, street, hours):
    return {
        "type": "parking",
        "value": {
            "name": name,
            "address": f"{street}\n2800 Mechelen",
            "opening_hours": hours,
        },
    }


PRACTICAL_INFORMATION = [
    {"type": "getting_there", "value": {"mode": "train", "text": TRAIN}},
    {"type": "getting_there", "value": {"mode": "bus", "text": BUS}},
    {"type": "getting_there", "value": {"mode": "foot", "text": FOOT}},
    # "open 14/7" is what the announcement says.
    _parking("Q-Park Lamot", "Guldenstraat 18", "open 14/7"),
    _parking("Indigo Parking Kathedraal", "Sint-Romboutskerkhof 6", "open 24/7"),
    _parking("Indigo Parking Hoogstraat", "Ganzendries 21", "open 24/7"),
    {
        "type": "hotels",
        "value": {
            "text": (
                "<p>A few hotels are within walking distance of the Lamot "
                "Conference and Heritage Centre. The organisers list them with "
                "how to book a room; this is for information only, and rooms are "
                "at the booker’s expense.</p>"
            ),
            "document": None,
        },
    },
    {
        "type": "accessibility",
        "value": {
            "text": (
                "<p>The organisers want everyone to be able to take part, "
                "including people with disabilities. Ask for what you need, such "
                "as a Flemish Sign Language interpreter or a loop, or for "
                "assistance on site, at least two weeks in advance.</p>"
            ),
            "request_by": "2024-04-05",
            "contact_email": "events@example.org",
        },
    },
]

# "Contact: Tom De Bruyn – Coordinator EU Events – Agency for Home Affairs", also
# the address for accessibility requests: one example.org address for his.
TOM = "Tom De Bruyn"
CONTACTS = [
    {
        "name": TOM,
        "role": "Coordinator EU Events",
        "organisation": HOME_AFFAIRS,
        "email": "events@example.org",
    }
]

CONFERENCE_FORM = "Registration: Local government approaches to diversity"

# The seed's "Special accessibility requirements", in its own words; the form
# asks the same question, so visitors answer it there rather than by e-mail.
ACCESSIBILITY = (
    "<p><b>Special accessibility requirements.</b> As organisers of the congress, "
    "we believe it is important that everyone can participate, including people "
    "with disabilities. Would you like to use certain facilities? Do you, because "
    "of your disability, need other facilities (Flemish Sign Language "
    "interpreter, loop, ...)? Then let us know before 05/04/2024 (two weeks in "
    "advance), below or by e-mail to "
    '<a href="mailto:events@example.org">events@example.org</a>. Also if on-site '
    "assistance is needed or you have any additional questions, please let us "
    "know before that date.</p>"
)

REGISTRATION_FORMS = [
    {
        # The seed gives no number of places and no closing date for the
        # conference itself: neither is set.
        "title": CONFERENCE_FORM,
        "introduction": (
            "<p>Conference for mayors, councillors, experts and civil servants. "
            "Choose below the parallel sessions and site visits you would like to "
            "join: they have places of their own.</p>" + ACCESSIBILITY
        ),
        "privacy_notice": PRIVACY_NOTICE,
        "ask_accessibility_needs": True,
        "questions": [
            question("Organisation or municipality"),
            question(
                "You are",
                "dropdown",
                choices=["Mayor", "Councillor", "Expert", "Civil servant", "Other"],
            ),
        ],
        "confirmation_message": (
            "<p>The programme and list of speakers will be updated throughout the "
            "next weeks, so please check this website regularly.</p>"
        ),
        "confirmation_email_text": (
            "Would you like to use certain facilities (Flemish Sign Language "
            "interpreter, loop, ...)? Please let us know before 05/04/2024 (two "
            "weeks in advance)."
        ),
    },
    {
        "title": WORKSHOP_FORM,
        "introduction": (
            "<p>Places in each parallel session are limited.</p>" + ACCESSIBILITY
        ),
        "privacy_notice": PRIVACY_NOTICE,
        # Invented: the seed gives no number of places for the rooms.
        "capacity": 40,
        "waiting_list": True,
    },
    {
        "title": SITE_VISIT_FORM,
        "introduction": (
            "<p>Places on each site visit are limited; the city tour runs twice, "
            "each run with its own places.</p>" + ACCESSIBILITY
        ),
        "privacy_notice": PRIVACY_NOTICE,
        # Invented: the seed gives no number of places for the visits.
        "capacity": 20,
        "waiting_list": True,
    },
]

EVENT_TYPES = [
    {"name": "Conference", "name_plural": "Conferences", "slug": "conference"}
]

# "In the pdf you will find an overview with the hotels within walking distance
# and how to book a room": the demo does not have the file; a stand-in says so.
HOTELS = {
    "kind": "hotels",
    "title": "Hotels within walking distance (stand-in)",
    "note": "For information only; rooms are at the booker’s expense.",
    "document_title": "Mechelen, 19 April 2024: hotels (stand-in)",
    "filename": "mechelen-hotels-stand-in.pdf",
    "stands_in_for": [
        "This file stands in for the overview of hotels within walking distance",
        "of the Lamot Conference and Heritage Centre, with how to book a room,",
        "which the organisers of 'Local government approaches to diversity'",
        "(Mechelen, 19 April 2024) published. The demo site does not have it.",
    ],
}

EVENT = {
    "model": "ConferencePage",
    "title": "Local government approaches to diversity",
    "slug": "local-government-approaches-to-diversity",
    "event_type": "conference",
    "documents": [HOTELS],
    "summary": (
        "A one-day conference in Mechelen for mayors, councillors, experts and "
        "civil servants on how cities and municipalities advance diversity "
        "policies and social cohesion."
    ),
    "introduction": (
        "<p>Conference for mayors, councillors, experts and civil servants, under "
        "the auspices of the Belgian Presidency of the Council of the EU.</p>"
    ),
    "body": [
        text(
            "<p>Cities and municipalities across Europe are taking the lead on "
            "diversity and social cohesion. This conference presents pioneering "
            "initiatives and policies from Flanders and from municipalities all "
            "over Europe.</p>"
            "<p>The Government of Flanders invites mayors and local government "
            "representatives to meet, exchange experience and learn from each "
            "other about how to move diversity policies forward together and "
            "strengthen social cohesion.</p>"
        )
    ],
    "start": at("08:15"),
    "end": at("18:00"),
    "time_zone": "Europe/Brussels",
    "venue": LAMOT,
    "organisations": [
        (GOVERNMENT_OF_FLANDERS, "organiser"),
        (HOME_AFFAIRS, "organiser"),
    ],
    "contacts": [(TOM, "general"), (TOM, "accessibility")],
    "programme_items": PROGRAMME_ITEMS,
    "practical_information": PRACTICAL_INFORMATION,
    "registration_form": CONFERENCE_FORM,
    # The seed does not say which language the conference is held in: no
    # languages. Its accessibility offer: a Flemish Sign Language interpreter and
    # a loop, on request "before 05/04/2024" (the sessions show it too).
    "interpretation": [
        {
            "type": "interpretation",
            "value": {
                "kind": "sign_language",
                "language": "vgt",
                "availability": "on_request",
                "request_before": "2024-04-05",
                "note": "",
            },
        },
        {
            "type": "interpretation",
            "value": {
                "kind": "hearing_loop",
                "language": "",
                "availability": "on_request",
                "request_before": "2024-04-05",
                "note": "",
            },
        },
    ],
    "sessions": SESSIONS,
}
