"""JSON-LD ``offers`` say what the registration form's admission states: free,
its prices, or nothing about a price; never a made-up ``price: 0``."""

import json

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests import factories as f


pytestmark = pytest.mark.django_db

S = "https://schema.org/"
FUTURE = timezone.now().year + 2


def event_json(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    (script,) = soup.find_all("script", type="application/ld+json")
    return json.loads(script.string), script.string


def panel_with(index, form):
    return f.panel(
        index,
        f.local(FUTURE, 5, 1, 10),
        f.local(FUTURE, 5, 1, 11),
        registration_form=form,
    )


def test_admission_not_stated_gives_no_price(client, index):
    form = f.registration_form(
        opens_at=f.local(FUTURE - 3, 1, 1, 9), closes_at=f.local(FUTURE, 4, 30)
    )
    assert form.admission == ""
    data, raw = event_json(client, panel_with(index, form))
    offer = data["offers"]
    # Still says that and until when one can register ...
    assert offer["@type"] == "Offer"
    assert offer["availability"] == S + "InStock"
    assert offer["validFrom"].startswith(f"{FUTURE - 3}-01-01T09:00:00")
    assert offer["validThrough"].startswith(f"{FUTURE}-04-30T00:00:00")
    assert offer["url"].endswith("#register")
    # ... but nothing about a price.
    assert "price" not in offer and "priceCurrency" not in offer
    assert "isAccessibleForFree" not in data
    assert '"price"' not in raw


def test_free_admission(client, index, settings):
    settings.WAGTAIL_EVENTS_CURRENCY = "EUR"
    form = f.registration_form(admission="free")
    data, _raw = event_json(client, panel_with(index, form))
    assert data["isAccessibleForFree"] is True
    offer = data["offers"]
    assert (offer["price"], offer["priceCurrency"]) == (0, "EUR")
    assert offer["availability"] == S + "InStock"


def test_a_free_admission_with_a_no_show_fee_is_still_free(client, index):
    form = f.registration_form(admission="free", no_show_fee="15.00")
    data, raw = event_json(client, panel_with(index, form))
    assert data["isAccessibleForFree"] is True
    assert data["offers"]["price"] == 0
    assert "15" not in json.dumps(data["offers"])


def test_paid_admission_gives_one_offer_per_price(client, index):
    form = f.registration_form(
        admission="paid",
        capacity=30,
        opens_at=f.local(FUTURE - 3, 1, 1, 9),
        closes_at=f.local(FUTURE, 4, 30),
    )
    f.price(form, "40.00", "Members")
    f.price(form, "62.50", "Non-members")
    f.price(form, "30", "Students", currency="CHF")
    data, raw = event_json(client, panel_with(index, form))
    assert "isAccessibleForFree" not in data
    offers = data["offers"]
    assert [(o["name"], o["price"], o["priceCurrency"]) for o in offers] == [
        ("Members", "40.00", "EUR"),
        ("Non-members", "62.50", "EUR"),
        ("Students", "30.00", "CHF"),
    ]
    for offer in offers:
        assert offer["@type"] == "Offer"
        assert offer["availability"] == S + "InStock"
        assert offer["url"].endswith("#register")
        assert offer["validFrom"].startswith(f"{FUTURE - 3}-01-01T09:00:00")
        assert offer["validThrough"].startswith(f"{FUTURE}-04-30T00:00:00")
    assert data["maximumAttendeeCapacity"] == 30
    assert '"price": 0' not in raw


def test_one_price_without_a_label_is_one_offer(client, index):
    form = f.registration_form(admission="paid")
    f.price(form, "15")
    data, _raw = event_json(client, panel_with(index, form))
    offer = data["offers"]
    assert "name" not in offer
    assert (offer["price"], offer["priceCurrency"]) == ("15.00", "EUR")


def test_paid_offers_follow_the_registration_state(client, index):
    form = f.registration_form(admission="paid", closes_at=f.local(2020, 1, 1))
    f.price(form, "10", "Members")
    f.price(form, "20", "Non-members")
    data, _raw = event_json(client, panel_with(index, form))
    assert {o["availability"] for o in data["offers"]} == {S + "SoldOut"}


def test_no_form_no_offers(client, index):
    page = f.panel(index, f.local(FUTURE, 5, 1, 10), f.local(FUTURE, 5, 1, 11))
    data, _raw = event_json(client, page)
    assert "offers" not in data and "isAccessibleForFree" not in data
