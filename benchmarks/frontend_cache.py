"""Requests per second for a conference page, an event index, their
``calendar.ics`` and an event page with an open registration form, through the
production stack (deploy/stack.py: gunicorn 4 processes x 4 threads, Redis, the
task worker, PostgreSQL), straight to gunicorn and through a front-end cache:
Debian's nginx with ``proxy_cache`` (the configuration docs/deployment.md shows,
generated into a temporary folder by ``deploy/nginx.py``).

The content is the demo's (``load_demo_content``: real seed content, in three
languages); the conference is the demo's one with the most sessions, the index
the English one with the most events; the event is a new one each run. Each
address is measured for ``--seconds`` (10) with 16 and 64 concurrent keep-alive
clients: requests per second, latency p50, p95 and p99, and answers that were not
200. The cache is warmed (one GET) before its runs, and each address is checked
to be a cache HIT the second time (``X-Cache-Status``), and a MISS after a
``PURGE`` request (nginx with Debian's ``libnginx-mod-http-cache-purge``, which
the site's ``WAGTAILFRONTENDCACHE`` reaches through Wagtail's ``HTTPBackend``).
Then, on another event page with an open form: a registration sent through
nginx as a browser sends it (``Sec-Fetch-Site``, no CSRF token) purges it (the
purge runs in the task worker), and the GETs until the page shows one place
fewer say how long that took.

The load comes from ``wrk`` (Debian's ``wrk``) when it is installed, otherwise
from Python threads with ``http.client`` (a client of one process, so its
ceiling, a few thousand requests a second, caps the cached figures).

Needs PostgreSQL at POSTGRES_URL (or DATABASE_URL), Debian's redis-server,
nginx (``nginx-light`` is enough) and ``libnginx-mod-http-cache-purge``; runs
in ``<database>_frontcache``, next to the one the URL names (created when
missing). About 5 minutes:

    python benchmarks/frontend_cache.py [--seconds 10] [--clients 16 64]
"""

import argparse
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy.nginx import nginx_cache  # noqa: E402
from deploy.stack import Stack, free_port, stack_database_url  # noqa: E402
from tests.stack.probe import ask as probe  # noqa: E402


WRK_SCRIPT = """\
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK_RESULT %d %d %d %d %d %d %d\\n",
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
"""


# --- The pages to measure, read in the stack's environment ------------------


