"""The base page model (wagtail_events/page_model.py) on a site that keeps
Wagtail's Page, as every site on Wagtail 7.4 does: the package's page types and
migrations are what they always were. The site that swaps Page is
tests/swapped_page/."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.migrations.loader import MigrationLoader
from wagtail.models import Page

from wagtail_events import page_model
from wagtail_events.models import EventIndexPage, EventPage


def test_the_base_page_model_is_wagtails_page():
    assert page_model.swapped_for() is None
    assert page_model.base_page_model() is Page
    assert issubclass(EventPage, Page) and issubclass(EventIndexPage, Page)
    assert EventPage._meta.pk.name == "page_ptr"
    assert page_model.has_field("seo_title")
    assert page_model.has_field("show_in_menus")
    assert not page_model.has_field("audience")


# wagtail-localize's migrations read the database as they are loaded.
@pytest.mark.django_db
@pytest.mark.parametrize("name", ["EventPage", "EventIndexPage"])
def test_the_first_migration_keeps_its_state(name):
    """0001 names the base page model and its parent link; for Wagtail's Page
    that is the state it always had, so existing databases stay valid."""
    state = MigrationLoader(None, ignore_no_migrations=True).project_state(
        ("wagtail_events", "0001_initial")
    )
    model = state.models["wagtail_events", name.lower()]
    assert model.bases == ("wagtailcore.page",)
    link = model.fields["page_ptr"]
    assert link.remote_field.model == "wagtailcore.page"
    assert link.remote_field.parent_link and link.primary_key


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("basepage.BasePage", "no installed app is labelled 'basepage'"),
        ("wagtail_events.BasePage", "wagtail_events.models does not define"),
    ],
)
def test_a_wrong_setting_says_what_is_wrong(monkeypatch, label, message):
    monkeypatch.setattr(page_model, "swapped_for", lambda: label)
    with pytest.raises(ImproperlyConfigured, match=message):
        page_model.base_page_model.__wrapped__()
