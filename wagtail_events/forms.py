"""The admin form shared by every event page type.

Editors type wall-clock times in the event's own time zone, whatever their own
admin time zone is; this form converts between that and the aware date-times that
are stored, for the page's own fields and its inline rows (programme items,
further runs). The rules an event must follow live in ``validation``.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm

from . import validation
from .conf import events_settings
from .localtime import from_local, to_local, zone_choices


LOCAL_TIME_FIELDS = ("start", "end")
# Inline rows whose times are wall-clock times of the page's zone.
LOCAL_TIME_FORMSETS = ("programme_items", "runs")


class EventPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "time_zone" in self.fields:
            self.fields["time_zone"] = forms.ChoiceField(
                choices=zone_choices(),
                label=self.fields["time_zone"].label,
                help_text=self.fields["time_zone"].help_text,
                initial=self.initial.get("time_zone") or self._inherited_zone(),
            )
        zone = self.instance.time_zone if self.instance.pk else self._inherited_zone()
        self._show_local(self, zone)
        for formset in self._local_time_formsets():
            for child in formset.forms:
                self._show_local(child, zone)

    def _inherited_zone(self):
        """New sessions take their conference's zone; anything else the default."""
        parent = getattr(self, "parent_page", None)
        parent_zone = getattr(parent.specific, "time_zone", None) if parent else None
        return parent_zone or events_settings.DEFAULT_TIME_ZONE

    def _local_time_formsets(self):
        return [
            self.formsets[name] for name in LOCAL_TIME_FORMSETS if name in self.formsets
        ]

    @staticmethod
    def _show_local(form, zone):
        for name in LOCAL_TIME_FIELDS:
            value = getattr(form.instance, name, None)
            if name in form.fields and value is not None and not form.is_bound:
                form.initial[name] = to_local(value, zone)

    def _reinterpret(self, form, zone):
        """Django read the typed times in the admin user's zone; read them in the event's."""
        for name in LOCAL_TIME_FIELDS:
            value = form.cleaned_data.get(name)
            if value is None:
                continue
            try:
                local = from_local(timezone.make_naive(value), zone)
            except ValidationError as error:
                form.add_error(name, error)
                continue
            form.cleaned_data[name] = local
            setattr(form.instance, name, local)

    def clean(self):
        cleaned_data = super().clean()
        zone = cleaned_data.get("time_zone") or self.instance.time_zone
        parent = self.parent_page.specific if self.parent_page else None
        parent_zone = getattr(parent, "time_zone", None)
        if parent_zone:
            # A session happens where its conference happens.
            zone = parent_zone
            if "time_zone" in cleaned_data:
                cleaned_data["time_zone"] = zone
        self._reinterpret(self, zone)
        for formset in self._local_time_formsets():
            if not formset.is_valid():
                continue
            for child in formset.forms:
                if hasattr(child, "cleaned_data") and not child.cleaned_data.get(
                    "DELETE"
                ):
                    self._reinterpret(child, zone)
                    if child.errors:
                        # Added after the formset was validated: say so on the page too.
                        self.add_error(None, child.errors.as_text())
        for field, error in validation.validate_event(
            self.instance, cleaned_data, parent, self._local_time_formsets()
        ):
            self.add_error(field, error)
        return cleaned_data
