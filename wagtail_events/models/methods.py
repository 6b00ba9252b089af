"""The HTTP methods a page's own routes answer: reading only (GET, HEAD), and
405 for anything else, so that a PUT, PATCH, DELETE or POST to an event page,
an index or its people's pages is refused as such rather than rendered.

The routes that take a form (``register/``, a registrant's page) check their
own methods (``registration.views``, ``registration.manage_views``).
"""

import functools

from django.http import HttpResponseNotAllowed
from wagtail.contrib.routable_page.models import path


READ = ("GET", "HEAD")


def read_only(view):
    """A route method (``self, request, ...``) that answers 405 but to GET and HEAD."""

    @functools.wraps(view)
    def route(self, request, *args, **kwargs):
        if request.method not in READ:
            return HttpResponseNotAllowed(READ)
        return view(self, request, *args, **kwargs)

    return route


class ReadOnlyPageMixin:
    """The page itself (its ``index_route``) is read only."""

    @path("")
    @read_only
    def index_route(self, request, *args, **kwargs):
        return super().index_route(request, *args, **kwargs)
