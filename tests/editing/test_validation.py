"""The rules an event page must follow, with the editors' messages.

Mostly through the admin form POST, as an editor meets them; some rules directly
through ``validation.validate_event``. Bad input changes nothing.
"""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Page

from tests import factories as f
from wagtail_events.editing import validation
from wagtail_events.models import (
    ConferencePage,
    PanelPage,
    ProgrammeItem,
    SiteVisitPage,
    SiteVisitRun,
    WorkshopPage,
)


UTC = datetime.UTC
END_AFTER_START = "The end must be after the start."


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


@pytest.fixture
def venue(db):
    return f.venue(rooms=["Auditorium", "Dijlezaal"])


@pytest.fixture
def conference(index, venue):
    return f.conference(
        index,
        title="Diversity conference",
        venue=venue,
        start=f.local(2024, 4, 19, 8, 15),
        end=f.local(2024, 4, 20, 18, 0),
    )


@pytest.fixture
def auditorium(venue):
    return f.room(venue, "Auditorium")


def add_url(model, parent):
    return reverse(
        "wagtailadmin_pages:add",
        args=(model._meta.app_label, model._meta.model_name, parent.pk),
    )


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


class Refused:
    """What a refused POST left behind: the form's errors, by field and by row."""

    def __init__(self, response):
        assert response.status_code == 200, (
            f"expected the form again with errors, got {response.status_code}"
        )
        self.form = response.context["form"]
        self.html = response.content.decode()
        assert not self.form.is_valid()

    def on(self, field):
        return [str(message) for message in self.form.errors.get(field, [])]

    def on_row(self, formset, index, field):
        row = self.form.formsets[formset].forms[index]
        return [str(message) for message in row.errors.get(field, [])]


def post_refused(client, url, data):
    pages_before = Page.objects.count()
    refused = Refused(client.post(url, data))
    assert Page.objects.count() == pages_before
    return refused


# End before start


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2024-04-19 10:00", "2024-04-19 09:00"),
        ("2024-04-19 10:00", "2024-04-19 10:00"),
    ],
)
def test_end_before_start(client, editor, index, start, end):
    data = f.conference_form_data(start=start, end=end)
    refused = post_refused(client, add_url(ConferencePage, index), data)
    assert refused.on("end") == [END_AFTER_START]
    assert END_AFTER_START in refused.html


def test_end_before_start_on_edit_changes_nothing(client, editor, conference):
    revisions = conference.revisions.count()
    data = f.conference_form_data(
        title="Renamed",
        slug=conference.slug,
        start="2024-04-19 10:00",
        end="2024-04-18 10:00",
        **{"action-publish": "1"},
    )
    refused = post_refused(client, edit_url(conference), data)
    assert refused.on("end") == [END_AFTER_START]
    conference.refresh_from_db()
    assert conference.title == "Diversity conference"
    assert conference.start == utc(2024, 4, 19, 6, 15)
    assert conference.end == utc(2024, 4, 20, 16, 0)
    assert conference.revisions.count() == revisions


# A session outside its conference


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2024-04-18 10:00", "2024-04-18 11:00"),
        ("2024-04-20 17:00", "2024-04-21 09:00"),
        ("2024-05-19 10:00", "2024-05-19 11:00"),
    ],
)
def test_session_outside_its_conference(client, editor, conference, start, end):
    data = f.session_form_data(start=start, end=end)
    refused = post_refused(client, add_url(PanelPage, conference), data)
    assert refused.on("start") == [
        "This must take place within the conference, from 2024-04-19 to 2024-04-20."
    ]


def test_session_on_the_last_evening_is_inside(client, editor, conference):
    data = f.session_form_data(start="2024-04-20 19:00", end="2024-04-20 23:00")
    response = client.post(add_url(PanelPage, conference), data)
    assert response.status_code == 302
    assert PanelPage.objects.child_of(conference).count() == 1


def test_one_day_conference_message(client, editor, index):
    conference = f.conference(index)  # 19 April 2024 only
    data = f.session_form_data(start="2024-04-20 10:00", end="2024-04-20 11:00")
    refused = post_refused(client, add_url(WorkshopPage, conference), data)
    assert refused.on("start") == [
        "This must take place on the day of the conference, 2024-04-19."
    ]


def test_days_are_the_conference_days_in_its_own_zone(client, editor, index):
    """00:30 on 20 April in Brussels is still 19 April in UTC: outside a conference
    of 19 April only."""
    conference = f.conference(index)
    data = f.session_form_data(start="2024-04-20 00:30", end="2024-04-20 01:00")
    refused = post_refused(client, add_url(PanelPage, conference), data)
    assert refused.on("start")


