"""Translating with wagtail-localize: a conference translated with its subtree
becomes a whole Dutch conference (sessions, programme, rooms of the Dutch venue,
registration form, speakers), valid and with its dates; and what is synchronised
follows the source when the source changes."""

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import Translation

from tests import factories as f
from wagtail_events.editing import validation
from wagtail_events.i18n import sync as translation_sync
from wagtail_events.models import (
    ConferenceOrganisation,
    ConferencePage,
    Occurrence,
    OccurrenceChange,
    Organisation,
    PanelPage,
    Person,
    ProgrammeItem,
    RegistrationForm,
    RegistrationFormField,
    Room,
    SiteVisitPage,
    SiteVisitRun,
    Venue,
    WorkshopPage,
)


pytestmark = pytest.mark.django_db


@pytest.fixture
def nl(db):
    return f.locale("nl")


@pytest.fixture
def form(db):
    return f.registration_form(
        questions=[f.question("Dietary requirements", required=False)],
        title="Register",
        privacy_notice="<p>We keep your name.</p>",
        capacity=20,
        waiting_list=True,
    )


@pytest.fixture
def conference(index, form):
    """The Mechelen conference in English: a venue with two rooms, a form, a
    speaker with an organisation, an organiser, a lunch, a panel, a workshop and a
    site visit that runs twice."""
    venue = f.venue("Lamot", rooms=["Auditorium", "Dijlezaal"])
    auditorium, dijlezaal = f.room(venue, "Auditorium"), f.room(venue, "Dijlezaal")
    city = f.organisation("City of Mechelen")
    mayor = f.person("Bart Somers", role="Mayor of Mechelen", organisation=city)
    conference = f.conference(
        index,
        title="Cities of diversity",
        venue=venue,
        registration_form=form,
        speakers=[f.speaker(mayor, session_role="chair")],
    )
    f.organiser(conference, city)
    f.programme_item(
        conference,
        f.local(2024, 4, 19, 12, 30),
        f.local(2024, 4, 19, 13, 30),
        kind="meal",
        title="Lunch",
        room=auditorium,
    )
    f.panel(
        conference,
        f.local(2024, 4, 19, 9),
        f.local(2024, 4, 19, 10, 30),
        title="Opening panel",
        room=auditorium,
        registration_form=form,
        speakers=[
            f.speaker(mayor, session_role="moderator"),
            f.speaker_list(
                "Panellists", f.speaker(name="Typed Guest", role="Alderman")
            ),
        ],
    )
    f.workshop(
        conference,
        f.local(2024, 4, 19, 11),
        f.local(2024, 4, 19, 12),
        title="Participation workshop",
        room=dijlezaal,
    )
    f.site_visit(
        conference,
        f.local(2024, 4, 19, 14),
        f.local(2024, 4, 19, 15),
        runs=[(f.local(2024, 4, 19, 16), f.local(2024, 4, 19, 17))],
        title="City walk",
    )
    return ConferencePage.objects.get(pk=conference.pk)


def dutch(instance, nl):
    translation = instance.get_translation_or_none(nl)
    assert translation is not None, f"{instance!r} has no Dutch translation"
    return translation.specific if isinstance(translation, Page) else translation


def sessions_of(conference):
    return [page.specific for page in conference.get_children().order_by("pk")]


# Translating a conference with its subtree


def test_every_page_of_the_conference_is_translated_and_live(conference, nl):
    dutch_conference = f.translate(conference, nl)
    # wagtail-localize swallows a validation error and leaves the page out: every
    # page must be there.
    english = sessions_of(conference)
    assert len(english) == 3
    for page in [conference, *english]:
        translation = dutch(page, nl)
        assert translation.live
        assert translation.translation_key == page.translation_key
        assert (translation.start, translation.end) == (page.start, page.end)
        assert translation.time_zone == page.time_zone
    assert [type(p) for p in sessions_of(dutch_conference)] == [
        PanelPage,
        WorkshopPage,
        SiteVisitPage,
    ]
    assert dutch_conference.get_parent().locale == nl
    # wagtail-localize publishes the Dutch conference after its sessions were
    # added, from a copy that had none (its issue 773): the tree keeps the count.
    assert dutch_conference.numchild == 3
    assert dutch_conference.get_parent().specific.numchild == 1
    assert dutch_conference.url.startswith("/nl/")


