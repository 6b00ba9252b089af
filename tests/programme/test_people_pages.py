"""A person's public page at ``<index>/people/<slug>/``: who they are, their
sessions across events, in each language; linked wherever they are named; hidden
when the editor says so."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from tests import factories as f
from wagtail_events.models import Person


pytestmark = pytest.mark.django_db

# What a person's page costs: the index (routing, site, locale), the person with
# organisation and photo, the view restrictions, the pages that name them, the
# conferences and series those belong to, the photo's rendition and the index's
# translations (language switcher). Fixed: the same for one session and for ten.
PERSON_PAGE_BUDGET = 13

SOON = timezone.now() + datetime.timedelta(days=30)


def later(days, hours=0):
    return SOON + datetime.timedelta(days=days, hours=hours)


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def mayor(db):
    organisation = f.organisation("City of Mechelen", url="https://example.org/")
    return f.person(
        "Bart Somers",
        role="Mayor of Mechelen",
        organisation=organisation,
        biography="Mayor since 2001.",
        links=[
            {
                "type": "link",
                "value": {"label": "Blog", "url": "https://example.org/blog"},
            }
        ],
    )


def person_url(index, person):
    return f"{index.url}people/{person.slug}/"


def test_a_person_gets_a_stable_slug_shared_by_their_translations(mayor):
    assert mayor.slug == "bart-somers"
    namesake = f.person("Bart Somers")
    assert namesake.slug == "bart-somers-2"
    mayor.name = "Bart Somers (Mayor)"
    mayor.save()
    assert mayor.slug == "bart-somers"  # the address does not move with the name
    dutch = f.translate(mayor)
    assert dutch.slug == "bart-somers"
    assert dutch.public_page


def test_a_slug_taken_by_another_person_is_refused(mayor):
    other = Person(name="Someone", slug="bart-somers")
    with pytest.raises(Exception, match="address already"):
        other.full_clean()


def test_the_page_shows_who_they_are_and_their_sessions_across_events(
    client, index, mayor
):
    first = f.conference(index, later(10), later(11), title="Mechelen 2027")
    panel = publish(
        f.panel(
            first,
            later(10, 2),
            later(10, 3),
            title="Cities that welcome",
            speakers=[f.speaker(mayor, session_role="moderator")],
        )
    )
    second = f.conference(index, later(-400), later(-399), title="Uppsala 2025")
    workshop = publish(
        f.workshop(
            second,
            later(-400, 2),
            later(-400, 3),
            title="Local dialogue",
            speakers=[f.speaker_list("Hosts", f.speaker(mayor))],
        )
    )
    one_off = publish(
        f.workshop(
            index,
            later(40),
            later(40, 2),
            title="Study day",
            speakers=[f.speaker(mayor)],
        )
    )
    f.workshop(  # a draft: not shown
        first,
        later(10, 4),
        later(10, 5),
        title="Draft session",
        speakers=[f.speaker(mayor)],
        live=False,
    )
    response = client.get(person_url(index, mayor))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Bart Somers</h1>" in html
    assert "Mayor of Mechelen" in html
    assert "City of Mechelen" in html
    assert "Belgium" in html
    assert "Mayor since 2001." in html
    assert 'href="https://example.org/blog"' in html
    for page in (panel, workshop, one_off):
        assert f'href="{page.url}"' in html
    assert "Draft session" not in html
    assert "Mechelen 2027" in html and "Uppsala 2025" in html
    upcoming, past = html.split('id="we-past-sessions"')
    # Upcoming soonest first; the past below them.
    assert upcoming.index("Cities that welcome") < upcoming.index("Study day")
    assert "Local dialogue" in past
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    assert data["@type"] == "Person"
    assert data["url"].endswith(person_url(index, mayor))
    assert data["jobTitle"] == "Mayor of Mechelen"
    assert "email" not in data and "telephone" not in data


def test_the_photo_is_shown_with_the_name_as_its_text(client, index, mayor):
    mayor.photo = Image.objects.create(title="Portrait", file=get_test_image_file())
    mayor.save()
    conference = f.conference(index, later(10), later(11))
    publish(
        f.panel(conference, later(10, 1), later(10, 2), speakers=[f.speaker(mayor)])
    )
    html = client.get(person_url(index, mayor)).content.decode()
    assert re.search(r'<img[^>]+alt="Bart Somers"', html)


def test_restricted_pages_are_left_out(client, index, mayor):
    conference = f.conference(index, later(10), later(11))
    secret = publish(
        f.panel(
            conference,
            later(10, 1),
            later(10, 2),
            title="Members only",
            speakers=[f.speaker(mayor)],
        )
    )
    url = person_url(index, mayor)
    assert "Members only" in client.get(url).content.decode()
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    # Named only on a restricted page: no public page to find by their name.
    assert client.get(url).status_code == 404
    assert "Bart Somers" not in client.get(f"{index.url}people/").content.decode()


def test_a_person_saved_for_later_or_speaking_elsewhere_has_no_page_here(
    client, index, mayor
):
    assert client.get(person_url(index, mayor)).status_code == 404
    # Another index (another site's events) in the same language.
    other = f.event_index(title="Elsewhere", slug="elsewhere")
    conference = f.conference(other, later(10), later(11))
    publish(
        f.panel(
            conference,
            later(10, 1),
            later(10, 2),
            title="Elsewhere panel",
            speakers=[f.speaker(mayor)],
        )
    )
    assert client.get(person_url(index, mayor)).status_code == 404
    assert "Bart Somers" not in client.get(f"{index.url}people/").content.decode()
    assert "Elsewhere panel" in client.get(person_url(other, mayor)).content.decode()


def test_a_hidden_page_is_not_found_and_not_linked(client, index, mayor):
    conference = f.conference(index, later(10), later(11))
    panel = publish(
        f.panel(conference, later(10, 1), later(10, 2), speakers=[f.speaker(mayor)])
    )
    assert (
        f'href="{person_url(index, mayor)}"' in client.get(panel.url).content.decode()
    )
    mayor.public_page = False
    mayor.save()
    assert client.get(person_url(index, mayor)).status_code == 404
    assert client.get(f"{index.url}people/nobody/").status_code == 404
    html = client.get(panel.url).content.decode()
    assert "Bart Somers" in html
    assert "/people/" not in html
    assert "Bart Somers" not in client.get(f"{index.url}people/").content.decode()


def test_every_appearance_links_to_the_page(client, index, mayor):
    conference = f.conference(index, later(10), later(11))
    conference.speakers = [f.speaker(mayor, session_role="chair")]
    publish(conference)
    panel = publish(
        f.panel(
            conference,
            later(10, 1),
            later(10, 2),
            speakers=[f.speaker(mayor, session_role="moderator")],
        )
    )
    typed = publish(
        f.panel(
            conference,
            later(10, 3),
            later(10, 4),
            speakers=[f.speaker(name="Typed Name")],
        )
    )
    link = f'href="{person_url(index, mayor)}"'
    conference_html = client.get(conference.url).content.decode()
    # The conference's own speakers and the programme cell.
    assert conference_html.count(link) >= 2
    assert link in client.get(panel.url).content.decode()
    typed_html = client.get(typed.url).content.decode()
    assert "Typed Name" in typed_html and "/people/" not in typed_html
    # The structured data names the page of the person too.
    data = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', conference_html, re.S
    )
    assert f"people/{mayor.slug}/" in data[0]


def test_the_list_of_speakers_links_to_each(client, index, mayor):
    conference = f.conference(index, later(10), later(11))
    publish(
        f.panel(conference, later(10, 1), later(10, 2), speakers=[f.speaker(mayor)])
    )
    f.person("Nobody Speaks")
    html = client.get(f"{index.url}people/").content.decode()
    assert f'href="{person_url(index, mayor)}"' in html
    assert "Nobody Speaks" not in html


def test_each_language_shows_the_person_and_the_pages_in_it(client, index, mayor):
    conference = f.conference(index, later(10), later(11), title="Conference")
    publish(
        f.panel(
            conference,
            later(10, 1),
            later(10, 2),
            title="Welcome",
            speakers=[f.speaker(mayor)],
        )
    )
    dutch_index = f.translate(index)
    dutch_person = Person.objects.get(
        translation_key=mayor.translation_key, locale__language_code="nl"
    )
    dutch_person.role = "Burgemeester van Mechelen"
    dutch_person.save()
    dutch_panel = (
        dutch_index.get_descendants().live().filter(locale=dutch_index.locale).last()
    )
    dutch_url = person_url(dutch_index, mayor)
    assert dutch_url.startswith("/nl/")
    html = client.get(dutch_url).content.decode()
    assert '<html lang="nl"' in html
    assert "Burgemeester van Mechelen" in html
    assert f'href="{dutch_panel.url}"' in html
    assert "Komende sessies" in html
    english = client.get(person_url(index, mayor)).content.decode()
    assert "Mayor of Mechelen" in english
    assert dutch_panel.url not in english
    # The language switcher leads to the same person's page in each language.
    assert f'href="{dutch_url}"' in english


def test_the_sitemap_lists_each_persons_page_in_each_language(client, index, mayor):
    conference = f.conference(index, later(10), later(11))
    publish(
        f.panel(conference, later(10, 1), later(10, 2), speakers=[f.speaker(mayor)])
    )
    dutch_index = f.translate(index)
    hidden = f.person("Hidden Person", public_page=False)
    publish(
        f.panel(conference, later(10, 3), later(10, 4), speakers=[f.speaker(hidden)])
    )
    xml = client.get("/sitemap.xml").content.decode()
    assert f"{index.url}people/bart-somers/</loc>" in xml
    assert f"{dutch_index.url}people/bart-somers/</loc>" in xml
    assert "hidden-person" not in xml


def test_the_person_page_reads_a_fixed_number_of_queries(client, index, mayor):
    def count(n):
        conference = f.conference(index, later(10), later(11))
        person = f.person(f"Speaker {n}")
        for i in range(n):
            publish(
                f.panel(
                    conference,
                    later(10, i),
                    later(10, i + 1),
                    speakers=[f.speaker(person)],
                )
            )
        url = person_url(index, person)
        client.get(url)  # warm the site-root and content-type caches
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        assert response.content.decode().count("we-card__title") == n
        return len(ctx.captured_queries), ctx

    one, _ = count(1)
    ten, ctx = count(10)
    assert one == ten, "\n".join(q["sql"][:200] for q in ctx.captured_queries)
    assert ten <= PERSON_PAGE_BUDGET, "\n".join(
        q["sql"][:200] for q in ctx.captured_queries
    )


def test_the_breadcrumb_leads_from_the_person_up_to_the_index(client, index, mayor):
    conference = f.conference(index, later(10), later(11))
    publish(
        f.panel(conference, later(10, 1), later(10, 2), speakers=[f.speaker(mayor)])
    )

    def trail(url):
        html = client.get(url).content.decode()
        nav = re.search(r'<nav class="we-breadcrumb[^>]*>(.*?)</nav>', html, re.S)
        items = re.findall(r"<li>(.*?)</li>", nav.group(1), re.S)
        return [re.sub(r"<[^>]+>", "", item).strip() for item in items], nav.group(1)

    names, nav = trail(person_url(index, mayor))
    # The current page is the person, not the index that serves it.
    assert names[-3:] == [index.title, "Speakers", "Bart Somers"]
    assert '<span aria-current="page">Bart Somers</span>' in nav
    assert f'href="{index.url}people/"' in nav
    names, nav = trail(f"{index.url}people/")
    assert names[-2:] == [index.title, "Speakers"]
    assert '<span aria-current="page">Speakers</span>' in nav