def find_pages():
    """Run as ``frontend_cache.py --find-pages`` with the stack's settings:
    the demo's biggest conference and English index, as JSON."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")
    import django

    django.setup()
    from wagtail.models import Locale

    from wagtail_events.models import (
        ConferencePage,
        EventIndexPage,
        EventPage,
    )

    default = Locale.get_default()

    def biggest(pages):
        counted = [
            (EventPage.objects.live().descendant_of(page).count(), page)
            for page in pages.live().filter(locale=default)
        ]
        return max(counted, key=lambda pair: pair[0])

    sessions, conference = biggest(ConferencePage.objects.all())
    events, index = biggest(EventIndexPage.objects.all())
    print(
        json.dumps(
            {
                "conference": {"path": urlsplit(conference.url).path, "size": sessions},
                "index": {"path": urlsplit(index.url).path, "size": events},
                # What Wagtail's purges name as the host.
                "host": urlsplit(conference.get_full_url()).netloc,
            }
        )
    )


def pages_of(stack):
    done = subprocess.run(  # noqa: S603 -- this script, in the stack's environment
        [stack.python, __file__, "--find-pages"],
        env=stack.env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


# --- nginx -------------------------------------------------------------------


# The host of the demo's site (``find_pages``): Wagtail's purges name it, and
# nginx's cache key holds it.
HOST = {"name": "localhost"}


def get(port, path, method="GET", body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        # A browser's Accept-Language: the pages say "Vary: Accept-Language",
        # which the cache must not keep copies by (deploy/nginx.py).
        browser = {"Host": HOST["name"], "Accept-Language": "nl-BE,nl;q=0.9,en;q=0.8"}
        connection.request(method, path, body, {**browser, **(headers or {})})
        response = connection.getresponse()
        body = response.read()
        return response.status, dict(response.getheaders()), body
    finally:
        connection.close()


# --- The load ----------------------------------------------------------------


def load_with_wrk(port, path, clients, seconds, script):
    threads = min(clients, os.cpu_count() or 2)
    done = subprocess.run(  # noqa: S603 -- Debian's wrk, on our own addresses
        [
            shutil.which("wrk"),
            f"-t{threads}",
            f"-c{clients}",
            f"-d{seconds}s",
            "--timeout",
            "60s",
            "-s",
            script,
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.splitlines()
    line = next(text for text in lines if text.startswith("WRK_RESULT"))
    requests, duration, p50, p95, p99, status, broken = map(int, line.split()[1:])
    return {
        "rps": requests / (duration / 1e6),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "errors": status + broken,
    }


def load_with_threads(port, path, clients, seconds, _script):
    """Each client a thread with one keep-alive connection, GETting until the
    time is up."""
    latencies, errors = [], []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client():
        mine, failed = [], 0
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                ok = False
            mine.append(time.perf_counter() - started)
            failed += not ok
        connection.close()
        with lock:
            latencies.extend(mine)
            errors.append(failed)

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    ordered = sorted(latencies)

    def percentile(share):
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000

    return {
        "rps": len(ordered) / elapsed,
        "p50": statistics.median(ordered) * 1000,
        "p95": percentile(0.95),
        "p99": percentile(0.99),
        "errors": sum(errors),
    }


# --- The run -----------------------------------------------------------------


def check_cache(nginx_port, path, purge_port):
    """What the cache does with ``path``: the first and second GET's
    ``X-Cache-Status``, and after a ``PURGE`` request (to nginx's purge
    listener: the visitors' port refuses it)."""
    first = get(nginx_port, path)[1].get("X-Cache-Status", "-")
    status, headers, body = get(nginx_port, path)
    second = headers.get("X-Cache-Status", "-")
    purge_status = get(purge_port, path, method="PURGE")[0]
    after_purge = get(nginx_port, path)[1].get("X-Cache-Status", "-")
    return {
        "first": first,
        "second": second,
        "purge": purge_status,
        "after_purge": after_purge,
        "status": status,
        "kib": len(body) / 1024,
        "cache_control": headers.get("Cache-Control", "-"),
        "set_cookie": "Set-Cookie" in headers,
    }


PLACES = re.compile(rb"(\d+) places? left")


def places_left(body):
    match = PLACES.search(body)
    return int(match.group(1)) if match else None


def check_registration_purge(nginx_port, path):
    """An event page with an open form through the cache: its first and second
    GET, a registration sent through nginx as a browser sends it, and the
    GETs until the page shows one place fewer (the purge runs in the worker)."""
    first = get(nginx_port, path)
    status, headers, body = get(nginx_port, path)
    before = places_left(body)
    form = urlencode(
        {
            "name": "Front-end cache",
            "email": "frontend-cache@example.org",
            "privacy_accepted": "on",
        }
    )
    posted = get(
        nginx_port,
        path + "register/",
        method="POST",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"http://{HOST['name']}",
            "Sec-Fetch-Site": "same-origin",
        },
    )[0]
    started = time.monotonic()
    after, cache_after = before, "-"
    while time.monotonic() - started < 30:
        got = get(nginx_port, path)
        after, cache_after = places_left(got[2]), got[1].get("X-Cache-Status", "-")
        if after != before:
            break
        time.sleep(0.05)
    seconds = time.monotonic() - started
    return {
        "first": first[1].get("X-Cache-Status", "-"),
        "second": headers.get("X-Cache-Status", "-"),
        "status": status,
        "kib": len(body) / 1024,
        "cache_control": headers.get("Cache-Control", "-"),
        "set_cookie": "Set-Cookie" in first[1] or "Set-Cookie" in headers,
        "posted": posted,
        "before": before,
        "after": after,
        "cache_after": cache_after,
        "next": get(nginx_port, path)[1].get("X-Cache-Status", "-"),
        "seconds": seconds,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--clients", type=int, nargs="+", default=[16, 64])
    parser.add_argument(
        "--python-client",
        action="store_true",
        help="Python threads even when wrk is installed.",
    )
    args = parser.parse_args()
    use_wrk = shutil.which("wrk") and not args.python_client
    load = load_with_wrk if use_wrk else load_with_threads
    rows, checks = [], []
    with tempfile.TemporaryDirectory(prefix="wagtail-events-bench-") as folder:
        script = Path(folder) / "report.lua"
        script.write_text(WRK_SCRIPT)
        nginx_port, purge_port = free_port(), free_port()
        stack = Stack(
            stack_database_url(suffix="_frontcache"),
            periodic=False,
            env={
                "EMAIL_FILE_PATH": folder,
                "WAGTAIL_EVENTS_TRUSTED_PROXIES": "1",
                # The package's purges, through Wagtail's HTTPBackend, to
                # nginx's purge listener.
                "FRONTEND_CACHE_URL": f"http://127.0.0.1:{purge_port}",
            },
        )
        try:
            stack.start(demo=True)
            ports = (nginx_port, purge_port)
            purge = run(stack, args, load, str(script), rows, checks, ports)
        finally:
            stack.stop()
    report(args, use_wrk, rows, checks, purge)


def run(stack, args, load, script, rows, checks, ports):
    nginx_port, purge_port = ports
    pages = pages_of(stack)
    HOST["name"] = pages["host"]
    conference, index = pages["conference"], pages["index"]
    targets = [
        (f"Conference page ({conference['size']} sessions)", conference["path"]),
        ("Conference `calendar.ics`", conference["path"] + "calendar.ics"),
        (f"Index page ({index['size']} events)", index["path"]),
        ("Index `calendar.ics`", index["path"] + "calendar.ics"),
    ]
    # An event open for registration, its form on the page (a new one each
    # run, a month ahead, under an index of its own).
    event = probe(stack, "event", "--capacity", "500", "--waiting-list")
    targets.append(("Event page with an open registration form", event["url"]))
    with nginx_cache(stack.port, nginx_port, purge_port):
        fronts = (("gunicorn", stack.port), ("nginx cache", nginx_port))
        for name, path in targets:
            status = get(stack.port, path)[0]
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
            checks.append((name, path, check_cache(nginx_port, path, purge_port)))
            for clients in args.clients:
                for front, port in fronts:
                    get(port, path)  # warm: the cache, the workers' own caches
                    load_average = os.getloadavg()[0]
                    figures = load(port, path, clients, args.seconds, script)
                    rows.append((name, front, clients, load_average, figures))
                    print(
                        f"  {name}, {front}, {clients} clients: "
                        f"{figures['rps']:,.0f}/s",
                        file=sys.stderr,
                        flush=True,
                    )
        event = probe(stack, "event", "--capacity", "50")
        return event["url"], check_registration_purge(nginx_port, event["url"])


def report(args, use_wrk, rows, checks, purge):
    print()
    print(
        "Through the stack (gunicorn 4 processes x 4 threads, Redis, PostgreSQL), "
        f"straight and behind nginx's proxy_cache; {args.seconds} s each, "
        f"keep-alive clients, load from {'wrk' if use_wrk else 'Python threads'}; "
        f"{os.cpu_count()} cores:"
    )
    print()
    print(
        "| Address | Served by | Clients | Load average | Requests/s | p50 (ms) "
        "| p95 (ms) | p99 (ms) | Not 200 |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, front, clients, load_average, f in rows:
        print(
            f"| {name} | {front} | {clients} | {load_average:.1f} | {f['rps']:,.0f} "
            f"| {f['p50']:,.1f} | {f['p95']:,.1f} | {f['p99']:,.1f} | {f['errors']} |"
        )
    print()
    print(
        "| Address | Path | KiB | Cache-Control | Sets a cookie | 1st GET | 2nd GET "
        "| PURGE answered | GET after PURGE |"
    )
    print("|---|---|---:|---|---|---|---|---:|---|")
    for name, path, c in checks:
        print(
            f"| {name} | `{path}` | {c['kib']:,.0f} | {c['cache_control']} "
            f"| {'yes' if c['set_cookie'] else 'no'} | {c['first']} | {c['second']} "
            f"| {c['purge']} | {c['after_purge']} |"
        )

    path, c = purge
    print()
    print(
        "An event page with an open registration form (50 places), through nginx; "
        "a registration sent through nginx as a browser sends it (Sec-Fetch-Site, "
        "no CSRF token), then GETs until the page shows the new number of places:"
    )
    print()
    print(
        "| Path | Cache-Control | Sets a cookie | 1st GET | 2nd GET | Places before "
        "| POST | Places after | That GET | Next GET | Purged within (s) |"
    )
    print("|---|---|---|---|---|---:|---:|---:|---|---|---:|")
    print(
        f"| `{path}` | {c['cache_control']} | {'yes' if c['set_cookie'] else 'no'} "
        f"| {c['first']} | {c['second']} | {c['before']} | {c['posted']} "
        f"| {c['after']} | {c['cache_after']} | {c['next']} | {c['seconds']:.2f} |"
    )


if __name__ == "__main__":
    if sys.argv[1:] == ["--find-pages"]:
        find_pages()
    else:
        main()
