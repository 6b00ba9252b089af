"""The package's settings: one object, one prefix (``WAGTAIL_EVENTS_``), a default each.

Read a setting as ``events_settings.DEFAULT_TIME_ZONE``; the value is looked up on
every access so that ``override_settings`` in tests and late configuration work.
"""

from django.conf import settings


class EventsSettings:
    prefix = "WAGTAIL_EVENTS_"

    def _setting(self, name, default):
        return getattr(settings, self.prefix + name, default)

    @property
    def DEFAULT_TIME_ZONE(self):
        """IANA zone given to new events; the project's TIME_ZONE unless set."""
        return self._setting("DEFAULT_TIME_ZONE", settings.TIME_ZONE)

    @property
    def INDEX_PAGE_SIZE(self):
        """How many events an index page lists per page."""
        return self._setting("INDEX_PAGE_SIZE", 12)

    @property
    def OCCURRENCE_HORIZON_DAYS(self):
        """How far ahead repeating events are expanded into occurrences."""
        return self._setting("OCCURRENCE_HORIZON_DAYS", 730)

    @property
    def MAX_OCCURRENCES(self):
        """At most this many dates are stored per event (the latest ones up to the
        horizon), so that a rule repeating every hour cannot fill the table."""
        return self._setting("MAX_OCCURRENCES", 5000)

    @property
    def UPCOMING_DATES(self):
        """How many upcoming dates the page of a repeating event lists."""
        return self._setting("UPCOMING_DATES", 10)

    @property
    def MONTH_PAGE_SIZE(self):
        """How many dates the month view of an index shows per page."""
        return self._setting("MONTH_PAGE_SIZE", 200)

    @property
    def CALENDAR_DOMAIN(self):
        """The domain part of iCalendar UIDs; "" takes WAGTAILADMIN_BASE_URL's host."""
        return self._setting("CALENDAR_DOMAIN", "")


events_settings = EventsSettings()
