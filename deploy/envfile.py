r"""The site's environment file (``/etc/wagtail-events/env``) read as systemd's
``EnvironmentFile=`` reads it, for ``deploy/manage``: cron jobs and the
operator's commands then see the very values the web and worker units see.

Sourcing the file with ``sh`` (as ``deploy/manage`` once did) reads it
differently: ``$`` starts a variable, spaces split words, so a password such as
``pa$$ word`` reached cron's jobs as something else. Here, as systemd (252)
reads it (systemd.exec(5), its ``parse_env_file``): one ``NAME=value`` a line;
blank lines and lines starting with ``#`` or ``;`` are comments; spaces around
the name and before and after the value are dropped; outside quotes a backslash
takes the next character as it is (``pa\ss`` is ``pass``) and at the end of a
line continues the value on the next; quotes open only at the value's start or
right after another quoted part (``"a" b`` is ``ab``, ``a"b"`` keeps its
quotes); inside single quotes everything is as written; inside double quotes a
backslash escapes only ``" \ ` $`` and the end of a line, any other keeps it
(``"x\qy"`` is ``x\qy``); nothing is expanded.

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
    line = 1
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char in " \t\r":
            i += 1
        elif char == "\n":
            line += 1
            i += 1
        elif char in "#;":
            i, line = _skip_comment(text, i, line)
        else:
            start_line = line
            end = text.find("=", i)
            newline = text.find("\n", i)
            if end < 0 or (0 <= newline < end):
                bad = text[i : newline if newline >= 0 else n]
                raise ValueError(f"line {start_line}: expected NAME=value, got {bad!r}")
            name = text[i:end].strip()
            if not NAME.fullmatch(name):
                bad = text[i : newline if newline >= 0 else n]
                raise ValueError(f"line {start_line}: expected NAME=value, got {bad!r}")
            value, i, line = _value(text, end + 1, line)
            variables[name] = value
    return variables


def _skip_comment(text, i, line):
    # A comment runs to the end of its line; a backslash before the end of the
    # line carries it on to the next one, as systemd reads it.
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            line += text[i + 1] == "\n"
            i += 2
        elif text[i] == "\n":
            return i + 1, line + 1
        else:
            i += 1
    return i, line


def _value(text, i, line):
    """The value starting at ``i``, as systemd reads it (see the module's
    docstring). Returns (value, index after it, line number after it)."""
    out = []
    keep = 0  # out[:keep]: the value without unquoted whitespace at its end
    at_start = True  # where a quote opens: the value's start, or after a quote
    n = len(text)
    while i < n:
        char = text[i]
        if char == "\n":
            return "".join(out[:keep]), i + 1, line + 1
        if char == "\\":
            if i + 1 < n and text[i + 1] == "\n":
                line += 1  # continued on the next line
            elif i + 1 < n:
                out.append(text[i + 1])
            keep, at_start = len(out), False
            i += 2
        elif at_start and char in " \t":
            i += 1
        elif at_start and char in "'\"":
            i, line = _quoted(text, i, line, out)
            keep = len(out)
        else:
            out.append(char)
            if char not in " \t":
                keep = len(out)
            at_start = False
            i += 1
    return "".join(out[:keep]), i, line


def _quoted(text, i, line, out):
    """A quoted part at ``i`` appended to ``out``: inside single quotes every
    character as it is; inside double quotes a backslash escapes only
    ``" \\ ` $`` and the end of a line (dropped), any other keeps it."""
    quote, n = text[i], len(text)
    i += 1
    while i < n and text[i] != quote:
        if quote == '"' and text[i] == "\\" and i + 1 < n:
            following = text[i + 1]
            if following == "\n":
                line += 1
            elif following in '"\\`$':
                out.append(following)
            else:
                out.extend(("\\", following))
            i += 2
            continue
        line += text[i] == "\n"
        out.append(text[i])
        i += 1
    if i >= n:
        raise ValueError(f"line {line}: a quote is not closed")
    return i + 1, line


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
