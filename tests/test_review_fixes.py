"""Regression tests for review findings: privacy of sessions in the programme and
feeds, zero-length slots, repeating sessions in conferences, the schedule import's
permission and the recurrence widget's dates."""

import json

import pytest
from wagtail.models import PageViewRestriction

from tests import factories as f


pytestmark = pytest.mark.django_db


def at(hour, minute=0, day=19):
    return f.local(2024, 4, day, hour, minute)


def restrict(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )


@pytest.fixture
def member(client, django_user_model):
    user = django_user_model.objects.create_user("member", "m@example.org", "pw")
    client.force_login(user)
    return user


def feeds(client, conference):
    page = client.get(conference.url)
    assert page.status_code == 200
    ics = client.get(conference.url + "calendar.ics")
    assert ics.status_code == 200
    schedule = client.get(conference.url + "schedule.json")
    assert schedule.status_code == 200
    data = json.loads(schedule.content)
    titles = [
        event["title"]
        for day in data["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    ]
    return page.content.decode(), ics.content.decode(), titles


# B1/B2/B8: own restrictions hide a session; restrictions above do not.


def test_members_only_session_is_left_out_of_the_public_programme(client):
    conference = f.conference()
    f.panel(conference, at(9), at(10), title="Open panel")
    f.panel(conference, at(11), at(12), title="Closed panel")
    restrict(conference.get_children().get(title="Closed panel"))
    html, ics, titles = feeds(client, conference)
    assert "Open panel" in html and "Closed panel" not in html
    assert "Open panel" in ics and "Closed panel" not in ics
    assert titles == ["Open panel"]


def test_conference_under_a_restricted_index_lists_its_sessions_to_members(
    client, member
):
    index = f.event_index()
    restrict(index)
    conference = f.conference(index)
    f.panel(conference, at(9), at(10), title="Members panel")
    html, ics, titles = feeds(client, conference)
    assert "Members panel" in html
    assert "Members panel" in ics
    assert titles == ["Members panel"]


def test_restricted_index_lists_its_events_to_members(client, member):
    index = f.event_index()
    restrict(index)
    f.panel(index, f.local(2099, 3, 1, 10), f.local(2099, 3, 1, 11), title="Future")
    response = client.get(index.url)
    assert response.status_code == 200
    assert "Future" in response.content.decode()
    feed = client.get(index.url + "calendar.ics").content.decode()
    assert "Future" in feed


def test_index_still_hides_children_restricted_themselves(client, member):
    index = f.event_index()
    hidden = f.panel(
        index, f.local(2099, 3, 1, 10), f.local(2099, 3, 1, 11), title="Hidden"
    )
    restrict(hidden)
    client.logout()
    assert "Hidden" not in client.get(index.url).content.decode()
    assert "Hidden" not in client.get(index.url + "calendar.ics").content.decode()


# B6: a slot without length does not crash the grid.


def test_zero_length_slots_do_not_crash_the_conference_page(client):
    from wagtail_events.programme.timetable import build_programme

    conference = f.conference()
    f.panel(conference, at(9), at(10), title="Long panel")
    f.panel(conference, at(9, 30), at(9, 30), title="Instant panel")
    f.programme_item(conference, at(10, 15), at(10, 15), title="Photo moment")
    # A day with nothing but a zero-length item.
    f.programme_item(conference, at(9, day=20), at(9, day=20), title="Lone moment")
    response = client.get(conference.url)
    assert response.status_code == 200
    listed = client.get(conference.url, {"view": "list"}).content.decode()
    for title in ("Instant panel", "Photo moment", "Lone moment"):
        assert title in listed
    days = build_programme(conference).days
    assert [slot.title for slot in days[0].slots] == [
        "Long panel",
        "Instant panel",
        "Photo moment",
    ]
    gridded = [c.slot.title for r in days[0].rows for c in r.cells if c.slot]
    assert gridded == ["Long panel"]
    assert days[1].rows == []


# B5: a session of a conference cannot repeat.


def test_validate_event_refuses_a_repeating_session_in_a_conference():
    from recurrence import WEEKLY, Recurrence, Rule

    from wagtail_events.editing import validation
    from wagtail_events.models import PanelPage

    conference = f.conference(end=at(18, day=26))
    data = {
        "start": at(9),
        "end": at(10),
        "recurrence": Recurrence(rrules=[Rule(WEEKLY)]),
    }
    errors = validation.validate_event(PanelPage(), data, conference)
    assert [field for field, _message in errors] == ["recurrence"]
    assert "further runs" in str(errors[0][1])
    # Outside a conference a panel may repeat; without a rule nothing is said.
    assert validation.validate_event(PanelPage(), data, None) == []
    assert (
        validation.validate_event(PanelPage(), {**data, "recurrence": ""}, conference)
        == []
    )


def test_admin_refuses_a_repeating_session_in_a_conference(client, editor):
    from django.urls import reverse
    from wagtail.models import Page

    from wagtail_events.models import PanelPage

    conference = f.conference()
    url = reverse(
        "wagtailadmin_pages:add",
        args=("wagtail_events", "panelpage", conference.pk),
    )
    before = Page.objects.count()
    response = client.post(
        url, f.session_form_data(recurrence="RRULE:FREQ=WEEKLY;COUNT=3")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "cannot repeat" in " ".join(errors["recurrence"])
    assert Page.objects.count() == before
    assert not PanelPage.objects.child_of(conference).exists()


# B7: the schedule import publishes, so it needs publish permission.


def test_schedule_import_needs_publish_permission(client, django_user_model):
    import io

    from django.contrib.auth.models import Group, Permission
    from django.urls import reverse
    from wagtail.models import GroupPagePermission

    from wagtail_events.exchange.import_screen import page_buttons
    from wagtail_events.models import PanelPage

    index = f.event_index()
    conference = f.conference(index)
    editors = Group.objects.create(name="Editors without publish")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=editors,
            page=index,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    user = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    user.groups.add(editors)
    client.force_login(user)
    assert conference.permissions_for_user(user).can_edit()

    url = reverse("wagtail_events_schedule_import", args=(conference.pk,))
    response = client.get(url)
    assert response.status_code == 403
    assert "permission to publish this conference" in response.content.decode()
    schedule = io.BytesIO(b'{"schedule": {"conference": {"title": "X", "days": []}}}')
    schedule.name = "schedule.json"
    assert client.post(url, {"file": schedule}).status_code == 403
    assert list(page_buttons(conference, user)) == []
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(conference.pk,)))
    assert edit.status_code == 200
    assert url not in edit.content.decode()
    assert not PanelPage.objects.child_of(conference).exists()

    # With publish permission as well, the button and the view are there.
    GroupPagePermission.objects.create(
        group=editors,
        page=index,
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="publish_page"
        ),
    )
    user = django_user_model.objects.get(pk=user.pk)
    assert len(list(page_buttons(conference, user))) == 1
    assert client.get(url).status_code == 200


