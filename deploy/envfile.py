"""The site's environment file (``/etc/wagtail-events/env``) read as systemd's
``EnvironmentFile=`` reads it, for ``deploy/manage``: cron jobs and the
operator's commands then see the very values the web and worker units see.

Sourcing the file with ``sh`` (as ``deploy/manage`` once did) reads it
differently: ``$`` starts a variable, spaces split words, quotes nest, so a
password such as ``pa$$ word`` reached cron's jobs as something else. Here, as
in systemd.exec(5): one ``NAME=value`` a line; blank lines and lines starting
with ``#`` or ``;`` are ignored; spaces around the name and the value are
dropped; a value wholly in single or double quotes loses them (inside double
quotes, a backslash keeps the next character as it is); nothing is expanded.

    python deploy/envfile.py ENV_FILE manage.py ARGS...

runs ``manage.py ARGS...`` with this Python and the file's variables (a file
that is missing or unreadable adds none).
"""

import os
import re
import sys


NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def parse(text):
    """The variables of an environment file, in order, as a dict.

    Raises ``ValueError`` naming the line for a line that is not ``NAME=value``:
    systemd would ignore it, but a mistyped setting should not pass silently."""
    variables = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line[0] in "#;":
            continue
        name, equals, value = line.partition("=")
        name = name.strip()
        if not equals or not NAME.fullmatch(name):
            raise ValueError(f"line {number}: expected NAME=value, got {line!r}")
        variables[name] = unquote(value.strip())
    return variables


def unquote(value):
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1]
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    return value


def main(argv):
    env_file, manage, *args = argv
    try:
        with open(env_file, encoding="utf-8") as file:
            text = file.read()
    except OSError:
        text = ""
    try:
        os.environ.update(parse(text))
    except ValueError as error:
        sys.exit(f"{env_file}, {error}")
    # The operator's own command, with this Python: no shell in between.
    os.execv(sys.executable, [sys.executable, manage, *args])  # noqa: S606


if __name__ == "__main__":
    main(sys.argv[1:])
