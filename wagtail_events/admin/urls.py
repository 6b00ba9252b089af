"""Admin URLs of the package's editor widgets, added to the Wagtail admin by
``wagtail_hooks`` (so the host project's URLconf needs nothing)."""

from django.urls import path
from django.views.i18n import JavaScriptCatalog
from wagtail.admin.localization import get_localized_response

from ..models.widgets import RECURRENCE_CATALOG_URL_NAME


_recurrence_catalog = JavaScriptCatalog.as_view(packages=["recurrence"])


def recurrence_js_catalog(request, *args, **kwargs):
    """django-recurrence's JavaScript strings, in the editor's admin language
    (like Wagtail's own ``wagtailadmin_javascript_catalog``)."""
    return get_localized_response(_recurrence_catalog, request, *args, **kwargs)


urlpatterns = [
    path(
        "wagtail-events/recurrence/jsi18n/",
        recurrence_js_catalog,
        name=RECURRENCE_CATALOG_URL_NAME,
    ),
]
