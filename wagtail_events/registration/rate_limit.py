"""The limit on registration submissions per client: who the client is, behind
proxies, and a count that a burst of simultaneous submissions cannot pass.

**The client's address** (``client_address``):

- ``WAGTAIL_EVENTS_CLIENT_IP_HEADER`` set (a ``request.META`` key such as
  ``"HTTP_X_REAL_IP"``, which the proxy in front sets): that header's address.
- Otherwise ``WAGTAIL_EVENTS_TRUSTED_PROXIES`` (default 0): the number of reverse
  proxies in front of the site, each appending the address it received the
  request from to ``X-Forwarded-For``. The hops are the header's addresses
  followed by ``REMOTE_ADDR``; the client is the hop that many places left of
  ``REMOTE_ADDR`` (0: ``REMOTE_ADDR`` itself). Those hops were written by the
  site's own proxies, so an ``X-Forwarded-For`` the client sends itself only
  adds hops further left, which are never read.
- Anything else falls back to ``REMOTE_ADDR``, never to an address the client
  could have chosen: a missing or malformed header, fewer hops than proxies (a
  request that did not come through all of them). Every value is read with
  ``ipaddress``; nothing here raises. Without a usable ``REMOTE_ADDR`` (a Unix
  socket), all such requests share one count.
- An IPv6 client is counted by its /64 network (one household or machine is given
  a whole /64, and picks any address in it); an IPv4-mapped IPv6 address counts
  as its IPv4 address.

**The count** (``rate_limited``): at most ``WAGTAIL_EVENTS_REGISTRATION_RATE_LIMIT``
submissions per client in each fixed window of ``..._RATE_WINDOW`` seconds (the
windows are aligned on the epoch, so a client may send the limit at the end of
one window and again at the start of the next). Counted in Django's default cache
with ``add(key, 1)`` and, when the key exists, ``incr(key)``: each is one atomic
operation on Redis and Memcached, and each submission is counted by exactly one
of them, so no burst passes the limit. The key holds the window's number and
outlives its window: it cannot expire between the two calls, and a key the cache
lost its timeout on (Django's Redis ``incr`` is ``EXISTS`` then ``INCR``) only
counts for a window that is over. The address is in the key as a keyed hash
(``salted_hmac``), never in clear.

Other caches count per process (local memory), not atomically (the database and
file caches: ``incr`` is a read then a write) or not at all (the dummy cache);
``checks.check_rate_limit_cache`` warns about them (W110-W112).
"""

import ipaddress
import time

from django.core.cache import cache
from django.utils.crypto import salted_hmac

from ..conf import events_settings


_KEY = "wagtail_events:registration:rate:{window}:{client}"
_KEY_SALT = "wagtail_events.registration.rate_limit"
# The key outlives its window by this much: a request that read the window's
# number just before it ended still finds the key.
_KEY_GRACE = 60
# How often a key that vanished between ``add`` and ``incr`` (evicted by a full
# cache) is created again before the submission is let through uncounted.
_ATTEMPTS = 3

UNKNOWN = "unknown"

# The clock of the windows; tests move it.
clock = time.time


def rate_limited(request):
    """Count a submission from the request's client; True when it is over the
    limit (the submission is counted either way)."""
    window = _window()
    client = salted_hmac(_KEY_SALT, client_address(request), algorithm="sha256")
    key = _KEY.format(window=int(clock()) // window, client=client.hexdigest()[:32])
    return _count(key, window + _KEY_GRACE) > events_settings.REGISTRATION_RATE_LIMIT


def client_address(request):
    """The client the request is counted for: an IPv4 address, an IPv6 /64
    network, or ``"unknown"``, as text."""
    meta = request.META
    header = events_settings.CLIENT_IP_HEADER
    if isinstance(header, str) and header:
        address = _address(meta.get(header))
    else:
        address = _forwarded(meta.get("HTTP_X_FORWARDED_FOR"))
    address = address or _address(meta.get("REMOTE_ADDR"))
    if address is None:
        return UNKNOWN
    if address.version == 6:
        return str(ipaddress.IPv6Network((int(address) >> 64 << 64, 64)))
    return str(address)


def _forwarded(forwarded):
    """The client by ``X-Forwarded-For`` and the number of trusted proxies; None
    for ``REMOTE_ADDR``. The last proxy's own address is ``REMOTE_ADDR`` (empty
    on a Unix socket), so the client is the header's ``proxies``-th address from
    the right."""
    proxies = _trusted_proxies()
    if not proxies or not isinstance(forwarded, str):
        return None
    hops = forwarded.split(",")
    if len(hops) < proxies:
        return None
    return _address(hops[-proxies])


def _trusted_proxies():
    try:
        return max(int(events_settings.TRUSTED_PROXIES or 0), 0)
    except (TypeError, ValueError, OverflowError):
        return 0


def _address(value):
    """An ``ipaddress`` address from a header's value ("192.0.2.1", "2001:db8::1",
    with a port: "192.0.2.1:443", "[2001:db8::1]:443"); None when it is none."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if value.startswith("["):
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:
        value = value.partition(":")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _window():
    try:
        return max(int(events_settings.REGISTRATION_RATE_WINDOW), 1)
    except (TypeError, ValueError, OverflowError):
        return 600


def _count(key, timeout):
    """The submission's number in its window, counting it; 0 when the key
    vanished at every attempt (the submission then goes uncounted)."""
    for _attempt in range(_ATTEMPTS):
        if cache.add(key, 1, timeout):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # evicted between add and incr: count again
            continue
    return 0
