"""What the registration e-mails say, and sending one.

The outbox builds them (``deliveries``) once the transaction that changed a
registration committed (``writer.notify()``). Each mail is plain text with an
HTML alternative, in the registrant's language, and says what the registrant
needs: the event, when (in the event's own zone) and where, their status in
words (with their place on the waiting list), the sessions they chose at a
conference, what taking part costs (in the mails of people who may come), the
organiser's text, and how to cancel. While the person holds a place or waits,
the event travels along as an iCalendar file (``event.ics``) with the UIDs of
the site's public calendars, so that importing both shows it once.

Templates, all overridable, under ``wagtail_events/emails/``:

* ``<kind>_subject.txt`` if present, else ``subject.txt``: the subject (one line;
  line breaks and control characters are removed);
* ``<kind>.txt`` and ``<kind>.html``: the text and the HTML part; the shipped
  ones extend ``base.txt`` and ``base.html`` and fill their ``message`` block.
"""

import datetime
from dataclasses import dataclass
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from .. import places
from ..conf import events_settings
from ..enums import CANCELLABLE, HOLDS_A_PLACE, is_conference
from ..exchange import calendars as calendar
from ..exchange import ical_itip
from ..localtime import last_day, to_local
from ..models.occurrences import Occurrence
from ..models.pages import EventPage
from ..models.registration import Registration, RegistrationStatus
from ..occurrences.recurrence import is_dated
from .admission import Admission, admission_of
from .availability import waiting_position
from .keys import link_token, occurrence_start
from .mail_text import one_line, tidy_text


KINDS = (
    "confirmation",
    "already_registered",
    "promoted",
    "approved",
    "declined",
    "cancelled",
    "cancelled_by_organiser",
    # The registrant changed their answers, date or sessions (``amend``).
    "changed",
)

# Mails that carry the event as a calendar file to people who hold or wait for
# a place: they may well go.
WITH_CALENDAR = (
    "confirmation",
    "already_registered",
    "promoted",
    "approved",
    "reminder",
    "changed",
)
IN_CALENDAR = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.WAITING,
)
CALENDAR_FILENAME = "event.ics"
TEMPLATE_DIR = "wagtail_events/emails"


@dataclass
class Times:
    """When something happens, as wall-clock times in its zone, for templates."""

    start: datetime.datetime
    end: datetime.datetime
    time_zone: str
    all_day: bool
    # The event whose date is to be announced (start and end are None): the
    # e-mail says what is known of it.
    to_be_announced: object = None

    @property
    def same_day(self):
        return self.start.date() == self.end.date()

    @property
    def last_day(self):
        """The last day of an event of whole days (``localtime.last_day``)."""
        return last_day(self.start, self.end)

    @property
    def several_days(self):
        return self.last_day > self.start.date()


@dataclass
class ChosenSession:
    """A session chosen with a conference registration, and its own status."""

    registration: Registration
    page: EventPage
    times: Times
    position: int | None


def send(kind, registration_id, token=None):
    """Send the registrant the e-mail ``kind`` (one of ``KINDS``); ``token`` is the
    clear cancellation token, for the link. Returns whether a mail went out:
    nothing is sent to a registration that is gone, erased or without a page."""
    if kind not in KINDS:
        raise ValueError(f"Unknown registration e-mail {kind!r}; one of {KINDS}.")
    found = Registration.objects.select_related("page").filter(pk=registration_id)
    registration = with_page(found.first())
    if registration is None:
        return False
    build(kind, registration, token).send()
    return True


def with_page(registration):
    """``registration`` with a page to write about: its own, or, when that
    translation of the event was deleted (its ``page`` is then empty), another
    translation of the event, in the registrant's language if there is one.
    None when the registration is erased or the event has no page left."""
    if registration is None or registration.erased_at:
        return None
    if registration.page_id is not None:
        return registration
    pages = EventPage.objects.filter(translation_key=registration.event_key)
    page = pages.filter(locale__language_code=registration.language).first()
    page = page or pages.order_by("pk").first()
    if page is None:
        return None
    registration.page = page  # in memory only: what it registered through is gone
    return registration


def language_of(registration):
    """The registrant's language if the site has it, else the site's own."""
    if registration.language:
        try:
            return translation.get_supported_language_variant(registration.language)
        except LookupError:
            pass
    return settings.LANGUAGE_CODE