# B3: a picked date is a whole day, whichever way it was written.


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
    import datetime
    from zoneinfo import ZoneInfo

    from wagtail_events.occurrences import recurrence

    zone = ZoneInfo(f.BRUSSELS)
    parsed = datetime.datetime.fromisoformat(value)
    assert recurrence._day(parsed, zone) == datetime.date.fromisoformat(day)


def test_widget_script_writes_picked_dates_as_utc_midnight():
    """The script that sets up the widget wraps recurrence.js's (de)serialisation;
    run both in Node, in zones either side of UTC, when Node is there."""
    import os
    import shutil
    import subprocess
    from pathlib import Path

    import recurrence as django_recurrence

    node = shutil.which("node")
    assert node is not None, "Node.js runs the widget's scripts here: install nodejs"
    library = Path(django_recurrence.__file__).parent / "static/recurrence/js"
    init = (
        Path(__file__).resolve().parents[1]
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


def test_a_conference_with_sessions_keeps_its_time_zone(index):
    from wagtail_events.editing.validation import validate_event

    conference = f.conference(index)
    f.panel(conference, f.local(2024, 4, 19, 10), f.local(2024, 4, 19, 11))
    data = {"time_zone": "Europe/London"}
    fields = [field for field, _message in validate_event(conference, data, index)]
    assert fields == ["time_zone"]
    # The same zone, or a conference without sessions, is fine.
    assert validate_event(conference, {"time_zone": f.BRUSSELS}, index) == []
    empty = f.conference(index)
    assert validate_event(empty, data, index) == []
