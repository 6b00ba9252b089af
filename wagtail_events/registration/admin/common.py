"""What the organiser's registration views share: which page stands for an
event (and the views of one event, ``EventRegistrationsMixin``) and what the
listing and the exports show of a registration. Who may do what (``access``)
and how a registration is named and dated (``labels``) live one layer down, in
the registration package, where the organisers' e-mails read them too; the
screens import them from here as before.

Registrations belong to an event (``event_key``, the translation key of its
pages) and, for a repeating event or a run of a site visit, to one date of it
(``occurrence_key``, the ISO start; "" for the whole event).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ...localtime import to_local
from ...models import EventPage, Registration, RegistrationStatus
from ..access import (  # noqa: F401 -- the admin's screens read them here
    CHANGE,
    DELETE,
    NAMESPACE,
    URL_PREFIX,
    VIEW,
    can_change,
    can_erase,
    can_view,
    url,
)
from ..labels import (  # noqa: F401 -- the admin's screens read them here
    ERASED,
    date_label,
    display_name,
    local_end,
    local_start,
    moved_dates,
    when_label,
)


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


def event_page(key):
    """The page that stands for the event: the first of its translations (in
    practice the original). None when every translation is gone."""
    return (
        EventPage.objects.filter(translation_key=key)
        .select_related("registration_form")
        .order_by("pk")
        .first()
    )


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
