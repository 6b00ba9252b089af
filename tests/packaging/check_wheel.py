"""Check the built distributions the way a site would meet them.

    python tests/packaging/check_wheel.py --dist DIR [--requirement SPEC ...]

DIR holds one wheel and one sdist of wagtail-civic-events (``python -m build``).
The script checks what the archives hold, including the compiled translation
catalogues (``locale/<lang>/LC_MESSAGES/django.po|.mo``), then installs the wheel (plus the --requirement specs, e.g. Wagtail 8) into a
fresh virtualenv, makes a project with ``wagtail start``, adds "wagtail_events",
"recurrence" and "django_countries" to INSTALLED_APPS -- and nothing else, as the installation guide
says -- migrates,
creates an event index, a conference and a session under the home page, and
renders them with Django's test client. It prints each check; any failure exits
nonzero. Needs ``uv`` (or falls back to venv + pip).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import textwrap
import zipfile
from pathlib import Path


PACKAGE = "wagtail_events"
APP_LINE = '    "wagtail_events",\n    "recurrence",\n    "django_countries",\n'

failures = []


def check(condition, message):
    print(f"  [{'ok' if condition else 'FAIL'}] {message}", flush=True)
    if not condition:
        failures.append(message)
    return condition


def step(title):
    print(f"\n== {title}", flush=True)


def run(*args, cwd=None, env=None, capture=False):
    print(f"  $ {' '.join(str(a) for a in args)}", flush=True)
    result = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        text=True,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.STDOUT if capture else None,
        check=False,
    )
    if result.returncode != 0:
        if capture:
            print(result.stdout)
        sys.exit(f"FAILED: {' '.join(str(a) for a in args)} exited {result.returncode}")
    return result.stdout if capture else None


def one(dist, pattern):
    found = sorted(dist.glob(pattern))
    if len(found) != 1:
        sys.exit(f"FAILED: expected one {pattern} in {dist}, found {found}")
    return found[0]


# --- what the archives hold -------------------------------------------------


def source_files(root):
    """Files of the package in the source tree that must ship."""
    package = root / PACKAGE
    wanted = []
    for path in package.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            wanted.append(path.relative_to(root).as_posix())
    return sorted(wanted)


def check_wheel_contents(wheel, root):
    step(f"Wheel contents: {wheel.name}")
    names = set(zipfile.ZipFile(wheel).namelist())
    prefix = f"{PACKAGE}/"
    check(f"{PACKAGE}/__init__.py" in names, "the package itself")
    templates = [n for n in names if n.startswith(f"{prefix}templates/")]
    check(
        f"{PACKAGE}/templates/wagtail_events/pages/conference_page.html" in names,
        f"templates ({len(templates)} files, incl. pages/conference_page.html)",
    )
    static = [n for n in names if n.startswith(f"{prefix}static/")]
    check(
        f"{PACKAGE}/static/wagtail_events/css/events.css" in names,
        f"static files ({len(static)} files, incl. css/events.css)",
    )
    migrations = [
        n for n in names if re.match(rf"{prefix}migrations/\d{{4}}_.*\.py$", n)
    ]
    check(
        f"{PACKAGE}/migrations/__init__.py" in names and migrations,
        f"migrations ({len(migrations)}: {', '.join(sorted(Path(m).name for m in migrations))})",
    )
    locale = [n for n in names if n.startswith(f"{prefix}locale/")]
    print(f"  (locale files in this wheel: {len(locale)})")
    # Every file of the package in the source tree is in the wheel.
    missing = [f for f in source_files(root) if f not in names]
    check(
        not missing,
        f"every file under {PACKAGE}/ in the source is in the wheel{': missing ' + ', '.join(missing) if missing else ''}",
    )
    strays = sorted(
        {n.split("/")[0] for n in names}
        - {PACKAGE, *(n.split("/")[0] for n in names if ".dist-info/" in n)}
    )
    check(
        not strays,
        f"nothing but {PACKAGE} and its dist-info at the top level{': ' + ', '.join(strays) if strays else ''}",
    )
    check(
        not any("__pycache__" in n or n.endswith(".pyc") for n in names),
        "no bytecode",
    )
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    check(
        "Name: wagtail-civic-events" in text, "distribution name wagtail-civic-events"
    )
    check("Requires-Dist: wagtail" in text, "declares its Wagtail dependency")
    check(any(n.endswith("licenses/LICENSE") for n in names), "the licence file")


def check_sdist_contents(sdist, root):
    step(f"Sdist contents: {sdist.name}")
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    for required in ("pyproject.toml", "README.md", "LICENSE"):
        check(required in names, required)
    missing = [f for f in source_files(root) if f not in names]
    check(
        not missing,
        f"every file under {PACKAGE}/ in the source is in the sdist{': missing ' + ', '.join(missing) if missing else ''}",
    )


LANGUAGES = ("nl", "fr", "de")


def check_locale_ships(wheel):
    """The Dutch, French and German catalogues are in the wheel, compiled."""
    step("Translation catalogues are in the wheel")
    names = set(zipfile.ZipFile(wheel).namelist())
    for language in LANGUAGES:
        for suffix in ("po", "mo"):
            name = f"{PACKAGE}/locale/{language}/LC_MESSAGES/django.{suffix}"
            check(name in names, name)


# --- the wheel in a project made by `wagtail start` -------------------------


def make_venv(path):
    uv = shutil.which("uv")
    if uv:
        run(uv, "venv", "--quiet", "--python", sys.executable, path)
        return path / "bin" / "python", [
            uv,
            "pip",
            "install",
            "--quiet",
            "--python",
            path / "bin" / "python",
        ]
    run(sys.executable, "-m", "venv", path)
    return path / "bin" / "python", [
        path / "bin" / "python",
        "-m",
        "pip",
        "install",
        "--quiet",
    ]


SCENARIO = textwrap.dedent(
    """
    import datetime
    from zoneinfo import ZoneInfo

    from django.test import Client
    from wagtail.models import Site

    import wagtail_events
    from wagtail_events.models import ConferencePage, EventIndexPage, PanelPage

    print("  wagtail_events imported from", wagtail_events.__file__)
    assert "site-packages" in wagtail_events.__file__, "not the installed wheel"

    zone = ZoneInfo("Europe/Brussels")
    home = Site.objects.get(is_default_site=True).root_page.specific
    print("  home page:", type(home).__name__, repr(home.title))
    index = home.add_child(instance=EventIndexPage(title="Events", slug="events"))
    conference = index.add_child(
        instance=ConferencePage(
            title="Wheel Conference 2031",
            slug="wheel-conference",
            start=datetime.datetime(2031, 4, 19, 9, 0, tzinfo=zone),
            end=datetime.datetime(2031, 4, 19, 17, 0, tzinfo=zone),
            time_zone="Europe/Brussels",
        )
    )
    session = conference.add_child(
        instance=PanelPage(
            title="Installing from a wheel",
            slug="installing-from-a-wheel",
            start=datetime.datetime(2031, 4, 19, 10, 0, tzinfo=zone),
            end=datetime.datetime(2031, 4, 19, 11, 0, tzinfo=zone),
            time_zone="Europe/Brussels",
        )
    )

    client = Client()
    for page, must_contain in (
        (conference, ["Wheel Conference 2031", "Installing from a wheel"]),
        (session, ["Installing from a wheel"]),
        (index, ["Wheel Conference 2031"]),
    ):
        response = client.get(page.url)
        html = response.content.decode()
        print(f"  GET {page.url} -> {response.status_code}")
        assert response.status_code == 200, html[:2000]
        for text in must_contain:
            assert text in html, f"{text!r} not in {page.url}"
            print(f"    contains {text!r}")
    for page in (conference, index):
        response = client.get(page.url + "calendar.ics")
        print(f"  GET {page.url}calendar.ics -> {response.status_code}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
    # The installed catalogues are found: the package's words in Dutch.
    from django.utils import translation
    from wagtail_events.models import RegistrationStatus

    with translation.override("nl"):
        dutch = str(RegistrationStatus.WAITING.label)
    print(f"  in Dutch, {RegistrationStatus.WAITING.label!s} is {dutch!r}")
    assert dutch != "On the waiting list", "the Dutch catalogue is not used"
    css = client.get("/static/wagtail_events/css/events.css")
    print(f"  GET /static/wagtail_events/css/events.css -> {css.status_code}")
    assert css.status_code == 200
    print("SCENARIO OK")
    """
)


def check_in_fresh_project(wheel, requirements, workdir):
    step("Install the wheel into a fresh virtualenv")
    python, pip_install = make_venv(workdir / "venv")
    run(*pip_install, wheel, *requirements)
    print(
        run(
            python,
            "-c",
            "import django, wagtail, wagtail_events; print('  Wagtail', wagtail.__version__, '/ Django', django.__version__)",
            capture=True,
        ),
        end="",
    )

    step(
        "wagtail start demo_project; add wagtail_events, recurrence and django_countries"
        " to INSTALLED_APPS"
    )
    projects = workdir / "projects"
    projects.mkdir()
    run(python.parent / "wagtail", "start", "demo_project", cwd=projects)
    project = projects / "demo_project"
    base = project / "demo_project" / "settings" / "base.py"
    settings = base.read_text(encoding="utf-8")
    anchor = "INSTALLED_APPS = [\n"
    check(anchor in settings, f"{base.relative_to(projects)} has INSTALLED_APPS")
    base.write_text(settings.replace(anchor, anchor + APP_LINE, 1), encoding="utf-8")
    print(
        f"  added {APP_LINE.strip()} at the top of INSTALLED_APPS; nothing else changed"
    )
    urls = project / "demo_project" / "urls.py"
    wagtail_line = '    path("", include(wagtail_urls)),\n'
    url_source = urls.read_text(encoding="utf-8")
    check(wagtail_line in url_source, "urls.py hands pages to Wagtail")
    urls.write_text(
        url_source.replace(
            wagtail_line,
            '    path("", include("wagtail_events.urls")),\n' + wagtail_line,
        ),
        encoding="utf-8",
    )
    print('  added path("", include("wagtail_events.urls")) before Wagtail\'s pages')

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "demo_project.settings.dev",
        "PYTHONPATH": "",
    }
    env.pop("DATABASE_URL", None)
    manage = [python, "manage.py"]
    step("manage.py check / migrate / makemigrations --check")
    print(
        run(
            *manage,
            "check",
            "--fail-level",
            "WARNING",
            cwd=project,
            env=env,
            capture=True,
        ),
        end="",
    )
    check(True, "system checks pass")
    run(*manage, "migrate", "--noinput", cwd=project, env=env, capture=True)
    check(True, "migrate")
    print(
        run(
            *manage,
            "makemigrations",
            "--check",
            "--dry-run",
            PACKAGE,
            cwd=project,
            env=env,
            capture=True,
        ),
        end="",
    )
    check(True, "the shipped migrations match the models")

    step("Create pages under the home page and render them")
    script = project / "scenario.py"
    script.write_text(SCENARIO, encoding="utf-8")
    output = run(
        *manage,
        "shell",
        "-c",
        f"exec(open({str(script)!r}).read())",
        cwd=project,
        env=env,
        capture=True,
    )
    print(output, end="")
    check(
        "SCENARIO OK" in output,
        "event index, conference and session render with 200 and their titles",
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, required=True)
    parser.add_argument("--requirement", action="append", default=[])
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()

    root = Path(__file__).resolve().parents[2]
    dist = args.dist.resolve()
    wheel = one(dist, "*.whl")
    sdist = one(dist, "*.tar.gz")
    workdir = Path(tempfile.mkdtemp(prefix="wagtail-events-pkg-"))
    print(f"work directory: {workdir}")
    try:
        check_wheel_contents(wheel, root)
        check_sdist_contents(sdist, root)
        check_locale_ships(wheel)
        check_in_fresh_project(wheel, args.requirement, workdir)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    print()
    if failures:
        print(f"{len(failures)} check(s) failed:")
        for failure in failures:
            print(f"  - {failure}")
        return 1
    print("All packaging checks passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
