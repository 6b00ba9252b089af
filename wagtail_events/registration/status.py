"""The state of a page's registration in a few words, for the top of its page
and for the programme: one rule, read from the same ``availability.Offer`` as
the registration section, so that the top of a page never says what the form
below it does not.

``page_status(page)``: a ``Status`` (plain data) or None when there is nothing
to say (no registration form; a cancelled event, which says so itself).

==================== ================================================ ===========
``Status.state``     when                                             the link
==================== ================================================ ===========
``open``             a newcomer gets a place (``places_left``: how    Register
                     many, None without a limit)
``waiting_list``     every place is taken, the waiting list is open   Join the
                                                                      waiting list
``by_invitation``    the organisers approve each request of an event  Ask to join
                     by invitation (``places.by_invitation``)
``not_open_yet``     registration opens later (``opens_at``)          details
``closed``           closed by date, when the event began, or no
                     date left
``full``             every place taken and no waiting list
==================== ================================================ ===========

``page_offer(page, request)`` reads the page's ``Offer`` once per request: the
top of the page, the registration section and the structured data in the
``<head>`` share it (no query of their own).

``programme_marks(entries)``: what the programme marks on each session that
needs registration (``Mark``), for every entry at once: one query for the
forms, one for the places (none without a form or a limit).
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from .. import places
from ..enums import EventStatus
from ..models.registration import RegistrationForm
from .availability import availability, counts, is_open, offer
from .keys import occurrence_key


# The request attribute that holds the offers read during a request, by page.
_OFFERS = "_wagtail_events_offers"


def page_offer(page, request=None, now=None):
    """The page's ``availability.offer()``, read once per request (not when
    ``now`` is given: a question about another moment)."""
    if request is None or now is not None:
        return offer(page, now)
    read = getattr(request, _OFFERS, None)
    if read is None:
        read = {}
        setattr(request, _OFFERS, read)
    if page.pk not in read:
        read[page.pk] = offer(page)
    return read[page.pk]


def asks_to_join(page, form):
    """By invitation, through a form the organisers approve: the page asks to
    join, it does not register."""
    return bool(
        form is not None
        and form.requires_approval
        and places.by_invitation(page, getattr(page, "conference", None))
    )


@dataclass(frozen=True)
class Status:
    """The state of a page's registration, as its top says it (see the table)."""

    state: str
    places_left: int | None = None  # when open; None: no limit
    # The event has several dates: the places are those of its next date.
    next_date: bool = False
    opens_at: datetime.datetime | None = None  # when not open yet

    @property
    def has_form(self):
        """Whether the form is on the page (the link leads to it)."""
        return self.state in ("open", "waiting_list", "by_invitation")


# Offer states that say registration is over.
_CLOSED = {"closed", "started"}


def status_of(page, read):
    """The ``Status`` of a page from its ``availability.Offer`` (``read``)."""
    form = page.registration_form
    if form is None or read.state is None or read.state == "cancelled":
        return None
    if read.state == "not_open_yet":
        return Status("not_open_yet", opens_at=form.opens_at)
    if read.state in _CLOSED:
        return Status("closed")
    if read.state == "full":
        return Status("full")
    if asks_to_join(page, form):
        return Status("by_invitation")
    if read.waiting_list_only:
        return Status("waiting_list", next_date=read.dates is not None)
    left = read.places.places_left if read.places is not None else None
    if read.places is not None and read.places.state == "approval":
        left = None  # no place free: the organisers decide, the form says so
    return Status("open", places_left=left, next_date=read.dates is not None)


def page_status(page, request=None, now=None):
    """The ``Status`` of the page's registration, or None (see the module)."""
    if page is None or getattr(page, "registration_form_id", None) is None:
        return None
    return status_of(page, page_offer(page, request, now))


# The programme's marks


@dataclass(frozen=True)
class Mark:
    """What the programme says of one entry: it needs registration, and
    whether it is full (``"full"``), open only to the waiting list
    (``"waiting_list"``), or neither (``""``)."""

    places: str = ""


def programme_marks(entries, now=None):
    """{entry key: ``Mark``} of the programme's ``entries`` (``programme.Slot``)
    that need registration: the sessions with a registration form. Their places
    are counted as the form counts them (``availability``), each run of a site
    visit on its own; a form that is not open marks the entry without places.
    Two queries at most, however many entries."""
    sessions = [e for e in entries if getattr(e, "registration_form_id", None)]
    if not sessions:
        return {}
    now = now or timezone.now()
    forms = RegistrationForm.objects.in_bulk(
        {entry.registration_form_id for entry in sessions}
    )

    def keys(entry):
        # A run of a site visit is registered for as a date of its own.
        return entry.event_key, occurrence_key(entry.starts_at) if entry.run else ""

    counted = {
        keys(entry)
        for entry in sessions
        if entry.registration_form_id in forms
        and forms[entry.registration_form_id].capacity is not None
        and is_open(forms[entry.registration_form_id], now)
    }
    places = counts(counted)
    marks = {}
    for entry in sessions:
        form = forms.get(entry.registration_form_id)
        if form is None or entry.status == EventStatus.CANCELLED:
            continue
        mark = ""
        if keys(entry) in counted:
            state = availability(form, *places[keys(entry)]).state
            mark = state if state in ("full", "waiting_list") else ""
        marks[entry.key] = Mark(mark)
    return marks
