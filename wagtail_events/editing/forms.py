"""The admin form shared by every event page type.

Editors type wall-clock times in the event's own time zone, whatever their own
admin time zone is; this form converts between that and the aware date-times that
are stored, for the page's own fields and its inline rows (programme items,
further runs, changes to single dates of a repeating event). The rules an event
must follow live in ``validation``.
"""

import datetime
import zoneinfo

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from ..conf import events_settings
from ..enums import is_conference
from ..localtime import from_local, to_local, zone_choices
from ..models import Room
from . import validation


LOCAL_TIME_FIELDS = ("start", "end")
# What is known of a date to be announced (see ``validation.date_to_be_announced``).
ANNOUNCED_FIELDS = ("announced_weekday", "announced_start_time", "announced_end_time")
# Inline rows whose times are wall-clock times of the page's zone, and their
# time fields.
LOCAL_TIME_FORMSETS = {
    "programme_items": LOCAL_TIME_FIELDS,
    "runs": LOCAL_TIME_FIELDS,
    "occurrence_changes": ("original_start", "new_start", "new_end"),
}
# Of those, the rows that must fall within the event (or its conference).
BOUNDED_FORMSETS = ("programme_items", "runs")
# Inline rows that choose one of the venue's rooms.
ROOM_FORMSETS = ("programme_items",)


class WallClockDateTimeField(forms.DateTimeField):
    """A date-time typed and shown as wall-clock time in ``zone``, not in the
    admin user's zone.

    Django's own field reads what is typed in the active time zone, which is the
    editor's; it would also refuse a time that does not exist *there* (02:30 on the
    night the clocks go forward in the editor's zone) even when it exists where the
    event happens. This field parses the text as a naive time and converts it with
    ``localtime.from_local``, whose message names the event's zone.
    """

    def __init__(self, *, zone, **kwargs):
        self.zone = zone
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            return value
        # UTC has no gaps, so Django's parsing cannot fail on a clock change here;
        # the result is read back as naive wall-clock time.
        with timezone.override(datetime.UTC):
            value = super().to_python(value)
        if value is None:
            return None
        return from_local(value.replace(tzinfo=None), self.zone)

    def prepare_value(self, value):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            return to_local(value, self.zone)
        return value


def _wall_clock_field(field, zone):
    return WallClockDateTimeField(
        zone=zone,
        required=field.required,
        widget=field.widget,
        label=field.label,
        initial=field.initial,
        help_text=field.help_text,
        disabled=field.disabled,
        localize=field.localize,
        input_formats=field.input_formats,
    )


def _is_zone(name):
    if not name:
        return False
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def room_queryset(venue_ids=None, locale_id=None, keep=()):
    """Rooms in the order editors look for them, labelled “Room (Venue)” without
    one query per option; only those of the page's language when it is given (a
    translated venue has its own rooms), plus the rooms in ``keep``."""
    rooms = Room.objects.select_related("venue").order_by(
        "venue__name", "venue_id", "sort_order", "name"
    )
    if venue_ids is not None:
        rooms = rooms.filter(venue_id__in=venue_ids)
    if locale_id is not None:
        rooms = rooms.filter(Q(locale_id=locale_id) | Q(pk__in=[k for k in keep if k]))
    return rooms


class EventPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parent = self._parent()
        self.conference = parent if is_conference(parent) else None
        self.event_zone = self._event_zone()

        if "time_zone" in self.fields:
            field = self.fields["time_zone"]
            self.fields["time_zone"] = forms.ChoiceField(
                choices=zone_choices(),
                label=field.label,
                help_text=field.help_text,
                initial=self.initial.get("time_zone") or self._inherited_zone(),
            )
            if self.conference is not None:
                # A session happens where its conference happens.
                self.fields["time_zone"].disabled = True
                self.fields["time_zone"].help_text = _(
                    "Sessions of a conference use the conference’s time zone."
                )
                self.initial["time_zone"] = self.conference.time_zone

        self._use_wall_clock(self, self.event_zone)
        for name, fields in LOCAL_TIME_FORMSETS.items():
            if name in self.formsets:
                for child in self.formsets[name].forms:
                    self._use_wall_clock(child, self.event_zone, fields)

        self._limit_rooms()
        if "registration_form" in self.fields:
            self.fields["registration_form"].help_text = _(
                "Visitors register through this form, embedded in the page. Its "
                "“Places” are the limit, for this event in every language; a form "
                "without places takes everyone. Choose one or create it here."
            )

    # Which zone the typed times are in

    def _parent(self):
        parent = getattr(self, "parent_page", None)
        if parent is None and self.instance.pk:
            parent = self.instance.get_parent()
        return parent.specific if parent is not None else None

    def _inherited_zone(self):
        """New sessions take their conference's zone; anything else the default."""
        parent = self._parent()
        parent_zone = getattr(parent, "time_zone", None) if parent else None
        return parent_zone or events_settings.DEFAULT_TIME_ZONE

    def _event_zone(self):
        """The zone the times on this form are typed in.

        A conference's, for its sessions; otherwise the zone chosen on this very
        form when it is submitted (so that changing the zone and the times at once
        reads the times in the new zone), else the page's saved or inherited zone.
        """
        if self.conference is not None:
            return self.conference.time_zone
        if self.is_bound and "time_zone" in self.fields:
            submitted = self.data.get(self.add_prefix("time_zone"))
            if _is_zone(submitted):
                return submitted
        if self.instance.pk and _is_zone(self.instance.time_zone):
            return self.instance.time_zone
        return self._inherited_zone()

    def _local_time_formsets(self, names=BOUNDED_FORMSETS):
        return [self.formsets[name] for name in names if name in self.formsets]

    @staticmethod
    def _use_wall_clock(form, zone, fields=LOCAL_TIME_FIELDS):
        for name in fields:
            if name not in form.fields:
                continue
            form.fields[name] = _wall_clock_field(form.fields[name], zone)
            value = getattr(form.instance, name, None)
            if value is not None:
                # Also on bound forms, so that has_changed() compares like with like.
                form.initial[name] = to_local(value, zone)

    # Rooms

    def _limit_rooms(self):
        """Sessions of a conference choose among the rooms of the conference's
        venue (and of their own venue, when they have one); every room choice is
        ordered and labelled without a query per option."""
        if "room" in self.fields:
            venue_ids = None
            if self.conference is not None and self.conference.venue_id:
                venue_ids = {self.conference.venue_id}
                if getattr(self.instance, "venue_id", None):
                    venue_ids.add(self.instance.venue_id)
                if getattr(self.instance, "room_id", None):
                    # Never hide the room already chosen, even if it moved venues.
                    venue_ids.update(
                        Room.objects.filter(pk=self.instance.room_id).values_list(
                            "venue_id", flat=True
                        )
                    )
            if venue_ids is None:
                self.fields["room"].queryset = room_queryset(
                    locale_id=self._locale_id(),
                    keep=[getattr(self.instance, "room_id", None)],
                )
            else:
                self.fields["room"].queryset = room_queryset(venue_ids)
        for name in ROOM_FORMSETS:
            if name not in self.formsets:
                continue
            formset = self.formsets[name]
            if "room" in formset.form.base_fields:
                # The same for every request; also reaches the empty form that the
                # “add” button copies.
                formset.form.base_fields["room"].queryset = room_queryset()
            for child in formset.forms:
                if "room" in child.fields:
                    child.fields["room"].queryset = room_queryset(
                        locale_id=self._locale_id(), keep=[child.instance.room_id]
                    )

    def _locale_id(self):
        """The page's language, for its choices of rooms; None when unknown."""
        locale_id = getattr(self.instance, "locale_id", None)
        parent = getattr(self, "parent_page", None)
        if locale_id is None and parent is not None:
            locale_id = getattr(parent, "locale_id", None)
        return locale_id

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("date_to_be_announced", True):
            # The date is set: what was known of it before (a weekday, hours)
            # is said by the start and end now.
            for name in ANNOUNCED_FIELDS:
                if name in cleaned_data:
                    cleaned_data[name] = None
        if self.conference is not None and "time_zone" in self.fields:
            cleaned_data["time_zone"] = self.conference.time_zone
        if "time_zone" in cleaned_data:
            self.instance.time_zone = cleaned_data["time_zone"]
        formsets = self._local_time_formsets()
        for formset in self._local_time_formsets(LOCAL_TIME_FORMSETS):
            # Validate the rows now, so that their cleaned times can be checked.
            formset.is_valid()
        for field, error in validation.validate_event(
            self.instance, cleaned_data, self.conference or self._parent(), formsets
        ):
            self.add_error(field, error)
        if "occurrence_changes" in self.formsets:
            validation.validate_occurrence_changes(
                self.instance,
                cleaned_data,
                self.formsets["occurrence_changes"],
                runs=self.formsets.get("runs"),
            )
        return cleaned_data
