"""One registration, read only, with the actions its status allows; the
download of the person's data (``privacy.export``) and the erasing of it
(``privacy.erase``, after a confirmation page).

Seeing needs ``view_registration``, erasing ``delete_registration``.
"""

import json

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button

from ...models import Registration
from .. import privacy
from ..answers import display_answers
from ..availability import availability_of, waiting_position
from .actions import available_actions
from .common import (
    S,
    can_change,
    can_erase,
    can_view,
    display_name,
    event_page,
    event_title,
    registered_at,
    registration_date,
    sessions,
    url,
)
from .export import needs_label


class RegistrationDetailView(InspectView):
    """A registration, read only, with the actions its status allows."""

    any_permission_required = ["view"]
    template_name = "wagtail_events/admin/registrations/detail.html"
    page_title = gettext_lazy("Registration")
    fields = [
        "name",
        "email",
        "event",
        "date",
        "status",
        "sessions",
        "parent",
        "language",
        "accessibility_needs",
        "accessibility_details",
        "created_at",
        "erased_at",
    ]

    def get_object(self, queryset=None):
        return get_object_or_404(
            Registration.objects.select_related(
                "page", "parent__page"
            ).prefetch_related(
                Prefetch(
                    "session_registrations",
                    queryset=Registration.objects.select_related("page"),
                )
            ),
            pk=self.pk,
        )

    def get_page_subtitle(self):
        return display_name(self.object)

    def get_field_label(self, field_name, field):
        labels = {
            "event": _("Event"),
            "date": _("Date"),
            "sessions": _("Sessions"),
            "created_at": _("Registered at"),
            "erased_at": _("Personal data erased at"),
        }
        if field_name in labels:
            return labels[field_name]
        return super().get_field_label(field_name, field)

    def get_name_display_value(self):
        return display_name(self.object)

    def get_event_display_value(self):
        return event_title(self.object)

    def get_date_display_value(self):
        return registration_date(self.object)

    def get_sessions_display_value(self):
        return sessions(self.object) or "-"

    def get_parent_display_value(self):
        parent = self.object.parent
        return f"{display_name(parent)}, {event_title(parent)}" if parent else "-"

    def get_accessibility_needs_display_value(self):
        return needs_label(self.object) or "-"

    def get_created_at_display_value(self):
        return f"{registered_at(self.object):%Y-%m-%d %H:%M}"

    def get_erased_at_display_value(self):
        return self.object.erased_at or "-"

    def answers(self):
        """(question, answer) in the order of the form, in the reader's language
        (``answers``: a choice shown in the admin user's language)."""
        return display_answers(self.object)

    @cached_property
    def is_full(self):
        page = event_page(self.object.event_key)
        form = page.registration_form if page is not None else None
        if form is None:
            return False
        places = availability_of(
            form, self.object.event_key, self.object.occurrence_key
        )
        return places.is_full

    @cached_property
    def header_more_buttons(self):
        buttons = [
            Button(
                _("Counts of this event"),
                url=url("summary", self.object.event_key),
                icon_name="list-ul",
                priority=10,
            ),
            Button(
                _("Export this person's data"),
                url=url("export_data", self.object.pk),
                icon_name="download",
                priority=20,
            ),
        ]
        if can_erase(self.request.user) and not self.object.erased_at:
            buttons.append(
                Button(
                    _("Erase personal data"),
                    url=url("erase", self.object.pk),
                    icon_name="bin",
                    priority=30,
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actions = []
        if can_change(self.request.user):
            full = self.object.status == S.WAITING and self.is_full
            actions = [
                {"url": url(name, self.object.pk), "label": label, "data": data}
                for name, label, data in available_actions(self.object, full)
            ]
        context.update(
            answers=self.answers(),
            actions=actions,
            waiting_position=waiting_position(self.object),
        )
        return context


def export_data(request, pk):
    """The person's data as a JSON file (``privacy.export``), for a request to
    see one's data."""
    if not can_view(request.user):
        raise PermissionDenied
    registration = get_object_or_404(Registration, pk=pk)
    data = privacy.export(registration)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="registration-{registration.public_id}.json"'
    )
    return response


class EraseView(WagtailAdminTemplateMixin, TemplateView):
    """GET: ask to confirm. POST: erase name, e-mail and answers; the status stays,
    so that the counts stay right."""

    template_name = "wagtail_events/admin/registrations/erase.html"
    page_title = gettext_lazy("Erase personal data")
    header_icon = "bin"

    def dispatch(self, request, pk):
        if not can_erase(request.user):
            raise PermissionDenied
        self.registration = get_object_or_404(
            Registration.objects.select_related("page"), pk=pk
        )
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return display_name(self.registration)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            registration=self.registration,
            event=event_title(self.registration),
            detail_url=url("inspect", self.registration.pk),
        )
        return context

    def post(self, request, pk):
        if self.registration.erased_at:
            messages.warning(request, _("This registration was already erased."))
        else:
            name = self.registration.name
            privacy.erase(self.registration)
            messages.success(
                request,
                _("The personal data of %(name)s was erased.") % {"name": name},
            )
        return redirect(url("inspect", self.registration.pk))


def urlpatterns():
    return [
        path("<int:pk>/export-data/", export_data, name="export_data"),
        path("<int:pk>/erase/", EraseView.as_view(), name="erase"),
    ]
