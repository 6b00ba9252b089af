"""What the stack's tests ask of its database, run as ``python -m
tests.stack.probe <command>`` in the stack's environment (the example site's
settings, the stack's ``DATABASE_URL``): the tests' own process runs on the
test settings and never opens the stack's database. Each command prints JSON.

* ``event --capacity N [--waiting-list]``: a new event a month ahead, with a
  registration form of N places; its address and key.
* ``report <page id>``: the event's registrations (status, time of creation,
  place on the waiting list), the outbox's deliveries of each, and the task
  worker's results of the delivery tasks.
* ``enqueue``: the package's periodic tasks enqueued (after their transaction
  commits), for the worker; their result ids.
* ``results <id>...``: those tasks' status and the workers that ran them.
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
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
    return {"id": page.pk, "url": page.url, "key": str(page.translation_key)}


def report(args):
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
    tasks = [
        {"status": result.status, "workers": result.worker_ids}
        for result in DBTaskResult.objects.filter(
            task_path="wagtail_events.tasks.deliver_message"
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

    return {
        str(result.id): {
            "task": result.task_path,
            "status": result.status,
            "workers": result.worker_ids,
            "return_value": result.return_value,
        }
        for result in DBTaskResult.objects.filter(id__in=args.ids)
    }


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
    commands.add_parser("enqueue").set_defaults(run=enqueue)
    asked = commands.add_parser("results")
    asked.add_argument("ids", nargs="+")
    asked.set_defaults(run=results)
    args = parser.parse_args(argv)
    _setup()
    print(json.dumps(args.run(args)))


if __name__ == "__main__":
    main(sys.argv[1:])
