"""The page frame around every event page (``wagtail_events/frame.html``): the
skip link, the header with the site's name, navigation and language menu, the
breadcrumb, the main wrapper and the footer; a site that overrides
``wagtail_events/base.html`` as documented fills the blocks and keeps the skip
link and the wrapper. The time zone is stated once per page."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from tests import factories as f


pytestmark = pytest.mark.django_db

SITE_TEMPLATES = Path(__file__).parent / "site_templates"


def get(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text(node):
    return " ".join(node.get_text(" ").split())


def assert_skip_link_and_wrapper(soup):
    skip = soup.select_one("body > a.we-skip-link")
    assert skip is not None and skip["href"] == "#main"
    main = soup.select_one("main#main.we-main.we-wrap")
    assert main is not None
    assert main.find("h1") is not None


@pytest.fixture
def named_site(db):
    site = Site.objects.get(is_default_site=True)
    site.site_name = "City of Example"
    site.save()
    return site


def test_the_frame_has_header_breadcrumb_main_and_footer(client, named_site):
    index = f.event_index(title="Events", show_in_menus=True)
    conference = f.conference(index, title="Diversity day")
    session = f.workshop(
        conference,
        f.local(2024, 4, 19, 10),
        f.local(2024, 4, 19, 12),
        title="Mentoring",
    )
    soup = get(client, session)
    assert_skip_link_and_wrapper(soup)
    header = soup.select_one("header.we-site-header")
    assert text(header.select_one(".we-site-name")) == "City of Example"
    # The menu: the home page's children shown in menus, the index among them.
    menu = header.select_one("nav.we-navigation")
    assert "Events" in [text(a) for a in menu.find_all("a")]
    # The breadcrumb: home, index, conference, then the page itself, not a link.
    crumbs = soup.select_one("nav.we-breadcrumb")
    assert [text(a) for a in crumbs.find_all("a")] == [
        f.site_root().title,
        "Events",
        "Diversity day",
    ]
    assert text(crumbs.select_one("[aria-current=page]")) == "Mentoring"
    assert text(soup.select_one("footer.we-site-footer")) == "City of Example"
    # The frame comes before the page's content, the footer after it.
    assert str(soup).index("we-breadcrumb") < str(soup).index("<main")


def test_the_breadcrumb_and_menu_cost_one_query(client, named_site):
    index = f.event_index(show_in_menus=True)
    conference = f.conference(index)
    client.get(conference.url)  # warm the site-root caches
    with CaptureQueriesContext(connection) as ctx:
        client.get(conference.url)
    # The ancestors and the menu pages in one query (the other page queries are
    # Wagtail's own: routing, privacy).
    # (Found by the menu's condition, written "= 1" on SQLite and as the bare
    # column on PostgreSQL.)
    frame = [
        q
        for q in ctx.captured_queries
        if '"show_in_menus"' in q["sql"].partition(" WHERE ")[2]
    ]
    assert len(frame) == 1
    assert '"wagtailcore_page"."path" IN' in frame[0]["sql"]


def test_a_site_override_fills_the_blocks_and_keeps_skip_link_and_wrapper(
    client, named_site, settings
):
    templates = [dict(engine) for engine in settings.TEMPLATES]
    templates[0]["DIRS"] = [SITE_TEMPLATES, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates
    conference = f.conference(title="Diversity day")
    soup = get(client, conference)
    assert text(soup.select_one("header.site-header")) == "Our city's own header"
    assert text(soup.select_one("footer.site-footer")) == "Our city's own footer"
    assert soup.select_one(".we-site-header") is None
    assert_skip_link_and_wrapper(soup)
    assert text(soup.find("h1")) == "Diversity day"
    # The package's stylesheet is linked, the site's own rules after it.
    head = str(soup.head)
    assert head.index("wagtail_events/css/events.css") < head.index("--we-color-accent")


def test_the_time_zone_is_stated_once(client):
    conference = f.conference(title="Diversity day")
    f.workshop(conference, f.local(2024, 4, 19, 10), f.local(2024, 4, 19, 12))
    soup = get(client, conference)
    zone = soup.select_one("main > p.we-zone")
    assert text(zone) == "Times are Brussels time (Europe/Brussels)."
    assert zone["data-we-zone"] == "Europe/Brussels"
    assert soup.select(".we-when__zone") == []
    # Once in the page's text: the programme, in the same zone, does not repeat it.
    assert text(soup.body).count("(Europe/Brussels)") == 1
    assert soup.select(".we-programme__zone") == []
    # The visitor's own time is offered by a script, from <time datetime> elements.
    assert soup.select_one('script[src$="wagtail_events/js/localtime.js"]') is not None
    assert soup.select_one('.we-when time[datetime^="2024-04-19T08:15:00+02:00"]')


def test_a_time_in_another_zone_keeps_its_zone(client):
    index = f.event_index()
    start, end = f.local(2030, 4, 19, 9), f.local(2030, 4, 19, 17)
    f.conference(index, start, end, time_zone="America/New_York", title="Far away")
    f.conference(index, start, end, title="Near")
    soup = get(client, index)
    # The index states the zone of new events once; the card in another zone says its own.
    assert text(soup.select_one("p.we-zone")).endswith("(Europe/Brussels).")
    assert [text(z) for z in soup.select(".we-when__zone")] == ["(America/New_York)"]
