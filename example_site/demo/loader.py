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
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import recurrence
from django.apps import apps
from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from wagtail_events.localtime import from_local
from wagtail_events.models import (
    ConferenceOrganisation,
    EventIndexPage,
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

from .content import CONTENT


SITE_NAME = "Events example site"
HOME_INTRODUCTION = (
    "<p>An example site for <b>wagtail_events</b>, showing five real event "
    "announcements from Belgium (2020-2024) as demo content, and one invented "
    "weekly meeting that repeats.</p>"
)
INDEX_INTRODUCTION = (
    "<p>Conferences, panels, workshops and site visits. The five real events of the "
    "demo are conferences in the past: see <a href='?when=past&amp;type=conference'>"
    "past conferences</a>. The weekly language practice meeting is an invented "
    "example of a repeating event.</p>"
)


@dataclass
class Report:
    created: list = field(default_factory=list)

    def add(self, kind, name):
        self.created.append(f"{kind}: {name}")


def load():
    """Load every seed; return a ``Report`` of what was created."""
    report = Report()
    with transaction.atomic():
        home = ensure_home(report)
        index = ensure_child(
            home,
            EventIndexPage,
            {"title": "Events", "slug": "events", "introduction": INDEX_INTRODUCTION},
            report,
        )
        for module in CONTENT:
            ensure_snippets(module, report)
        for module in CONTENT:
            ensure_event(index, module.EVENT, report)
        ensure_home_promotion(home, index, report)
    return report


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
        home = HomePage(title=SITE_NAME, slug="home", introduction=HOME_INTRODUCTION)
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
    for data in seed.ORGANISATIONS:
        _get_or_create(Organisation, data, report)
    for data in seed.PEOPLE:
        _get_or_create(Person, data, report)
    for data in seed.VENUES:
        data = dict(data)
        rooms = data.pop("rooms", [])
        venue = _get_or_create(Venue, data, report)
        for order, room in enumerate(rooms):
            if not venue.rooms.filter(name=room["name"]).exists():
                Room.objects.create(venue=venue, sort_order=order, **room)
                report.add("room", f"{room['name']} ({venue.name})")
    for data in getattr(seed, "REGISTRATION_FORMS", []):
        ensure_registration_form(data, report)


# Times of a registration form, given as wall-clock times in its "time_zone".
FORM_TIMES = ("opens_at", "closes_at", "cancellation_deadline")


def ensure_registration_form(data, report):
    """The registration form with this title, made with its questions if missing."""
    fields = dict(data)
    questions = fields.pop("questions", [])
    zone = fields.pop("time_zone", "Europe/Brussels")
    existing = (
        RegistrationForm.objects.filter(title=fields["title"]).order_by("pk").first()
    )
    if existing is not None:
        return existing
    for name in FORM_TIMES:
        if fields.get(name):
            fields[name] = from_local(
                datetime.datetime.fromisoformat(fields[name]), zone
            )
    form = RegistrationForm(**fields)
    form.full_clean()
    form.save()
    for order, question in enumerate(questions):
        RegistrationFormField.objects.create(form=form, sort_order=order, **question)
    report.add(RegistrationForm._meta.verbose_name, form.title)
    return form


def _get_or_create(model, data, report):
    fields = dict(data)
    name = fields.pop("name")
    obj, created = model.objects.get_or_create(name=name, defaults=fields)
    if created:
        obj.full_clean()
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
        page = ensure_child(parent, _model(data), _page_fields(data, None), report)
    page = page.specific
    for session in sessions:
        session = {"time_zone": page.time_zone, **session}
        if not page.get_children().filter(slug=session["slug"]).exists():
            ensure_child(page, _model(session), _page_fields(session, page), report)
    return page


def _model(data):
    return apps.get_model("wagtail_events", data["model"])


def _page_fields(data, conference):
    """Model field values for a page from its demo data."""
    fields = dict(data)
    fields.pop("model")
    zone = fields["time_zone"]
    at = lambda value: from_local(datetime.datetime.fromisoformat(value), zone)  # noqa: E731
    fields["start"], fields["end"] = at(fields["start"]), at(fields["end"])

    form_title = fields.pop("registration_form", None)
    if form_title:
        fields["registration_form"] = (
            RegistrationForm.objects.filter(title=form_title).order_by("pk").first()
        )

    venue_name = fields.pop("venue", None)
    if venue_name:
        fields["venue"] = Venue.objects.get(name=venue_name)
    elif conference is not None:
        fields["venue"] = conference.venue
    room_venue = (conference.venue if conference else None) or fields.get("venue")
    if "room" in fields:
        fields["room"] = room_venue.rooms.get(name=fields["room"])

    for name in ("speakers", "body", "practical_information"):
        if name in fields:
            fields[name] = _resolve_people(fields[name])

    fields["organisations"] = [
        ConferenceOrganisation(
            organisation=Organisation.objects.get(name=name), role=role, sort_order=i
        )
        for i, (name, role) in enumerate(fields.pop("organisations", []))
    ]
    fields["programme_items"] = [
        _programme_item(item, zone, room_venue, i)
        for i, item in enumerate(fields.pop("programme_items", []))
    ]
    fields["runs"] = [
        SiteVisitRun(start=at(run["start"]), end=at(run["end"]), sort_order=i)
        for i, run in enumerate(fields.pop("runs", []))
    ]
    fields["host_organisations"] = [
        Organisation.objects.get(name=name)
        for name in fields.pop("host_organisations", [])
    ]
    # A rule as django-recurrence writes it, such as "RRULE:FREQ=WEEKLY;BYDAY=TU".
    if "recurrence" in fields:
        fields["recurrence"] = recurrence.deserialize(fields["recurrence"])
    fields["occurrence_changes"] = [
        _occurrence_change(change, zone, i)
        for i, change in enumerate(fields.pop("occurrence_changes", []))
    ]
    # Only what the page type has: an empty list would be a wrong keyword elsewhere.
    for name in (
        "organisations",
        "programme_items",
        "runs",
        "host_organisations",
        "occurrence_changes",
    ):
        if not fields[name]:
            del fields[name]
    return fields


def _occurrence_change(data, zone, order):
    """A change to one date of a repeating event; its times are wall-clock times,
    the original start being one the rule gives."""
    data = dict(data)
    for name in ("original_start", "new_start", "new_end"):
        if name in data:
            data[name] = from_local(datetime.datetime.fromisoformat(data[name]), zone)
    return OccurrenceChange(sort_order=order, **data)


def _programme_item(data, zone, venue, order):
    data = dict(data)
    at = lambda value: from_local(datetime.datetime.fromisoformat(value), zone)  # noqa: E731
    data["start"], data["end"] = at(data["start"]), at(data["end"])
    if "room" in data:
        data["room"] = venue.rooms.get(name=data["room"])
    if "speakers" in data:
        data["speakers"] = _resolve_people(data["speakers"])
    return ProgrammeItem(sort_order=order, **data)


def _resolve_people(stream):
    """The raw stream with each speaker's ``person`` name replaced by its pk."""

    def resolve(value):
        if value.get("person"):
            return {**value, "person": Person.objects.get(name=value["person"]).pk}
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
