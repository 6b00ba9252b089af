"""What taking part costs, as people read it: next to the registration form
(open, closed, not yet open or full alike) and in the registration e-mails.

``admission_of(form, zone)`` turns the form's admission fields
(``models.prices``) into plain lines in the current language: "Free", each price
with what it is for, the no-show fee with the cancellation deadline it depends
on, and the other conditions. Nothing here is stated that the editor did not
state: an admission "not stated" gives nothing to show.

Money is written with Django's number formatting in the current language
("1.234,50" in Dutch, "1,234.50" in English), cents only when there are any,
and the currency's symbol when it is unambiguous in Europe (€, £), else its ISO
code ("CHF 40", "USD 25"). Where the symbol goes is a translation (“€ 15” in
Dutch, “15 €” in French and German), so no currency library is needed.
"""

from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext, pgettext

from ..localtime import to_local
from ..occurrences import dateformat


# Symbols read the same in every language the package speaks; "$" or "kr" are
# not (which dollar, which crown?), so other currencies keep their code.
SYMBOLS = {"EUR": "€", "GBP": "£"}


def money(amount, currency):
    """“€ 15”, “€ 12,50”, “CHF 40” in the current language."""
    whole = amount == amount.to_integral_value()
    number = formats.number_format(
        amount, decimal_pos=0 if whole else 2, use_l10n=True, force_grouping=True
    )
    # Translators: an amount of money: %(currency)s is a symbol (€) or an ISO
    # code (CHF), %(amount)s the number. Put them in your language's order.
    pattern = pgettext("money", "%(currency)s %(amount)s")
    # The space becomes a no-break space, so that the two stay on one line (the
    # catalogue tools would not keep one written in the message).
    return pattern.replace(" ", "\u00a0") % {
        "currency": SYMBOLS.get(currency, currency),
        "amount": number,
    }


def deadline(value, zone):
    """An aware deadline in the event's zone: the day alone at midnight (“before
    Monday 20 March 2023”), else the day and time."""
    local = to_local(value, zone)
    if (local.hour, local.minute) == (0, 0):
        return dateformat.formatted(local.date(), "date")
    return dateformat.formatted(local, "datetime")


@dataclass
class Price:
    label: str
    amount: str


@dataclass
class Admission:
    """What a registration form says about the price, written out. ``stated``
    is False for a form that says nothing (then templates show nothing)."""

    free: bool = False
    prices: list[Price] = field(default_factory=list)
    no_show_fee: str = ""
    no_show_fee_deadline: str = ""
    conditions: str = ""

    @property
    def stated(self):
        return bool(self.free or self.prices or self.no_show_fee or self.conditions)

    @property
    def no_show_line(self):
        """The no-show fee as a sentence, or ""."""
        if not self.no_show_fee:
            return ""
        if self.no_show_fee_deadline:
            return gettext(
                "If you do not come and have not cancelled before %(deadline)s, "
                "we charge a no-show fee of %(fee)s."
            ) % {"fee": self.no_show_fee, "deadline": self.no_show_fee_deadline}
        return gettext(
            "If you do not come and have not cancelled, we charge a no-show fee "
            "of %(fee)s."
        ) % {"fee": self.no_show_fee}


def admission_of(form, zone):
    """The ``Admission`` of a registration form, in the current language, with
    the cancellation deadline in the event's time ``zone``. Reads the prices of
    a paid admission (one query, once per form object)."""
    if form is None:
        return Admission()
    fee, fee_deadline = _no_show_fee(form, zone)
    return Admission(
        free=form.is_free,
        prices=[
            Price(row.label, money(row.amount, row.currency))
            for row in form.price_rows()
        ],
        no_show_fee=fee,
        no_show_fee_deadline=fee_deadline,
        conditions=form.price_conditions.strip(),
    )


def no_show_line(form, zone):
    """The no-show fee of a form as a sentence (for the cancellation page), or
    "": without reading the prices."""
    if form is None:
        return ""
    fee, fee_deadline = _no_show_fee(form, zone)
    return Admission(no_show_fee=fee, no_show_fee_deadline=fee_deadline).no_show_line


def _no_show_fee(form, zone):
    if not form.no_show_fee:
        return "", ""
    fee = money(form.no_show_fee, form.no_show_fee_currency)
    if form.cancellation_deadline:
        return fee, deadline(form.cancellation_deadline, zone)
    return fee, ""