def test_the_dutch_venue_holds_the_dutch_rooms_of_the_sessions(conference, nl):
    dutch_conference = f.translate(conference, nl)
    venue = dutch_conference.venue
    assert venue.locale == nl
    assert venue.translation_key == conference.venue.translation_key
    english_rooms = {r.translation_key: r for r in conference.venue.rooms.all()}
    dutch_rooms = {r.translation_key: r for r in venue.rooms.all()}
    assert dutch_rooms.keys() == english_rooms.keys()
    assert {r.locale for r in dutch_rooms.values()} == {nl}
    # One Dutch venue: the rooms did not bring a second one along.
    assert Venue.objects.filter(locale=nl).count() == 1
    for session in sessions_of(conference):
        translation = dutch(session, nl)
        if session.room_id is None:
            assert translation.room_id is None
            continue
        assert translation.room == dutch_rooms[session.room.translation_key]
        assert translation.room.venue_id == dutch_conference.venue_id


def test_programme_items_and_organisers_follow_with_their_keys(conference, nl):
    dutch_conference = f.translate(conference, nl)
    (lunch,) = conference.programme_items.all()
    (dutch_lunch,) = ProgrammeItem.objects.filter(page=dutch_conference)
    assert dutch_lunch.locale == nl
    assert dutch_lunch.translation_key == lunch.translation_key
    assert (dutch_lunch.start, dutch_lunch.end, dutch_lunch.kind) == (
        lunch.start,
        lunch.end,
        "meal",
    )
    assert dutch_lunch.room == dutch(lunch.room, nl)
    assert dutch_lunch.room.venue_id == dutch_conference.venue_id
    # The English rows stay where they were.
    assert ProgrammeItem.objects.filter(page=conference).get() == lunch

    (organiser,) = ConferenceOrganisation.objects.filter(page=dutch_conference)
    assert organiser.locale == nl
    city = Organisation.objects.get(locale=conference.locale)
    assert organiser.organisation == dutch(city, nl)


def test_the_registration_form_keeps_its_rules_and_its_answer_columns(
    conference, form, nl
):
    dutch_conference = f.translate(conference, nl)
    dutch_form = dutch_conference.registration_form
    assert dutch_form.locale == nl
    assert dutch_form.translation_key == form.translation_key
    assert (dutch_form.capacity, dutch_form.waiting_list) == (20, True)
    panel = dutch(PanelPage.objects.get(locale=conference.locale), nl)
    assert panel.registration_form == dutch_form

    # The translator translates the question: the answers keep their column.
    f.translate_strings(form, {"Dietary requirements": "Dieetwensen"}, nl)
    (question,) = RegistrationFormField.objects.filter(form=dutch_form)
    (english,) = form.form_fields.all()
    assert question.label == "Dieetwensen"
    assert question.clean_name == english.clean_name == "dietary_requirements"
    assert question.translation_key == english.translation_key


def test_speakers_are_the_dutch_people(conference, nl):
    dutch_conference = f.translate(conference, nl)
    mayor = Person.objects.get(locale=conference.locale)
    dutch_mayor = dutch(mayor, nl)
    assert dutch_mayor.name == "Bart Somers"
    assert dutch_conference.speakers[0].value["person"] == dutch_mayor
    panel = dutch(PanelPage.objects.get(locale=conference.locale), nl)
    moderator, group = panel.speakers
    assert moderator.value["person"] == dutch_mayor
    (guest,) = group.value["speakers"]
    assert guest["name"] == "Typed Guest"


