"""What taking part costs, kept with the registration form: the admission (not
stated, free or paid), the prices of a paid admission (one row per kind of
participant: "Members", "Non-members"), a no-show fee and any other condition.

The fields are ``RegistrationForm``'s (through ``AdmissionFields``), so that a
form reused by several events states their price once. Money is a ``Decimal``
with an ISO 4217 currency code; how it is written for people is
``registration.admission``'s business, and what search engines read is
``exchange.jsonld_parts``'.

"Not stated" is the default and what every form had before these fields: the
site then says nothing about a price, rather than "free".
"""

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from ..conf import events_settings
from .alerts import prepare_alert_users_field
from .reminders import check_reminders


class Admission(models.TextChoices):
    NOT_STATED = "", _("Not stated")
    FREE = "free", _("Free")
    PAID = "paid", _("Paid")


def default_currency():
    """The site's currency (``WAGTAIL_EVENTS_CURRENCY``), for a new price."""
    return events_settings.CURRENCY


currency_code = RegexValidator(
    r"^[A-Z]{3}\Z",
    _("Enter the three-letter ISO 4217 code of the currency, such as EUR."),
)


def _money_field(verbose_name, **options):
    return models.DecimalField(
        verbose_name,
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        **options,
    )


def _currency_field(**options):
    return models.CharField(
        _("currency"),
        max_length=3,
        default=default_currency,
        validators=[currency_code],
        help_text=_("ISO 4217 code, such as EUR."),
        **options,
    )


class AdmissionFields(models.Model):
    """The admission fields of a registration form."""

    admission = models.CharField(
        _("admission"),
        max_length=10,
        choices=Admission.choices,
        default=Admission.NOT_STATED,
        blank=True,
        help_text=_(
            "“Not stated” says nothing about a price, on the page or to search "
            "engines. “Paid” needs at least one price."
        ),
    )
    no_show_fee = _money_field(
        _("no-show fee"),
        null=True,
        blank=True,
        help_text=_(
            "Charged to people who neither come nor cancel before the deadline "
            "under “Cancelling”."
        ),
    )
    no_show_fee_currency = _currency_field()
    price_conditions = models.CharField(
        _("other conditions"),
        max_length=255,
        blank=True,
        help_text=_("For example “Lunch included” or “Members show their card”."),
    )

    class Meta:
        abstract = True

    @property
    def is_free(self):
        return self.admission == Admission.FREE

    @property
    def is_paid(self):
        return self.admission == Admission.PAID

    def price_rows(self):
        """The prices of a paid admission, in the editor's order; none (and no
        query) otherwise. Read once per form object: the page's registration
        section and its structured data share it."""
        if not self.is_paid:
            return []
        cached = getattr(self, "_price_rows", None)
        if cached is None:
            cached = self._price_rows = list(self.prices.all())
        return cached


def admission_panel():
    return MultiFieldPanel(
        [
            FieldPanel("admission"),
            InlinePanel("prices", heading=_("Prices"), label=_("Price")),
            FieldRowPanel(
                [FieldPanel("no_show_fee"), FieldPanel("no_show_fee_currency")]
            ),
            FieldPanel("price_conditions"),
        ],
        heading=_("Price"),
    )


# The amounts are one fact for every language; what a price is called is
# translated.
ADMISSION_TRANSLATABLE_FIELDS = [
    SynchronizedField("admission", overridable=False),
    TranslatableField("prices"),
    SynchronizedField("no_show_fee", overridable=False),
    SynchronizedField("no_show_fee_currency", overridable=False),
    TranslatableField("price_conditions"),
]


class RegistrationPrice(TranslatableMixin, Orderable):
    """One price of a paid admission."""

    form = ParentalKey(
        "wagtail_events.RegistrationForm",
        on_delete=models.CASCADE,
        related_name="prices",
    )
    label = models.CharField(
        _("for whom"),
        max_length=100,
        blank=True,
        help_text=_("For example “Members” or “Non-members”; empty for one price."),
    )
    amount = _money_field(_("amount"))
    currency = _currency_field()

    panels = [
        FieldRowPanel(
            [FieldPanel("label"), FieldPanel("amount"), FieldPanel("currency")]
        )
    ]
    translatable_fields = [
        TranslatableField("label"),
        SynchronizedField("amount", overridable=False),
        SynchronizedField("currency", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("price")
        verbose_name_plural = _("prices")

    def __str__(self):
        return f"{self.label} {self.amount} {self.currency}".strip()


def admission_errors(admission, amounts):
    """{field: message} of what contradicts itself: ``admission`` with the
    ``amounts`` of the price rows the editor kept."""
    if admission == Admission.PAID:
        if not amounts:
            return {
                "admission": _(
                    "A paid admission needs at least one price: add one under "
                    "“Prices”, or choose “Free” or “Not stated”."
                )
            }
        if not any(amounts):
            return {
                "admission": _(
                    "Every price is 0: choose “Free” instead, or enter the amounts."
                )
            }
        return {}
    if amounts:
        if admission == Admission.FREE:
            message = _(
                "A free admission has no prices: remove them, or choose “Paid”."
            )
        else:
            message = _(
                "Prices are shown only for a paid admission: choose “Paid”, or "
                "remove them."
            )
        return {"admission": message}
    return {}


class RegistrationFormAdminForm(WagtailAdminModelForm):
    """The editor's form of a registration form: the admission and its price
    rows (an inline formset, which the model's ``clean()`` cannot see) must
    agree; the users to tell are listed by name and address (``alerts``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        prepare_alert_users_field(self)

    def clean(self):
        cleaned = super().clean()
        check_reminders(self.formsets.get("reminders"))
        formset = self.formsets.get("prices")
        if formset is None or "admission" not in cleaned:
            return cleaned
        amounts = [
            row.cleaned_data.get("amount")
            for row in formset.forms
            # Empty extra rows have no cleaned data; kept rows have an amount.
            if row.is_valid()
            and row.cleaned_data
            and not row.cleaned_data.get("DELETE")
            and row.cleaned_data.get("amount") is not None
        ]
        for field, message in admission_errors(cleaned["admission"], amounts).items():
            self.add_error(field, message)
        return cleaned
