"""System checks for a project that installs wagtail_events."""

import zoneinfo

from django.apps import apps
from django.core.checks import Error, Tags, Warning, register
from django.urls import NoReverseMatch, reverse

from .conf import events_settings


REQUIRED_APPS = (
    "wagtail",
    "wagtail.snippets",
    "wagtail.images",
    "wagtail.documents",
    "modelcluster",
    "taggit",
    "recurrence",
)


@register(Tags.compatibility)
def check_required_apps(app_configs, **kwargs):
    # is_installed also sees apps listed by their AppConfig path.
    missing = [app for app in REQUIRED_APPS if not apps.is_installed(app)]
    return [
        Error(
            f"wagtail_events needs '{app}' in INSTALLED_APPS.",
            hint="See the installation guide: docs/installation.md.",
            id="wagtail_events.E001",
        )
        for app in missing
    ]


@register()
def check_default_time_zone(app_configs, **kwargs):
    zone = events_settings.DEFAULT_TIME_ZONE
    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        return [
            Error(
                f"WAGTAIL_EVENTS_DEFAULT_TIME_ZONE is {zone!r}, which is not an IANA time zone.",
                hint="Use a name such as 'Europe/Brussels'.",
                id="wagtail_events.E002",
            )
        ]
    return []


@register(Tags.urls)
def check_page_file_urls(app_configs, **kwargs):
    try:
        reverse(
            "wagtail_events:page_file", kwargs={"path": "", "file_name": "calendar.ics"}
        )
    except NoReverseMatch:
        return [
            Warning(
                "wagtail_events' URL patterns are not installed: calendar.ics, "
                "schedule.json and schedule.xml of event pages will answer 404.",
                hint='Add path("", include("wagtail_events.urls")) to your URLconf, '
                "before Wagtail's own page URLs.",
                id="wagtail_events.W001",
            )
        ]
    return []
