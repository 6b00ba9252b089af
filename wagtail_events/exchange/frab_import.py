"""Importing a schedule.json (frab, pretalx) into a conference.

Sessions, rooms and speakers are found again by their frab ``guid``: a session the
import creates takes the event's guid as its translation key, a room or a person
keeps it in its ``guid`` field. Importing the same file twice therefore changes
nothing the second time: every value is compared before anything is saved, and a
page is only given a new revision (and published) when something differs.

The file is read by ``frab_file`` (only a file that is not a schedule at all
raises ``ScheduleError``, before anything changes), rooms and speakers are found
or made by ``frab_import_rooms`` and ``frab_import_people``, and the import
reports, item by item, what it created, updated, left unchanged or skipped and
why (``frab_report``). The whole import is one transaction; a dry run rolls it
back.
"""

import re
from html import escape

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import get_page_models

from ..editing import validation
from ..enums import is_session, is_site_visit
from ..localtime import validate_time_zone
from ..models import (
    ConferencePage,
    PanelPage,
    SessionPage,
    SiteVisitPage,
    SiteVisitRun,
    WorkshopPage,
)
from ..occurrences.recurrence import is_dated
from ..page_model import base_page_model
from . import frab_file, frab_import_dates, frab_import_plan, frab_limits
from .frab_file import (
    event_end,
    event_start,
    load_schedule,
    room_guids,
    schedule_parts,
    string,
    text,
    type_key,
)
from .frab_import_items import KINDS as ITEM_KINDS
from .frab_import_items import ImportedItems
from .frab_import_people import ImportedPeople
from .frab_import_rooms import ImportedRooms
from .frab_report import ImportReport
from .frab_sessions import session_description
from .signals import schedule_imported as imported


# frab event types (lower case, spaces and underscores as hyphens) and the page
# type each becomes; any other type becomes a panel.
DEFAULT_TYPES = {
    "panel": PanelPage,
    "workshop": WorkshopPage,
    "hands-on": WorkshopPage,
    "site-visit": SiteVisitPage,
    "visit": SiteVisitPage,
    "excursion": SiteVisitPage,
    "tour": SiteVisitPage,
}
DEFAULT_MODEL = PanelPage


def import_schedule(
    conference, data, *, user=None, dry_run=False, types=None, update_dates=False
):
    """Create or update the conference's sessions, rooms and speakers from a parsed
    schedule.json (or its bytes or text); returns an ``ImportReport``.

    ``types`` maps frab event types to page models (or model names, or None to
    leave events of that type out), over ``DEFAULT_TYPES``. A schedule whose
    events lie outside the conference's dates moves the dates to the file's
    with ``update_dates`` (the editor's consent); without it those events are
    skipped and the report says why.
    """
    if isinstance(data, str | bytes) or hasattr(data, "read"):
        data = load_schedule(data)
    else:
        try:
            frab_limits.check(data)  # load_schedule's checks, for parsed data
        except frab_limits.LimitError as error:
            raise frab_file.ScheduleError(str(error)) from None
    schedule, info, days = schedule_parts(data)
    report = ImportReport(dry_run=dry_run)
    with transaction.atomic():
        importer = _Importer(conference, schedule, info, report, user, types)
        importer.run(days, data, update_dates)
        if dry_run:
            transaction.set_rollback(True)
        else:
            transaction.on_commit(lambda: imported.send(None, conference=conference))
    return report


