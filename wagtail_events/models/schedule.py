"""A conference's published programme as it was last time, and the changes of
time, place and status since, as pretalx keeps its schedule releases.

Both are keyed by the conference's translation key: its translations share one
history, as they share one programme (times and rooms are synchronised).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeSnapshot(models.Model):
    """The entries of a conference's programme when it was last published, by
    ``Slot.key``, and the number of releases (the frab ``version``)."""

    conference_key = models.UUIDField(unique=True)
    # The language the places were written in; places are compared in it only.
    language = models.CharField(max_length=20, blank=True)
    entries = models.JSONField(default=dict)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("published programme")

    def __str__(self):
        return f"{self.conference_key}: {self.version}"


class ScheduleChange(models.Model):
    class What(models.TextChoices):
        TIME = "time", _("Time")
        PLACE = "place", _("Place")
        STATUS = "status", _("Status")
        REMOVED = "removed", _("Removed")

    conference_key = models.UUIDField(db_index=True)
    entry_key = models.CharField(max_length=100)
    entry_title = models.CharField(max_length=255)
    what = models.CharField(max_length=20, choices=What.choices)
    # Times as wall-clock ISO date-times in the conference's zone ("start|end"),
    # places as written, statuses by value: shown in the reader's language.
    before = models.CharField(max_length=255, blank=True)
    after = models.CharField(max_length=255, blank=True)
    version = models.PositiveIntegerField()
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("schedule change")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.entry_title}: {self.what}"
