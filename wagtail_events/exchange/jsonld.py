"""schema.org ``Event`` data of an event page, for search engines (JSON-LD).

``event_data(page, request)`` gives a plain dict; ``script_json(data)`` the text
to put inside ``<script type="application/ld+json">``. The data says only what
the editor gave: a property the page leaves empty is left out, never filled with
an empty string or a guess.

Times are written with the UTC offset of the event's own zone on that date
(``+01:00`` in a Brussels winter, ``+02:00`` in summer); events whose times are
not announced get dates only.

Everything is read with a fixed number of queries, however many sessions a
conference has or speakers a page lists.
"""

import datetime
import json
from collections import defaultdict
from types import SimpleNamespace
from urllib.parse import urljoin

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import CharField, F, Value
from django.utils import timezone
from django.utils.safestring import mark_safe

from ..conf import events_settings
from ..i18n import languages
from ..localtime import get_zone, to_local
from ..models.visibility import visible_sessions
from ..occurrences import recurrence
from ..programme import timetable as programme


SCHEMA = "https://schema.org/"

EVENT_STATUS = {
    "scheduled": "EventScheduled",
    "postponed": "EventPostponed",
    "cancelled": "EventCancelled",
    "moved_online": "EventMovedOnline",
}
ATTENDANCE_MODE = {
    "in_person": "OfflineEventAttendanceMode",
    "online": "OnlineEventAttendanceMode",
    "mixed": "MixedEventAttendanceMode",
}

# The rendition the conference page shows as its hero image: sharing the same one
# creates no second file.
IMAGE_FILTER = "width-1200"

# Characters that could end the <script> element or open a comment in it, written
# as JSON escapes (what Django's ``json_script`` does).
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def script_json(data):
    """``data`` as JSON that is safe inside ``<script type="application/ld+json">``:
    a title holding ``</script>`` cannot end the element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # noqa: S308 (escaped above)


def schema(name):
    return SCHEMA + name


def is_conference(page):
    return page.specific_class.__name__ == "ConferencePage"


def is_session(page):
    return hasattr(page, "room_id") and hasattr(page, "speakers")


# Dates


def _last_day(start_local, end_local):
    """The last day of an event whose hours are not announced: an end at midnight
    belongs to the day before (as ``calendar.py`` reads it)."""
    last = end_local.date()
    if end_local.time() == datetime.time(0) and last > start_local.date():
        last -= datetime.timedelta(days=1)
    return max(last, start_local.date())


def dates(page, start, end):
    """``startDate`` and ``endDate`` of the page's event (or one date of it)."""
    if page.all_day:
        first = to_local(start, page.time_zone)
        last = to_local(end, page.time_zone)
        return {
            "startDate": first.date().isoformat(),
            "endDate": _last_day(first, last).isoformat(),
        }
    zone = get_zone(page.time_zone)
    return {
        "startDate": start.astimezone(zone).isoformat(),
        "endDate": end.astimezone(zone).isoformat(),
    }


def _in_zone(value, page):
    return value.astimezone(get_zone(page.time_zone)).isoformat()


# Places


def place(venue):
    """A ``Place`` with only the address parts and coordinates the venue has."""
    data = {"@type": "Place", "name": venue.name}
    address = {
        key: value
        for key, value in (
            ("streetAddress", venue.street_address),
            ("postalCode", venue.postal_code),
            ("addressLocality", venue.locality),
            ("addressCountry", venue.country),
        )
        if value
    }
    if address:
        data["address"] = {"@type": "PostalAddress", **address}
    if venue.has_coordinates:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(venue.latitude),
            "longitude": float(venue.longitude),
        }
    return data


def _goes_online(page):
    """Whether people join online: the online address counts only then (an
    in-person event may name where a stream is announced)."""
    return bool(page.online_url) and (
        page.status == "moved_online" or page.attendance_mode != "in_person"
    )


def location(page, venue):
    """The venue and/or the online address of the page, or None when it names
    neither. An event that moved online or is online only keeps no venue: people
    do not go there."""
    found = []
    in_person = page.status != "moved_online" and page.attendance_mode != "online"
    if venue is not None and in_person:
        found.append(place(venue))
    if _goes_online(page):
        found.append({"@type": "VirtualLocation", "url": page.online_url})
    if not found:
        return None
    return found[0] if len(found) == 1 else found


