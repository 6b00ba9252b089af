"""What runs besides the web processes, on the stack: every line of
``deploy/crontab`` runs as cron runs it (``/bin/sh -c``, the crontab's
variables, ``MANAGE`` the checkout's ``manage.py``) and succeeds; and the
package's periodic tasks, enqueued, are run by the task worker."""

import pytest

from deploy.stack import read_crontab
from tests.stack.conftest import probe, wait_until


pytestmark = pytest.mark.stack


def test_every_crontab_line_runs(stack):
    _variables, jobs = read_crontab()
    assert jobs
    for job in jobs:
        result = stack.run_job(job)
        assert result.returncode == 0, (job.line, result.stdout, result.stderr)


def test_the_worker_runs_the_periodic_tasks(stack):
    ids = probe(stack, "enqueue")

    def finished():
        results = probe(stack, "results", *ids)
        done = all(r["status"] in ("SUCCESSFUL", "FAILED") for r in results.values())
        return results if len(results) == len(ids) and done else None

    results = wait_until(finished)
    assert {r["task"].rsplit(".", 1)[1] for r in results.values()} == {
        "send_due_messages",
        "extend_occurrences",
        "erase_expired_registrations",
    }
    assert {r["status"] for r in results.values()} == {"SUCCESSFUL"}
    assert {w for r in results.values() for w in r["workers"]} == {"stack-worker-1"}
