"""Which child pages the public listings and feeds of a page show.

A page's own view restriction (members only, a password) hides it from the
listings, the programme and the feeds of its parent: they are read by anyone who
can see the parent. A restriction further up (on the conference or the index) is
checked when that page itself is served, so the people who may see it also see
its children: ``.public()``, which drops everything below any restriction, would
give them an empty programme.
"""

from wagtail.models import PageViewRestriction

from .pages import EventPage


def without_own_restriction(pages):
    """``pages`` less those with a view restriction on themselves."""
    return pages.exclude(pk__in=PageViewRestriction.objects.values("page_id"))


def visible_children(parent):
    """The live event pages below ``parent`` that its listings and feeds show.

    ``child_of`` rather than ``get_children``, which trusts a possibly stale
    ``numchild``."""
    return without_own_restriction(EventPage.objects.child_of(parent).live())


def visible_sessions(conference):
    """The sessions of a conference that its programme, schedule and calendar show."""
    return visible_children(conference)