def build(kind, registration, token=None, extra=None, params=None):
    """The e-mail ``kind`` for a registration (with its page), not yet sent.
    ``extra(context)`` returns what a kind adds to the context (a reminder's
    practical information, a change notice), computed in the registrant's
    language; a ``calendar_document`` in it (an ``icalendar.Calendar`` and its
    method) replaces the registration's calendar file. ``params``: the
    delivery's (what changed, for ``"changed"``)."""
    with translation.override(language_of(registration)):
        context = email_context(kind, registration, token, extra)
        if kind == "changed":
            context["changes"] = changes_of(registration, params or {})
        subject = one_line(
            render_to_string(
                [
                    f"{TEMPLATE_DIR}/{kind}_subject.txt",
                    f"{TEMPLATE_DIR}/subject.txt",
                ],
                context,
            )
        )
        text = tidy_text(render_to_string(f"{TEMPLATE_DIR}/{kind}.txt", context))
        html = render_to_string(f"{TEMPLATE_DIR}/{kind}.html", context)
        message = EmailMultiAlternatives(
            subject=subject,
            body=text,
            from_email=events_settings.EMAIL_FROM,
            to=[formataddr((one_line(registration.name), registration.email))],
            headers={"Content-Language": translation.get_language()},
        )
        message.attach_alternative(html, "text/html")
        document, method = context.get("calendar_document") or (None, "REQUEST")
        if document is None and context["calendar_items"]:
            # One line: icalendar refuses a NAME with a line break in it.
            name = one_line(context["page"].title)
            document = calendar.agenda(
                context["calendar_items"], name=name, admitted=context["admitted"]
            )
        if document is not None and not ical_itip.one_event(document):
            # Several events (a conference and its sessions): an import.
            message.attach(CALENDAR_FILENAME, document.to_ical(), "text/calendar")
        elif document is not None:
            # Addressed to the registrant (iTIP), so that a later notice with
            # the same UID updates the entry in their calendar app in place.
            ical_itip.addressed(
                document,
                method,
                organiser=events_settings.EMAIL_FROM,
                attendee=(one_line(registration.name), registration.email),
                waiting=registration.status not in HOLDS_A_PLACE,
            )
            message.attach(
                CALENDAR_FILENAME, document.to_ical(), ical_itip.content_type(method)
            )
    return message


def email_context(kind, registration, token=None, extra=None):
    page = registration.page.specific
    form = page.registration_form
    occurrence = occurrence_of(page, registration.occurrence_key)
    sessions = chosen_sessions(registration)
    page_url = page.get_full_url() or ""
    cancel_url = ""
    if page_url:
        # The registrant's link: the same in every e-mail (``keys.link_token``).
        token = token or link_token(registration)
        cancel_url = page_url + page.reverse_subpage("your_registration", args=[token])
    status = registration.status
    admitted = admitted_pages(page, registration, sessions)
    calendar_items = []
    if kind in WITH_CALENDAR and status in IN_CALENDAR:
        calendar_items = items_for_calendar(page, registration, occurrence, sessions)
    context = {
        "kind": kind,
        "registration": registration,
        "name": registration.name,
        "status": status,
        "status_label": registration.get_status_display(),
        "position": waiting_position(registration),
        "page": page,
        "page_url": page_url,
        "times": times_of(page, occurrence),
        "occurrence": occurrence,
        "place": places.location_line_of(page),
        # Where to join online, by the one rule (an event moved online too);
        # the private address of an event by invitation only once admitted.
        "online_url": places.online_address(
            page,
            getattr(page, "conference", None),
            admitted=page.pk in admitted,
        ),
        "admitted": admitted,
        "sessions": sessions,
        "form": form,
        # What taking part costs, in the mails of people who may come.
        "admission": (
            admission_of(form, page.time_zone) if kind in WITH_CALENDAR else Admission()
        ),
        "email_text": form.confirmation_email_text.strip() if form else "",
        "cancellation_policy": form.cancellation_policy.strip() if form else "",
        "cancellation_deadline": (
            to_local(form.cancellation_deadline, page.time_zone)
            if form and form.cancellation_deadline
            else None
        ),
        "can_cancel": status in CANCELLABLE,
        "holds_a_place": status in HOLDS_A_PLACE,
        "cancel_url": cancel_url,
        "calendar_items": calendar_items,
        "calendar_filename": CALENDAR_FILENAME,
    }
    if extra is not None:
        context.update(extra(context))
    return context


