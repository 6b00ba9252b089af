"""An event whose date is to be announced, as an editor enters it: nothing
typed that is not known, and clear messages for what cannot be undated."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Page

from tests import factories as f
from wagtail_events.models import ConferencePage, MeetingPage, PanelPage, SiteVisitPage


pytestmark = pytest.mark.django_db

TBA = {"date_to_be_announced": "on", "start": "", "end": ""}


def add_url(model, parent):
    return reverse(
        "wagtailadmin_pages:add",
        args=(model._meta.app_label, model._meta.model_name, parent.pk),
    )


def errors(response):
    assert response.status_code == 200, "expected the form again with errors"
    form = response.context["form"]
    return {name: [str(m) for m in messages] for name, messages in form.errors.items()}


def test_a_conference_with_only_a_weekday_and_hours(client, editor, index):
    data = f.conference_form_data(
        **TBA,
        announced_weekday="3",
        announced_start_time="14:00",
        announced_end_time="18:30",
        **{"action-publish": "1"},
    )
    response = client.post(add_url(ConferencePage, index), data)
    assert response.status_code == 302
    page = ConferencePage.objects.child_of(index).get()
    assert page.live and page.date_to_be_announced and not page.is_dated
    assert (page.start, page.end) == (None, None)
    assert page.announced_weekday == 3
    assert page.announced_start_time == datetime.time(14, 0)
    assert page.announced_end_time == datetime.time(18, 30)
    assert not page.occurrences.exists()


def test_nothing_known_at_all(client, editor, index):
    response = client.post(add_url(PanelPage, index), f.session_form_data(**TBA))
    assert response.status_code == 302
    page = PanelPage.objects.child_of(index).get()
    assert page.date_to_be_announced and page.announced_weekday is None


def test_a_date_is_needed_unless_to_be_announced(client, editor, index):
    data = f.conference_form_data(start="", end="")
    found = errors(client.post(add_url(ConferencePage, index), data))
    message = (
        "Enter the date and time, or tick “date to be announced” if it is not "
        "known yet."
    )
    assert found["start"] == [message]
    assert found["end"] == [message]


def test_a_meeting_always_needs_its_date(client, editor, index):
    series = f.series(index)
    data = f.session_form_data(start="", end="")
    found = errors(client.post(add_url(MeetingPage, series), data))
    assert found["start"] == ["Enter the date and time."]


def test_dates_typed_with_to_be_announced(client, editor, index):
    data = f.conference_form_data(date_to_be_announced="on")
    found = errors(client.post(add_url(ConferencePage, index), data))
    assert found["start"] == [
        "Leave the start and end empty while the date is to be announced, or "
        "untick “date to be announced”."
    ]
    assert Page.objects.type(ConferencePage).count() == 0


def test_known_hours_in_order(client, editor, index):
    data = f.conference_form_data(
        **TBA, announced_start_time="18:30", announced_end_time="14:00"
    )
    found = errors(client.post(add_url(ConferencePage, index), data))
    assert found["announced_end_time"] == ["The end must be after the start."]
    data = f.conference_form_data(**TBA, announced_end_time="18:30")
    found = errors(client.post(add_url(ConferencePage, index), data))
    assert found["announced_start_time"] == ["Give the start time with the end time."]


def test_cannot_repeat(client, editor, index):
    data = f.session_form_data(**TBA, recurrence="RRULE:FREQ=WEEKLY")
    found = errors(client.post(add_url(PanelPage, index), data))
    assert found["recurrence"] == [
        "An event whose date is to be announced cannot repeat yet: add the rule "
        "once its first date is known."
    ]


def test_no_programme_items_or_further_runs(client, editor, index):
    data = f.conference_form_data(
        **TBA,
        programme_items=[
            {"title": "Stands", "start": "2024-06-20 14:00", "end": "2024-06-20 18:30"}
        ],
    )
    response = client.post(add_url(ConferencePage, index), data)
    assert response.status_code == 200
    row = response.context["form"].formsets["programme_items"].forms[0]
    assert [str(m) for m in row.errors["start"]] == [
        "The event’s date is to be announced: add this once the date is set. "
        "Until then, describe it in the body."
    ]
    data = f.session_form_data(
        kind="site_visit", **TBA, runs=[("2024-06-20 14:00", "2024-06-20 15:00")]
    )
    response = client.post(add_url(SiteVisitPage, index), data)
    assert response.status_code == 200
    assert Page.objects.type(ConferencePage, SiteVisitPage).count() == 0


def test_a_session_of_a_conference_needs_its_time(client, editor, index):
    conference = f.conference(index)
    found = errors(
        client.post(add_url(PanelPage, conference), f.session_form_data(**TBA))
    )
    assert found["date_to_be_announced"] == [
        "A session takes place at a time within its conference: give it its date "
        "and time."
    ]


def test_no_dated_sessions_under_an_undated_conference(client, editor, index):
    conference = f.undated_conference(index)
    found = errors(client.post(add_url(PanelPage, conference), f.session_form_data()))
    assert found["start"] == [
        "The conference’s date is to be announced: give it its date before its "
        "sessions get their times."
    ]


def test_a_conference_with_sessions_keeps_its_date(client, editor, index):
    conference = f.conference(index)
    f.panel(conference, conference.start, conference.end)
    url = reverse("wagtailadmin_pages:edit", args=(conference.pk,))
    data = f.conference_form_data(**TBA, slug=conference.slug, title=conference.title)
    found = errors(client.post(url, data))
    assert found["date_to_be_announced"] == [
        "This conference has sessions, which have dates and times. Keep the "
        "conference’s date, or move its sessions first."
    ]


def test_setting_the_date_later(client, editor, index):
    page = f.undated_conference(
        index, announced_weekday=3, announced_start_time=datetime.time(14)
    )
    page.save_revision().publish()
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = f.conference_form_data(
        slug=page.slug,
        title=page.title,
        start="2026-06-18 14:00",
        end="2026-06-18 18:30",
        # Still on the form from before: the date says it now.
        announced_weekday="3",
        announced_start_time="14:00",
        **{"action-publish": "1"},
    )
    assert client.post(url, data).status_code == 302
    page.refresh_from_db()
    assert page.is_dated and not page.date_to_be_announced
    assert (page.announced_weekday, page.announced_start_time) == (None, None)
    assert page.occurrences.count() == 1
