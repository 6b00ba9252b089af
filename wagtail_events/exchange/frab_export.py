"""A conference's programme in the frab schedule format (schedule.json), as
pretalx and frab publish it and Giggity, ConfClerk and the c3voc tools read it;
``frab_xml`` writes the same data as schedule.xml.

Every entry of the programme (``programme.entries``) is an event: each live,
public session, each run of a site visit, and each programme item (plenaries,
exhibitions, breaks, meals), whose ``type`` is its kind (``remarks``,
``exhibition``, ``break``…) and whose guid derives from its key (``frab_entries``).
Sessions whose hours are not announced yet and cancelled or postponed ones are
left out: an app would show them at a time they do not happen.

A room is named with its building and the venue's address (``places.room_line``);
a session held at another venue without a room there is in that venue's room.

Identifiers are stable and the same in every language (``frab_values``); a
track's stand-in room is named by the track as first written (its sessions'
oldest translation), whatever the language of the file.
"""

import datetime
import hashlib
import json
import math
import re
import uuid
from collections import defaultdict

from django.utils import translation
from django.utils.translation import gettext as _

from .. import __version__
from ..enums import EventStatus, kind_of
from ..i18n import event_languages
from ..localtime import get_zone
from ..models import SiteVisitRun
from ..places import online_address, room_line
from ..programme import speakers
from ..programme.changes import release
from ..programme.entries import programme_entries
from .frab_entries import claim_item_places, item_event
from .frab_sessions import session_persons, session_text
from .frab_values import (
    NAMESPACE,
    acronym,
    ascii_slug,
    hhmm,
    iso,
    room_guid,
    run_guid,
    venue_guid,
)


SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
GENERATOR = "wagtail-civic-events"
# Further runs of site visits need an integer ``id`` of their own, unique in the
# file next to page ids: the run's primary key above this offset.
RUN_ID_OFFSET = 1_000_000_000
EXCLUDED_STATUSES = {EventStatus.CANCELLED, EventStatus.POSTPONED}

_ZONE_NAME = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")
_TRACK_SLUG = re.compile(r"^[a-z][a-z0-9-]*[a-z0-9]$")


def spoken(codes):
    """frab's ``language`` of an event held in ``codes``: the first, or None."""
    return codes[0] if codes else None


