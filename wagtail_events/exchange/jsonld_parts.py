"""The schema.org values an ``Event`` is made of (JSON-LD): its dates, its place
and online address, its speakers and organisers, its documents, and the
registration offer.

Each says only what the editor gave: a property the page leaves empty is left
out, never filled with an empty string or a guess.
"""

from collections import defaultdict
from types import SimpleNamespace
from urllib.parse import urljoin

from django.db.models import Case, CharField, F, Value, When

from ..conf import events_settings
from ..enums import AttendanceMode, EventStatus
from ..localtime import get_zone, last_day, to_local
from ..models import ConferenceOrganisation, Person
from ..models.documents import listed_documents
from ..places import joins_privately, meets_in_person, online_address
from ..programme import people as people_pages
from ..programme import speakers


SCHEMA = "https://schema.org/"

EVENT_STATUS = {
    EventStatus.SCHEDULED: "EventScheduled",
    EventStatus.POSTPONED: "EventPostponed",
    EventStatus.CANCELLED: "EventCancelled",
    EventStatus.MOVED_ONLINE: "EventMovedOnline",
}
ATTENDANCE_MODE = {
    AttendanceMode.IN_PERSON: "OfflineEventAttendanceMode",
    AttendanceMode.ONLINE: "OnlineEventAttendanceMode",
    AttendanceMode.MIXED: "MixedEventAttendanceMode",
}


def schema(name):
    return SCHEMA + name


def in_language(codes):
    """``inLanguage`` of the languages an event is held in: one code, or a list of
    them; None when none is stated (the page's own language is not the event's)."""
    if not codes:
        return None
    return codes[0] if len(codes) == 1 else list(codes)


def page_url(page, request=None):
    return page.get_full_url(request) or ""


# Dates


def dates(page, start, end):
    """``startDate`` and ``endDate`` of the page's event (or one date of it)."""
    if page.all_day:
        first = to_local(start, page.time_zone)
        last = to_local(end, page.time_zone)
        return {
            "startDate": first.date().isoformat(),
            "endDate": last_day(first, last).isoformat(),
        }
    zone = get_zone(page.time_zone)
    return {
        "startDate": start.astimezone(zone).isoformat(),
        "endDate": end.astimezone(zone).isoformat(),
    }


def in_zone(value, page):
    """An instant with the UTC offset of the event's zone then, as text."""
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
            # The ISO code, as schema.org asks, not the name the page shows.
            ("addressCountry", str(venue.country or "")),
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


def location(page, venue, room=None, *, parent=None, url=""):
    """The venue and/or the online address of the page, or None when it names
    neither. An event that moved online or is online only keeps no venue: people
    do not go there (``places.meets_in_person``); an online address counts only
    when people join online (``places.online_address``). ``room``: the page's
    room, which names the ``Place``. ``parent``: the conference of a session;
    ``url``: the page's address, the ``VirtualLocation`` of an event by
    invitation, whose link is private."""
    where = None
    if venue is not None and meets_in_person(page):
        where = place(venue)
        if room is not None and room.venue_id == venue.pk:
            # The room with its building: "Dijlezaal, Lamot", as on the page.
            where["name"] = f"{room.name}, {venue.name}"
    return place_and_online(where, online_of(page, parent, url))


def online_of(page, parent=None, url=""):
    """The ``VirtualLocation``'s address: where to join, or, for an event by
    invitation joined online, the page that says how to ask to join (the
    attendance mode stays online without the private link)."""
    online = online_address(page, parent)
    if not online and joins_privately(page, parent):
        return url
    return online


def place_and_online(where, online):
    """``location``'s value from a ``Place`` (or None) and an online address (or
    ""): one of them, both as a list, or None."""
    found = [where] if where is not None else []
    if online:
        found.append({"@type": "VirtualLocation", "url": online})
    if not found:
        return None
    return found[0] if len(found) == 1 else found


def attendance_mode(page):
    if page.status == EventStatus.MOVED_ONLINE:
        return schema(ATTENDANCE_MODE[AttendanceMode.ONLINE])
    return schema(
        ATTENDANCE_MODE.get(page.attendance_mode, ATTENDANCE_MODE[AttendanceMode.MIXED])
    )


# People and organisations


def organization(name, url=""):
    data = {"@type": "Organization", "name": name}
    if url:
        data["url"] = url
    return data


