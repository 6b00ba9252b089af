"""System checks for a project that installs wagtail_events."""

import zoneinfo

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string
from wagtail.coreutils import get_content_languages

from .conf import events_settings
from .registration import same_origin


REQUIRED_APPS = (
    "wagtail",
    "wagtail.snippets",
    "wagtail.images",
    "wagtail.documents",
    "modelcluster",
    "taggit",
    "recurrence",
    # Without the app the country field still works, but the names of countries
    # are not translated.
    "django_countries",
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


@register(Tags.urls)
def check_register_urls(app_configs, **kwargs):
    """``<page>register/`` must reach ``wagtail_events.urls`` before Wagtail's
    own page URLs, or event pages keep Django's CSRF token, and with it a
    cookie no front-end cache stores (``registration.same_origin``)."""
    try:
        reverse(same_origin.ROUTE_NAME, kwargs={"path": ""})
    except NoReverseMatch:
        return []  # W001 says it
    if same_origin.routed_here():
        return []
    return [
        Warning(
            "Registrations reach Wagtail's page URLs before wagtail_events': "
            "event pages with an open registration form carry a CSRF token and "
            "set a cookie, so no front-end cache keeps them.",
            hint='Put path("", include("wagtail_events.urls")) before '
            "Wagtail's own page URLs in your URLconf.",
            id="wagtail_events.W170",
        )
    ]


@register()
def check_translation_tool(app_configs, **kwargs):
    """Several content languages without wagtail-localize: a translation is then a
    copy (Wagtail's "simple translation", or by hand) whose times, rooms and
    capacity stay as they were copied. Its registrations, calendar UID and frab
    guid are still the event's, so calendar apps would get the same event at two
    different times."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return []
    if len(get_content_languages()) < 2 or apps.is_installed("wagtail_localize"):
        return []
    return [
        Warning(
            "Events are translated in several languages without wagtail_localize: "
            "a translation does not follow its event when the time, the room or "
            "the places change.",
            hint="Add 'wagtail_localize' and 'wagtail_localize.locales' to "
            "INSTALLED_APPS (see docs/translating.md), or keep one content "
            "language.",
            id="wagtail_events.W002",
        )
    ]


# How the cache backends count the registration rate limit
# (registration.rate_limit): the Redis and Memcached backends atomically, in one
# place for every process; these not (subclasses included).
_PER_PROCESS_CACHE = "django.core.cache.backends.locmem.LocMemCache"
_NO_CACHE = "django.core.cache.backends.dummy.DummyCache"
_NON_ATOMIC_CACHES = (
    "django.core.cache.backends.db.DatabaseCache",
    "django.core.cache.backends.filebased.FileBasedCache",
)


def _cache_is(backend, *paths):
    return isinstance(backend, type) and any(
        issubclass(backend, import_string(path)) for path in paths
    )


@register(Tags.caches)
def check_rate_limit_cache(app_configs, **kwargs):
    """The cache that counts registration submissions per client
    (``registration.rate_limit``), on a production site (``DEBUG`` off): one
    shared by every process, counting atomically."""
    if settings.DEBUG:
        return []
    try:
        backend = import_string(settings.CACHES["default"]["BACKEND"])
    except (KeyError, TypeError, ImportError):
        return []  # Django's own checks and cache handler report these.
    hint = (
        "Use Redis (django.core.cache.backends.redis.RedisCache) or Memcached "
        "as the default cache; see docs/registration.md."
    )
    if _cache_is(backend, _PER_PROCESS_CACHE):
        return [
            Warning(
                "The default cache is the local-memory cache: each process counts "
                "the registration rate limit on its own, so several processes "
                "let through as many submissions each.",
                hint=hint + " A site served by one process may silence this.",
                id="wagtail_events.W110",
            )
        ]
    if _cache_is(backend, _NO_CACHE):
        return [
            Warning(
                "The default cache is the dummy cache: registration submissions "
                "are not limited at all.",
                hint=hint,
                id="wagtail_events.W111",
            )
        ]
    if _cache_is(backend, *_NON_ATOMIC_CACHES):
        return [
            Warning(
                "The default cache does not count atomically: a burst of "
                "simultaneous registration submissions from one address can "
                "pass the rate limit.",
                hint=hint,
                id="wagtail_events.W112",
            )
        ]
    return []
