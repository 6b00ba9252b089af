"""Small helpers that keep the demo data readable.

Speakers are written in StreamField raw form. A speaker that refers to a saved
``Person`` carries the person's *name* under ``person``; the loader swaps it for
the primary key, so that the data stays free of database ids.
"""

import uuid


def speaker(
    name,
    role="",
    country="",
    organisation="",
    *,
    session_role="speaker",
    tbc=False,
    video=False,
):
    """A speaker typed on the page (someone who appears once in the demo)."""
    return {
        "type": "speaker",
        "value": {
            "person": None,
            "name": name,
            "role": role,
            "organisation": organisation,
            "country": country,
            "session_role": session_role,
            "confirmation": "tbc" if tbc else "confirmed",
            "participation": "video_message" if video else "in_person",
        },
    }


def person(name, *, session_role="speaker", tbc=False):
    """A speaker who is a saved ``Person`` snippet (someone who appears twice or more)."""
    block = speaker("", session_role=session_role, tbc=tbc)
    block["value"]["person"] = name
    return block


def group(heading, *speakers):
    """A ``speaker_list`` block: several speakers under one heading."""
    return {
        "type": "speaker_list",
        "value": {
            "heading": heading,
            # ListBlock items need an id to be read in this (current) format.
            "speakers": [
                {"type": "item", "value": s["value"], "id": str(uuid.uuid4())}
                for s in speakers
            ],
        },
    }


def text(html):
    """A rich-text block of a body or practical-information StreamField."""
    return {"type": "text", "value": html}


def on(day):
    """``at("10:15")`` for a day: wall-clock times as the loader reads them."""

    def at(hhmm):
        return f"{day} {hhmm}"

    return at


# The seeds give no privacy notice; a registration form must have one. This is the
# demo site's own statement (a year: the default of
# WAGTAIL_EVENTS_REGISTRATION_RETENTION_DAYS), not the organisers'.
PRIVACY_NOTICE = (
    "<p>We use your name, e-mail address and answers only to organise this event "
    "and to write to you about your registration. We erase them one year after "
    'the event. To see or erase your data sooner, write to <a href="mailto:'
    'privacy@example.org">privacy@example.org</a>.</p>'
)
PRIVACY_NOTICE_NL = (
    "<p>We gebruiken uw naam, e-mailadres en antwoorden alleen om deze activiteit "
    "te organiseren en u over uw inschrijving te schrijven. We wissen ze één jaar "
    "na de activiteit. Wilt u ze eerder inzien of laten wissen, mail dan naar "
    '<a href="mailto:privacy@example.org">privacy@example.org</a>.</p>'
)

PRIVACY_NOTICE_FR = (
    "<p>Nous utilisons votre nom, votre adresse e-mail et vos réponses uniquement "
    "pour organiser cette activité et pour vous écrire au sujet de votre "
    "inscription. Nous les effaçons un an après l’activité. Pour les consulter ou "
    'les faire effacer plus tôt, écrivez à <a href="mailto:privacy@example.org">'
    "privacy@example.org</a>.</p>"
)


def as_extracted(html):
    """A one-paragraph notice with one link, such as the privacy notice, as
    wagtail-localize extracts it for translation: without the ``<p>``, the link's
    address replaced by an id (the address stays the same in every language)."""
    inner = html.removeprefix("<p>").removesuffix("</p>")
    start = inner.index("<a ")
    end = inner.index(">", start)
    return inner[:start] + '<a id="a1"' + inner[end:]


def question(label, field_type="singleline", *, required=True, choices=(), **more):
    """A question of a registration form, as a row of Wagtail's form builder."""
    return {
        "label": label,
        "field_type": field_type,
        "required": required,
        "choices": "\n".join(choices),
        **more,
    }
