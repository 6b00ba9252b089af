"""The base page model: Wagtail's ``Page``, or the model a site swapped in for it.

Wagtail 8 lets a new project replace ``wagtail.models.Page`` with a base page
model of its own (the ``WAGTAIL_PAGE_MODEL`` setting, read through Django's
swappable models, like ``AUTH_USER_MODEL``). Wagtail's ``Page`` then has no
table: a page type that extends it fails Django's checks, ``Page.objects``
raises, and no page is an instance of it. So the package's page types extend
``base_page_model()``, and every query of the page tree and every "is this a
page?" goes through it. On Wagtail 7.4, which has no such setting, and on a site
that keeps Wagtail's ``Page``, it is ``wagtail.models.Page`` itself.

``base_page_model()`` may be called while the models are being loaded (the page
types' modules call it to pick their base class): it imports the models of the
app that holds the swapped-in model first, wherever that app stands in
``INSTALLED_APPS``. The model's optional fields (``seo_title``,
``search_description``, ``show_in_menus``: Wagtail's ``DefaultBasePageMixin``)
are asked through ``has_field()``.

Imports nothing of the package's.
"""

import functools
from importlib import import_module

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.utils.module_loading import module_has_submodule
from wagtail.models import Page


def swapped_for():
    """The label (``"app_label.ModelName"``) of the model a site swapped in for
    Wagtail's ``Page``, or None."""
    return Page._meta.swapped


@functools.cache
def base_page_model():
    """The class every page of the site extends."""
    label = swapped_for()
    if not label:
        return Page
    app_label, _, model_name = label.rpartition(".")
    try:
        app = apps.get_app_config(app_label)
    except LookupError as error:
        raise ImproperlyConfigured(
            f"WAGTAIL_PAGE_MODEL names {label!r}, but no installed app is "
            f"labelled {app_label!r}."
        ) from error
    # While the models load, an app after this one in INSTALLED_APPS has not
    # been imported yet: importing its models module registers the model.
    if module_has_submodule(app.module, "models"):
        import_module(f"{app.name}.models")
    try:
        return apps.get_registered_model(app_label, model_name)
    except LookupError as error:
        raise ImproperlyConfigured(
            f"WAGTAIL_PAGE_MODEL names {label!r}, which {app.name}.models "
            "does not define."
        ) from error


def has_field(name):
    """Whether the site's base page model has the field ``name``: a model built
    on ``AbstractPage`` alone has no ``seo_title``, ``search_description`` or
    ``show_in_menus``."""
    try:
        base_page_model()._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True
