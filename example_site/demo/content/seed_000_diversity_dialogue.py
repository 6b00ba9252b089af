"""Seed 000: the Belgian online Diversity Dialogue Forum, two online sessions in
December 2020 (CET is Europe/Brussels in winter).

"Register HERE for the first session": the panel has an open registration form.
The second session is "only upon invitation" (``access``): people ask through
its form and the organiser decides (``requires_approval``), or write to the
person the seed names (its request-to-join contact). Its join link is its own,
kept for the people admitted.

In English only."""

from .common import PRIVACY_NOTICE, question, text


ONLINE_URL = "https://example.org/ddf"
# The counselling session's own join link (a stand-in, as ONLINE_URL is): it is
# by invitation, so the link reaches only the people admitted.
COUNSELLING_URL = "https://example.org/ddf/counselling"
EPN = "European Professional Network (EPN)"
RAQUEL = "Raquel Bello-Gomez"

VENUES = []
ORGANISATIONS = [{"name": EPN}]
PEOPLE = []
# The one person the seed names, with an example.org address for hers.
CONTACTS = [
    {
        "name": RAQUEL,
        "organisation": EPN,
        "email": "raquel.bello-gomez@example.org",
    }
]

# The seed's words for its events: a forum, and its counselling session.
EVENT_TYPES = [
    {"name": "Forum", "name_plural": "Forums", "slug": "forum"},
    {
        "name": "Counselling session",
        "name_plural": "Counselling sessions",
        "slug": "counselling-session",
    },
]

# "Download the Agenda": the demo does not have the file; a stand-in says so.
AGENDA = {
    "kind": "agenda",
    "title": "Agenda (stand-in)",
    "document_title": "Belgian online Diversity Dialogue Forum: agenda (stand-in)",
    "filename": "ddf-belgium-agenda-stand-in.pdf",
    "stands_in_for": [
        "This file stands in for the agenda of the Belgian online Diversity",
        "Dialogue Forum (2 and 3 December 2020), which the European Professional",
        "Network published. The demo site does not have that document.",
    ],
}

PANEL_FORM = "Register: Belgian online DDF, 2 December 2020"
COUNSELLING_FORM = "Ask for an invitation: Maximising integration in Belgium"

REGISTRATION_FORMS = [
    {
        "title": PANEL_FORM,
        "introduction": (
            "<p>Register for the first session on 2 December at 2 pm! This event "
            "will be open to everyone who is interested.</p>"
        ),
        "privacy_notice": PRIVACY_NOTICE,
        # Online: the accessibility choices (induction loop, wheelchair access)
        # are about a venue, and the seed says nothing about them.
        "ask_accessibility_needs": False,
        "questions": [question("Organisation", required=False)],
    },
    {
        "title": COUNSELLING_FORM,
        "introduction": (
            "<p>A counseling session addressed to migrants in Belgium. This event "
            "is only upon invitation. If you are a migrant in Belgium and wish to "
            "participate, ask for a place here: the organiser decides.</p>"
        ),
        "privacy_notice": PRIVACY_NOTICE,
        "ask_accessibility_needs": False,
        "requires_approval": True,
        "questions": [
            question(
                "Which practical questions about your integration in Belgium "
                "would you like to ask?",
                "multiline",
                required=False,
            )
        ],
    },
]

EVENT = {
    "model": "ConferencePage",
    "title": "Belgian online Diversity Dialogue Forum",
    "slug": "belgian-online-diversity-dialogue-forum",
    "event_type": "forum",
    "documents": [AGENDA],
    "summary": (
        "Two online meetings in English on how Belgium can make the most of a "
        "diverse society: a public panel discussion and a counselling session "
        "for migrants."
    ),
    "introduction": (
        "<p>How can a diverse society reach its full potential? The Belgian "
        "Diversity Dialogue Forum looks at the challenges and opportunities of "
        "migrants’ integration in Belgium, in two online meetings.</p>"
    ),
    "body": [
        text(
            "<p>People who think differently bring fresh ideas and new answers to "
            "old problems. The partners of the MAX project see migration as a "
            "source of diversity: it raises challenges, but it also opens "
            "opportunities, provided that diversity is managed well at local "
            "level and supported by everyone who shares a place, from public "
            "administrations and businesses to schools and neighbours’ "
            "associations. Integrating newcomers well is, in their view, a "
            "condition for prosperous local development in Europe.</p>"
            "<p>Each local Diversity Dialogue Forum is a joint discussion on how "
            "migration can benefit the social and economic development of European "
            "societies. The Belgian forum is organised by the European Professional "
            "Network (EPN), takes place in English and is made up of two online "
            "sessions.</p>"
        )
    ],
    "start": "2020-12-02 14:00",
    "end": "2020-12-03 12:00",
    "time_zone": "Europe/Brussels",
    "attendance_mode": "online",
    "online_url": ONLINE_URL,
    # "will take place in English": both sessions, which state no language of
    # their own, are held in the forum's.
    "event_languages": ["en"],
    "organisations": [(EPN, "organiser")],
    "contacts": [(RAQUEL, "general")],
    "sessions": [
        {
            "model": "PanelPage",
            "title": (
                "How to maximise the potential of a diverse society? "
                "Challenges and opportunities in Belgium"
            ),
            "slug": "how-to-maximise-the-potential-of-a-diverse-society",
            "summary": (
                "A panel discussion on the challenges and opportunities of "
                "migrants’ integration in Belgium. Open to everyone who is "
                "interested."
            ),
            "body": [
                text(
                    "<p>The panel looks at the main challenges and opportunities "
                    "that migrants bring to Belgian cities, at the social "
                    "challenges that grassroots initiatives for diversity can take "
                    "on locally, and at the experience of migrants and refugees "
                    "themselves. Together, speakers and audience discuss how to "
                    "remove the barriers that still stand in the way of a fully "
                    "inclusive society that makes the most of its diversity.</p>"
                    "<p>This session is open to everyone who is interested.</p>"
                )
            ],
            "start": "2020-12-02 14:00",
            "end": "2020-12-02 15:30",
            "attendance_mode": "online",
            "online_url": ONLINE_URL,
            "registration_form": PANEL_FORM,
        },
        {
            "model": "WorkshopPage",
            "title": "Maximising integration in Belgium",
            "slug": "maximising-integration-in-belgium",
            "event_type": "counselling-session",
            "summary": (
                "A counselling session for migrants in Belgium, only upon invitation."
            ),
            "body": [
                text(
                    "<p>A counselling session for migrants living in Belgium: "
                    "participants ask practical questions about their integration "
                    "in the country and receive advice.</p>"
                )
            ],
            "start": "2020-12-03 10:30",
            "end": "2020-12-03 12:00",
            "attendance_mode": "online",
            "online_url": COUNSELLING_URL,
            "access": "invitation",
            "contacts": [(RAQUEL, "join")],
            "host_organisations": [EPN],
            "registration_form": COUNSELLING_FORM,
        },
    ],
}
