"""An invented example, not a seed: a weekly Dutch language-practice meeting.

The five seeds are all in the past and happen once; this event shows a repeating
one that is current. It meets on Tuesdays from 19:00 to 20:30 in Brussels time,
from 3 March 2026 to the end of June 2027, so the series crosses four clock
changes (29 March 2026, 25 October 2026, 28 March 2027) and stays at 19:00 on the
wall. One date is cancelled and one is moved, each with a note for visitors.

It takes its theme from seed 002's "Language practice boat tour": informal
opportunities to practise Dutch outside the classroom. The venue is deliberately
generic (a name and a town, no street address) because the event is made up.

It also shows places per date: a registration form with a few places for each
Tuesday, so that one full evening leaves the others open.

Written in English and translated into Dutch and French by the loader, from
``example_language_practice_nl_fr``: the home page in each language promotes the
meeting in that language, and a place taken in one counts in all.
"""

from .common import PRIVACY_NOTICE, question, text


VENUE = "Community centre (example)"

VENUES = [{"name": VENUE, "locality": "Mechelen", "country": "BE", "rooms": []}]
ORGANISATIONS = []
PEOPLE = []

# Wall-clock times in Europe/Brussels, as everywhere in the demo data. The rule's
# UNTIL is 23:59:59 on 30 June 2027 in Brussels (summer time, UTC+2), in UTC.
RULE = "RRULE:FREQ=WEEKLY;UNTIL=20270630T215959Z;BYDAY=TU"
FIRST = "2026-03-03"
LAST = "2027-06-29"
CANCELLED = "2026-12-29 19:00"
MOVED_FROM = "2027-05-11 19:00"
MOVED_TO = ("2027-05-12 19:00", "2027-05-12 20:30")

REGISTRATION_FORM = "Dutch language practice meeting: one evening"

REGISTRATION_FORMS = [
    {
        "title": REGISTRATION_FORM,
        "introduction": (
            "<p>Choose the Tuesday you come. Each evening has a few places, so that "
            "everyone gets to speak.</p>"
        ),
        "privacy_notice": PRIVACY_NOTICE,
        # Invented, like the event: places per evening, not for the series.
        "capacity": 12,
        "waiting_list": True,
        "questions": [
            question(
                "Your Dutch",
                "radio",
                choices=["First words", "I get by", "Almost fluent"],
            )
        ],
    }
]

EVENT = {
    "model": "WorkshopPage",
    "title": "Dutch language practice meeting",
    "slug": "dutch-language-practice-meeting",
    "summary": (
        "Taalcafé: practise your Dutch in a relaxed conversation group, every "
        "Tuesday evening in Mechelen. Free; register for the evening you come."
    ),
    "body": [
        text(
            "<p><i>An invented example event of the demo site, to show a repeating "
            "event. It is not a real meeting.</i></p>"
            "<p>You learn Dutch in class, but you get to grips with it by speaking "
            "it. In this taalcafé, people who are learning Dutch practise with "
            "volunteers who speak it every day: over a coffee or tea, in small "
            "groups, about whatever comes up. Every level is welcome, from the "
            "first words to almost fluent.</p>"
            "<p>The meeting takes place every Tuesday from 19:00 to 20:30. Come "
            "when you can; it is free. Each evening has a few places: register "
            "for the Tuesday you come.</p>"
        )
    ],
    "start": f"{FIRST} 19:00",
    "end": f"{FIRST} 20:30",
    "time_zone": "Europe/Brussels",
    "recurrence": RULE,
    "occurrence_changes": [
        {
            "original_start": CANCELLED,
            "action": "cancel",
            "note": "No meeting during the Christmas holidays.",
        },
        {
            "original_start": MOVED_FROM,
            "action": "move",
            "new_start": MOVED_TO[0],
            "new_end": MOVED_TO[1],
            "note": "This week on Wednesday: the community centre is in use on Tuesday.",
        },
    ],
    "venue": VENUE,
    "registration_form": REGISTRATION_FORM,
}
