"""The organiser's registrations: a listing with filters, search and exports, a
read-only page per registration, and (in the modules next to this one) the
counts per event, the check-in list and the actions.

Registrations are personal data, not content: a ``ModelViewSet`` with a menu
item of its own, not a snippet, and never created or edited by hand. Their status changes
only through ``registration.changes`` (see ``actions``).

The listing searches with the database (``icontains``), like the snippet
listings in ``viewsets``.
"""

import django_filters
from django import forms
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from ...localtime import to_local
from ...models import EventPage, Registration, RegistrationStatus
from ..keys import occurrence_start
from . import actions as registration_actions
from . import change_notices as registration_change_notices
from . import checkin as registration_checkin
from . import detail as registration_detail
from . import export as registration_export
from . import messages as registration_messages
from . import summary as registration_summary
from .common import (
    NAMESPACE,
    URL_PREFIX,
    can_change,
    display_name,
    event_title,
    registered_at,
    registration_date,
    sessions,
    url,
)


def event_choices():
    """(event key, title) of every event with registrations, by title; two events
    with the same title are told apart by their start date."""
    keys = list(Registration.objects.values_list("event_key", flat=True).distinct())
    pages = {}
    for page in (
        EventPage.objects.filter(translation_key__in=keys)
        .only("translation_key", "title", "start", "time_zone")
        .order_by("pk")
    ):
        pages.setdefault(page.translation_key, page)
    titles = [p.title for p in pages.values()]
    choices = []
    for key in keys:
        page = pages.get(key)
        if page is None:
            label = _("Event with no page any more (%(key)s)") % {"key": key}
        elif titles.count(page.title) > 1 and page.start is not None:
            label = f"{page.title} ({page.local_start:%Y-%m-%d})"
        else:
            label = page.title
        choices.append((str(key), str(label)))
    return sorted(choices, key=lambda choice: choice[1].casefold())


class RegistrationFilterSet(WagtailFilterSet):
    event = django_filters.ChoiceFilter(
        label=_("Event"), field_name="event_key", choices=event_choices
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=RegistrationStatus.choices
    )
    date = django_filters.DateFilter(
        label=_("Date"),
        method="filter_date",
        help_text=_("The day of the event, in the event's own time zone."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Registration
        fields = ["event", "status", "date"]

    def filter_date(self, queryset, name, value):
        # The date of a registration is its occurrence's start (or, for a one-off
        # event, the page's start) on the event's wall clock: worked out here from
        # the few distinct dates, since the database does not know the zones.
        rows = queryset.values_list(
            "occurrence_key", "page_id", "page__start", "page__time_zone"
        ).distinct()
        keys, one_off_pages = set(), set()
        for key, page_id, page_start, zone in rows:
            if key:
                start = occurrence_start(key)
                if start and zone:
                    start = to_local(start, zone)
                if start and start.date() == value:
                    keys.add(key)
            elif page_start and to_local(page_start, zone).date() == value:
                one_off_pages.add(page_id)
        return queryset.filter(
            Q(occurrence_key__in=keys) | Q(occurrence_key="", page_id__in=one_off_pages)
        )


class EventColumn(Column):
    """The event's title, linking to its counts, check-in and accessibility
    summary."""

    cell_template_name = "wagtail_events/admin/registrations/event_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["summary_url"] = url("summary", instance.event_key)
        return context


class RegistrationIndexView(registration_export.SafeSpreadsheetExportMixin):
    any_permission_required = ["view"]
    default_ordering = "-created_at"
    page_title = _("Registrations")

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "name",
                label=_("Name"),
                accessor=display_name,
                sort_key="name",
                get_url=lambda r: url("inspect", r.pk),
            ),
            Column("email", label=_("E-mail"), sort_key="email"),
            EventColumn("event", label=_("Event"), accessor=event_title),
            Column("date", label=_("Date"), accessor=registration_date),
            Column(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                sort_key="status",
            ),
            Column("sessions", label=_("Sessions"), accessor=sessions),
            Column(
                "created_at",
                label=_("Registered at"),
                accessor=lambda r: (
                    f"{registered_at(r):%Y-%m-%d %H:%M}" if r.created_at else ""
                ),
                sort_key="created_at",
            ),
        ]

    def get_base_queryset(self):
        return Registration.objects.select_related("page").prefetch_related(
            Prefetch(
                "session_registrations",
                queryset=Registration.objects.select_related("page").order_by(
                    "page__start", "pk"
                ),
            )
        )

    @cached_property
    def chosen_event(self):
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get("event") or None
        return None

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        waiting = registration_change_notices.change_notices.pending_notices().count()
        buttons.append(
            Button(
                _("Notices to send (%(count)s)") % {"count": waiting}
                if waiting
                else _("Notices to send"),
                url=url("change_notices"),
                icon_name="mail",
                priority=90,
            )
        )
        if self.chosen_event:
            buttons.append(
                Button(
                    _("Counts and check-in"),
                    url=url("summary", self.chosen_event),
                    icon_name="list-ul",
                    priority=80,
                )
            )
            if can_change(self.request.user):
                buttons.append(
                    Button(
                        _("Write to registrants"),
                        url=url("message_new", self.chosen_event),
                        icon_name="mail",
                        priority=90,
                    )
                )
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        buttons.append(
            Button(
                _("Counts of this event"),
                url=url("summary", instance.event_key),
                icon_name="list-ul",
                priority=40,
            )
        )
        return buttons


class RegistrationURLFinder(ModelAdminURLFinder):
    """Links to a registration lead to its read-only page."""

    def construct_edit_url(self, instance):
        return url("inspect", instance.pk)


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "list-ul"
    menu_label = _("Registrations")
    name = NAMESPACE
    url_prefix = URL_PREFIX
    # Its own menu item, after the pages and “Event details” (wagtail_hooks).
    add_to_admin_menu = True
    menu_order = 210
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = RegistrationIndexView
    inspect_view_class = registration_detail.RegistrationDetailView
    filterset_class = RegistrationFilterSet
    search_fields = ["name", "email"]
    search_backend_name = None
    export_filename = "registrations"
    url_finder_class = RegistrationURLFinder
    # No form: registrations are never created or edited by hand.
    form_fields = []

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add", "edit", "delete", "history", "usage"):
            view_kwargs[f"{name}_url_name"] = None
        return view_kwargs

    def get_permissions_to_register(self):
        """View, change (act on registrations) and delete (erase personal data)
        on the group edit page; never "add"."""
        content_type = ContentType.objects.get_for_model(Registration)
        return Permission.objects.filter(
            content_type=content_type,
            codename__in=[
                "view_registration",
                "change_registration",
                "delete_registration",
            ],
        )

    def get_urlpatterns(self):
        kept = {"index", "index_results", "inspect"}
        return [
            *(p for p in super().get_urlpatterns() if p.name in kept),
            *registration_summary.urlpatterns(),
            *registration_checkin.urlpatterns(),
            *registration_actions.urlpatterns(),
            *registration_detail.urlpatterns(),
            *registration_messages.urlpatterns(),
            *registration_change_notices.urlpatterns(),
        ]
