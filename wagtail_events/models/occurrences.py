"""Materialised occurrences of events, and the editor's changes to single dates.

Every published event page has at least one ``Occurrence``: a one-off event has
one, a repeating event one per date up to the horizon, a site visit one per run.
Listings, "next date" and calendar feeds are SQL queries on this table.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from ..localtime import to_local


class Occurrence(models.Model):
    page = models.ForeignKey(
        "wagtail_events.EventPage",
        on_delete=models.CASCADE,
        related_name="occurrences",
    )
    # The start the rule gave: identifies this date even after it was moved
    # (iCalendar's RECURRENCE-ID).
    original_start = models.DateTimeField()
    start = models.DateTimeField()
    end = models.DateTimeField()
    cancelled = models.BooleanField(default=False)
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "original_start"], name="we_occurrence_unique_start"
            )
        ]
        indexes = [
            models.Index(fields=["start", "end"]),
            # "Next date" and "upcoming dates" of one event.
            models.Index(fields=["page", "start"], name="we_occurrence_page_start"),
        ]

    def __str__(self):
        return f"{self.page_id} @ {self.start.isoformat()}"

    @property
    def local_start(self):
        return to_local(self.start, self.page.time_zone)

    @property
    def local_end(self):
        return to_local(self.end, self.page.time_zone)

    @property
    def moved(self):
        return self.start != self.original_start


class OccurrenceHorizon(models.Model):
    """Where a published event's stored dates end, so that the daily extension
    of the horizon (``occurrences.extension``) selects with one indexed query
    only the events that have a date coming within the new horizon, and expands
    each from where it stopped rather than from its first date.

    Written by publishing (``occurrences.stored.materialise``) and by the daily
    run (``occurrences.ahead``). An event without one, or whose copies of its
    start, zone and rule differ from the page's, is treated as due (events
    published before it existed, or changed without publishing: the next daily
    run writes it).
    """

    page = models.OneToOneField(
        "wagtail_events.EventPage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="occurrence_horizon",
    )
    # The wall-clock start, in the event's zone, of its first date not stored
    # yet, written as if it were UTC: the horizon is wall-clock time too, so the
    # comparison is exact across clock changes. Null: the rule gives no more.
    next_start = models.DateTimeField(null=True, db_index=True)
    # Per RRULE of the event, the wall-clock point its expansion may resume
    # from (ISO), giving the same dates as from the first date; "" when only the
    # first date will do (COUNT, BYSETPOS).
    resume = models.JSONField(default=list, blank=True)
    # Copies of the page's first start, zone and rule (as its column holds it)
    # these were worked out for. The daily run selects the events whose copies
    # differ from the page's (changed without ``materialise``: ``update()``, a
    # data migration, a record written from an older read of the page) and
    # writes them in full, even when the rule gave no more dates.
    start = models.DateTimeField(null=True, blank=True)
    time_zone = models.CharField(max_length=64, blank=True)
    recurrence = models.TextField(blank=True)
    # How many dates are stored, for ``WAGTAIL_EVENTS_MAX_OCCURRENCES``; never
    # fewer than there are (two runs at once count the same dates once each).
    dates = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("stored horizon")

    def __str__(self):
        return f"{self.page_id} until {self.next_start}"


class OccurrenceChange(TranslatableMixin, Orderable):
    """An editor's change to one date of a repeating event: cancel it or move it."""

    class Action(models.TextChoices):
        CANCEL = "cancel", _("Cancel this date")
        MOVE = "move", _("Move this date")

    page = ParentalKey(
        "wagtail_events.EventPage",
        on_delete=models.CASCADE,
        related_name="occurrence_changes",
    )
    original_start = models.DateTimeField(
        _("date and time it was planned"),
        help_text=_(
            "The date and start time the rule gives, in the event's time zone."
        ),
    )
    action = models.CharField(
        _("change"), max_length=10, choices=Action.choices, default=Action.CANCEL
    )
    new_start = models.DateTimeField(_("new start"), null=True, blank=True)
    new_end = models.DateTimeField(_("new end"), null=True, blank=True)
    note = models.CharField(
        _("note for visitors"),
        max_length=255,
        blank=True,
        help_text=_("For example “No meeting during the Easter holidays”."),
    )

    panels = [
        FieldRowPanel([FieldPanel("original_start"), FieldPanel("action")]),
        FieldRowPanel([FieldPanel("new_start"), FieldPanel("new_end")]),
        FieldPanel("note"),
    ]

    # Translated rows share the source's dates and actions; only the note to
    # visitors is translated.
    override_translatable_fields = [
        SynchronizedField(name, overridable=False)
        for name in ("original_start", "action", "new_start", "new_end")
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("change to one date")
        verbose_name_plural = _("changes to single dates")


class CalendarSequence(models.Model):
    """How often an event's time changed, for iCalendar's SEQUENCE.

    Kept outside the page, keyed by the translation key, so that publishing an older
    revision or a translation does not reset it, and every language shares it.
    """

    translation_key = models.UUIDField(unique=True)
    fingerprint = models.CharField(max_length=64)
    sequence = models.PositiveIntegerField(default=0)
    # What its registrants were last told of its times, places and status
    # (``registration.event_facts``): a published change to these waits for an
    # editor to send or dismiss its notice (``registration.change_notices``).
    told = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("calendar sequence")

    def __str__(self):
        return f"{self.translation_key}: {self.sequence}"
