"""A site that swaps Wagtail's Page model (Wagtail 8's ``WAGTAIL_PAGE_MODEL``)
installs the package, migrates from nothing and runs: site_checks.py, in a
pytest of its own with ``tests.swapped_page.settings`` (a process has one
settings module).

Marked ``once``: it runs on the newest stack, with SQLite and with PostgreSQL
(a fresh test database of its own on each); Wagtail 7.4 has no swappable Page.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import wagtail


ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.once
def test_a_site_with_its_own_base_page_model_runs_the_package():
    assert wagtail.VERSION >= (8, 0), (
        "Wagtail 7.4 cannot swap Page: this test runs on the newest stack only "
        "(the `once` marker, noxfile.py)."
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "--ds",
            "tests.swapped_page.settings",
            "--create-db",
            "tests/swapped_page/site_checks.py",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert " passed" in result.stdout, result.stdout[-3000:]
