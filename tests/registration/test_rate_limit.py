"""The limit on registration submissions per client (``registration.rate_limit``):
the client's address behind proxies, the count under a burst (on a real Redis),
and the checks of the cache that counts."""

import threading

import pytest
import redis
from django.core import checks
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.test import RequestFactory
from django.utils import timezone

from tests import factories
from wagtail_events.checks import check_rate_limit_cache
from wagtail_events.models.registration import Registration
from wagtail_events.registration import rate_limit
from wagtail_events.registration.rate_limit import client_address, rate_limited


PROXY = "10.0.0.1"
CLIENT = "203.0.113.5"
SPOOFED = "198.51.100.66"


def request(remote=PROXY, forwarded=None, **meta):
    if remote is not None:
        meta["REMOTE_ADDR"] = remote
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    built = RequestFactory().post("/register/")
    if remote is None:
        del built.META["REMOTE_ADDR"]
    built.META.update(meta)
    return built


# The client's address


def test_without_proxies_the_client_is_remote_addr_whatever_it_forwards():
    assert client_address(request(CLIENT)) == CLIENT
    assert client_address(request(CLIENT, forwarded=SPOOFED)) == CLIENT


def test_behind_one_proxy_the_client_is_what_the_proxy_appended(settings):
    settings.WAGTAIL_EVENTS_TRUSTED_PROXIES = 1
    assert client_address(request(forwarded=CLIENT)) == CLIENT
    # The client's own X-Forwarded-For comes before what the proxy appends.
    assert client_address(request(forwarded=f"{SPOOFED}, {CLIENT}")) == CLIENT
    assert client_address(request(forwarded=f"{SPOOFED},{CLIENT}")) == CLIENT


def test_behind_two_proxies_the_outer_proxy_names_the_client(settings):
    settings.WAGTAIL_EVENTS_TRUSTED_PROXIES = 2
    assert client_address(request(forwarded=f"{CLIENT}, 10.0.0.2")) == CLIENT
    spoofed = f"{SPOOFED}, 192.0.2.1, {CLIENT}, 10.0.0.2"
    assert client_address(request(forwarded=spoofed)) == CLIENT


def test_fewer_hops_than_proxies_count_remote_addr(settings):
    # The request did not come through every proxy: what the header says was
    # written by the client.
    settings.WAGTAIL_EVENTS_TRUSTED_PROXIES = 2
    assert client_address(request(forwarded=SPOOFED)) == PROXY
    assert client_address(request()) == PROXY


def test_behind_a_proxy_on_a_unix_socket(settings):
    # gunicorn gives an empty REMOTE_ADDR on a Unix socket.
    settings.WAGTAIL_EVENTS_TRUSTED_PROXIES = 1
    assert client_address(request("", forwarded=f"{SPOOFED}, {CLIENT}")) == CLIENT


def test_a_header_set_by_the_proxy_comes_first(settings):
    settings.WAGTAIL_EVENTS_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    settings.WAGTAIL_EVENTS_TRUSTED_PROXIES = 1
    assert client_address(request(forwarded=SPOOFED, HTTP_X_REAL_IP=CLIENT)) == CLIENT
    # Without the header, REMOTE_ADDR, never X-Forwarded-For.
    assert client_address(request(forwarded=SPOOFED)) == PROXY


@pytest.mark.parametrize(
    "forwarded",
    ["", "unknown", "garbage, ", "300.1.2.3", "1.2.3.4\x00", "::g", ",,,", "x" * 10000],
)
def test_junk_in_the_header_counts_remote_addr(settings, forwarded):
    settings.WAGTAIL_EVENTS_TRUSTED_PROXIES = 1
    assert client_address(request(forwarded=forwarded)) == PROXY
    settings.WAGTAIL_EVENTS_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert client_address(request(HTTP_X_REAL_IP=forwarded)) == PROXY


@pytest.mark.parametrize("proxies", [None, -1, "two", 2.5j, [1], 10**100])
def test_junk_settings_fall_back(settings, proxies):
    settings.WAGTAIL_EVENTS_TRUSTED_PROXIES = proxies
    settings.WAGTAIL_EVENTS_CLIENT_IP_HEADER = 5
    # 10**100 proxies: fewer hops than proxies.
    assert client_address(request(forwarded=f"{SPOOFED}, {CLIENT}")) == PROXY


@pytest.mark.parametrize("remote", [None, "", "a unix socket"])
def test_no_address_at_all_is_one_unknown_client(remote):
    assert client_address(request(remote)) == "unknown"


