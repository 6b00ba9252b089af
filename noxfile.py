"""The test matrix: each supported Wagtail/Django pair, on SQLite and PostgreSQL,
plus lint, docs, migrations, the browser tests and the packaged wheel.
``make test`` runs them all; ``nox -l`` lists them.

Nothing here may pass by doing nothing: pytest's "no tests collected" (exit 5)
fails a session, skipped tests fail (WAGTAIL_EVENTS_FORBID_SKIPS, see
tests/conftest.py), a PostgreSQL session fails when it cannot reach the server,
and the browser session fails when Chromium is missing.
"""

import os
import shutil
from pathlib import Path

import nox


nox.options.default_venv_backend = "uv"
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = True
nox.options.sessions = [
    "lint",
    "tests",
    "migrations",
    "browser",
    "stack",
    "docs",
    "package",
]

ROOT = Path(__file__).resolve().parent
PYTHON = "3.13"
# (Wagtail, Django): the pairs the package supports.
STACKS = {
    "wagtail80": ("wagtail>=8.0,<8.1", "django>=6.1,<6.2"),
    "wagtail74": ("wagtail>=7.4,<7.5", "django>=5.2,<5.3"),
}
NEWEST_STACK = next(iter(STACKS))
POSTGRES_URL = os.environ.get(
    "POSTGRES_URL",
    "postgres://wagtail_events:wagtail_events@127.0.0.1:5432/wagtail_events",
)
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# axe-core and the Nu HTML Checker, from npm (tests/browser/test_accessibility.py).
A11Y_TOOLS = ROOT / "tests" / "browser" / "tools"


def install(session, stack, *extras):
    wagtail, django = STACKS[stack]
    extras_spec = ",".join(("testing", *extras))
    session.install("-e", f".[{extras_spec}]", wagtail, django)
    session.run(
        "python",
        "-c",
        "import django, wagtail; "
        "print(f'Wagtail {wagtail.__version__}, Django {django.__version__}')",
        silent=False,
    )


def pytest(session, *args, env):
    """Run pytest; any exit but 0 fails the session (5, "no tests collected",
    included), and a skipped test counts as a failure."""
    session.run(
        "pytest",
        "-ra",
        "--durations=5",
        *args,
        *session.posargs,
        env={"WAGTAIL_EVENTS_FORBID_SKIPS": "1", **env},
        success_codes=[0],
    )


def require_postgres(session):
    """Fail, never skip, when PostgreSQL is unreachable."""
    session.run(
        "python",
        "-c",
        "import sys, psycopg\n"
        "try:\n"
        "    psycopg.connect(sys.argv[1], connect_timeout=10).close()\n"
        "except Exception as exc:\n"
        "    sys.exit(f'PostgreSQL is unreachable at POSTGRES_URL: {exc}')\n"
        "print('PostgreSQL reachable')",
        POSTGRES_URL,
    )


@nox.session(python=PYTHON)
@nox.parametrize("stack", list(STACKS))
@nox.parametrize("db", ["sqlite", "postgres"])
def tests(session, stack, db):
    install(session, stack)
    if db == "postgres":
        require_postgres(session)
        env = {"DATABASE_URL": POSTGRES_URL, "WAGTAIL_EVENTS_EXPECT_DB": "postgresql"}
    else:
        env = {
            "DATABASE_URL": "sqlite://:memory:",
            "WAGTAIL_EVENTS_EXPECT_DB": "sqlite",
        }
    # Every test runs once per stack and once per database, not four times:
    # the full suite on the newest stack with PostgreSQL and on the older stack
    # with SQLite, so each stack and each database sees every test. A second
    # full run on the same stack with the other database proved nothing new
    # (the database-specific behaviour is marked `postgres`) and cost five
    # minutes of the 20-minute budget. The rest of the matrix:
    # - newest stack, SQLite: the example site's demo content, which `make demo`
    #   serves from SQLite (the rest of `once`, the crawl of every public
    #   address, the data migrations, the example site's settings and the
    #   swapped-Page project, proves the same on either database: it runs with
    #   PostgreSQL);
    # - older stack, PostgreSQL: what only PostgreSQL proves (the locked writer
    #   under real concurrency, the one-event constraints) and, creating its
    #   test database, every migration.
    # The PostgreSQL-only tests fail on SQLite: deselected there, never skipped.
    newest = stack == NEWEST_STACK
    paths = []
    if db == "postgres":
        marks = "not browser" if newest else "postgres"
    elif newest:
        marks = "once and not browser and not postgres"
        paths = ["tests/site/test_demo_content.py"]
    else:
        marks = "not browser and not postgres and not once"
    # The production stack's tests run in the `stack` session.
    marks = f"({marks}) and not stack"
    # Two workers: one per core of the 2-core CI machine (each with its own test
    # database), which keeps `make test` well under its 20-minute budget. The
    # demo-content tests are marked as one group, meant for one worker so that
    # the demo loads once; with pytest 9.2, pytest-xdist 3.8 no longer honours
    # the group (it renames an id pytest stopped reading), so each worker loads
    # the demo for the tests it gets. Every other test is handed out alone, in
    # pytest-django's order, which keeps tests that empty the database last.
    pytest(session, "-m", marks, "-n", "2", "--dist", "loadgroup", *paths, env=env)