def test_site_visit_runs_and_occurrences_of_the_translations(conference, nl):
    f.translate(conference, nl)
    visit = SiteVisitPage.objects.get(locale=conference.locale)
    dutch_visit = dutch(visit, nl)
    assert [
        (r.start, r.end) for r in SiteVisitRun.objects.filter(page=dutch_visit)
    ] == [(f.local(2024, 4, 19, 16), f.local(2024, 4, 19, 17))]
    for page in [conference, *sessions_of(conference)]:
        english = list(Occurrence.objects.filter(page=page).values_list("start", "end"))
        assert english
        assert (
            list(
                Occurrence.objects.filter(page=dutch(page, nl)).values_list(
                    "start", "end"
                )
            )
            == english
        )


def test_translating_again_changes_nothing(conference, nl):
    f.translate(conference, nl)
    counts = [
        m.objects.count()
        for m in (Page, Room, Venue, Person, ProgrammeItem, RegistrationForm)
    ]
    f.translate(conference, nl)
    assert [
        m.objects.count()
        for m in (Page, Room, Venue, Person, ProgrammeItem, RegistrationForm)
    ] == counts


# The rules of an event accept the translation


def test_validation_accepts_the_dutch_sessions(conference, nl):
    dutch_conference = f.translate(conference, nl)
    for session in sessions_of(dutch_conference):
        data = {
            "start": session.start,
            "end": session.end,
            "time_zone": session.time_zone,
            "room": session.room,
        }
        if isinstance(session, SiteVisitPage):
            data["meeting_point"] = session.meeting_point
        assert validation.validate_event(session, data, dutch_conference) == []
    # Nor is the English panel now double-booked by its own translation.
    panel = PanelPage.objects.get(locale=conference.locale)
    assert (
        validation.overlapping_session(panel, panel.room, panel.start, panel.end)
        is None
    )


def test_an_editor_can_publish_a_translation_taken_over_by_hand(
    client, editor, conference, nl
):
    """A translator who stops the synchronisation edits the Dutch page in the page
    editor: its Dutch room is among the choices and no rule refuses it."""
    f.translate(conference, nl)
    panel = dutch(PanelPage.objects.get(locale=conference.locale), nl)
    Translation.objects.filter(
        source__object_id=panel.translation_key, target_locale=nl
    ).update(enabled=False)
    edit = reverse("wagtailadmin_pages:edit", args=(panel.pk,))
    form = client.get(edit).context["form"]
    assert panel.room in form.fields["room"].queryset
    data = f.session_form_data(
        title="Openingspanel",
        slug=panel.slug,
        start="2024-04-19 09:00",
        end="2024-04-19 10:30",
        room=panel.room.pk,
        **{"action-publish": "1"},
    )
    response = client.post(edit, data)
    assert response.status_code == 302, response.context["form"].errors
    panel.refresh_from_db()
    assert panel.title == "Openingspanel" and panel.locale == nl


# Events on their own


def test_a_workshop_on_its_own_with_its_venue_and_room(index, nl):
    venue = f.venue("Het Predikheren", rooms=["Leeszaal"])
    workshop = f.workshop(
        index,
        f.local(2024, 5, 2, 14),
        f.local(2024, 5, 2, 16),
        title="Reading club",
        venue=venue,
        room=f.room(venue, "Leeszaal"),
    )
    translation = f.translate(workshop, nl)
    assert translation is not None and translation.live
    assert translation.venue == dutch(venue, nl)
    assert translation.room == dutch(f.room(venue, "Leeszaal"), nl)
    assert translation.room.venue == translation.venue
    assert Venue.objects.filter(locale=nl).count() == 1
    assert Occurrence.objects.filter(page=translation).count() == 1


