"""System checks: the apps wagtail_events needs and its default time zone."""

from types import SimpleNamespace

import pytest
from django.core import checks
from django.test import override_settings

import wagtail_events.checks
from wagtail_events.checks import (
    REQUIRED_APPS,
    check_default_time_zone,
    check_required_apps,
)


def ids(errors):
    return [error.id for error in errors]


@pytest.fixture
def installed_apps(monkeypatch):
    """Pretend INSTALLED_APPS lacks some apps, without reloading the app registry
    (override_settings(INSTALLED_APPS=...) would, and Wagtail does not survive it)."""

    def without(*missing):
        from django.apps import apps

        def is_installed(name):
            return name not in missing and apps.is_installed(name)

        monkeypatch.setattr(
            wagtail_events.checks, "apps", SimpleNamespace(is_installed=is_installed)
        )

    return without


@pytest.mark.django_db
def test_the_test_project_passes_every_check():
    errors = checks.run_checks()
    # What `manage.py check` reports: without the ones tests/settings.py silences.
    assert [
        e for e in errors if e.id.startswith("wagtail_events.") and not e.is_silenced()
    ] == []
    assert check_required_apps(None) == []
    assert check_default_time_zone(None) == []


@pytest.mark.parametrize("missing", REQUIRED_APPS)
def test_missing_app_is_e001(installed_apps, missing):
    installed_apps(missing)
    errors = check_required_apps(None)
    assert ids(errors) == ["wagtail_events.E001"]
    error = errors[0]
    assert isinstance(error, checks.Error)
    assert f"'{missing}'" in error.msg
    assert "INSTALLED_APPS" in error.msg
    assert error.hint


def test_every_missing_app_has_its_own_error(installed_apps):
    installed_apps("taggit", "wagtail")
    errors = check_required_apps(None)
    assert ids(errors) == ["wagtail_events.E001", "wagtail_events.E001"]
    assert {"'wagtail'", "'taggit'"} == {
        next(word for word in e.msg.split() if word.startswith("'")) for e in errors
    }


@pytest.mark.django_db
def test_required_apps_check_runs_with_the_compatibility_tag(installed_apps):
    installed_apps("taggit")
    errors = checks.run_checks(tags=[checks.Tags.compatibility])
    assert "wagtail_events.E001" in ids(errors)


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "", "Europe/", None, 2])
def test_bad_default_time_zone_is_e002(zone):
    with override_settings(WAGTAIL_EVENTS_DEFAULT_TIME_ZONE=zone):
        errors = check_default_time_zone(None)
    assert ids(errors) == ["wagtail_events.E002"]
    assert repr(zone) in errors[0].msg
    assert "Europe/Brussels" in errors[0].hint


@pytest.mark.parametrize("zone", ["Europe/Brussels", "America/New_York", "UTC"])
def test_good_default_time_zone(zone):
    with override_settings(WAGTAIL_EVENTS_DEFAULT_TIME_ZONE=zone):
        assert check_default_time_zone(None) == []


def test_default_time_zone_falls_back_to_time_zone_setting(settings):
    del settings.WAGTAIL_EVENTS_DEFAULT_TIME_ZONE
    settings.TIME_ZONE = "Asia/Tokyo"
    assert check_default_time_zone(None) == []


@pytest.mark.django_db
def test_e002_through_run_checks():
    with override_settings(WAGTAIL_EVENTS_DEFAULT_TIME_ZONE="Nowhere/Land"):
        errors = checks.run_checks()
    assert "wagtail_events.E002" in ids(errors)


def test_page_file_urls_installed_in_the_test_project():
    from wagtail_events.checks import check_page_file_urls

    assert check_page_file_urls(None) == []


def test_missing_page_file_urls_are_reported(settings):
    from wagtail_events.checks import check_page_file_urls

    settings.ROOT_URLCONF = "tests.urls_without_events"
    assert ids(check_page_file_urls(None)) == ["wagtail_events.W001"]


def test_calendar_file_is_served_at_the_page_address(client, index):
    from tests import factories as f

    conference = f.conference(index, title="Served")
    response = client.get(conference.url + "calendar.ics")
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/calendar")
    assert client.get(conference.url + "nothing.ics").status_code == 404
