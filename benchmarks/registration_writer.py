"""How long one registration holds its event's lock, and how many SQL queries it
runs while it does: the section that serialises the registrations of one event,
whatever the number of web processes (``writer.register``).

Run from the repository root:
    python benchmarks/registration_writer.py [--registrations N] [--sessions N]

It uses the test settings on a throwaway database (SQLite, or a ``test_<name>``
copy when DATABASE_URL names PostgreSQL: only PostgreSQL shows the lock as a
production site has it), builds a conference with a registration form (places
for half the registrants, a waiting list, four questions) and ``--sessions``
sessions with forms of their own (a few places and a waiting list each), and
POSTs N registrations one after the other through Django's test client, each
choosing every session. The locked section is timed from ``keys.lock_all`` (as
the writer calls it) to the commit, in-process; its queries are counted. The
table gives the median and 95th percentile per registration, and the share of
the POST spent under the lock: what bounds one event's registrations a minute
(60,000 / milliseconds under the lock), on any number of cores.
"""

import argparse
import contextlib
import datetime
import io
import os
import statistics
import time

from harness import run_with_throwaway_database


def build(registrants, sessions):
    from django.utils import timezone

    from tests import factories as f

    start = timezone.now() + datetime.timedelta(days=60)
    questions = f.typical_questions()
    form = f.registration_form(
        questions, capacity=max(1, registrants // 2), waiting_list=True
    )
    conf = f.conference(
        f.event_index(),
        start=start,
        end=start + datetime.timedelta(hours=10),
        registration_form=form,
    )
    for i in range(sessions):
        begins = start + datetime.timedelta(hours=1 + i)
        f.workshop(
            conf,
            begins,
            begins + datetime.timedelta(minutes=50),
            registration_form=f.registration_form(capacity=3, waiting_list=True),
        )
    return conf


class LockTimer:
    """Wraps ``writer.lock_all``: from the lock to the commit (the first
    on-commit callback, registered as the lock is taken), the time and the
    queries of each registration."""

    def __init__(self, connection):
        self.connection = connection
        self.locked = []
        self.queries = []

    def install(self):
        from django.db import transaction

        from wagtail_events.registration import writer

        original = writer.lock_all

        def lock_all(*args, **kwargs):
            started = time.perf_counter()
            before = len(self.connection.queries)

            def committed():
                self.locked.append(time.perf_counter() - started)
                self.queries.append(len(self.connection.queries) - before)

            transaction.on_commit(committed)
            return original(*args, **kwargs)

        writer.lock_all = lock_all


def run(args):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from wagtail_events.models import Registration
    from wagtail_events.registration.session_choices import session_options

    conf = build(args.registrations, args.sessions)
    values = [option.value for option in session_options(conf)]
    url = conf.url + conf.reverse_subpage("register")
    timer = LockTimer(connection)
    timer.install()
    client = Client()
    client.get(url)  # warm: templates, caches
    totals, queries = [], []
    for i in range(args.registrations):
        data = {
            "name": f"Person {i}",
            "email": f"person{i}@example.org",
            "q_organisation": "VVSG",
            "q_role": "Officer",
            "q_diet": "Vegan",
            "q_remarks": "None",
            "privacy_accepted": "on",
            "sessions": values,
        }
        # The test settings print the e-mails: not what is measured here.
        with (
            CaptureQueriesContext(connection) as captured,
            contextlib.redirect_stdout(io.StringIO()),
        ):
            started = time.perf_counter()
            response = client.post(url, data, REMOTE_ADDR=f"10.0.{i // 250}.{i % 250}")
            totals.append(time.perf_counter() - started)
        queries.append(len(captured.captured_queries))
        assert response.status_code == 302, (response.status_code, i)
    made = Registration.objects.filter(parent=None).count()
    assert made == args.registrations, made
    locked = timer.locked
    assert len(locked) == args.registrations, len(locked)

    def ms(values, q):
        if q == 50:
            return statistics.median(values) * 1000
        return statistics.quantiles(values, n=100)[q - 1] * 1000

    print(
        f"\n{args.registrations} registrations, {args.sessions} sessions each, "
        f"{connection.vendor}, load average {os.getloadavg()[0]:.1f}\n"
    )
    print("| | p50 | p95 | queries (median, first) |")
    print("|---|---:|---:|---:|")
    print(
        f"| Under the event's lock | {ms(locked, 50):,.1f} ms | {ms(locked, 95):,.1f} ms"
        f" | {statistics.median(timer.queries):.0f}, {timer.queries[0]} |"
    )
    outside = [t - held for t, held in zip(totals, locked, strict=True)]
    rest = [q - held for q, held in zip(queries, timer.queries, strict=True)]
    print(
        f"| Rest of the POST | {ms(outside, 50):,.1f} ms | {ms(outside, 95):,.1f} ms"
        f" | {statistics.median(rest):.0f}, {rest[0]} |"
    )
    print(
        f"| Whole POST | {ms(totals, 50):,.1f} ms | {ms(totals, 95):,.1f} ms"
        f" | {statistics.median(queries):.0f}, {queries[0]} |"
    )
    share = sum(locked) / sum(totals)
    ceiling = 60 / statistics.median(locked)
    print(
        f"\nUnder the lock: {share:.0%} of the POST's time; one event's ceiling "
        f"at this median: {ceiling:,.0f} registrations a minute."
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--registrations", type=int, default=100)
    parser.add_argument("--sessions", type=int, default=3)
    run_with_throwaway_database(run, parser.parse_args())
