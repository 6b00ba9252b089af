"""schema.org ``Event`` data of an event page, for search engines (JSON-LD).

``event_data(page, request)`` gives a plain dict; ``script_json(data)`` the text
to put inside ``<script type="application/ld+json">``. The data says only what
the editor gave: a property the page leaves empty is left out, never filled with
an empty string or a guess. Its parts (dates, places, people, the registration
offer) are built in ``jsonld_parts``, a conference's sessions in
``jsonld_programme``.

Times are written with the UTC offset of the event's own zone on that date
(``+01:00`` in a Brussels winter, ``+02:00`` in summer); events whose times are
not announced get dates only.

Everything is read with a fixed number of queries, however many sessions a
conference has or speakers a page lists.
"""

import datetime
import json
from urllib.parse import urljoin

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.safestring import mark_safe

from ..conf import events_settings
from ..enums import (
    EventStatus,
    is_conference,
    is_meeting,
    is_series,
    is_session,
    is_site_visit,
)
from ..i18n import event_languages, languages
from ..occurrences import recurrence
from ..programme.people import linkable, people_address
from .jsonld_parts import (
    EVENT_STATUS,
    attendance_mode,
    dates,
    documents,
    in_language,
    links_to_people,
    location,
    page_url,
    people_and_organisations,
    performers,
    registration,
    schema,
)
from .jsonld_programme import programme_sub_events, sub_events
from .jsonld_series import meeting_events, series_of


# The rendition the conference page shows as its hero image: sharing the same one
# creates no second file.
IMAGE_FILTER = "width-1200"

# Earlier than any stored date: ``recurrence.upcoming`` from then gives them all.
_EVER = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)

