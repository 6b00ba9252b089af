"""Views a project names in its settings, at paths that stay put.

``CSRF_FAILURE_VIEW = "wagtail_events.views.csrf_failure"`` (see the
installation guide): the view lives with registration, whose forms it rescues.
"""

from .registration.csrf import csrf_failure


__all__ = ["csrf_failure"]
