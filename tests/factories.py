"""Plain builders for test data: a site tree, venues, conferences and sessions.

Each takes keyword arguments for what a test cares about and fills in the rest.
Times are given as wall-clock times in the event's zone (``local(...)``).
"""

import datetime
import itertools
from zoneinfo import ZoneInfo

from wagtail.models import Page, Site

from wagtail_events.models import (
    ConferencePage,
    EventIndexPage,
    Organisation,
    PanelPage,
    Person,
    ProgrammeItem,
    Room,
    SiteVisitPage,
    SiteVisitRun,
    Venue,
    WorkshopPage,
)


BRUSSELS = "Europe/Brussels"
_counter = itertools.count(1)


def local(year, month, day, hour=0, minute=0, zone=BRUSSELS):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone))


def site_root():
    site = Site.objects.get(is_default_site=True)
    return site.root_page


def event_index(parent=None, **fields):
    parent = parent or site_root()
    n = next(_counter)
    fields.setdefault("title", f"Events {n}")
    fields.setdefault("slug", f"events-{n}")
    index = EventIndexPage(**fields)
    parent.add_child(instance=index)
    return index


def venue(name="Lamot Conference and Heritage Centre", rooms=(), **fields):
    fields.setdefault("locality", "Mechelen")
    fields.setdefault("country", "BE")
    v = Venue.objects.create(name=name, **fields)
    for order, room_name in enumerate(rooms):
        Room.objects.create(venue=v, name=room_name, sort_order=order)
    return v


def room(venue_obj, name):
    return venue_obj.rooms.get(name=name)


def conference(parent=None, start=None, end=None, **fields):
    parent = parent or event_index()
    n = next(_counter)
    fields.setdefault("title", f"Conference {n}")
    fields.setdefault("slug", f"conference-{n}")
    fields.setdefault("time_zone", BRUSSELS)
    page = ConferencePage(
        start=start or local(2024, 4, 19, 8, 15),
        end=end or local(2024, 4, 19, 18, 0),
        **fields,
    )
    parent.add_child(instance=page)
    return page


def _session(model, parent, start, end, **fields):
    n = next(_counter)
    fields.setdefault("title", f"{model.__name__} {n}")
    fields.setdefault("slug", f"session-{n}")
    fields.setdefault("time_zone", getattr(parent.specific, "time_zone", BRUSSELS))
    page = model(start=start, end=end, **fields)
    parent.add_child(instance=page)
    return page


def panel(parent, start, end, **fields):
    return _session(PanelPage, parent, start, end, **fields)


def workshop(parent, start, end, **fields):
    return _session(WorkshopPage, parent, start, end, **fields)


def site_visit(parent, start, end, runs=(), **fields):
    fields.setdefault("meeting_point", "Main entrance")
    page = _session(SiteVisitPage, parent, start, end, **fields)
    for order, (run_start, run_end) in enumerate(runs):
        SiteVisitRun.objects.create(
            page=page, start=run_start, end=run_end, sort_order=order
        )
    return page


def programme_item(conference_page, start, end, kind="break", **fields):
    fields.setdefault("title", kind.capitalize())
    return ProgrammeItem.objects.create(
        page=conference_page, start=start, end=end, kind=kind, **fields
    )


def person(name="Bart Somers", **fields):
    fields.setdefault("role", "Mayor of Mechelen")
    fields.setdefault("country", "BE")
    return Person.objects.create(name=name, **fields)


def organisation(name="VVSG", **fields):
    return Organisation.objects.create(name=name, **fields)


def speaker(person_obj=None, **value):
    """A speaker block's value in StreamField raw form."""
    value.setdefault("session_role", "speaker")
    value.setdefault("confirmation", "confirmed")
    value.setdefault("participation", "in_person")
    if person_obj is not None:
        value["person"] = person_obj.pk
    return {"type": "speaker", "value": value}


def root_page():
    return Page.objects.get(depth=1)
