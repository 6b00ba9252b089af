"""``deploy/manage`` reads the environment file as systemd's units do."""

import os
import subprocess
import sys

import pytest

from deploy.envfile import parse
from deploy.stack import ROOT


def test_values_are_taken_as_written():
    text = (
        "# the site's settings\n"
        "; also a comment, \\\n"
        "  carried on by its backslash\n"
        "\n"
        "SECRET_KEY=pa$$ word$HOME\n"
        "  EMAIL_HOST_PASSWORD = 'it''s' \n"
        'DEFAULT_FROM_EMAIL="Events <events@example.org>"\n'
        'QUOTED="a \\"b\\" c"\n'
        "EMPTY=\n"
        "SPACED=   two words   \n"
    )
    assert parse(text) == {
        "SECRET_KEY": "pa$$ word$HOME",
        "EMAIL_HOST_PASSWORD": "its",
        "DEFAULT_FROM_EMAIL": "Events <events@example.org>",
        "QUOTED": 'a "b" c',
        "EMPTY": "",
        "SPACED": "two words",
    }


@pytest.mark.parametrize(
    ("line", "value"),
    [
        # Outside quotes a backslash takes the next character as it is.
        ("A=pa\\ss", "pass"),
        ("A=a\\ b ", "a b"),
        # Inside double quotes only " \ ` $ are escaped; others keep it.
        ('A="x\\qy"', "x\\qy"),
        ('A="\\$HOME \\`x\\` \\\\"', "$HOME `x` \\"),
        # Inside single quotes nothing is.
        ("A='x\\qy \"z\"'", 'x\\qy "z"'),
        # Quotes open at the value's start or after a quoted part only.
        ('A=foo"bar"', 'foo"bar"'),
        ('A="a" b', "ab"),
        ("A='a'\"b\"", "ab"),
        # A backslash at the end of a line carries the value on.
        ("A=one\\\ntwo", "onetwo"),
        ('A="one\\\ntwo"', "onetwo"),
        ("A='one\ntwo'", "one\ntwo"),
    ],
)
def test_escapes_and_quotes_as_systemd_reads_them(line, value):
    assert parse(line + "\nB=after\n") == {"A": value, "B": "after"}


def test_an_unclosed_quote_is_named():
    with pytest.raises(ValueError, match="quote"):
        parse('A="open\nB=x\n')


@pytest.mark.parametrize("line", ["export SECRET_KEY=x", "SECRET_KEY", "1A=b"])
def test_a_line_that_is_no_setting_is_named(line):
    with pytest.raises(ValueError, match="line 2"):
        parse(f"A=b\n{line}\n")


def test_manage_runs_with_the_file_s_values(tmp_path):
    env_file = tmp_path / "env"
    env_file.write_text(f"SECRET_KEY=pa$$ word$HOME\nEXAMPLE_SITE_DATA={tmp_path}\n")
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    environ |= {"WAGTAIL_EVENTS_ENV": str(env_file), "PYTHON": sys.executable}
    environ["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [
            str(ROOT / "deploy" / "manage"),
            "shell",
            "-c",
            "from django.conf import settings; print(settings.SECRET_KEY)",
        ],
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    # The last line: Django 5.2+ first says what its shell imported.
    assert done.stdout.splitlines()[-1] == "pa$$ word$HOME"
