"""Importing a schedule.json (frab, pretalx) into a conference.

Sessions, rooms and speakers are found again by their frab ``guid``: a session the
import creates takes the event's guid as its translation key, a room or a person
keeps it in its ``guid`` field. Importing the same file twice therefore changes
nothing the second time: every value is compared before anything is saved, and a
page is only given a new revision (and published) when something differs.

Real files often do not follow the schema to the letter (frab's own camp 2019 file
has an upper-case acronym and slugs); the import reads what it can and reports,
item by item, what it created, updated, left unchanged or skipped and why. Only a
file that is not a schedule at all raises ``ScheduleError``, before anything
changes. The whole import is one transaction; a dry run rolls it back.
"""

import datetime
import json
import re
import uuid
from dataclasses import dataclass, field
from html import escape

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from ..editing import validation
from ..localtime import from_local, validate_time_zone
from ..programme.timetable import _speaker_values
from .frab_export import NAMESPACE, person_guid


# frab event types (lower case, spaces and underscores as hyphens) and the page
# type each becomes; any other type becomes a panel.
DEFAULT_TYPES = {
    "panel": "PanelPage",
    "workshop": "WorkshopPage",
    "hands-on": "WorkshopPage",
    "site-visit": "SiteVisitPage",
    "visit": "SiteVisitPage",
    "excursion": "SiteVisitPage",
    "tour": "SiteVisitPage",
}
DEFAULT_MODEL = "PanelPage"

_DURATION = re.compile(r"^(\d+):(\d{1,2})(?::(\d{1,2}))?$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2})?$")


KIND_LABELS = {
    "venue": gettext_lazy("Venue"),
    "room": gettext_lazy("Room"),
    "person": gettext_lazy("Person"),
    "session": gettext_lazy("Session"),
    "day": gettext_lazy("Day"),
}


class ScheduleError(Exception):
    """The data is not a schedule the import can read; nothing was changed."""


@dataclass
class ReportItem:
    kind: str  # venue, room, person, session, or the part of the file (day, room)
    action: str  # created, updated, unchanged, skipped, missing
    label: str
    reason: str = ""
    changes: tuple = ()
    page_id: int | None = None

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.kind, self.kind)

    def __str__(self):
        text = f"{self.kind} {self.action}: {self.label}"
        if self.changes:
            text += f" ({', '.join(self.changes)})"
        if self.reason:
            text += f" ({self.reason})"
        return text


@dataclass
class ImportReport:
    dry_run: bool = False
    items: list = field(default_factory=list)

    ACTIONS = ("created", "updated", "unchanged", "skipped", "missing")

    def add(self, kind, action, label, reason="", changes=(), page_id=None):
        item = ReportItem(kind, action, label, reason, tuple(changes), page_id)
        self.items.append(item)
        return item

    def of(self, action, kind=None):
        return [
            item
            for item in self.items
            if item.action == action and (kind is None or item.kind == kind)
        ]

    @property
    def created(self):
        return self.of("created")

    @property
    def updated(self):
        return self.of("updated")

    @property
    def unchanged(self):
        return self.of("unchanged")

    @property
    def skipped(self):
        return self.of("skipped")

    @property
    def missing(self):
        return self.of("missing")

    @property
    def changed(self):
        return bool(self.created or self.updated)

    def counts(self, kind):
        return {action: len(self.of(action, kind)) for action in self.ACTIONS}

    def summary(self):
        sessions = self.counts("session")
        text = (
            _(
                "Sessions: %(created)s created, %(updated)s updated, %(unchanged)s "
                "unchanged, %(skipped)s skipped, %(missing)s not in the file."
            )
            % sessions
        )
        rooms, people = self.counts("room"), self.counts("person")
        text += " " + _(
            "Rooms: %(rooms_created)s created, %(rooms_updated)s updated. "
            "People: %(people_created)s created, %(people_updated)s updated."
        ) % {
            "rooms_created": rooms["created"],
            "rooms_updated": rooms["updated"],
            "people_created": people["created"],
            "people_updated": people["updated"],
        }
        if self.dry_run:
            text += " " + _("Dry run: nothing was saved.")
        return text

    def lines(self):
        return [str(item) for item in self.items]


