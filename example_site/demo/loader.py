"""Load the demo content into the database, once.

Everything is found again before it is made: snippets by name, rooms by name
within their venue, pages by slug under their parent. A second run therefore
creates nothing and changes nothing; it does not update what already exists
either (delete a page to have it loaded afresh).

Registration forms (snippets) are found again by title; their questions are
made with them. A page names its form by title.

Pages are published as they are made, so the package's signal handler
materialises their occurrences: one per one-off event, one per run of a site
visit, one per date of the repeating example, with its changes to single dates.

Languages: the site has a locale per language of ``WAGTAIL_CONTENT_LANGUAGES``
(en, nl, fr). Content is made in its module's ``LOCALE`` (English unless it says
otherwise), snippets and pages alike, and found again within it. Translations are
made afterwards with wagtail-localize (``translate.py``), from the strings of the
content modules: the home page and the event index in every language, and what
``content.TRANSLATED`` lists (seed 002 into Dutch, seed 003 into English).
"""

import datetime
import json
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import recurrence
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.test.utils import override_settings
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    Translation,
    TranslationSource,
)

from wagtail_events.localtime import from_local
from wagtail_events.models import (
    ConferenceOrganisation,
    Contact,
    EventContact,
    EventIndexPage,
    EventPage,
    OccurrenceChange,
    Organisation,
    Person,
    ProgrammeItem,
    RegistrationForm,
    RegistrationFormField,
    Room,
    SiteVisitRun,
    Venue,
)

from .content import CONTENT, TRANSLATED
from .content import site as site_content
from .documents import document_rows, ensure_event_types, event_type
from .translate import translate


SITE_NAME = site_content.SITE_NAME


@dataclass
class Report:
    created: list = field(default_factory=list)

    def add(self, kind, name):
        self.created.append(f"{kind}: {name}")


def load():
    """Load every seed; return a ``Report`` of what was created."""
    report = Report()
    # The package brings translations up to date after each save of their source
    # (``translation_sync``); the demo makes its translations after the sources are
    # complete, so that work would only redo them all when the transaction commits.
    with (
        override_settings(WAGTAIL_EVENTS_SYNC_TRANSLATIONS=False),
        transaction.atomic(),
    ):
        locales = ensure_locales(report)
        default = Locale.get_default()
        home = ensure_home(report)
        index = ensure_child(home, EventIndexPage, site_content.INDEX, report)
        for module in CONTENT:
            ensure_snippets(module, report)
        for module in CONTENT:
            if locale_of(module) == default:
                ensure_event(index, module.EVENT, report)
        ensure_home_promotion(home, index, report)

        # The home page and the index in every language; then what is written in
        # another language goes under that language's index.
        indexes = {default: index}
        for code, strings in site_content.TRANSLATIONS.items():
            locale = locales[code]
            translate([home, index], locale, strings, report, what="the site")
            indexes[locale] = index.get_translation(locale).specific
        for module in CONTENT:
            if locale_of(module) != default:
                ensure_event(indexes[locale_of(module)], module.EVENT, report)

        for module, code, strings in TRANSLATED:
            translate(
                translated_objects(module),
                locales[code],
                strings,
                report,
                what=module.__name__.rpartition(".")[2],
            )
        for locale in indexes:
            if locale != default:
                promote_translated_event(home, locale, report)
    return report


def ensure_locales(report):
    """A locale for each of the site's content languages, by language code."""
    locales = {}
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        locales[code], created = Locale.objects.get_or_create(language_code=code)
        if created:
            report.add("locale", code)
    return locales


def locale_of(module):
    """The locale a content module is written in: English unless it says."""
    return Locale.objects.get(language_code=getattr(module, "LOCALE", "en"))


