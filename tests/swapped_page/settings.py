"""The test settings (tests/settings.py) with Page swapped for
``swapped_page.BasePage``, the way a new Wagtail 8 project sets it up: the app
with the base page model comes first, and the example site's home page app,
which extends Wagtail's own Page, is left out."""

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS


INSTALLED_APPS = [
    "tests.swapped_page",
    *(app for app in INSTALLED_APPS if app != "example_site.home"),
]
WAGTAIL_PAGE_MODEL = "swapped_page.BasePage"
