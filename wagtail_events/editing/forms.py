"""The admin form shared by every event page type.

Editors type wall-clock times in the event's own time zone, whatever their own
admin time zone is; this form converts between that and the aware date-times that
are stored, for the page's own fields and its inline rows (programme items,
further runs, changes to single dates of a repeating event). The rules an event
must follow live in ``validation``.
"""

import datetime
import functools
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
    one query per option; only those of ``venue_ids`` and of the page's language
    when they are given (a translated venue has its own rooms), plus the rooms in
    ``keep`` (a choice already made is never hidden)."""
    rooms = Room.objects.select_related("venue").order_by(
        "venue__name", "venue_id", "sort_order", "name"
    )
    offered = Q()
    if venue_ids is not None:
        offered &= Q(venue_id__in=venue_ids)
    if locale_id is not None:
        offered &= Q(locale_id=locale_id)
    kept = [k for k in keep if k]
    if kept:
        offered |= Q(pk__in=kept)
    return rooms.filter(offered)


# New sessions start where their conference starts: its first day, its start
# time, its venue; they last this long until the editor says otherwise.
NEW_SESSION_LENGTH = datetime.timedelta(hours=1)
NEW_ITEM_LENGTH = datetime.timedelta(minutes=30)


def _with_new_rows(formset):
    """The formset, as a ``_new_rows_formset`` of its class."""
    if not hasattr(formset, "new_row_initial"):
        formset.__class__ = _new_rows_formset(type(formset))
    return formset


@functools.cache
def _new_rows_formset(formset_class):
    """``formset_class`` whose new rows, and the empty row the “add” button
    copies, start with ``new_row_initial`` and offer the rooms of
    ``new_row_rooms``; rows already saved keep their own values."""

    class NewRowsFormSet(formset_class):
        new_row_initial = None
        new_row_rooms = None

        def get_form_kwargs(self, index):
            kwargs = super().get_form_kwargs(index)
            if self.new_row_initial and (
                index is None or index >= self.initial_form_count()
            ):
                kwargs["initial"] = {
                    **self.new_row_initial,
                    **kwargs.get("initial", {}),
                }
            return kwargs

        @property
        def empty_form(self):
            form = super().empty_form
            if self.new_row_rooms is not None and "room" in form.fields:
                form.fields["room"].queryset = self.new_row_rooms
            return form

    NewRowsFormSet.__name__ = formset_class.__name__
    return NewRowsFormSet


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

        self._start_where_the_conference_starts()
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

    # Where new things start

    def _programme_owner(self):
        """The conference whose day and venue new sessions and programme items
        start from: the parent of a session, or the conference being edited."""
        if self.conference is not None:
            return self.conference
        if is_conference(self.instance):
            return self.instance
        return None

    def _start_where_the_conference_starts(self):
        """A new session of a conference starts on the conference's first day,
        at its start time, at its venue (the zone is the conference's already);
        so do the programme items added to a conference. Editors change the
        hour instead of retyping the date."""
        owner = self._programme_owner()
        if owner is None or owner.start is None:
            return
        start = to_local(owner.start, owner.time_zone)
        if self.conference is not None and not self.instance.pk and not self.is_bound:
            end = to_local(owner.end, owner.time_zone) or start
            defaults = {
                "start": start,
                "end": min(start + NEW_SESSION_LENGTH, max(end, start)),
                "venue": owner.venue_id,
            }
            for name, value in defaults.items():
                if name in self.fields and self.initial.get(name) is None:
                    self.initial[name] = value
        if "programme_items" in self.formsets:
            formset = _with_new_rows(self.formsets["programme_items"])
            formset.new_row_initial = {"start": start, "end": start + NEW_ITEM_LENGTH}

    # Rooms

    def _room_venues(self):
        """The venues whose rooms this page chooses among: its conference's (or,
        on a conference, its own) and the page's own venue; None for any."""
        owner = self._programme_owner() or self.instance
        venue_ids = {owner.venue_id, getattr(self.instance, "venue_id", None)}
        if self.is_bound:
            # A venue changed on this very form offers its rooms at once.
            submitted = self.data.get(self.add_prefix("venue"))
            if submitted and str(submitted).isdigit():
                venue_ids.add(int(submitted))
        venue_ids.discard(None)
        return venue_ids or None

    def _limit_rooms(self):
        """Rooms offered are those of the venue (the conference's, and the
        session's own) in the page's language: a break in Mechelen does not offer
        the rooms of Ghent, nor the French names of the same rooms. A room already
        chosen is always kept. Every room choice is ordered and labelled without a
        query per option."""
        venue_ids = self._room_venues()
        locale_id = self._locale_id()
        if "room" in self.fields:
            self.fields["room"].queryset = room_queryset(
                venue_ids, locale_id, keep=[getattr(self.instance, "room_id", None)]
            )
        for name in ROOM_FORMSETS:
            if name not in self.formsets:
                continue
            formset = self.formsets[name]
            if "room" in formset.form.base_fields:
                # Ordered and labelled for every request (shared by the class).
                formset.form.base_fields["room"].queryset = room_queryset()
            # The empty row the “add” button copies.
            _with_new_rows(formset).new_row_rooms = room_queryset(venue_ids, locale_id)
            for child in formset.forms:
                if "room" in child.fields:
                    child.fields["room"].queryset = room_queryset(
                        venue_ids, locale_id, keep=[child.instance.room_id]
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
