"""A registration as organisers read it, in the admin's screens and in the
alerts and digests they are sent: the registrant's name (or "Erased") and the
date and time of the registration in the event's own zone.

Registrations belong to an event (``event_key``) and, for a repeating event or
a run of a site visit, to one date of it (``occurrence_key``, the ISO start of
the date as first planned; "" for the whole event). A moved date keeps its key.
"""

from django.db.models import F
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from ..localtime import to_local
from ..models import Occurrence
from .keys import occurrence_key, occurrence_start


ERASED = _("Erased")


def display_name(registration):
    """The registrant's name, or "Erased" once the personal data is gone."""
    return str(ERASED) if registration.erased_at else registration.name


def moved_dates(page):
    """{occurrence key: new start} of the event's dates that were moved: a date
    keeps its key (its original start) and its registrations when moved."""
    if page is None:
        return {}
    return {
        occurrence_key(row.original_start): row.start
        for row in Occurrence.objects.filter(page_id=page.pk).exclude(
            start=F("original_start")
        )
    }


def local_start(page, key, moved=None):
    """The naive wall-clock start of the event (or of the date ``key``) in the
    event's zone; None if unknown (the page is gone and no date is given).
    ``moved``: ``moved_dates(page)``, to show a moved date at its new time."""
    start = (moved or {}).get(key) or occurrence_start(key)
    if page is None:
        return start.replace(tzinfo=None) if start else None
    return to_local(start or page.start, page.time_zone)


def local_end(page, key, moved=None):
    """When the event (or its date ``key``) ends, aware; a date lasts as long as
    the event's first one."""
    if page is None:
        return None
    start = (moved or {}).get(key) or occurrence_start(key)
    if start is None or page.start is None or page.end is None:
        return page.end
    return start + (page.end - page.start)


def when_label(page, key, moved=None):
    """The date and time of a registration, as the editor reads it."""
    value = local_start(page, key, moved)
    if value is None:
        return ""
    if page is not None and page.all_day:
        return formats.date_format(value, "DATE_FORMAT")
    return formats.date_format(value, "DATETIME_FORMAT")


def date_label(page, key, moved=None):
    """The label of a row of counts: the date, or "Whole event"."""
    return when_label(page, key, moved) if key else str(_("Whole event"))
