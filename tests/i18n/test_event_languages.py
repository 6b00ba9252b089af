"""The languages an event is held in and the interpretation on offer: the list
editors choose from, the rules of the fields, and what the pages say, in the
page's language."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.test.utils import override_settings
from django.utils import translation

from tests import factories as f
from wagtail_events.i18n import event_languages
from wagtail_events.models.languages import InterpretationBlock, LanguagesField


pytestmark = pytest.mark.django_db


def offer(
    kind="sign_language",
    language="vgt",
    availability="on_request",
    before=None,
    note="",
):
    return {
        "type": "interpretation",
        "value": {
            "kind": kind,
            "language": language,
            "availability": availability,
            "request_before": before or "",
            "note": note,
        },
    }


def held_text(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    held = BeautifulSoup(response.content, "html.parser").select_one(".we-held-in")
    return " ".join(held.get_text().split()) if held else ""


# The list and the names


def test_names_are_in_the_active_language():
    with translation.override("en"):
        assert event_languages.name("nl") == "Dutch"
        assert event_languages.name("vgt") == "Flemish Sign Language"
        assert event_languages.names(["en", "nl"]) == "Dutch and English"
    with translation.override("nl"):
        assert event_languages.name("nl") == "Nederlands"
        assert event_languages.name("fr") == "Frans"


def test_the_choices_come_from_the_setting_not_the_sites_languages():
    with override_settings(WAGTAIL_EVENTS_EVENT_LANGUAGES=["nl", ("mt", "Maltese")]):
        (spoken_label, spoken), (_signed_label, signed) = event_languages.choices()
        assert spoken == [("nl", "Dutch"), ("mt", "Maltese")]
        assert ("vgt", "Flemish Sign Language") in signed
    spoken = dict(event_languages.choices()[0][1])
    assert {"nl", "fr", "de", "en", "uk", "ar"} <= set(spoken)


def test_codes_are_validated():
    event_languages.validate_codes(["nl", "vgt", "zh-hans"])
    for wrong in (["NL!"], ["nl", "nl"], "nl", [1]):
        with pytest.raises(ValidationError):
            event_languages.validate_codes(wrong)
    assert event_languages.from_query(" NL ") == "nl"
    assert event_languages.from_query("nl'--") == ""


def test_the_field_is_ticked_in_a_list_and_stored_in_list_order():
    field = LanguagesField()
    form_field = field.formfield()
    assert form_field.widget.input_type == "checkbox"
    assert not form_field.required
    assert field.clean(["en", "nl"], None) == ["nl", "en"]
    with pytest.raises(ValidationError):
        field.clean("nl", None)


def test_interpretation_block_rules():
    block = InterpretationBlock()

    def clean(**value):
        data = offer(**value)["value"]
        return block.clean(block.to_python(data))

    clean(kind="sign_language", language="vgt", before="2024-04-05")
    clean(kind="hearing_loop", language="")
    clean(kind="simultaneous", language="fr", availability="always")
    for wrong in (
        {"kind": "sign_language", "language": ""},
        {"kind": "sign_language", "language": "nl"},
        {"kind": "hearing_loop", "language": "nl"},
        {
            "kind": "captions",
            "language": "en",
            "availability": "always",
            "before": "2024-04-05",
        },
    ):
        with pytest.raises(ValidationError):
            clean(**wrong)


# On the pages


def test_an_event_says_what_it_is_held_in_and_offers(client, index):
    event = f.workshop(
        index,
        f.local(2024, 4, 19, 10),
        f.local(2024, 4, 19, 12),
        event_languages=["nl"],
        interpretation=[
            offer(before=datetime.date(2024, 4, 5).isoformat()),
            offer("hearing_loop", "", "on_request", "2024-04-05"),
            offer("simultaneous", "fr", "always", note="In the plenary only."),
        ],
    )
    event.save_revision().publish()
    text = held_text(client, event)
    assert "Held in Dutch." in text
    assert "Flemish Sign Language interpreter on request before 5 April 2024." in text
    assert "Hearing loop on request before 5 April 2024." in text
    assert "Simultaneous interpretation into French. In the plenary only." in text


def test_nothing_is_said_when_nothing_is_stated(client, index):
    event = f.workshop(index, f.local(2024, 4, 19, 10), f.local(2024, 4, 19, 12))
    assert held_text(client, event) == ""


def test_a_session_has_its_conferences_unless_it_states_its_own(client, index):
    conference = f.conference(
        index, event_languages=["en"], interpretation=[offer(before="2024-04-05")]
    )
    inherits = f.panel(conference, f.local(2024, 4, 19, 9), f.local(2024, 4, 19, 10))
    own = f.panel(
        conference,
        f.local(2024, 4, 19, 11),
        f.local(2024, 4, 19, 12),
        event_languages=["nl", "fr"],
    )
    text = held_text(client, inherits)
    assert "Held in English." in text
    assert "Flemish Sign Language interpreter on request" in text
    assert "Held in Dutch and French." in held_text(client, own)


def test_the_languages_are_the_same_in_every_translation_and_named_in_its_language(
    client, index
):
    english = f.workshop(
        index,
        f.local(2024, 3, 31, 10),
        f.local(2024, 3, 31, 17),
        event_languages=["nl"],
        interpretation=[offer(before="2024-03-20")],
    )
    english.save_revision().publish()
    dutch = f.translate(english)
    assert dutch.event_languages == ["nl"]
    # The source changes: the translation follows (SynchronizedField).
    english.event_languages = ["nl", "en"]
    with f.run_after_commit():
        english.save_revision().publish()
    dutch.refresh_from_db()
    assert dutch.event_languages == ["nl", "en"]
    assert "Dutch and English" in held_text(client, english)
    text = held_text(client, dutch)
    assert "Nederlands" in text and "Engels" in text
    assert "20 maart 2024" in text
