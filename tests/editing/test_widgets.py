"""The recurrence widget of the page editor: media that keeps Wagtail's jQuery, and
the JavaScript catalog of its strings served under the Wagtail admin."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.templatetags.static import static
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests import factories as f
from wagtail_events.models.widgets import RECURRENCE_CATALOG_URL_NAME, RecurrenceInput


ADMIN_JQUERY = ("/admin/js/vendor/jquery/", "/admin/js/jquery.init.js")
SHIM = "wagtail_events/js/recurrence-shim.js"
INIT = "wagtail_events/js/recurrence-init.js"
RECURRENCE_JS = "recurrence/js/recurrence.js"
RECURRENCE_WIDGET_JS = "recurrence/js/recurrence-widget.js"


def _js(media):
    return re.findall(r'<script src="([^"]+)"', "".join(media.render_js()))


def _css(media):
    return re.findall(r'<link href="([^"]+)"', "".join(media.render_css()))


def _index(paths, suffix):
    [index] = [i for i, path in enumerate(paths) if path.endswith(suffix)]
    return index


@pytest.fixture
def catalog_url():
    return reverse(RECURRENCE_CATALOG_URL_NAME)


def test_media_leaves_out_django_admins_jquery():
    media = RecurrenceInput().media
    rendered = str(media)
    for path in ADMIN_JQUERY:
        assert path not in rendered
    # django-recurrence's own initialiser needs django.jQuery and #container.
    assert "recurrence-widget.init.js" not in rendered


def test_media_loads_the_recurrence_scripts_between_the_shim_and_the_initialiser(
    catalog_url,
):
    js = _js(RecurrenceInput().media)
    assert js[0] == catalog_url
    assert (
        _index(js, SHIM)
        < _index(js, RECURRENCE_JS)
        < _index(js, RECURRENCE_WIDGET_JS)
        < _index(js, INIT)
    )


def test_media_keeps_the_recurrence_stylesheet():
    assert _css(RecurrenceInput().media) == [
        static("recurrence/css/recurrence.css"),
        static("wagtail_events/css/recurrence-admin.css"),
    ]


def test_media_merged_with_wagtails_date_time_input_has_one_jquery():
    from wagtail.admin.widgets import AdminDateTimeInput

    for media in (
        RecurrenceInput().media + AdminDateTimeInput().media,
        AdminDateTimeInput().media + RecurrenceInput().media,
    ):
        rendered = str(media)
        assert "jquery" not in rendered.lower()
        assert "date-time-chooser.js" in rendered
        assert SHIM in rendered


def test_widget_renders_a_textarea_with_its_options():
    html = RecurrenceInput(default_freq=1).render(
        "recurrence", "RRULE:FREQ=WEEKLY", attrs={"id": "id_recurrence"}
    )
    assert 'class="recurrence-widget"' in html
    assert 'data-recurrence-options="{&quot;default_freq&quot;: 1}"' in html
    assert "RRULE:FREQ=WEEKLY</textarea>" in html
    assert "data-recurrence-options" not in RecurrenceInput().render("r", "")


@pytest.fixture
def moderator(django_user_model, client):
    """An editor who may use the admin, without being a superuser."""
    user = django_user_model.objects.create_user(
        "moderator", "moderator@example.org", "password"
    )
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    client.force_login(user)
    return user


def test_catalog_answers_an_editor_with_javascript(db, client, moderator, catalog_url):
    response = client.get(catalog_url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    body = response.content.decode()
    assert "django.catalog" in body
    assert "gettext" in body


def test_catalog_speaks_the_editors_admin_language(db, client, moderator, catalog_url):
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "nl"
    profile.save()
    body = client.get(catalog_url).content.decode()
    # django-recurrence's Dutch for "Add rule".
    assert "Herhaling toevoegen" in body


def test_catalog_is_for_admin_users_only(db, client, catalog_url):
    response = client.get(catalog_url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_page_editor_loads_the_widget_without_a_second_jquery(
    index, admin_client, catalog_url
):
    conference = f.conference(index)
    workshop = f.workshop(
        conference, f.local(2024, 4, 19, 10, 15), f.local(2024, 4, 19, 11, 45)
    )
    for page in (conference, workshop):
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200
        html = response.content.decode()
        assert 'class="recurrence-widget"' in html
        for path in ADMIN_JQUERY:
            assert path not in html
        for path in (catalog_url, SHIM, RECURRENCE_JS, RECURRENCE_WIDGET_JS, INIT):
            assert html.count(path) == 1, path
        assert "wagtailadmin/js/date-time-chooser.js" in html