def load_schedule(source):
    """A schedule.json from bytes, text or a file, as parsed JSON.

    Raises ``ScheduleError`` with a message for editors if it is not JSON."""
    if hasattr(source, "read"):
        source = source.read()
    if isinstance(source, bytes):
        try:
            source = source.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ScheduleError(_("The file is not UTF-8 encoded text.")) from None
    try:
        return json.loads(source)
    except (TypeError, ValueError) as error:
        detail = (
            f" {error.msg} (line {error.lineno}, column {error.colno})."
            if isinstance(error, json.JSONDecodeError)
            else ""
        )
        raise ScheduleError(_("The file is not valid JSON.") + detail) from None


def _parts(data):
    """(schedule, conference, days) of parsed JSON, or ScheduleError."""
    if not isinstance(data, dict):
        raise ScheduleError(_("The file is not a schedule: expected a JSON object."))
    schedule = data.get("schedule", data)
    info = schedule.get("conference") if isinstance(schedule, dict) else None
    if not isinstance(info, dict):
        raise ScheduleError(
            _("The file is not a schedule: it has no “schedule” with a “conference”.")
        )
    days = info.get("days")
    if not isinstance(days, list):
        raise ScheduleError(_("The schedule has no list of “days”."))
    return schedule, info, days


def import_schedule(conference, data, *, user=None, dry_run=False, types=None):
    """Create or update the conference's sessions, rooms and speakers from a parsed
    schedule.json (or its bytes or text); returns an ``ImportReport``.

    ``types`` maps frab event types to page models (or model names, or None to
    leave events of that type out), over ``DEFAULT_TYPES``.
    """
    if isinstance(data, str | bytes) or hasattr(data, "read"):
        data = load_schedule(data)
    schedule, info, days = _parts(data)
    report = ImportReport(dry_run=dry_run)
    with transaction.atomic():
        _Importer(conference, schedule, info, report, user, types).run(days)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _str(value):
    return value.strip() if isinstance(value, str) else ""


def _text(value):
    return _str(value).replace("\r\n", "\n").replace("\r", "\n")


def _uuid(value):
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def _datetime(value):
    value = _str(value)
    if "T" not in value and " " not in value:
        return None
    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:
        return None


def _date(value):
    try:
        return datetime.date.fromisoformat(_str(value)[:10])
    except ValueError:
        return None


def _duration(value):
    match = _DURATION.match(_str(value))
    if not match:
        return None
    hours, minutes, seconds = (int(group or 0) for group in match.groups())
    return datetime.timedelta(hours=hours, minutes=minutes, seconds=seconds)


