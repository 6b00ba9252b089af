"""Who among the organisers hears about a registration form's registrations, and
of what (the panel "Tell the organisers" of a registration form).

A form names e-mail addresses (one a line) and Wagtail users, and ticks what
they are told of: each new request awaiting approval, each new registration,
each cancellation, and a daily digest. Nothing is ticked at first. The settings
are the event's, not a language's: they are synchronised across translations.

What an alert says, and how much of the registrant it shows, is decided in
``wagtail_events.registration.alerts``; these fields only hold the choice.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail_localize.fields import SynchronizedField


# Longer than any address (254): a line this long is refused before it is read.
ADDRESS_MAX_LENGTH = 254


def alert_addresses(value, strict=True):
    """The addresses of the text, one a line, empty lines skipped, each once
    (compared without letter case). ``strict``: raise ``ValidationError`` naming
    every line that is not an e-mail address; else leave such lines out."""
    addresses, seen, errors = [], set(), []
    for number, line in enumerate(str(value or "").splitlines(), start=1):
        address = line.strip()
        if not address:
            continue
        try:
            if len(address) > ADDRESS_MAX_LENGTH or "," in address:
                raise ValidationError("too long or several")
            validate_email(address)
        except ValidationError:
            errors.append(
                ValidationError(
                    _("Line %(line)s, “%(value)s”, is not an e-mail address."),
                    code="invalid_alert_address",
                    params={"line": number, "value": address[:80]},
                )
            )
            continue
        if address.lower() not in seen:
            seen.add(address.lower())
            addresses.append(address)
    if errors and strict:
        raise ValidationError(errors)
    return addresses


def validate_alert_addresses(value):
    alert_addresses(value)


class AlertFields(models.Model):
    """The fields of a registration form that say who is told of what."""

    alert_emails = models.TextField(
        _("e-mail addresses"),
        blank=True,
        validators=[validate_alert_addresses],
        help_text=_(
            "One address a line. These addresses are told what happened and the "
            "counts, never who registered: names are for the users below who may "
            "see registrations."
        ),
    )
    alert_users = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("users"),
        help_text=_(
            "Told at the address of their account, in their admin language. Those "
            "who may see registrations also read the registrant's name and status."
        ),
    )
    alert_requests = models.BooleanField(
        _("each new request awaiting approval"), default=False
    )
    alert_registrations = models.BooleanField(
        _("each new registration"),
        default=False,
        help_text=_("Requests awaiting approval included."),
    )
    alert_cancellations = models.BooleanField(_("each cancellation"), default=False)
    alert_digest = models.BooleanField(
        _("a daily digest"),
        default=False,
        help_text=_(
            "Each morning, what happened the day before (new registrations, "
            "cancellations) with the waiting list and the places left; none "
            "when nothing happened, none once the events are over."
        ),
    )

    class Meta:
        abstract = True

    @property
    def alerts_anything(self):
        return (
            self.alert_requests
            or self.alert_registrations
            or self.alert_cancellations
            or self.alert_digest
        )


def user_label(user):
    """How the editor's list of users names one: name and address."""
    name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    address = getattr(user, user.get_email_field_name(), "")
    name = name.strip() or user.get_username()
    return f"{name} ({address})" if address else name


def prepare_alert_users_field(form):
    """The editor's list of users (``RegistrationFormAdminForm``): named by name
    and address, in the order of their names."""
    field = form.fields.get("alert_users")
    if field is not None:
        field.label_from_instance = user_label
        field.queryset = field.queryset.order_by(field.queryset.model.USERNAME_FIELD)


def alerts_panel():
    return MultiFieldPanel(
        [
            FieldPanel("alert_emails"),
            FieldPanel("alert_users", widget=forms.CheckboxSelectMultiple),
            FieldPanel("alert_requests"),
            FieldPanel("alert_registrations"),
            FieldPanel("alert_cancellations"),
            FieldPanel("alert_digest"),
        ],
        heading=_("Tell the organisers"),
    )


ALERTS_TRANSLATABLE_FIELDS = [
    SynchronizedField(name, overridable=False)
    for name in (
        "alert_emails",
        "alert_users",
        "alert_requests",
        "alert_registrations",
        "alert_cancellations",
        "alert_digest",
    )
]
