"""Seed 003 in English: every string of the Dutch study day, its venue and its
registration form (Dutch source string -> English), which the loader gives to
wagtail-localize to make the English translation. Keys are the strings as
wagtail-localize stores them (see ``demo/translate.py``); a string missing here
stops the loader with the list of missing ones.
"""

from .common import PRIVACY_NOTICE, PRIVACY_NOTICE_NL, as_extracted


STRINGS = {
    # The event type and the programme (a stand-in file)
    "Studiedag": "Study day",
    "Studiedagen": "Study days",
    "Programma studiedag (vervangend bestand)": "Study day programme (stand-in)",
    # The study day
    "Samenwerken aan een participatief lokaal integratiebeleid in kleine en "
    "middelgrote steden": (
        "Working together on a participatory local integration policy in small and "
        "medium-sized cities"
    ),
    "samenwerken-aan-een-participatief-lokaal-integratiebeleid": (
        "working-together-on-a-participatory-local-integration-policy"
    ),
    "Studiedag voor lokale beleidsmakers en het middenveld uit kleine en "
    "middelgrote steden over integratie- en antidiscriminatiebeleid.": (
        "A study day on integration and anti-discrimination policy for local "
        "policymakers and civil society in small and medium-sized cities."
    ),
    "Een studiedag over hoe kleine en middelgrote steden samen met hun inwoners "
    "en partners een participatief integratiebeleid uitbouwen.": (
        "A study day on how small and medium-sized cities build a participatory "
        "integration policy together with their residents and partners."
    ),
    "Sinds 2012 hebben de lokale besturen in Vlaanderen de regie over het "
    "integratiebeleid: zij geven het vorm, coördineren het en voeren het uit. "
    "Grote steden hebben daar al veel ervaring mee, kleine en middelgrote steden "
    "minder. Ook zij krijgen steeds meer te maken met migratie, integratie en "
    "discriminatie, vaak met weinig middelen en een klein team.": (
        "Since 2012, local governments in Flanders have been in charge of "
        "integration policy: they shape it, coordinate it and carry it out. Large "
        "cities already have a lot of experience with it; small and medium-sized "
        "cities have less. They too deal more and more with migration, integration "
        "and discrimination, often with few resources and a small team."
    ),
    "Hoe begin je als kleinere stad aan een beleidsplan rond integratie of "
    "antidiscriminatie? Hoe ontwikkel je een visie op lange termijn, met "
    "integratie als tweerichtingsverkeer, en hoe laat je de doelgroepen zelf "
    "meepraten en meebeslissen? Welke uitdagingen brengt een transversaal "
    "integratiebeleid mee, en hoe werk je beter samen met lokale partners, andere "
    "steden en de Vlaamse en federale overheid?": (
        "How does a smaller city start a policy plan on integration or "
        "anti-discrimination? How do you develop a long-term vision, with "
        "integration as a two-way process, and how do you let the people concerned "
        "have their say and take part in decisions? What challenges does an "
        "integration policy across all departments bring, and how do you work "
        "better with local partners, other cities and the Flemish and federal "
        "governments?"
    ),
    "De studiedag richt zich tot lokale beleidsmakers en het middenveld in kleine "
    "en middelgrote steden. Ze leren van elkaar en doen inspiratie op uit "
    "wetenschappelijk onderzoek, uit de ervaring en expertise van migranten en uit "
    "de praktijk van collega’s in andere steden.": (
        "The study day is for local policymakers and civil society in small and "
        "medium-sized cities. They learn from each other and draw inspiration from "
        "research, from the experience and expertise of migrants themselves and "
        "from the practice of colleagues in other cities."
    ),
    # Its venue: the Royal Library of Belgium calls itself KBR in every language.
    "KBR": "KBR",
    # Its registration form
    "Inschrijving studiedag 31 maart 2023": "Registration: study day 31 March 2023",
    "Organisatie": "Organisation",
    "Stad of gemeente": "City or municipality",
    as_extracted(PRIVACY_NOTICE_NL): as_extracted(PRIVACY_NOTICE),
    "Als u niet aanwezig kunt zijn, bedankt om dan voor 20 maart te annuleren.": (
        "If you cannot attend, please cancel before 20 March."
    ),
    "Registratie is gesloten. Wenst u zich toch nog in te schrijven, stuur dan "
    "een mail naar studiedag@example.org.": (
        "Registration is closed. If you still wish to register, please send an "
        "e-mail to studiedag@example.org."
    ),
}
