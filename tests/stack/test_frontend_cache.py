"""An event page with an open registration form behind nginx's front-end cache
(deploy/nginx.py, the configuration of docs/deployment.md): kept by the cache
(no cookie, ``s-maxage``), a registration sent as a browser sends it (no CSRF
token, ``Sec-Fetch-Site``) purges it, and the next GET shows one place fewer.
A registration sent from another site is refused and saves nothing.

The purges go through Wagtail's ``HTTPBackend`` to nginx's purge module; here
from web processes of their own that run tasks at once (the benchmark,
benchmarks/frontend_cache.py, purges from the task worker)."""

import re
import time
from urllib.parse import urlsplit

import pytest
import requests

from deploy.nginx import nginx_cache
from deploy.stack import free_port
from tests.stack.conftest import probe


pytestmark = pytest.mark.stack

PLACES = re.compile(r"(\d+) places? left")


def test_the_cached_event_page_is_purged_by_a_registration(stack, figures, tmp_path):
    page = probe(stack, "event", "--capacity", 20)
    front, purges = free_port(), free_port()
    settings = {
        # Purges go to a listener of their own, not the visitors' one.
        "FRONTEND_CACHE_URL": f"http://127.0.0.1:{purges}",
        "TASKS_BACKEND": "immediate",
        # Its e-mail apart: the load test counts the stack's.
        "EMAIL_FILE_PATH": str(tmp_path),
    }
    with (
        stack.more_web("web-purging", settings, workers=1) as upstream,
        nginx_cache(urlsplit(upstream).port, front, purges),
        requests.Session() as browser,
    ):
        url = f"http://127.0.0.1:{front}{page['url']}"
        # A browser's headers; Django answers "Vary: Accept-Language", which
        # nginx must ignore for Wagtail's purge (sent without) to reach it.
        browser.headers.update(
            {"Host": page["host"], "Accept-Language": "nl-BE,nl;q=0.9,en;q=0.8"}
        )

        def get():
            answer = browser.get(url, timeout=60)
            assert answer.status_code == 200
            return answer, int(PLACES.search(answer.text).group(1))

        first, places = get()
        second, _ = get()
        assert (first.headers["X-Cache-Status"], second.headers["X-Cache-Status"]) == (
            "MISS",
            "HIT",
        )
        assert "Set-Cookie" not in first.headers
        assert "s-maxage" in first.headers["Cache-Control"]
        assert places == 20
        # A PURGE from a visitor (who comes from 127.0.0.1 behind a local TLS
        # terminator) is refused on the visitors' port: the copy stays.
        assert browser.request("PURGE", url, timeout=60).status_code == 405
        assert get()[0].headers["X-Cache-Status"] == "HIT"

        form = {"name": "Ada", "email": "ada@example.org", "privacy_accepted": "on"}
        origin = {"Sec-Fetch-Site": "same-origin", "Origin": f"http://{page['host']}"}
        refused = browser.post(
            url + "register/",
            data={**form, "email": "mallory@example.org"},
            headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
            allow_redirects=False,
            timeout=60,
        )
        assert refused.status_code == 403
        started = time.monotonic()
        posted = browser.post(
            url + "register/", data=form, headers=origin, allow_redirects=False
        )
        assert posted.status_code == 302
        # Purged after the commit: the next GET is rendered anew.
        browser.cookies.clear()  # a visitor with a session would skip the cache
        after, places_after = get()
        seconds = time.monotonic() - started
        assert after.headers["X-Cache-Status"] in ("MISS", "EXPIRED")
        # One place fewer, not two: the cross-site POST saved nothing.
        assert places_after == 19
        assert get()[0].headers["X-Cache-Status"] == "HIT"
    figures.append(
        (
            "Front-end cache (nginx): an event page with an open form",
            [
                "1st GET MISS, 2nd GET HIT, no cookie; a PURGE on the visitors' port"
                " refused (405), still a HIT; a cross-site POST refused (403)",
                f"a registration purged it: next GET {after.headers['X-Cache-Status']},"
                f" 20 -> 19 places, {seconds:.2f} s from the POST",
            ],
        )
    )