def translated_objects(module):
    """What a translated seed translates: its event with every page below it, and
    all its snippets, also those that no page points to through a translated field
    (a workshop's hosting organisations are synchronised, not translated)."""
    locale = locale_of(module)
    event = EventPage.objects.get(slug=module.EVENT["slug"], locale=locale).specific
    pages = [event, *event.get_descendants().specific()]
    snippets = [
        *(_find(Organisation, d["name"], locale) for d in module.ORGANISATIONS),
        *(_find(Person, d["name"], locale) for d in module.PEOPLE),
        *(_find(Venue, d["name"], locale) for d in module.VENUES),
        *(_find(Contact, d["name"], locale) for d in getattr(module, "CONTACTS", [])),
        *(
            _registration_form(d["title"], locale)
            for d in getattr(module, "REGISTRATION_FORMS", [])
        ),
    ]
    return pages + snippets


# The weekly meeting is the one demo event ahead of today: the home page promotes
# it with its registration form, as a host site would with the package's block.
PROMOTED_SLUG = "dutch-language-practice-meeting"


def ensure_home_promotion(home, index, report):
    if home.body:
        return
    event = index.get_children().filter(slug=PROMOTED_SLUG).first()
    if event is None:
        return
    home.body = [("registration_form", {"page": event})]
    home.save_revision().publish()
    report.add("block", "registration form on the home page")


def promote_translated_event(home, locale, report):
    """The home page in ``locale`` promotes the promoted event's translation in
    that language, when it has one. wagtail-localize keeps the English page in the
    block (a chosen page is not translated, only overridden); this is the override
    a translator would choose in its editor, and the translation is saved again."""
    source = TranslationSource.objects.get(
        object_id=home.translation_key, locale=home.locale
    )
    event = home.body[0].value["page"] if home.body else None
    translated = event.get_translation_or_none(locale) if event else None
    if translated is None:
        return
    segment = OverridableSegment.objects.select_related("context").get(
        source=source, context__path__endswith=".page"
    )
    _override, created = SegmentOverride.objects.get_or_create(
        locale=locale,
        context=segment.context,
        defaults={"data_json": json.dumps(translated.pk)},
    )
    if created:
        Translation.objects.get(source=source, target_locale=locale).save_target(
            publish=False
        )
        home.get_translation(locale).get_latest_revision().publish()
        report.add("block", f"{translated.title} on the home page ({locale})")


# The site's home page ---------------------------------------------------------


def _serve_at_base_url(site):
    """Links in e-mails and calendar files are absolute, built from the Site: make
    them lead to where the demo is served (``make demo`` sets the base URL)."""
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    if base.hostname:
        site.hostname = base.hostname
        site.port = base.port or (443 if base.scheme == "https" else 80)


def ensure_home(report):
    HomePage = apps.get_model("home", "HomePage")
    tree_root = Page.get_first_root_node()
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        _serve_at_base_url(site)
        site.save()
        return site.root_page.specific

    home = tree_root.get_children().type(HomePage).filter(slug="home").first()
    old = site.root_page if site is not None else None
    if home is None:
        if old is not None and old.slug == "home":
            # Wagtail's "Welcome" page: free its slug for the home page.
            old.slug = f"welcome-{old.pk}"
            old.save()
        home = HomePage(**site_content.HOME)
        tree_root.add_child(instance=home)
        home.save_revision().publish()
        report.add("page", home.title)
    else:
        home = home.specific

    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    _serve_at_base_url(site)
    site.root_page = home
    site.site_name = site.site_name or SITE_NAME
    site.save()

    if old is not None and old.specific_class is Page and old.is_leaf():
        old.delete()  # the untouched "Welcome" page
    return home


# Snippets ----------------------------------------------------------------------


