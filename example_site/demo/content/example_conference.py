"""An invented example, not a seed: an upcoming one-day conference.

Every seed conference is in the past, so no visitor of the demo could register
for one. This conference is dated 30 days after the day the demo is loaded (in
Brussels time), so it is always ahead when the demo is new, and says on its page,
in its title and summary, that it is invented.

It shows registration: the conference has a form with a few places, and its
workshop a form with three places and a waiting list, so a visitor sees the
places fall as they register and the waiting list start after the third. The
venue is the invented community centre of the weekly meeting
(``example_language_practice``); no person or organisation is invented.

Written in English and translated into Dutch and French by the loader, from
``example_conference_nl_fr``, as the weekly meeting is.
"""

import datetime
import zoneinfo

from .common import PRIVACY_NOTICE, question, text
from .example_language_practice import VENUE


# The day of the conference: 30 days after the demo is loaded. The loader finds
# the conference again by its slug, so loading again later changes nothing.
DAY = (
    datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Brussels")).date()
    + datetime.timedelta(days=30)
).isoformat()


def at(hhmm):
    return f"{DAY} {hhmm}"


VENUES = []
ORGANISATIONS = []
PEOPLE = []

CONFERENCE_FORM = "Example conference: registration"
WORKSHOP_FORM = "Example conference: workshop"

REGISTRATION_FORMS = [
    {
        "title": CONFERENCE_FORM,
        "introduction": (
            "<p>This form is part of the demo: register to see the places fall. "
            "No one will expect you.</p>"
        ),
        "privacy_notice": PRIVACY_NOTICE,
        # Invented, like the conference: few places, so that the demo shows them fall.
        "capacity": 20,
        "waiting_list": True,
        "questions": [question("Organisation or municipality", required=False)],
    },
    {
        "title": WORKSHOP_FORM,
        "introduction": (
            "<p>The workshop has three places. When they are taken, you can join "
            "the waiting list.</p>"
        ),
        "privacy_notice": PRIVACY_NOTICE,
        "capacity": 3,
        "waiting_list": True,
    },
]

INVENTED = (
    "<p><i>An invented example conference of the demo site, to show how a "
    "visitor registers for a conference and a workshop. It will not take "
    "place.</i></p>"
)

EVENT = {
    "model": "ConferencePage",
    "title": "Example conference (invented for the demo): welcoming newcomers",
    "slug": "example-conference",
    "summary": (
        "Example conference (invented for the demo): a day on how a town welcomes "
        "newcomers. Register for the day and for its workshop of three places."
    ),
    "introduction": (
        "<p>Example conference (invented for the demo). It will not take place.</p>"
    ),
    "body": [
        text(
            INVENTED + "<p>Register for the conference with the form below: it has "
            "twenty places, and the page shows how many are left. The afternoon "
            "workshop has three places of its own; when they are taken, its form "
            "offers the waiting list.</p>"
        )
    ],
    "start": at("09:30"),
    "end": at("16:30"),
    "time_zone": "Europe/Brussels",
    "venue": VENUE,
    "registration_form": CONFERENCE_FORM,
    "programme_items": [
        {
            "kind": "registration",
            "title": "Welcome",
            "start": at("09:30"),
            "end": at("10:00"),
        },
        {"kind": "meal", "title": "Lunch", "start": at("12:00"), "end": at("13:00")},
    ],
    "sessions": [
        {
            "model": "PanelPage",
            "title": "Example panel: the first week in a new town",
            "slug": "example-panel",
            "summary": "An invented panel of the example conference.",
            "body": [text(INVENTED)],
            "start": at("10:00"),
            "end": at("12:00"),
        },
        {
            "model": "WorkshopPage",
            "title": "Example workshop: a welcome desk in one afternoon",
            "slug": "example-workshop",
            "summary": (
                "An invented workshop of the example conference, with three places "
                "and a waiting list."
            ),
            "body": [text(INVENTED)],
            "start": at("13:00"),
            "end": at("16:30"),
            "registration_form": WORKSHOP_FORM,
        },
    ],
}
