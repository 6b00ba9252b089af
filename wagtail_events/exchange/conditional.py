"""Conditional GET for the files calendar apps and schedule viewers poll: an
event's, a series' or a conference's ``calendar.ics``, an index's feed, a
personal ``agenda.ics``, ``schedule.json`` and ``schedule.xml``.

Contract: a ``200`` answer carries an ``ETag`` and a ``Last-Modified``; a
request whose ``If-None-Match`` (or, without one, ``If-Modified-Since``) still
matches gets ``304 Not Modified`` with the same validators and no body. Django's
``get_conditional_response`` does the comparing (RFC 9110), so the answers are
those of ``ConditionalGetMiddleware`` and of ``@condition``.

**The ETag is a hash of the body as rendered**, not of the data it is rendered
from. A validator computed before rendering would save the render, but it has to
change whenever the body does, and the body depends on much more than the pages'
``last_published_at``: venues, people and organisations (snippets, edited without
any page being published), the slug of any ancestor (every URL in the file), the
Site's host name, the date (a repeating event's dates are expanded to a horizon
that moves every day, cancelled dates fall out of the window), the package
version and the translation catalogues. Each one left out gives a calendar app an
outdated file for good, which is worse than sending the file again. Measured
(benchmarks/conditional_get.py, SQLite): such a validator (two aggregate
queries) costs 1-28 ms where the render costs 0.2 s (a conference of 100
sessions) to 14 s (an index feed of 10,000 dates), and it would still miss the
inputs above. So a 304 here saves the transfer (1 MiB for that feed) and the
client's parsing, not the render; the cheaper renders of the feed and the event
file keep the server's cost down, and a front-end cache (``frontend_cache``,
purged on every change) answers most conditional requests without Django.

An iCalendar file's ``DTSTAMP`` is the time it was written (RFC 5545 with
``METHOD:PUBLISH``): two downloads of the same data differ in those lines only.
The hash leaves them out, and the ETag is weak (``W/"..."``), as RFC 9110 asks of
a validator of content that is equivalent rather than byte for byte the same.
The frab files have no such line: their ETag is strong.

**Last-Modified** is the time this URL first answered with this ETag, kept in
Django's default cache (``modified_since``). It is bumped a second past the one
before it when the ETag changes, so two different bodies never share a
Last-Modified (HTTP dates count whole seconds). Without the record (a cleared or
per-request cache) it is the time of the answer: never a false ``304``, only a
full answer more. A site of several processes needs the shared cache it needs
anyway for the registration limits (docs/deployment.md); with a cache of each
process's own, clients that send ``If-None-Match`` (every calendar app we know)
are still answered exactly.
"""

import hashlib
import re
import time

from django.core.cache import cache
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag


# One line of a folded iCalendar file: DTSTAMP values are short, never folded.
_DTSTAMP_LINE = re.compile(rb"^DTSTAMP[:;][^\r\n]*\r?\n", re.MULTILINE)

# How long the time an ETag was first seen is kept; a client polling less often
# than this gets the file again once (its validators then match again).
RECORD_TIMEOUT = 60 * 60 * 24 * 30


def calendar_etag(content):
    """The weak ETag of an iCalendar body: its hash without the DTSTAMP lines."""
    return f'W/"{_digest(_DTSTAMP_LINE.sub(b"", content))}"'


def file_etag(content):
    """The strong ETag of a body that is the same, byte for byte, for the same
    data (the frab files)."""
    return quote_etag(_digest(content))


def _digest(content):
    return hashlib.sha256(content).hexdigest()[:32]


def _record_key(request):
    # The host and the full path with its query (an agenda's entries, a
    # calendar's language): hashed, so the key holds no visitor input as such.
    address = f"{request.get_host()}{request.get_full_path()}".encode()
    return f"wagtail_events:modified:{hashlib.sha256(address).hexdigest()}"


def modified_since(request, etag, now=None):
    """The time (seconds since the epoch) this URL first answered with ``etag``."""
    now = int(now if now is not None else time.time())
    key = _record_key(request)
    record = cache.get(key)
    if record is not None and record[0] == etag:
        return record[1]
    modified = now if record is None else max(now, record[1] + 1)
    cache.set(key, (etag, modified), RECORD_TIMEOUT)
    return modified


def conditional(request, response, etag):
    """``response`` (a 200 of a file) with its validators, or the ``304`` that
    replaces it when the request's validators match. HEAD gets the same."""
    last_modified = modified_since(request, etag)
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(last_modified)
    return get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )
