"""The filters of an event index: the types, languages and places it offers, and
the conditions that select the events of one type, language or place."""

import unicodedata

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..enums import AttendanceMode
from ..i18n import event_languages
from ..models import (
    ConferencePage,
    EventType,
    PanelPage,
    SeriesPage,
    SiteVisitPage,
    WorkshopPage,
)
from ..models.visibility import visible_children


# The types an index filters its events by (``?type=site-visit``), in the order
# of the filter's choices: each page type under the value of its kind.
EVENT_TYPES = {
    page_type.event_kind.value: page_type
    for page_type in (
        ConferencePage,
        PanelPage,
        WorkshopPage,
        SiteVisitPage,
        SeriesPage,
    )
}


def event_types_of(index):
    """{slug: EventType} of the types the site defines, in the index's language
    (one query): what its filter offers besides the page types."""
    return {
        event_type.slug: event_type
        for event_type in EventType.objects.filter(locale_id=index.locale_id)
    }


def type_choices(event_types=None):
    """The filter's choices: the site's event types ("Study days"), then the page
    types none of them stands for (a type whose slug is a page type's value,
    such as "conference", takes that page type's place)."""
    event_types = event_types or {}
    return (
        [("", _("All events"))]
        + [(slug, event_type.plural) for slug, event_type in event_types.items()]
        + [
            (key, page_type._meta.verbose_name_plural)
            for key, page_type in EVENT_TYPES.items()
            if key not in event_types
        ]
    )


def held_in(language):
    """Events whose languages include ``language``: the code in quotes within the
    JSON list, which SQLite and PostgreSQL (``jsonb::text``) both match with
    LIKE (``__contains`` on a JSON field is PostgreSQL's only); the quotes keep
    "nl" from matching "nl-be". Codes are lower case (``event_languages.CODE``)."""
    return Q(event_languages__icontains=f'"{language}"')


def filter_rows(index):
    """(languages, town, attendance mode) of each event the index lists: what its
    language and place filters offer, in one query whatever the number of events."""
    return list(
        visible_children(index).values_list(
            "event_languages", "venue__locality", "attendance_mode"
        )
    )


def language_choices(index, language="", rows=None):
    """The languages the index's events are held in, by name in the active
    language, for its filter: one query (none given ``filter_rows``), whatever
    the number of events. The language asked for stays a choice, also when no
    event is held in it."""
    used = {language} if language else set()
    for codes, _town, _mode in filter_rows(index) if rows is None else rows:
        used.update(codes or [])
    return [("", _("All languages"))] + [
        (code, event_languages.name(code)) for code in event_languages.ordered(used)
    ]


# The place filter's value for events one can attend online (``?place=online``);
# any other value is a venue's town, as the venue writes it.
ONLINE = "online"
_ONLINE_MODES = (AttendanceMode.ONLINE, AttendanceMode.MIXED)


def place_choices(rows, place=""):
    """The places the index's events are held in, for its filter: the towns of
    their venues in alphabetical order, then "Online" when any event can be
    attended online. The place asked for stays a choice."""
    towns = {town for _codes, town, _mode in rows if town}
    online = place == ONLINE or any(mode in _ONLINE_MODES for *_rest, mode in rows)
    if place and place != ONLINE:
        towns.add(place)
    choices = [("", _("All places"))]
    choices += [(town, town) for town in sorted(towns, key=str.casefold)]
    if online:
        choices.append((ONLINE, _("Online")))
    return choices


def place_from_query(value):
    """The ``place`` of a query string: a town as typed (at most 255 characters,
    the venue's field), or "" for none; a value holding a control character (a
    NUL, which PostgreSQL refuses in a query) names no town and counts as none."""
    place = (value or "").strip()[:255]
    if any(unicodedata.category(character) == "Cc" for character in place):
        return ""
    return place


def held_at(place):
    """Events at a venue in the town ``place`` (any case), or, for ``online``,
    events one can attend online."""
    if place == ONLINE:
        return Q(attendance_mode__in=_ONLINE_MODES)
    return Q(venue__locality__iexact=place)
