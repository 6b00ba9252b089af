"""A URLconf like a host project's before it follows the installation guide."""

from django.urls import include, path
from wagtail import urls as wagtail_urls


urlpatterns = [path("", include(wagtail_urls))]
