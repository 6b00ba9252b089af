"""The package's statuses and kinds: what every layer may name.

Imported by everyone, importing nothing of the package's: the models use these
for their fields, and the programme, the exchange formats and registration read
them without importing the models.

The kind of an event page is a class attribute, ``event_kind``, set on each page
type (``ConferencePage.event_kind == EventKind.CONFERENCE``): ``kind_of()``,
``is_conference()`` and ``is_session()`` are the one way to ask "is this a
conference?", for a page of any class, specific or not, without a query.
"""

import enum

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")
    MOVED_ONLINE = "moved_online", _("Moved online")


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    MIXED = "mixed", _("In person and online")


class Access(models.TextChoices):
    """Who may come. An event by invitation keeps its online address private
    (``places.online_address``): only the people admitted receive it."""

    OPEN = "open", _("Open to everyone")
    INVITATION = "invitation", _("By invitation")


class EventKind(enum.StrEnum):
    """The page types an editor creates (their names for people are the page
    types' verbose names). Values are the type names in the event index's filter
    (``?type=site-visit``) and in frab files."""

    CONFERENCE = "conference"
    PANEL = "panel"
    WORKSHOP = "workshop"
    SITE_VISIT = "site-visit"
    # A series of meetings on dates that follow no rule (a reflection group, a
    # lecture series), and one meeting of it.
    SERIES = "series"
    MEETING = "meeting"


# Timed parts of a larger event, with their own speakers: the sessions of a
# conference and the meetings of a series.
SESSION_KINDS = frozenset(
    {EventKind.PANEL, EventKind.WORKSHOP, EventKind.SITE_VISIT, EventKind.MEETING}
)


def kind_of(page):
    """The ``EventKind`` of a page (a ``Page`` of any class), or None for a page
    that is not an event of a kind editors create."""
    if page is None:
        return None
    cls = getattr(page, "specific_class", None) or type(page)
    return getattr(cls, "event_kind", None)


def is_conference(page):
    return kind_of(page) == EventKind.CONFERENCE


def is_session(page):
    """A panel, workshop or site visit (below a conference or on its own), or a
    meeting of a series."""
    return kind_of(page) in SESSION_KINDS


def is_series(page):
    return kind_of(page) == EventKind.SERIES


def is_meeting(page):
    return kind_of(page) == EventKind.MEETING


def is_site_visit(page):
    return kind_of(page) == EventKind.SITE_VISIT


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended")


# Statuses that hold a place.
HOLDS_A_PLACE = (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED)

# Statuses a registrant may still cancel from (with the link in their e-mail).
CANCELLABLE = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITING,
    RegistrationStatus.AWAITING_APPROVAL,
)
