"""CodeRed CMS's side of the side-by-side measure (``calendar_feeds.py
--beside-codered``): the same workload in a throwaway CodeRed CMS project, timed
the same way, printed as JSON.

Run it with a Python that has CodeRed CMS installed, never this package's:

    python3.13 -m venv /tmp/codered-venv
    /tmp/codered-venv/bin/pip install "coderedcms==6.0.0"
    CODERED_PYTHON=/tmp/codered-venv/bin/python python benchmarks/calendar_feeds.py --beside-codered

or on its own: ``/tmp/codered-venv/bin/python benchmarks/codered.py --events
1000 --month 2026-12``. Nothing of CodeRed CMS is kept in this repository: the
script makes a project with ``coderedcms start`` (its basic template) in a
temporary folder, with a SQLite database there, the time zone Europe/Brussels,
``DEBUG`` off and wagtail-cache off (what is measured is the work, not a cached
copy), migrates it and removes it afterwards.

The workload is ``calendar_feeds._plan_half_weekly``'s: N events under one
events landing page, every other one a one-off of two hours, the others weekly
for 26 weeks (CodeRed's ``repeat`` "weekly" with ``repeat_until`` the 26th
week's day), spread over the half-year around today. Pages are inserted in bulk,
one table of the page model's chain at a time, as ``listing.py`` does.

What is timed, with Django's test client, median of ``--repeat`` requests after
one that warms the caches:

* the events landing page (its list of events, as a visitor opens it);
* a month: the JSON CodeRed's calendar (FullCalendar) asks for a month view,
  ``/ajax/calendar/events/?pid=<index>&start=<first day>&end=<next first day>``;
* the whole calendar: ``POST /ical/generate/calendar/`` (the landing page's
  "download calendar");
* one event's calendar file: ``POST /ical/generate/recurring/`` of a weekly
  event (the event page's "add to calendar" for all dates).
"""

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import create_children, insert, live_child


PROJECT = "crxbench"


