"""What one registration costs the web and the task worker, whatever the load:
the SQL queries and the processor time (``time.process_time()``, the process's
own CPU: other jobs on the machine do not bend it, unlike wall time) of each
request of a visit (the event page with the form, the POST, the ``?done``
result it redirects to) and of the worker's task that sends the registration's
e-mail.

Run from the repository root:
    DATABASE_URL=postgres://... python benchmarks/registration_post.py [--registrations N]
    python benchmarks/registration_post.py --queries       # each request's SQL
    python benchmarks/registration_post.py --profile post  # cProfile of the POSTs
    python benchmarks/registration_post.py --sessions db   # sessions in the database

It uses the test settings with the database task backend of the stack
(django-tasks-db, ``TASKS_BACKEND=database``) on a throwaway database (SQLite,
or a ``test_<name>`` copy when DATABASE_URL names PostgreSQL), builds the load
test's event (a workshop of a conference, places for half the registrants and a
waiting list) with a typical form (four questions: two lines of text, a
choice, a longer text), and then, N times, as the stack's visitors do: opens the
page, sends the form, reads the result; then runs each queued task as
``db_worker`` does (claim, run, store the result). The table gives the median of
each; the first registrations (templates and caches warming up) are left out.
"""

import argparse
import contextlib
import cProfile
import datetime
import io
import os
import pstats
import re
import statistics
import time

from harness import run_with_throwaway_database


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
WARM_UP = 3


def build(registrants):
    from django.utils import timezone

    from tests import factories as f

    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=30)
    questions = f.typical_questions()
    form = f.registration_form(
        questions, capacity=max(1, registrants // 2), waiting_list=True
    )
    conference = f.conference(
        f.event_index(), start, start + datetime.timedelta(hours=8)
    )
    return f.workshop(
        conference, start, start + datetime.timedelta(hours=1), registration_form=form
    )


class Meter:
    """Queries and processor time of each named step, one list per step."""

    def __init__(self, connection, show_queries=False, profile=None):
        self.connection = connection
        self.queries = {}
        self.cpu = {}
        self.show_queries = show_queries
        self.profile = profile
        self.profiler = cProfile.Profile() if profile else None

    @contextlib.contextmanager
    def step(self, name, keep=True):
        from django.test.utils import CaptureQueriesContext

        profiling = self.profiler is not None and keep and name == self.profile
        with (
            CaptureQueriesContext(self.connection) as captured,
            contextlib.redirect_stdout(io.StringIO()),
        ):
            if profiling:
                self.profiler.enable()
            started = time.process_time()
            yield
            cpu = time.process_time() - started
            if profiling:
                self.profiler.disable()
        if not keep:
            return
        self.queries.setdefault(name, []).append(len(captured.captured_queries))
        self.cpu.setdefault(name, []).append(cpu * 1000)
        if self.show_queries and len(self.queries[name]) == 1:
            print(f"\n## {name}: {len(captured.captured_queries)} queries\n")
            for number, query in enumerate(captured.captured_queries, 1):
                print(f"{number:3}. {query['sql'][:300]}")


def run_tasks(meter, keep):
    """Every queued task, as django-tasks-db's ``db_worker`` runs them: claim
    one in a transaction, run it, store its result; one step per task, named by
    the task."""
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    while True:
        with transaction.atomic():
            found = DBTaskResult.objects.ready().get_locked()
            if found is None:
                return
            name = found.task_path.rsplit(".", 1)[-1]
        with meter.step(f"task {name}", keep):
            with transaction.atomic():
                task_result = DBTaskResult.objects.ready().get_locked()
                task_result.claim("bench-worker")
            task = task_result.task
            args = task_result.task_result
            task_result.set_successful(task.call(*args.args, **args.kwargs))


def visit(client, meter, page_url, number, keep):
    from tests import factories as f

    register = page_url + "register/"
    with meter.step("GET event page", keep):
        page = client.get(page_url)
    # The event page carries no token (registration.same_origin): a browser's
    # Sec-Fetch-Site says where the POST comes from. A page that has one
    # (register/ reached after Wagtail's URLs, W170) gets it back.
    match = CSRF.search(page.content.decode())
    token = {"csrfmiddlewaretoken": match.group(1)} if match else {}
    data = {**token, **f.typical_answers(number)}
    with meter.step("POST register/", keep):
        response = client.post(
            register,
            data,
            REMOTE_ADDR=f"10.1.{number // 250}.1",
            HTTP_SEC_FETCH_SITE="same-origin",
        )
    assert response.status_code == 302, response.status_code
    with meter.step("GET ?done", keep):
        done = client.get(response["Location"])
    assert done.status_code == 200, done.status_code
    run_tasks(meter, keep)


def run(args):
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from wagtail_events.models import Delivery, Registration

    total = args.registrations + WARM_UP
    page = build(total)
    meter = Meter(connection, args.queries, args.profile)
    # Sessions as the stack keeps them: in Redis (here the local cache stands
    # in for it); ``--sessions db``: in the database, as before.
    engine = f"django.contrib.sessions.backends.{args.sessions}"
    with override_settings(
        WAGTAIL_EVENTS_REGISTRATION_RATE_LIMIT=10**6, SESSION_ENGINE=engine
    ):
        for number in range(total):
            # A new visitor each time: no cookies, as in the load test.
            client = Client(enforce_csrf_checks=True)
            visit(client, meter, page.url, number, keep=number >= WARM_UP)
    assert Registration.objects.filter(page=page).count() == total
    assert Delivery.objects.filter(status="sent").count() == total

    print(
        f"\n{args.registrations} registrations (after {WARM_UP} to warm up), "
        f"{connection.vendor}, sessions: {args.sessions}, "
        f"load average {os.getloadavg()[0]:.1f}\n"
    )
    print("| Step | Queries | CPU, median (ms) | CPU, p90 (ms) |")
    print("|---|---:|---:|---:|")
    for name, queries in meter.queries.items():
        cpu = meter.cpu[name]
        p90 = statistics.quantiles(cpu, n=10)[-1] if len(cpu) > 1 else cpu[0]
        shown = f"{min(queries)}" + (
            f"-{max(queries)}" if max(queries) != min(queries) else ""
        )
        print(f"| {name} | {shown} | {statistics.median(cpu):.1f} | {p90:.1f} |")
    if meter.profiler is not None:
        out = io.StringIO()
        stats = pstats.Stats(meter.profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(args.top)
        print(out.getvalue())


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--registrations", type=int, default=30)
    parser.add_argument("--queries", action="store_true", help="print each SQL")
    parser.add_argument(
        "--profile",
        choices=["post", "done", "page", "task"],
        help="cProfile one step (its cumulative times)",
    )
    parser.add_argument("--top", type=int, default=60)
    parser.add_argument("--sessions", choices=["cache", "db"], default="cache")
    args = parser.parse_args()
    if args.profile:
        args.profile = {
            "post": "POST register/",
            "done": "GET ?done",
            "page": "GET event page",
            "task": "task deliver_message",
        }[args.profile]
    # The stack's task backend: the POST enqueues, the worker sends.
    os.environ["TASKS_BACKEND"] = "database"
    run_with_throwaway_database(run, args)
