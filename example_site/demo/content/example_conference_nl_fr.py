"""The example conference (an invented example) in Dutch and in French: English
source string -> translation, as in ``example_language_practice_nl_fr``. Its
places are the same in every language: a registration in one counts in all."""

from .common import PRIVACY_NOTICE, PRIVACY_NOTICE_FR, PRIVACY_NOTICE_NL, as_extracted
from .example_language_practice_nl_fr import FRENCH as MEETING_FRENCH


# The venue is the weekly meeting's, with its name in French.
FRENCH_VENUE = MEETING_FRENCH["Community centre (example)"]


DUTCH = {
    "Example conference (invented for the demo): welcoming newcomers": (
        "Voorbeeldconferentie (verzonnen voor de demo): nieuwkomers verwelkomen"
    ),
    "example-conference": "voorbeeldconferentie",
    "Example conference (invented for the demo): a day on how a town welcomes "
    "newcomers. Register for the day and for its workshop of three places.": (
        "Voorbeeldconferentie (verzonnen voor de demo): een dag over hoe een "
        "gemeente nieuwkomers verwelkomt. Schrijf u in voor de dag en voor de "
        "workshop met drie plaatsen."
    ),
    "Example conference (invented for the demo). It will not take place.": (
        "Voorbeeldconferentie (verzonnen voor de demo). Ze vindt niet plaats."
    ),
    "An invented example conference of the demo site, to show how a visitor "
    "registers for a conference and a workshop. It will not take place.": (
        "Een verzonnen voorbeeldconferentie van de demosite, om te tonen hoe een "
        "bezoeker zich inschrijft voor een conferentie en een workshop. Ze vindt "
        "niet plaats."
    ),
    "Register for the conference with the form below: it has twenty places, and "
    "the page shows how many are left. The afternoon workshop has three places of "
    "its own; when they are taken, its form offers the waiting list.": (
        "Schrijf u in voor de conferentie met het formulier hieronder: er zijn "
        "twintig plaatsen, en de pagina toont hoeveel er nog vrij zijn. De "
        "workshop in de namiddag heeft drie eigen plaatsen; zijn die bezet, dan "
        "biedt het formulier de wachtlijst aan."
    ),
    "Community centre (example)": "Gemeenschapscentrum (voorbeeld)",
    "Welcome": "Onthaal",
    "Lunch": "Lunch",
    "Example panel: the first week in a new town": (
        "Voorbeeldpanel: de eerste week in een nieuwe gemeente"
    ),
    "example-panel": "voorbeeldpanel",
    "An invented panel of the example conference.": (
        "Een verzonnen panel van de voorbeeldconferentie."
    ),
    "Example workshop: a welcome desk in one afternoon": (
        "Voorbeeldworkshop: een onthaalbalie in één namiddag"
    ),
    "example-workshop": "voorbeeldworkshop",
    "An invented workshop of the example conference, with three places and a "
    "waiting list.": (
        "Een verzonnen workshop van de voorbeeldconferentie, met drie plaatsen en "
        "een wachtlijst."
    ),
    "Example conference: registration": "Voorbeeldconferentie: inschrijving",
    "This form is part of the demo: register to see the places fall. No one will "
    "expect you.": (
        "Dit formulier hoort bij de demo: schrijf u in en zie de plaatsen afnemen. "
        "Niemand verwacht u."
    ),
    "Organisation or municipality": "Organisatie of gemeente",
    "Example conference: workshop": "Voorbeeldconferentie: workshop",
    "The workshop has three places. When they are taken, you can join the "
    "waiting list.": (
        "De workshop heeft drie plaatsen. Zijn ze bezet, dan kunt u zich op de "
        "wachtlijst zetten."
    ),
    as_extracted(PRIVACY_NOTICE): as_extracted(PRIVACY_NOTICE_NL),
}

FRENCH = {
    "Example conference (invented for the demo): welcoming newcomers": (
        "Conférence d’exemple (inventée pour la démo) : accueillir les nouveaux "
        "arrivants"
    ),
    "example-conference": "conference-d-exemple",
    "Example conference (invented for the demo): a day on how a town welcomes "
    "newcomers. Register for the day and for its workshop of three places.": (
        "Conférence d’exemple (inventée pour la démo) : une journée sur la façon "
        "dont une commune accueille les nouveaux arrivants. Inscrivez-vous à la "
        "journée et à son atelier de trois places."
    ),
    "Example conference (invented for the demo). It will not take place.": (
        "Conférence d’exemple (inventée pour la démo). Elle n’aura pas lieu."
    ),
    "An invented example conference of the demo site, to show how a visitor "
    "registers for a conference and a workshop. It will not take place.": (
        "Une conférence d’exemple inventée pour le site de démonstration, pour "
        "montrer comment un visiteur s’inscrit à une conférence et à un atelier. "
        "Elle n’aura pas lieu."
    ),
    "Register for the conference with the form below: it has twenty places, and "
    "the page shows how many are left. The afternoon workshop has three places of "
    "its own; when they are taken, its form offers the waiting list.": (
        "Inscrivez-vous à la conférence avec le formulaire ci-dessous : elle a "
        "vingt places, et la page indique combien il en reste. L’atelier de "
        "l’après-midi a ses trois places ; quand elles sont prises, son "
        "formulaire propose la liste d’attente."
    ),
    "Community centre (example)": FRENCH_VENUE,
    "Welcome": "Accueil",
    "Lunch": "Déjeuner",
    "Example panel: the first week in a new town": (
        "Panel d’exemple : la première semaine dans une nouvelle commune"
    ),
    "example-panel": "panel-d-exemple",
    "An invented panel of the example conference.": (
        "Un panel inventé de la conférence d’exemple."
    ),
    "Example workshop: a welcome desk in one afternoon": (
        "Atelier d’exemple : un guichet d’accueil en un après-midi"
    ),
    "example-workshop": "atelier-d-exemple",
    "An invented workshop of the example conference, with three places and a "
    "waiting list.": (
        "Un atelier inventé de la conférence d’exemple, avec trois places et une "
        "liste d’attente."
    ),
    "Example conference: registration": "Conférence d’exemple : inscription",
    "This form is part of the demo: register to see the places fall. No one will "
    "expect you.": (
        "Ce formulaire fait partie de la démo : inscrivez-vous pour voir les "
        "places diminuer. Personne ne vous attendra."
    ),
    "Organisation or municipality": "Organisation ou commune",
    "Example conference: workshop": "Conférence d’exemple : atelier",
    "The workshop has three places. When they are taken, you can join the "
    "waiting list.": (
        "L’atelier a trois places. Quand elles sont prises, vous pouvez vous "
        "inscrire sur la liste d’attente."
    ),
    as_extracted(PRIVACY_NOTICE): as_extracted(PRIVACY_NOTICE_FR),
}