def _project(folder):
    """A CodeRed project from its basic template, with settings for measuring."""
    subprocess.run(  # noqa: S603 -- CodeRed CMS's own command, beside this Python
        [
            str(Path(sys.executable).with_name("coderedcms")),
            "start",
            PROJECT,
            str(folder),
            "--sitename",
            "Bench",
            "--domain",
            "localhost",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    (folder / "bench_settings.py").write_text(
        f"from {PROJECT}.settings.base import *  # noqa\n"
        "DEBUG = False\n"
        "SECRET_KEY = 'benchmark only'\n"
        "ALLOWED_HOSTS = ['*']\n"
        "TIME_ZONE = 'Europe/Brussels'\n"
        "WAGTAIL_CACHE = False\n"
        "MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith('wagtailcache')]\n"
        f"DATABASES = {{'default': {{'ENGINE': 'django.db.backends.sqlite3', "
        f"'NAME': {str(folder / 'bench.sqlite3')!r}}}}}\n"
        "CACHES = {'default': {'BACKEND': "
        "'django.core.cache.backends.locmem.LocMemCache'}}\n"
        "EMAIL_BACKEND = 'django.core.mail.backends.locmem.EmailBackend'\n"
        "STORAGES = {'default': {'BACKEND': "
        "'django.core.files.storage.FileSystemStorage'}, 'staticfiles': "
        "{'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'}}\n"
    )


def _insert(model, objs, connection):
    """INSERT each table of a multi-table page model below Wagtail's ``Page``."""
    from wagtail.models import Page

    for table_model in reversed([model, *model._meta.get_parent_list()]):
        if table_model is not Page and not table_model._meta.abstract:
            insert(table_model, objs, connection)


def build(count):
    """The landing page and ``count`` events; returns (index, a weekly event)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone
    from wagtail.models import Page
    from website.models import EventIndexPage, EventOccurrence, EventPage

    zone = timezone.get_current_timezone()
    home = Page.objects.get(depth=2)
    index = EventIndexPage(title="Events", slug="events")
    # CodeRed's default order ("next_occurrence", set by the page model itself)
    # is not among its field's choices, so that the page does not validate.
    index.full_clean = lambda *args, **kwargs: None
    index = home.add_child(instance=index)
    now = timezone.now()
    today = timezone.localdate()
    content_type = ContentType.objects.get_for_model(EventPage)
    pages, plans = [], []
    for n in range(count):
        day = today + datetime.timedelta(days=n % 360 - 180)
        start = datetime.datetime(
            day.year, day.month, day.day, 9 + n % 9, tzinfo=zone
        ).astimezone(datetime.UTC)
        weekly = bool(n % 2)
        plans.append((start, weekly, day + datetime.timedelta(weeks=25)))
        pages.append(
            live_child(index, n, f"event-{n}", f"Event {n}", content_type, now)
        )
    ids = create_children(index, pages)
    events, occurrences = [], []
    parent_links = [
        field.attname for field in EventPage._meta.parents.values() if field
    ]
    for page, (start, weekly, until) in zip(pages, plans, strict=True):
        pk = ids[page.path]
        event = EventPage(title=page.title, slug=page.slug)
        event.id = event.page_ptr_id = pk
        for attname in parent_links:
            setattr(event, attname, pk)
        events.append(event)
        occurrences.append(
            EventOccurrence(
                event_id=pk,
                sort_order=0,
                start=start,
                end=start + datetime.timedelta(hours=2),
                repeat="RRULE:FREQ=WEEKLY" if weekly else "",
                repeat_until=until if weekly else None,
            )
        )
    _insert(EventPage, events, connection)
    Page.objects.filter(pk=index.pk).update(numchild=len(pages))
    EventOccurrence.objects.bulk_create(occurrences, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    weekly_event = EventPage.objects.get(pk=ids[pages[1].path])
    return index, weekly_event


def measure(client, method, url, data, repeat):
    """Median time and processor time (ms), SQL queries and bytes of ``repeat``
    requests."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    send = getattr(client, method)
    response = send(url, data)  # warm caches
    assert response.status_code == 200, (url, response.status_code)
    timings, cpu = [], []
    for _ in range(repeat):
        # Django keeps at most 9,000 queries: a full log counts none.
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = send(url, data)
            timings.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        assert response.status_code == 200
    return {
        "ms": statistics.median(timings) * 1000,
        "cpu_ms": statistics.median(cpu) * 1000,
        "queries": len(ctx.captured_queries),
        "bytes": len(response.content),
        "vevents": response.content.count(b"BEGIN:VEVENT"),
    }


REQUESTS = ("index", "month", "feed", "file")


def run(count, month, repeat, requests=REQUESTS):
    import coderedcms
    import django
    import wagtail
    from django.test import Client

    first = datetime.date.fromisoformat(f"{month}-01")
    after = (first + datetime.timedelta(days=32)).replace(day=1)
    started = time.perf_counter()
    index, weekly = build(count)
    print(
        f"  CodeRed: {count:,} events built in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    client = Client()
    # From 5,000 events on the index, the month and the feed are timed once:
    # CodeRed's take minutes. One event's file takes milliseconds at any size.
    heavy = 1 if count >= 5000 else repeat
    requests_ = {
        "index": ("get", index.url, {}),
        "month": (
            "get",
            "/ajax/calendar/events/",
            {"pid": index.pk, "start": f"{first}", "end": f"{after}"},
        ),
        "feed": ("post", "/ical/generate/calendar/", {"page_id": index.pk}),
        "file": ("post", "/ical/generate/recurring/", {"event_pk": weekly.pk}),
    }
    version = getattr(coderedcms, "__version__", "")
    results = {
        "versions": f"CodeRed CMS {version}, Wagtail {wagtail.__version__}, "
        f"Django {django.__version__}",
        "load": os.getloadavg(),
    }
    for name in requests:
        method, url, data = requests_[name]
        times = repeat if name == "file" else heavy
        results[name] = measure(client, method, url, data, times)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--month", default=f"{datetime.date.today():%Y-%m}")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--requests",
        nargs="*",
        choices=REQUESTS,
        default=REQUESTS,
        help="which requests to time (all four by default)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="codered-bench-") as tmp:
        folder = Path(tmp)
        _project(folder)
        sys.path.insert(0, str(folder))
        os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA journal_mode = MEMORY")
        call_command("migrate", verbosity=0)
        results = run(args.events, args.month, args.repeat, args.requests)
    json.dump(results, sys.stdout)
    print()


if __name__ == "__main__":
    main()
