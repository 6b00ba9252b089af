"""Seed 002: the sessions of the Mechelen conference, as the seed lists them.

Panels in the auditorium, workshops in three rooms at once, and site visits.
"""

from .common import group, on, person, speaker, text


at = on("2024-04-19")
MORNING = {"start": at("10:15"), "end": at("12:00")}
EARLY_AFTERNOON = {"start": at("13:00"), "end": at("14:45")}
LATE_AFTERNOON = {"start": at("15:15"), "end": at("17:00")}

# Registration forms (defined in seed_002_mechelen), by title. Panels in the
# auditorium need none beyond the conference's; parallel sessions and site visits
# have places of their own.
WORKSHOP_FORM = "Mechelen 2024: parallel session"
SITE_VISIT_FORM = "Mechelen 2024: site visit"

AUDITORIUM = {"track": "Auditorium sessions", "room": "Auditorium"}
PARALLEL = {"track": "Parallel sessions", "registration_form": WORKSHOP_FORM}
VISITS = {"track": "Site visits in Mechelen"}

INTEGRATION_AGENCY = "Agency for Integration and Civic Integration"
# The seed gives no meeting point for the site visits, and a site visit must
# name one: the page says that the announcement does not give it.
MEETING_POINT = "Not given in the announcement"
DE_ZALM_NOTE = (
    "<p>This session takes place in “De Zalm”, a one-minute walk from the "
    "conference centre, which can only be reached by stairs.</p>"
)


# Said on the page of a session whose place the seed does not give.
PLACE_NOT_GIVEN = "<p>The announcement does not say where this session takes place.</p>"


def panellist(name, role, country="", organisation="", **flags):
    return speaker(name, role, country, organisation, session_role="panellist", **flags)