# Two sessions in one room


@pytest.fixture
def morning_panel(conference, auditorium):
    return f.panel(
        conference,
        f.local(2024, 4, 19, 10, 0),
        f.local(2024, 4, 19, 12, 0),
        title="Leading the charge",
        room=auditorium,
    )


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2024-04-19 11:00", "2024-04-19 13:00"),  # overlaps the end
        ("2024-04-19 09:00", "2024-04-19 10:30"),  # overlaps the start
        ("2024-04-19 10:30", "2024-04-19 11:00"),  # inside
        ("2024-04-19 09:00", "2024-04-19 13:00"),  # around
        ("2024-04-19 10:00", "2024-04-19 12:00"),  # the same
    ],
)
@pytest.mark.parametrize("model", [PanelPage, WorkshopPage, SiteVisitPage])
def test_room_clash(
    client, editor, conference, morning_panel, auditorium, start, end, model
):
    kind = {PanelPage: "panel", WorkshopPage: "workshop", SiteVisitPage: "site_visit"}
    data = f.session_form_data(kind[model], start=start, end=end, room=auditorium.pk)
    refused = post_refused(client, add_url(model, conference), data)
    assert refused.on("room") == [
        "Auditorium is already taken by “Leading the charge” from 10:00 to 12:00. "
        "Choose another room or time."
    ]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2024-04-19 12:00", "2024-04-19 13:00"),
        ("2024-04-19 09:00", "2024-04-19 10:00"),
    ],
)
def test_back_to_back_is_no_clash(
    client, editor, conference, morning_panel, auditorium, start, end
):
    data = f.session_form_data(start=start, end=end, room=auditorium.pk)
    response = client.post(add_url(PanelPage, conference), data)
    assert response.status_code == 302
    assert PanelPage.objects.filter(room=auditorium).count() == 2


def test_another_room_is_no_clash(client, editor, conference, morning_panel, venue):
    data = f.session_form_data(
        start="2024-04-19 10:00",
        end="2024-04-19 12:00",
        room=f.room(venue, "Dijlezaal").pk,
    )
    response = client.post(add_url(PanelPage, conference), data)
    assert response.status_code == 302


def test_no_room_is_no_clash(client, editor, conference, morning_panel):
    data = f.session_form_data(start="2024-04-19 10:00", end="2024-04-19 12:00")
    assert client.post(add_url(PanelPage, conference), data).status_code == 302


def test_page_is_no_clash_with_itself(client, editor, morning_panel, auditorium):
    data = f.session_form_data(
        title="Leading the charge, revised",
        slug=morning_panel.slug,
        start="2024-04-19 10:30",
        end="2024-04-19 12:30",
        room=auditorium.pk,
        **{"action-publish": "1"},
    )
    response = client.post(edit_url(morning_panel), data)
    assert response.status_code == 302
    morning_panel.refresh_from_db()
    assert morning_panel.title == "Leading the charge, revised"
    assert morning_panel.start == utc(2024, 4, 19, 8, 30)


def test_clash_on_edit_changes_nothing(
    client, editor, conference, morning_panel, venue, auditorium
):
    other = f.panel(
        conference,
        f.local(2024, 4, 19, 10, 0),
        f.local(2024, 4, 19, 12, 0),
        title="Elsewhere",
        room=f.room(venue, "Dijlezaal"),
    )
    data = f.session_form_data(
        title="Moved",
        slug=other.slug,
        start="2024-04-19 10:00",
        end="2024-04-19 12:00",
        room=auditorium.pk,
        **{"action-publish": "1"},
    )
    refused = post_refused(client, edit_url(other), data)
    assert "Leading the charge" in refused.on("room")[0]
    other.refresh_from_db()
    assert other.title == "Elsewhere"
    assert other.room == f.room(venue, "Dijlezaal")


def test_clash_shows_times_in_the_event_zone(db, auditorium, conference):
    f.panel(
        conference,
        f.local(2024, 4, 19, 14, 0),
        f.local(2024, 4, 19, 15, 0),
        title="Afternoon",
        room=auditorium,
    )
    new = PanelPage(time_zone="Europe/Brussels")
    errors = validation.validate_event(
        new,
        {
            "start": f.local(2024, 4, 19, 14, 30),
            "end": f.local(2024, 4, 19, 16, 0),
            "room": auditorium,
            "time_zone": "Europe/Brussels",
        },
        conference,
    )
    assert errors == [
        (
            "room",
            "Auditorium is already taken by “Afternoon” from 14:00 to 15:00. "
            "Choose another room or time.",
        )
    ]


