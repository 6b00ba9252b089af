"""The programme items of an imported schedule: events whose frab ``type`` is a
kind of programme item (``registration``, ``break``, ``meal``, ``reception``,
``exhibition``, ``remarks``, ``other``), as this package exports breaks and
plenaries, become the conference's programme items rather than sessions.

An item takes the event's guid as its translation key and is found again by
it, so a second import changes nothing. Items are rows of the conference page:
they are saved with one new revision of it, published, and only when something
differs; a conference with unpublished changes keeps them, and the report says.
"""

from django.utils.translation import gettext as _

from ..models import ProgrammeItem, Room
from .frab_values import entry_guid


KINDS = set(ProgrammeItem.Kind.values)
_FIELDS = ("kind", "title", "start", "end", "room_id", "location", "description")


class ImportedItems:
    def __init__(self, conference, report, user):
        self.conference = conference
        self.report = report
        self.user = user
        self.items = list(conference.programme_items.all())
        self.by_key = {}
        for item in self.items:
            self.by_key[str(item.translation_key)] = item
            # The guid this package's export gives the item (frab_values).
            self.by_key[entry_guid(f"item-{item.translation_key}")] = item
        self.created, self.updated = [], []

    def place(self, name, rooms):
        """(room, location): a room the file names by its guid or that the
        conference's venue has by that name, else the place in words."""
        if not name:
            return None, ""
        room = rooms.exported(name, rooms.guids.get(name))
        if room is None and self.conference.venue_id:
            room = Room.objects.filter(
                venue_id=self.conference.venue_id, name=name
            ).first()
        return (room, "") if room is not None else (None, name[:255])

    def add(self, guid, values):
        item = self.by_key.get(str(guid))
        values = values | {"room_id": values.pop("room").pk if values["room"] else None}
        if item is None:
            item = ProgrammeItem(
                translation_key=guid, locale_id=self.conference.locale_id, **values
            )
            self.items.append(item)
            self.by_key[str(guid)] = item
            self.created.append(item)
            return
        changes = [name for name in _FIELDS if getattr(item, name) != values[name]]
        if not changes:
            self.report.add("item", "unchanged", item.title)
            return
        for name in changes:
            setattr(item, name, values[name])
        self.updated.append((item, changes))

    def save(self):
        """Publish the conference with its items, if any changed."""
        if not self.created and not self.updated:
            return
        conference = self.conference
        if not conference.live or conference.has_unpublished_changes:
            for item in self.created + [item for item, _c in self.updated]:
                self.report.add(
                    "item",
                    "skipped",
                    item.title,
                    _(
                        "the conference has changes in the admin that are not "
                        "published; publish or discard them, then import again"
                    ),
                )
            return
        conference.programme_items = self.items
        conference.save_revision(user=self.user, log_action=True).publish(
            user=self.user
        )
        for item in self.created:
            self.report.add("item", "created", item.title)
        for item, changes in self.updated:
            self.report.add("item", "updated", item.title, changes=changes)
