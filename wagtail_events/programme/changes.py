"""Changes to a published programme, recorded as pretalx records its schedule
releases: when an entry's time, place or status changes, or it is taken out.

``record(conference)`` compares the programme (``build_programme``; an entry is
identified by ``Slot.key``, the same in every language and across changes) with
the snapshot of the programme as last published (``ProgrammeSnapshot``), saves
one ``ScheduleChange`` per difference and counts a release (the snapshot's
``version``, which the frab ``version`` follows). The first record is the
baseline and records nothing. It runs on every publish of the conference or of
one of its sessions, and when a session is unpublished or deleted
(``signal_handlers``).

A conference's translations share one history (its translation key). Times and
statuses are the same in every language and are compared whichever translation
is published; places are written in words, so they are compared only in the
language of the snapshot, and only that language takes entries out: a
translation that is still missing sessions has not removed them.

``history(conference)`` is what the conference page shows: the changes, newest
first, with their values ready for the reader's language and zone (one query).
"""

import datetime
import hashlib
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..enums import EventStatus
from ..localtime import to_local
from ..models import CalendarSequence, ProgrammeSnapshot, ScheduleChange
from .timetable import build_programme


# How many changes the conference page shows, newest first.
SHOWN = 50

What = ScheduleChange.What


def entries_of(programme):
    """{key: {start, end, place, status, title}} of every entry of a programme,
    times as wall-clock times in the conference's zone (as ``Slot`` has them)."""
    return {
        slot.key: {
            "start": slot.start.isoformat(),
            "end": slot.end.isoformat(),
            "place": slot.place,
            "status": slot.status,
            "title": slot.title,
        }
        for day in programme.days
        for slot in day.all_day + day.slots
        if slot.key
    }


def _times(entry):
    return f"{entry['start']}|{entry['end']}"


def differences(before, after, *, compare_places=True, take_out=True):
    """[(key, title, what, before, after)] between two snapshots' entries."""
    found = []
    for key, old in before.items():
        new = after.get(key)
        if new is None:
            if take_out:
                found.append((key, old["title"], What.REMOVED, "", ""))
            continue
        title = new["title"] if compare_places else old["title"]
        if _times(old) != _times(new):
            found.append((key, title, What.TIME, _times(old), _times(new)))
        if compare_places and old["place"] != new["place"]:
            found.append((key, title, What.PLACE, old["place"], new["place"]))
        if old["status"] != new["status"]:
            found.append((key, title, What.STATUS, old["status"], new["status"]))
    return found


def _merged(before, after, same_language):
    """The next snapshot: the new times and statuses; in another language, the
    places and titles as written in the snapshot's, and its entries kept."""
    if same_language:
        return after
    merged = dict(before)
    for key, new in after.items():
        old = before.get(key)
        merged[key] = (
            new if old is None else new | {"place": old["place"], "title": old["title"]}
        )
    return merged


def record(conference, now=None):
    """Record the changes of a live conference's programme since it was last
    published; returns the ``ScheduleChange`` rows saved (none the first time)."""
    if not conference.live:
        return []
    entries = entries_of(build_programme(conference))
    language = conference.locale.language_code
    with transaction.atomic():
        snapshot = (
            ProgrammeSnapshot.objects.select_for_update()
            .filter(conference_key=conference.translation_key)
            .first()
        )
        if snapshot is None or not snapshot.entries:
            # The baseline: nothing was published to change yet.
            ProgrammeSnapshot.objects.update_or_create(
                conference_key=conference.translation_key,
                defaults={"entries": entries, "language": language},
            )
            return []
        same = snapshot.language == language
        found = differences(
            snapshot.entries, entries, compare_places=same, take_out=same
        )
        merged = _merged(snapshot.entries, entries, same)
        if not found:
            if merged != snapshot.entries:
                snapshot.entries = merged
                snapshot.save(update_fields=["entries", "updated_at"])
            return []
        snapshot.version += 1
        snapshot.entries = merged
        snapshot.save(update_fields=["entries", "version", "updated_at"])
        rows = ScheduleChange.objects.bulk_create(
            ScheduleChange(
                conference_key=conference.translation_key,
                entry_key=key,
                entry_title=title[:255],
                what=what,
                before=old[:255],
                after=new[:255],
                version=snapshot.version,
            )
            for key, title, what, old, new in found
        )
        _raise_item_sequences({row.entry_key for row in rows}, merged)
    return rows


def _raise_item_sequences(keys, entries):
    """Programme items have no page of their own whose publish raises their
    calendar SEQUENCE (``occurrences.stored.record_schedule``): it rises here,
    in the same ``CalendarSequence`` table, keyed by the item's translation key."""
    for key in sorted(keys):
        if not key.startswith("item-"):
            continue
        try:
            translation_key = uuid.UUID(key.removeprefix("item-"))
        except ValueError:
            continue
        entry = entries.get(key, {})
        fingerprint = hashlib.sha256(
            f"{_times(entry) if entry else ''}|{entry.get('status', 'removed')}".encode()
        ).hexdigest()
        # Calendars first saw the item at sequence 0: this change is 1.
        record, created = CalendarSequence.objects.select_for_update().get_or_create(
            translation_key=translation_key,
            defaults={"fingerprint": fingerprint, "sequence": 1},
        )
        if not created:
            record.fingerprint = fingerprint
            record.sequence += 1
            record.save(update_fields=["fingerprint", "sequence"])


def release(conference):
    """The number of the programme's release (1 for the first published), or None
    before it is published: the frab ``version``."""
    return (
        ProgrammeSnapshot.objects.filter(conference_key=conference.translation_key)
        .values_list("version", flat=True)
        .first()
    )


# Reading the history


@dataclass
class Change:
    """One recorded change, as the conference page shows it."""

    when: datetime.datetime
    key: str
    title: str
    what: str
    what_label: str
    before: object  # (start, end) in the conference's zone, a place or a status label
    after: object
    version: int

    @property
    def is_time(self):
        return self.what == What.TIME

    @property
    def anchor(self):
        return f"entry-{self.key}"


def _value(what, value, zone):
    if not value:
        return ""
    if what == What.TIME:
        start, end = value.split("|")
        return (
            datetime.datetime.fromisoformat(start),
            datetime.datetime.fromisoformat(end),
        )
    if what == What.STATUS:
        try:
            return EventStatus(value).label
        except ValueError:
            return value
    return value


LABELS = {
    What.TIME: _("New time"),
    What.PLACE: _("New place"),
    What.STATUS: _("New status"),
    What.REMOVED: _("Removed from the programme"),
}


def history(conference, programme=None, limit=SHOWN):
    """The conference's recorded changes, newest first, in one query. Titles are
    the entries' titles in the page's language where the ``programme`` (the one
    the page shows) still has them."""
    titles = {}
    if programme is not None:
        titles = {
            slot.key: slot.title
            for day in programme.days
            for slot in day.all_day + day.slots
        }
    zone = conference.time_zone
    return [
        Change(
            when=to_local(row.changed_at, zone),
            key=row.entry_key,
            title=titles.get(row.entry_key, row.entry_title),
            what=row.what,
            what_label=LABELS.get(row.what, row.what),
            before=_value(row.what, row.before, zone),
            after=_value(row.what, row.after, zone),
            version=row.version,
        )
        for row in ScheduleChange.objects.filter(
            conference_key=conference.translation_key
        )[:limit]
    ]
