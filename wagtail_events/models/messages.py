"""What the package tells people by e-mail, kept as data: every e-mail is a
``Delivery`` (one recipient, one message), written before it is sent, so that a
failing mail server, a restart or a second worker never loses or doubles one.
A ``Message`` is what an organiser (or a published change) wrote to several
people at once; its deliveries point to it.

Logic lives in ``wagtail_events.registration.outbox``; these models only hold
data.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Message(models.Model):
    """One message to several registrants of an event: an organiser's message to
    a group, or the notice of a published change. ``data`` holds what the kind
    needs (the audience chosen, what changed before and after)."""

    kind = models.CharField(_("kind"), max_length=40)
    event_key = models.UUIDField(_("event"), db_index=True)
    page = models.ForeignKey(
        "wagtail_events.EventPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("event page"),
    )
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("text"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # When it was handed to the outbox (None: a draft, or a notice awaiting the
    # editor's confirmation).
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return self.subject or self.kind


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    RETRYING = "retrying", _("Failed, will be tried again")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Not sent")


class Delivery(models.Model):
    """One e-mail to one person. ``key``, when set, names the e-mail so that it is
    written once whoever asks twice (a reminder: the registration, the date and
    how long before it)."""

    kind = models.CharField(_("kind"), max_length=40, db_index=True)
    registration = models.ForeignKey(
        "wagtail_events.Registration",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
        verbose_name=_("registration"),
    )
    message = models.ForeignKey(
        Message,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("message"),
    )
    event_key = models.UUIDField(_("event"), null=True, blank=True, db_index=True)
    # The address, for e-mails to someone who is not a registrant (an organiser's
    # alert); empty for a registrant, whose address is read when sending (and is
    # gone once erased).
    to = models.CharField(_("to"), max_length=320, blank=True)
    key = models.CharField(max_length=255, null=True, blank=True, unique=True)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.QUEUED,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("e-mail sent")
        verbose_name_plural = _("e-mails sent")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.kind} #{self.pk} ({self.status})"