PANELS = [
    {
        "model": "PanelPage",
        **AUDITORIUM,
        **MORNING,
        "title": "Local governments: leading the charge for diversity policy",
        "slug": "local-governments-leading-the-charge-for-diversity-policy",
        "summary": (
            "Mayors and local leaders on why cities belong at the heart of "
            "diversity policy."
        ),
        "body": [
            text(
                "<p>Mayors and other local government leaders discuss how cities "
                "and municipalities can drive inclusive change, and why they must "
                "have a central place when inclusive policies are planned. The "
                "panel presents strategies and initiatives that show how much the "
                "future of diversity policy depends on local leadership.</p>"
            )
        ],
        "speakers": [
            panellist("André Sobczak", "Secretary General of Eurocities"),
            panellist("Francisco Javier Ayala Ortega", "Mayor of Fuenlabrada", "ES"),
            panellist("Erik Pelling", "Mayor of Uppsala", "SE"),
            panellist(
                "Jens-Kristian Lütken",
                "Mayor of Employment and Integration of Copenhagen",
                "DK",
            ),
            panellist("Jukka Mäkelä", "Mayor of Espoo", "FI"),
            panellist(
                "Thanassis Chimonas",
                "Deputy Mayor of Integration of Migrants and Refugees of Athens",
                "GR",
            ),
            panellist("Simona Bieliūnė", "Deputy Mayor of Vilnius", "LT"),
            panellist(
                "Faouzi Achbar",
                "Deputy Mayor of Social & Digital Inclusion and Sports of Rotterdam",
                "NL",
            ),
            panellist(
                "Anita Vella",
                "Head of Unit of “Legal Pathways and Integration” in DG HOME",
                organisation="European Commission",
            ),
        ],
    },
    {
        "model": "PanelPage",
        **AUDITORIUM,
        **EARLY_AFTERNOON,
        "title": "Addressing polarisation in diverse cities",
        "slug": "addressing-polarisation-in-diverse-cities",
        "summary": "How cities can bridge divides and hold diverse communities together.",
        "body": [
            text(
                "<p>Experts, mayors and local government leaders look at ways to "
                "counter polarisation in diverse societies. They present joint "
                "approaches and interventions that cities and municipalities can "
                "put into practice to bridge divides, and discuss what social "
                "cohesion strategies can and cannot achieve.</p>"
            )
        ],
        "speakers": [
            panellist(
                "Roger Berkowitz",
                "Founder and Academic Director of the Hannah Arendt Center at Bard "
                "College, New York",
            ),
            panellist("Richard Arnold", "Mayor of Schwäbisch Gmünd", "DE"),
            panellist("Angel Dzhorgov", "Mayor of Samokov", "BG"),
            panellist("Lyuba Klenova", "Deputy Mayor of Samokov", "BG"),
            panellist("Amani Loubani", "Deputy Mayor of Malmö", "SE"),
            panellist(
                "Menno Ettema",
                "Head of the Hate Speech, Hate Crime and Artificial Intelligence "
                "Unit within the Inclusion and Anti-Discrimination Programmes "
                "Division - Directorate of Equal Rights and Dignity",
                organisation="Council of Europe",
            ),
            panellist(
                "Paola Alvarez",
                "",
                organisation="International Organization for Migration",
                tbc=True,
            ),
        ],
    },
    {
        "model": "PanelPage",
        **AUDITORIUM,
        **LATE_AFTERNOON,
        "title": (
            "Building diverse and inclusive cities: the role of architecture + "
            "The future of local diversity and inclusion governance"
        ),
        "slug": "building-diverse-and-inclusive-cities",
        "summary": (
            "Two panels: how architecture and urban design make cities "
            "inclusive, and where local diversity governance is heading."
        ),
        "body": [
            text(
                "<h2>Panel 1: Building diverse and inclusive cities: the role of "
                "architecture</h2>"
                "<p>How do architecture and the built environment strengthen "
                "inclusion and diversity policies? Mayors and local leaders "
                "explore how urban planning and architectural design can create "
                "inclusive spaces where every resident feels at home.</p>"
                "<h2>Panel 2: The future of local diversity and inclusion "
                "governance</h2>"
                "<p>Diversity and inclusion in cities keep changing. This panel "
                "reviews today’s local strategies and initiatives and looks ahead "
                "at how local leaders will shape diversity policy in the years to "
                "come.</p>"
            )
        ],
        "speakers": [
            group(
                "Panel 1: Building diverse and inclusive cities: the role of "
                "architecture",
                panellist("Jacob Bundsgaard", "Mayor of Aarhus", "DK"),
                panellist(
                    "Anne McTaggart",
                    "Councillor and City Convener for Communities and Equalities "
                    "of Glasgow",
                    # The seed writes UK; the list of countries knows the United
                    # Kingdom by its ISO code, GB.
                    "GB",
                ),
                panellist("Silke Beirens", "Deputy Mayor of Oostende", "BE", tbc=True),
            ),
            group(
                "Panel 2: The future of local diversity and inclusion governance",
                person("Bart Somers", session_role="panellist"),
                panellist("Andriy Sadovyi", "Mayor of Lviv", "UA"),
                panellist(
                    "Rutger Groot Wassink",
                    "Deputy Mayor of Social Affairs, Reception, Democratisation, "
                    "and Integration of Amsterdam",
                    "NL",
                    tbc=True,
                ),
                panellist(
                    "Ayse Ozbabacan",
                    "Deputy Director of Integration Department of Stuttgart",
                    "DE",
                ),
            ),
        ],
    },
]