def people_and_organisations(stream, conference):
    """The saved people among the speakers of ``stream`` (by pk) and the
    organisers and partners of ``conference`` (None: none), read in one query:
    the conference page's query budget has room for one."""
    ids = speakers.person_ids([stream]) if stream else set()
    if not ids and conference is None:
        return {}, [], []
    columns = ("kind", "pk", "name", "role", "country", "extra", "order", "page_slug")
    people = (
        Person.objects.filter(pk__in=ids)
        .annotate(
            kind=Value("person", output_field=CharField()),
            extra=F("organisation__name"),
            order=F("pk"),
            # The slug of the person's public page, "" when it is hidden.
            page_slug=Case(
                When(public_page=True, then=F("slug")),
                default=Value(""),
                output_field=CharField(),
            ),
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
        page_slug=Value("", output_field=CharField()),
    )
    rows = people.union(organisations.values_list(*columns).order_by(), all=True)
    by_pk, by_role = {}, defaultdict(list)
    for kind, pk, name, role, country, extra, _order, page in sorted(
        rows, key=lambda row: (row[0], row[6] or 0, row[1])
    ):
        if kind == "person":
            organisation = SimpleNamespace(name=extra) if extra else None
            by_pk[pk] = SimpleNamespace(
                name=name,
                role=role,
                country=country,
                organisation=organisation,
                slug=page,
                public_page=bool(page),
            )
        else:
            by_role[role].append(organization(name, extra))
    return by_pk, by_role["organiser"], by_role["partner"]


def performers(stream, people, people_url=""):
    """Every speaker of a speakers StreamField as a ``Person``. Speakers "to be
    confirmed" are listed: the page names them too. ``people_url``: the full
    address of the people's pages (``programme.people.people_address``)."""
    if not stream:
        return []
    return [
        person(speaker, people_url)
        for group in speakers.speaker_groups(stream, people)
        for speaker in group.speakers
    ]


def links_to_people(people):
    """Whether any of ``people`` ({pk: person}) has a public page to link to."""
    return any(people_pages.linkable(p) for p in people.values())


def person(speaker, people_url=""):
    """A ``Person`` of a speaker (``programme.Speaker``): name, role, organisation,
    and the address of their page when they have one."""
    data = {"@type": "Person", "name": speaker.name}
    url = people_pages.person_address(speaker.person, people_url)
    if url:
        data["url"] = url
    if speaker.role:
        data["jobTitle"] = speaker.role
    if speaker.organisation:
        data["affiliation"] = organization(speaker.organisation)
    return data


# Registration


def _availability(state, places):
    """The ``Offer.availability`` for the page's registration ``state`` (as
    ``registration.availability.registration_state`` gives it) and ``places`` (a
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
    its next date that can be chosen), when registration is open.

    The price is what the form's admission states (``models.prices``), never a
    guess: free gives ``isAccessibleForFree`` and an offer at price 0; paid one
    offer per price, named by what it is for; not stated an offer without a price
    (schema.org requires none of an ``Offer``'s properties, and Google lists
    ``price`` as recommended, not required), which still says whether and until
    when one can register."""
    form = page.registration_form if page.registration_form_id else None
    if form is None or state is None:
        return {}
    places = places if state == "open" else None
    terms = {"availability": _availability(state, places)}
    if url:
        terms["url"] = url + "#register"
    if form.opens_at:
        terms["validFrom"] = in_zone(form.opens_at, page)
    if form.closes_at:
        terms["validThrough"] = in_zone(form.closes_at, page)
    data = {}
    if form.is_free:
        data["isAccessibleForFree"] = True
        offers = [
            {
                "@type": "Offer",
                "price": 0,
                "priceCurrency": events_settings.CURRENCY,
                **terms,
            }
        ]
    elif form.is_paid:
        offers = [_price_offer(row, terms) for row in form.price_rows()]
    else:
        offers = [{"@type": "Offer", **terms}]
    if offers:
        data["offers"] = offers[0] if len(offers) == 1 else offers
    if form.capacity is not None:
        data["maximumAttendeeCapacity"] = form.capacity
        if places is not None and places.places_left is not None:
            data["remainingAttendeeCapacity"] = max(places.places_left, 0)
        elif state == "full":
            data["remainingAttendeeCapacity"] = 0
    return data


def _price_offer(row, terms):
    """The ``Offer`` of one price (``models.prices.RegistrationPrice``); the
    amount as a string with a full stop ("12.50"), as schema.org asks, exact
    where a float might not be."""
    offer = {"@type": "Offer"}
    if row.label:
        offer["name"] = row.label
    offer["price"] = format(row.amount, "f")
    offer["priceCurrency"] = row.currency
    return {**offer, **terms}


# Documents


def documents(page, base_url):
    """The page's public documents (the agenda, the list of hotels) as the
    ``DigitalDocument``s its ``subjectOf`` names: schema.org's way to point from
    a thing to a creative work about it. The list the page shows, without a
    query of its own; documents of private collections are not in it."""
    result = []
    for row in listed_documents(page):
        document = row.document
        data = {"@type": "DigitalDocument", "name": row.label}
        url = urljoin(base_url, document.url) if base_url else ""
        if url:
            data["url"] = url
        if document.file_extension:
            data["encodingFormat"] = document.content_type
        result.append(data)
    return result
