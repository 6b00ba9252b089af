"""The project's own base page model, as Wagtail's documentation on custom base
page models sets one up: ``AbstractPage`` and a field every page shares. Without
``DefaultBasePageMixin``: no ``seo_title``, ``search_description`` or
``show_in_menus``, which the package must do without."""

from django.db import models
from wagtail.models import AbstractPage


class BasePage(AbstractPage):
    audience = models.CharField(max_length=100, blank=True)

    promote_panels = [*AbstractPage.promote_panels, "audience"]