def ensure_snippets(seed, report):
    """The seed's snippets, in the seed's locale."""
    locale = locale_of(seed)
    ensure_event_types(seed, locale, report)
    for data in seed.ORGANISATIONS:
        _get_or_create(Organisation, data, locale, report)
    for data in seed.PEOPLE:
        _get_or_create(Person, data, locale, report)
    for data in seed.VENUES:
        data = dict(data)
        rooms = data.pop("rooms", [])
        venue = _get_or_create(Venue, data, locale, report)
        for order, room in enumerate(rooms):
            if not venue.rooms.filter(name=room["name"]).exists():
                Room.objects.create(
                    venue=venue, sort_order=order, locale=locale, **room
                )
                report.add("room", f"{room['name']} ({venue.name})")
    for data in getattr(seed, "REGISTRATION_FORMS", []):
        ensure_registration_form(data, locale, report)
    # Named contacts, after the organisations they work for (named by name).
    for data in getattr(seed, "CONTACTS", []):
        data = dict(data)
        if data.get("organisation"):
            data["organisation"] = _find(Organisation, data["organisation"], locale)
        _get_or_create(Contact, data, locale, report)


# Times of a registration form, given as wall-clock times in its "time_zone".
FORM_TIMES = ("opens_at", "closes_at", "cancellation_deadline")


def ensure_registration_form(data, locale, report):
    """The registration form with this title in ``locale``, made with its
    questions if missing."""
    fields = dict(data)
    questions = fields.pop("questions", [])
    zone = fields.pop("time_zone", "Europe/Brussels")
    existing = _registration_form(fields["title"], locale)
    if existing is not None:
        return existing
    for name in FORM_TIMES:
        if fields.get(name):
            fields[name] = from_local(
                datetime.datetime.fromisoformat(fields[name]), zone
            )
    form = RegistrationForm(locale=locale, **fields)
    form.full_clean()
    form.save()
    for order, question in enumerate(questions):
        RegistrationFormField.objects.create(
            form=form, sort_order=order, locale=locale, **question
        )
    report.add(RegistrationForm._meta.verbose_name, form.title)
    return form


def _registration_form(title, locale):
    return (
        RegistrationForm.objects.filter(title=title, locale=locale)
        .order_by("pk")
        .first()
    )


def _find(model, name, locale):
    """A snippet by its name in ``locale`` (a person's name is the same in every
    language, so the locale is needed to tell translations apart)."""
    return model.objects.get(name=name, locale=locale)


def _get_or_create(model, data, locale, report):
    fields = dict(data)
    name = fields.pop("name")
    obj = model.objects.filter(name=name, locale=locale).first()
    if obj is None:
        obj = model(name=name, locale=locale, **fields)
        obj.full_clean()
        obj.save()
        report.add(model._meta.verbose_name, name)
    return obj


# Pages -------------------------------------------------------------------------


def ensure_child(parent, model, fields, report):
    """The live child of ``parent`` with the slug in ``fields``, made if missing."""
    existing = parent.get_children().filter(slug=fields["slug"]).first()
    if existing is not None:
        return existing.specific
    page = model(**fields)
    parent.add_child(instance=page)
    # A revision, so that the admin's edit view and history have one to show.
    page.save_revision().publish()
    report.add("page", page.title)
    return page


def ensure_event(parent, data, report):
    data = dict(data)
    sessions = data.pop("sessions", [])
    page = parent.get_children().filter(slug=data["slug"]).first()
    if page is None:
        fields = _page_fields(data, None, parent.locale)
        page = ensure_child(parent, _model(data), fields, report)
    page = page.specific
    for session in sessions:
        session = {"time_zone": page.time_zone, **session}
        if not page.get_children().filter(slug=session["slug"]).exists():
            fields = _page_fields(session, page, page.locale)
            ensure_child(page, _model(session), fields, report)
    return page


def _model(data):
    return apps.get_model("wagtail_events", data["model"])


