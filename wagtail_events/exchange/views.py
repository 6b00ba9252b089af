"""The visitor-facing HTTP edges that are not page templates: calendar files and
the frab schedule exchange. Each view asks a domain module for the document.

A file of a page is written in the page's language (its notes, its messages),
whichever language the request came with."""

from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotAllowed
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from ..enums import is_session
from ..i18n.languages import in_page_language
from ..models.visibility import visible_sessions
from . import calendars, frab_export, frab_xml


@in_page_language
def event_calendar(request, page):
    """The event, the series, or a conference's whole programme as ``.ics``."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return _calendar_response(calendars.event_calendar(page, request), page.slug)


@in_page_language
def index_calendar(request, index):
    """Every event an index lists, as a feed calendar apps subscribe to."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return _calendar_response(calendars.index_calendar(index, request), index.slug)


def _calendar_response(document, name):
    response = HttpResponse(
        document.to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(
        False, f"{name or 'calendar'}.ics"
    )
    # Shown in the browser or handed to the calendar app; apps fetch feeds again
    # every few hours, so a short cache keeps changes visible.
    patch_cache_control(response, max_age=300)
    return response


@in_page_language
def schedule_json(request, conference):
    """The programme in the frab schedule format, for Giggity, ConfClerk and the
    tools that read pretalx and frab schedules."""
    return _schedule_response(
        request,
        frab_export.schedule_json(conference, request).encode(),
        "application/json; charset=utf-8",
    )


@in_page_language
def schedule_xml(request, conference):
    return _schedule_response(
        request,
        frab_xml.schedule_xml(conference, request),
        "application/xml; charset=utf-8",
    )


def _schedule_response(request, content, content_type):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    response = HttpResponse(content, content_type=content_type)
    # Public data that web apps (schedule viewers, the c3voc tools) fetch from
    # other origins; apps poll it, so a short cache keeps changes visible.
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, max_age=300)
    return response


# A personal agenda is a visitor's pick from one programme: far fewer than this.
AGENDA_MAX_SESSIONS = 200


@in_page_language
def agenda_calendar(request, conference):
    """``agenda.ics?sessions=12,15``: the sessions a visitor starred on a
    conference's programme, with the UIDs of the conference's public calendar.

    Ids of pages that are not visible sessions of this conference (deleted since,
    unpublished, of another conference) are left out, so an agenda kept in a
    browser for weeks still downloads. Every session's dates and runs come with it:
    the programme stars a site visit as a whole."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    values = [v.strip() for v in request.GET.get("sessions", "").split(",")]
    values = [v for v in values if v]
    if not values:
        message = _("Choose sessions: agenda.ics?sessions= and their numbers.")
    elif not all(v.isascii() and v.isdigit() and len(v) < 12 for v in values):
        message = _("Sessions are numbers separated by commas, such as 12,15.")
    elif len(values) > AGENDA_MAX_SESSIONS:
        message = _("An agenda holds at most %(count)d sessions.") % {
            "count": AGENDA_MAX_SESSIONS
        }
    else:
        message = ""
    if message:
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    ids = list(dict.fromkeys(int(v) for v in values))
    found = {
        page.pk: page
        for page in visible_sessions(conference).filter(pk__in=ids).specific()
        if is_session(page)
    }
    sessions = [found[pk] for pk in ids if pk in found]
    if not sessions:
        return HttpResponseBadRequest(
            _("None of these sessions is in the programme of this conference."),
            content_type="text/plain; charset=utf-8",
        )
    for session in sessions:
        # Every one is a child of this conference: spare a query per session.
        session.__dict__["conference"] = conference
    name = _("My agenda: %(title)s") % {"title": conference.title}
    document = calendars.agenda(sessions, request, name=name)
    return _calendar_response(document, f"{conference.slug}-agenda")
