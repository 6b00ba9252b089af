"""What the organiser's registration views share: who may do what, which page
stands for an event (and the views of one event, ``EventRegistrationsMixin``),
and the date of a registration in the event's own time.

Registrations belong to an event (``event_key``, the translation key of its
pages) and, for a repeating event or a run of a site visit, to one date of it
(``occurrence_key``, the ISO start; "" for the whole event).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404
from django.urls import reverse
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ...localtime import to_local
from ...models import EventPage, Occurrence, Registration, RegistrationStatus
from ..keys import occurrence_key, occurrence_start


NAMESPACE = "wagtail_events_registrations"
URL_PREFIX = "wagtail-events/registrations"

VIEW = "wagtail_events.view_registration"
CHANGE = "wagtail_events.change_registration"
DELETE = "wagtail_events.delete_registration"

S = RegistrationStatus
# The order of the counts, everywhere they are shown.
COUNTED_STATUSES = (
    S.CONFIRMED,
    S.ATTENDED,
    S.WAITING,
    S.AWAITING_APPROVAL,
    S.DECLINED,
    S.CANCELLED,
)
# People the accessibility summary is about: holding a place or waiting for one
# (on the waiting list or for the organiser's decision).
HOLDING_OR_WAITING = (S.CONFIRMED, S.ATTENDED, S.WAITING, S.AWAITING_APPROVAL)

ERASED = _("Erased")


def url(name, *args):
    return reverse(f"{NAMESPACE}:{name}", args=args)


def can_view(user):
    return user.is_active and user.has_perm(VIEW)


def can_change(user):
    return can_view(user) and user.has_perm(CHANGE)


def can_erase(user):
    return can_view(user) and user.has_perm(DELETE)


def display_name(registration):
    """The registrant's name, or "Erased" once the personal data is gone."""
    return str(ERASED) if registration.erased_at else registration.name


def event_page(key):
    """The page that stands for the event: the first of its translations (in
    practice the original). None when every translation is gone."""
    return (
        EventPage.objects.filter(translation_key=key)
        .select_related("registration_form")
        .order_by("pk")
        .first()
    )


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


# What the listing and the exports show of a registration.


def event_title(registration):
    page = registration.page
    return page.title if page is not None else _("(page deleted)")


def registration_date(registration):
    return when_label(registration.page, registration.occurrence_key)


def registered_at(registration):
    """The time of registering, on the event's wall clock (naive)."""
    page = registration.page
    zone = page.time_zone if page is not None else "UTC"
    return to_local(registration.created_at, zone)


def sessions(registration):
    """The sessions chosen with a conference registration (prefetched)."""
    labels = []
    for session in registration.session_registrations.all():
        title = event_title(session)
        if session.status != S.CONFIRMED:
            title = f"{title} ({session.get_status_display()})"
        labels.append(str(title))
    return ", ".join(labels)


# The views of one event's registrations


class EventRegistrationsMixin(WagtailAdminTemplateMixin):
    """Finds the event by its key; 404 when it has neither a page nor
    registrations; only for users who may see registrations."""

    header_icon = "list-ul"

    def dispatch(self, request, event_key):
        if not can_view(request.user):
            raise PermissionDenied
        self.event_key = event_key
        self.page = event_page(event_key)
        if self.page is None and not self.registrations().exists():
            raise Http404
        return super().dispatch(request, event_key)

    def registrations(self):
        return Registration.objects.filter(event_key=self.event_key)

    @cached_property
    def moved(self):
        return moved_dates(self.page)

    @cached_property
    def form(self):
        return self.page.registration_form if self.page is not None else None

    def get_page_subtitle(self):
        return self.page.title if self.page is not None else str(self.event_key)

    def listing_url(self, **params):
        return url("index") + "?" + urlencode({"event": self.event_key, **params})

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": url("index"), "label": gettext("Registrations")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            event_page=self.page,
            form_settings=self.form,
            can_change=can_change(self.request.user),
            next_url=self.request.get_full_path(),
        )
        return context
