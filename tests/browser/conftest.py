"""Chromium through Playwright's sync API: Debian's Chromium, never a downloaded one.

CHROMIUM_PATH names the executable (default /usr/bin/chromium). A missing browser
fails the tests; it does not skip them. Screenshots go to WAGTAIL_EVENTS_ARTIFACTS
(default test-artifacts/ at the repository root, which git ignores).
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 375, "height": 812}


@pytest.fixture(scope="session")
def artifacts_dir():
    default = Path(__file__).resolve().parents[2] / "test-artifacts"
    path = Path(os.environ.get("WAGTAIL_EVENTS_ARTIFACTS", default))
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def chromium():
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        pytest.fail(
            f"Chromium not found at {path!r}. Install Debian's chromium package "
            "(apt-get install chromium) or point CHROMIUM_PATH at a Chromium "
            "executable. Browser tests are not skipped.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class Watched:
    """A Playwright page plus what it did that a test should not allow."""

    def __init__(self, page, origin):
        self.page = page
        self.origin = origin
        self.console_errors = []
        self.foreign_requests = []

    def assert_clean(self):
        assert not self.console_errors, f"Console errors: {self.console_errors}"
        assert not self.foreign_requests, (
            f"Requests to hosts other than the live server {self.origin}: "
            f"{self.foreign_requests}"
        )


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture
def open_page(chromium, live_server):
    """open_page(viewport) -> Watched: a fresh context and page, which records
    console errors and aborts (and records) any request off the live server."""
    contexts = []
    watched_pages = []
    origin = _origin(live_server.url)

    def open_(viewport=WIDE, **context_options):
        # context_options: such as timezone_id, for a browser in another zone.
        context = chromium.new_context(viewport=viewport, **context_options)
        contexts.append(context)
        page = context.new_page()
        watched = Watched(page, origin)
        watched_pages.append(watched)

        def route(route, request):
            if (
                request.url.startswith(("data:", "blob:"))
                or _origin(request.url) == origin
            ):
                route.continue_()
            else:
                watched.foreign_requests.append(request.url)
                route.abort()

        context.route("**/*", route)
        page.on(
            "console",
            lambda msg: msg.type == "error" and watched.console_errors.append(msg.text),
        )
        page.on("pageerror", lambda exc: watched.console_errors.append(str(exc)))
        return watched

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: the registration rate limit counts
    the live server's visitors, who all come from 127.0.0.1."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        "editor", "editor@example.org", "password"
    )


def log_in(page, live_server, user):
    """Log ``user`` (password "password") in to the Wagtail admin."""
    from django.urls import reverse

    page.goto(live_server.url + reverse("wagtailadmin_login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", "password")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(live_server.url + reverse("wagtailadmin_home"))