def test_a_repeating_event_keeps_its_changes_to_single_dates(index, nl):
    first = f.local(2024, 3, 5, 19)
    page = f.repeating(
        index,
        first,
        f.local(2024, 3, 5, 21),
        "RRULE:FREQ=WEEKLY;COUNT=4",
        changes=[
            {"original_start": f.local(2024, 3, 12, 19), "action": "cancel"},
            {
                "original_start": f.local(2024, 3, 19, 19),
                "action": "move",
                "new_start": f.local(2024, 3, 20, 19),
                "new_end": f.local(2024, 3, 20, 21),
                "note": "On Wednesday this time",
            },
        ],
    )
    translation = f.translate(page, nl)
    english = OccurrenceChange.objects.filter(page=page).order_by("sort_order")
    changes = OccurrenceChange.objects.filter(page=translation).order_by("sort_order")
    assert [(c.translation_key, c.locale) for c in changes] == [
        (c.translation_key, nl) for c in english
    ]
    assert [(c.original_start, c.action, c.new_start) for c in changes] == [
        (c.original_start, c.action, c.new_start) for c in english
    ]

    def dates(p):
        return list(
            Occurrence.objects.filter(page=p).values_list("start", "cancelled", "note")
        )

    assert dates(translation) == dates(page)
    assert (f.local(2024, 3, 20, 19), False, "On Wednesday this time") in dates(
        translation
    )


# What is synchronised follows the source when it changes


def publish(page, **changes):
    """Change and publish a page as an editor does, with what happens after the
    commit (the translations are updated then)."""
    page = type(page).objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    with f.run_after_commit():
        page.save_revision().publish()
    return page


@pytest.fixture
def translated(conference, nl):
    """The conference in Dutch, with the panel's title translated."""
    f.translate(conference, nl)
    panel = PanelPage.objects.get(locale=conference.locale)
    f.translate_strings(panel, {"Opening panel": "Openingspanel"}, nl)
    return conference


def test_moving_the_english_session_moves_the_dutch_one(translated, nl):
    panel = PanelPage.objects.get(locale=translated.locale)
    dutch_panel = dutch(panel, nl)
    revisions = dutch_panel.revisions.count()
    publish(
        panel,
        start=f.local(2024, 4, 19, 15),
        end=f.local(2024, 4, 19, 16, 30),
        summary="Who decides in a city of many languages?",
    )
    dutch_panel = dutch(panel, nl)
    assert (dutch_panel.start, dutch_panel.end) == (
        f.local(2024, 4, 19, 15),
        f.local(2024, 4, 19, 16, 30),
    )
    assert dutch_panel.live and not dutch_panel.has_unpublished_changes
    assert list(
        Occurrence.objects.filter(page=dutch_panel).values_list("start", "end")
    ) == [(f.local(2024, 4, 19, 15), f.local(2024, 4, 19, 16, 30))]
    # What was translated stays translated; the new text waits for its
    # translation in the source's words.
    assert dutch_panel.title == "Openingspanel"
    assert dutch_panel.summary == "Who decides in a city of many languages?"
    # Published once: updating the translation did not start another update.
    assert dutch_panel.revisions.count() == revisions + 1


def test_moving_the_conference_day_moves_every_language(translated, nl):
    """The conference, its lunch and (session by session) its sessions move."""
    day = {"start": f.local(2024, 4, 26, 8, 15), "end": f.local(2024, 4, 26, 18)}
    conference = publish(translated, **day)
    dutch_conference = dutch(conference, nl)
    assert (dutch_conference.start, dutch_conference.end) == (day["start"], day["end"])
    lunch = conference.programme_items.get()
    lunch.start, lunch.end = f.local(2024, 4, 26, 12), f.local(2024, 4, 26, 13)
    lunch.save()
    publish(conference)
    (dutch_lunch,) = ProgrammeItem.objects.filter(page=dutch(conference, nl))
    assert (dutch_lunch.pk, dutch_lunch.start) == (
        dutch_lunch.pk,
        f.local(2024, 4, 26, 12),
    )
    assert dutch_lunch.translation_key == lunch.translation_key
    assert ProgrammeItem.objects.filter(locale=nl).count() == 1


