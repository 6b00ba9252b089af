"""The rooms of an imported schedule: found again in the conference's venue by
their frab guid or name, or made there (and the venue with them, when the
conference has none yet)."""

from django.db.models import Max

from ..models import Room, Venue
from ..places import room_lines
from .frab_values import room_guid


class ImportedRooms:
    """The rooms one import reads, by the name the file gives them. ``guids``:
    ``frab_file.room_guids`` of the file's list of rooms."""

    def __init__(self, conference, report, user, guids):
        self.conference = conference
        self.report = report
        self.user = user
        self.guids = guids
        self.venue = conference.venue
        self.by_name = {}

    def ensure_venue(self):
        if self.venue is not None:
            return self.venue
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

    def exported(self, name, guid):
        """A room of any venue in the conference's language that this file names
        by its guid: the guid an import gave it, or the one this package's export
        derives from its translation key, under any name the export gives it. Such
        a room is found again where it is (a session held in a nearby venue stays
        there)."""
        if guid is None:
            return None
        rooms = Room.objects.filter(locale_id=self.conference.locale_id)
        room = rooms.filter(guid=guid).select_related("venue").first()
        if room is not None:
            return room
        # The export names a room "Room, Building, address" (places.room_line);
        # older exports "Room" or "Room (Venue)".
        names = {name, name.rsplit(" (", 1)[0], name.split(", ", 1)[0]}
        return next(
            (
                r
                for r in rooms.filter(guid__isnull=True, name__in=names)
                if room_guid(r) == str(guid)
            ),
            None,
        )

    def room(self, name):
        name = name[:255]
        if not name:
            return None
        if name in self.by_name:
            return self.by_name[name]
        guid = self.guids.get(name)
        room = self.exported(name, guid)
        if room is not None:
            self.report.add("room", "unchanged", name)
            self.by_name[name] = room
            return room
        venue = self.ensure_venue()
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
        if room is None:
            # This package's export names a room with its building and address.
            room = next(
                (
                    r
                    for r in venue.rooms.select_related("venue")
                    if name in room_lines(r)
                ),
                None,
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
            self.by_name[name] = room
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
            if room.name != name and name not in room_lines(room):
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
        self.by_name[name] = room
        return room
