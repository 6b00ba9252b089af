"""A series of meetings: its dates follow its live meetings, and its page lists
them, upcoming then past, with their speakers."""

import datetime

import pytest
from django.utils import timezone

from tests import factories as f
from wagtail_events.models import EventPage, Occurrence, SeriesPage
from wagtail_events.programme import series as series_dates


pytestmark = pytest.mark.django_db


def days(n, hours=0):
    return timezone.now().replace(microsecond=0) + datetime.timedelta(
        days=n, hours=hours
    )


def stored(page):
    return list(Occurrence.objects.filter(page_id=page.pk).values_list("start", "end"))


def fresh(page):
    return SeriesPage.objects.get(pk=page.pk)


def test_a_series_without_meetings_saves_and_has_no_dates():
    s = f.series(title="Reflection group")
    assert s.pk
    assert stored(s) == []
    assert series_dates.series_meetings(s).all == []


def test_the_span_follows_published_meetings():
    s = f.series()
    f.meeting(s, f.local(2024, 4, 24, 10), f.local(2024, 4, 24, 12))
    f.meeting(s, f.local(2022, 3, 1, 14), f.local(2022, 3, 1, 16))
    s = fresh(s)
    assert (s.start, s.end) == (f.local(2022, 3, 1, 14), f.local(2024, 4, 24, 12))
    # One stored date from the first meeting to the last: the index lists it once.
    assert stored(s) == [(s.start, s.end)]


def test_unpublishing_a_meeting_shrinks_the_span(
    django_capture_on_commit_callbacks,
):
    s = f.series()
    first = f.meeting(s, f.local(2022, 3, 1, 14), f.local(2022, 3, 1, 16))
    f.meeting(s, f.local(2024, 4, 24, 10), f.local(2024, 4, 24, 12))
    with django_capture_on_commit_callbacks(execute=True):
        first.unpublish()
    s = fresh(s)
    assert s.start == f.local(2024, 4, 24, 10)
    assert stored(s) == [(f.local(2024, 4, 24, 10), f.local(2024, 4, 24, 12))]


def test_deleting_the_last_meeting_leaves_no_dates(
    django_capture_on_commit_callbacks,
):
    s = f.series()
    only = f.meeting(s, f.local(2024, 4, 24, 10), f.local(2024, 4, 24, 12))
    assert stored(fresh(s))
    with django_capture_on_commit_callbacks(execute=True):
        only.delete()
    assert stored(fresh(s)) == []


# Committed, as on a site: the dates written at the commit are what failed.
# serialized_rollback brings back the site and root page for the next tests.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_series_with_meetings_can_be_deleted_with_its_index():
    """Deleting a series unpublishes its meetings first; their series' dates
    are not written again for a page being deleted (they would be left without
    it, and the delete would fail at the commit)."""
    index = f.event_index()
    s = f.series(index)
    f.meeting(s, f.local(2024, 4, 24, 10), f.local(2024, 4, 24, 12))
    other = f.series(index)
    f.meeting(other, f.local(2024, 5, 2, 10), f.local(2024, 5, 2, 12))
    s.delete()
    assert not SeriesPage.objects.filter(pk=s.pk).exists()
    assert not Occurrence.objects.filter(page_id=s.pk).exists()
    assert stored(fresh(other))  # the other series keeps its dates
    index.delete()
    assert not Occurrence.objects.exists()


def test_moving_a_meeting_to_another_series_updates_both():
    index = f.event_index()
    a, b = f.series(index), f.series(index)
    f.meeting(a, f.local(2023, 1, 10, 10), f.local(2023, 1, 10, 12))
    moving = f.meeting(a, f.local(2023, 6, 10, 10), f.local(2023, 6, 10, 12))
    moving.move(b, pos="last-child")
    assert fresh(a).end == f.local(2023, 1, 10, 12)
    assert (fresh(b).start, fresh(b).end) == (
        f.local(2023, 6, 10, 10),
        f.local(2023, 6, 10, 12),
    )
    assert stored(b) == [(f.local(2023, 6, 10, 10), f.local(2023, 6, 10, 12))]


