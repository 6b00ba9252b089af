"""A front-end cache backend for tests: it records the addresses Wagtail's
``frontend_cache`` asks it to purge, and purges nothing."""

from wagtail.contrib.frontend_cache.backends.base import BaseBackend


class RecordingBackend(BaseBackend):
    purged = []

    def purge(self, url):
        self.purged.append(url)

    def purge_batch(self, urls):
        self.purged.extend(urls)

    @classmethod
    def take(cls):
        """The addresses purged since the last call, as a set."""
        urls = set(cls.purged)
        cls.purged.clear()
        return urls


SETTINGS = {
    "WAGTAILFRONTENDCACHE": {"recording": {"BACKEND": f"{__name__}.RecordingBackend"}},
    # Each translation's own address, not Wagtail's rewriting of every address
    # into every language's prefix.
    "WAGTAILFRONTENDCACHE_LANGUAGES": [],
}
