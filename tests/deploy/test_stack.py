"""The periodic jobs are written once, in ``deploy/crontab``: the stack script
reads them with cron's rules, and the systemd timers of ``deploy/systemd/`` are
the same jobs on the same schedule (tests/stack/test_periodic.py runs them)."""

import configparser
import datetime
import re

import pytest

from deploy.stack import ROOT, CronJob, read_crontab


SYSTEMD = ROOT / "deploy" / "systemd"


def at(*args):
    return datetime.datetime(*args)


def test_cron_schedules():
    every_five = CronJob("*/5 * * * * $MANAGE send_due_messages")
    assert every_five.command == "$MANAGE send_due_messages"
    assert every_five.due(at(2026, 3, 29, 2, 35))
    assert not every_five.due(at(2026, 3, 29, 2, 36))
    daily = CronJob("15 3 * * * $MANAGE extend_occurrences")
    assert daily.due(at(2026, 1, 1, 3, 15))
    assert not daily.due(at(2026, 1, 1, 4, 15))
    # Day of month and day of week both given: either matches (cron's rule).
    either = CronJob("0 0 1 * 1 run")
    assert either.due(at(2026, 6, 1, 0, 0))  # the 1st, a Monday
    assert either.due(at(2026, 6, 8, 0, 0))  # a Monday
    assert either.due(at(2026, 7, 1, 0, 0))  # the 1st, a Wednesday
    assert not either.due(at(2026, 7, 2, 0, 0))
    assert CronJob("0 9-17/4,20 * * 0 run").due(at(2026, 6, 7, 13, 0))  # a Sunday


@pytest.mark.parametrize("line", ["*/5 * * * run", "61 * * * * run", "a * * * * run"])
def test_bad_lines_are_refused(line):
    with pytest.raises(ValueError):
        CronJob(line)


def test_the_crontab_lists_the_periodic_commands():
    variables, jobs = read_crontab()
    assert variables["MANAGE"].endswith("/deploy/manage")
    commands = {job.command.removeprefix("$MANAGE ") for job in jobs}
    assert {
        "send_due_messages",
        "publish_scheduled",
        "extend_occurrences",
        "erase_registrations",
        "clearsessions",
        "prune_db_task_results",
    } == commands


def on_calendar(job):
    """The systemd OnCalendar= of a crontab line (the forms the crontab uses)."""
    minute, hour, *_ = job.schedule
    if minute.startswith("*/") and hour == "*":
        return f"*:0/{minute[2:]}"
    return f"*-*-* {int(hour):02d}:{int(minute):02d}:00"


def test_the_systemd_timers_are_the_crontab():
    _variables, jobs = read_crontab()
    timers = {}
    for path in SYSTEMD.glob("*.timer"):
        unit = configparser.ConfigParser(interpolation=None)
        unit.read(path)
        command = re.fullmatch(
            r"wagtail-events-job@(\w+)\.service", unit["Timer"]["Unit"]
        ).group(1)
        timers[command] = unit["Timer"]["OnCalendar"]
    assert timers == {
        job.command.removeprefix("$MANAGE "): on_calendar(job) for job in jobs
    }
    service = (SYSTEMD / "wagtail-events-job@.service").read_text()
    assert "ExecStart=/srv/wagtail-events/deploy/manage %i" in service
