"""What registrants know of an event: its facts, and how two sets of facts differ.

The facts of an event are what a registrant acts on: when each date is (start
and end in UTC, whether it is cancelled), whether it takes whole days, the
event's time zone, where it is (its venue and room by translation key, the same
in every language, and the line people read), the address to join online, and
its status (scheduled, postponed, cancelled, moved online). A title, a summary
or a speaker is not among them: fixing a typo tells no one.

Plain data (``facts_of``), kept as JSON: the facts registrants were last told
are ``CalendarSequence.told``; a change notice holds them before and after
(``change_notices``). Dates are by ``keys.occurrence_key``: "" for the event
itself (None while its date is to be announced), and for an event with several
dates (a repeating event, the runs of a site visit) each date by the start its
rule gave it, as registrations are.
"""

from dataclasses import dataclass, field

from .. import places
from ..models import Occurrence
from ..occurrences.rules import is_dated
from ..occurrences.stored import place_keys, utc_iso
from .keys import occurrence_key


# Facts of the whole event; ``place_line`` is only read, never compared (a
# venue renamed in one language is no change of place).
EVENT_FACTS = ("time_zone", "all_day", "status", "place", "online")


def _span(start, end, cancelled=False):
    return {"start": utc_iso(start), "end": utc_iso(end), "cancelled": bool(cancelled)}


def _language(page):
    return page.locale.language_code if page.locale_id else ""


def merged(facts, newer):
    """``facts`` with the place lines of ``newer`` (the same facts published in
    another language: a translation) added."""
    lines = dict(facts.get("place_line") or {})
    lines.update(newer.get("place_line") or {})
    return {**facts, "place_line": lines}


def place_line(facts, language):
    """The place of ``facts`` as read in ``language`` (or in another language
    when the event was not published in that one)."""
    lines = facts.get("place_line") or {}
    if isinstance(lines, str):
        return lines
    short = (language or "").split("-")[0]
    for code in (language, short):
        if lines.get(code):
            return lines[code]
    return next((line for line in lines.values() if line), "")


def facts_of(page):
    """The facts registrants know of ``page`` (specific, live, with its dates
    stored), as JSON-ready data."""
    dates = {"": _span(page.start, page.end) if is_dated(page) else None}
    rows = list(
        Occurrence.objects.filter(page_id=page.pk)
        .order_by("original_start")
        .only("original_start", "start", "end", "cancelled")
    )
    if len(rows) > 1:
        for row in rows:
            dates[occurrence_key(row)] = _span(row.start, row.end, row.cancelled)
    return {
        "time_zone": page.time_zone,
        "all_day": bool(page.all_day),
        "status": page.status,
        "place": place_keys(page),
        # In the page's language; the translations' lines join it (``merged``).
        "place_line": {_language(page): places.location_line_of(page)},
        "online": page.online_url if places.joins_online(page) else "",
        "dates": dates,
    }


@dataclass
class Differences:
    """What changed between two sets of facts: the facts of the whole event
    (``EVENT_FACTS`` names) and the dates, {occurrence key: "changed",
    "cancelled" or "removed"}. A date that is new (the horizon moved, a date
    added) is no change: nobody registered for it before."""

    event: list = field(default_factory=list)
    dates: dict = field(default_factory=dict)

    def __bool__(self):
        return bool(self.event or self.dates)

    def concerns(self, key):
        """Whether registrants of the date ``key`` ("" for the event) are told."""
        return bool(self.event) or key in self.dates


def _date_change(old, new):
    if new is not None and new.get("cancelled") and not (old or {}).get("cancelled"):
        return "cancelled"
    return "changed"


def differences(before, after):
    """The ``Differences`` from ``before`` to ``after`` (``facts_of``)."""
    if not before or not after:
        return Differences()
    event = [name for name in EVENT_FACTS if before.get(name) != after.get(name)]
    dates = {}
    old_dates, new_dates = before.get("dates") or {}, after.get("dates") or {}
    for key, old in old_dates.items():
        if key == "" and len(new_dates) > 1 and len(old_dates) > 1:
            # An event with dates: its first date stands for "" and is compared
            # under its own key.
            continue
        if key not in new_dates:
            if key:
                dates[key] = "removed"
            continue
        new = new_dates[key]
        if new != old:
            dates[key] = _date_change(old, new)
    return Differences(event=event, dates=dates)


def is_cancelled(facts, key=""):
    """Whether the event, or its date ``key``, is off in ``facts``."""
    if facts.get("status") == "cancelled":
        return True
    if not key:
        return False
    date = (facts.get("dates") or {}).get(key)
    return date is None or bool(date.get("cancelled"))