# Site visits, online events


def test_site_visit_without_meeting_point(client, editor, conference):
    data = f.session_form_data("site_visit", meeting_point="  ")
    refused = post_refused(client, add_url(SiteVisitPage, conference), data)
    assert refused.on("meeting_point") == [
        "A site visit needs a meeting point, so that people know where to go."
    ]


@pytest.mark.parametrize("mode", ["online", "mixed"])
def test_online_event_without_online_address(client, editor, conference, mode):
    data = f.session_form_data(attendance_mode=mode, online_url="")
    refused = post_refused(client, add_url(PanelPage, conference), data)
    assert refused.on("online_url") == [
        "An event that people follow online needs the address where they join."
    ]


def test_online_event_with_invalid_address_has_one_message(client, editor, conference):
    data = f.session_form_data(attendance_mode="online", online_url="not a url")
    refused = post_refused(client, add_url(PanelPage, conference), data)
    assert len(refused.on("online_url")) == 1
    assert "needs the address" not in refused.on("online_url")[0]


def test_online_event_with_address(client, editor, conference):
    data = f.session_form_data(
        attendance_mode="mixed", online_url="https://example.org/stream"
    )
    assert client.post(add_url(PanelPage, conference), data).status_code == 302


# Programme items and further runs


def test_programme_item_ending_before_it_starts(client, editor, index):
    data = f.conference_form_data(
        start="2024-04-19 09:00",
        end="2024-04-19 18:00",
        programme_items=[
            {"title": "Lunch", "start": "2024-04-19 13:00", "end": "2024-04-19 12:00"}
        ],
    )
    refused = post_refused(client, add_url(ConferencePage, index), data)
    assert refused.on_row("programme_items", 0, "end") == [END_AFTER_START]
    assert END_AFTER_START in refused.html
    assert not ProgrammeItem.objects.exists()


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2024-04-18 12:00", "2024-04-18 13:00"),
        ("2024-04-19 23:00", "2024-04-20 01:00"),
    ],
)
def test_programme_item_outside_the_conference_days(client, editor, index, start, end):
    data = f.conference_form_data(
        start="2024-04-19 09:00",
        end="2024-04-19 18:00",
        programme_items=[{"title": "Dinner", "start": start, "end": end}],
    )
    refused = post_refused(client, add_url(ConferencePage, index), data)
    assert refused.on_row("programme_items", 0, "start") == [
        "This must take place on the day of the conference, 2024-04-19."
    ]
    assert not ProgrammeItem.objects.exists()


def test_programme_item_on_edit_changes_nothing(client, editor, conference):
    item = f.programme_item(
        conference, f.local(2024, 4, 19, 12), f.local(2024, 4, 19, 13), title="Lunch"
    )
    data = f.conference_form_data(
        title=conference.title,
        slug=conference.slug,
        start="2024-04-19 08:15",
        end="2024-04-20 18:00",
        programme_items=[
            {
                "id": item.pk,
                "title": "Late lunch",
                "start": "2024-04-25 12:00",
                "end": "2024-04-25 13:00",
            }
        ],
        **{"action-publish": "1"},
    )
    data["programme_items-INITIAL_FORMS"] = "1"
    refused = post_refused(client, edit_url(conference), data)
    assert refused.on_row("programme_items", 0, "start") == [
        "This must take place within the conference, from 2024-04-19 to 2024-04-20."
    ]
    item.refresh_from_db()
    assert (item.title, item.start) == ("Lunch", utc(2024, 4, 19, 10, 0))


def test_deleted_programme_item_is_not_checked(client, editor, index):
    data = f.conference_form_data(
        start="2024-04-19 09:00",
        end="2024-04-19 18:00",
        programme_items=[
            {
                "title": "Wrong",
                "start": "2024-04-19 13:00",
                "end": "2024-04-19 12:00",
                "DELETE": "1",
            }
        ],
    )
    assert client.post(add_url(ConferencePage, index), data).status_code == 302
    assert not ProgrammeItem.objects.exists()


def test_site_visit_run_ending_before_it_starts(client, editor, conference):
    data = f.session_form_data(
        "site_visit", runs=[("2024-04-19 15:00", "2024-04-19 14:00")]
    )
    refused = post_refused(client, add_url(SiteVisitPage, conference), data)
    assert refused.on_row("runs", 0, "end") == [END_AFTER_START]
    assert not SiteVisitRun.objects.exists()


