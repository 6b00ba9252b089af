"""What a schedule import did, item by item: the venue, rooms, people and
sessions it created, updated, left unchanged or skipped (and why), and the
sessions of the conference the file no longer has. The command prints it, the
import screen shows it grouped by what happened.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


KIND_LABELS = {
    "conference": gettext_lazy("Conference"),
    "venue": gettext_lazy("Venue"),
    "room": gettext_lazy("Room"),
    "person": gettext_lazy("Person"),
    "session": gettext_lazy("Session"),
    "item": gettext_lazy("Programme item"),
    "day": gettext_lazy("Day"),
}


@dataclass
class ReportItem:
    kind: str  # conference, venue, room, person, session, item, or the part of the file (day, room)
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
        for item in self.of("skipped", "conference"):
            text = f"{item.reason} {text}"
        if self.dry_run:
            text += " " + _("Dry run: nothing was saved.")
        return text

    def lines(self):
        return [str(item) for item in self.items]
