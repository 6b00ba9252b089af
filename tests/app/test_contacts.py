"""Named contacts: a snippet editors reuse, shown on the pages of the events they
are linked to, by purpose; a session shows its conference's unless it has its
own."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError

from tests import factories as f
from wagtail_events.models import Contact, EventContact
from wagtail_events.models.contacts import tel_href


FUTURE = datetime.datetime.now().year + 2


def contact(name, **fields):
    fields.setdefault("email", f"{name.split()[0].lower()}@example.org")
    return Contact.objects.create(name=name, **fields)


def link(page, person, purpose="general", order=0):
    return EventContact.objects.create(
        page=page, contact=person, purpose=purpose, sort_order=order
    )


def soup_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_a_contact_needs_a_way_to_reach_them(db):
    with pytest.raises(ValidationError):
        Contact(name="Nobody").full_clean()
    Contact(name="Ann", phone="+32 2 000 00 12").full_clean()
    with pytest.raises(ValidationError):
        Contact(name="Ann", phone="call me maybe").full_clean()


def test_telephone_links():
    assert tel_href("+32 2 000 00 12") == "tel:+3220000012"
    assert tel_href("(02) 000.00.12") == "tel:020000012"


def test_the_conference_page_shows_its_contacts_by_purpose(client, index):
    conf = f.conference(index)
    iom = f.organisation("IOM")
    link(
        conf,
        contact("Géraldine d’Hoop", organisation=iom, phone="+32 2 000 00 12"),
        "press",
    )
    link(conf, contact("Tom De Bruyn", role="Coordinator EU Events"), "general", 1)
    link(conf, contact("Ann Access"), "accessibility", 2)
    soup = soup_of(client, conf)
    section = soup.select_one(".we-contacts")
    text = section.get_text(" ", strip=True)
    assert "Tom De Bruyn – Coordinator EU Events" in text
    assert text.index("Tom De Bruyn") < text.index("Press contacts")
    assert text.index("Press contacts") < text.index("Géraldine d’Hoop")
    assert "IOM" in text
    assert (
        section.select_one('a[href="tel:+3220000012"]').get_text() == "+32 2 000 00 12"
    )
    assert section.select_one('a[href="mailto:tom@example.org"]')
    # The accessibility contact is with the practical information.
    assert "Ann Access" not in text
    practical = soup.select_one(".we-practical").get_text(" ", strip=True)
    assert "Accessibility requests" in practical and "Ann Access" in practical


def test_a_session_shows_its_conferences_contacts_unless_it_has_its_own(client, index):
    conf = f.conference(index)
    link(conf, contact("Conference Desk"), "general")
    link(conf, contact("Press Office"), "press", 1)
    start = f.local(FUTURE, 4, 19, 10)
    session = f.panel(conf, start, start + datetime.timedelta(hours=1))
    text = soup_of(client, session).select_one(".we-contacts").get_text()
    assert "Conference Desk" in text and "Press Office" in text
    link(session, contact("Session Host"), "general")
    text = soup_of(client, session).select_one(".we-contacts").get_text()
    assert "Session Host" in text and "Conference Desk" not in text
    assert "Press Office" in text  # no press contact of its own


def test_the_join_contact_is_in_the_invitation_section(client, index):
    start = f.local(FUTURE, 4, 19, 10)
    page = f.workshop(
        index, start, start + datetime.timedelta(hours=1), access="invitation"
    )
    link(page, contact("Raquel Bello-Gomez"), "join")
    soup = soup_of(client, page)
    assert "Raquel Bello-Gomez" in soup.select_one("#invitation").get_text()
    assert soup.select_one(".we-contacts") is None
    assert "By invitation" in soup.select_one(".we-page-header").get_text()


def test_only_editors_with_permission_edit_contacts(client, db, django_user_model):
    contact("Tom De Bruyn")
    user = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    client.force_login(user)
    url = "/admin/snippets/wagtail_events/contact/"
    assert client.get(url).status_code in (302, 403)
    assert client.get(url + "add/").status_code in (302, 403)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="wagtail_events",
            codename__in=["view_contact", "add_contact", "change_contact"],
        )
    )
    client.force_login(django_user_model.objects.get(pk=user.pk))
    response = client.get(url)
    assert response.status_code == 200
    assert "Tom De Bruyn" in response.content.decode()
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_the_superuser_adds_a_contact_in_the_admin(client, editor):
    org = f.organisation("Agency for Home Affairs")
    response = client.post(
        "/admin/snippets/wagtail_events/contact/add/",
        {
            "name": "Tom De Bruyn",
            "role": "Coordinator EU Events",
            "organisation": org.pk,
            "email": "events@example.org",
            "phone": "",
            "mobile_phone": "",
        },
    )
    assert response.status_code == 302
    assert Contact.objects.get().organisation == org