def test_site_visit_run_outside_the_conference(client, editor, conference):
    data = f.session_form_data(
        "site_visit", runs=[("2024-04-21 14:00", "2024-04-21 15:00")]
    )
    refused = post_refused(client, add_url(SiteVisitPage, conference), data)
    assert refused.on_row("runs", 0, "start") == [
        "This must take place within the conference, from 2024-04-19 to 2024-04-20."
    ]


def test_run_of_a_site_visit_on_its_own_keeps_to_its_day(client, editor, index):
    data = f.session_form_data(
        "site_visit",
        start="2024-06-01 10:00",
        end="2024-06-01 12:00",
        runs=[("2024-06-02 10:00", "2024-06-02 12:00")],
    )
    refused = post_refused(client, add_url(SiteVisitPage, index), data)
    assert refused.on_row("runs", 0, "start") == [
        "This must take place on the same day as the event, 2024-06-01."
    ]


# Times that do not exist


NONEXISTENT = (
    "2024-03-31 02:30 does not exist in Europe/Brussels: the clocks go forward "
    "then. Choose a time before or after the change."
)


def test_nonexistent_local_time(client, editor, index):
    data = f.conference_form_data(start="2024-03-31 02:30", end="2024-03-31 18:00")
    refused = post_refused(client, add_url(ConferencePage, index), data)
    assert refused.on("start") == [NONEXISTENT]
    assert "does not exist in Europe/Brussels" in refused.html


def test_nonexistent_local_time_in_a_programme_item(client, editor, index):
    data = f.conference_form_data(
        start="2024-03-30 09:00",
        end="2024-03-31 18:00",
        programme_items=[
            {
                "title": "Night walk",
                "start": "2024-03-31 01:30",
                "end": "2024-03-31 02:30",
            }
        ],
    )
    refused = post_refused(client, add_url(ConferencePage, index), data)
    assert refused.on_row("programme_items", 0, "end") == [NONEXISTENT]


def test_nonexistent_local_time_of_a_session_uses_the_conference_zone(
    client, editor, index
):
    conference = f.conference(
        index,
        time_zone="America/New_York",
        start=f.local(2024, 3, 9, 9, 0, zone="America/New_York"),
        end=f.local(2024, 3, 10, 18, 0, zone="America/New_York"),
    )
    data = f.session_form_data(start="2024-03-10 02:15", end="2024-03-10 04:00")
    refused = post_refused(client, add_url(PanelPage, conference), data)
    assert refused.on("start") == [
        "2024-03-10 02:15 does not exist in America/New_York: the clocks go forward "
        "then. Choose a time before or after the change."
    ]
    # 02:30 in Brussels that day is fine.
    data = f.session_form_data(start="2024-03-31 02:30", end="2024-03-31 04:00")
    refused = post_refused(client, add_url(PanelPage, conference), data)
    assert "does not exist" not in refused.html


# validate_event on its own


def test_validate_event_returns_every_problem_at_once(db):
    page = SiteVisitPage(time_zone="Europe/Brussels")
    errors = validation.validate_event(
        page,
        {
            "start": utc(2024, 4, 19, 10),
            "end": utc(2024, 4, 19, 9),
            "meeting_point": "",
            "attendance_mode": "online",
            "online_url": "",
            "time_zone": "Europe/Brussels",
        },
        None,
    )
    assert [field for field, message in errors] == [
        "end",
        "meeting_point",
        "online_url",
    ]


def test_validate_event_accepts_a_good_event(db):
    page = PanelPage(time_zone="Europe/Brussels")
    data = {
        "start": utc(2024, 4, 19, 10),
        "end": utc(2024, 4, 19, 11),
        "attendance_mode": "in_person",
        "online_url": "",
    }
    assert validation.validate_event(page, data, None) == []


def test_outside_conference_messages(db, conference):
    inside = validation.outside_conference(
        f.local(2024, 4, 20, 9), f.local(2024, 4, 20, 10), conference
    )
    outside = validation.outside_conference(
        f.local(2024, 4, 21, 9), f.local(2024, 4, 21, 10), conference
    )
    assert inside == []
    assert outside == [
        "This must take place within the conference, from 2024-04-19 to 2024-04-20."
    ]


def test_overlapping_session_ignores_translations(
    db, conference, auditorium, morning_panel
):
    same_key = PanelPage(translation_key=morning_panel.translation_key)
    assert (
        validation.overlapping_session(
            same_key, auditorium, morning_panel.start, morning_panel.end
        )
        is None
    )
    other = PanelPage()
    clash = validation.overlapping_session(
        other, auditorium, morning_panel.start, morning_panel.end
    )
    assert clash.title == "Leading the charge"
