import os

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from wagtail_events.sitemaps import Sitemap


urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Every page in every language, with its translations as alternates.
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": Sitemap}}),
]
# Pages live under their language's prefix (/nl/events/, /fr/events/).
urlpatterns += i18n_patterns(
    # English, the default language, keeps the addresses without a prefix.
    # Before Wagtail's pages: <page url>calendar.ics, schedule.json, schedule.xml.
    path("", include("wagtail_events.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif os.environ.get("SERVE_STATIC") == "1":
    # `make stack` has no web server in front of gunicorn: Django serves the
    # collected static and the media files itself (slowly; a real site lets its
    # web server do it, docs/deployment.md).
    urlpatterns += [
        re_path(
            r"^static/(?P<path>.*)$", serve, {"document_root": settings.STATIC_ROOT}
        ),
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]
