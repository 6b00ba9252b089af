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
    def MONTH_DAY_LIMIT(self):
        """How many dates a day of the month's calendar grid shows, followed by
        a link to the day's full list when it has more; 0 or None: all."""
        return self._setting("MONTH_DAY_LIMIT", 5)

    @property
    def CALENDAR_DOMAIN(self):
        """The domain part of iCalendar UIDs; "" takes WAGTAILADMIN_BASE_URL's host."""
        return self._setting("CALENDAR_DOMAIN", "")

    @property
    def CALENDAR_BREAKS(self):
        """Whether a conference's calendar files hold its breaks, meals and
        registration desk as well as its sessions, plenaries and exhibitions; a
        visitor's agenda holds the ones they starred either way."""
        return bool(self._setting("CALENDAR_BREAKS", True))

    @property
    def DELIVERY_ATTEMPTS(self):
        """How often an e-mail is tried before it is marked failed (``outbox``)."""
        return max(1, int(self._setting("DELIVERY_ATTEMPTS", 5)))

    @property
    def DIGEST_HOUR(self):
        """The hour (0-23, in the site's ``TIME_ZONE``) from which the organisers'
        daily digest goes, covering the 24 hours before it."""
        return min(max(int(self._setting("DIGEST_HOUR", 7)), 0), 23)

    @property
    def EMAIL_FROM(self):
        """Sender of the registration e-mails; None takes DEFAULT_FROM_EMAIL."""
        return self._setting("EMAIL_FROM", None) or settings.DEFAULT_FROM_EMAIL

    @property
    def REGISTRATION_RETENTION_DAYS(self):
        """Personal data of registrations is erased this many days after their
        event ended (the counts stay); None keeps it until erased by hand."""
        return self._setting("REGISTRATION_RETENTION_DAYS", 365)

    @property
    def REGISTRATION_RATE_LIMIT(self):
        """At most this many registration submissions per client address …"""
        return self._setting("REGISTRATION_RATE_LIMIT", 10)

    @property
    def REGISTRATION_RATE_WINDOW(self):
        """… in this many seconds (counted in Django's default cache)."""
        return self._setting("REGISTRATION_RATE_WINDOW", 600)

    @property
    def PAGE_CACHE_SECONDS(self):
        """How long a front-end cache may keep an event page showing its
        registration (``s-maxage``): less when registration opens or closes,
        or the event or its next date begins, sooner
        (``registration.page_cache``)."""
        return self._setting("PAGE_CACHE_SECONDS", 300)

    @property
    def TRUSTED_PROXIES(self):
        """How many reverse proxies in front of the site append to
        ``X-Forwarded-For``: the client address the rate limit counts is the one
        the outermost of them saw (``registration.rate_limit``); 0 (the default)
        takes ``REMOTE_ADDR``."""
        return self._setting("TRUSTED_PROXIES", 0)

    @property
    def CLIENT_IP_HEADER(self):
        """A ``request.META`` key (``"HTTP_X_REAL_IP"``) holding the client's
        address, set by the proxy in front; when set, it is read instead of
        ``TRUSTED_PROXIES``. None: not used."""
        return self._setting("CLIENT_IP_HEADER", None)

    @property
    def SCHEDULE_MAX_BYTES(self):
        """The largest schedule file ``import_schedule`` and the admin's “Import
        a schedule” read, in bytes (a file is parsed whole, in memory)."""
        return self._setting("SCHEDULE_MAX_BYTES", 10 * 1024 * 1024)

    @property
    def EVENT_LANGUAGES(self):
        """The spoken languages editors choose an event's languages (and
        interpretation) from: language codes, or ``(code, name)`` pairs for one
        Django does not name; None offers the languages of the European Union and
        a few more (``i18n.event_languages.DEFAULT_LANGUAGES``). Sign languages
        are always offered. Independent of ``LANGUAGES``, the site's own."""
        return self._setting("EVENT_LANGUAGES", None)

    @property
    def CURRENCY(self):
        """ISO 4217 code a new price or no-show fee starts with, and the
        currency of a free event's offer (price 0) in the structured data."""
        return self._setting("CURRENCY", "EUR")

    @property
    def SYNC_TRANSLATIONS(self):
        """Publishing an event page (or saving a registration form, venue, person or
        organisation) updates its wagtail-localize translations at once, so that a
        moved event moves in every language; False leaves that to the editors'
        “Sync translated pages”."""
        return self._setting("SYNC_TRANSLATIONS", True)

    @property
    def TRANSLATE_SESSIONS_WITH_CONFERENCE(self):
        """Translating a conference (wagtail-localize's “Translate”) translates
        its sessions too, with the venue, rooms, people and forms they point to,
        whether or not “Include subtree” was ticked; False leaves sessions to be
        translated one by one, or with “Include subtree”."""
        return bool(self._setting("TRANSLATE_SESSIONS_WITH_CONFERENCE", True))

    @property
    def PUBLISH_NEW_TRANSLATIONS(self):
        """Whether a new translation of a live page is published at once, showing
        the source's texts until they are translated (wagtail-localize's own
        default), or made a draft that an editor publishes once translated (the
        default here). Read once, when the apps are ready: it becomes the default
        of wagtail-localize's ``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE``,
        which wins when a site sets it."""
        return bool(self._setting("PUBLISH_NEW_TRANSLATIONS", False))


events_settings = EventsSettings()