def test_a_new_room_is_the_dutch_room_of_the_dutch_venue(translated, nl):
    panel = PanelPage.objects.get(locale=translated.locale)
    dijlezaal = f.room(translated.venue, "Dijlezaal")
    publish(panel, room=dijlezaal)
    assert dutch(panel, nl).room == dutch(dijlezaal, nl)

    # Moved to a venue that has no Dutch translation yet: it gets one.
    elsewhere = f.venue("Cultuurcentrum", rooms=["Zaal 1"])
    workshop = f.workshop(
        f.event_index(),
        f.local(2024, 6, 1, 10),
        f.local(2024, 6, 1, 12),
        venue=translated.venue,
    )
    f.translate(workshop, nl)
    publish(workshop, venue=elsewhere, room=f.room(elsewhere, "Zaal 1"))
    dutch_workshop = dutch(workshop, nl)
    assert dutch_workshop.venue == dutch(elsewhere, nl)
    assert dutch_workshop.room == dutch(f.room(elsewhere, "Zaal 1"), nl)


def test_a_draft_translation_stays_a_draft(translated, nl):
    panel = PanelPage.objects.get(locale=translated.locale)
    dutch(panel, nl).unpublish()
    publish(panel, start=f.local(2024, 4, 19, 15), end=f.local(2024, 4, 19, 16))
    dutch_panel = dutch(panel, nl)
    assert not dutch_panel.live
    assert dutch_panel.get_latest_revision_as_object().start == f.local(2024, 4, 19, 15)
    assert not Occurrence.objects.filter(page=dutch_panel).exists()


def test_a_translation_taken_over_by_hand_is_left_alone(translated, nl):
    panel = PanelPage.objects.get(locale=translated.locale)
    Translation.objects.filter(
        source__object_id=panel.translation_key, target_locale=nl
    ).update(enabled=False)
    publish(panel, start=f.local(2024, 4, 19, 15), end=f.local(2024, 4, 19, 16))
    assert dutch(panel, nl).start == f.local(2024, 4, 19, 9)


def test_the_form_capacity_follows_the_english_form(translated, form, nl):
    f.translate_strings(form, {"Dietary requirements": "Dieetwensen"}, nl)
    form = RegistrationForm.objects.get(pk=form.pk)
    form.capacity = 35
    form.waiting_list = False
    with f.run_after_commit():
        form.save()
    dutch_form = dutch(form, nl)
    assert (dutch_form.capacity, dutch_form.waiting_list) == (35, False)
    (question,) = dutch_form.form_fields.all()
    assert question.label == "Dieetwensen"
    assert question.clean_name == "dietary_requirements"


def test_the_venue_address_follows_and_the_rooms_keep_their_rows(translated, nl):
    venue = Venue.objects.get(pk=translated.venue_id)
    dutch_rooms = set(dutch(venue, nl).rooms.values_list("pk", flat=True))
    venue.street_address = "Kanunnik De Deckerstraat 20A"
    with f.run_after_commit():
        venue.save()
    dutch_venue = dutch(venue, nl)
    assert dutch_venue.street_address == "Kanunnik De Deckerstraat 20A"
    # The sessions' rooms are the same rows: updating the venue did not replace them.
    assert set(dutch_venue.rooms.values_list("pk", flat=True)) == dutch_rooms


def test_saving_without_a_change_leaves_the_translations_alone(translated, form, nl):
    from wagtail_localize.models import TranslationLog

    def updates():
        return TranslationLog.objects.filter(
            source__object_id=form.translation_key
        ).count()

    before = updates()
    with f.run_after_commit():
        RegistrationForm.objects.get(pk=form.pk).save()
    assert updates() == before
    form.capacity = 21
    with f.run_after_commit():
        form.save()
    assert updates() == before + 1


