"""Plain builders for test data: a site tree, venues, conferences and sessions,
registration forms and registrations.

Each takes keyword arguments for what a test cares about and fills in the rest.
Times are given as wall-clock times in the event's zone (``local(...)``).
"""

import datetime
import itertools
import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from wagtail_events.models import (
    ConferencePage,
    EventDocument,
    EventIndexPage,
    EventType,
    MeetingPage,
    Organisation,
    PanelPage,
    Person,
    ProgrammeItem,
    Registration,
    RegistrationForm,
    RegistrationFormField,
    RegistrationPrice,
    RegistrationStatus,
    Room,
    SeriesPage,
    SiteVisitPage,
    SiteVisitRun,
    Venue,
    WorkshopPage,
)
from wagtail_events.occurrences import recurrence
from wagtail_events.registration import keys


BRUSSELS = "Europe/Brussels"
_counter = itertools.count(1)


def local(year, month, day, hour=0, minute=0, zone=BRUSSELS):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone))


def site_root():
    site = Site.objects.get(is_default_site=True)
    return site.root_page


def event_index(parent=None, **fields):
    parent = parent or site_root()
    n = next(_counter)
    fields.setdefault("title", f"Events {n}")
    fields.setdefault("slug", f"events-{n}")
    index = EventIndexPage(**fields)
    parent.add_child(instance=index)
    return index


def venue(name="Lamot Conference and Heritage Centre", rooms=(), **fields):
    fields.setdefault("locality", "Mechelen")
    fields.setdefault("country", "BE")
    v = Venue.objects.create(name=name, **fields)
    for order, room_name in enumerate(rooms):
        Room.objects.create(venue=v, name=room_name, sort_order=order)
    return v


def room(venue_obj, name):
    return venue_obj.rooms.get(name=name)


def conference(parent=None, start=None, end=None, **fields):
    parent = parent or event_index()
    n = next(_counter)
    fields.setdefault("title", f"Conference {n}")
    fields.setdefault("slug", f"conference-{n}")
    fields.setdefault("time_zone", BRUSSELS)
    page = ConferencePage(
        start=start or local(2024, 4, 19, 8, 15),
        end=end or local(2024, 4, 19, 18, 0),
        **fields,
    )
    parent.add_child(instance=page)
    return page


def undated_conference(parent=None, **fields):
    """A conference whose date is to be announced; ``announced_weekday``,
    ``announced_start_time`` and ``announced_end_time`` say what is known."""
    parent = parent or event_index()
    n = next(_counter)
    fields.setdefault("title", f"Undated conference {n}")
    fields.setdefault("slug", f"undated-conference-{n}")
    fields.setdefault("time_zone", BRUSSELS)
    page = ConferencePage(date_to_be_announced=True, **fields)
    parent.add_child(instance=page)
    return page


def _session(model, parent, start, end, **fields):
    n = next(_counter)
    fields.setdefault("title", f"{model.__name__} {n}")
    fields.setdefault("slug", f"session-{n}")
    fields.setdefault("time_zone", getattr(parent.specific, "time_zone", BRUSSELS))
    page = model(start=start, end=end, **fields)
    parent.add_child(instance=page)
    return page


def panel(parent, start, end, **fields):
    return _session(PanelPage, parent, start, end, **fields)


def workshop(parent, start, end, **fields):
    return _session(WorkshopPage, parent, start, end, **fields)


def site_visit(parent, start, end, runs=(), **fields):
    fields.setdefault("meeting_point", "Main entrance")
    page = _session(SiteVisitPage, parent, start, end, **fields)
    for order, (run_start, run_end) in enumerate(runs):
        SiteVisitRun.objects.create(
            page=page, start=run_start, end=run_end, sort_order=order
        )
    if runs:
        # Runs saved after the page: expand its occurrences again, as a publish would.
        recurrence.materialise(page)
    return page


def series(parent=None, **fields):
    """A series of meetings; its dates follow the meetings added with ``meeting``."""
    parent = parent or event_index()
    n = next(_counter)
    fields.setdefault("title", f"Series {n}")
    fields.setdefault("slug", f"series-{n}")
    fields.setdefault("time_zone", BRUSSELS)
    page = SeriesPage(**fields)
    parent.add_child(instance=page)
    return page


def meeting(series_page, start, end, **fields):
    return _session(MeetingPage, series_page, start, end, **fields)


def programme_item(conference_page, start, end, kind="break", **fields):
    fields.setdefault("title", kind.capitalize())
    return ProgrammeItem.objects.create(
        page=conference_page, start=start, end=end, kind=kind, **fields
    )


def person(name="Bart Somers", **fields):
    fields.setdefault("role", "Mayor of Mechelen")
    fields.setdefault("country", "BE")
    return Person.objects.create(name=name, **fields)