WORKSHOPS = [
    {
        "model": "WorkshopPage",
        **PARALLEL,
        **MORNING,
        "room": "Dijlezaal",
        "title": "City-to-city mentoring",
        "slug": "city-to-city-mentoring",
        "summary": "What cities learn when one city mentors another.",
        "body": [
            text(
                "<p>Lessons from European, regional and mixed initiatives in which "
                "one city mentors another. How can a city take on the role of "
                "mentor, what support does it need, and who else can help? How is "
                "the knowledge gained kept and shared, what must be in place "
                "first, and how do you cope with the great differences in "
                "capacity and resources between cities and municipalities? The "
                "session ends with recommendations for the EU and central "
                "governments, with plenty of time for questions and "
                "discussion.</p>"
                "<p>Coordinated by the VVSG (the Association of Flemish cities and "
                "municipalities) with the city of Mechelen as mentor and Oostende "
                "as mentee.</p>"
            )
        ],
        "host_organisations": ["VVSG"],
    },
    {
        "model": "WorkshopPage",
        **PARALLEL,
        **MORNING,
        "room": "Begijnenzolder",
        "title": "Inclusive communication in diversity",
        "slug": "inclusive-communication-in-diversity",
        "summary": "What makes communication reach everyone in a superdiverse city.",
        "body": [
            text(
                "<p>Communication only works if it reaches the people it is meant "
                "for. Who are they, and which stereotypes and assumptions do we "
                "bring ourselves? Do we only want to inform, or to build a lasting "
                "relationship with residents?</p>"
                "<p>Working on real cases in small groups, participants look for "
                "the key ingredients of inclusive communication and the points "
                "that need more attention, and link them to OpenBlik, a platform "
                "of exercises and tools for inclusive communication strategies. "
                "With speakers from Diest (BE) and Stuttgart (DE).</p>"
            )
        ],
        "host_organisations": [INTEGRATION_AGENCY],
    },
    {
        "model": "WorkshopPage",
        **PARALLEL,
        **MORNING,
        "room": "Herten Aas",
        "title": "Bystander training",
        "slug": "bystander-training",
        "summary": "Practical tools to react as a bystander to racism and discrimination.",
        "body": [
            text(
                "<p>In under two hours, learn how to respond effectively when you "
                "witness racism or discrimination. Naming unacceptable behaviour "
                "and setting clear boundaries puts pressure on those who cross "
                "them, but bystanders often hesitate or are afraid to step in; "
                "this workshop gives them the tools to act.</p>"
                "<p>Ghent has run the active bystander workshop since 2021 under "
                "its Action Plan on Antiracism and Antidiscrimination (2020-2025), "
                "led by Astrid Debruycker, councillor for Equal Opportunities, "
                "Welfare, Participation, Community Work, and Public Green. Since "
                "October 2022 it has been rolled out across Flanders under the "
                "Flemish government’s ‘Plan Living Together’, with Ghent as a "
                "mentor for other local governments.</p>"
            )
        ],
        "speakers": [
            speaker(
                "Paul Storme",
                "Bystander trainer at Amal, the integration agency in Ghent",
                session_role="host",
            )
        ],
    },
    {
        "model": "WorkshopPage",
        **PARALLEL,
        **EARLY_AFTERNOON,
        "room": "Dijlezaal",
        "title": (
            "“Plan Living Together”: supporting local efforts towards inclusion "
            "and diversity"
        ),
        "slug": "plan-living-together",
        "summary": "How Flanders supports its cities and municipalities on social cohesion.",
        "body": [
            text(
                "<p>National and regional governments can back local authorities "
                "with the right structures. This session presents the “Plan "
                "Living Together”, through which Flanders supports cities and "
                "municipalities with funding and capacity building to develop and "
                "carry out social cohesion projects and policies.</p>"
                "<p>Hosted by the Agency for Home Affairs, with speakers from the "
                "Agency for Integration and Civic Integration and from the cities "
                "of Lier and Turnhout.</p>"
            )
        ],
        "host_organisations": ["Agency for Home Affairs"],
    },
    {
        "model": "WorkshopPage",
        **PARALLEL,
        **EARLY_AFTERNOON,
        "room": "Begijnenzolder",
        "title": (
            "Language acquisition outside the classroom – good practices of "
            "non-formal adult learning"
        ),
        "slug": "language-acquisition-outside-the-classroom",
        "summary": "Adults learning a second language outside the classroom.",
        "body": [
            text(
                "<p>Adults also learn a second language outside the classroom. "
                "This session shares successful and innovative non-formal "
                "approaches and shows how local authorities can support a varied "
                "learning landscape.</p>"
                "<p>Presented by the Agency for Integration and Civic Integration "
                "with the cities of Halle (BE), Hasselt (BE) and Torres Vedras "
                "(PT).</p>"
            )
        ],
        "host_organisations": [INTEGRATION_AGENCY],
    },
    {
        "model": "WorkshopPage",
        **PARALLEL,
        **EARLY_AFTERNOON,
        "room": "Herten Aas",
        "title": (
            "Mentoring for labour market integration, lifelong learning, and "
            "stronger connections - Inspiration from practitioners"
        ),
        "slug": "mentoring-for-labour-market-integration",
        "summary": "Mentoring programmes and cities working together.",
        "body": [
            text(
                "<p>Mentoring can help cities and their communities embrace "
                "diversity and benefit from it. This interactive session presents "
                "case studies from Belgium and France in which cities and "
                "mentoring programmes work together, and follows how this "
                "grassroots method is now taking shape at European level.</p>"
                "<p>Hosted by DUO for a JOB and the city of Mechelen.</p>"
            )
        ],
        "host_organisations": ["DUO for a JOB"],
    },
    {
        "model": "WorkshopPage",
        **PARALLEL,
        **LATE_AFTERNOON,
        "room": "Dijlezaal",
        "title": (
            "Beyond paper: the “Fellow Citizen” Project on diversity in city "
            "organisations"
        ),
        "slug": "beyond-paper-the-fellow-citizen-project",
        "summary": "Why diversity in city organisations changes so slowly.",
        "body": [
            text(
                "<p>Why does change take so long, when so much is being done? The "
                "Knowledge Center Flemish Cities presents what its “Fellow "
                "Citizen” Project (2017-2023) learnt from more than a dozen city "
                "organisations and how diversity plays out inside them.</p>"
                "<p>Leadership style, organisational culture and a place for "
                "diversity in strategy turn out to decide whether diversity "
                "measures work. Managers, leaders and mayors are invited on a "
                "ninety-minute journey through plans, good intentions, obstacles, "
                "experiments, myths and realities.</p>"
            )
        ],
        "host_organisations": ["Knowledge Center Flemish Cities"],
    },
    {
        "model": "WorkshopPage",
        **PARALLEL,
        **LATE_AFTERNOON,
        "room": "Begijnenzolder",
        "title": (
            "Empowering newcomers through social integration and networking initiatives"
        ),
        "slug": "empowering-newcomers",
        "summary": "Volunteering, sport and buddy networks that connect newcomers.",
        "body": [
            text(
                "<p>Volunteering, sport and local buddy networks help newcomers "
                "find their place. See how local councils take the lead, involve "
                "residents and local partners and break down barriers, with "
                "particular attention to regional cooperation and to the EU as a "
                "catalyst.</p>"
                "<p>Hosted by the Agency for Integration and Civic Integration "
                "with the Department of Work and Social Economy of the Government "
                "of Flanders.</p>"
            )
        ],
        "host_organisations": [
            INTEGRATION_AGENCY,
            "Department of Work and Social Economy",
        ],
    },
    {
        "model": "WorkshopPage",
        **PARALLEL,
        **LATE_AFTERNOON,
        # The seed lists this session under Herten Aas and then says it "will be
        # hosted in De Zalm": it is held in De Zalm, the last word, with no room
        # of the conference centre.
        "venue": "De Zalm",
        "title": "Introduction to the Collective Impact Model",
        "slug": "introduction-to-the-collective-impact-model",
        "summary": "Tackling complex social issues through cross-sector cooperation.",
        "body": [
            text(
                "<p>Pandemics, the climate crisis, polarisation and "
                "disinformation: today’s social problems are too complex for any "
                "one organisation. Local governments often answer them with "
                "separate initiatives, whose impact stays limited without a "
                "shared approach.</p>"
                "<p>The Hannah Arendt Institute introduces the Collective Impact "
                "Model, which tackles such problems through broad cooperation "
                "across sectors: agreeing on a common agenda, coordinating "
                "activities in a plan that makes them reinforce each other, and "
                "building a backbone that coordinates the shared effort.</p>"
            ),
            text(DE_ZALM_NOTE),
        ],
        "speakers": [
            speaker(
                "Christophe Busch", "Expert in complexity theory", session_role="host"
            )
        ],
        "host_organisations": ["Hannah Arendt Institute"],
    },
]

