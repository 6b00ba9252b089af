"""Per event: the counts (per date of a repeating event or run of a site visit),
who waits for a place or for approval, the accessibility summary, and the
printable check-in list with, after the event, the no-shows.

Each page reads with a fixed number of queries, whatever the number of people.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, Table
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button

from ...localtime import to_local
from ...models import EventPage, Registration
from .. import writer as registrations
from ..forms import ACCESSIBILITY_CHOICES
from .actions import available_actions
from .common import (
    COUNTED_STATUSES,
    HOLDING_OR_WAITING,
    S,
    can_change,
    can_view,
    date_label,
    display_name,
    event_page,
    local_end,
    moved_dates,
    url,
    when_label,
)


def counts(key, form):
    """One row per date of the event ("" first: the whole event), each with the
    number of registrations per status, the places and the free places."""
    annotations = {
        str(status): Count("pk", filter=Q(status=status)) for status in COUNTED_STATUSES
    }
    rows = list(
        Registration.objects.filter(event_key=key)
        .values("occurrence_key")
        .annotate(**annotations)
        .order_by("occurrence_key")
    )
    capacity = form.capacity if form is not None else None
    for row in rows:
        row["places"] = capacity
        # As registrations.free_places(), from the counts already read.
        row["free_places"] = (
            None if capacity is None else capacity - row[S.CONFIRMED] - row[S.ATTENDED]
        )
    return rows


def accessibility_summary(key):
    """How many people holding or waiting for a place asked for each need, and
    the "other" needs in their words, with names and dates."""
    needs = {code: 0 for code, _label in ACCESSIBILITY_CHOICES}
    others = []
    for registration in (
        Registration.objects.filter(event_key=key, status__in=HOLDING_OR_WAITING)
        .only(
            "name",
            "erased_at",
            "status",
            "occurrence_key",
            "accessibility_needs",
            "accessibility_details",
        )
        .order_by(Lower("name"), "pk")
    ):
        for need in registration.accessibility_needs or []:
            if need in needs:
                needs[need] += 1
        if registration.accessibility_details.strip():
            others.append(registration)
    return {
        "needs": [
            {"label": label, "count": needs[code]}
            for code, label in ACCESSIBILITY_CHOICES
        ],
        "others": others,
    }


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
            {"url": url("index"), "label": _("Registrations")},
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


class SummaryView(EventRegistrationsMixin, TemplateView):
    template_name = "wagtail_events/admin/registrations/summary.html"
    page_title = gettext_lazy("Registrations of this event")

    def counts_table(self, rows):
        columns = [
            Column("date", label=_("Date"), accessor="label"),
            *(
                Column(str(status), label=status.label, accessor=str(status))
                for status in COUNTED_STATUSES
            ),
            Column("places", label=_("Places"), accessor="places"),
            Column("free_places", label=_("Free places"), accessor="free_places"),
        ]
        return Table(columns, rows)

    @cached_property
    def header_more_buttons(self):
        buttons = [
            Button(_("List"), url=self.listing_url(), icon_name="list-ul"),
            Button(
                _("Download XLSX"),
                url=self.listing_url(export="xlsx"),
                icon_name="download",
            ),
            Button(
                _("Download CSV"),
                url=self.listing_url(export="csv"),
                icon_name="download",
            ),
        ]
        if self.page is not None:
            buttons.append(
                Button(
                    _("Edit the event"),
                    url=reverse("wagtailadmin_pages:edit", args=(self.page.pk,)),
                    icon_name="edit",
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = counts(self.event_key, self.form)
        for row in rows:
            row["label"] = date_label(self.page, row["occurrence_key"], self.moved)
            row["checkin_url"] = checkin_url(self.event_key, row["occurrence_key"])
        pending = list(
            self.registrations()
            .filter(status__in=(S.AWAITING_APPROVAL, S.WAITING))
            .order_by("occurrence_key", "created_at", "pk")
        )
        position = {}
        for registration in pending:
            registration.display_name = display_name(registration)
            registration.when = date_label(
                self.page, registration.occurrence_key, self.moved
            )
            if registration.status == S.WAITING:
                number = position.get(registration.occurrence_key, 0) + 1
                position[registration.occurrence_key] = number
                registration.position = number
        free = {row["occurrence_key"]: row["free_places"] for row in rows}
        acting = can_change(self.request.user)
        for registration in pending:
            places = free.get(registration.occurrence_key)
            full = places is not None and places <= 0
            registration.detail_url = url("inspect", registration.pk)
            registration.registered_at = to_local(
                registration.created_at,
                self.page.time_zone if self.page is not None else "UTC",
            )
            registration.actions = (
                [
                    {"url": url(name, registration.pk), "label": label, "data": data}
                    for name, label, data in available_actions(registration, full)
                ]
                if acting
                else []
            )
        context.update(
            rows=rows,
            counts_table=self.counts_table(rows),
            awaiting=[r for r in pending if r.status == S.AWAITING_APPROVAL],
            waiting=[r for r in pending if r.status == S.WAITING],
            accessibility=accessibility_summary(self.event_key),
            show_dates=any(row["occurrence_key"] for row in rows),
        )
        for other in context["accessibility"]["others"]:
            other.display_name = display_name(other)
            other.when = date_label(self.page, other.occurrence_key, self.moved)
        return context


def checkin_url(key, occurrence_key=""):
    base = url("checkin", key)
    return base + "?" + urlencode({"date": occurrence_key}) if occurrence_key else base


class CheckInView(EventRegistrationsMixin, TemplateView):
    """GET: the people holding a place on one date, alphabetical, to tick off at
    the door (and print). POST: mark the ticked ones as attended."""

    template_name = "wagtail_events/admin/registrations/checkin.html"
    page_title = gettext_lazy("Check-in list")

    @cached_property
    def occurrence_key(self):
        key = self.request.GET.get("date", "")
        if key and not self.registrations().filter(occurrence_key=key).exists():
            raise Http404
        return key

    def dates(self):
        keys = (
            self.registrations()
            .order_by("occurrence_key")
            .values_list("occurrence_key", flat=True)
            .distinct()
        )
        return [
            {
                "label": date_label(self.page, key, self.moved),
                "url": checkin_url(self.event_key, key),
                "current": key == self.occurrence_key,
            }
            for key in keys
        ]

    def get_page_subtitle(self):
        subtitle = super().get_page_subtitle()
        when = when_label(self.page, self.occurrence_key, self.moved)
        return f"{subtitle}, {when}" if when else subtitle

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        people = list(
            self.registrations()
            .filter(
                occurrence_key=self.occurrence_key, status__in=(S.CONFIRMED, S.ATTENDED)
            )
            .order_by(Lower("name"), "pk")
        )
        for person in people:
            person.display_name = display_name(person)
        end = local_end(self.page, self.occurrence_key, self.moved)
        is_over = end is not None and end <= timezone.now()
        context.update(
            people=people,
            dates=self.dates(),
            occurrence_key=self.occurrence_key,
            when=when_label(self.page, self.occurrence_key, self.moved),
            is_over=is_over,
            no_shows=[p for p in people if p.status == S.CONFIRMED] if is_over else [],
            attended_count=sum(p.status == S.ATTENDED for p in people),
        )
        return context

    def post(self, request, event_key):
        if not can_change(request.user):
            raise PermissionDenied
        back = checkin_url(self.event_key, self.occurrence_key)
        raw_ids = request.POST.getlist("attended")
        try:
            ids = {int(value) for value in raw_ids}
        except ValueError:
            messages.error(request, _("The list was not sent right: nothing changed."))
            return redirect(back)
        if not ids:
            messages.warning(request, _("Nobody was ticked: nothing changed."))
            return redirect(back)
        on_list = list(
            self.registrations().filter(pk__in=ids, occurrence_key=self.occurrence_key)
        )
        marked, refused = 0, []
        for registration in on_list:
            try:
                registrations.mark_attended(registration)
            except registrations.RegistrationRefused:
                refused.append(display_name(registration))
            else:
                marked += 1
        if marked:
            messages.success(
                request,
                ngettext(
                    "Marked %(count)s person as attended.",
                    "Marked %(count)s people as attended.",
                    marked,
                )
                % {"count": marked},
            )
        if refused:
            messages.error(
                request,
                _("Not marked, as they hold no place: %(names)s.")
                % {"names": ", ".join(refused)},
            )
        if len(on_list) < len(ids):
            messages.error(
                request,
                ngettext(
                    "%(count)s of the ticked registrations is not on this list: "
                    "it was left unchanged.",
                    "%(count)s of the ticked registrations are not on this list: "
                    "they were left unchanged.",
                    len(ids) - len(on_list),
                )
                % {"count": len(ids) - len(on_list)},
            )
        return redirect(back)


def page_buttons(page, user, next_url=None, view_name=None):
    """The "Registrations" entry of an event page that has a registration form,
    for users who may see registrations."""
    if not can_view(user) or page.specific_class is None:
        return
    if not issubclass(page.specific_class, EventPage):
        return
    if isinstance(page, EventPage):
        has_form = page.registration_form_id is not None
    else:
        has_form = EventPage.objects.filter(
            pk=page.pk, registration_form__isnull=False
        ).exists()
    if has_form:
        yield Button(
            _("Registrations"),
            url("summary", page.translation_key),
            icon_name="list-ul",
            priority=50,
        )


def urlpatterns():
    return [
        path("event/<uuid:event_key>/", SummaryView.as_view(), name="summary"),
        path("event/<uuid:event_key>/check-in/", CheckInView.as_view(), name="checkin"),
    ]
