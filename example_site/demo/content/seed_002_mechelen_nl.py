"""Seed 002 in Dutch: every string of the Mechelen conference, its sessions,
programme items, venues and rooms, people, organisations and registration forms.

The loader translates the conference with wagtail-localize and gives each string
that wagtail-localize extracts its Dutch text from ``STRINGS`` (English source
string -> Dutch); a string missing here stops the loader with the list of missing
ones, so the Dutch conference is always complete. Keys are the strings as
wagtail-localize stores them (see ``demo/translate.py``): rich text one paragraph
or list item at a time, with ``<b>`` kept and links as ``<a id="a1">``; plain
text HTML-escaped, a new line as ``<br/>``.

Names of people, places and some organisations read the same in Dutch: they are
in ``SAME``. (Speakers' countries are chosen from a list, not translated text.) Belgian usage: a deputy mayor is a
“schepen” (a Dutch one, in Rotterdam or Amsterdam, a “wethouder”), and the
Flemish government's own names are used for its agencies and its “Plan
Samenleven”.
"""

from .common import PRIVACY_NOTICE, PRIVACY_NOTICE_NL, as_extracted


SAME = [
    # People
    "Ylva Johansson",
    "Jeroen Windey",
    "André Sobczak",
    "Francisco Javier Ayala Ortega",
    "Erik Pelling",
    "Jens-Kristian Lütken",
    "Jukka Mäkelä",
    "Thanassis Chimonas",
    "Simona Bieliūnė",
    "Faouzi Achbar",
    "Anita Vella",
    "Roger Berkowitz",
    "Richard Arnold",
    "Angel Dzhorgov",
    "Lyuba Klenova",
    "Amani Loubani",
    "Menno Ettema",
    "Paola Alvarez",
    "Jacob Bundsgaard",
    "Anne McTaggart",
    "Silke Beirens",
    "Andriy Sadovyi",
    "Rutger Groot Wassink",
    "Ayse Ozbabacan",
    "Paul Storme",
    "Christophe Busch",
    "Younis Kamil Abdulsalam",
    # Places, rooms and organisations with one name
    "Auditorium",
    "Dijlezaal",
    "Begijnenzolder",
    "Herten Aas",
    "De Zalm",
    "Q-Park Lamot",
    "Indigo Parking Kathedraal",
    "Indigo Parking Hoogstraat",
    "Guldenstraat 18<br/>2800 Mechelen",
    "Sint-Romboutskerkhof 6<br/>2800 Mechelen",
    "Ganzendries 21<br/>2800 Mechelen",
    "VVSG",
    "DUO for a JOB",
    "Lunch",
]

