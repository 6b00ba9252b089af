"""Choice answers stored as one value in every language (``registration.answers``):
the visitor reads and picks a label in their language, the registration keeps
the choice as written in the form's original, and the organiser reads it in the
admin user's language; the summary and the export count one answer once."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.users.models import UserProfile

from tests import factories
from wagtail_events.models import Registration, RegistrationFormField
from wagtail_events.registration import answers, forms, keys


pytestmark = pytest.mark.django_db

NS = "wagtail_events_registrations"
YEAR = timezone.now().year + 2

LEVELS = "First words\nI get by\nAlmost fluent"
LEVELS_NL = "Eerste woorden\nIk red me wel\nBijna vloeiend"
TOPICS = "Grammar\nConversation\nReading"
TOPICS_NL = "Grammatica\nConversatie\nLezen"


def u(name, *args):
    return reverse(f"{NS}:{name}", args=args)


@pytest.fixture
def event(index):
    """A workshop in English and Dutch whose form asks "Your Dutch" (radio
    buttons) and "Topics" (checkboxes), translated."""
    form = factories.registration_form(
        questions=[
            factories.question("Your Dutch", "radio", choices=LEVELS),
            factories.question("Topics", "checkboxes", required=False, choices=TOPICS),
            factories.question("Organisation", required=False),
        ]
    )
    dutch = factories.locale("nl")
    form_nl = form.copy_for_translation(dutch)
    form_nl.save()
    for field in RegistrationFormField.objects.filter(form=form_nl):
        field.label, field.choices = {
            "your_dutch": ("Uw Nederlands", LEVELS_NL),
            "topics": ("Onderwerpen", TOPICS_NL),
            "organisation": ("Organisatie", ""),
        }[field.clean_name]
        field.save()
    conference = factories.conference(
        index,
        start=factories.local(YEAR, 4, 19, 8),
        end=factories.local(YEAR, 4, 19, 18),
    )
    page = factories.workshop(
        conference,
        factories.local(YEAR, 4, 19, 9),
        factories.local(YEAR, 4, 19, 10),
        registration_form=form,
    )
    page_nl = page.copy_for_translation(dutch, copy_parents=True)
    page_nl.registration_form = form_nl
    page_nl.save_revision().publish()
    page_nl.refresh_from_db()
    return page, page_nl


def register(client, page, email, **questions):
    data = {
        "name": email.split("@")[0],
        "email": email,
        "privacy_accepted": "on",
        "website": "",
        **{f"q_{name}": value for name, value in questions.items()},
    }
    return client.post(page.url + "register/", data)


def stored(email):
    return Registration.objects.get(email=email).answers


def read_in(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def csv_rows(response):
    content = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(content)))


@pytest.fixture
def both(client, event):
    """An English and a Dutch registrant who both "get by" in Dutch."""
    page, page_nl = event
    assert register(client, page, "ann@example.org", your_dutch="I get by")
    register(
        client,
        page_nl,
        "bram@example.org",
        your_dutch="Ik red me wel",
        topics=["Conversatie", "Lezen"],
    )
    return page, page_nl


# Storing


def test_the_same_choice_is_stored_the_same_in_every_language(both):
    assert stored("ann@example.org")["your_dutch"] == "I get by"
    assert stored("bram@example.org") == {
        "your_dutch": "I get by",
        "topics": ["Conversation", "Reading"],
        "organisation": "",
    }


def test_the_visitor_reads_the_choices_in_their_language(client, event):
    _page, page_nl = event
    content = client.get(page_nl.url).content.decode()
    assert 'value="Ik red me wel"' in content
    assert 'value="I get by"' not in content


@pytest.mark.parametrize(
    "hostile",
    ["I get by", "Totally fluent", "<script>alert(1)</script>", "Ik red me wel\x00"],
)
def test_a_value_not_among_the_choices_is_refused(client, event, hostile):
    _page, page_nl = event
    response = register(client, page_nl, "eve@example.org", your_dutch=hostile)
    assert response.status_code == 400
    assert response.context["form"].errors["q_your_dutch"]
    assert not Registration.objects.exists()


def test_a_translation_with_other_choices_keeps_the_label_as_chosen(client, event):
    page, page_nl = event
    # The translator left a choice out: positions cannot be trusted.
    RegistrationFormField.objects.filter(
        form=page_nl.registration_form, clean_name="your_dutch"
    ).update(choices="Eerste woorden\nIk red me wel")
    register(client, page_nl, "bram@example.org", your_dutch="Ik red me wel")
    assert stored("bram@example.org")["your_dutch"] == "Ik red me wel"


def test_answers_in_the_registrants_language_fill_the_form_again(both):
    _page, page_nl = both
    initial = forms.initial_answers(
        page_nl.registration_form, stored("bram@example.org")
    )
    assert initial["q_your_dutch"] == "Ik red me wel"
    assert initial["q_topics"] == ["Conversatie", "Lezen"]


def test_the_registrants_page_shows_and_fills_in_their_own_words(client, both):
    _page, page_nl = both
    bram = Registration.objects.get(email="bram@example.org")
    response = client.get(page_nl.url + f"registration/{keys.link_token(bram)}/")
    assert response.status_code == 200
    form = response.context["answers_form"]
    assert form.initial["q_your_dutch"] == "Ik red me wel"
    assert "Ik red me wel" in dict(response.context["answers"]).values()
    # Sent back unchanged, the stored values stay the stable ones.
    before = stored("bram@example.org")
    data = {k: v for k, v in form.initial.items() if v not in (None, "")}
    response = client.post(
        page_nl.url + f"registration/{keys.link_token(bram)}/",
        {"action": "answers", **data},
    )
    assert stored("bram@example.org") == before


# Reading, in the reader's language


def test_the_admin_shows_an_answer_in_the_readers_language(client, editor, both):
    ann = Registration.objects.get(email="ann@example.org")
    bram = Registration.objects.get(email="bram@example.org")
    html = client.get(u("inspect", bram.pk)).content.decode()
    assert "I get by" in html and "Conversation, Reading" in html
    assert "Ik red me wel" not in html
    read_in(editor, "nl")
    response = client.get(u("inspect", ann.pk))
    assert ("Uw Nederlands", "Ik red me wel") in response.context["answers"]
    response = client.get(u("inspect", bram.pk))
    assert ("Onderwerpen", "Conversatie, Lezen") in response.context["answers"]


def test_a_reader_whose_language_the_form_lacks_reads_the_original(editor, both):
    bram = Registration.objects.get(email="bram@example.org")
    shown = dict(answers.display_answers(bram, "fr"))
    assert shown["Your Dutch"] == "I get by"


def test_the_summary_counts_one_answer_once(client, editor, both):
    page, _page_nl = both
    (level, topics) = client.get(u("summary", page.translation_key)).context[
        "choice_questions"
    ]
    assert level["label"] == "Your Dutch"
    assert [(c["label"], c["count"]) for c in level["choices"]] == [
        ("First words", 0),
        ("I get by", 2),
        ("Almost fluent", 0),
    ]
    assert [(c["label"], c["count"]) for c in topics["choices"]] == [
        ("Grammar", 0),
        ("Conversation", 1),
        ("Reading", 1),
    ]
    read_in(editor, "nl")
    response = client.get(u("summary", page.translation_key))
    level = response.context["choice_questions"][0]
    assert level["label"] == "Uw Nederlands"
    assert ("Ik red me wel", 2) in [(c["label"], c["count"]) for c in level["choices"]]
    assert "Uw Nederlands" in response.content.decode()


def test_the_summary_leaves_out_what_has_no_choices(client, editor, index):
    form = factories.registration_form(questions=[factories.question("Organisation")])
    page = factories.workshop(
        factories.conference(index),
        factories.local(YEAR, 4, 19, 9),
        factories.local(YEAR, 4, 19, 10),
        registration_form=form,
    )
    response = client.get(u("summary", page.translation_key))
    assert response.context["choice_questions"] == []


def test_the_export_holds_one_value_per_answer(client, editor, both):
    page, _page_nl = both
    url = u("index") + f"?event={page.translation_key}&export=csv"
    heading, *rows = csv_rows(client.get(url))
    level, topics = heading.index("Your Dutch"), heading.index("Topics")
    assert sorted(row[level] for row in rows) == ["I get by", "I get by"]
    assert sorted(row[topics] for row in rows) == ["", "Conversation, Reading"]
    read_in(editor, "nl")
    heading, *rows = csv_rows(client.get(url))
    level = heading.index("Uw Nederlands")
    assert [row[level] for row in rows] == ["Ik red me wel", "Ik red me wel"]


# An editor changes the choices afterwards


def test_reordered_choices_keep_the_answers(client, editor, both):
    page, page_nl = both
    RegistrationFormField.objects.filter(
        form=page.registration_form, clean_name="your_dutch"
    ).update(choices="Almost fluent\nI get by\nFirst words")
    RegistrationFormField.objects.filter(
        form=page_nl.registration_form, clean_name="your_dutch"
    ).update(choices="Bijna vloeiend\nIk red me wel\nEerste woorden")
    read_in(editor, "nl")
    ann = Registration.objects.get(email="ann@example.org")
    response = client.get(u("inspect", ann.pk))
    assert ("Uw Nederlands", "Ik red me wel") in response.context["answers"]


def test_a_stale_answer_is_shown_as_stored(client, editor, both):
    page, page_nl = both
    # "I get by" becomes "I manage"; "Reading" is removed.
    RegistrationFormField.objects.filter(
        form=page.registration_form, clean_name="your_dutch"
    ).update(choices="First words\nI manage\nAlmost fluent")
    RegistrationFormField.objects.filter(
        form=page.registration_form, clean_name="topics"
    ).update(choices="Grammar\nConversation")
    RegistrationFormField.objects.filter(
        form=page_nl.registration_form, clean_name="topics"
    ).update(choices="Grammatica\nConversatie")
    bram = Registration.objects.get(email="bram@example.org")
    read_in(editor, "nl")
    response = client.get(u("inspect", bram.pk))
    assert response.status_code == 200
    shown = dict(response.context["answers"])
    assert shown["Uw Nederlands"] == "I get by"
    assert shown["Onderwerpen"] == "Conversatie, Reading"

    response = client.get(u("summary", page.translation_key))
    level, topics = response.context["choice_questions"]
    assert level["stale"] == [{"label": "I get by", "count": 2}]
    assert topics["stale"] == [{"label": "Reading", "count": 1}]
    # The editor reads the admin in Dutch.
    with translation.override("nl"):
        marked = gettext("%(answer)s (no longer a choice)") % {"answer": "I get by"}
    assert marked == "I get by (geen keuzemogelijkheid meer)"
    assert marked in response.content.decode()

    url = u("index") + f"?event={page.translation_key}&export=csv"
    heading, *rows = csv_rows(client.get(url))
    assert [row[heading.index("Uw Nederlands")] for row in rows] == ["I get by"] * 2


def test_a_deleted_question_keeps_its_answers(client, editor, both):
    page, page_nl = both
    RegistrationFormField.objects.filter(clean_name="topics").delete()
    bram = Registration.objects.get(email="bram@example.org")
    response = client.get(u("inspect", bram.pk))
    assert ("topics", "Conversation, Reading") in response.context["answers"]


# The rule, without the database


def q(field_type, choices):
    return answers.Question("q", field_type, "Q", choices)


def test_the_rule():
    en, nl = q("radio", LEVELS), q("radio", LEVELS_NL)
    assert answers.stable_value(nl, en, "Bijna vloeiend") == "Almost fluent"
    assert answers.stable_value(en, en, "I get by") == "I get by"
    assert answers.label_for(nl, en, "First words") == "Eerste woorden"
    assert answers.label_for(nl, en, ["First words", "Gone"]) == [
        "Eerste woorden",
        "Gone",
    ]
    # Not a choice question, or nothing answered: as typed.
    text = q("singleline", "")
    assert answers.stable_value(text, text, "I get by") == "I get by"
    assert answers.stable_value(nl, en, "") == ""
    assert answers.label_for(nl, en, None) is None
    # Wagtail's other way of writing choices: separated by commas.
    assert answers.choices_of(q("dropdown", "a, b,c")) == ["a", "b", "c"]


@pytest.mark.parametrize("count", [3, 12])
def test_the_summary_counts_with_a_fixed_number_of_queries(
    client, editor, event, django_assert_max_num_queries, count
):
    page, page_nl = event
    for n in range(count):
        factories.registration(
            page_nl if n % 2 else page,
            f"p{n}@example.org",
            answers={"your_dutch": "I get by", "topics": ["Grammar", "Reading"]},
        )
    client.get(u("summary", page.translation_key))
    # 13 and one counting the failed e-mails of the event (the outbox's log).
    with django_assert_max_num_queries(14):
        response = client.get(u("summary", page.translation_key))
    assert response.context["choice_questions"][0]["choices"][1]["count"] == count
