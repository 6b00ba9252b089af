"""Reminders of a registration form: how long before the event (or each date
registered for) the people holding a place are reminded of it by e-mail.

One row per reminder ("7 days", "1 day"), kept with the form and the same in
every language (wagtail-localize copies them to the form's translations: the
form's ``translatable_fields`` synchronise ``reminders``). Sending them is
``registration.reminders``' business; these models only hold data.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


class ReminderUnit(models.TextChoices):
    DAYS = "days", _("days")
    HOURS = "hours", _("hours")


MINUTES_PER_UNIT = {ReminderUnit.DAYS: 24 * 60, ReminderUnit.HOURS: 60}
# Closer than an hour is too late to change plans; further than two months
# ahead is what the confirmation is for.
SHORTEST = datetime.timedelta(hours=1)
LONGEST = datetime.timedelta(days=60)


class Reminder(Orderable):
    """One reminder: ``amount`` ``unit`` before the start. Days keep the wall-clock
    time in the event's zone ("1 day before" an event at 10:00 goes at 10:00 the
    day before, also across a change of the clocks); hours are elapsed hours."""

    form = ParentalKey(
        "wagtail_events.RegistrationForm",
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    amount = models.PositiveSmallIntegerField(
        _("how long before"), validators=[MinValueValidator(1)]
    )
    unit = models.CharField(
        _("unit"), max_length=10, choices=ReminderUnit.choices, default="days"
    )

    panels = [FieldRowPanel([FieldPanel("amount"), FieldPanel("unit")])]

    class Meta(Orderable.Meta):
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self):
        return describe(self.amount, self.unit)

    @property
    def minutes(self):
        """How long before the start, in minutes: the reminder's name in the
        outbox's key, and what makes two reminders the same."""
        return (self.amount or 0) * MINUTES_PER_UNIT.get(self.unit, 0)

    def clean(self):
        super().clean()
        message = range_error(self.amount, self.unit)
        if message:
            raise ValidationError({"amount": message})


def describe(amount, unit):
    """ "7 days before", "2 hours before": a reminder in the editor's words."""
    if unit == ReminderUnit.HOURS:
        return ngettext(
            "%(count)d hour before", "%(count)d hours before", amount or 0
        ) % {"count": amount or 0}
    return ngettext("%(count)d day before", "%(count)d days before", amount or 0) % {
        "count": amount or 0
    }


def range_error(amount, unit):
    """Why a reminder of ``amount`` ``unit`` cannot be, or None."""
    if amount is None or unit not in MINUTES_PER_UNIT:
        return None
    minutes = amount * MINUTES_PER_UNIT[unit]
    if minutes < SHORTEST.total_seconds() // 60:
        return _("A reminder goes at least 1 hour before the event.")
    if minutes > LONGEST.total_seconds() // 60:
        return _("A reminder goes at most 60 days before the event.")
    return None


def same_reminder_message(this, other):
    return _(
        "“%(this)s” and “%(other)s” are the same reminder: remove one of them."
    ) % {"this": this, "other": other}


def check_reminders(formset):
    """Mark on the editor's reminder rows (an inline formset) a reminder given
    twice ("1 day" and "24 hours" included); the form is then not saved."""
    if formset is None:
        return
    seen = {}
    for row in formset.forms:
        if not (row.is_valid() and row.cleaned_data) or row.cleaned_data.get("DELETE"):
            continue
        amount, unit = row.cleaned_data.get("amount"), row.cleaned_data.get("unit")
        if amount is None or unit not in MINUTES_PER_UNIT:
            continue
        minutes = amount * MINUTES_PER_UNIT[unit]
        if minutes in seen:
            row.add_error(
                "amount", same_reminder_message(describe(amount, unit), seen[minutes])
            )
        else:
            seen[minutes] = describe(amount, unit)
