"""What an event index lists: upcoming or past events, of one type or all, a page
at a time. Dates are filtered and sorted in SQL; one query fetches a page of events
of every type, since they share the ``EventPage`` table."""

from dataclasses import dataclass

from django.apps import apps
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .conf import events_settings


EVENT_TYPES = {
    # URL value: model name
    "conference": "ConferencePage",
    "panel": "PanelPage",
    "workshop": "WorkshopPage",
    "site-visit": "SiteVisitPage",
}


@dataclass
class Listing:
    page: object  # a Django Page of EventPage objects
    paginator: Paginator
    when: str  # "upcoming" or "past"
    event_type: str  # a key of EVENT_TYPES, or ""
    type_choices: list

    @property
    def events(self):
        return self.page.object_list


def type_choices():
    return [("", _("All events"))] + [
        (key, apps.get_model("wagtail_events", name)._meta.verbose_name_plural)
        for key, name in EVENT_TYPES.items()
    ]


def events_in(index, when="upcoming", event_type="", now=None):
    EventPage = apps.get_model("wagtail_events", "EventPage")
    now = now or timezone.now()
    events = EventPage.objects.child_of(index).live().public().select_related("venue")
    if event_type in EVENT_TYPES:
        model = apps.get_model("wagtail_events", EVENT_TYPES[event_type])
        events = events.type(model)
    if when == "past":
        return events.filter(end__lt=now).order_by("-start", "pk")
    return events.filter(end__gte=now).order_by("start", "pk")


def build_listing(index, request, now=None):
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    event_type = request.GET.get("type", "")
    if event_type not in EVENT_TYPES:
        event_type = ""
    paginator = Paginator(
        events_in(index, when, event_type, now), events_settings.INDEX_PAGE_SIZE
    )
    page = paginator.get_page(request.GET.get("page"))
    return Listing(page, paginator, when, event_type, type_choices())