# Characters that could end the <script> element or open a comment in it, written
# as JSON escapes (what Django's ``json_script`` does).
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def script_json(data):
    """``data`` as JSON that is safe inside ``<script type="application/ld+json">``:
    a title holding ``</script>`` cannot end the element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # noqa: S308 (escaped above)


def image_url(image, base_url):
    """The full address of the image's rendition; renditions on another host (a
    storage bucket) already have one."""
    if image is None:
        return ""
    return urljoin(base_url or "", image.get_rendition(IMAGE_FILTER).url)


def language(page):
    """The page's language (its locale's), read with its translations: the
    switcher and the alternates of the page's ``<head>`` share that query. A site
    without translations (``WAGTAIL_I18N_ENABLED`` off) keeps every page in its
    default locale, the language of ``LANGUAGE_CODE``: no query for it. The
    shared card's locale; ``inLanguage`` is the event's languages instead."""
    return languages.language_of(page)


def _series_dates(page, url, now=None):
    """The next date of a repeating event (or of a site visit with further runs)
    and its upcoming dates as ``subEvent``; None for an event with one date.
    ``now`` None: the moment the page's dates were read for the request (the
    dates list and the add-to-calendar links read the same ones)."""
    # Only repeating events and site visits (with further runs) have dates: a
    # conference page spends no query finding out.
    if not recurrence.is_repeating(page) and not (
        is_site_visit(page) and recurrence.has_dates(page)
    ):
        return None
    if recurrence.is_repeating(page):
        rows = recurrence.upcoming(page, events_settings.UPCOMING_DATES, now)
        following = next((row for row in rows if not row.cancelled), None)
        if following is None:
            following = recurrence.next_occurrence(page, now)
    else:
        # A site visit's runs are few and each is an event people attend: every
        # one is given, past ones too (a search engine still lists a past
        # event), and the page's dates are those of its next run, else its first.
        rows = recurrence.upcoming(page, events_settings.UPCOMING_DATES, _EVER)
        held = [row for row in rows if not row.cancelled]
        moment = now or timezone.now()
        following = next((row for row in held if row.end >= moment), None)
        if following is None and held:
            following = held[0]
    events = []
    for row in rows:
        event = {
            "@type": "Event",
            "name": page.title,
            **dates(page, row.start, row.end),
        }
        if url:
            event["url"] = url
        if row.cancelled:
            event["eventStatus"] = schema("EventCancelled")
        elif row.start != row.original_start:
            event["eventStatus"] = schema("EventRescheduled")
            event["previousStartDate"] = dates(
                page, row.original_start, row.original_start
            )["startDate"]
        events.append(event)
    return following, events


def _slot_order(slot):
    return (slot.start, slot.end, slot.title)


def _venue_of(page, conference):
    """Its room's venue, the page's venue, or (for a session naming no place of
    its own) the conference's: the room first, as ``places.location`` decides
    where to go, so that the page, LOCATION and the Place agree."""
    room = getattr(page, "room", None) if getattr(page, "room_id", None) else None
    if room is not None:
        return room.venue
    if page.venue_id:
        return page.venue
    if conference is not None and not page.online_url and conference.venue_id:
        return conference.venue
    return None


def event_data(
    page,
    request=None,
    registration_state=None,
    now=None,
    programme=None,
    registration_places=None,
):
    """schema.org ``Event`` data of an event page (conference, session or
    repeating event).

    ``registration_state`` and ``registration_places``: the state of the page's
    registration and the places it shows, as the registration package reads them
    (``registration.availability.registration_offer``); ``offers`` are left out without
    them. This module shows them and never asks registration for them: it sits
    below it.
    ``programme``: the conference's ``programme.build_programme``, when the page
    has it at hand; its sessions become the ``subEvent`` list without a query.
    """
    page = page.specific
    given_now, now = now, now or timezone.now()
    url = page_url(page, request)
    conference = page.conference if is_session(page) else None
    data = {"@context": "https://schema.org", "@type": "Event", "name": page.title}
    # A site's own base page model may have no search_description.
    description = (page.summary or getattr(page, "search_description", "")).strip()
    if description:
        data["description"] = description
    if url:
        data["url"] = url

    start, end = page.start, page.end
    series = _series_dates(page, url, given_now)
    if series is not None:
        following, _upcoming = series
        if following is not None:
            start, end = following.start, following.end
    meetings = meeting_events(page, request) if is_series(page) else None
    if meetings is not None:
        # A series is an EventSeries of its meetings; without any it has no
        # dates yet (its fields hold a placeholder).
        data["@type"] = "EventSeries"
        if meetings:
            data["subEvent"] = meetings
    if (meetings is None or meetings) and start is not None and end is not None:
        # (An event whose date is to be announced has none: its page gives no
        # JSON-LD at all, see ``templatetags.wagtail_events_meta``.)
        data.update(dates(page, start, end))
    data["eventStatus"] = schema(
        EVENT_STATUS.get(page.status, EVENT_STATUS[EventStatus.SCHEDULED])
    )
    data["eventAttendanceMode"] = attendance_mode(page)
    room = page.room if getattr(page, "room_id", None) else None
    where = location(
        page, _venue_of(page, conference), room, parent=conference, url=url
    )
    if where is not None:
        data["location"] = where

    image_page = page if is_conference(page) else conference
    image = getattr(image_page, "hero_image", None) if image_page else None
    if image is not None:
        data["image"] = [image_url(image, url)]
    # The languages the event is held in, a session's own or its conference's
    # (a meeting's, its series'): never the page's, which may be a translation.
    above = conference if conference is not None else getattr(page, "series", None)
    held = in_language(event_languages.held_in(page, above))
    if held:
        data["inLanguage"] = held
    about = documents(page, url)
    if about:
        data["subjectOf"] = about

    stream = getattr(page, "speakers", None)
    organising = page if is_conference(page) or is_series(page) else conference
    people, organisers, partners = people_and_organisations(stream, organising)
    # The people's pages are under the page's event index: read only when a
    # speaker links there (one query, shared with the page's speaker links).
    people_url = ""
    entries = programme.entries if programme is not None else []
    if links_to_people(people) or any(
        linkable(s.person) for slot in entries for s in slot.speakers
    ):
        people_url = people_address(page, request, full=True)
    speakers = performers(stream, people, people_url)
    if speakers:
        data["performer"] = speakers
    if organisers:
        data["organizer"] = organisers
    if partners:
        data["sponsor"] = partners  # "with the support of"

    if is_conference(page):
        if programme is not None:
            slots = sorted(programme.entries, key=_slot_order)
            sessions = programme_sub_events(page, slots, url, people_url)
        else:
            sessions = sub_events(page, request)
        if sessions:
            data["subEvent"] = sessions
    elif series is not None and series[1]:
        data["subEvent"] = series[1]
    if is_meeting(page) and page.series is not None:
        data["superEvent"] = series_of(page, request)
    if conference is not None:
        parent = {"@type": "Event", "name": conference.title}
        parent_url = page_url(conference, request)
        if parent_url:
            parent["url"] = parent_url
        data["superEvent"] = parent

    data.update(registration(page, url, registration_state, registration_places))
    return data