def _attendance_mode(page):
    if page.status == "moved_online":
        return schema(ATTENDANCE_MODE["online"])
    return schema(ATTENDANCE_MODE.get(page.attendance_mode, ATTENDANCE_MODE["mixed"]))


# People and organisations


def _organization(name, url=""):
    data = {"@type": "Organization", "name": name}
    if url:
        data["url"] = url
    return data


def people_and_organisations(stream, conference):
    """The saved people among the speakers of ``stream`` (by pk) and the
    organisers and partners of ``conference`` (None: none), read in one query:
    the conference page's query budget has room for one."""
    Person = apps.get_model("wagtail_events", "Person")
    ConferenceOrganisation = apps.get_model("wagtail_events", "ConferenceOrganisation")
    ids = programme.person_ids([stream]) if stream else set()
    if not ids and conference is None:
        return {}, [], []
    columns = ("kind", "pk", "name", "role", "country", "extra", "order")
    people = (
        Person.objects.filter(pk__in=ids)
        .annotate(
            kind=Value("person", output_field=CharField()),
            extra=F("organisation__name"),
            order=F("pk"),
        )
        .values_list(*columns)
        .order_by()
    )
    organisations = ConferenceOrganisation.objects.filter(
        page_id=conference.pk if conference is not None else None
    ).annotate(
        kind=Value("organisation", output_field=CharField()),
        name=F("organisation__name"),
        country=Value("", output_field=CharField()),
        extra=F("organisation__url"),
        order=F("sort_order"),
    )
    rows = people.union(organisations.values_list(*columns).order_by(), all=True)
    by_pk, by_role = {}, defaultdict(list)
    for kind, pk, name, role, country, extra, _order in sorted(
        rows, key=lambda row: (row[0], row[6] or 0, row[1])
    ):
        if kind == "person":
            organisation = SimpleNamespace(name=extra) if extra else None
            by_pk[pk] = SimpleNamespace(
                name=name, role=role, country=country, organisation=organisation
            )
        else:
            by_role[role].append(_organization(name, extra))
    return by_pk, by_role["organiser"], by_role["partner"]


def performers(stream, people):
    """Every speaker of a speakers StreamField as a ``Person``. Speakers "to be
    confirmed" are listed: the page names them too."""
    if not stream:
        return []
    result = []
    for group in programme.speaker_groups(stream, people):
        for speaker in group.speakers:
            person = {"@type": "Person", "name": speaker.name}
            if speaker.role:
                person["jobTitle"] = speaker.role
            if speaker.organisation:
                person["affiliation"] = _organization(speaker.organisation)
            result.append(person)
    return result


# URLs and images


def page_url(page, request=None):
    return page.get_full_url(request) or ""


def image_url(image, base_url):
    """The full address of the image's rendition; renditions on another host (a
    storage bucket) already have one."""
    if image is None:
        return ""
    return urljoin(base_url or "", image.get_rendition(IMAGE_FILTER).url)


# Registration


def _availability(state, places):
    """The ``Offer.availability`` for the page's registration ``state`` (as
    ``registration.views.registration_state`` gives it) and ``places`` (a
    ``registration`` ``Availability``, or None when not known).

    Google's event rich results know ``InStock``, ``SoldOut`` and ``PreOrder``;
    schema.org adds ``LimitedAvailability``, which we use when a newcomer can
    still ask but not get a place straight away (waiting list, approval).
    Registration that closed (by date, because the event began, or because it is
    cancelled) is ``SoldOut``: for someone searching it is the same as full, no
    one can take a place any more; ``validThrough`` says when it closed.
    Registration not open yet is ``PreOrder``, with ``validFrom`` saying when."""
    if state == "not_open_yet":
        return schema("PreOrder")
    if state != "open":
        return schema("SoldOut")
    if places is None or places.state == "open":
        return schema("InStock")
    if places.state in ("waiting_list", "approval"):
        return schema("LimitedAvailability")
    return schema("SoldOut")


