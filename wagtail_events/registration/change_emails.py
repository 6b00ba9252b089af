"""What a change notice says, to a registrant and to the editor who confirms it:
the facts that changed, before and after, in words (times in the event's own
zone, with the zone's name), and the e-mail ``change_notice`` built from them
with the registrant's updated calendar entry.

The e-mail is ``emails.build("change_notice", ...)`` with the notice's context
(``notice_context``): it says what changed for the registrant's own date, in
their language, with words for where they stand (their place stays theirs, their
number on the waiting list, their request awaiting approval); a cancelled event
or date says so and that their registration is left as it is. Its ``event.ics``
is the entry their confirmation gave (same ``UID``) with the raised
``SEQUENCE``: ``METHOD:REQUEST``, or ``METHOD:CANCEL`` for a cancelled event or
date (``exchange.ical_itip``).
"""

import datetime
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from ..enums import EventStatus
from ..exchange import calendars as calendar
from ..localtime import to_local
from ..models import Occurrence
from ..occurrences.rules import is_dated
from . import emails, event_facts
from .change_notices import TOLD
from .keys import occurrence_start


WHEN_TEMPLATE = "wagtail_events/emails/includes/when.txt"


@dataclass
class Line:
    """One fact that changed: its name, what it was and what it is."""

    label: str
    before: str
    after: str


def _instant(value):
    return datetime.datetime.fromisoformat(value) if value else None


def when_text(facts, key=""):
    """The date ``key`` of ``facts`` in words, on its zone's clock."""
    date = (facts.get("dates") or {}).get(key)
    if not date or not date.get("start"):
        return gettext("Date to be announced")
    zone = facts.get("time_zone") or "UTC"
    times = emails.Times(
        start=to_local(_instant(date["start"]), zone),
        end=to_local(_instant(date["end"]), zone),
        time_zone=zone,
        all_day=bool(facts.get("all_day")),
    )
    return " ".join(render_to_string(WHEN_TEMPLATE, {"times": times}).split())


def _status(value):
    try:
        return str(EventStatus(value).label)
    except ValueError:
        return str(value or "")


def lines(before, after, key="", *, online_after=None):
    """The ``Line``s of what changed for the registrants of date ``key``;
    ``online_after``: the new online address as this reader may see it."""
    changes = event_facts.differences(before, after)
    result = []
    if not before or not after:
        return result
    dates = after.get("dates") or {}
    date_key = key if key in (before.get("dates") or {}) else ""
    kind = changes.dates.get(date_key)
    if kind == "removed" or (date_key and date_key not in dates):
        result.append(
            Line(
                gettext("When"), when_text(before, date_key), gettext("No longer held")
            )
        )
    elif kind == "cancelled":
        result.append(
            Line(gettext("When"), when_text(before, date_key), gettext("Cancelled"))
        )
    elif kind or {"time_zone", "all_day"} & set(changes.event):
        old, new = when_text(before, date_key), when_text(after, date_key)
        if old != new:
            result.append(Line(gettext("When"), old, new))
    if "status" in changes.event:
        result.append(
            Line(gettext("Status"), _status(before["status"]), _status(after["status"]))
        )
    if "place" in changes.event:
        language = translation.get_language()
        result.append(
            Line(
                gettext("Where"),
                event_facts.place_line(before, language) or gettext("No place given"),
                event_facts.place_line(after, language) or gettext("No place given"),
            )
        )
    if "online" in changes.event:
        old, new = before.get("online") or "", after.get("online") or ""
        if online_after is not None:
            # The reader's view: a private address only once admitted.
            old = gettext("The earlier address") if old else ""
            if new and not online_after:
                online_after = gettext("You receive the address once you have a place.")
            new = online_after
        result.append(
            Line(
                gettext("Online"),
                old or gettext("Not online"),
                new or gettext("Not online"),
            )
        )
    return result


def by_date(notice):
    """[(date label, lines)] of the whole event ("" label) and of each date that
    changed on its own, as the editor reads them."""
    before, after = notice.data.get("before"), notice.data.get("after")
    changes = event_facts.differences(before, after)
    result = []
    event_lines = lines(before, after, "")
    if event_lines:
        result.append(("", event_lines))
    for key in sorted(k for k in changes.dates if k):
        date_lines = [
            line for line in lines(before, after, key) if line not in event_lines
        ]
        if date_lines:
            result.append((when_text(before, key), date_lines))
    return result


def _calendar_document(notice, registration, context):
    """(document, method) of the registrant's entry, or None when the event has
    no date to put in a calendar."""
    page = context["page"]
    after = notice.data.get("after") or {}
    key = registration.occurrence_key
    method = "CANCEL" if event_facts.is_cancelled(after, key) else "REQUEST"
    if key:
        occurrence = context["occurrence"]
        if occurrence is None:
            # The date is gone from the event: cancel the entry of that date.
            date = (notice.data.get("before") or {}).get("dates", {}).get(key) or {}
            start = occurrence_start(key)
            occurrence = Occurrence(
                page=page,
                original_start=start,
                start=_instant(date.get("start")) or start,
                end=_instant(date.get("end")) or start,
                cancelled=True,
            )
            method = "CANCEL"
        items = [occurrence]
    elif is_dated(page):
        items = [page]
    else:
        return None
    document = calendar.agenda(
        items, name=emails.one_line(page.title), admitted=context["admitted"]
    )
    return document, method


def notice_context(notice, registration, preview=False):
    """``extra`` for ``emails.build``: what the notice says to ``registration``;
    for the editor's ``preview``, without the registrant's own link."""

    def extra(context):
        if preview and context["cancel_url"]:
            own_link = gettext("the registrant’s own link")
            context["cancel_url"] = f"[{own_link}]"
        before = notice.data.get("before") or {}
        after = notice.data.get("after") or {}
        key = registration.occurrence_key
        event_cancelled = after.get("status") == EventStatus.CANCELLED
        date_cancelled = not event_cancelled and event_facts.is_cancelled(after, key)
        return {
            "notice": notice,
            "changes": lines(before, after, key, online_after=context["online_url"]),
            "event_cancelled": event_cancelled,
            "date_cancelled": date_cancelled,
            "your_date": when_text(before, key) if key else "",
            "calendar_document": _calendar_document(notice, registration, context),
        }

    return extra


def build(registration, notice, preview=False):
    """The notice e-mail to ``registration``, not yet sent."""
    return emails.build(
        "change_notice",
        registration,
        extra=notice_context(notice, registration, preview),
    )


def build_delivery(delivery):
    """The outbox's builder of ``change_notice``: nothing to a registration that
    is gone, erased, or no longer holding or waiting for a place."""
    registration, notice = emails.with_page(delivery.registration), delivery.message
    if registration is None or notice is None or registration.status not in TOLD:
        return None
    return build(registration, notice)
