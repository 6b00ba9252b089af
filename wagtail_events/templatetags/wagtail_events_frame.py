"""What the page frame (``wagtail_events/frame.html``) shows around a page.

``{% page_frame page as frame %}`` gives, in one query:

- ``frame.trail``: the page's ancestors below the tree's root, home first, for the
  breadcrumb (empty on a home page);
- ``frame.menu``: the live pages below the page's home marked "Show in menus",
  for the default navigation. In a site translated with wagtail-localize each
  language has its own home, so the menu is in the page's language. A site
  whose own base page model has no "Show in menus" (``page_model.has_field``)
  has no menu here: its templates give their own.

``{% stated_zone page as zone %}`` gives the time zone the page states once
("Times are Brussels time (Europe/Brussels)."): the event's own zone on an event
page, the default zone of new events on an event index, else "". A time in
another zone keeps its zone next to it (``includes/when_times.html``).

``{% zone_sentence zone %}`` writes that statement in the current language.
"""

from dataclasses import dataclass, field

from django import template
from django.db.models import Q
from django.utils.translation import gettext

from ..page_model import base_page_model, has_field


register = template.Library()

HOME_DEPTH = 2


@dataclass(frozen=True)
class Frame:
    trail: list = field(default_factory=list)
    menu: list = field(default_factory=list)


@register.simple_tag
def page_frame(page):
    Page = base_page_model()
    if not isinstance(page, Page) or not page.path or page.depth <= HOME_DEPTH:
        return Frame()
    home = page.path[: Page.steplen * HOME_DEPTH]
    ancestors = [
        page.path[: Page.steplen * depth] for depth in range(HOME_DEPTH, page.depth)
    ]
    shown = Q(path__in=ancestors)
    if has_field("show_in_menus"):
        shown |= Q(
            path__startswith=home,
            depth=HOME_DEPTH + 1,
            show_in_menus=True,
            live=True,
        )
    rows = list(Page.objects.filter(shown).order_by("path"))
    return Frame(
        trail=[row for row in rows if row.path in ancestors],
        menu=[
            row
            for row in rows
            if row.depth == HOME_DEPTH + 1 and getattr(row, "show_in_menus", False)
        ],
    )


@register.simple_tag
def stated_zone(page):
    return getattr(page, "time_zone", "") or getattr(page, "stated_time_zone", "")


@register.simple_tag
def zone_sentence(zone):
    place = zone.rsplit("/", 1)[-1].replace("_", " ")
    if place == zone:
        # Translators: the time zone of the times on a page without a city in
        # its name: "Times are in UTC."
        return gettext("Times are in %(zone)s.") % {"zone": zone}
    # Translators: the time zone of the times on a page, stated once: "Times are
    # Brussels time (Europe/Brussels)." %(place)s is the city of the zone's name.
    return gettext("Times are %(place)s time (%(zone)s).") % {
        "place": place,
        "zone": zone,
    }