DUTCH = {
    # The event type and the list of hotels (a stand-in file)
    "Conference": "Conferentie",
    "Conferences": "Conferenties",
    "Hotels within walking distance (stand-in)": (
        "Hotels op wandelafstand (vervangend bestand)"
    ),
    "For information only; rooms are at the booker’s expense.": (
        "Enkel ter informatie; de kamers zijn op kosten van wie boekt."
    ),
    # The conference ------------------------------------------------------------
    "Local government approaches to diversity": (
        "Lokale besturen en hun aanpak van diversiteit"
    ),
    "local-government-approaches-to-diversity": (
        "lokale-besturen-en-hun-aanpak-van-diversiteit"
    ),
    "A one-day conference in Mechelen for mayors, councillors, experts and civil "
    "servants on how cities and municipalities advance diversity policies and "
    "social cohesion.": (
        "Een conferentie van één dag in Mechelen voor burgemeesters, "
        "gemeenteraadsleden, experten en ambtenaren over hoe steden en gemeenten "
        "werk maken van diversiteitsbeleid en sociale cohesie."
    ),
    "Conference for mayors, councillors, experts and civil servants, under the "
    "auspices of the Belgian Presidency of the Council of the EU.": (
        "Conferentie voor burgemeesters, gemeenteraadsleden, experten en "
        "ambtenaren, in het kader van het Belgische voorzitterschap van de Raad "
        "van de Europese Unie."
    ),
    "Cities and municipalities across Europe are taking the lead on diversity and "
    "social cohesion. This conference presents pioneering initiatives and "
    "policies from Flanders and from municipalities all over Europe.": (
        "Overal in Europa nemen steden en gemeenten het voortouw op het vlak van "
        "diversiteit en sociale cohesie. Deze conferentie stelt baanbrekende "
        "initiatieven en beleid voor uit Vlaanderen en uit gemeenten in heel "
        "Europa."
    ),
    "The Government of Flanders invites mayors and local government "
    "representatives to meet, exchange experience and learn from each other about "
    "how to move diversity policies forward together and strengthen social "
    "cohesion.": (
        "De Vlaamse Regering nodigt burgemeesters en vertegenwoordigers van lokale "
        "besturen uit om elkaar te ontmoeten, ervaringen uit te wisselen en van "
        "elkaar te leren: hoe brengen we samen het diversiteitsbeleid vooruit en "
        "versterken we de sociale cohesie?"
    ),
    # Practical information
    "Mechelen has two railway stations:": "Mechelen heeft twee treinstations:",
    "<b>Mechelen</b>, the central station, served by international, national, "
    "regional and local trains;": (
        "<b>Mechelen</b>, het centraal station, waar internationale, nationale, "
        "regionale en lokale treinen stoppen;"
    ),
    "<b>Nekkerspoel</b>, a smaller station with regional and local trains only.": (
        "<b>Nekkerspoel</b>, een kleiner station met alleen regionale en lokale "
        "treinen."
    ),
    "De Lijn’s bus 1, the Centre shuttle (Mechelen Station – Nekkerspoel), "
    "leaves from near platform 9, next to the ‘Lijnwinkel’, every 10 minutes on "
    "weekdays and Saturdays, and every half hour in the evening until 10.30 p.m. "
    "Get off at ‘Korenmarkt’, a short walk from the venue; the return bus leaves "
    "from the same stop.": (
        "Bus 1 van De Lijn, de Centrumpendel (Mechelen Station – Nekkerspoel), "
        "vertrekt bij perron 9, naast de Lijnwinkel: op weekdagen en zaterdag om "
        "de 10 minuten, ’s avonds om het halfuur tot 22.30 uur. Stap af aan de "
        "halte ‘Korenmarkt’, op een korte wandeling van de locatie; de bus terug "
        "vertrekt aan dezelfde halte."
    ),
    "From the station (Koning Albertplein), walk along the Hendrik "
    "Consciencestraat to the traffic lights, cross, and follow Place Cardinal "
    "Mercier and then the Graaf Van Egmontstraat. At its end, turn left into the "
    "Onze-Lieve-Vrouwestraat, which leads to the Korenmarkt. Turn right into the "
    "Guldenstraat, passing brasserie “Puro” on your left, and carry on to the "
    "Haverwerf, where the main entrance of the Lamot Conference and Heritage "
    "Centre is.": (
        "Loop vanaf het station (Koning Albertplein) door de Hendrik "
        "Consciencestraat tot aan de verkeerslichten, steek over en volg het "
        "Kardinaal Mercierplein en daarna de Graaf Van Egmontstraat. Sla op het "
        "einde links af, de Onze-Lieve-Vrouwestraat in, die naar de Korenmarkt "
        "leidt. Sla rechts af, de Guldenstraat in, voorbij brasserie “Puro” aan uw "
        "linkerkant, en loop door tot aan de Haverwerf, waar de hoofdingang van "
        "het Lamot Congres- en Erfgoedcentrum is."
    ),
    "open 14/7": "open 14/7",
    "open 24/7": "24 uur op 24 en 7 dagen op 7 open",
    "A few hotels are within walking distance of the Lamot Conference and "
    "Heritage Centre. The organisers list them with how to book a room; this is "
    "for information only, and rooms are at the booker’s expense.": (
        "Op wandelafstand van het Lamot Congres- en Erfgoedcentrum liggen enkele "
        "hotels. De organisatoren zetten ze op een rij, met hoe u er een kamer "
        "boekt; dat is alleen ter informatie, en de kamer is voor rekening van wie "
        "boekt."
    ),
    "The organisers want everyone to be able to take part, including people with "
    "disabilities. Ask for what you need, such as a Flemish Sign Language "
    "interpreter or a loop, or for assistance on site, at least two weeks in "
    "advance.": (
        "De organisatoren willen dat iedereen kan deelnemen, ook mensen met een "
        "beperking. Vraag wat u nodig hebt, zoals een tolk Vlaamse Gebarentaal of "
        "een ringleiding, of hulp ter plaatse, minstens twee weken op voorhand aan."
    ),
    "Coordinator EU Events": "Coördinator EU-evenementen",
    # Programme items
    "Registration": "Onthaal en registratie",
    "Central hall": "Centrale hal",
    "Urban renewal is human work": "Stadsvernieuwing is mensenwerk",
    "Flanders has funded urban renewal projects for more than twenty years. Each "
    "one makes a city more liveable, sustainable and inclusive: investing in "
    "buildings is above all investing in people. The exhibition shows how urban "
    "renewal helps people live together in diversity. Free to visit all day.": (
        "Vlaanderen steunt al meer dan twintig jaar stadsvernieuwingsprojecten. "
        "Elk ervan maakt een stad leefbaarder, duurzamer en inclusiever: wie in "
        "gebouwen investeert, investeert vooral in mensen. De tentoonstelling "
        "toont hoe stadsvernieuwing mensen helpt om in diversiteit samen te leven. "
        "De hele dag gratis te bezoeken."
    ),
    "Welcoming remarks": "Verwelkoming",
    "European Commissioner for Home Affairs": (
        "Europees commissaris voor Binnenlandse Zaken"
    ),
    "Administrator-General of Agency of Home Affairs": (
        "Administrateur-generaal van het Agentschap Binnenlands Bestuur"
    ),
    "Coffee break": "Koffiepauze",
    "Conclusions of the day": "Conclusies van de dag",
    "Reception": "Receptie",
    # Venues and rooms --------------------------------------------------------------
    "Lamot Conference and Heritage Centre": "Lamot Congres- en Erfgoedcentrum",
    "A Flemish Sign Language interpreter, a loop or other assistance on request, "
    "asked for two weeks in advance.": (
        "Een tolk Vlaamse Gebarentaal, een ringleiding of andere ondersteuning op "
        "aanvraag, twee weken op voorhand te vragen."
    ),
    "Train to Mechelen or Mechelen-Nekkerspoel station.<br/>Bus 1 from Mechelen "
    "station to the Korenmarkt stop.": (
        "Trein naar het station Mechelen of Mechelen-Nekkerspoel.<br/>Bus 1 van "
        "het station Mechelen tot de halte Korenmarkt."
    ),
    "Reachable by stairs only. A one-minute walk from the Lamot Conference and "
    "Heritage Centre.": (
        "Alleen via trappen bereikbaar. Op één minuut wandelen van het Lamot "
        "Congres- en Erfgoedcentrum."
    ),
    "Not given in the announcement": "Niet vermeld in de aankondiging",
    # Organisations -------------------------------------------------------------
    "Government of Flanders": "Vlaamse overheid",
    "Agency for Home Affairs": "Agentschap Binnenlands Bestuur",
    "Agency for Integration and Civic Integration": (
        "Agentschap Integratie en Inburgering"
    ),
    "Knowledge Center Flemish Cities": "Kenniscentrum Vlaamse Steden",
    "Hannah Arendt Institute": "Hannah Arendt Instituut",
    "Department of Work and Social Economy": ("Departement Werk en Sociale Economie"),
    "European Commission": "Europese Commissie",
    "Council of Europe": "Raad van Europa",
    "International Organization for Migration": (
        "Internationale Organisatie voor Migratie"
    ),
    # People's roles ------------------------------------------------------------
    "Vice-Minister-President of the Government of Flanders and Minister of Home "
    "Affairs, Civic Integration, and Equal Opportunities": (
        "Viceminister-president van de Vlaamse Regering en Vlaams minister van "
        "Binnenlands Bestuur, Inburgering en Gelijke Kansen"
    ),
    "Mayor of Mechelen": "Burgemeester van Mechelen",
    "Secretary General of Eurocities": "Secretaris-generaal van Eurocities",
    "Mayor of Fuenlabrada": "Burgemeester van Fuenlabrada",
    "Mayor of Uppsala": "Burgemeester van Uppsala",
    "Mayor of Employment and Integration of Copenhagen": (
        "Burgemeester voor Werk en Integratie van Kopenhagen"
    ),
    "Mayor of Espoo": "Burgemeester van Espoo",
    "Deputy Mayor of Integration of Migrants and Refugees of Athens": (
        "Schepen voor de Integratie van Migranten en Vluchtelingen van Athene"
    ),
    "Deputy Mayor of Vilnius": "Schepen van Vilnius",
    "Deputy Mayor of Social &amp; Digital Inclusion and Sports of Rotterdam": (
        "Wethouder Sociale en Digitale Inclusie en Sport van Rotterdam"
    ),
    "Head of Unit of “Legal Pathways and Integration” in DG HOME": (
        "Hoofd van de eenheid “Legale migratie en integratie” bij DG HOME"
    ),
    "Founder and Academic Director of the Hannah Arendt Center at Bard College, "
    "New York": (
        "Oprichter en academisch directeur van het Hannah Arendt Center aan Bard "
        "College, New York"
    ),
    "Mayor of Schwäbisch Gmünd": "Burgemeester van Schwäbisch Gmünd",
    "Mayor of Samokov": "Burgemeester van Samokov",
    "Deputy Mayor of Samokov": "Schepen van Samokov",
    "Deputy Mayor of Malmö": "Schepen van Malmö",
    "Head of the Hate Speech, Hate Crime and Artificial Intelligence Unit within "
    "the Inclusion and Anti-Discrimination Programmes Division - Directorate of "
    "Equal Rights and Dignity": (
        "Hoofd van de eenheid Haatspraak, Haatmisdrijven en Artificiële "
        "Intelligentie binnen de afdeling Inclusie- en "
        "Antidiscriminatieprogramma’s – Directoraat Gelijke Rechten en Waardigheid"
    ),
    "Mayor of Aarhus": "Burgemeester van Aarhus",
    "Councillor and City Convener for Communities and Equalities of Glasgow": (
        "Gemeenteraadslid en voorzitter van de commissie Gemeenschappen en "
        "Gelijkheid van Glasgow"
    ),
    "Deputy Mayor of Oostende": "Schepen van Oostende",
    "Mayor of Lviv": "Burgemeester van Lviv",
    "Deputy Mayor of Social Affairs, Reception, Democratisation, and Integration "
    "of Amsterdam": (
        "Wethouder Sociale Zaken, Opvang, Democratisering en Integratie van Amsterdam"
    ),
    "Deputy Director of Integration Department of Stuttgart": (
        "Adjunct-directeur van de afdeling Integratie van Stuttgart"
    ),
    "Bystander trainer at Amal, the integration agency in Ghent": (
        "Trainer actieve omstaanders bij Amal, het agentschap voor integratie en "
        "inburgering in Gent"
    ),
    "Expert in complexity theory": "Expert in complexiteitstheorie",
    "Sports scientist with more than 15 years of experience in sports-oriented "
    "youth work and doctoral researcher at the University of Brussels": (
        "Sportwetenschapper met meer dan vijftien jaar ervaring in sportgericht "
        "jeugdwerk en doctoraatsonderzoeker aan een Brusselse universiteit"
    ),
    "Dr. Daniel Köhler": "dr. Daniel Köhler",
    # Tracks --------------------------------------------------------------------
    "Auditorium sessions": "Sessies in het auditorium",
    "Parallel sessions": "Parallelle sessies",
    "Site visits in Mechelen": "Bezoeken in Mechelen",
    # Panels --------------------------------------------------------------------
    "Local governments: leading the charge for diversity policy": (
        "Lokale besturen aan het roer van het diversiteitsbeleid"
    ),
    "local-governments-leading-the-charge-for-diversity-policy": (
        "lokale-besturen-aan-het-roer-van-het-diversiteitsbeleid"
    ),
    "Mayors and local leaders on why cities belong at the heart of diversity policy.": (
        "Burgemeesters en lokale leiders over waarom steden in het hart van het "
        "diversiteitsbeleid thuishoren."
    ),
    "Mayors and other local government leaders discuss how cities and "
    "municipalities can drive inclusive change, and why they must have a central "
    "place when inclusive policies are planned. The panel presents strategies "
    "and initiatives that show how much the future of diversity policy depends "
    "on local leadership.": (
        "Burgemeesters en andere lokale bestuurders bespreken hoe steden en "
        "gemeenten inclusieve verandering in gang kunnen zetten, en waarom ze een "
        "centrale plaats moeten krijgen wanneer inclusief beleid wordt uitgetekend. "
        "Het panel stelt strategieën en initiatieven voor die tonen hoezeer de "
        "toekomst van het diversiteitsbeleid afhangt van lokaal leiderschap."
    ),
    "Addressing polarisation in diverse cities": (
        "Polarisatie aanpakken in diverse steden"
    ),
    "addressing-polarisation-in-diverse-cities": (
        "polarisatie-aanpakken-in-diverse-steden"
    ),
    "How cities can bridge divides and hold diverse communities together.": (
        "Hoe steden kloven kunnen overbruggen en diverse gemeenschappen bij elkaar "
        "houden."
    ),
    "Experts, mayors and local government leaders look at ways to counter "
    "polarisation in diverse societies. They present joint approaches and "
    "interventions that cities and municipalities can put into practice to "
    "bridge divides, and discuss what social cohesion strategies can and cannot "
    "achieve.": (
        "Experten, burgemeesters en lokale bestuurders zoeken naar manieren om "
        "polarisatie in diverse samenlevingen tegen te gaan. Ze stellen een "
        "gezamenlijke aanpak en interventies voor die steden en gemeenten in de "
        "praktijk kunnen brengen om kloven te overbruggen, en bespreken wat "
        "strategieën voor sociale cohesie wel en niet kunnen bereiken."
    ),
    "Building diverse and inclusive cities: the role of architecture + The future "
    "of local diversity and inclusion governance": (
        "Diverse en inclusieve steden bouwen: de rol van architectuur + De toekomst "
        "van lokaal diversiteits- en inclusiebeleid"
    ),
    "building-diverse-and-inclusive-cities": "diverse-en-inclusieve-steden-bouwen",
    "Two panels: how architecture and urban design make cities inclusive, and "
    "where local diversity governance is heading.": (
        "Twee panels: hoe architectuur en stedenbouw steden inclusief maken, en "
        "welke richting het lokale diversiteitsbeleid uitgaat."
    ),
    "Panel 1: Building diverse and inclusive cities: the role of architecture": (
        "Panel 1: Diverse en inclusieve steden bouwen: de rol van architectuur"
    ),
    "Panel 2: The future of local diversity and inclusion governance": (
        "Panel 2: De toekomst van lokaal diversiteits- en inclusiebeleid"
    ),
    "How do architecture and the built environment strengthen inclusion and "
    "diversity policies? Mayors and local leaders explore how urban planning and "
    "architectural design can create inclusive spaces where every resident feels "
    "at home.": (
        "Hoe versterken architectuur en de gebouwde omgeving het inclusie- en "
        "diversiteitsbeleid? Burgemeesters en lokale leiders verkennen hoe "
        "ruimtelijke planning en architectuur inclusieve plekken kunnen maken waar "
        "elke inwoner zich thuis voelt."
    ),
    "Diversity and inclusion in cities keep changing. This panel reviews today’s "
    "local strategies and initiatives and looks ahead at how local leaders will "
    "shape diversity policy in the years to come.": (
        "Diversiteit en inclusie in steden blijven in beweging. Dit panel overloopt "
        "de lokale strategieën en initiatieven van vandaag en kijkt vooruit: hoe "
        "zullen lokale leiders het diversiteitsbeleid de komende jaren vormgeven?"
    ),
    # Workshops -----------------------------------------------------------------
    "City-to-city mentoring": "Steden coachen steden",
    "city-to-city-mentoring": "steden-coachen-steden",
    "What cities learn when one city mentors another.": (
        "Wat steden leren wanneer de ene stad de andere coacht."
    ),
    "Lessons from European, regional and mixed initiatives in which one city "
    "mentors another. How can a city take on the role of mentor, what support "
    "does it need, and who else can help? How is the knowledge gained kept and "
    "shared, what must be in place first, and how do you cope with the great "
    "differences in capacity and resources between cities and municipalities? "
    "The session ends with recommendations for the EU and central governments, "
    "with plenty of time for questions and discussion.": (
        "Lessen uit Europese, regionale en gemengde initiatieven waarin de ene "
        "stad de andere coacht. Hoe neemt een stad de rol van mentor op, welke "
        "ondersteuning heeft ze daarvoor nodig en wie kan nog helpen? Hoe wordt "
        "de opgedane kennis bewaard en gedeeld, wat moet er eerst in orde zijn, "
        "en hoe gaat u om met de grote verschillen in draagkracht en middelen "
        "tussen steden en gemeenten? De sessie sluit af met aanbevelingen voor de "
        "EU en de centrale overheden, met ruim tijd voor vragen en debat."
    ),
    "Coordinated by the VVSG (the Association of Flemish cities and "
    "municipalities) with the city of Mechelen as mentor and Oostende as "
    "mentee.": (
        "Gecoördineerd door de VVSG (Vereniging van Vlaamse Steden en Gemeenten), "
        "met de stad Mechelen als mentor en Oostende als mentee."
    ),
    "Inclusive communication in diversity": ("Inclusief communiceren in diversiteit"),
    "inclusive-communication-in-diversity": "inclusief-communiceren-in-diversiteit",
    "What makes communication reach everyone in a superdiverse city.": (
        "Wat communicatie nodig heeft om iedereen te bereiken in een superdiverse stad."
    ),
    "Communication only works if it reaches the people it is meant for. Who are "
    "they, and which stereotypes and assumptions do we bring ourselves? Do we "
    "only want to inform, or to build a lasting relationship with residents?": (
        "Communicatie werkt alleen als ze de mensen bereikt voor wie ze bedoeld "
        "is. Wie zijn zij, en welke stereotypen en aannames brengen we zelf mee? "
        "Willen we alleen informeren, of een duurzame relatie opbouwen met de "
        "inwoners?"
    ),
    "Working on real cases in small groups, participants look for the key "
    "ingredients of inclusive communication and the points that need more "
    "attention, and link them to OpenBlik, a platform of exercises and tools for "
    "inclusive communication strategies. With speakers from Diest (BE) and "
    "Stuttgart (DE).": (
        "In kleine groepen gaan de deelnemers aan de slag met echte cases: ze "
        "zoeken de belangrijkste ingrediënten van inclusieve communicatie en de "
        "punten die meer aandacht vragen, en koppelen die aan OpenBlik, een "
        "platform met oefeningen en tools voor inclusieve communicatiestrategieën. "
        "Met sprekers uit Diest (BE) en Stuttgart (DE)."
    ),
    "Bystander training": "Training actieve omstaander",
    "bystander-training": "training-actieve-omstaander",
    "Practical tools to react as a bystander to racism and discrimination.": (
        "Praktische handvatten om als omstaander te reageren op racisme en "
        "discriminatie."
    ),
    "In under two hours, learn how to respond effectively when you witness racism "
    "or discrimination. Naming unacceptable behaviour and setting clear boundaries "
    "puts pressure on those who cross them, but bystanders often hesitate or are "
    "afraid to step in; this workshop gives them the tools to act.": (
        "Leer in minder dan twee uur hoe u doeltreffend reageert wanneer u "
        "getuige bent van racisme of discriminatie. Onaanvaardbaar gedrag "
        "benoemen en duidelijke grenzen stellen zet wie ze overschrijdt onder "
        "druk, maar omstaanders aarzelen vaak of durven niet tussenbeide te komen; "
        "deze workshop geeft hun de middelen om in actie te komen."
    ),
    "Ghent has run the active bystander workshop since 2021 under its Action Plan "
    "on Antiracism and Antidiscrimination (2020-2025), led by Astrid Debruycker, "
    "councillor for Equal Opportunities, Welfare, Participation, Community Work, "
    "and Public Green. Since October 2022 it has been rolled out across Flanders "
    "under the Flemish government’s ‘Plan Living Together’, with Ghent as a mentor "
    "for other local governments.": (
        "Gent organiseert de workshop actieve omstaander sinds 2021 in het kader "
        "van zijn Actieplan Antiracisme en Antidiscriminatie (2020-2025), onder "
        "leiding van Astrid Debruycker, schepen van Gelijke Kansen, Welzijn, "
        "Participatie, Buurtwerk en Publiek Groen. Sinds oktober 2022 wordt ze in "
        "heel Vlaanderen uitgerold binnen het ‘Plan Samenleven’ van de Vlaamse "
        "Regering, met Gent als mentor voor andere lokale besturen."
    ),
    "“Plan Living Together”: supporting local efforts towards inclusion and "
    "diversity": (
        "“Plan Samenleven”: lokale inspanningen voor inclusie en diversiteit "
        "ondersteunen"
    ),
    "plan-living-together": "plan-samenleven",
    "How Flanders supports its cities and municipalities on social cohesion.": (
        "Hoe Vlaanderen zijn steden en gemeenten ondersteunt op het vlak van "
        "sociale cohesie."
    ),
    "National and regional governments can back local authorities with the right "
    "structures. This session presents the “Plan Living Together”, through which "
    "Flanders supports cities and municipalities with funding and capacity "
    "building to develop and carry out social cohesion projects and policies.": (
        "Nationale en regionale overheden kunnen lokale besturen steunen met de "
        "juiste structuren. Deze sessie stelt het “Plan Samenleven” voor, "
        "waarmee Vlaanderen steden en gemeenten met financiering en "
        "capaciteitsopbouw helpt om projecten en beleid rond sociale cohesie uit "
        "te werken en uit te voeren."
    ),
    "Hosted by the Agency for Home Affairs, with speakers from the Agency for "
    "Integration and Civic Integration and from the cities of Lier and "
    "Turnhout.": (
        "Georganiseerd door het Agentschap Binnenlands Bestuur, met sprekers van "
        "het Agentschap Integratie en Inburgering en van de steden Lier en "
        "Turnhout."
    ),
    "Language acquisition outside the classroom – good practices of non-formal "
    "adult learning": (
        "Een taal leren buiten de klas – goede praktijken van niet-formeel leren "
        "voor volwassenen"
    ),
    "language-acquisition-outside-the-classroom": "een-taal-leren-buiten-de-klas",
    "Adults learning a second language outside the classroom.": (
        "Volwassenen die buiten de klas een tweede taal leren."
    ),
    "Adults also learn a second language outside the classroom. This session "
    "shares successful and innovative non-formal approaches and shows how local "
    "authorities can support a varied learning landscape.": (
        "Volwassenen leren een tweede taal ook buiten de klas. Deze sessie deelt "
        "geslaagde en vernieuwende niet-formele aanpakken en toont hoe lokale "
        "besturen een gevarieerd leerlandschap kunnen ondersteunen."
    ),
    "Presented by the Agency for Integration and Civic Integration with the "
    "cities of Halle (BE), Hasselt (BE) and Torres Vedras (PT).": (
        "Voorgesteld door het Agentschap Integratie en Inburgering met de steden "
        "Halle (BE), Hasselt (BE) en Torres Vedras (PT)."
    ),
    "Mentoring for labour market integration, lifelong learning, and stronger "
    "connections - Inspiration from practitioners": (
        "Mentoring voor integratie op de arbeidsmarkt, levenslang leren en sterkere "
        "verbindingen – inspiratie uit de praktijk"
    ),
    "mentoring-for-labour-market-integration": (
        "mentoring-voor-integratie-op-de-arbeidsmarkt"
    ),
    "Mentoring programmes and cities working together.": (
        "Mentorprogramma’s en steden die samenwerken."
    ),
    "Mentoring can help cities and their communities embrace diversity and "
    "benefit from it. This interactive session presents case studies from Belgium "
    "and France in which cities and mentoring programmes work together, and "
    "follows how this grassroots method is now taking shape at European "
    "level.": (
        "Mentoring kan steden en hun gemeenschappen helpen om diversiteit te "
        "omarmen en er voordeel uit te halen. Deze interactieve sessie stelt "
        "praktijkvoorbeelden voor uit België en Frankrijk waarin steden en "
        "mentorprogramma’s samenwerken, en volgt hoe deze methode van onderuit nu "
        "op Europees niveau vorm krijgt."
    ),
    "Hosted by DUO for a JOB and the city of Mechelen.": (
        "Georganiseerd door DUO for a JOB en de stad Mechelen."
    ),
    "Beyond paper: the “Fellow Citizen” Project on diversity in city organisations": (
        "Meer dan papier: het project “Medeburger” over diversiteit in "
        "stadsorganisaties"
    ),
    "beyond-paper-the-fellow-citizen-project": "meer-dan-papier-het-project-medeburger",
    "Why diversity in city organisations changes so slowly.": (
        "Waarom diversiteit in stadsorganisaties zo traag verandert."
    ),
    "Why does change take so long, when so much is being done? The Knowledge "
    "Center Flemish Cities presents what its “Fellow Citizen” Project (2017-2023) "
    "learnt from more than a dozen city organisations and how diversity plays out "
    "inside them.": (
        "Waarom duurt verandering zo lang, terwijl er zoveel gebeurt? Het "
        "Kenniscentrum Vlaamse Steden stelt voor wat zijn project “Medeburger” "
        "(2017-2023) leerde uit meer dan een dozijn stadsorganisaties, en hoe "
        "diversiteit daarbinnen speelt."
    ),
    "Leadership style, organisational culture and a place for diversity in "
    "strategy turn out to decide whether diversity measures work. Managers, "
    "leaders and mayors are invited on a ninety-minute journey through plans, good "
    "intentions, obstacles, experiments, myths and realities.": (
        "Leiderschapsstijl, organisatiecultuur en een plaats voor diversiteit in "
        "de strategie blijken te bepalen of diversiteitsmaatregelen werken. "
        "Managers, leidinggevenden en burgemeesters worden meegenomen op een tocht "
        "van negentig minuten langs plannen, goede voornemens, obstakels, "
        "experimenten, mythes en realiteit."
    ),
    "Empowering newcomers through social integration and networking initiatives": (
        "Nieuwkomers versterken met initiatieven voor sociale integratie en netwerken"
    ),
    "empowering-newcomers": "nieuwkomers-versterken",
    "Volunteering, sport and buddy networks that connect newcomers.": (
        "Vrijwilligerswerk, sport en buddynetwerken die nieuwkomers verbinden."
    ),
    "Volunteering, sport and local buddy networks help newcomers find their "
    "place. See how local councils take the lead, involve residents and local "
    "partners and break down barriers, with particular attention to regional "
    "cooperation and to the EU as a catalyst.": (
        "Vrijwilligerswerk, sport en lokale buddynetwerken helpen nieuwkomers hun "
        "plaats te vinden. Ontdek hoe lokale besturen het voortouw nemen, "
        "inwoners en lokale partners betrekken en drempels wegwerken, met "
        "bijzondere aandacht voor regionale samenwerking en voor de EU als "
        "katalysator."
    ),
    "Hosted by the Agency for Integration and Civic Integration with the "
    "Department of Work and Social Economy of the Government of Flanders.": (
        "Georganiseerd door het Agentschap Integratie en Inburgering met het "
        "Departement Werk en Sociale Economie van de Vlaamse overheid."
    ),
    "Introduction to the Collective Impact Model": (
        "Kennismaking met het Collective Impact-model"
    ),
    "introduction-to-the-collective-impact-model": (
        "kennismaking-met-het-collective-impact-model"
    ),
    "Tackling complex social issues through cross-sector cooperation.": (
        "Complexe maatschappelijke problemen aanpakken door samen te werken over "
        "sectoren heen."
    ),
    "Pandemics, the climate crisis, polarisation and disinformation: today’s "
    "social problems are too complex for any one organisation. Local governments "
    "often answer them with separate initiatives, whose impact stays limited "
    "without a shared approach.": (
        "Pandemieën, de klimaatcrisis, polarisatie en desinformatie: de "
        "maatschappelijke problemen van vandaag zijn te complex voor één "
        "organisatie alleen. Lokale besturen antwoorden er vaak op met losse "
        "initiatieven, waarvan de impact zonder gedeelde aanpak beperkt blijft."
    ),
    "The Hannah Arendt Institute introduces the Collective Impact Model, which "
    "tackles such problems through broad cooperation across sectors: agreeing on "
    "a common agenda, coordinating activities in a plan that makes them reinforce "
    "each other, and building a backbone that coordinates the shared effort.": (
        "Het Hannah Arendt Instituut stelt het Collective Impact-model voor, dat "
        "zulke problemen aanpakt met een brede samenwerking over sectoren heen: "
        "een gemeenschappelijke agenda afspreken, activiteiten afstemmen in een "
        "plan waarin ze elkaar versterken, en een ruggengraat uitbouwen die de "
        "gezamenlijke inspanning coördineert."
    ),
    "The announcement does not say where this session takes place.": (
        "De aankondiging zegt niet waar deze sessie plaatsvindt."
    ),
    "This session takes place in “De Zalm”, a one-minute walk from the conference "
    "centre, which can only be reached by stairs.": (
        "Deze sessie vindt plaats in “De Zalm”, op één minuut wandelen van het "
        "congrescentrum en alleen via trappen bereikbaar."
    ),
    "Sport and prevention of radicalisation (theory session)": (
        "Sport en preventie van radicalisering (theoretische sessie)"
    ),
    "sport-and-prevention-of-radicalisation-theory": (
        "sport-en-preventie-van-radicalisering-theorie"
    ),
    "The theory behind a football-based radicalisation prevention programme.": (
        "De theorie achter een preventieprogramma tegen radicalisering met voetbal."
    ),
    "What can sport do to prevent radicalisation and bring about positive social "
    "change? Younis Kamil Abdulsalam has built a programme theory for a "
    "football-based prevention programme, centred on Dr. Daniel Köhler’s theory "
    "of re-pluralisation. Together they explain its theoretical foundations.": (
        "Wat kan sport doen om radicalisering te voorkomen en positieve "
        "maatschappelijke verandering teweeg te brengen? Younis Kamil Abdulsalam "
        "ontwikkelde een programmatheorie voor een preventieprogramma met voetbal, "
        "gebouwd rond de theorie van herpluralisering van dr. Daniel Köhler. Samen "
        "lichten ze de theoretische grondslagen toe."
    ),
    "Put the theory into practice in the football session at 15:15.": (
        "Breng de theorie in de praktijk tijdens de voetbalsessie om 15.15 uur."
    ),
    "Sport and prevention of radicalisation (practical session)": (
        "Sport en preventie van radicalisering (praktijksessie)"
    ),
    "sport-and-prevention-of-radicalisation-practical": (
        "sport-en-preventie-van-radicalisering-praktijk"
    ),
    "Football and reflection with young people from Mechelen.": (
        "Voetballen en reflecteren met Mechelse jongeren."
    ),
    "After the theory session (10:15-12:00), mayors and local government "
    "representatives from across Europe play alongside young people from Mechelen "
    "and experience how sport can strengthen social cohesion and prevent "
    "radicalisation: 60 minutes of sport followed by 30 minutes of "
    "reflection.": (
        "Na de theoretische sessie (10.15-12.00 uur) spelen burgemeesters en "
        "vertegenwoordigers van lokale besturen uit heel Europa samen met Mechelse "
        "jongeren en ervaren ze hoe sport de sociale cohesie kan versterken en "
        "radicalisering kan voorkomen: 60 minuten sport, gevolgd door 30 minuten "
        "reflectie."
    ),
    "For the theoretical introduction, join the session at 10:15.": (
        "Voor de theoretische inleiding kunt u terecht in de sessie van 10.15 uur."
    ),
    "Your sports kit": "Uw sportkledij",
    # Site visits ---------------------------------------------------------------
    "Mechelen, an inclusive city: a guided audio city tour": (
        "Mechelen, een inclusieve stad: een begeleide audiotocht door de stad"
    ),
    "mechelen-an-inclusive-city": "mechelen-een-inclusieve-stad",
    "A guided audio tour by bike through Mechelen’s historic centre.": (
        "Een begeleide audiotocht per fiets door het historische centrum van Mechelen."
    ),
    "How do we live together while respecting our differences? A diverse society "
    "is a great asset and a challenge at once. Mechelen runs many initiatives for "
    "a welcoming, liveable city and wants to inspire other cities and towns with "
    "its positive approach to diversity and inclusion.": (
        "Hoe leven we samen met respect voor onze verschillen? Een diverse "
        "samenleving is tegelijk een grote troef en een uitdaging. Mechelen zet "
        "veel initiatieven op voor een gastvrije, leefbare stad en wil andere "
        "steden en gemeenten inspireren met zijn positieve aanpak van diversiteit "
        "en inclusie."
    ),
    "This guided audio tour, by bike, stops at inspiring places in the historic "
    "centre, where residents and the city’s policymakers tell their stories on "
    "these themes. It runs twice.": (
        "Deze begeleide audiotocht per fiets houdt halt op inspirerende plekken "
        "in het historische centrum, waar inwoners en beleidsmakers van de stad "
        "hun verhaal over deze thema’s vertellen. De tocht vindt twee keer plaats."
    ),
    "Language practice boat tour": "Taaloefenen op een boottocht",
    "language-practice-boat-tour": "taaloefenen-op-een-boottocht",
    "Practise Dutch outside the classroom, on a boat on the Dijle.": (
        "Nederlands oefenen buiten de klas, op een boot op de Dijle."
    ),
    "Thousands of people in Flanders learn Dutch as a second language in adult "
    "education, but a language is not learnt in the classroom alone. Informal "
    "practice, in all kinds of activities, lets learners hear and speak Dutch, get "
    "feedback, and get used to accents and dialects.": (
        "Duizenden mensen in Vlaanderen leren Nederlands als tweede taal in het "
        "volwassenenonderwijs, maar een taal leer je niet alleen in de klas. "
        "Informeel oefenen, in allerlei activiteiten, laat cursisten Nederlands "
        "horen en spreken, feedback krijgen en wennen aan accenten en dialecten."
    ),
    "On a boat on the Dijle, meet the organisers of a Dutch practice activity, try "
    "it out and learn what makes it work and which formats you can use. Hosted by "
    "the Agency for Integration and Civic Integration.": (
        "Maak op een boot op de Dijle kennis met de organisatoren van een "
        "oefenactiviteit Nederlands, probeer ze zelf uit en ontdek wat ze doet "
        "werken en welke formats u kunt gebruiken. Georganiseerd door het "
        "Agentschap Integratie en Inburgering."
    ),
    # Registration forms --------------------------------------------------------
    "Registration: Local government approaches to diversity": (
        "Inschrijving: Lokale besturen en hun aanpak van diversiteit"
    ),
    "Conference for mayors, councillors, experts and civil servants. Choose below "
    "the parallel sessions and site visits you would like to join: they have "
    "places of their own.": (
        "Conferentie voor burgemeesters, gemeenteraadsleden, experten en "
        "ambtenaren. Kies hieronder de parallelle sessies en bezoeken waaraan u "
        "wilt deelnemen: daarvoor zijn er aparte plaatsen."
    ),
    "<b>Special accessibility requirements.</b> As organisers of the congress, we "
    "believe it is important that everyone can participate, including people with "
    "disabilities. Would you like to use certain facilities? Do you, because of "
    "your disability, need other facilities (Flemish Sign Language interpreter, "
    "loop, ...)? Then let us know before 05/04/2024 (two weeks in advance), below "
    'or by e-mail to <a id="a1">events@example.org</a>. Also if on-site '
    "assistance is needed or you have any additional questions, please let us know "
    "before that date.": (
        "<b>Bijzondere noden voor toegankelijkheid.</b> Als organisatoren van het "
        "congres vinden we het belangrijk dat iedereen kan deelnemen, ook mensen "
        "met een beperking. Wilt u gebruikmaken van bepaalde voorzieningen? Hebt u "
        "door uw beperking andere voorzieningen nodig (tolk Vlaamse Gebarentaal, "
        "ringleiding, ...)? Laat het ons dan weten vóór 05/04/2024 (twee weken op "
        'voorhand), hieronder of via e-mail naar <a id="a1">events@example.org</a>. '
        "Ook als u ter plaatse hulp nodig hebt of nog vragen hebt, laat het ons "
        "vóór die datum weten."
    ),
    "Organisation or municipality": "Organisatie of gemeente",
    "You are": "U bent",
    "Mayor<br/>Councillor<br/>Expert<br/>Civil servant<br/>Other": (
        "Burgemeester<br/>Gemeenteraadslid<br/>Expert<br/>Ambtenaar<br/>Andere"
    ),
    as_extracted(PRIVACY_NOTICE): as_extracted(PRIVACY_NOTICE_NL),
    "The programme and list of speakers will be updated throughout the next "
    "weeks, so please check this website regularly.": (
        "Het programma en de lijst van sprekers worden de komende weken nog "
        "aangevuld: kijk dus geregeld op deze website."
    ),
    "Would you like to use certain facilities (Flemish Sign Language interpreter, "
    "loop, ...)? Please let us know before 05/04/2024 (two weeks in advance).": (
        "Wilt u gebruikmaken van bepaalde voorzieningen (tolk Vlaamse Gebarentaal, "
        "ringleiding, ...)? Laat het ons weten vóór 05/04/2024 (twee weken op "
        "voorhand)."
    ),
    "Mechelen 2024: parallel session": "Mechelen 2024: parallelle sessie",
    "Places in each parallel session are limited.": (
        "Het aantal plaatsen per parallelle sessie is beperkt."
    ),
    "Mechelen 2024: site visit": "Mechelen 2024: bezoek",
    "Places on each site visit are limited; the city tour runs twice, each run "
    "with its own places.": (
        "Het aantal plaatsen per bezoek is beperkt; de stadstocht vindt twee keer "
        "plaats, elke keer met eigen plaatsen."
    ),
}

STRINGS = {**{name: name for name in SAME}, **DUTCH}
