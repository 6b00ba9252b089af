"""The editor's guide matches the admin, screen by screen: the tabs it lists for
each page type are the tabs of that page type's editor, as rendered, and the
menu paths it names are the admin's menus. Docs cannot drift from the screens."""

import pathlib
import re

import pytest
from django.urls import reverse

from tests import factories as f
from tests.editing.test_admin import add_url, edit_url
from wagtail_events.admin.viewsets import EventsViewSetGroup
from wagtail_events.models import (
    ConferencePage,
    EventIndexPage,
    MeetingPage,
    PanelPage,
    SeriesPage,
    SiteVisitPage,
    WorkshopPage,
)


GUIDE = pathlib.Path(__file__).parents[2] / "docs" / "editor-guide.md"
TAB = re.compile(r'data-w-tabs-target="trigger"[^>]*>\s*([^<]+?)\s*<', re.S)


def guide():
    return GUIDE.read_text(encoding="utf-8")


def guide_tabs():
    """{page type: [tab, …]} from the guide's table of tabs."""
    section = guide().split("### The tabs of each page type", 1)[1]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[1].startswith("**"):
            rows[cells[0]] = re.findall(r"\*\*(.+?)\*\*", cells[1])
        elif rows and not line.startswith("|"):
            break
    return rows


def rendered_tabs(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return TAB.findall(response.content.decode())


@pytest.fixture
def pages(index):
    conference = f.conference(index)
    series = f.series(index)
    start, end = f.local(2024, 4, 19, 10), f.local(2024, 4, 19, 11)
    return {
        EventIndexPage: index,
        ConferencePage: conference,
        PanelPage: f.panel(conference, start, end),
        WorkshopPage: f.workshop(conference, start, end),
        SiteVisitPage: f.site_visit(conference, start, end),
        SeriesPage: series,
        MeetingPage: f.meeting(series, start, end),
    }


def test_the_guide_lists_the_tabs_of_every_page_type(client, editor, pages):
    documented = guide_tabs()
    assert set(documented) == {
        str(model._meta.verbose_name).capitalize() for model in pages
    }
    for model, page in pages.items():
        name = str(model._meta.verbose_name).capitalize()
        assert rendered_tabs(client, edit_url(page)) == documented[name], name
        # A new page has the same tabs.
        parent = page.get_parent()
        assert rendered_tabs(client, add_url(model, parent)) == documented[name]


def test_the_guide_counts_the_conference_tabs_right():
    count = len(guide_tabs()["Conference"])
    words = {4: "four", 5: "five", 6: "six", 7: "seven"}
    assert f"The editor has {words[count]} tabs" in guide()


def test_the_guide_names_the_admin_menus(client, editor):
    text = guide()
    assert "**Snippets** > **Events**" not in text
    items = {str(viewset.menu_label) for viewset in EventsViewSetGroup.items}
    named = set(re.findall(r"\*\*Event details\*\* >\s+\*\*([^*]+)\*\*", text))
    assert named, "the guide names no item of the Event details menu"
    assert {" ".join(name.split()) for name in named} <= items
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert str(EventsViewSetGroup.menu_label) in html
    assert "Registrations" in html
