"""What the stack's tests ask of its database, run as ``python -m
tests.stack.probe <command>`` in the stack's environment (the example site's
settings, the stack's ``DATABASE_URL``): the tests' own process runs on the
test settings and never opens the stack's database. Each command prints JSON.

* ``event --capacity N [--waiting-list]``: a new event a month ahead, with a
  registration form of N places; its address and key.
* ``report <page id>``: the event's registrations (status, time of creation,
  place on the waiting list), the outbox's deliveries of each, and the task
  worker's results of the delivery tasks.
* ``settled <page id> <registrations> [kind=N ...]``: the report once the event
  has that many registrations and the worker has finished every e-mail of them,
  at least N of each kind given; asked again in this process every 0.1 s (a
  test waits without starting Django anew for each look).
* ``enqueue``: the package's periodic tasks enqueued (after their transaction
  commits), for the worker; their result ids.
* ``results <id>... [--finished]``: those tasks' status and the workers that ran
  them; with ``--finished``, once every one has finished.
"""

import argparse
import collections
import datetime
import json
import os
import subprocess
import sys
import time
import uuid


def ask(stack, *args):
    """Run this module in ``stack``'s environment; its JSON answer."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.stack.probe", *map(str, args)],
        env=stack.env,
        cwd=stack_root(),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise AssertionError(f"probe {args} failed:\n{done.stderr}")
    return json.loads(done.stdout)


def stack_root():
    from deploy.stack import ROOT

    return ROOT


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")
    import django

    django.setup()


def event(args):
    from django.utils import timezone

    from tests import factories

    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=30)
    form = factories.registration_form(
        capacity=args.capacity, waiting_list=args.waiting_list
    )
    # The stack's database outlives a run: each event under an index of its own.
    unique = uuid.uuid4().hex[:12]
    index = factories.event_index(title=f"Events {unique}", slug=f"events-{unique}")
    conference = factories.conference(index, start, start + datetime.timedelta(hours=8))
    page = factories.workshop(
        conference, start, start + datetime.timedelta(hours=1), registration_form=form
    )
    return {
        "id": page.pk,
        "url": page.url,
        "key": str(page.translation_key),
        # The host Wagtail's purges name (a front-end cache keys on it).
        "host": page.get_full_url().split("/")[2],
    }


def report(args):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from wagtail_events.models import Delivery, EventPage, Registration
    from wagtail_events.registration import availability

    page = EventPage.objects.get(pk=args.page)
    rows = Registration.objects.filter(event_key=page.translation_key).order_by(
        "created_at", "pk"
    )
    deliveries = {}
    for delivery in Delivery.objects.filter(event_key=page.translation_key):
        deliveries.setdefault(str(delivery.registration_id), []).append(
            {"id": delivery.pk, "kind": delivery.kind, "status": delivery.status}
        )
    delivery_ids = {d["id"] for ds in deliveries.values() for d in ds}
    # The stack's database keeps the tasks of every run: only those enqueued
    # since this event's first registration are read.
    first = rows.values_list("created_at", flat=True).first()
    tasks = [
        {"status": result.status, "workers": result.worker_ids}
        for result in DBTaskResult.objects.filter(
            task_path="wagtail_events.tasks.deliver_message",
            enqueued_at__gte=first or timezone.now(),
        )
        if result.args_kwargs["args"][0] in delivery_ids
    ]
    return {
        "registrations": [
            {
                "id": r.pk,
                "email": r.email,
                "status": r.status,
                "created_at": r.created_at.isoformat(),
                "position": availability.waiting_position(r)
                if r.status == "waiting"
                else None,
            }
            for r in rows
        ],
        "deliveries": deliveries,
        "delivery_tasks": tasks,
    }


FINAL = ("sent", "failed", "not_sent")
# How long ``settled`` and ``results --finished`` wait before giving up.
WAIT_SECONDS = 120


def _poll(look, what):
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        found = look()
        if found:
            return found
        if time.monotonic() > deadline:
            raise SystemExit(f"{what} did not happen in {WAIT_SECONDS} s")
        time.sleep(0.1)


def settled(args):
    wanted = dict(kind.split("=") for kind in args.kinds)

    def look():
        found = report(args)
        deliveries = [d for ds in found["deliveries"].values() for d in ds]
        if len(found["registrations"]) < args.registrations or not deliveries:
            return None
        if any(d["status"] not in FINAL for d in deliveries):
            return None
        kinds = collections.Counter(d["kind"] for d in deliveries)
        if any(kinds[kind] < int(n) for kind, n in wanted.items()):
            return None
        return found

    return _poll(look, "the task worker's e-mails")


def enqueue(args):
    from django.db import transaction

    from wagtail_events import tasks

    ids = []
    with transaction.atomic():
        for task in (
            tasks.send_due_messages,
            tasks.extend_occurrences,
            tasks.erase_expired_registrations,
        ):
            ids.append(str(task.enqueue().id))
    return ids


def results(args):
    from django_tasks_db.models import DBTaskResult

    def look():
        found = {
            str(result.id): {
                "task": result.task_path,
                "status": result.status,
                "workers": result.worker_ids,
                "return_value": result.return_value,
            }
            for result in DBTaskResult.objects.filter(id__in=args.ids)
        }
        finished = len(found) == len(args.ids) and all(
            r["status"] in ("SUCCESSFUL", "FAILED") for r in found.values()
        )
        return found if finished or not args.finished else None

    return _poll(look, "the periodic tasks")


def main(argv):
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    made = commands.add_parser("event")
    made.add_argument("--capacity", type=int, required=True)
    made.add_argument("--waiting-list", action="store_true")
    made.set_defaults(run=event)
    reported = commands.add_parser("report")
    reported.add_argument("page", type=int)
    reported.set_defaults(run=report)
    waited = commands.add_parser("settled")
    waited.add_argument("page", type=int)
    waited.add_argument("registrations", type=int)
    waited.add_argument("kinds", nargs="*")
    waited.set_defaults(run=settled)
    commands.add_parser("enqueue").set_defaults(run=enqueue)
    asked = commands.add_parser("results")
    asked.add_argument("ids", nargs="+")
    asked.add_argument("--finished", action="store_true")
    asked.set_defaults(run=results)
    args = parser.parse_args(argv)
    _setup()
    print(json.dumps(args.run(args)))


if __name__ == "__main__":
    main(sys.argv[1:])
