"""The dates an editor picks in the recurrence widget (extra and excluded days, a
rule's last day) are whole days: the widget writes them as UTC midnight in every
browser zone, and a picked date stands for its day however it was written."""

import datetime
import os
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import recurrence as django_recurrence

from tests import factories as f
from wagtail_events.occurrences.rules import day_of


@pytest.mark.parametrize(
    ("value", "day"),
    [
        # What the widget now writes: the picked day at UTC midnight.
        ("2024-12-25T00:00:00+00:00", "2024-12-25"),
        # What it used to write from a browser in Brussels: local midnight in UTC,
        # in winter and in summer time.
        ("2024-12-24T23:00:00+00:00", "2024-12-25"),
        ("2024-07-14T22:00:00+00:00", "2024-07-15"),
        # A naive value, as older data and hand-written rules hold.
        ("2024-12-25T00:00:00", "2024-12-25"),
        # A time of day is that instant's day in the event's zone.
        ("2024-12-25T09:00:00+00:00", "2024-12-25"),
    ],
)
def test_picked_dates_stand_for_their_day(value, day):
    zone = ZoneInfo(f.BRUSSELS)
    parsed = datetime.datetime.fromisoformat(value)
    assert day_of(parsed, zone) == datetime.date.fromisoformat(day)


def test_widget_script_writes_picked_dates_as_utc_midnight():
    """The script that sets up the widget wraps recurrence.js's (de)serialisation;
    run both in Node, in zones either side of UTC, when Node is there."""
    node = shutil.which("node")
    assert node is not None, "Node.js runs the widget's scripts here: install nodejs"
    library = Path(django_recurrence.__file__).parent / "static/recurrence/js"
    init = (
        Path(__file__).resolve().parents[2]
        / "wagtail_events/static/wagtail_events/js/recurrence-init.js"
    )
    script = r"""
const fs = require('fs'), vm = require('vm');
const ctx = {console, gettext: s => s, pgettext: (c, s) => s,
  ngettext: (a, b, n) => (n == 1 ? a : b), interpolate: s => s,
  Event: function () {}, MutationObserver: function () { this.observe = () => {}; }};
ctx.window = ctx;
ctx.document = {readyState: 'loading', addEventListener() {}, documentElement: {}};
vm.createContext(ctx);
vm.runInContext(fs.readFileSync(process.argv.at(-2), 'utf8'), ctx);
vm.runInContext('window.recurrence = recurrence; recurrence.widget = {Widget: function () {}};'
  + 'recurrence.widget.Widget.prototype.update = function () {};', ctx);
vm.runInContext(fs.readFileSync(process.argv.at(-1), 'utf8'), ctx);
console.log(vm.runInContext(`
  var r = recurrence.deserialize('RRULE:FREQ=WEEKLY;UNTIL=20241231T000000Z\\nRDATE:20241226T090000Z');
  var until = r.rrules[0].until;
  r.rdates.push(new Date(2024, 11, 25));
  r.exdates.push(new Date(2024, 6, 15));
  [until.getFullYear(), until.getMonth() + 1, until.getDate(), until.getHours()].join('-')
    + '\\n' + r.serialize();
`, ctx));
"""
    for zone in ("Europe/Brussels", "America/New_York", "Asia/Tokyo"):
        result = subprocess.run(
            [node, "-e", script, "--", str(library / "recurrence.js"), str(init)],
            capture_output=True,
            text=True,
            env={**os.environ, "TZ": zone},
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.split("\n")[:5] == [
            "2024-12-31-0",  # shown as the day it stands for
            "RRULE:FREQ=WEEKLY;UNTIL=20241231T000000Z",
            "RDATE:20241226T090000Z",  # a time of day is left alone
            "RDATE:20241225T000000Z",
            "EXDATE:20240715T000000Z",
        ], zone
