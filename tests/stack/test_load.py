"""Registration under load, through the production stack: 200 visitors register
at the same moment for one event with 50 places and a waiting list, then 20 of
those holding a place cancel at the same moment, by the link in their e-mail.

Through gunicorn's worker processes, the Redis cache and the task worker: exactly
50 places held, the waiting list in the order of registering, the freed places
given to the first 20 waiting, no server error, and every registration stored
and e-mailed once, by the worker (the web processes only enqueue)."""

import collections
import statistics

import pytest

from tests.stack import visitors
from tests.stack.conftest import probe


pytestmark = pytest.mark.stack

VISITORS = 200
PLACES = 50
CANCELLING = 20


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def test_two_hundred_visitors_fifty_places(stack, figures):
    page = probe(stack, "event", "--capacity", PLACES, "--waiting-list")
    base = stack.url("")

    answers, seconds = visitors.all_at_once(
        [lambda n=n: visitors.register(base, page["url"], n) for n in range(VISITORS)]
    )
    statuses = collections.Counter(a.status for a in answers)
    assert statuses == {302: VISITORS}, (statuses, stack.log("web")[-3000:])
    assert {a.final_status for a in answers} == {200}

    report = probe(stack, "settled", page["id"], VISITORS)
    rows = report["registrations"]
    assert len(rows) == VISITORS
    assert len({r["email"] for r in rows}) == VISITORS
    # Exactly the places; the first fifty to register hold them, the others
    # wait in the order they registered.
    assert [r["status"] for r in rows] == ["confirmed"] * PLACES + ["waiting"] * (
        VISITORS - PLACES
    )
    assert [r["position"] for r in rows[PLACES:]] == list(
        range(1, VISITORS - PLACES + 1)
    )
    # Each registration e-mailed once, by the worker.
    mails = visitors.read_emails(stack.mail_dir)
    to = collections.Counter(visitors.recipient(m) for m in mails)
    assert len(mails) == VISITORS
    assert set(to.values()) == {1}
    assert set(to) == {r["email"] for r in rows}
    kinds = collections.Counter(
        d["kind"] for ds in report["deliveries"].values() for d in ds
    )
    assert kinds == {"confirmation": VISITORS}
    assert {d["status"] for ds in report["deliveries"].values() for d in ds} == {"sent"}
    tasks = report["delivery_tasks"]
    assert len(tasks) == VISITORS
    assert {t["status"] for t in tasks} == {"SUCCESSFUL"}
    assert {w for t in tasks for w in t["workers"]} == {"stack-worker-1"}

    register_seconds = [a.seconds for a in answers]
    figures.append(
        (
            f"{VISITORS} visitors at once, one event of {PLACES} places "
            "(gunicorn 4 processes x 4 threads, Redis, PostgreSQL, db_worker)",
            [
                f"all answered in {seconds:.1f} s: "
                f"{VISITORS / seconds * 60:.0f} registrations a minute",
                f"POST latency p50 {statistics.median(register_seconds) * 1000:.0f} ms,"
                f" p95 {percentile(register_seconds, 0.95) * 1000:.0f} ms, "
                f"p99 {percentile(register_seconds, 0.99) * 1000:.0f} ms",
                f"server errors 0, places held {PLACES} of {PLACES}, "
                f"e-mails {len(mails)} (one each)",
            ],
        )
    )

    # Twenty of those holding a place cancel at once, by their e-mail's link.
    holders = {r["email"] for r in rows[:PLACES]}
    tokens = [
        visitors.link_token(m) for m in mails if visitors.recipient(m) in holders
    ][:CANCELLING]
    assert len(tokens) == CANCELLING and all(tokens)
    answers, cancel_seconds = visitors.all_at_once(
        [lambda t=t: visitors.cancel(base, page["url"], t) for t in tokens]
    )
    # The registrant's page answers a cancellation with its result (no
    # redirect: the registration it shows is gone).
    assert collections.Counter(a.status for a in answers) == {200: CANCELLING}

    report = probe(
        stack,
        "settled",
        page["id"],
        VISITORS,
        f"promoted={CANCELLING}",
        f"cancelled={CANCELLING}",
    )
    by_id = {r["id"]: r for r in report["registrations"]}
    before = rows
    cancelled = [r for r in before if by_id[r["id"]]["status"] == "cancelled"]
    assert len(cancelled) == CANCELLING
    assert {r["email"] for r in cancelled} <= holders
    # The freed places went to the first twenty waiting, in their order.
    promoted = [
        r["id"] for r in before[PLACES:] if by_id[r["id"]]["status"] == "confirmed"
    ]
    assert promoted == [r["id"] for r in before[PLACES : PLACES + CANCELLING]]
    now = collections.Counter(r["status"] for r in report["registrations"])
    assert now == {
        "confirmed": PLACES,
        "cancelled": CANCELLING,
        "waiting": VISITORS - PLACES - CANCELLING,
    }
    still_waiting = [by_id[r["id"]] for r in before[PLACES + CANCELLING :]]
    assert [r["position"] for r in still_waiting] == list(
        range(1, VISITORS - PLACES - CANCELLING + 1)
    )
    # One e-mail per change: a confirmation each, a cancellation to each who
    # cancelled, a promotion to each promoted; all sent, none twice.
    per_registration = collections.Counter(
        (registration, d["kind"])
        for registration, ds in report["deliveries"].items()
        for d in ds
    )
    assert set(per_registration.values()) == {1}
    kinds = collections.Counter(kind for _, kind in per_registration)
    assert kinds == {
        "confirmation": VISITORS,
        "cancelled": CANCELLING,
        "promoted": CANCELLING,
    }
    assert {d["status"] for ds in report["deliveries"].values() for d in ds} == {"sent"}
    assert len(visitors.read_emails(stack.mail_dir)) == VISITORS + 2 * CANCELLING
    figures.append(
        (
            f"{CANCELLING} cancellations at once",
            [
                f"answered in {cancel_seconds:.1f} s; {CANCELLING} promoted in "
                "order; server errors 0"
            ],
        )
    )
