"""What taking part costs and what the registration section says when one cannot
simply register: the editor's admission, prices and no-show fee (checked in the
admin), shown next to the form whether it is open, closed, not open yet or full,
in the confirmation e-mail and on the cancellation page; and the editor's own
notices, with the generated lines when they are empty."""

import datetime
import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from tests import factories as f
from wagtail_events.models import RegistrationForm, RegistrationPrice
from wagtail_events.registration import admission, writer


pytestmark = pytest.mark.django_db

YEAR = timezone.now().year + 2
NBSP = "\u00a0"


def event(index, form):
    return f.workshop(
        index, f.local(YEAR, 4, 19, 9), f.local(YEAR, 4, 19, 17), registration_form=form
    )


def section(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("#register")


def text(node):
    return " ".join(node.get_text(" ").split()) if node is not None else ""


# Money as each language writes it


@pytest.mark.parametrize(
    "language,amount,currency,written",
    [
        ("en", "15", "EUR", f"€{NBSP}15"),
        ("en", "1234.5", "EUR", f"€{NBSP}1,234.50"),
        ("nl", "1234.5", "EUR", f"€{NBSP}1.234,50"),
        # French and German put the symbol after the amount (the catalogue).
        ("fr", "15", "EUR", f"15{NBSP}€"),
        ("de", "62.5", "EUR", f"62,50{NBSP}€"),
        ("en", "40", "CHF", f"CHF{NBSP}40"),
        ("en", "9.99", "GBP", f"£{NBSP}9.99"),
    ],
)
def test_money(language, amount, currency, written):
    with translation.override(language):
        assert admission.money(Decimal(amount), currency) == written


# The editor's form: the admission and its prices agree


def form_data(admission_value, prices=(), **fields):
    data = {
        "title": "Study day",
        "introduction": rich_text(""),
        "form_fields": inline_formset([]),
        "privacy_notice": rich_text("We keep your name."),
        "ask_accessibility_needs": "on",
        "opens_at": "",
        "closes_at": "",
        "capacity": "",
        "waiting_list": "on",
        "invitation_code": "",
        "admission": admission_value,
        "prices": inline_formset(
            [
                {"label": label, "amount": amount, "currency": "EUR"}
                for label, amount in prices
            ]
        ),
        "no_show_fee": "",
        "no_show_fee_currency": "EUR",
        "price_conditions": "",
        "cancellation_deadline": "",
        "cancellation_policy": "",
        "notice_not_open": "",
        "notice_closed": "",
        "notice_full": "",
        "confirmation_message": rich_text(""),
        "confirmation_email_text": "",
        "reminders": inline_formset([]),
        "reminder_email_text": "",
    }
    data.update(fields)
    return nested_form_data(data)


def add(client, data):
    url = reverse("wagtailsnippets_wagtail_events_registrationform:add")
    return client.post(url + "?locale=en", data)


def errors_of(response):
    assert response.status_code == 200, response.status_code
    return response.context["form"].errors


def test_paid_needs_a_price(client, editor):
    errors = errors_of(add(client, form_data("paid")))
    assert "at least one price" in errors["admission"][0]
    assert not RegistrationForm.objects.exists()


def test_paid_with_only_zero_prices_is_free(client, editor):
    errors = errors_of(add(client, form_data("paid", [("Everyone", "0")])))
    assert "choose “Free”" in errors["admission"][0]


@pytest.mark.parametrize("admission_value", ["free", ""])
def test_prices_only_for_a_paid_admission(client, editor, admission_value):
    response = add(client, form_data(admission_value, [("Members", "10")]))
    assert "admission" in errors_of(response)
    assert not RegistrationPrice.objects.exists()


def test_a_paid_form_is_saved_with_its_prices(client, editor):
    response = add(
        client,
        form_data(
            "paid",
            [("Members", "40"), ("Non-members", "62.50")],
            no_show_fee="15",
            price_conditions="Lunch included.",
        ),
    )
    assert response.status_code == 302
    form = RegistrationForm.objects.get()
    assert form.admission == "paid"
    assert [(p.label, p.amount, p.currency) for p in form.prices.all()] == [
        ("Members", Decimal("40.00"), "EUR"),
        ("Non-members", Decimal("62.50"), "EUR"),
    ]
    assert form.no_show_fee == Decimal("15.00")


def test_a_currency_is_an_iso_code(client, editor):
    response = add(
        client, form_data("free", no_show_fee="15", no_show_fee_currency="euro")
    )
    assert "no_show_fee_currency" in errors_of(response)


def test_a_free_form_without_prices_is_saved(client, editor):
    assert add(client, form_data("free", no_show_fee="15")).status_code == 302
    assert RegistrationForm.objects.get().is_free


# Shown next to the form, in every state


def paid_form(**fields):
    form = f.registration_form(
        admission="paid",
        no_show_fee=Decimal("15"),
        price_conditions="Lunch included.",
        introduction="<p>For local policymakers.</p>",
        cancellation_deadline=f.local(YEAR, 3, 20),
        cancellation_policy="Cancel with the link in your e-mail.",
        **fields,
    )
    f.price(form, "40", "Members")
    f.price(form, "62.50", "Non-members")
    return form


def assert_costs_and_rules_shown(shown):
    assert "For local policymakers." in shown
    assert "Members: €" in shown and "40" in shown and "62.50" in shown
    assert "Lunch included." in shown
    assert re.search(
        rf"If you do not come and have not cancelled before \w+ 20 March {YEAR}, "
        "we charge a no-show fee of € 15.",
        shown,
    )
    assert "Cancel with the link in your e-mail." in shown


def test_open_form_shows_prices_and_conditions(client, index):
    page = event(index, paid_form())
    node = section(client, page)
    assert node.select_one("form.we-registration__form") is not None
    assert node.select_one(".we-registration__notice") is None
    assert_costs_and_rules_shown(text(node))
    prices = [text(li) for li in node.select(".we-registration__prices li")]
    assert prices == ["Members: € 40", "Non-members: € 62.50"]


def test_the_no_show_fee_names_the_cancellation_deadline(client, index):
    form = f.registration_form(
        admission="free",
        no_show_fee=Decimal("15"),
        cancellation_deadline=f.local(2023, 3, 20),
    )
    node = section(client, event(index, form))
    shown = text(node).replace(NBSP, " ")
    assert "Taking part is free." in shown
    assert (
        "If you do not come and have not cancelled before Monday 20 March 2023, "
        "we charge a no-show fee of € 15." in shown
    )


def test_closed_keeps_intro_prices_and_rules_with_the_generated_line(client, index):
    page = event(index, paid_form(closes_at=timezone.now() - datetime.timedelta(1)))
    node = section(client, page)
    assert node.select_one("form.we-registration__form") is None
    assert (
        text(node.select_one(".we-registration__notice")) == "Registration is closed."
    )
    assert_costs_and_rules_shown(text(node))


def test_closed_with_the_editors_notice_and_its_contact_linked(client, index):
    form = paid_form(
        closes_at=timezone.now() - datetime.timedelta(1),
        notice_closed=(
            "Registration is closed. If you still wish to register, e-mail "
            "late@example.org."
        ),
    )
    node = section(client, event(index, form))
    notice = node.select_one(".we-registration__notice")
    assert text(notice).startswith("Registration is closed. If you still wish")
    assert notice.select_one("a")["href"] == "mailto:late@example.org"
    assert_costs_and_rules_shown(text(node))


def test_closed_when_the_event_began_uses_the_closed_notice(client, index):
    began = timezone.now() - datetime.timedelta(hours=1)
    form = f.registration_form(notice_closed="Too late: see you next year.")
    page = f.workshop(
        index, began, began + datetime.timedelta(hours=8), registration_form=form
    )
    node = section(client, page)
    assert text(node.select_one(".we-registration__notice")) == (
        "Too late: see you next year."
    )


def test_not_open_yet_keeps_prices_with_the_notice_or_the_date(client, index):
    opens = timezone.now() + datetime.timedelta(days=3)
    page = event(index, paid_form(opens_at=opens))
    node = section(client, page)
    assert node.select_one("form.we-registration__form") is None
    assert text(node.select_one(".we-registration__notice")).startswith(
        "Registration opens on"
    )
    assert_costs_and_rules_shown(text(node))

    form = page.registration_form
    form.notice_not_open = "Registration opens once the programme is final."
    form.save()
    node = section(client, page)
    assert text(node.select_one(".we-registration__notice")) == (
        "Registration opens once the programme is final."
    )


def test_full_without_waiting_list(client, index):
    page = event(index, paid_form(capacity=1, waiting_list=False))
    writer.register(page, page.registration_form, name="A", email="a@example.org")
    node = section(client, page)
    assert node.select_one("form.we-registration__form") is None
    assert text(node.select_one(".we-registration__notice")) == (
        "This event is full. There is no waiting list."
    )
    assert_costs_and_rules_shown(text(node))

    form = page.registration_form
    form.notice_full = "Full. Ask the organiser about a second session."
    form.save()
    node = section(client, page)
    assert text(node.select_one(".we-registration__notice")) == (
        "Full. Ask the organiser about a second session."
    )


def test_full_with_waiting_list_says_so_above_the_form(client, index):
    page = event(index, paid_form(capacity=1, waiting_list=True))
    node = section(client, page)
    assert node.select_one(".we-registration__notice") is None  # a place is free
    writer.register(page, page.registration_form, name="A", email="a@example.org")
    node = section(client, page)
    assert node.select_one("form.we-registration__form") is not None
    assert text(node.select_one(".we-registration__notice")).startswith(
        "Every place is taken. You can join the waiting list"
    )
    assert_costs_and_rules_shown(text(node))

    form = page.registration_form
    form.notice_full = "Full: places freed go to the waiting list in order."
    form.save()
    node = section(client, page)
    assert text(node.select_one(".we-registration__notice")) == (
        "Full: places freed go to the waiting list in order."
    )


def test_admission_not_stated_says_nothing_about_a_price(client, index):
    node = section(client, event(index, f.registration_form()))
    assert node.select_one(".we-registration__price") is None
    assert "free" not in text(node).lower()


def test_prices_in_the_pages_language(client, index):
    nl = f.locale("nl")
    form = f.registration_form(admission="paid", locale=nl)
    RegistrationPrice.objects.create(
        form=form, label="Leden", amount=Decimal("1250.5"), currency="EUR", locale=nl
    )
    page = f.workshop(
        f.event_index(locale=nl),
        f.local(YEAR, 4, 19, 9),
        f.local(YEAR, 4, 19, 17),
        registration_form=form,
        locale=nl,
    )
    node = section(client, page)
    assert text(node.select_one(".we-registration__prices")) == "Leden: € 1.250,50"


# The e-mails and the cancellation page


def test_confirmation_email_states_the_price(index, django_capture_on_commit_callbacks):
    form = paid_form()
    page = event(index, form)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = writer.register(page, form, name="Ada", email="ada@example.org")
    (message,) = mail.outbox
    body = message.body.replace(NBSP, " ")
    assert "Price:" in body
    assert "- Members: € 40" in body and "- Non-members: € 62.50" in body
    assert "Lunch included." in body
    assert "we charge a no-show fee of € 15." in body
    (html, _mimetype), *_ = message.alternatives
    html = html.replace(NBSP, " ")
    assert "<li>Members: € 40</li>" in html
    assert "no-show fee of € 15" in html
    assert outcome.registration.status == "confirmed"


def test_confirmation_email_of_a_free_event_in_dutch(
    index, django_capture_on_commit_callbacks
):
    form = f.registration_form(
        admission="free",
        no_show_fee=Decimal("15"),
        cancellation_deadline=f.local(YEAR, 3, 20),
    )
    page = event(index, form)
    with django_capture_on_commit_callbacks(execute=True):
        writer.register(page, form, name="Ada", email="ada@example.org", language="nl")
    (message,) = mail.outbox
    # The Dutch catalogue may not translate the new lines yet; the money is
    # written the Dutch way whatever the words.
    assert re.search(r"€\u00a015\b", message.body)
    assert f"20 maart {YEAR}" in message.body


def test_a_form_without_admission_says_nothing_in_the_email(
    index, django_capture_on_commit_callbacks
):
    form = f.registration_form()
    page = event(index, form)
    with django_capture_on_commit_callbacks(execute=True):
        writer.register(page, form, name="Ada", email="ada@example.org")
    (message,) = mail.outbox
    assert "Price" not in message.body and "free" not in message.body


def test_the_cancellation_page_repeats_the_no_show_fee(client, index):
    form = f.registration_form(
        admission="free",
        no_show_fee=Decimal("15"),
        cancellation_deadline=timezone.now() + datetime.timedelta(days=5),
    )
    page = event(index, form)
    outcome = writer.register(page, form, name="Ada", email="ada@example.org")
    url = page.url + page.reverse_subpage("cancel", args=[outcome.token])
    response = client.get(url)
    assert response.status_code == 200
    assert "no-show fee of €\u00a015" in response.content.decode()
