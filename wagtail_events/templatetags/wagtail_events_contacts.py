"""Who may come and whom to ask: the online address as the public reads it, the
"by invitation" marker and the named contacts of an event page.

``{% public_online event as online %}``, ``{% event_contacts page as contacts %}``
"""

from django import template

from .. import places
from ..enums import is_meeting, is_session
from ..models import EventContact


register = template.Library()

Purpose = EventContact.Purpose


def parent_event(page):
    """The conference of a session or the series of a meeting, or None: what
    the page takes its access and contacts from, as the calendar files and the
    structured data do. Cached on the page, whose template reads it anyway (the
    breadcrumb)."""
    if is_meeting(page):
        return page.series
    if is_session(page):
        return getattr(page, "conference", None)
    return None


@register.simple_tag
def public_online(event):
    """``url``: the online address the public may read ("" for an event by
    invitation, ``places.public_online_url``); ``private``: whether people join
    online at an address sent only to the people admitted."""
    parent = parent_event(event)
    return {
        "url": places.public_online_url(event, parent),
        "private": places.joins_privately(event, parent),
        "by_invitation": places.by_invitation(event, parent),
    }


@register.simple_tag
def by_invitation(event):
    return places.by_invitation(event, parent_event(event))


@register.simple_tag
def event_contacts(page):
    """The page's contacts by purpose (``general``, ``press``, ``accessibility``,
    ``join``: lists of ``Contact``), one query: a session or meeting without
    contacts of its own for a purpose shows its conference's or series'."""
    parent = parent_event(page)
    ids = [page.pk] + ([parent.pk] if parent is not None else [])
    rows = (
        EventContact.objects.filter(page_id__in=ids)
        .select_related("contact__organisation")
        .order_by("sort_order", "pk")
    )
    own = {purpose: [] for purpose in Purpose.values}
    inherited = {purpose: [] for purpose in Purpose.values}
    for row in rows:
        if row.purpose in own:
            target = own if row.page_id == page.pk else inherited
            target[row.purpose].append(row.contact)
    grouped = {purpose: own[purpose] or inherited[purpose] for purpose in own}
    grouped["any"] = any(grouped[p] for p in (Purpose.GENERAL, Purpose.PRESS))
    return grouped