def test_republishing_the_series_keeps_the_span_of_its_meetings():
    s = f.series()
    f.meeting(s, f.local(2024, 4, 24, 10), f.local(2024, 4, 24, 12))
    s = fresh(s)
    # A stale revision (from before the meeting) does not bring back its dates.
    s.start = s.end = f.local(2030, 1, 1)
    s.save_revision().publish()
    assert fresh(s).start == f.local(2024, 4, 24, 10)
    assert EventPage.objects.get(pk=s.pk).end == f.local(2024, 4, 24, 12)


def test_whole_day_meetings_make_a_whole_day_series():
    s = f.series()
    f.meeting(s, f.local(2024, 4, 24), f.local(2024, 4, 24, 23, 59), all_day=True)
    assert fresh(s).all_day


def test_meetings_upcoming_then_past_with_speakers(django_assert_num_queries):
    s = f.series()
    vitorino = f.person("António Vitorino", role="Director General of IOM")
    past = f.meeting(
        s, days(-30), days(-30, 2), title="Kick-off", speakers=[f.speaker(vitorino)]
    )
    older = f.meeting(s, days(-60), days(-60, 2), title="Older")
    soon = f.meeting(s, days(3), days(3, 2), title="Soon")
    later = f.meeting(s, days(30), days(30, 2), title="Later")
    s = fresh(s)
    with django_assert_num_queries(2):
        meetings = series_dates.series_meetings(s)
    assert [m.page.pk for m in meetings.upcoming] == [soon.pk, later.pk]
    assert [m.page.pk for m in meetings.past] == [past.pk, older.pk]
    speaker = meetings.past[0].speakers[0].speakers[0]
    assert (speaker.name, speaker.role) == (
        "António Vitorino",
        "Director General of IOM",
    )


def test_the_series_page_lists_its_meetings(client):
    s = f.series(title="Lecture series")
    f.meeting(s, days(-30), days(-30, 2), title="First lecture")
    f.meeting(s, days(5), days(5, 2), title="Next lecture")
    page = client.get(fresh(s).url).content.decode()
    assert "EventSeries" in page
    html = page[page.index('id="meetings"') :]
    assert html.index("Upcoming meetings") < html.index("Next lecture")
    assert html.index("Next lecture") < html.index("Past meetings")
    assert html.index("Past meetings") < html.index("First lecture")


def test_a_series_without_meetings_shows_no_date(client):
    s = f.series(title="Lecture series")
    html = client.get(s.url).content.decode()
    assert "No meetings have been announced yet." in html
    assert 'class="we-when"' not in html


def test_editors_create_a_series_without_dates_then_a_meeting(admin_client):
    from wagtail.test.utils.form_data import inline_formset, rich_text

    index = f.event_index()
    data = f._page_form_data(
        {"introduction": rich_text(""), "organisations": inline_formset([])},
        ("body",),
        title="Reflection group",
        slug="reflection-group",
    )
    data["action-publish"] = "action-publish"
    for name in ("start", "end", "all_day", "recurrence", "occurrence_changes"):
        data = {k: v for k, v in data.items() if not k.startswith(name)}
    response = admin_client.post(
        f"/admin/pages/add/wagtail_events/seriespage/{index.pk}/", data
    )
    assert response.status_code == 302, response.context["form"].errors
    s = SeriesPage.objects.get(slug="reflection-group")
    assert s.live and stored(s) == []

    meeting = f.session_form_data(
        title="Closing session",
        slug="closing-session",
        start="2024-04-24 10:00",
        end="2024-04-24 12:00",
    )
    meeting = {k: v for k, v in meeting.items() if not k.startswith("track")}
    meeting["action-publish"] = "action-publish"
    response = admin_client.post(
        f"/admin/pages/add/wagtail_events/meetingpage/{s.pk}/", meeting
    )
    assert response.status_code == 302, response.context["form"].errors
    assert stored(s) == [(f.local(2024, 4, 24, 10), f.local(2024, 4, 24, 12))]
    assert admin_client.get(f"/admin/pages/{s.pk}/edit/").status_code == 200
