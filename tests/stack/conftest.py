"""The production stack of docs/deployment.md, started once for these tests by
``deploy/stack.py`` (the script ``make stack`` runs): gunicorn with 4 worker
processes of 4 threads, a Redis server of its own, the task worker, on a
PostgreSQL database of its own (``<database>_stack`` next to the one
``POSTGRES_URL`` or ``DATABASE_URL`` names, created when missing and migrated by
the stack as every deployment is). Marked ``stack``: the `stack` nox session
runs them; the others deselect them. Their figures are printed at the end of
the run (``figures``)."""

import pytest

from deploy.stack import Stack, stack_database_url
from tests.stack.probe import ask


FIGURES = pytest.StashKey[list]()


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    mail = tmp_path_factory.mktemp("mail")
    server = Stack(
        stack_database_url(),
        web_workers=4,
        web_threads=4,
        task_workers=1,
        periodic=False,
        env={
            "EMAIL_FILE_PATH": str(mail),
            # A load of its own per visitor address is not what these tests
            # measure; tests/stack/test_rate_limit.py measures the limit.
            "WAGTAIL_EVENTS_REGISTRATION_RATE_LIMIT": "100000",
        },
    )
    server.mail_dir = mail
    server.start()
    try:
        yield server
    finally:
        server.stop()


def probe(stack, *args):
    """``tests.stack.probe`` in the stack's environment; its JSON answer."""
    return ask(stack, *args)


@pytest.fixture
def figures(request):
    """Append (title, rows) to print them in the run's summary."""
    return request.config.stash.setdefault(FIGURES, [])


def pytest_terminal_summary(terminalreporter, config):
    collected = config.stash.get(FIGURES, [])
    if not collected:
        return
    terminalreporter.section("the stack's figures")
    for title, rows in collected:
        terminalreporter.write_line(title)
        for row in rows:
            terminalreporter.write_line(f"  {row}")
