"""What a schedule import reads before it changes anything: every event's times,
which events are further runs of a site visit (as ``frab_export`` writes them),
which rooms only stand in for a track, and the days the file spans.

This package's own export gives a site visit that runs again one event per run,
the further runs with a guid derived from the visit's (``frab_values.run_guid``)
and the visit's web address; and it gives sessions without a room a room named
after their track (or their type), since frab has no event without a room. Read
back, those are runs of one visit and sessions of a track, not sessions and
rooms of their own: that is what makes the round trip lossless.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation

from .frab_file import event_end, event_start, guid, string, type_key
from .frab_values import run_guid


GENERATOR = "wagtail-civic-events"  # frab_export.GENERATOR, the files we wrote


@dataclass
class Plan:
    runs: dict = field(default_factory=dict)  # visit guid -> [(start, end)]
    run_guids: set = field(default_factory=set)  # guids of further runs
    track_rooms: set = field(default_factory=set)  # room names standing in
    first: object = None  # the earliest start and latest end of the file
    last: object = None


def _events(days):
    for day in days:
        if not isinstance(day, dict) or not isinstance(day.get("rooms"), dict):
            continue
        for room_name, events in day["rooms"].items():
            for event in events if isinstance(events, list) else []:
                if isinstance(event, dict):
                    yield event, day, string(room_name)


def read(data, days, zone, types):
    """The ``Plan`` of a schedule's ``days``; ``data`` is the whole file (its
    generator says whether this package wrote it), ``types`` the import's frab
    types -> page models."""
    plan = Plan()
    ours = isinstance(data, dict) and (
        isinstance(data.get("generator"), dict)
        and data["generator"].get("name") == GENERATOR
    )
    timed = []
    for event, day, room_name in _events(days):
        start, _error = event_start(event, day, zone)
        end = event_end(event, start, zone)[0] if start else None
        if start is None or end is None:
            continue
        timed.append((event, room_name, start, end))
        plan.first = min(plan.first or start, start)
        plan.last = max(plan.last or end, end)
    if not ours:
        return plan
    by_url = {}
    for event, _room, _start, _end in timed:
        url = string(event.get("url"))
        if url:
            by_url.setdefault(url, []).append(event)
    for event, room_name, start, end in timed:
        siblings = by_url.get(string(event.get("url")), [])
        for other in siblings:
            other_guid = guid(other.get("guid"))
            if other is not event and other_guid is not None:
                if string(event.get("guid")) == run_guid(
                    other_guid, start.astimezone(datetime.UTC)
                ):
                    plan.runs.setdefault(str(other_guid), []).append((start, end))
                    plan.run_guids.add(string(event.get("guid")))
                    break
        if _stands_in(event, room_name, types):
            plan.track_rooms.add(room_name)
    return plan


def _stands_in(event, room_name, types):
    """A room this package's export named after the event's track, or after its
    type when it has no track (the type's name in the file's language)."""
    name = string(event.get("room")) or room_name
    track = string(event.get("track"))
    if track:
        return name == track
    model = types.get(type_key(event.get("type")))
    if model is None:
        return False
    # The export names the room in the language of the page it was read from,
    # which the event's ``language`` (the language it is held in) need not be:
    # the type's name in any of the site's languages.
    codes = [string(event.get("language"))] + [
        code for code, _name in settings.LANGUAGES
    ]
    for code in dict.fromkeys(filter(None, codes)):
        with translation.override(code):
            if name == str(model._meta.verbose_name).capitalize():
                return True
    return False