def organisation(name="VVSG", **fields):
    return Organisation.objects.create(name=name, **fields)


def speaker(person_obj=None, **value):
    """A speaker block's value in StreamField raw form, every field present as the
    editor saves it (wagtail-localize cannot extract a text block that is None)."""
    for name in ("name", "role", "organisation", "country"):
        value.setdefault(name, "")
    value.setdefault("session_role", "speaker")
    value.setdefault("confirmation", "confirmed")
    value.setdefault("participation", "in_person")
    if person_obj is not None:
        value["person"] = person_obj.pk
    return {"type": "speaker", "value": value}


def root_page():
    return Page.objects.get(depth=1)


def speaker_list(heading="", *speakers):
    """A group of speakers in StreamField raw form; ``speakers`` from ``speaker()``."""
    return {
        "type": "speaker_list",
        "value": {
            "heading": heading,
            # List items in Wagtail's block format, which needs an "id".
            "speakers": [
                {"type": "item", "value": s["value"], "id": str(uuid.uuid4())}
                for s in speakers
            ],
        },
    }


def busy_conference(parent, sessions, **fields):
    """A conference with ``sessions`` sessions over three days: panels, workshops
    and site visits (with a second run) in three rooms and a track, speakers that
    are saved people (with organisations) or typed in, breaks and lunches, organisers
    and practical information. For query-count tests and benchmarks."""
    n = next(_counter)
    v = venue(name=f"Venue {n}", rooms=["Auditorium", "Room 2", "Room 3"])
    rooms = list(v.rooms.order_by("sort_order"))
    org = organisation(f"Organisation {n}")
    people = [
        person(f"Person {n}-{i}", organisation=org if i % 2 else None)
        for i in range(10)
    ]
    days = 3
    conf = conference(
        parent,
        start=local(2024, 4, 17, 8),
        end=local(2024, 4, 17 + days - 1, 18),
        venue=v,
        speakers=[speaker(people[0], session_role="chair")],
        practical_information=[
            {"type": "contact", "value": {"name": "Events team", "email": "e@x.org"}},
        ],
        **fields,
    )
    organiser(conf, org)
    for d in range(days):
        day = 17 + d
        programme_item(
            conf,
            local(2024, 4, day, 8),
            local(2024, 4, day, 9),
            kind="registration",
            title="Registration",
        )
        programme_item(
            conf,
            local(2024, 4, day, 12, 30),
            local(2024, 4, day, 13, 30),
            kind="meal",
            title="Lunch",
        )
    builders = [panel, workshop, site_visit]
    for i in range(sessions):
        day = 17 + i % days
        slot = (i // days) % 6  # six one-hour slots a day, 9:00–12:00 and 14:00–17:00
        hour = 9 + slot if slot < 3 else 11 + slot
        start, end = local(2024, 4, day, hour), local(2024, 4, day, hour, 50)
        fields_i = {
            "speakers": [
                speaker(people[i % len(people)], session_role="moderator"),
                speaker_list(
                    "Panel",
                    speaker(people[(i + 1) % len(people)]),
                    speaker(name=f"Guest {i}", role="Mayor", confirmation="tbc"),
                    speaker(name=f"Video {i}", participation="video_message"),
                ),
            ],
        }
        builder = builders[i % 3]
        if builder is site_visit:
            fields_i["track"] = "Site visits"
            fields_i["runs"] = [
                (local(2024, 4, day, hour + 1), local(2024, 4, day, hour + 1, 50))
            ]
        else:
            fields_i["room"] = rooms[i % len(rooms)]
        builder(conf, start, end, **fields_i)
    return conf


# Registration: forms with their questions, and registrations.


def question(label, field_type="singleline", required=True, **fields):
    """One of the editor's questions of a registration form, for
    ``registration_form(questions=...)``; required unless told, as in the
    editor."""
    return {"label": label, "field_type": field_type, "required": required, **fields}


def registration_form(questions=(), **fields):
    """A registration form (the snippet), saved, with ``questions``
    (``question()`` values, asked in that order). ``fields`` is what a test cares
    about, for example ``capacity=2, waiting_list=True``, ``requires_approval=True``,
    ``invitation_code="MAYORS"``, ``opens_at``/``closes_at`` and
    ``cancellation_deadline`` (aware date-times), ``ask_accessibility_needs=False``;
    by default: no limit, no waiting list, no approval, no code, always open."""
    fields.setdefault("title", "Registration")
    fields.setdefault("privacy_notice", "<p>We keep your name and address.</p>")
    form = RegistrationForm.objects.create(**fields)
    for order, asked in enumerate(questions):
        RegistrationFormField.objects.create(form=form, sort_order=order, **asked)
    return form


def price(form, amount, label="", currency="EUR"):
    """A price row of a paid registration form (``admission="paid"``)."""
    return RegistrationPrice.objects.create(
        form=form,
        label=label,
        amount=Decimal(str(amount)),
        currency=currency,
        sort_order=form.prices.count(),
        locale=form.locale,
    )


def registration(
    page,
    email="ann@example.org",
    status=RegistrationStatus.CONFIRMED,
    date=None,
    **fields,
):
    """A registration for ``page`` (for ``date``, an ``Occurrence``, its original
    start or its key, of an event with dates) saved as it stands: with ``status``,
    without the writer's lock, refusals or e-mails. For tests that need people
    holding, waiting for or asking for a place; ``writer.register`` is what the
    tests of registering call. The token of its link is random and unknown."""
    fields.setdefault("name", email.split("@")[0])
    return Registration.objects.create(
        event_key=keys.event_key(page),
        page=page,
        occurrence_key=date if isinstance(date, str) else keys.occurrence_key(date),
        status=status,
        email=email,
        cancellation_token_hash=keys.hash_token(keys.new_token()),
        **fields,
    )


def event_type(name="Study day", slug="study-day", **fields):
    return EventType.objects.create(name=name, slug=slug, **fields)


def document(title="Agenda", filename="agenda.pdf", content=b"%PDF-1.4\n", **fields):
    """A Wagtail document with a small file (its size and hash set, as an upload)."""
    doc = get_document_model()(
        title=title, file=ContentFile(content, name=filename), **fields
    )
    doc._set_document_file_metadata()
    doc.save()
    return doc


def event_document(page, document_obj, kind="agenda", **fields):
    fields.setdefault("sort_order", page.documents.count())
    return EventDocument.objects.create(
        page=page, document=document_obj, kind=kind, locale=page.locale, **fields
    )


# Admin form data: what the page editor POSTs, built with Wagtail's helpers.
# Times are the wall-clock strings an editor types ("2024-04-19 09:00").


def _page_form_data(extra, streamfields, **fields):
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        streamfield,
    )

    data = {
        "title": "An event",
        "slug": f"event-{next(_counter)}",
        "start": "2024-04-19 09:00",
        "end": "2024-04-19 10:00",
        "time_zone": BRUSSELS,
        "all_day": "",
        "recurrence": "",
        "occurrence_changes": inline_formset([]),
        "documents": inline_formset([]),
        "event_type": "",
        "status": "scheduled",
        "attendance_mode": "in_person",
        "venue": "",
        "online_url": "",
        "access": "open",
        "contacts": inline_formset([]),
        "summary": "",
        "interpretation": streamfield([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        **{name: streamfield([]) for name in streamfields},
        **extra,
    }
    data.update(fields)
    return nested_form_data(data)


def conference_form_data(programme_items=(), organisations=(), **fields):
    """POST data of the conference editor; programme_items are dicts of row fields."""
    from wagtail.test.utils.form_data import inline_formset, rich_text

    rows = [
        {
            "kind": "break",
            "title": "Break",
            "room": "",
            "location": "",
            "description": "",
            "all_day": "",
            "speakers-count": "0",
            **row,
        }
        for row in programme_items
    ]
    extra = {
        "introduction": rich_text(""),
        "hero_image": "",
        "organisations": inline_formset(list(organisations)),
        "programme_items": inline_formset(rows),
    }
    fields.setdefault("end", "2024-04-19 18:00")
    return _page_form_data(
        extra, ("body", "speakers", "practical_information"), **fields
    )


def session_form_data(kind="panel", runs=(), **fields):
    """POST data of a panel, workshop or site-visit editor; runs are (start, end)
    strings of a site visit's further runs."""
    from wagtail.test.utils.form_data import inline_formset

    extra = {"room": "", "track": ""}
    if kind == "workshop":
        extra.update(what_to_bring="")
    if kind == "site_visit":
        extra.update(
            meeting_point="Main entrance",
            mode="walking",
            accessibility_notes="",
            runs=inline_formset([{"start": s, "end": e} for s, e in runs]),
        )
    return _page_form_data(extra, ("body", "speakers"), **fields)


def index_form_data(**fields):
    from wagtail.test.utils.form_data import nested_form_data, rich_text

    data = {
        "title": "Events",
        "slug": f"events-{next(_counter)}",
        "introduction": rich_text(""),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(fields)
    return nested_form_data(data)


def organiser(conference_page, organisation_obj, role="organiser"):
    """Link an organisation to a conference, saved (``page.organisations.create``
    only adds it in memory, as modelcluster does)."""
    from wagtail_events.models import ConferenceOrganisation

    return ConferenceOrganisation.objects.create(
        page=conference_page, organisation=organisation_obj, role=role
    )


# Repeating events: rules, extra and left-out dates, changes to single dates.


def weekly(until=None, count=None, byday=None, rdates=(), exdates=(), exrules=()):
    """A django-recurrence ``Recurrence`` repeating every week. ``rdates`` and
    ``exdates`` are ``datetime.date`` objects, stored as the admin widget stores
    them (midnight UTC); ``until`` an aware date-time."""
    import recurrence as django_recurrence

    def bare(day):
        return datetime.datetime.combine(day, datetime.time(0), tzinfo=datetime.UTC)

    rule = django_recurrence.Rule(
        django_recurrence.WEEKLY, until=until, count=count, byday=byday or []
    )
    return django_recurrence.Recurrence(
        rrules=[rule],
        exrules=list(exrules),
        rdates=[bare(d) for d in rdates],
        exdates=[bare(d) for d in exdates],
    )


def cancel(original_start, note=""):
    """An unsaved change that cancels one date; assign to ``occurrence_changes``."""
    from wagtail_events.models import OccurrenceChange

    return OccurrenceChange(original_start=original_start, action="cancel", note=note)


def move(original_start, new_start, new_end, note=""):
    from wagtail_events.models import OccurrenceChange

    return OccurrenceChange(
        original_start=original_start,
        action="move",
        new_start=new_start,
        new_end=new_end,
        note=note,
    )


# Repeating events and occurrences


def repeating(parent, start, end, rule, builder=None, changes=(), **fields):
    """A live event (a workshop unless ``builder`` says otherwise) that repeats by
    ``rule``, in django-recurrence's text form ("RRULE:FREQ=WEEKLY"). ``changes``
    are dicts of OccurrenceChange fields; the page is published again with them,
    as the editor would."""
    from wagtail_events.models import OccurrenceChange

    page = (builder or workshop)(parent, start, end, recurrence=rule, **fields)
    if changes:
        for order, change in enumerate(changes):
            OccurrenceChange.objects.create(page=page, sort_order=order, **change)
        page = type(page).objects.get(pk=page.pk)
        page.save_revision().publish()
    return page


# Translations, made as editors make them: with wagtail-localize.


def locale(language_code="nl"):
    from wagtail.models import Locale

    return Locale.objects.get_or_create(language_code=language_code)[0]


def run_after_commit():
    """A block whose after-commit work runs at its end, inside the test's
    transaction: what wagtail-localize defers to the commit (publishing translated
    pages) and the updates of translations (``translation_sync``)."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def translate(instance, locale_obj=None, subtree=True, user=None):
    """Translate a page or a snippet into ``locale_obj`` (Dutch unless given) as
    the admin's "Translate" does, with what it points to (venue, rooms, form,
    people); a page with its subtree, as "Include subtree" does. Live pages give
    live translations. Returns the translation, or None if wagtail-localize could
    not save it (it swallows validation errors)."""
    from wagtail_localize.operations import TranslationCreator, translate_page_subtree

    locale_obj = locale_obj or locale()
    with run_after_commit():
        TranslationCreator(user, [locale_obj]).create_translations(instance)
        if subtree and isinstance(instance, Page):
            translate_page_subtree(instance.pk, [locale_obj], None, user)
    translation = instance.get_translation_or_none(locale_obj)
    if isinstance(translation, Page):
        return translation.specific
    return translation


def translate_strings(instance, strings, locale_obj=None):
    """Translate the texts of ``instance`` given in ``strings`` ({source text:
    translation}) as a translator does in wagtail-localize's editor, and save the
    translation (published again if live). Returns the translation."""
    from wagtail_localize.models import (
        StringSegment,
        StringTranslation,
        TranslationSource,
    )

    locale_obj = locale_obj or locale()
    source = TranslationSource.objects.get(
        object_id=instance.translation_key, locale_id=instance.locale_id
    )
    segments = StringSegment.objects.filter(source=source).select_related(
        "string", "context"
    )
    for segment in segments:
        if segment.string.data in strings:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale_obj,
                context=segment.context,
                defaults={"data": strings[segment.string.data]},
            )
    translation = source.translations.get(target_locale=locale_obj)
    target = translation.get_target_instance()
    with run_after_commit():
        translation.save_target(publish=getattr(target, "live", True))
    target = type(target)._default_manager.get(pk=target.pk)
    return target.specific if isinstance(target, Page) else target


def typical_questions():
    """The questions of a typical registration form (one required line, one
    optional, a choice, a text): what the cost tests and benchmarks measure."""
    return [
        question("Organisation"),
        question("Role", required=False),
        question("Diet", "dropdown", choices="None\nVegetarian\nVegan"),
        question("Remarks", "multiline", required=False),
    ]


def typical_answers(number):
    """Visitor ``number``'s answers to ``typical_questions``, privacy accepted."""
    return {
        "name": f"Visitor {number}",
        "email": f"visitor{number}@example.org",
        "q_organisation": "VVSG",
        "q_role": "Officer",
        "q_diet": "Vegan",
        "q_remarks": "None",
        "privacy_accepted": "on",
    }
