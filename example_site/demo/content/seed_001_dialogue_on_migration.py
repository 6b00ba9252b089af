"""Seed 001: the "Promoting a Dialogue on Migration" reflection group
(2020-2024), published as a series whose one meeting on the site is its closing
session. The seed dates no other meeting, so none is invented: the series' dates
are those of the closing session (a series' dates follow its meetings). The seed
gives the closing session's date but neither hours nor a place, so the meeting is
all-day and has no venue. In English only."""

from .common import speaker, text


EPC = "European Policy Centre"
EGMONT = "Egmont Institute"
KBF = "King Baudouin Foundation"

VENUES = []
ORGANISATIONS = [{"name": EPC}, {"name": EGMONT}, {"name": KBF}]
PEOPLE = []
EVENT_TYPES = [
    {
        "name": "Closing session",
        "name_plural": "Closing sessions",
        "slug": "closing-session",
    }
]

EVENT = {
    "model": "SeriesPage",
    "title": "Promoting a Dialogue on Migration",
    "slug": "promoting-a-dialogue-on-migration",
    "summary": (
        "A reflection group on migration, asylum and integration in Belgium and "
        "Europe, which met from 2020 to 2024."
    ),
    "introduction": (
        "<p>The Reflection Group to ‘Promote a Dialogue’ on migration was set up "
        "in 2020 by the European Policy Centre and the Egmont Institute with the "
        "King Baudouin Foundation, and met over four years until its closing "
        "session on 24 April 2024.</p>"
    ),
    "body": [
        text(
            "<p>Few subjects divide public opinion and politics as much as "
            "migration. Because the debate is so polarised, people who work on it "
            "from different political, professional and geographical sides find "
            "it hard to agree on a constructive approach, although such dialogue "
            "is what good policy needs.</p>"
            "<p>For four years, the reflection group brought together Belgian and "
            "European policymakers, federal, regional and local authorities, "
            "international organisations and civil society, migrant-led "
            "organisations among them. Its meetings dealt with pressing questions "
            "of migration, asylum and integration, and helped the participants "
            "learn from each other.</p>"
            "<p>The Belgian situation was its starting point, always seen in its "
            "European context. The group followed several emergencies closely, "
            "such as the arrival of large numbers of people displaced from "
            "Ukraine and the strain on Belgian accommodation and reception after "
            "secondary movements from other EU countries, and it looked at what "
            "better integration policies and well-managed labour migration could "
            "achieve.</p>"
            "<p>Only the closing session is listed below: the announcement dates "
            "none of the group's earlier meetings.</p>"
        )
    ],
    "time_zone": "Europe/Brussels",
    "organisations": [(EPC, "organiser"), (EGMONT, "organiser"), (KBF, "partner")],
    "sessions": [
        {
            "model": "MeetingPage",
            "title": "Closing session",
            "slug": "closing-session",
            "event_type": "closing-session",
            "summary": (
                "The strategic priorities for migration policy after the Belgian "
                "and European Parliament elections of June 2024."
            ),
            "body": [
                text(
                    "<p>The closing session of the reflection group discussed the "
                    "strategic priorities for migration policy after the Belgian "
                    "and European Parliament elections of June 2024.</p>"
                )
            ],
            "speakers": [
                speaker(
                    "António Vitorino",
                    "Former European Commissioner for Justice and Home Affairs "
                    "and Director General of the International Organization for "
                    "Migration",
                ),
                speaker(
                    "Herman Van Rompuy",
                    "Former Belgian Prime Minister and President Emeritus of the "
                    "European Council",
                ),
            ],
            # The seed names only the day: all_day shows the date without hours.
            "start": "2024-04-24 00:00",
            "end": "2024-04-24 23:59",
            "all_day": True,
        }
    ],
}
