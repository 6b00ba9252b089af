"""Seed 003: a Dutch-language study day in Brussels, 31 March 2023.

Registration had closed on 20 March 2023: the page's registration form is closed,
so the page shows no form but the form's own notice, the seed's way to register
late (by e-mail, to an example.org address); taking part is free (the admission)
with a 15 EUR no-show fee for whoever has not cancelled before 20 March (the
form's fee and cancellation deadline). The seed names no organisers in its text
(only logos), so none are added.

It is written in Dutch: the page, its venue and its registration form are made in
the Dutch locale, under the Dutch event index, and translated into English
(``seed_003_studiedag_en``).
"""

from decimal import Decimal

from .common import PRIVACY_NOTICE_NL, question, text


LOCALE = "nl"

KBR = "KBR"

VENUES = [
    {
        "name": KBR,
        "street_address": "Kunstberg 28",
        "postal_code": "1000",
        "locality": "Brussel",
        "country": "BE",
        "rooms": [],
    }
]
ORGANISATIONS = []
EVENT_TYPES = [{"name": "Studiedag", "name_plural": "Studiedagen", "slug": "study-day"}]

# "Programma studiedag, klik hier": the demo does not have the file; a stand-in
# says so, in Dutch and in English.
PROGRAMMA = {
    "kind": "programme",
    "title": "Programma studiedag (vervangend bestand)",
    "document_title": "Programma studiedag 31 maart 2023 (vervangend bestand)",
    "filename": "programma-studiedag-vervangend-bestand.pdf",
    "stands_in_for": [
        "Dit bestand vervangt het programma van de studiedag van 31 maart 2023,",
        "dat de organisatoren publiceerden. De demosite heeft dat document niet.",
        "",
        "This file stands in for the programme of the study day of 31 March",
        "2023, which the organisers published. The demo site does not have it.",
    ],
}
PEOPLE = []

REGISTRATION_FORM = "Inschrijving studiedag 31 maart 2023"

REGISTRATION_FORMS = [
    {
        "title": REGISTRATION_FORM,
        "privacy_notice": PRIVACY_NOTICE_NL,
        "questions": [question("Organisatie"), question("Stad of gemeente")],
        # Wall-clock times in Brussels. "Registratie sluit op 20 maart 2023": at
        # the end of that day. "Voor 20 maart" annuleren: before that day begins.
        "time_zone": "Europe/Brussels",
        "closes_at": "2023-03-20 23:59",
        "cancellation_deadline": "2023-03-20 00:00",
        "cancellation_policy": (
            "Als u niet aanwezig kunt zijn, bedankt om dan voor 20 maart te annuleren."
        ),
        # "Deelname aan deze studiedag is gratis" ... "een no-show vergoeding van
        # 15€" if no cancellation came "voor 20 maart 2023" (the deadline above).
        "admission": "free",
        "no_show_fee": Decimal("15"),
        "no_show_fee_currency": "EUR",
        "notice_closed": (
            "Registratie is gesloten. Wenst u zich toch nog in te schrijven, "
            "stuur dan een mail naar studiedag@example.org."
        ),
    }
]

EVENT = {
    "model": "ConferencePage",
    "title": (
        "Samenwerken aan een participatief lokaal integratiebeleid in kleine en "
        "middelgrote steden"
    ),
    "slug": "samenwerken-aan-een-participatief-lokaal-integratiebeleid",
    "event_type": "study-day",
    "documents": [PROGRAMMA],
    "summary": (
        "Studiedag voor lokale beleidsmakers en het middenveld uit kleine en "
        "middelgrote steden over integratie- en antidiscriminatiebeleid."
    ),
    "introduction": (
        "<p>Een studiedag over hoe kleine en middelgrote steden samen met hun "
        "inwoners en partners een participatief integratiebeleid uitbouwen.</p>"
    ),
    "body": [
        text(
            "<p>Sinds 2012 hebben de lokale besturen in Vlaanderen de regie over "
            "het integratiebeleid: zij geven het vorm, coördineren het en voeren "
            "het uit. Grote steden hebben daar al veel ervaring mee, kleine en "
            "middelgrote steden minder. Ook zij krijgen steeds meer te maken met "
            "migratie, integratie en discriminatie, vaak met weinig middelen en "
            "een klein team.</p>"
            "<p>Hoe begin je als kleinere stad aan een beleidsplan rond integratie "
            "of antidiscriminatie? Hoe ontwikkel je een visie op lange termijn, "
            "met integratie als tweerichtingsverkeer, en hoe laat je de "
            "doelgroepen zelf meepraten en meebeslissen? Welke uitdagingen brengt "
            "een transversaal integratiebeleid mee, en hoe werk je beter samen met "
            "lokale partners, andere steden en de Vlaamse en federale "
            "overheid?</p>"
            "<p>De studiedag richt zich tot lokale beleidsmakers en het middenveld "
            "in kleine en middelgrote steden. Ze leren van elkaar en doen "
            "inspiratie op uit wetenschappelijk onderzoek, uit de ervaring en "
            "expertise van migranten en uit de praktijk van collega’s in andere "
            "steden.</p>"
        )
    ],
    "start": "2023-03-31 10:15",
    "end": "2023-03-31 17:00",
    "time_zone": "Europe/Brussels",
    "venue": KBR,
    "registration_form": REGISTRATION_FORM,
    # A Dutch-language study day: its English page says so too (the languages
    # are the same in every translation).
    "event_languages": ["nl"],
}
