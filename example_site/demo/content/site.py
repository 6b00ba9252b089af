"""The site's home page and event index, in English, with their Dutch and French
translations (made with wagtail-localize by the loader).

The site is English first: the five seeds and the weekly meeting are English,
except the study day (seed 003), which is Dutch and has an English translation.
The Mechelen conference (seed 002) is also in Dutch, and the weekly meeting in
Dutch and French; the home page and the event index say so.
"""

SITE_NAME = "Events example site"

HOME = {
    "title": SITE_NAME,
    "slug": "home",
    "introduction": (
        "<p>An example site for <b>wagtail_events</b>, showing five real event "
        "announcements from Belgium (2020-2024) as demo content, and one invented "
        "weekly meeting that repeats.</p>"
        "<p>The site is in English, Dutch and French. The Mechelen conference is "
        "also in Dutch, the Dutch study day also in English, and the weekly meeting "
        "in all three languages; the other events are in English only.</p>"
    ),
}

INDEX = {
    "title": "Events",
    "slug": "events",
    "introduction": (
        "<p>Conferences, panels, workshops and site visits. Three of the five real "
        "events of the demo are in the past: a forum, a conference and a study day "
        "(see <a href='?when=past'>past events</a>); a fourth, a conference whose "
        "announcement gives no date, is listed with its date to be announced; the "
        "fifth, a reflection group, is a series of meetings. The weekly language "
        "practice meeting is an invented example of a repeating event, and the "
        "example conference, a month ahead, is invented too: register for it and "
        "its workshop.</p>"
    ),
    # In the site's menu (the package's page frame shows the home page's children
    # marked "Show in menus").
    "show_in_menus": True,
}

# English source string (as wagtail-localize stores it, see demo/translate.py) ->
# translation. Slugs are translated too: /nl/evenementen/, /fr/evenements/. The
# home page's slug is never shown (it is the site's root) but must differ from
# its siblings' in the other languages.
TRANSLATIONS = {
    "nl": {
        SITE_NAME: "Voorbeeldsite voor evenementen",
        "home": "start",
        "An example site for <b>wagtail_events</b>, showing five real event "
        "announcements from Belgium (2020-2024) as demo content, and one invented "
        "weekly meeting that repeats.": (
            "Een voorbeeldsite voor <b>wagtail_events</b>, met als demo-inhoud vijf "
            "echte aankondigingen van evenementen in België (2020-2024) en één "
            "verzonnen wekelijkse bijeenkomst die telkens terugkomt."
        ),
        "The site is in English, Dutch and French. The Mechelen conference is "
        "also in Dutch, the Dutch study day also in English, and the weekly meeting "
        "in all three languages; the other events are in English only.": (
            "De site bestaat in het Engels, het Nederlands en het Frans. In het "
            "Nederlands vindt u de conferentie in Mechelen, de studiedag in Brussel "
            "en het wekelijkse taalcafé; de andere evenementen zijn alleen in het "
            "Engels beschreven."
        ),
        "Events": "Evenementen",
        "events": "evenementen",
        "Conferences, panels, workshops and site visits. Three of the five real "
        "events of the demo are in the past: a forum, a conference and a study day "
        '(see <a id="a1">past events</a>); a fourth, a conference whose '
        "announcement gives no date, is listed with its date to be announced; the "
        "fifth, a reflection group, is a series of meetings. The weekly language "
        "practice meeting is an invented example of a repeating event, and the "
        "example conference, a month ahead, is invented too: register for it and "
        "its workshop.": (
            "Conferenties, panelgesprekken, workshops en bezoeken ter plaatse. Hier "
            "staan de evenementen van de demo die in het Nederlands te lezen zijn: "
            "het wekelijkse taalcafé, een verzonnen voorbeeld van een terugkerend "
            "evenement, en de conferentie in Mechelen en de studiedag in Brussel, "
            'allebei <a id="a1">voorbij</a>. De voorbeeldconferentie, een maand '
            "vooruit, is ook verzonnen: schrijf u in voor de conferentie en haar "
            "workshop."
        ),
    },
    "fr": {
        SITE_NAME: "Site d’exemple d’événements",
        "home": "accueil",
        "An example site for <b>wagtail_events</b>, showing five real event "
        "announcements from Belgium (2020-2024) as demo content, and one invented "
        "weekly meeting that repeats.": (
            "Un site d’exemple pour <b>wagtail_events</b>, qui présente cinq "
            "annonces réelles d’événements en Belgique (2020-2024) et une réunion "
            "hebdomadaire inventée, qui se répète."
        ),
        "The site is in English, Dutch and French. The Mechelen conference is "
        "also in Dutch, the Dutch study day also in English, and the weekly meeting "
        "in all three languages; the other events are in English only.": (
            "Le site existe en anglais, en néerlandais et en français. Les "
            "événements de la démo sont décrits en anglais, certains aussi en "
            "néerlandais ; en français, vous trouverez la table de conversation "
            "hebdomadaire en néerlandais."
        ),
        "Events": "Événements",
        "events": "evenements",
        "Conferences, panels, workshops and site visits. Three of the five real "
        "events of the demo are in the past: a forum, a conference and a study day "
        '(see <a id="a1">past events</a>); a fourth, a conference whose '
        "announcement gives no date, is listed with its date to be announced; the "
        "fifth, a reflection group, is a series of meetings. The weekly language "
        "practice meeting is an invented example of a repeating event, and the "
        "example conference, a month ahead, is invented too: register for it and "
        "its workshop.": (
            "Conférences, tables rondes, ateliers et visites de terrain. En "
            "français, la démo ne présente que la table de conversation "
            "hebdomadaire en néerlandais, un exemple inventé d’événement qui se "
            "répète ; les autres événements sont en anglais, certains aussi en "
            "néerlandais. La conférence d’exemple, dans un mois, est inventée elle "
            "aussi : inscrivez-vous à la conférence et à son atelier."
        ),
    },
}