def changes_of(registration, params):
    """What a registrant changed (``amend``'s ``params``), for the ``"changed"``
    e-mail: ``answers`` (True when updated), ``date`` (the old and the new
    ``Times``), ``added`` and ``removed`` sessions (title and ``Times``)."""
    page = registration.page.specific
    result = {"answers": bool(params.get("answers")), "date": None}
    moved = params.get("date")
    if moved and len(moved) == 2:
        old, new = (occurrence_of(page, key) for key in moved)
        if old is not None and new is not None:
            result["date"] = (times_of(page, old), times_of(page, new))
    sessions = {
        (str(pk), key)
        for pk, key in [*params.get("added", ()), *params.get("removed", ())]
    }
    pages = {
        str(p.pk): p
        for p in EventPage.objects.filter(
            pk__in={int(pk) for pk, _key in sessions if str(pk).isdigit()}
        ).specific()
    }
    for name in ("added", "removed"):
        result[name] = []
        for pk, key in params.get(name, ()):
            session = pages.get(str(pk))
            if session is not None:
                times = times_of(session, occurrence_of(session, key) if key else None)
                result[name].append({"title": session.title, "times": times})
    return result


def occurrence_of(page, occurrence_key):
    """The date (or run) of the page that ``keys.occurrence_key()`` stands for:
    the start its rule gave (``original_start``; moving the date keeps it), or
    failing that a date that starts then."""
    instant = occurrence_start(occurrence_key)
    if instant is None:
        return None
    dates = Occurrence.objects.filter(page_id=page.pk)
    return (
        dates.filter(original_start=instant).first()
        or dates.filter(start=instant).order_by("original_start").first()
    )


def times_of(page, occurrence=None):
    if occurrence is None and not is_dated(page):
        return Times(None, None, page.time_zone, page.all_day, to_be_announced=page)
    start, end = (
        (occurrence.start, occurrence.end) if occurrence else (page.start, page.end)
    )
    return Times(
        start=to_local(start, page.time_zone),
        end=to_local(end, page.time_zone),
        time_zone=page.time_zone,
        all_day=page.all_day,
    )


def chosen_sessions(registration):
    """The sessions chosen with a conference registration, in programme order,
    each with its own status; pages read in one query per page type. None,
    without a query, for a registration whose page at hand is no conference."""
    page = registration.page if Registration.page.is_cached(registration) else None
    if page is not None and not is_conference(page):
        return []
    children = [
        child
        for child in registration.session_registrations.all()
        if child.page_id is not None and not child.erased_at
    ]
    if not children:
        return []
    pages = {
        page.pk: page
        for page in EventPage.objects.filter(
            pk__in={c.page_id for c in children}
        ).specific()
    }
    chosen = []
    for child in children:
        page = pages.get(child.page_id)
        if page is None:
            continue
        occurrence = occurrence_of(page, child.occurrence_key)
        chosen.append(
            ChosenSession(
                registration=child,
                page=page,
                times=times_of(page, occurrence),
                position=waiting_position(child),
            )
        )
    chosen.sort(key=lambda s: (s.times.start, s.page.title))
    return chosen


def admitted_pages(page, registration, sessions):
    """The pks of the pages the registrant holds a place at (confirmed, approved,
    attended): their private online addresses (by invitation) are theirs to read."""
    admitted = {page.pk} if registration.status in HOLDS_A_PLACE else set()
    admitted |= {
        session.page.pk
        for session in sessions
        if session.registration.status in HOLDS_A_PLACE
    }
    return frozenset(admitted)


def items_for_calendar(page, registration, occurrence, sessions):
    """What goes into the attached calendar: the one date or run registered for,
    or the event, with the sessions the person holds a place in or waits for;
    nothing while the event's date is to be announced."""
    if not is_dated(page):
        return []
    if registration.occurrence_key:
        # A date that no longer exists is better left out than replaced by all.
        return [occurrence] if occurrence is not None else []
    items = [page]
    for session in sessions:
        if session.registration.status not in IN_CALENDAR:
            continue
        if session.registration.occurrence_key:
            occ = occurrence_of(session.page, session.registration.occurrence_key)
            if occ is not None:
                items.append(occ)
        else:
            items.append(session.page)
    return items
