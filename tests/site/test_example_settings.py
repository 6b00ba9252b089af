"""The example site's settings are safe to copy and run on PostgreSQL with
nothing but ``DATABASE_URL``: checked by starting its ``manage.py`` as an
operator would, in a process of its own (its settings are not the tests')."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


# Each test starts the example site in a process of its own, with its own
# settings: the test database and the stack's Wagtail change nothing there, so
# one run proves it (about 30 s of processes starting).
pytestmark = pytest.mark.once

ROOT = Path(__file__).resolve().parents[2]
MANAGE = ROOT / "example_site" / "manage.py"
# No server listens there: the checks need none.
POSTGRES = "postgres://nobody:nothing@127.0.0.1:1/nowhere"
READ = (
    "import json, example_site.settings as s; print(json.dumps({'debug': s.DEBUG, "
    "'apps': s.INSTALLED_APPS, 'key': s.SECRET_KEY, 'options': s.DATABASES['default'].get('OPTIONS', {})}))"
)


def run(*args, tmp_path, **env):
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "DATABASE_URL", "SECRET_KEY")
    }
    environ |= {"PYTHONPATH": str(ROOT), "EXAMPLE_SITE_DATA": str(tmp_path), **env}
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env=environ,
        cwd=ROOT,
        timeout=120,
    )


def settings_with(tmp_path, **env):
    result = run("-c", READ, tmp_path=tmp_path, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_debug_is_off_unless_the_environment_turns_it_on(tmp_path):
    assert settings_with(tmp_path)["debug"] is False
    assert settings_with(tmp_path, DEBUG="1")["debug"] is True


def test_postgresql_needs_nothing_but_its_address(tmp_path):
    settings = settings_with(tmp_path, DATABASE_URL=POSTGRES)
    assert "django.contrib.postgres" in settings["apps"]
    # Wagtail's search index (GinIndex) stopped `migrate` without it
    # (postgres.E005).
    result = run(str(MANAGE), "check", tmp_path=tmp_path, DATABASE_URL=POSTGRES)
    assert result.returncode == 0, result.stderr
    assert "E005" not in result.stderr + result.stdout


def test_without_a_secret_key_each_site_makes_its_own(tmp_path):
    # The key in the repository was the same for every copy of these settings.
    first = settings_with(tmp_path)["key"]
    assert settings_with(tmp_path)["key"] == first  # every process, one key
    assert first != "example-site-not-secret" and len(first) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    assert settings_with(tmp_path, SECRET_KEY="from-the-env")["key"] == "from-the-env"
    # A key file left empty (a process stopped half-way, once) is named.
    (tmp_path / "secret_key").write_text("")
    result = run("-c", READ, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "secret_key is empty" in result.stderr
    assert not list(tmp_path.glob(".secret_key-*"))  # no draft left behind


@pytest.mark.parametrize("url", [None, "sqlite:///{tmp}/site.sqlite3"])
def test_sqlite_waits_for_the_write_lock_instead_of_failing(tmp_path, url):
    env = {"DATABASE_URL": url.format(tmp=tmp_path)} if url else {}
    options = settings_with(tmp_path, **env)["options"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]


# A form posted over HTTPS to the documented set-up (docs/deployment.md: nginx
# terminates TLS and passes X-Forwarded-Proto), as Django's CSRF check sees it.
HTTPS_POST = """
import django
django.setup()
from django.middleware.csrf import CsrfViewMiddleware, _get_new_csrf_string, _mask_cipher_secret
from django.test import RequestFactory
secret = _get_new_csrf_string()
request = RequestFactory().post(
    "/events/register/",
    {"csrfmiddlewaretoken": _mask_cipher_secret(secret)},
    HTTP_HOST="events.example.org",
    HTTP_ORIGIN="https://events.example.org",
    HTTP_REFERER="https://events.example.org/events/",
    HTTP_X_FORWARDED_PROTO="https",
    HTTP_X_FORWARDED_FOR="203.0.113.7",
)
request.COOKIES["csrftoken"] = secret
refused = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
print("secure" if request.is_secure() else "plain", "refused" if refused else "accepted")
"""


def test_a_form_posted_over_https_behind_the_documented_proxy_is_accepted(tmp_path):
    # Without SECURE_PROXY_SSL_HEADER Django took every request for plain HTTP
    # and refused every form (registration, admin login) by its Origin: 403.
    result = run(
        "-c",
        HTTPS_POST,
        tmp_path=tmp_path,
        DJANGO_SETTINGS_MODULE="example_site.settings",
        ALLOWED_HOSTS="events.example.org",
        WAGTAIL_EVENTS_TRUSTED_PROXIES="1",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["secure", "accepted"]


def test_without_a_proxy_the_scheme_header_is_not_believed(tmp_path):
    # A visitor talking to gunicorn directly must not make a request "secure".
    result = run(
        "-c",
        HTTPS_POST,
        tmp_path=tmp_path,
        DJANGO_SETTINGS_MODULE="example_site.settings",
        ALLOWED_HOSTS="events.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "plain"