def registration(page, url, state, places=None):
    """``offers`` and the capacity properties for a page with a registration form;
    {} without one, or when ``state`` is not known. ``places``: the
    ``Availability`` the registration section shows (of the one-off event, or of
    its next date that can be chosen), when registration is open."""
    form = page.registration_form if page.registration_form_id else None
    if form is None or state is None:
        return {}
    places = places if state == "open" else None
    offer = {
        "@type": "Offer",
        # Registration through the package is free: it takes no payment.
        "price": 0,
        "priceCurrency": events_settings.CURRENCY,
        "availability": _availability(state, places),
    }
    if url:
        offer["url"] = url + "#register"
    if form.opens_at:
        offer["validFrom"] = _in_zone(form.opens_at, page)
    if form.closes_at:
        offer["validThrough"] = _in_zone(form.closes_at, page)
    data = {"offers": offer}
    if form.capacity is not None:
        data["maximumAttendeeCapacity"] = form.capacity
        if places is not None and places.places_left is not None:
            data["remainingAttendeeCapacity"] = max(places.places_left, 0)
        elif state == "full":
            data["remainingAttendeeCapacity"] = 0
    return data


# Sessions of a conference, dates of a series


def _session_venues(sessions, conference):
    """Venues of the sessions (their own, their room's, else the conference's),
    by session pk: two queries for any number of sessions."""
    Room = apps.get_model("wagtail_events", "Room")
    Venue = apps.get_model("wagtail_events", "Venue")
    room_ids = {s.room_id for s in sessions if s.room_id}
    rooms = Room.objects.select_related("venue").in_bulk(room_ids) if room_ids else {}
    venue_ids = {s.venue_id for s in sessions if s.venue_id}
    if conference.venue_id:
        venue_ids.add(conference.venue_id)
    venues = Venue.objects.in_bulk(venue_ids) if venue_ids else {}
    result = {}
    for session in sessions:
        room = rooms.get(session.room_id)
        result[session.pk] = (
            venues.get(session.venue_id)
            or (room.venue if room is not None else None)
            # As the session page shows it: the conference's venue only for a
            # session that names no place of its own.
            or (None if session.online_url else venues.get(conference.venue_id))
        )
    return result


def _runs(sessions):
    SiteVisitRun = apps.get_model("wagtail_events", "SiteVisitRun")
    ids = [s.pk for s in sessions if s._meta.model_name == "sitevisitpage"]
    runs = defaultdict(list)
    if ids:
        for run in SiteVisitRun.objects.filter(page_id__in=ids).order_by("start"):
            runs[run.page_id].append(run)
    return runs


def sub_events(conference, request=None):
    """The conference's visible sessions as short ``Event`` objects, one per run
    of a site visit that runs more than once."""
    sessions = [
        s
        for s in visible_sessions(conference).specific().order_by("start", "path")
        if is_session(s)
    ]
    venues = _session_venues(sessions, conference)
    runs = _runs(sessions)
    result = []
    for session in sessions:
        common = {"@type": "Event", "name": session.title}
        url = page_url(session, request)
        if url:
            common["url"] = url
        if session.status != "scheduled":
            common["eventStatus"] = schema(EVENT_STATUS[session.status])
        where = location(session, venues[session.pk])
        times = [(session.start, session.end)]
        times += [(run.start, run.end) for run in runs.get(session.pk, [])]
        for start, end in sorted(times):
            event = {**common, **dates(session, start, end)}
            if where is not None:
                event["location"] = where
            result.append(event)
    return result


def _slot_location(slot, venue):
    """Where a session of the programme takes place, as ``location()`` says it on
    the session's own page. A session at the conference's venue (or naming none)
    gets the venue's ``Place``; one at a venue of its own gets only its place's
    name, which the programme holds without another query."""
    # As ``_venue_of``: a session naming no venue is at the conference's, unless
    # it has neither a room nor in-person attendance but an online address.
    at_conference_venue = venue is not None and (
        slot.venue_id == venue.pk
        or (slot.venue_id is None and (slot.room or not slot.online_url))
    )
    if at_conference_venue:
        return location(slot, venue)
    where = location(slot, None)
    in_person = slot.status != "moved_online" and slot.attendance_mode != "online"
    if in_person and slot.place:
        named = {"@type": "Place", "name": slot.place}
        where = named if where is None else [named, where]
    return where


