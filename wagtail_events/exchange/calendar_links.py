"""The add-to-calendar box of an event, conference or index page: the address of
its ``calendar.ics``, the ``webcal://`` address apps subscribe to, and links that
add the event (its next date, for a series) to Google Calendar or Outlook; one
pair of links per part of a conference held in parts on several days
(``occurrences.parts``), never one block over the nights between them.

The addresses are built here; templates only print them
(``{% calendar_links page as links %}``).
"""

from dataclasses import dataclass, field
from urllib.parse import quote, urlencode, urlsplit

from django.utils import timezone

from .. import places
from ..enums import is_conference, is_series
from ..localtime import to_local
from ..models import EventPage
from ..occurrences import recurrence
from ..occurrences.at_hand import dates_at_hand, next_not_cancelled
from ..occurrences.parts import parts_of
from .ical_parts import in_zone, page_url, whole_days


@dataclass
class CalendarLinks:
    ics_url: str
    webcal_url: str = ""  # subscribe: series, programmes and index feeds
    google_url: str = ""
    outlook_url: str = ""
    is_series: bool = False
    is_programme: bool = False
    is_feed: bool = False
    is_meetings: bool = False  # a series of meetings: its feed only
    # One per part of an event held on several days, each with its own links.
    parts: list = field(default_factory=list)


@dataclass
class PartLinks:
    part: object  # occurrences.parts.Part
    google_url: str
    outlook_url: str


def calendar_file_url(page, request=None):
    """The full address of a page's ``calendar.ics``."""
    url = page.get_full_url(request)
    if not url:
        return ""
    return url.rstrip("/") + "/calendar.ics"


def webcal_url(url):
    """The address calendar apps subscribe to: ``webcal://`` for ``http(s)://``."""
    parts = urlsplit(url)
    return "webcal://" + url[len(parts.scheme) + 3 :] if parts.scheme else ""


def _next_dates(page, now=None):
    """Start and end of the date the add-to links add: for a series the next date
    not cancelled, else the last one; otherwise the page's own."""
    if not recurrence.is_repeating(page):
        return page.start, page.end
    # The dates the page's list and structured data read, not read again.
    hand = dates_at_hand(page, now)
    row = next_not_cancelled(hand)
    if row is None:
        row = hand.last
    elif row is ...:
        now = now or timezone.now()
        dates = page.occurrences.filter(cancelled=False).order_by("start", "pk")
        row = dates.filter(end__gte=now).first() or dates.last()
    if row is None:
        return page.start, page.end
    return row.start, row.end


def _details(page, request=None):
    return "\n\n".join(filter(None, [page.summary.strip(), page_url(page, request)]))


def google_calendar_url(page, start, end, request=None):
    if page.all_day:
        first, after = whole_days(page, start, end)
        dates = f"{first:%Y%m%d}/{after:%Y%m%d}"
    else:
        local_start = to_local(start, page.time_zone)
        local_end = to_local(end, page.time_zone)
        dates = f"{local_start:%Y%m%dT%H%M%S}/{local_end:%Y%m%dT%H%M%S}"
    params = {
        "action": "TEMPLATE",
        "text": page.title,
        "dates": dates,
        "ctz": page.time_zone,
        "details": _details(page, request),
        "location": places.location_line_of(page),
    }
    return "https://calendar.google.com/calendar/render?" + _query(params)


def outlook_calendar_url(page, start, end, request=None):
    params = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": page.title,
    }
    if page.all_day:
        first, after = whole_days(page, start, end)
        params.update(startdt=first.isoformat(), enddt=after.isoformat(), allday="true")
    else:
        params.update(
            startdt=in_zone(start, page).isoformat(),
            enddt=in_zone(end, page).isoformat(),
            allday="false",
        )
    params.update(body=_details(page, request), location=places.location_line_of(page))
    return "https://outlook.live.com/calendar/0/deeplink/compose?" + _query(params)


def _query(params):
    return urlencode({k: v for k, v in params.items() if v}, quote_via=quote, safe="/:")


def calendar_links(page, request=None, now=None):
    """The links of the add-to-calendar box of an event, conference or index page;
    None for an event whose date is to be announced (nothing to add yet)."""
    ics = calendar_file_url(page, request)
    if not isinstance(page, EventPage):
        return CalendarLinks(ics_url=ics, webcal_url=webcal_url(ics), is_feed=True)
    if not recurrence.is_dated(page):
        return None
    if is_series(page):
        # A series of meetings: each meeting has its own links; the series is
        # its feed of meetings.
        return CalendarLinks(ics_url=ics, webcal_url=webcal_url(ics), is_meetings=True)
    is_programme = is_conference(page)
    repeats = recurrence.is_repeating(page)
    parts = parts_of(page) if is_programme else []
    if len(parts) > 1:
        return CalendarLinks(
            ics_url=ics,
            webcal_url=webcal_url(ics),
            is_programme=True,
            parts=[
                PartLinks(
                    part,
                    google_calendar_url(page, part.start, part.end, request),
                    outlook_calendar_url(page, part.start, part.end, request),
                )
                for part in parts
            ],
        )
    start, end = _next_dates(page, now)
    return CalendarLinks(
        ics_url=ics,
        webcal_url=webcal_url(ics) if repeats or is_programme else "",
        google_url=google_calendar_url(page, start, end, request),
        outlook_url=outlook_calendar_url(page, start, end, request),
        is_series=repeats,
        is_programme=is_programme,
    )
