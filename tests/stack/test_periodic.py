"""What runs besides the web processes, on the stack: every line of
``deploy/crontab`` runs as cron runs it (``/bin/sh -c``, the crontab's
variables, ``MANAGE`` the checkout's ``manage.py``) and succeeds; and the
package's periodic tasks, enqueued, are run by the task worker."""

import concurrent.futures

import pytest

from deploy.stack import read_crontab
from tests.stack.conftest import probe


pytestmark = pytest.mark.stack


def test_every_crontab_line_runs(stack):
    _variables, jobs = read_crontab()
    assert jobs
    # At the same time, as cron starts the lines due in the same minute: each
    # a process of its own.
    with concurrent.futures.ThreadPoolExecutor(len(jobs)) as pool:
        done = list(pool.map(stack.run_job, jobs))
    for job, result in zip(jobs, done, strict=True):
        assert result.returncode == 0, (job.line, result.stdout, result.stderr)


def test_the_worker_runs_the_periodic_tasks(stack):
    ids = probe(stack, "enqueue")

    results = probe(stack, "results", *ids, "--finished")
    assert {r["task"].rsplit(".", 1)[1] for r in results.values()} == {
        "send_due_messages",
        "extend_occurrences",
        "erase_expired_registrations",
    }
    assert {r["status"] for r in results.values()} == {"SUCCESSFUL"}
    assert {w for r in results.values() for w in r["workers"]} == {"stack-worker-1"}
