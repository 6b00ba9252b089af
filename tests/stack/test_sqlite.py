"""The example site on its default database, SQLite, behind gunicorn with several
worker processes: a hundred visitors register at the same moment. No answer is
a server error: each waits for the write lock (the settings' ``IMMEDIATE``
transactions and ``timeout``) or is asked to try again (503, ``busy.html``);
every registration accepted is stored, and the places are never exceeded."""

import collections

import pytest

from deploy.stack import Stack
from tests.stack import visitors
from tests.stack.conftest import probe


pytestmark = pytest.mark.stack

VISITORS = 100
PLACES = 30


def test_a_hundred_visitors_on_sqlite_get_no_server_error(tmp_path, figures):
    with Stack(
        f"sqlite:///{tmp_path / 'site.sqlite3'}",
        web_workers=4,
        web_threads=4,
        # The e-mails wait in the database: what is measured is the web.
        task_workers=0,
        periodic=False,
        data_dir=tmp_path / "data",
        env={
            "EMAIL_FILE_PATH": str(tmp_path / "mail"),
            "WAGTAIL_EVENTS_REGISTRATION_RATE_LIMIT": "100000",
        },
    ) as stack:
        page = probe(stack, "event", "--capacity", PLACES, "--waiting-list")
        answers, seconds = visitors.all_at_once(
            [
                lambda n=n: visitors.register(stack.url(""), page["url"], n)
                for n in range(VISITORS)
            ]
        )
        report = probe(stack, "report", page["id"])
    statuses = collections.Counter(a.status for a in answers)
    assert set(statuses) <= {302, 503}, (statuses, stack.log("web")[-3000:])
    for answer in answers:
        if answer.status == 503:
            assert "please try again" in answer.text
    rows = report["registrations"]
    assert len(rows) == statuses[302]
    held = collections.Counter(r["status"] for r in rows)
    assert held["confirmed"] == min(PLACES, len(rows))
    figures.append(
        (
            f"SQLite, {VISITORS} visitors at once, 4 web processes x 4 threads",
            [
                f"{statuses[302]} registered, {statuses[503]} asked to try again "
                f"(503), 0 server errors, in {seconds:.1f} s"
            ],
        )
    )
