"""A URLconf that includes wagtail_events' patterns after Wagtail's page URLs:
``<page>register/`` reaches Wagtail first (check W170)."""

from django.urls import include, path
from wagtail import urls as wagtail_urls


urlpatterns = [
    path("", include(wagtail_urls)),
    path("", include("wagtail_events.urls")),
]
