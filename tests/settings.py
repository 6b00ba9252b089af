"""Test settings: the example site, with a throwaway database and fast hashing.

DATABASE_URL selects PostgreSQL (``postgres://...``); without it, SQLite in memory.
"""

import os
import tempfile

import dj_database_url

from example_site.settings import *  # noqa: F403


DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "sqlite://:memory:")
    )
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="wagtail-events-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEBUG = False
WAGTAILADMIN_BASE_URL = "http://testserver"
# The tests of translations read translated pages as visitors do: new
# translations of live pages are live, as in wagtail-localize's own default. The
# package's default (drafts, WAGTAIL_EVENTS_PUBLISH_NEW_TRANSLATIONS) is tested in
# tests/i18n/test_translate_along.py.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = True
# The tests run in one process: its local-memory cache counts the registration
# rate limit for all of them (tests/registration/test_rate_limit.py tests W110).
SILENCED_SYSTEM_CHECKS = ["wagtail_events.W110"]

# Wagtail's front-end cache app, without a backend (so inert): the tests of
# wagtail_events.frontend_cache give it one (tests/purge_backend.py).
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]  # noqa: F405