def _rich_text(text):
    """Plain text as rich text: paragraphs at blank lines, line breaks kept."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(
        "<p>" + "<br/>".join(escape(line.strip()) for line in p.split("\n")) + "</p>"
        for p in paragraphs
    )


def _model(name):
    if isinstance(name, str):
        return apps.get_model(name if "." in name else f"wagtail_events.{name}")
    return name


def _type_key(value):
    return re.sub(r"[\s_]+", "-", _str(value).lower())


class _Importer:
    def __init__(self, conference, schedule, info, report, user, types):
        ConferencePage = apps.get_model("wagtail_events", "ConferencePage")
        self.conference = ConferencePage.objects.get(pk=conference.pk)
        self.report = report
        self.user = user
        self.zone = self.conference.time_zone
        # Times without an offset are read in the file's zone, else the conference's.
        self.file_zone = self.zone
        try:
            validate_time_zone(_str(info.get("time_zone_name")))
            self.file_zone = _str(info.get("time_zone_name"))
        except ValidationError:
            pass
        self.source = _str(schedule.get("base_url")) or _str(info.get("acronym"))
        self.types = {key: _model(name) for key, name in DEFAULT_TYPES.items()}
        self.types.update({_type_key(k): _model(v) for k, v in (types or {}).items()})
        self.default_model = _model(DEFAULT_MODEL)
        self.room_guids = self._room_guids(info.get("rooms"))
        self.venue = self.conference.venue
        self.rooms, self.people = {}, {}
        self.in_file = set()
        self.children = {
            str(page.translation_key): page
            for page in self.conference.get_children().specific()
            if hasattr(page, "room_id")
        }
        self.slugs = set(self.conference.get_children().values_list("slug", flat=True))

    @staticmethod
    def _room_guids(rooms):
        """Room name -> guid from the conference's list of rooms; a guid given to
        several rooms (pretalx does that) identifies none of them."""
        guids = {}
        for room in rooms if isinstance(rooms, list) else []:
            if isinstance(room, dict) and _str(room.get("name")):
                guids[_str(room["name"])] = _uuid(room.get("guid"))
        values = list(guids.values())
        return {
            name: guid
            for name, guid in guids.items()
            if guid is not None and values.count(guid) == 1
        }

    def run(self, days):
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
        self.missing()

    # Events

    def skip(self, label, reason):
        self.report.add("session", "skipped", label, reason)

    def event(self, event, day, room_name):
        title = _str(event.get("title"))[:255]
        guid = _uuid(event.get("guid"))
        label = title or _str(event.get("guid")) or f"{day.get('date')} {room_name}"
        if guid is None:
            return self.skip(label, _("no valid “guid”"))
        if str(guid) in self.in_file:
            return self.skip(label, _("its guid appears more than once in the file"))
        self.in_file.add(str(guid))
        if not title:
            return self.skip(label, _("no title"))
        start, error = self.start(event, day)
        if start is None:
            return self.skip(label, error)
        end, error = self.end(event, start)
        if end is None:
            return self.skip(label, error)
        if end <= start:
            return self.skip(label, _("it does not end after it starts"))
        outside = validation.outside_conference(start, end, self.conference)
        if outside:
            return self.skip(label, str(outside[0]))
        type_key = _type_key(event.get("type"))
        model = self.types.get(type_key, self.default_model)
        if model is None:
            return self.skip(
                label,
                _("events of type “%(type)s” are not imported") % {"type": type_key},
            )
        page = self.children.get(str(guid))
        if page is None:
            Page = apps.get_model("wagtailcore", "Page")
            other = Page.objects.filter(
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
        room = self.room(_str(event.get("room")) or _str(room_name))
        values = {
            "title": title,
            "start": start,
            "end": end,
            "time_zone": self.zone,
            "room": room,
            "track": _str(event.get("track"))[:100],
            "summary": _text(event.get("abstract")),
        }
        description = _rich_text(_text(event.get("description")))
        body = [{"type": "text", "value": description}] if description else []
        speakers = self.speakers(event.get("persons"), title)
        try:
            with transaction.atomic():
                if page is None:
                    self.create(model, guid, values, body, speakers)
                else:
                    self.update(page, values, body, speakers)
        except ValidationError as error:
            self.skip(label, " ".join(error.messages))

    def start(self, event, day):
        value = _datetime(event.get("date"))
        if value is None:
            # Older files: the day's date and a wall-clock "start"; after midnight
            # belongs to the next calendar day when the day starts later.
            date = _date(event.get("date")) or _date(day.get("date"))
            clock = _CLOCK.match(_str(event.get("start")))
            if date is None or clock is None:
                return None, _("no valid start (“date”)")
            value = datetime.datetime.combine(
                date, datetime.time(int(clock[1]) % 24, int(clock[2]))
            )
            day_start = _datetime(day.get("day_start"))
            if day_start is not None and value.time() < day_start.time():
                value += datetime.timedelta(days=1)
        if value.tzinfo is None:
            try:
                value = from_local(value, self.file_zone)
            except ValidationError as error:
                return None, " ".join(error.messages)
        return value, ""

    def end(self, event, start):
        value = _datetime(event.get("end"))
        if value is not None and value.tzinfo is None:
            try:
                value = from_local(value, self.file_zone)
            except ValidationError as error:
                return None, " ".join(error.messages)
        if value is not None:
            return value, ""
        duration = _duration(event.get("duration"))
        if duration is None:
            return None, _("no valid “duration”")
        return start + duration, ""

    def create(self, model, guid, values, body, speakers):
        page = model(
            slug=self.slug(values["title"]),
            translation_key=guid,
            locale_id=self.conference.locale_id,
            body=body,
            speakers=self.speaker_blocks(speakers),
            live=False,
            **values,
        )
        if hasattr(page, "meeting_point") and values["room"] is not None:
            page.meeting_point = values["room"].name
        self.conference.add_child(instance=page)
        revision = page.save_revision(user=self.user)
        log(
            instance=page, action="wagtail.create", user=self.user, content_changed=True
        )
        revision.publish(user=self.user)
        self.children[str(guid)] = page
        self.report.add("session", "created", page.title, page_id=page.pk)

    def update(self, page, values, body, speakers):
        changes = [
            name
            for name, value in values.items()
            if name != "room" and getattr(page, name) != value
        ]
        if page.room_id != (values["room"].pk if values["room"] else None):
            changes.append("room")
        if [(b["type"], b["value"]) for b in page.body.raw_data] != [
            (b["type"], b["value"]) for b in body
        ]:
            changes.append("body")
        current = [value.get("person") for _h, value in _speaker_values(page.speakers)]
        if current != speakers:
            changes.append("speakers")
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
            page.speakers = self.speaker_blocks(speakers)
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

    # Rooms

    def ensure_venue(self):
        if self.venue is not None:
            return self.venue
        Venue = apps.get_model("wagtail_events", "Venue")
        conference = self.conference
        self.venue = Venue.objects.create(
            name=conference.title[:255], locale_id=conference.locale_id
        )
        self.report.add("venue", "created", self.venue.name)
        if conference.live and not conference.has_unpublished_changes:
            conference.venue = self.venue
            conference.save_revision(user=self.user, log_action=True).publish(
                user=self.user
            )
        else:
            # Keep the editor's draft a draft, with the venue in it too.
            draft = conference.get_latest_revision_as_object()
            draft.venue = self.venue
            draft.save_revision(user=self.user, log_action=True)
            type(conference).objects.filter(pk=conference.pk).update(venue=self.venue)
            conference.venue = self.venue
        return self.venue

    def room(self, name):
        name = name[:255]
        if not name:
            return None
        if name in self.rooms:
            return self.rooms[name]
        Room = apps.get_model("wagtail_events", "Room")
        venue = self.ensure_venue()
        guid = self.room_guids.get(name)
        room = Room.objects.filter(venue=venue, guid=guid).first() if guid else None
        # A guid identifies one room and its translations, each in the venue of
        # its own language. Held by a room of another venue, it is this room's
        # only when this venue translates that one: the room is then made as its
        # translation, otherwise translating that venue later would give this
        # language two rooms with one guid.
        translation_of = None
        if room is None and guid is not None:
            other = (
                Room.objects.filter(guid=guid)
                .select_related("venue")
                .order_by("pk")
                .first()
            )
            if other is not None:
                if other.venue.translation_key == venue.translation_key:
                    translation_of = other
                guid = None
        if room is None:
            room = (
                Room.objects.filter(venue=venue, name=name)
                .order_by("sort_order", "pk")
                .first()
            )
        free = guid is not None
        if room is None and translation_of is not None:
            room = translation_of.copy_for_translation(self.conference.locale)
            if room.pk is None:
                room.save()
            if room.name != name:
                room.name = name
                room.save(update_fields=["name"])
            self.report.add("room", "created", name)
            self.rooms[name] = room
            return room
        if room is None:
            last = Room.objects.filter(venue=venue).aggregate(Max("sort_order"))
            room = Room.objects.create(
                venue=venue,
                name=name,
                guid=guid if free else None,
                sort_order=(last["sort_order__max"] or 0) + 1,
            )
            self.report.add("room", "created", name)
        else:
            changes = []
            if room.name != name:
                room.name = name
                changes.append("name")
            if free and room.guid is None:
                room.guid = guid
                changes.append("guid")
            if changes:
                room.save(update_fields=changes)
            self.report.add(
                "room", "updated" if changes else "unchanged", name, changes=changes
            )
        self.rooms[name] = room
        return room

    # Speakers

    def speakers(self, persons, label):
        """The pks of the event's speakers, in order, creating or updating them."""
        pks = []
        for entry in persons if isinstance(persons, list) else []:
            person = self.person(entry, label) if isinstance(entry, dict) else None
            if person is not None and person.pk not in pks:
                pks.append(person.pk)
        return pks

    def person(self, entry, label):
        name = (_str(entry.get("name")) or _str(entry.get("public_name")))[:255]
        if not name:
            self.report.add("person", "skipped", label, _("a speaker without a name"))
            return None
        guid = _uuid(entry.get("guid"))
        if guid is None:
            ident = entry.get("code") or entry.get("id")
            guid = (
                uuid.uuid5(NAMESPACE, f"{self.source}:person:{ident}")
                if ident not in (None, "")
                else uuid.UUID(person_guid(name))
            )
        if str(guid) in self.people:
            return self.people[str(guid)]
        Person = apps.get_model("wagtail_events", "Person")
        biography = _text(entry.get("biography"))
        # People of the conference's language: a translation of a person keeps
        # the guid of the person it translates.
        people = Person.objects.filter(locale_id=self.conference.locale_id)
        person = people.filter(guid=guid).first()
        changes = []
        if person is None:
            # A person an editor saved before the import, by the same name.
            unlinked = list(people.filter(guid__isnull=True, name=name)[:2])
            # Not when the guid is another person's in another language: this
            # language would get two people with one guid once that one is
            # translated.
            if len(unlinked) == 1 and not (
                Person.objects.filter(guid=guid)
                .exclude(translation_key=unlinked[0].translation_key)
                .exists()
            ):
                person = unlinked[0]
                person.guid = guid
                changes.append("guid")
        if person is None:
            person = self.translated_person(Person, guid) or Person(
                locale_id=self.conference.locale_id
            )
            person.guid, person.name = guid, name
            person.biography = biography or person.biography
            person.save()
            self.report.add("person", "created", name)
        else:
            if person.name != name:
                person.name = name
                changes.append("name")
            if biography and person.biography != biography:
                person.biography = biography
                changes.append("biography")
            if changes:
                person.save(update_fields=changes)
            self.report.add(
                "person", "updated" if changes else "unchanged", name, changes=changes
            )
        self.people[str(guid)] = person
        return person

    def translated_person(self, Person, guid):
        """When the guid is a person's in another language: that person's
        translation into the conference's language (made now if there is none),
        so that the conference's translations share their speakers."""
        other = Person.objects.filter(guid=guid).order_by("pk").first()
        if other is None:
            return None
        from ..models.snippets import create_translation

        locale = self.conference.locale
        return other.get_translation_or_none(locale) or create_translation(
            other, locale
        )

    @staticmethod
    def speaker_blocks(pks):
        return [
            {
                "type": "speaker",
                "value": {
                    "person": pk,
                    "name": "",
                    "role": "",
                    "organisation": "",
                    "country": "",
                    "session_role": "speaker",
                    "confirmation": "confirmed",
                    "participation": "in_person",
                },
            }
            for pk in pks
        ]