class _Builder:
    def __init__(self, conference, request):
        self.conference = conference
        self.request = request
        self.zone = conference.time_zone
        self.tz = get_zone(self.zone)
        self.acronym = acronym(conference)
        # The language the conference is held in (frab has one per event: the
        # first of those stated), never the page's: the English file of a Dutch
        # study day says "nl". None when the conference states none.
        self.language = spoken(event_languages.held_in(conference))
        self.rooms = {}  # key -> {"name", "guid", "order", "capacity"}
        self.room_names = set()
        self.place_keys = {}  # session pk or item key -> key of its room

    # Reading

    def build(self):
        entries = programme_entries(self.conference, self.request)
        sessions = [
            page
            for page in entries.sessions
            if page.status not in EXCLUDED_STATUSES and not page.all_day
        ]
        slots = {slot.key: slot for slot in entries.slots}
        items = [slot for slot in entries.slots if not slot.is_session]
        runs = {}
        for run in SiteVisitRun.objects.filter(
            page_id__in=[s.pk for s in sessions]
        ).order_by("start", "sort_order", "pk"):
            runs.setdefault(run.page_id, []).append(run)
        people = speakers.people_by_id(
            speakers.person_ids([s.speakers for s in sessions])
        )
        self._claim_rooms(sessions, slots, items)
        events = []
        for session in sessions:
            events += self.session_events(session, runs.get(session.pk, []), people)
        for slot in items:
            events.append(item_event(self, slot))
        events.sort(key=lambda e: (e[0]["date"], self.rooms[e[1]]["order"], e[0]["id"]))
        return self.document(events)

    def _claim_rooms(self, sessions, slots, items):
        """One frab room per Room, named with its building and the venue's address
        (``places.room_line``), in the programme's column order (the home venue's
        rooms first); one per other venue that sessions are held at without a
        room; one per track of the other sessions; one per place the programme
        items name in words. Names are unique in the file."""
        own = [slots[str(s.translation_key)] for s in sessions]
        used = {
            slot.room_record.pk: slot
            for slot in own + items
            if slot.room_record is not None
        }
        for slot in sorted(used.values(), key=lambda s: s.room_order):
            room = slot.room_record
            self.add_room(
                ("room", room.pk),
                room_line(room),
                room_guid(room),
                (0, len(self.rooms)),
                capacity=room.capacity,
            )
        without_room = []
        for session, slot in zip(sessions, own, strict=True):
            if slot.room_record is not None:
                self.place_keys[session.pk] = ("room", slot.room_record.pk)
            elif slot.elsewhere and slot.venue is not None:
                # Held at another venue (De Zalm): that venue is its room.
                venue = slot.venue
                key = self.place_keys[session.pk] = ("venue", venue.pk)
                if key not in self.rooms:
                    guid = venue_guid(venue)
                    self.add_room(key, slot.location_line, guid, (0, len(self.rooms)))
            else:
                without_room.append(session)
        self._claim_track_rooms(without_room)
        claim_item_places(self, items)

    def _claim_track_rooms(self, without_room):
        first_tracks = self._first_tracks(without_room)
        for session in without_room:
            # The track as first written, or the session type's English name:
            # one room with one guid in every language the programme is read
            # in, even when two labels of a translation stand for one track.
            with translation.override(None):
                name = (
                    first_tracks.get(session.translation_key)
                    or str(session._meta.verbose_name).capitalize()
                )
            key = self.place_keys[session.pk] = ("track", name)
            if key not in self.rooms:
                label = self._track_room(session)
                guid = uuid.uuid5(
                    NAMESPACE, f"{self.conference.translation_key}:track:{name}"
                )
                self.add_room(key, label, str(guid), (1, label))

    @staticmethod
    def _first_tracks(sessions):
        """{translation key: track} of the sessions' oldest translations (the
        language they were written in), one query per session type."""
        keys = defaultdict(set)
        for session in sessions:
            if session.track:
                keys[type(session)].add(session.translation_key)
        tracks = {}
        for model, model_keys in keys.items():
            rows = model.objects.filter(translation_key__in=model_keys).order_by("-pk")
            # Newest first: the oldest translation's track is written last.
            tracks.update(rows.values_list("translation_key", "track"))
        return tracks

    def add_room(self, key, name, guid, order, capacity=None):
        unique, n = name, 2
        while unique in self.room_names:
            unique, n = f"{name} {n}", n + 1
        self.room_names.add(unique)
        self.rooms[key] = {
            "name": unique,
            "guid": guid,
            "order": order,
            "capacity": capacity,
        }

    @staticmethod
    def _track_room(session):
        return session.track or str(session._meta.verbose_name).capitalize()

    # Events

    def url(self, page):
        return page.get_full_url(self.request) or ""

    def session_events(self, session, runs, people):
        key = self.place_keys[session.pk]
        persons, tbc = session_persons(session, people)
        description = session_text(session, tbc)
        # The kinds of event page are named as frab types (EventKind's values).
        kind = str(kind_of(session))
        slug = ascii_slug(session.slug) or "session"
        links = []
        online = online_address(session, self.conference)
        if online:
            links.append({"url": online, "title": _("Join online"), "type": "web"})
        times = [(session.start, session.end, None)] + [
            (run.start, run.end, run) for run in runs
        ]
        # The schema wants a URI; a page outside every site has no web address.
        url = self.url(session) or f"urn:uuid:{session.translation_key}"
        events = []
        for number, (start, end, run) in enumerate(times, start=1):
            if run is None:
                guid, event_id = str(session.translation_key), session.pk
                event_slug = f"{self.acronym}-{session.pk}-{slug}"
            else:
                guid = run_guid(session.translation_key, start)
                event_id = RUN_ID_OFFSET + run.pk
                event_slug = f"{self.acronym}-{session.pk}-{slug}-{number}"
            local = start.astimezone(self.tz)
            event = {
                "guid": guid,
                "id": event_id,
                "date": iso(start, self.tz),
                "start": local.strftime("%H:%M"),
                "end": iso(end, self.tz),
                "duration": hhmm(end - start),
                "room": self.rooms[key]["name"],
                "slug": event_slug,
                "url": url,
                "title": session.title,
                "subtitle": "",
                "track": session.track or None,
                "type": kind,
                "language": spoken(event_languages.held_in(session, self.conference)),
                "abstract": session.summary,
                "description": description,
                "persons": persons,
                "links": links,
                "attachments": [],
            }
            events.append((event, key))
        return events

    # The document

    def days(self, events):
        first = self.conference.start.astimezone(self.tz).date()
        last = max(first, self.conference.end.astimezone(self.tz).date())
        dates = {
            first + datetime.timedelta(days=n) for n in range((last - first).days + 1)
        }
        by_date = {}
        for event, key in events:
            day = datetime.date.fromisoformat(event["date"][:10])
            dates.add(day)
            by_date.setdefault(day, []).append((event, key))
        days = []
        for index, day in enumerate(sorted(dates), start=1):
            rooms = {}
            for key in sorted(
                {key for _event, key in by_date.get(day, [])},
                key=lambda k: self.rooms[k]["order"],
            ):
                rooms[self.rooms[key]["name"]] = [
                    event for event, k in by_date[day] if k == key
                ]
            midnight = datetime.datetime.combine(day, datetime.time(0, 0), self.tz)
            days.append(
                {
                    "index": index,
                    "date": day.isoformat(),
                    "day_start": midnight.isoformat(timespec="seconds"),
                    "day_end": midnight.replace(hour=23, minute=59).isoformat(
                        timespec="seconds"
                    ),
                    "rooms": rooms,
                }
            )
        return days

    def timeslot(self, events):
        """The largest step that every start and length is a multiple of (5 to 60
        minutes), so that apps draw a grid all sessions fit."""
        values = []
        for event, _key in events:
            start = datetime.datetime.fromisoformat(event["date"])
            end = datetime.datetime.fromisoformat(event["end"])
            values.append(start.hour * 60 + start.minute)
            values.append(int((end - start).total_seconds()) // 60)
        step = math.gcd(*values) if values else 0
        step = 15 if step == 0 or step > 60 else max(step, 5)
        return f"00:{step:02d}" if step < 60 else "01:00"

    def document(self, events):
        conference = self.conference
        days = self.days(events)
        url = self.url(conference)
        info = {
            "acronym": self.acronym,
            "title": conference.title,
            "start": days[0]["date"],
            "end": days[-1]["date"],
            "daysCount": len(days),
            "timeslot_duration": self.timeslot(events),
        }
        if _ZONE_NAME.match(self.zone):
            info["time_zone_name"] = self.zone
        if conference.summary:
            info["description"] = conference.summary
        if url:
            info["url"] = url
        tracks = sorted({event["track"] for event, _key in events if event["track"]})
        if tracks:
            info["tracks"] = [_track(name) for name in tracks]
        info["rooms"] = [
            {"name": room["name"], "guid": room["guid"]}
            | ({"capacity": room["capacity"]} if room["capacity"] else {})
            for room in sorted(self.rooms.values(), key=lambda r: r["order"])
        ]
        info["days"] = days
        digest = hashlib.sha256(
            json.dumps(info, sort_keys=True, default=str).encode()
        ).hexdigest()[:12]
        # The release (``programme.changes``: one more each time a change of time,
        # place or status is recorded), as pretalx numbers its releases; the
        # digest changes with any other edit too, so apps know to reload.
        number = release(conference)
        schedule = {"version": f"{number}.{digest}" if number else digest}
        if url:
            schedule["base_url"] = url
        schedule["conference"] = info
        return {
            "$schema": SCHEMA_URL,
            "generator": {"name": GENERATOR, "version": __version__},
            "schedule": schedule,
        }


def _track(name):
    track = {"name": name}
    slug = ascii_slug(name)
    if _TRACK_SLUG.match(slug):
        track["slug"] = slug
    return track


def schedule_data(conference, request=None):
    """The conference's schedule.json as a dict."""
    return _Builder(conference, request).build()


def schedule_json(conference, request=None):
    return json.dumps(schedule_data(conference, request), ensure_ascii=False, indent=1)
