import os

import pytest

from tests.services import redis_server


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # Everything under tests/browser/ drives Chromium: `-m "not browser"` leaves it
    # out and `-m browser` selects it, even if a test there forgets the marker.
    for item in items:
        if item.path.parent.name == "browser":
            item.add_marker(pytest.mark.browser)
        # Everything under tests/stack/ runs through the production stack.
        if item.path.parent.name == "stack":
            item.add_marker(pytest.mark.stack)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Under nox (WAGTAIL_EVENTS_FORBID_SKIPS=1) a skipped test is a failed one:
    CI must not go green by not running something."""
    report = yield
    if (
        os.environ.get("WAGTAIL_EVENTS_FORBID_SKIPS") == "1"
        and report.skipped
        and not hasattr(report, "wasxfail")
    ):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
        report.outcome = "failed"
        report.longrepr = f"Skipped, and skips are failures here: {reason}"
    return report


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language. Django's LocaleMiddleware leaves
    the language of the last request active in the thread (/nl/ pages), which
    would turn the next test's messages Dutch."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts and ends with an empty cache: the visitor form's rate
    limit, the "already registered" reminders and the site's root paths (with
    their languages) live there, and must not leak from one test to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _expected_database():
    """The nox session says which database it means to test; make sure that is
    the one Django uses (a PostgreSQL session must not quietly run on SQLite)."""
    expected = os.environ.get("WAGTAIL_EVENTS_EXPECT_DB")
    if expected:
        from django.db import connection

        assert connection.vendor == expected, (
            f"Expected the {expected} database, but Django uses {connection.vendor}"
            f" (DATABASE_URL={os.environ.get('DATABASE_URL')!r})."
        )


@pytest.fixture
def index(db):
    from tests import factories

    return factories.event_index()


@pytest.fixture
def editor(db, client, django_user_model):
    """A superuser logged in to the admin through ``client``."""
    user = django_user_model.objects.create_superuser(
        "editor", "editor@example.org", "password"
    )
    client.force_login(user)
    return user


@pytest.fixture(scope="session")
def redis_url():
    """A Redis server of this test session's own (tests/services.py)."""
    with redis_server() as url:
        yield url