@override_settings(WAGTAIL_EVENTS_SYNC_TRANSLATIONS=False)
def test_the_setting_turns_it_off(translated, form, nl):
    panel = PanelPage.objects.get(locale=translated.locale)
    publish(panel, start=f.local(2024, 4, 19, 15), end=f.local(2024, 4, 19, 16))
    form.capacity = 35
    with f.run_after_commit():
        form.save()
    assert dutch(panel, nl).start == f.local(2024, 4, 19, 9)
    assert dutch(form, nl).capacity == 20


def test_an_untranslated_event_costs_one_query(
    index, django_assert_num_queries, django_capture_on_commit_callbacks
):
    page = f.workshop(index, f.local(2024, 6, 1, 10), f.local(2024, 6, 1, 12))
    with django_assert_num_queries(1):
        assert translation_sync.sync_translations(page) == []


def test_nothing_is_connected_without_wagtail_localize(monkeypatch):
    from django.db.models.signals import post_save
    from wagtail.signals import page_published

    from wagtail_events import signal_handlers

    real = signal_handlers.apps.is_installed
    monkeypatch.setattr(
        signal_handlers.apps,
        "is_installed",
        lambda name: False if name == "wagtail_localize" else real(name),
    )
    page_published.disconnect(dispatch_uid="wagtail_events_sync_translations")
    for model in signal_handlers.SYNCED_SNIPPETS:
        post_save.disconnect(
            sender=model,
            dispatch_uid=f"wagtail_events_sync_translations_{model._meta.model_name}",
        )
    try:
        signal_handlers.register_signal_handlers()
        assert not any(
            "sync_published_page" in repr(receiver)
            for receiver in page_published.receivers
        )
        assert not translation_sync.is_enabled()
    finally:
        monkeypatch.undo()
        signal_handlers.register_signal_handlers()
    assert translation_sync.is_enabled()


# The admin's listings of snippets, per language


@pytest.mark.parametrize(
    ("model", "english", "dutch_name"),
    [
        (Venue, "Lamot", "Lamot (NL)"),
        (Person, "Bart Somers", None),
        (Organisation, "City of Mechelen", "Stad Mechelen"),
        (RegistrationForm, "Register", "Inschrijven"),
    ],
)
def test_snippet_listings_filter_by_language(
    client, editor, conference, nl, model, english, dutch_name
):
    f.translate(conference, nl)
    source = model.objects.get(locale=conference.locale)
    if dutch_name:
        f.translate_strings(source, {english: dutch_name}, nl)
    translated = dutch(source, nl)
    url = reverse(f"wagtailsnippets_wagtail_events_{model._meta.model_name}:list")

    def listed(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        return {obj.pk for obj in response.context["object_list"]}

    assert listed(locale="nl") == {translated.pk}
    assert listed(locale="en") == {source.pk}
    assert listed() == {source.pk, translated.pk}
    assert "locale" in client.get(url).context["filters"].form.fields


# The system check


def test_several_languages_without_wagtail_localize_is_w002(monkeypatch, settings):
    from types import SimpleNamespace

    from django.apps import apps

    from wagtail_events import checks

    assert checks.check_translation_tool(None) == []  # the test project has it
    monkeypatch.setattr(
        checks,
        "apps",
        SimpleNamespace(
            is_installed=lambda name: (
                name != "wagtail_localize" and apps.is_installed(name)
            )
        ),
    )
    (warning,) = checks.check_translation_tool(None)
    assert warning.id == "wagtail_events.W002"
    assert "wagtail_localize" in warning.hint
    # One language, or no translations at all: nothing to follow.
    settings.WAGTAIL_CONTENT_LANGUAGES = [("en", "English")]
    assert checks.check_translation_tool(None) == []
    settings.WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("nl", "Nederlands")]
    settings.WAGTAIL_I18N_ENABLED = False
    assert checks.check_translation_tool(None) == []