@pytest.mark.parametrize(
    ("value", "client"),
    [
        ("203.0.113.5:443", CLIENT),
        ("[2001:db8::1]:443", "2001:db8::/64"),
        ("::ffff:203.0.113.5", CLIENT),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),
        ("2001:db8:1:3::1", "2001:db8:1:3::/64"),
        ("fe80::1%eth0", "fe80::/64"),
    ],
)
def test_ports_mapped_addresses_and_ipv6_networks(settings, value, client):
    settings.WAGTAIL_EVENTS_TRUSTED_PROXIES = 1
    assert client_address(request(forwarded=value)) == client


# The count


@pytest.fixture
def limit(settings, monkeypatch):
    """A limit of 3 submissions in windows of 600 s, on a clock that stands
    still (mid-window) until a test moves it."""
    settings.WAGTAIL_EVENTS_REGISTRATION_RATE_LIMIT = 3
    settings.WAGTAIL_EVENTS_REGISTRATION_RATE_WINDOW = 600
    now = [600 * 2_000_000 + 300.0]
    monkeypatch.setattr(rate_limit, "clock", lambda: now[0])
    return now


def test_the_limit_per_client_and_window(limit):
    assert [rate_limited(request(CLIENT)) for _ in range(5)] == [False] * 3 + [True] * 2
    assert not rate_limited(request("203.0.113.6"))
    # Another address in the same /64 is the same client.
    assert rate_limited(request("2001:db8::1")) is False
    for _ in range(2):
        rate_limited(request("2001:db8::1"))
    assert rate_limited(request("2001:db8::ffff")) is True
    limit[0] += 299  # still the same window
    assert rate_limited(request(CLIENT))
    limit[0] += 1  # the next one
    assert not rate_limited(request(CLIENT))


def test_the_cache_key_holds_no_address_and_outlives_its_window(limit, monkeypatch):
    calls = []
    original = LocMemCache.add

    def add(self, key, value, timeout=None, version=None):
        calls.append((key, timeout))
        return original(self, key, value, timeout, version)

    monkeypatch.setattr(LocMemCache, "add", add)
    rate_limited(request(CLIENT))
    [(key, timeout)] = calls
    assert CLIENT not in key
    assert str(2_000_000) in key  # the window's number
    assert timeout > 600


class Evicting:
    """A cache whose key vanishes between ``add`` and ``incr`` (a full cache
    evicting it) ``times`` times."""

    def __init__(self, times):
        self.times = times
        self.counted = None

    def add(self, key, value, timeout):
        if self.times:
            return False
        self.counted = value
        return True

    def incr(self, key):
        self.times -= 1
        raise ValueError(key)


def test_a_key_evicted_between_add_and_incr_is_counted_again(limit, monkeypatch):
    cache = Evicting(times=2)
    monkeypatch.setattr(rate_limit, "cache", cache)
    assert not rate_limited(request(CLIENT))
    assert cache.counted == 1


def test_a_key_evicted_again_and_again_never_gives_a_server_error(limit, monkeypatch):
    monkeypatch.setattr(rate_limit, "cache", Evicting(times=100))
    assert not rate_limited(request(CLIENT))


@pytest.fixture
def redis_cache(settings, redis_url):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
        }
    }
    yield redis.Redis.from_url(redis_url)