def _body(description):
    """Plain text as a body of rich text: paragraphs at blank lines, line breaks
    kept."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", description) if p.strip()]
    html = "".join(
        "<p>" + "<br/>".join(escape(line.strip()) for line in p.split("\n")) + "</p>"
        for p in paragraphs
    )
    return [{"type": "text", "value": html}] if html else []


def _runs(runs):
    return [
        SiteVisitRun(start=start, end=end, sort_order=order)
        for order, (start, end) in enumerate(sorted(runs))
    ]


def _model(name):
    """A session page type named on the command line ("WorkshopPage", or
    "app_label.ModelName" for a site's own session type), looked up among the
    page types Wagtail knows: a name typed by a person cannot be imported. Only
    session types qualify, since the import fills a session's fields."""
    if not isinstance(name, str):
        return name
    wanted = name.strip().lower()
    sessions = [model for model in get_page_models() if issubclass(model, SessionPage)]
    for model in sessions:
        if wanted in (model.__name__.lower(), model._meta.label_lower):
            return model
    raise frab_file.ScheduleError(
        _("“%(name)s” is not a type of session. Use one of: %(types)s.")
        % {
            "name": name,
            "types": ", ".join(
                sorted(model.__name__ for model in sessions if not model._meta.abstract)
            ),
        }
    )


class _Importer:
    def __init__(self, conference, schedule, info, report, user, types):
        self.conference = ConferencePage.objects.get(pk=conference.pk)
        self.report = report
        self.user = user
        self.zone = self.conference.time_zone
        # Times without an offset are read in the file's zone, else the conference's.
        self.file_zone = self.zone
        try:
            validate_time_zone(string(info.get("time_zone_name")))
            self.file_zone = string(info.get("time_zone_name"))
        except ValidationError:
            pass
        source = string(schedule.get("base_url")) or string(info.get("acronym"))
        self.types = dict(DEFAULT_TYPES)
        self.types.update({type_key(k): _model(v) for k, v in (types or {}).items()})
        self.rooms = ImportedRooms(
            self.conference, report, user, room_guids(info.get("rooms"))
        )
        self.people = ImportedPeople(self.conference, report, source)
        self.items = ImportedItems(self.conference, report, user)
        self.in_file = set()
        self.children = {
            str(page.translation_key): page
            for page in self.conference.get_children().specific()
            if is_session(page)
        }
        self.slugs = set(self.conference.get_children().values_list("slug", flat=True))

    def run(self, days, data=None, update_dates=False):
        self.plan = frab_import_plan.read(data, days, self.file_zone, self.types)
        frab_import_dates.fit(
            self.conference,
            self.plan,
            self.children,
            self.report,
            self.user,
            update_dates,
        )
        if not is_dated(self.conference):
            return  # the report says why: the date is to be announced
        for number, day in enumerate(days, start=1):
            if not isinstance(day, dict) or not isinstance(day.get("rooms"), dict):
                self.report.add(
                    "day", "skipped", str(number), _("not a day with rooms")
                )
                continue
            for room_name, events in day["rooms"].items():
                if not isinstance(events, list):
                    self.report.add(
                        "room", "skipped", room_name, _("not a list of events")
                    )
                    continue
                for event in events:
                    if isinstance(event, dict):
                        self.event(event, day, room_name)
                    else:
                        self.report.add(
                            "session", "skipped", room_name, _("not an event")
                        )
        self.items.save()
        self.missing()

    # Events

    def skip(self, label, reason):
        self.report.add("session", "skipped", label, reason)

    def event(self, event, day, room_name):
        title = string(event.get("title"))[:255]
        guid = frab_file.guid(event.get("guid"))
        label = title or string(event.get("guid")) or f"{day.get('date')} {room_name}"
        if guid is None:
            return self.skip(label, _("no valid “guid”"))
        if str(guid) in self.plan.run_guids:
            return None  # a further run of a site visit, imported with it
        if str(guid) in self.in_file:
            return self.skip(label, _("its guid appears more than once in the file"))
        self.in_file.add(str(guid))
        if not title:
            return self.skip(label, _("no title"))
        start, error = event_start(event, day, self.file_zone)
        if start is None:
            return self.skip(label, error)
        end, error = event_end(event, start, self.file_zone)
        if end is None:
            return self.skip(label, error)
        if end <= start:
            return self.skip(label, _("it does not end after it starts"))
        outside = validation.outside_conference(start, end, self.conference)
        if outside:
            return self.skip(label, str(outside[0]))
        kind = type_key(event.get("type"))
        if kind in ITEM_KINDS and kind not in self.types:
            return self.item(guid, kind, title, start, end, event, room_name)
        model = self.types.get(kind, DEFAULT_MODEL)
        if model is None:
            return self.skip(
                label,
                _("events of type “%(type)s” are not imported") % {"type": kind},
            )
        page = self.children.get(str(guid))
        if page is None:
            pages = base_page_model().objects
            other = pages.filter(
                translation_key=guid, locale_id=self.conference.locale_id
            ).first()
            if other is not None:
                return self.skip(
                    label,
                    _(
                        "its guid belongs to “%(title)s”, which is not a session of this conference"
                    )
                    % {"title": other.title},
                )
        room_name = string(event.get("room")) or string(room_name)
        # A room this package's export named after a track is no room.
        stand_in = room_name in self.plan.track_rooms
        room = None if stand_in else self.rooms.room(room_name)
        values = {
            "title": title,
            "start": start,
            "end": end,
            "time_zone": self.zone,
            "room": room,
            "track": string(event.get("track"))[:100],
            "summary": text(event.get("abstract")),
        }
        description = text(event.get("description"))
        runs = self.plan.runs.get(str(guid), [])
        try:
            with transaction.atomic():
                if page is None:
                    self.create(model, guid, values, description, event, runs)
                else:
                    self.update(page, values, description, event, runs)
        except ValidationError as error:
            self.skip(label, " ".join(error.messages))

    def item(self, guid, kind, title, start, end, event, room_name):
        """A break, meal, plenary or other programme item (``frab_import_items``)."""
        name = string(event.get("room")) or string(room_name)
        room, location = (
            (None, "")
            if name in self.plan.track_rooms
            else self.items.place(name, self.rooms)
        )
        description = text(event.get("description")) or text(event.get("abstract"))
        self.items.add(
            guid,
            {
                "kind": kind,
                "title": title,
                "start": start,
                "end": end,
                "room": room,
                "location": location,
                "description": description,
            },
        )

    def create(self, model, guid, values, description, event, runs):
        page = model(
            slug=self.slug(values["title"]),
            translation_key=guid,
            locale_id=self.conference.locale_id,
            body=_body(description),
            speakers=self.people.speakers(event.get("persons"), values["title"]),
            live=False,
            **values,
        )
        # A site visit meets where the file says it takes place.
        if is_site_visit(page) and values["room"] is not None:
            page.meeting_point = values["room"].name
        if is_site_visit(page):
            page.runs = _runs(runs)
        self.conference.add_child(instance=page)
        revision = page.save_revision(user=self.user)
        log(
            instance=page, action="wagtail.create", user=self.user, content_changed=True
        )
        revision.publish(user=self.user)
        self.children[str(guid)] = page
        self.report.add("session", "created", page.title, page_id=page.pk)

    def update(self, page, values, description, event, runs):
        changes = [
            name
            for name, value in values.items()
            if name != "room" and getattr(page, name) != value
        ]
        if page.room_id != (values["room"].pk if values["room"] else None):
            changes.append("room")
        body = _body(description)
        # The description as this package exports the page (its text, meeting
        # point, notes) is the page as it is.
        if description != session_description(page) and [
            (b["type"], b["value"]) for b in page.body.raw_data
        ] != [(b["type"], b["value"]) for b in body]:
            changes.append("body")
        if not self.people.unchanged(page, event.get("persons")):
            changes.append("speakers")
        if is_site_visit(page) and sorted(
            (run.start, run.end) for run in page.runs.all()
        ) != sorted(runs):
            changes.append("runs")
        if not changes:
            self.report.add("session", "unchanged", page.title, page_id=page.pk)
            return
        if not page.live or page.has_unpublished_changes:
            # An editor's draft or an unpublished page: theirs to decide.
            self.report.add(
                "session",
                "skipped",
                page.title,
                _(
                    "it has changes in the admin that are not published; publish or discard them, then import again"
                ),
                changes=changes,
                page_id=page.pk,
            )
            return
        for name, value in values.items():
            setattr(page, name, value)
        if "body" in changes:
            page.body = body
        if "speakers" in changes:
            page.speakers = self.people.speakers(event.get("persons"), values["title"])
        if "runs" in changes:
            page.runs = _runs(runs)
        page.save_revision(user=self.user, log_action=True).publish(user=self.user)
        self.report.add(
            "session", "updated", page.title, changes=changes, page_id=page.pk
        )

    def slug(self, title):
        base = slugify(title, allow_unicode=True)[:80].strip("-") or "session"
        slug, n = base, 2
        while slug in self.slugs:
            slug, n = f"{base}-{n}", n + 1
        self.slugs.add(slug)
        return slug

    def missing(self):
        for key, page in self.children.items():
            if key not in self.in_file and page.live:
                self.report.add(
                    "session",
                    "missing",
                    page.title,
                    _("not in the file; left as it is"),
                    page_id=page.pk,
                )
