"""The visitor-facing HTTP edges that are not page templates: calendar files and
the frab schedule exchange. Each view asks a domain module for the document.

A file of a page is written in the page's language (its notes, its messages),
whichever language the request came with."""

import re

from django.http import (
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    HttpResponseNotFound,
)
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from ..i18n.languages import in_page_language
from ..occurrences.recurrence import is_dated
from . import calendars, collector, conditional, frab_export, frab_xml


def _not_dated(message):
    """The answer for a file of an event whose date is to be announced: not
    found, saying why, rather than a file that would pretend to a date."""
    return HttpResponseNotFound(message, content_type="text/plain; charset=utf-8")


@in_page_language
def event_calendar(request, page):
    """The event, the series, or a conference's whole programme as ``.ics``."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    if not is_dated(page):
        return _not_dated(
            _(
                "The date of this event is to be announced: its calendar file "
                "is available once the date is set."
            )
        )
    with collector.paused():
        content = calendars.event_document(page, request).to_bytes()
    return _calendar_response(request, content, page.slug)


@in_page_language
def index_calendar(request, index):
    """Every event an index lists, as a feed calendar apps subscribe to."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    # The whole feed is built in memory: see ``collector``.
    with collector.paused():
        content = calendars.index_document(index, request).to_bytes()
    return _calendar_response(request, content, index.slug)


def _calendar_response(request, content, name):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        False, f"{name or 'calendar'}.ics"
    )
    # Shown in the browser or handed to the calendar app; apps fetch feeds again
    # every few hours, so a short cache keeps changes visible.
    patch_cache_control(response, max_age=300)
    # ETag and Last-Modified, and 304 when the app's copy is still the file.
    return conditional.conditional(
        request, response, conditional.calendar_etag(content)
    )


@in_page_language
def schedule_json(request, conference):
    """The programme in the frab schedule format, for Giggity, ConfClerk and the
    tools that read pretalx and frab schedules."""
    if not is_dated(conference):
        return _undated_schedule()
    return _schedule_response(
        request,
        frab_export.schedule_json(conference, request).encode(),
        "application/json; charset=utf-8",
    )


@in_page_language
def schedule_xml(request, conference):
    if not is_dated(conference):
        return _undated_schedule()
    return _schedule_response(
        request,
        frab_xml.schedule_xml(conference, request),
        "application/xml; charset=utf-8",
    )


def _undated_schedule():
    return _not_dated(
        _(
            "The date of this conference is to be announced: its schedule can be "
            "exported once the date is set."
        )
    )


def _schedule_response(request, content, content_type):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    response = HttpResponse(content, content_type=content_type)
    # Public data that web apps (schedule viewers, the c3voc tools) fetch from
    # other origins; apps poll it, so a short cache keeps changes visible.
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, max_age=300)
    return conditional.conditional(request, response, conditional.file_etag(content))


# A personal agenda is a visitor's pick from one programme: far fewer than this.
AGENDA_MAX_SESSIONS = 200

# An entry's key (``Slot.key``): a session's translation key, ``-run2``… for a
# further run of a site visit, ``item-`` and the translation key for an item.
_ENTRY_KEY = re.compile(
    r"^(item-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(-run[0-9]{1,4})?$"
)


def _agenda_values(request):
    """The starred entries of ``?entries=`` and the older ``?sessions=``, in order:
    entry keys, or page ids (digits) of sessions."""
    values = []
    for name in ("entries", "sessions"):
        values += [v.strip() for v in request.GET.get(name, "").split(",")]
    return [v for v in values if v]


def _is_page_id(value):
    return value.isascii() and value.isdigit() and len(value) < 12


@in_page_language
def agenda_calendar(request, conference):
    """``agenda.ics?entries=<key>,<key>``: the entries a visitor starred on a
    conference's programme (``Slot.key``: sessions, single runs of a site visit,
    programme items such as plenaries), with the UIDs of the conference's public
    calendar. The older ``?sessions=12,15`` (page ids, each session with all its
    dates and runs) still works, and both may be mixed.

    Keys and ids of entries that are not in this conference's programme (deleted
    since, unpublished, of another conference) are left out, so an agenda kept in
    a browser for weeks still downloads."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    values = _agenda_values(request)
    if not values:
        message = _("Choose entries: agenda.ics?entries= and their keys.")
    elif not all(_is_page_id(v) or _ENTRY_KEY.match(v) for v in values):
        message = _(
            "Entries are the keys of the programme's entries (or session numbers) "
            "separated by commas."
        )
    elif len(values) > AGENDA_MAX_SESSIONS:
        message = _("An agenda holds at most %(count)d sessions.") % {
            "count": AGENDA_MAX_SESSIONS
        }
    else:
        message = ""
    if message:
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    page_ids = [int(v) for v in values if _is_page_id(v)]
    keys = [v for v in values if not _is_page_id(v)]
    name = _("My agenda: %(title)s") % {"title": conference.title}
    document = calendars.entries_agenda(
        conference, keys=keys, page_ids=page_ids, request=request, name=name
    )
    if not document.walk("VEVENT"):
        return HttpResponseBadRequest(
            _("None of these sessions is in the programme of this conference."),
            content_type="text/plain; charset=utf-8",
        )
    return _calendar_response(
        request, calendars.to_bytes(document), f"{conference.slug}-agenda"
    )
