"""A series of meetings as schema.org ``EventSeries``: its meetings are its
``subEvent`` list, each an ``Event`` with its dates, address and place; a
meeting names its series as ``superEvent``.

Read in two queries (the meetings with their venues), however many meetings.
"""

from ..i18n import event_languages
from ..models import MeetingPage
from ..models.visibility import without_own_restriction
from .jsonld_parts import (
    EVENT_STATUS,
    dates,
    in_language,
    location,
    page_url,
    schema,
)


def meeting_events(series, request=None):
    """The series' live meetings as short ``Event`` objects, first to last."""
    meetings = without_own_restriction(
        MeetingPage.objects.child_of(series).live()
    ).select_related("venue", "room__venue")
    result = []
    for meeting in meetings.order_by("start", "path"):
        event = {"@type": "Event", "name": meeting.title}
        url = page_url(meeting, request)
        if url:
            event["url"] = url
        event.update(dates(meeting, meeting.start, meeting.end))
        if meeting.status in EVENT_STATUS and meeting.status != "scheduled":
            event["eventStatus"] = schema(EVENT_STATUS[meeting.status])
        venue = meeting.venue or (meeting.room.venue if meeting.room else None)
        where = location(meeting, venue, url=url)
        if where is not None:
            event["location"] = where
        held = in_language(event_languages.held_in(meeting, series))
        if held:
            event["inLanguage"] = held
        result.append(event)
    return result


def series_of(meeting, request=None):
    """The ``superEvent`` of a meeting: its series, or None."""
    series = getattr(meeting, "series", None)
    if series is None:
        return None
    data = {"@type": "EventSeries", "name": series.title}
    url = page_url(series, request)
    if url:
        data["url"] = url
    return data
