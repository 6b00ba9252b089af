"""The test matrix: each supported Wagtail/Django pair, on SQLite and PostgreSQL,
plus lint, docs, migrations and the packaged wheel. ``make test`` runs them all."""

import os

import nox


nox.options.default_venv_backend = "uv"
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = True

PYTHON = "3.13"
# (Wagtail, Django): the pairs the package supports.
STACKS = {
    "wagtail80": ("wagtail>=8.0,<8.1", "django>=6.1,<6.2"),
    "wagtail74": ("wagtail>=7.4,<7.5", "django>=5.2,<5.3"),
}
POSTGRES_URL = os.environ.get(
    "POSTGRES_URL",
    "postgres://wagtail_events:wagtail_events@127.0.0.1:5432/wagtail_events",
)


def install(session, stack, *extras):
    wagtail, django = STACKS[stack]
    extras_spec = ",".join(("testing", *extras))
    session.install("-e", f".[{extras_spec}]", wagtail, django)


@nox.session(python=PYTHON)
@nox.parametrize("stack", list(STACKS))
@nox.parametrize("db", ["sqlite", "postgres"])
def tests(session, stack, db):
    install(session, stack)
    env = {"DATABASE_URL": POSTGRES_URL} if db == "postgres" else {}
    session.run("pytest", "-m", "not browser", *session.posargs, env=env)


@nox.session(python=PYTHON)
def browser(session):
    """Tests in a real Chromium (Debian's, through Playwright)."""
    install(session, "wagtail80")
    session.run("pytest", "-m", "browser", *session.posargs)


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
    session.install("ruff>=0.15")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=PYTHON)
def docs(session):
    install(session, "wagtail80", "docs")
    session.run(
        "sphinx-build", "-W", "--keep-going", "-b", "html", "docs", "docs/_build/html"
    )