def programme_sub_events(conference, slots, base_url="", venue=None):
    """The sessions of the conference's programme (``programme.build_programme``,
    already built for the page) as short ``Event`` objects: no query. ``venue``:
    the conference's venue.

    The programme holds wall-clock times; the offset is the zone's at that time
    (the first of the two in the hour the clocks go back)."""
    zone = get_zone(conference.time_zone)
    result = []
    for slot in slots:
        if not slot.is_session:
            continue
        event = {"@type": "Event", "name": slot.title}
        if slot.url:
            # The programme links with the site's relative URLs.
            event["url"] = urljoin(base_url, slot.url)
        if slot.times_announced:
            event["startDate"] = slot.start.replace(tzinfo=zone).isoformat()
            event["endDate"] = slot.end.replace(tzinfo=zone).isoformat()
        else:
            event["startDate"] = slot.start.date().isoformat()
            event["endDate"] = _last_day(slot.start, slot.end).isoformat()
        if slot.status != "scheduled":
            event["eventStatus"] = schema(EVENT_STATUS[slot.status])
        where = _slot_location(slot, venue)
        if where is not None:
            event["location"] = where
        result.append(event)
    return result


def language(page):
    """The page's language (its locale's), read with its translations: the
    switcher and the alternates of the page's ``<head>`` share that query. A site
    without translations (``WAGTAIL_I18N_ENABLED`` off) keeps every page in its
    default locale, the language of ``LANGUAGE_CODE``: no query for it."""
    return languages.language_of(page)


def _series_dates(page, url, now=None):
    """The next date of a repeating event (or of a site visit with further runs)
    and its upcoming dates as ``subEvent``; None for an event with one date."""
    # Only repeating events and site visits (with further runs) have dates: a
    # conference page spends no query finding out.
    maybe_runs = page._meta.model_name == "sitevisitpage"
    if not recurrence.is_repeating(page) and not (
        maybe_runs and recurrence.has_dates(page)
    ):
        return None
    rows = recurrence.upcoming(page, events_settings.UPCOMING_DATES, now)
    following = next((row for row in rows if not row.cancelled), None)
    if following is None:
        following = recurrence.next_occurrence(page, now)
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


# The whole event


def _venue_of(page, conference):
    """The page's venue, its room's, or (for a session naming no place of its
    own) the conference's."""
    if page.venue_id:
        return page.venue
    room = getattr(page, "room", None) if getattr(page, "room_id", None) else None
    if room is not None:
        return room.venue
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
    (``registration.views.registration_offer``); ``offers`` are left out without
    them. This module shows them and never asks registration for them: it sits
    below it.
    ``programme``: the conference's ``programme.build_programme``, when the page
    has it at hand; its sessions become the ``subEvent`` list without a query.
    """
    page = page.specific
    now = now or timezone.now()
    url = page_url(page, request)
    conference = page.conference if is_session(page) else None
    data = {"@context": "https://schema.org", "@type": "Event", "name": page.title}
    description = (page.summary or page.search_description or "").strip()
    if description:
        data["description"] = description
    if url:
        data["url"] = url

    start, end = page.start, page.end
    series = _series_dates(page, url, now)
    if series is not None:
        following, _upcoming = series
        if following is not None:
            start, end = following.start, following.end
    data.update(dates(page, start, end))
    data["eventStatus"] = schema(EVENT_STATUS.get(page.status, "EventScheduled"))
    data["eventAttendanceMode"] = _attendance_mode(page)
    where = location(page, _venue_of(page, conference))
    if where is not None:
        data["location"] = where

    image_page = page if is_conference(page) else conference
    image = getattr(image_page, "hero_image", None) if image_page else None
    if image is not None:
        data["image"] = [image_url(image, url)]
    in_language = language(page)
    if in_language:
        data["inLanguage"] = in_language

    stream = getattr(page, "speakers", None)
    organising = page if is_conference(page) else conference
    people, organisers, partners = people_and_organisations(stream, organising)
    speakers = performers(stream, people)
    if speakers:
        data["performer"] = speakers
    if organisers:
        data["organizer"] = organisers
    if partners:
        data["sponsor"] = partners  # "with the support of"

    if is_conference(page):
        if programme is not None:
            slots = [slot for day in programme.days for slot in day.slots]
            slots += [slot for day in programme.days for slot in day.all_day]
            sessions = programme_sub_events(
                page, sorted(slots, key=_slot_order), url, _venue_of(page, None)
            )
        else:
            sessions = sub_events(page, request)
        if sessions:
            data["subEvent"] = sessions
    elif series is not None and series[1]:
        data["subEvent"] = series[1]
    if conference is not None:
        parent = {"@type": "Event", "name": conference.title}
        parent_url = page_url(conference, request)
        if parent_url:
            parent["url"] = parent_url
        data["superEvent"] = parent

    data.update(registration(page, url, registration_state, registration_places))
    return data