@nox.session(python=PYTHON)
def browser(session):
    """Tests in a real Chromium (Debian's, driven through Playwright)."""
    install(session, "wagtail80")
    if not (os.path.isfile(CHROMIUM_PATH) and os.access(CHROMIUM_PATH, os.X_OK)):
        session.error(
            f"No Chromium at {CHROMIUM_PATH}: install Debian's `chromium` package "
            "or set CHROMIUM_PATH. The browser tests are never skipped."
        )
    # The accessibility checkers, pinned by package-lock.json: axe-core runs in
    # Chromium, vnu.jar (the Nu HTML Checker) under Debian's java. No install
    # scripts: vnu-jar's would download a Java runtime.
    for program in ("npm", "java"):
        if not shutil.which(program):
            session.error(
                f"`{program}` is not on PATH: the accessibility test needs it "
                "(apt-get install npm default-jre-headless). Never skipped."
            )
    session.run(
        "npm",
        "ci",
        "--prefix",
        str(A11Y_TOOLS),
        "--ignore-scripts",
        "--no-audit",
        "--no-fund",
        external=True,
    )
    pytest(
        session,
        "-m",
        "browser",
        env={
            "CHROMIUM_PATH": CHROMIUM_PATH,
            "WAGTAIL_EVENTS_A11Y_TOOLS": str(A11Y_TOOLS),
            # Playwright's sync API runs an event loop in the test thread, which
            # makes Django refuse ORM calls there without this.
            "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
            "DATABASE_URL": "sqlite://:memory:",
            "WAGTAIL_EVENTS_ARTIFACTS": str(ROOT / "test-artifacts"),
        },
    )


@nox.session(python=PYTHON)
def stack(session):
    """Through the production stack (deploy/stack.py, docs/deployment.md):
    gunicorn's worker processes, a Redis server, the task worker, PostgreSQL;
    the load test (its figures printed at the end), the rate limit behind a
    proxy, SQLite under several processes, the periodic jobs."""
    install(session, NEWEST_STACK)
    require_postgres(session)
    if not shutil.which("redis-server"):
        session.error(
            "redis-server is not on PATH (apt-get install redis-server): the "
            "stack needs it. Never skipped."
        )
    env = {
        "POSTGRES_URL": POSTGRES_URL,
        "DATABASE_URL": POSTGRES_URL,
        "WAGTAIL_EVENTS_EXPECT_DB": "postgresql",
    }
    # The load test prints its figures at the end (tests/stack/conftest.py);
    # the benchmark's table (benchmarks/registration_load.py) is `make
    # benchmark`'s, which keeps this session near two minutes.
    pytest(session, "-m", "stack", env=env)


@nox.session(python=PYTHON)
@nox.parametrize("stack", list(STACKS))
def migrations(session, stack):
    install(session, stack)
    session.run(
        "python",
        "example_site/manage.py",
        "makemigrations",
        "--check",
        "--dry-run",
        env={"DJANGO_SETTINGS_MODULE": "tests.settings"},
    )


@nox.session(python=PYTHON)
def lint(session):
    """ruff, and the layers of the package: import-linter's contracts in
    pyproject.toml (lower layers never import higher ones, no import circle)."""
    session.install("ruff>=0.15", "import-linter>=2.1")
    if "--fix" in session.posargs:  # `make format`
        session.run("ruff", "check", "--fix", ".")
        session.run("ruff", "format", ".")
    else:
        session.run("ruff", "check", ".")
        session.run("ruff", "format", "--check", ".")
    # import-linter reads the source; it only needs to find the package.
    session.run("lint-imports", env={"PYTHONPATH": str(ROOT)})


@nox.session(python=PYTHON)
def docs(session):
    install(session, "wagtail80", "docs")
    session.run(
        "sphinx-build", "-W", "--keep-going", "-b", "html", "docs", "docs/_build/html"
    )


@nox.session(python=PYTHON)
def package(session):
    """Build the sdist and the wheel (the wheel from the sdist), check what they
    hold, install the wheel into a fresh virtualenv next to Wagtail 8 and run it
    in a project made by `wagtail start`. See tests/packaging/check_wheel.py."""
    session.install("build[uv]>=1.2", "uv")
    dist = Path(session.create_tmp()).resolve() / "dist"
    shutil.rmtree(dist, ignore_errors=True)
    session.run("python", "-m", "build", "--installer=uv", "--outdir", str(dist), ".")
    wagtail, django = STACKS["wagtail80"]
    session.run(
        "python",
        "tests/packaging/check_wheel.py",
        "--dist",
        str(dist),
        "--requirement",
        wagtail,
        "--requirement",
        django,
    )
