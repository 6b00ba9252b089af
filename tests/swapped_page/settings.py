"""The test settings (tests/settings.py) with Page swapped for
``swapped_page.BasePage``, the way a new Wagtail 8 project sets it up: the app
with the base page model comes first, and the example site's home page app,
which extends Wagtail's own Page, is left out.

Without wagtail-localize, which does not support a swapped Page yet (1.14 queries
``wagtail.models.Page``; wagtail/wagtail-localize pull request 949): the site
publishes its pages in one language, and the package needs wagtail-localize
only for several (check wagtail_events.W002).
"""

import os

from tests.settings import *  # noqa: F403
from tests.settings import DATABASES, INSTALLED_APPS


INSTALLED_APPS = [
    "tests.swapped_page",
    *(
        app
        for app in INSTALLED_APPS
        if app
        not in {"example_site.home", "wagtail_localize", "wagtail_localize.locales"}
    ),
]
WAGTAIL_PAGE_MODEL = "swapped_page.BasePage"
WAGTAIL_CONTENT_LANGUAGES = [("en", "English")]

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A test database of its own: this project runs from a test of the main
    # run (test_swapped_site.py), whose own test database must stay untouched.
    DATABASES["default"]["TEST"] = {
        "NAME": f"test_wagtail_events_swapped_page_{os.getpid()}"
    }
