"""The weekly language-practice meeting (an invented example) in Dutch and in
French: English source string -> translation, as in ``seed_002_mechelen_nl``.

The meeting helps people learn Dutch, and many who do speak French: it is the one
demo event in all three languages. Its places are the same in every language (one
registration counts in each), so only the words change.
"""

from .common import PRIVACY_NOTICE, PRIVACY_NOTICE_FR, PRIVACY_NOTICE_NL, as_extracted


DUTCH = {
    "Dutch language practice meeting": "Taalcafé Nederlands",
    "dutch-language-practice-meeting": "taalcafe-nederlands",
    "Taalcafé: practise your Dutch in a relaxed conversation group, every Tuesday "
    "evening in Mechelen. Free; register for the evening you come.": (
        "Taalcafé: oefen uw Nederlands in een ontspannen praatgroep, elke "
        "dinsdagavond in Mechelen. Gratis; schrijf u in voor de avond waarop u komt."
    ),
    "An invented example event of the demo site, to show a repeating event. It "
    "is not a real meeting.": (
        "Een verzonnen voorbeeld van de demosite, om een terugkerend evenement te "
        "tonen. Dit taalcafé bestaat niet echt."
    ),
    "You learn Dutch in class, but you get to grips with it by speaking it. In "
    "this taalcafé, people who are learning Dutch practise with volunteers who "
    "speak it every day: over a coffee or tea, in small groups, about whatever "
    "comes up. Every level is welcome, from the first words to almost fluent.": (
        "Nederlands leert u in de klas, maar u krijgt het pas onder de knie door "
        "het te spreken. In dit taalcafé oefenen mensen die Nederlands leren met "
        "vrijwilligers die het elke dag spreken: bij een koffie of thee, in kleine "
        "groepjes, over wat ter sprake komt. Elk niveau is welkom, van de eerste "
        "woorden tot bijna vloeiend."
    ),
    "The meeting takes place every Tuesday from 19:00 to 20:30. Come when you "
    "can; it is free. Each evening has a few places: register for the Tuesday you "
    "come.": (
        "Het taalcafé vindt elke dinsdag plaats van 19.00 tot 20.30 uur. Kom "
        "wanneer het u past; deelnemen is gratis. Elke avond zijn er enkele "
        "plaatsen: schrijf u in voor de dinsdag waarop u komt."
    ),
    "No meeting during the Christmas holidays.": (
        "Geen taalcafé tijdens de kerstvakantie."
    ),
    "This week on Wednesday: the community centre is in use on Tuesday.": (
        "Deze week op woensdag: het gemeenschapscentrum is dinsdag bezet."
    ),
    "Community centre (example)": "Gemeenschapscentrum (voorbeeld)",
    "Dutch language practice meeting: one evening": ("Taalcafé Nederlands: één avond"),
    "Choose the Tuesday you come. Each evening has a few places, so that everyone "
    "gets to speak.": (
        "Kies de dinsdag waarop u komt. Elke avond zijn er maar enkele plaatsen, "
        "zodat iedereen aan het woord komt."
    ),
    "Your Dutch": "Uw Nederlands",
    "First words<br/>I get by<br/>Almost fluent": (
        "Eerste woorden<br/>Ik red me wel<br/>Bijna vloeiend"
    ),
    as_extracted(PRIVACY_NOTICE): as_extracted(PRIVACY_NOTICE_NL),
}

FRENCH = {
    "Dutch language practice meeting": "Table de conversation en néerlandais",
    "dutch-language-practice-meeting": "table-de-conversation-en-neerlandais",
    "Taalcafé: practise your Dutch in a relaxed conversation group, every Tuesday "
    "evening in Mechelen. Free; register for the evening you come.": (
        "Taalcafé : pratiquez votre néerlandais dans un groupe de conversation "
        "détendu, chaque mardi soir à Malines. Gratuit ; inscrivez-vous pour la "
        "soirée où vous venez."
    ),
    "An invented example event of the demo site, to show a repeating event. It "
    "is not a real meeting.": (
        "Un exemple inventé du site de démonstration, pour montrer un événement qui "
        "se répète. Cette rencontre n’existe pas."
    ),
    "You learn Dutch in class, but you get to grips with it by speaking it. In "
    "this taalcafé, people who are learning Dutch practise with volunteers who "
    "speak it every day: over a coffee or tea, in small groups, about whatever "
    "comes up. Every level is welcome, from the first words to almost fluent.": (
        "Le néerlandais s’apprend en classe, mais c’est en le parlant qu’on le "
        "maîtrise. Dans ce taalcafé, des personnes qui apprennent le néerlandais "
        "le pratiquent avec des bénévoles qui le parlent tous les jours : autour "
        "d’un café ou d’un thé, en petits groupes, sur tous les sujets. Tous les "
        "niveaux sont les bienvenus, des premiers mots à une maîtrise presque "
        "courante."
    ),
    "The meeting takes place every Tuesday from 19:00 to 20:30. Come when you "
    "can; it is free. Each evening has a few places: register for the Tuesday you "
    "come.": (
        "La rencontre a lieu chaque mardi de 19 h à 20 h 30. Venez quand vous "
        "pouvez ; c’est gratuit. Chaque soirée compte quelques places : "
        "inscrivez-vous pour le mardi où vous venez."
    ),
    "No meeting during the Christmas holidays.": (
        "Pas de rencontre pendant les vacances de Noël."
    ),
    "This week on Wednesday: the community centre is in use on Tuesday.": (
        "Cette semaine, le mercredi : le centre communautaire est occupé le mardi."
    ),
    "Community centre (example)": "Centre communautaire (exemple)",
    "Dutch language practice meeting: one evening": (
        "Table de conversation en néerlandais : une soirée"
    ),
    "Choose the Tuesday you come. Each evening has a few places, so that everyone "
    "gets to speak.": (
        "Choisissez le mardi où vous venez. Chaque soirée ne compte que quelques "
        "places, pour que chacun puisse parler."
    ),
    "Your Dutch": "Votre néerlandais",
    "First words<br/>I get by<br/>Almost fluent": (
        "Premiers mots<br/>Je me débrouille<br/>Presque couramment"
    ),
    as_extracted(PRIVACY_NOTICE): as_extracted(PRIVACY_NOTICE_FR),
}
