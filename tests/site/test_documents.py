"""The documents of an event or a session: listed on the page with their kind,
file type and size in the page's language, named in the structured data, never
from a private collection, in one query."""

import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection, CollectionViewRestriction

from tests import factories as f
from tests.site.test_queries import CONFERENCE_BUDGET


pytestmark = pytest.mark.django_db


def documents_section(html):
    soup = BeautifulSoup(html, "html.parser")
    section = soup.find("section", class_="we-documents")
    return section, soup


def jsonld(soup):
    return json.loads(soup.find("script", type="application/ld+json").string)


def test_conference_lists_its_documents_in_order_with_kind_type_and_size(client, index):
    conf = f.conference(index)
    agenda = f.document("Forum agenda", "agenda.pdf", b"x" * 2048)
    hotels = f.document("Hotels", "hotels.pdf", b"x" * 100)
    f.event_document(conf, agenda, kind="agenda", title="Download the agenda")
    f.event_document(
        conf,
        hotels,
        kind="hotels",
        note="For information only; rooms at the booker's expense.",
    )
    section, soup = documents_section(client.get(conf.url).content.decode())
    items = section.find_all("li")
    text = [" ".join(li.get_text().replace("\xa0", " ").split()) for li in items]
    assert [li.a.get_text() for li in items] == ["Download the agenda", "Hotels"]
    assert items[0].a["href"] == agenda.url
    assert "(Agenda, PDF, 2.0 KB)" in text[0]
    assert "(Hotels and accommodation, PDF, 100 bytes)" in text[1]
    assert "rooms at the booker's expense" in text[1]

    data = jsonld(soup)
    assert data["subjectOf"] == [
        {
            "@type": "DigitalDocument",
            "name": "Download the agenda",
            "url": "http://localhost" + agenda.url,
            "encodingFormat": "application/pdf",
        },
        {
            "@type": "DigitalDocument",
            "name": "Hotels",
            "url": "http://localhost" + hotels.url,
            "encodingFormat": "application/pdf",
        },
    ]


def test_session_lists_its_slides(client, index):
    conf = f.conference(index)
    session = f.panel(conf, f.local(2024, 4, 19, 10), f.local(2024, 4, 19, 11))
    f.event_document(session, f.document("Slides", "slides.pdf"), kind="slides")
    section, _soup = documents_section(client.get(session.url).content.decode())
    assert "Slides" in section.get_text()
    assert "(Slides, PDF" in section.get_text()


def test_a_page_without_documents_has_no_section(client, index):
    conf = f.conference(index)
    section, soup = documents_section(client.get(conf.url).content.decode())
    assert section is None
    assert "subjectOf" not in jsonld(soup)


def test_size_in_the_pages_language(client, index):
    nl_index = f.event_index(locale=f.locale("nl"))
    conf = f.conference(nl_index, locale=nl_index.locale)
    f.event_document(
        conf, f.document("Programma", "p.pdf", b"x" * 1536), kind="programme"
    )
    section, _soup = documents_section(client.get(conf.url).content.decode())
    text = " ".join(section.get_text().replace("\xa0", " ").split())
    assert "Documenten" in text or "Documents" in text  # the catalogue may lag
    assert "PDF, 1,5 KB" in text  # a Dutch decimal comma


def test_documents_of_private_collections_are_not_listed(client, index):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Organisers only")
    inner = private.add_child(name="Drafts")
    CollectionViewRestriction.objects.create(
        collection=private,
        restriction_type=CollectionViewRestriction.LOGIN,
    )
    conf = f.conference(index)
    f.event_document(conf, f.document("Public agenda", "a.pdf"))
    f.event_document(conf, f.document("Budget", "b.pdf", collection=private))
    f.event_document(conf, f.document("Draft minutes", "c.pdf", collection=inner))
    html = client.get(conf.url).content.decode()
    section, soup = documents_section(html)
    assert [li.a.get_text() for li in section.find_all("li")] == ["Public agenda"]
    assert "Budget" not in html and "Draft minutes" not in html
    assert [d["name"] for d in jsonld(soup)["subjectOf"]] == ["Public agenda"]


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_documents_and_types_cost_the_same_few_queries(client, index):
    """One query for the documents, whatever their number; one for the event
    types of the conference and its sessions, whatever their number."""
    few = f.busy_conference(index, 3, event_type=f.event_type())
    many = f.busy_conference(index, 3, event_type=f.event_type("Forum", "forum"))
    f.event_document(few, f.document("Only", "o.pdf"))
    for i in range(12):
        f.event_document(many, f.document(f"Doc {i}", f"d{i}.pdf"), kind="slides")
    counselling = f.event_type("Counselling session", "counselling-session")
    for session in many.get_children().specific():
        session.event_type = counselling
        session.save_revision().publish()
    assert count_queries(client, few.url) == count_queries(client, many.url)
    # The event types: one query more than the budget of a page without any.
    assert count_queries(client, many.url) <= CONFERENCE_BUDGET + 1
    html = client.get(many.url).content.decode()
    assert "Doc 11" in html
    assert "Counselling session" in html
