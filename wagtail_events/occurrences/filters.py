"""The filters of an event index: the types and languages it offers, and the
conditions that select the events of one type or language."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

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


def language_choices(index, language=""):
    """The languages the index's events are held in, by name in the active
    language, for its filter: one query, whatever the number of events. The
    language asked for stays a choice, also when no event is held in it."""
    used = {language} if language else set()
    for codes in visible_children(index).values_list("event_languages", flat=True):
        used.update(codes or [])
    return [("", _("All languages"))] + [
        (code, event_languages.name(code)) for code in event_languages.ordered(used)
    ]
