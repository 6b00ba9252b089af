"""“Import a schedule”: upload a schedule.json (pretalx, frab) to a conference and
see what was created, updated, left unchanged or skipped.

Only users who may publish the conference reach it: the import publishes the
sessions it creates and updates. A file that cannot be read
changes nothing and says why on the form.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button

from ..enums import is_conference
from ..page_model import base_page_model
from . import frab, frab_limits


URL_NAME = "wagtail_events_schedule_import"


class ScheduleImportForm(forms.Form):
    file = forms.FileField(
        label=_("Schedule file"),
        help_text=_(
            "The schedule.json that pretalx or frab publishes, such as "
            "https://pretalx.example.org/democon/schedule/export/schedule.json."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )
    dry_run = forms.BooleanField(
        label=_("Only show what would change"),
        required=False,
        help_text=_("Nothing is saved; the report shows what an import would do."),
    )

    update_dates = forms.BooleanField(
        label=_("Change the conference’s dates to the schedule’s"),
        required=False,
        help_text=_(
            "When the schedule’s sessions lie outside the conference’s dates, "
            "move the dates so that they can be imported. Otherwise those "
            "sessions are skipped and the report says why."
        ),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        # The same limits as the import_schedule command (frab_limits); the
        # size is known before the upload is read.
        too_large = frab_limits.too_large(file.size)
        if too_large:
            raise forms.ValidationError(too_large)
        try:
            self.cleaned_data["data"] = frab.load_schedule(file)
        except frab.ScheduleError as error:
            raise forms.ValidationError(str(error)) from None
        return file


class ScheduleImportView(WagtailAdminTemplateMixin, FormView):
    form_class = ScheduleImportForm
    template_name = "wagtail_events/admin/schedule_import.html"
    page_title = _("Import a schedule")
    header_icon = "download"

    def dispatch(self, request, page_id):
        page = get_object_or_404(base_page_model(), pk=page_id)
        if not is_conference(page):
            raise Http404
        permissions = page.permissions_for_user(request.user)
        if not permissions.can_edit():
            raise PermissionDenied
        self.conference = page.specific
        if not permissions.can_publish():
            # An editor who may not publish: say why, rather than Wagtail's
            # generic redirect to the dashboard.
            self.request, self.args, self.kwargs = request, (), {"page_id": page_id}
            response = self.render_to_response(
                self.get_context_data(
                    form=None,
                    forbidden=_(
                        "Importing a schedule publishes its sessions, so it needs "
                        "permission to publish this conference. Ask someone who "
                        "may publish it to import the file."
                    ),
                )
            )
            response.status_code = 403
            return response
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.conference.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=(self.conference.pk,)),
                "label": self.conference.get_admin_display_title(),
            },
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["conference"] = self.conference
        context["edit_url"] = reverse(
            "wagtailadmin_pages:edit", args=(self.conference.pk,)
        )
        return context

    def form_valid(self, form):
        try:
            report = frab.import_schedule(
                self.conference,
                form.cleaned_data["data"],
                user=self.request.user,
                dry_run=form.cleaned_data["dry_run"],
                update_dates=form.cleaned_data["update_dates"],
            )
        except frab.ScheduleError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        groups = [
            (label, report.of(action))
            for action, label in (
                ("skipped", pgettext_lazy("schedule import", "Skipped")),
                ("missing", _("In the conference but not in the file")),
                ("created", pgettext_lazy("schedule import", "Created")),
                ("updated", pgettext_lazy("schedule import", "Updated")),
                ("unchanged", pgettext_lazy("schedule import", "Unchanged")),
            )
        ]
        return self.render_to_response(
            self.get_context_data(form=self.form_class(), report=report, groups=groups)
        )


def urlpatterns():
    return [
        path(
            "wagtail-events/conferences/<int:page_id>/import-schedule/",
            ScheduleImportView.as_view(),
            name=URL_NAME,
        )
    ]


def may_import(page, user):
    """The import publishes, so it needs permission to publish the conference."""
    permissions = page.permissions_for_user(user)
    return permissions.can_edit() and permissions.can_publish()


def page_buttons(page, user, next_url=None, view_name=None):
    """The “Import schedule” entry in a conference's “more” menus."""
    if is_conference(page) and may_import(page, user):
        yield Button(
            _("Import schedule"),
            reverse(URL_NAME, args=(page.pk,)),
            icon_name="download",
            priority=45,
        )
