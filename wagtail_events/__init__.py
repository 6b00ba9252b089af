"""Conferences, sessions, speakers and programmes for Wagtail."""

from . import _moved


__version__ = "0.1.0.dev0"

# Old import paths (wagtail_events.registrations, .calendar, ...) keep working,
# with a DeprecationWarning, until 1.0.
_moved.install()