# Only what is synchronised starts an update, and an update never breaks a publish


def test_a_change_to_translated_text_leaves_the_translations_alone(
    translated, form, nl
):
    """A typo fixed in the English title is the translators' work: the Dutch
    pages get no new revision and wagtail-localize does nothing."""
    from wagtail_localize.models import TranslationLog

    panel = PanelPage.objects.get(locale=translated.locale)
    dutch_panel, dutch_conference = dutch(panel, nl), dutch(translated, nl)
    revisions = dutch_panel.revisions.count(), dutch_conference.revisions.count()
    logs = TranslationLog.objects.count()
    publish(panel, title="Opening panel: who decides?")
    publish(translated, title="Cities of Diversity")
    venue = Venue.objects.get(pk=translated.venue_id)
    venue.name = "Lamot Mechelen"
    with f.run_after_commit():
        venue.save()
    dutch_panel, dutch_conference = dutch(panel, nl), dutch(translated, nl)
    assert (
        dutch_panel.revisions.count(),
        dutch_conference.revisions.count(),
    ) == revisions
    assert TranslationLog.objects.count() == logs
    assert dutch_panel.title == "Openingspanel"


def test_a_new_row_of_a_site_visit_reaches_the_translation(translated, nl):
    visit = SiteVisitPage.objects.get(locale=translated.locale)
    SiteVisitRun.objects.create(
        page=visit, start=f.local(2024, 4, 19, 18), end=f.local(2024, 4, 19, 19)
    )
    publish(visit)
    assert SiteVisitRun.objects.filter(page=dutch(visit, nl)).count() == 2


def test_a_failing_update_is_logged_and_the_publish_goes_on(
    translated, nl, monkeypatch, caplog
):
    from wagtail_localize.models import TranslationSource

    def broken(self):
        raise RuntimeError("wagtail-localize failed")

    monkeypatch.setattr(TranslationSource, "update_from_db", broken)
    panel = publish(
        PanelPage.objects.get(locale=translated.locale),
        start=f.local(2024, 4, 19, 15),
        end=f.local(2024, 4, 19, 16),
    )
    assert PanelPage.objects.get(pk=panel.pk).start == f.local(2024, 4, 19, 15)
    assert dutch(panel, nl).start == f.local(2024, 4, 19, 9)
    assert "wagtail-localize failed" in caplog.text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failing_translation_does_not_break_a_publish_outside_a_transaction(
    monkeypatch, caplog
):
    """The admin publishes outside a transaction: the update runs at once, in the
    page_published signal, before Wagtail logs the publish."""
    from wagtail.models import PageLogEntry

    nl, fr = f.locale("nl"), f.locale("fr")
    index = f.event_index()
    panel = f.panel(index, f.local(2030, 4, 19, 9), f.local(2030, 4, 19, 10))
    f.translate(panel, nl)
    f.translate(panel, fr)
    save_target = Translation.save_target

    def failing_in_dutch(self, *args, **kwargs):
        if self.target_locale_id == nl.pk:
            raise RuntimeError("wagtail-localize failed")
        return save_target(self, *args, **kwargs)

    monkeypatch.setattr(Translation, "save_target", failing_in_dutch)
    panel = PanelPage.objects.get(pk=panel.pk)
    panel.start, panel.end = f.local(2030, 4, 19, 11), f.local(2030, 4, 19, 12)
    revision = panel.save_revision()
    revision.publish()

    assert PanelPage.objects.get(pk=panel.pk).live_revision_id == revision.pk
    assert PageLogEntry.objects.filter(
        page=panel, action="wagtail.publish", revision=revision
    ).exists()
    assert "Updating the nl translation" in caplog.text
    assert "wagtail-localize failed" in caplog.text
    assert dutch(panel, nl).start == f.local(2030, 4, 19, 9)
    # The other languages are updated all the same.
    assert dutch(panel, fr).start == f.local(2030, 4, 19, 11)