def _page_fields(data, conference, locale):
    """Model field values for a page from its demo data; the snippets it names are
    those of ``locale``, the page's."""
    fields = dict(data)
    fields.pop("model")
    zone = fields["time_zone"]
    at = lambda value: from_local(datetime.datetime.fromisoformat(value), zone)  # noqa: E731
    # A series has no dates of its own: they follow its meetings.
    if "start" in fields:
        fields["start"], fields["end"] = at(fields["start"]), at(fields["end"])

    form_title = fields.pop("registration_form", None)
    if form_title:
        fields["registration_form"] = _registration_form(form_title, locale)

    if "event_type" in fields:
        fields["event_type"] = event_type(fields["event_type"], locale)
    fields["documents"] = document_rows(fields.pop("documents", []), locale)

    venue_name = fields.pop("venue", None)
    if venue_name:
        fields["venue"] = _find(Venue, venue_name, locale)
    elif conference is not None:
        fields["venue"] = conference.venue
    room_venue = (conference.venue if conference else None) or fields.get("venue")
    if "room" in fields:
        fields["room"] = room_venue.rooms.get(name=fields["room"])

    for name in ("speakers", "body", "practical_information"):
        if name in fields:
            fields[name] = _resolve_people(fields[name], locale)

    fields["organisations"] = [
        ConferenceOrganisation(
            organisation=_find(Organisation, name, locale),
            role=role,
            sort_order=i,
            locale=locale,
        )
        for i, (name, role) in enumerate(fields.pop("organisations", []))
    ]
    fields["contacts"] = [
        EventContact(
            contact=_find(Contact, name, locale),
            purpose=purpose,
            sort_order=i,
            locale=locale,
        )
        for i, (name, purpose) in enumerate(fields.pop("contacts", []))
    ]
    fields["programme_items"] = [
        _programme_item(item, zone, room_venue, i, locale)
        for i, item in enumerate(fields.pop("programme_items", []))
    ]
    fields["runs"] = [
        SiteVisitRun(start=at(run["start"]), end=at(run["end"]), sort_order=i)
        for i, run in enumerate(fields.pop("runs", []))
    ]
    fields["host_organisations"] = [
        _find(Organisation, name, locale)
        for name in fields.pop("host_organisations", [])
    ]
    # A rule as django-recurrence writes it, such as "RRULE:FREQ=WEEKLY;BYDAY=TU".
    if "recurrence" in fields:
        fields["recurrence"] = recurrence.deserialize(fields["recurrence"])
    fields["occurrence_changes"] = [
        _occurrence_change(change, zone, i, locale)
        for i, change in enumerate(fields.pop("occurrence_changes", []))
    ]
    # Only what the page type has: an empty list would be a wrong keyword elsewhere.
    for name in (
        "organisations",
        "contacts",
        "programme_items",
        "runs",
        "host_organisations",
        "occurrence_changes",
        "documents",
    ):
        if not fields[name]:
            del fields[name]
    return fields


def _occurrence_change(data, zone, order, locale):
    """A change to one date of a repeating event; its times are wall-clock times,
    the original start being one the rule gives."""
    data = dict(data)
    for name in ("original_start", "new_start", "new_end"):
        if name in data:
            data[name] = from_local(datetime.datetime.fromisoformat(data[name]), zone)
    return OccurrenceChange(sort_order=order, locale=locale, **data)


def _programme_item(data, zone, venue, order, locale):
    data = dict(data)
    at = lambda value: from_local(datetime.datetime.fromisoformat(value), zone)  # noqa: E731
    data["start"], data["end"] = at(data["start"]), at(data["end"])
    if "room" in data:
        data["room"] = venue.rooms.get(name=data["room"])
    if "speakers" in data:
        data["speakers"] = _resolve_people(data["speakers"], locale)
    return ProgrammeItem(sort_order=order, locale=locale, **data)


def _resolve_people(stream, locale):
    """The raw stream with each speaker's ``person`` name replaced by the pk of
    the person in ``locale``."""

    def resolve(value):
        if value.get("person"):
            return {**value, "person": _find(Person, value["person"], locale).pk}
        return value

    resolved = []
    for block in stream:
        if block["type"] == "speaker":
            block = {**block, "value": resolve(block["value"])}
        elif block["type"] == "speaker_list":
            items = [
                {**item, "value": resolve(item["value"])}
                for item in block["value"]["speakers"]
            ]
            block = {**block, "value": {**block["value"], "speakers": items}}
        resolved.append(block)
    return resolved
