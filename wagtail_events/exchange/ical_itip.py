"""Calendar files sent to one person by e-mail, as iTIP (RFC 5546) messages, so
that their calendar app keeps one entry and updates it in place.

A public feed is ``METHOD:PUBLISH``: a copy anyone may take. An e-mail's
``event.ics`` is addressed: ``METHOD:REQUEST`` with the organiser (the sender of
the e-mails) and the registrant as attendee (``PARTSTAT`` ACCEPTED while they
hold a place, TENTATIVE while they wait, ``RSVP=FALSE``: there is nothing to
answer). Apple Calendar, Google Calendar and Outlook match a later REQUEST with
the same ``UID`` and a higher ``SEQUENCE`` to that entry and update it; a
``METHOD:CANCEL`` with the same UID and ``STATUS:CANCELLED`` removes or strikes
it. UIDs and SEQUENCE are those of the public feeds (``ical_events``).
"""

from email.utils import parseaddr

import icalendar


def address(value):
    """(name, address) of an e-mail header value ("Name <a@b>" or "a@b")."""
    name, mail = parseaddr(str(value or ""))
    return name, mail


def _cal_address(name, mail, **parameters):
    value = icalendar.vCalAddress(f"mailto:{mail}")
    if name:
        value.params["CN"] = " ".join(str(name).split())
    for key, param in parameters.items():
        value.params[key.replace("_", "-").upper()] = param
    return value


def addressed(document, method, *, organiser, attendee, waiting=False):
    """Turn ``document`` (an ``icalendar.Calendar``) into an iTIP ``method``
    ("REQUEST" or "CANCEL") message from ``organiser`` to ``attendee`` (each an
    e-mail header value or a (name, address) pair). Returns the document."""
    organiser = address(organiser) if isinstance(organiser, str) else organiser
    attendee = address(attendee) if isinstance(attendee, str) else attendee
    document.pop("METHOD", None)
    document.add("method", method)
    for event in document.walk("VEVENT"):
        for name in ("ORGANIZER", "ATTENDEE"):
            event.pop(name, None)
        if organiser[1]:
            event.add("organizer", _cal_address(*organiser))
        if attendee[1]:
            partstat = "TENTATIVE" if waiting else "ACCEPTED"
            event.add(
                "attendee",
                _cal_address(
                    *attendee,
                    role="REQ-PARTICIPANT",
                    partstat=partstat,
                    rsvp="FALSE",
                ),
            )
        if method == "CANCEL":
            event.pop("STATUS", None)
            event.add("status", "CANCELLED")
    return document


def one_event(document):
    """Whether every VEVENT of ``document`` is one event (one UID): what an
    iTIP message may carry."""
    return len({str(event["UID"]) for event in document.walk("VEVENT")}) == 1


def content_type(method):
    """The attachment's MIME type, with the method as RFC 6047 asks."""
    return f"text/calendar; method={method}"