SITE_VISITS = [
    {
        "model": "SiteVisitPage",
        **VISITS,
        **MORNING,
        "runs": [EARLY_AFTERNOON],
        "title": "Mechelen, an inclusive city: a guided audio city tour",
        "slug": "mechelen-an-inclusive-city",
        "summary": "A guided audio tour by bike through Mechelen’s historic centre.",
        "body": [
            text(
                "<p>How do we live together while respecting our differences? A "
                "diverse society is a great asset and a challenge at once. "
                "Mechelen runs many initiatives for a welcoming, liveable city and "
                "wants to inspire other cities and towns with its positive "
                "approach to diversity and inclusion.</p>"
                "<p>This guided audio tour, by bike, stops at inspiring places in "
                "the historic centre, where residents and the city’s policymakers "
                "tell their stories on these themes. It runs twice.</p>"
            )
        ],
        "meeting_point": MEETING_POINT,
        "mode": "bike",
        "registration_form": SITE_VISIT_FORM,
    },
    {
        "model": "WorkshopPage",
        **VISITS,
        **MORNING,
        "venue": "De Zalm",
        "registration_form": WORKSHOP_FORM,
        "title": "Sport and prevention of radicalisation (theory session)",
        "slug": "sport-and-prevention-of-radicalisation-theory",
        "summary": "The theory behind a football-based radicalisation prevention programme.",
        "body": [
            text(
                "<p>What can sport do to prevent radicalisation and bring about "
                "positive social change? Younis Kamil Abdulsalam has built a "
                "programme theory for a football-based prevention programme, "
                "centred on Dr. Daniel Köhler’s theory of re-pluralisation. "
                "Together they explain its theoretical foundations.</p>"
                "<p>Put the theory into practice in the football session at "
                "15:15.</p>"
            ),
            text(DE_ZALM_NOTE),
        ],
        "speakers": [
            speaker(
                "Younis Kamil Abdulsalam",
                "Sports scientist with more than 15 years of experience in "
                "sports-oriented youth work and doctoral researcher at the "
                "University of Brussels",
            ),
            speaker("Dr. Daniel Köhler"),
        ],
    },
    {
        "model": "SiteVisitPage",
        **VISITS,
        **LATE_AFTERNOON,
        "title": "Language practice boat tour",
        "slug": "language-practice-boat-tour",
        "summary": "Practise Dutch outside the classroom, on a boat on the Dijle.",
        "body": [
            text(
                "<p>Thousands of people in Flanders learn Dutch as a second "
                "language in adult education, but a language is not learnt in the "
                "classroom alone. Informal practice, in all kinds of activities, "
                "lets learners hear and speak Dutch, get feedback, and get used to "
                "accents and dialects.</p>"
                "<p>On a boat on the Dijle, meet the organisers of a Dutch "
                "practice activity, try it out and learn what makes it work and "
                "which formats you can use. Hosted by the Agency for Integration "
                "and Civic Integration.</p>"
            )
        ],
        "meeting_point": MEETING_POINT,
        "mode": "boat",
        "registration_form": SITE_VISIT_FORM,
    },
    {
        "model": "WorkshopPage",
        **VISITS,
        **LATE_AFTERNOON,
        # The seed says where the theory session is (De Zalm), not where the
        # football is played: the page says so rather than guessing.
        "registration_form": WORKSHOP_FORM,
        "title": "Sport and prevention of radicalisation (practical session)",
        "slug": "sport-and-prevention-of-radicalisation-practical",
        "summary": "Football and reflection with young people from Mechelen.",
        "body": [
            text(
                "<p>After the theory session (10:15-12:00), mayors and local "
                "government representatives from across Europe play alongside "
                "young people from Mechelen and experience how sport can "
                "strengthen social cohesion and prevent radicalisation: 60 "
                "minutes of sport followed by 30 minutes of reflection.</p>"
                "<p>For the theoretical introduction, join the session at "
                "10:15.</p>"
            ),
            text(PLACE_NOT_GIVEN),
        ],
        "what_to_bring": "Your sports kit",
    },
]

SESSIONS = PANELS + WORKSHOPS + SITE_VISITS
