"""An event page's next dates, read once per page object (a request): the
dates list, the add-to-calendar links and the structured data of an event page
all ask for them, and used to read the ``Occurrence`` table three to five times.

One query gives the first dates that are not over yet (cancelled ones too) and
the last date not cancelled (where the add-to-calendar links point once every
date is over). Only a page whose next dates are all cancelled reads more.
"""

from dataclasses import dataclass

from django.db.models import Q, Subquery
from django.utils import timezone

from ..conf import events_settings


_CACHE = "_wagtail_events_dates_at_hand"


@dataclass
class DatesAtHand:
    now: object
    upcoming: list  # the first ``limit`` dates not over, cancelled ones too
    last: object  # the last date not cancelled when it is over, else None
    limit: int

    @property
    def complete(self):
        """Whether ``upcoming`` holds every date that is not over."""
        return len(self.upcoming) < self.limit


def next_not_cancelled(hand):
    """The first date of ``hand`` that is not cancelled; None when there is
    none; ``...`` when only a further read can tell (all cancelled, more)."""
    row = next((row for row in hand.upcoming if not row.cancelled), None)
    if row is None and not hand.complete:
        return ...
    return row


def dates_at_hand(page, now=None, limit=0):
    """The page's next dates from ``now`` (the moment of the first call on this
    page object when None), at least ``limit`` of them (the site's
    ``UPCOMING_DATES`` and one more by default)."""
    limit = max(limit, events_settings.UPCOMING_DATES + 1)
    store = page.__dict__.setdefault(_CACHE, {})
    hand = store.get(now)
    if hand is not None and hand.limit >= limit:
        return hand
    moment = now or (hand.now if hand else timezone.now())
    last = (
        page.occurrences.filter(cancelled=False).order_by("-start", "-pk").values("pk")
    )[:1]
    rows = list(
        page.occurrences.filter(Q(end__gte=moment) | Q(pk=Subquery(last))).order_by(
            "start", "pk"
        )[: limit + 1]
    )
    for row in rows:
        row.page = page
    past = [row for row in rows if row.end < moment]  # the last, if over
    hand = DatesAtHand(
        now=moment,
        upcoming=[row for row in rows if row.end >= moment][:limit],
        last=past[-1] if past else None,
        limit=limit,
    )
    store[now] = hand
    return hand