def burst(submissions, count):
    """``submissions`` threads, released at once, each calling ``count()``;
    their results."""
    start = threading.Barrier(submissions)
    results = [None] * submissions

    def submit(number):
        start.wait(timeout=30)
        results[number] = count()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(submissions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_a_burst_on_redis_never_passes_the_limit(limit, settings, redis_cache):
    settings.WAGTAIL_EVENTS_REGISTRATION_RATE_LIMIT = 10
    for _round in range(3):
        redis_cache.flushdb()
        results = burst(60, lambda: rate_limited(request(CLIENT)))
        assert results.count(False) == 10
        assert results.count(True) == 50
    # Every key expires: none lost its timeout.
    keys = redis_cache.keys("*wagtail_events:registration:rate:*")
    assert keys
    assert all(0 < redis_cache.ttl(key) <= 660 for key in keys)


def test_a_key_vanishing_in_a_burst_on_redis_restarts_the_count_once(
    limit, settings, redis_cache, monkeypatch
):
    """Every submission of the burst finds the key, then it vanishes (evicted by
    a full cache; the count of the old code, keyed without its window, expired
    there) before any of them increments it: one creates it again, the others
    count on."""
    settings.WAGTAIL_EVENTS_REGISTRATION_RATE_LIMIT = 10
    for _ in range(5):
        rate_limited(request(CLIENT))
    first = threading.local()
    vanish = threading.Barrier(60, action=lambda: redis_cache.flushdb())
    add = RedisCache.add

    def add_then_vanish(self, *args, **kwargs):
        added = add(self, *args, **kwargs)
        if not getattr(first, "done", False):
            first.done = True
            vanish.wait(timeout=30)
        return added

    monkeypatch.setattr(RedisCache, "add", add_then_vanish)
    results = burst(60, lambda: rate_limited(request(CLIENT)))
    assert results.count(False) == 10


def test_a_database_or_file_cache_loses_counts(limit, settings, tmp_path, monkeypatch):
    """The control, and why W112 warns: the database and file caches count with
    Django's ``BaseCache.incr``, a read then a write, so two submissions read
    the same count and both write it plus one. Made to interleave, every time."""
    assert DatabaseCache.incr is FileBasedCache.incr is BaseCache.incr
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        }
    }
    settings.WAGTAIL_EVENTS_REGISTRATION_RATE_LIMIT = 2
    assert not rate_limited(request(CLIENT))
    both_read = threading.Barrier(2)
    read = FileBasedCache.get

    def get(self, *args, **kwargs):
        value = read(self, *args, **kwargs)
        both_read.wait(timeout=30)
        return value

    monkeypatch.setattr(FileBasedCache, "get", get)
    # Three submissions with a limit of 2, and none is refused.
    assert burst(2, lambda: rate_limited(request(CLIENT))) == [False, False]


# The checks of the cache


@pytest.mark.parametrize(
    ("backend", "warning"),
    [
        ("django.core.cache.backends.locmem.LocMemCache", "wagtail_events.W110"),
        ("django.core.cache.backends.dummy.DummyCache", "wagtail_events.W111"),
        ("django.core.cache.backends.db.DatabaseCache", "wagtail_events.W112"),
        ("django.core.cache.backends.filebased.FileBasedCache", "wagtail_events.W112"),
        ("django.core.cache.backends.redis.RedisCache", None),
        ("django.core.cache.backends.memcached.PyMemcacheCache", None),
        ("tests.registration.test_rate_limit.OwnLocMemCache", "wagtail_events.W110"),
        ("no.such.Backend", None),
    ],
)
def test_the_cache_that_counts_is_checked(settings, backend, warning):
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": "x"}}
    settings.DEBUG = False
    found = check_rate_limit_cache(None)
    assert [message.id for message in found] == ([warning] if warning else [])
    assert all(isinstance(message, checks.Warning) for message in found)
    # A development site (one process, no abuse) is not warned.
    settings.DEBUG = True
    assert check_rate_limit_cache(None) == []


class OwnLocMemCache(LocMemCache):
    pass


@pytest.mark.django_db
def test_the_check_runs_with_the_caches_tag(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    }
    found = checks.run_checks(tags=[checks.Tags.caches])
    assert "wagtail_events.W111" in [message.id for message in found]


# The view


@pytest.fixture
def event(index):
    form = factories.registration_form(privacy_notice="<p>One year.</p>")
    year = timezone.now().year + 2
    return factories.conference(
        index,
        start=factories.local(year, 4, 19, 8, 15),
        end=factories.local(year, 4, 19, 18),
        registration_form=form,
    )


def submit(client, page, forwarded, **data):
    data = {
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "privacy_accepted": "on",
        **data,
    }
    return client.post(
        page.url + "register/",
        data,
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


@pytest.mark.django_db
def test_behind_a_proxy_each_visitor_has_a_limit_of_their_own(
    client, event, limit, settings
):
    settings.WAGTAIL_EVENTS_TRUSTED_PROXIES = 1
    settings.WAGTAIL_EVENTS_REGISTRATION_RATE_LIMIT = 2
    for _ in range(2):
        assert submit(client, event, CLIENT, name="").status_code == 400
    response = submit(client, event, f"{SPOOFED}, {CLIENT}")
    assert response.status_code == 429
    assert "Too many registration attempts" in response.text
    assert "Please try again in 10 minutes." in response.text
    assert not Registration.objects.exists()
    # The proxy's other visitors are not held back.
    response = submit(client, event, "203.0.113.6")
    assert response.status_code == 302
    assert Registration.objects.count() == 1
