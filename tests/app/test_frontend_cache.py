"""Front-end cache purges (``wagtail_events.frontend_cache``): the addresses a
recording backend is asked to purge after a publish, an unpublish, a delete, a
registration, a cancellation and a horizon extension, in each language; and
nothing at all on a site without a front-end cache."""

import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.test import override_settings

from tests import factories as f
from tests.purge_backend import SETTINGS, RecordingBackend
from wagtail_events import frontend_cache, tasks
from wagtail_events.exchange import frab_import
from wagtail_events.models import EventPage, Occurrence, OccurrenceHorizon
from wagtail_events.registration import changes, writer
from wagtail_events.registration.session_choices import session_options


pytestmark = pytest.mark.django_db

NOW = f.local(2024, 3, 1, 12)
DAY = (2024, 4, 19)


@pytest.fixture
def purged():
    RecordingBackend.take()
    with override_settings(**SETTINGS):
        yield RecordingBackend
    RecordingBackend.take()


@pytest.fixture
def programme(index):
    form = f.registration_form(capacity=1, waiting_list=True)
    conf = f.conference(index, title="Diversity day", slug="diversity")
    session = f.panel(
        conf,
        f.local(*DAY, 10),
        f.local(*DAY, 11),
        slug="leading",
        registration_form=form,
    )
    return index, conf, session, form


def url(page, name=""):
    return page.get_full_url() + name


def page_and_files(page, *names):
    return {url(page), *(url(page, name) for name in names)}


CONFERENCE_FILES = ("calendar.ics", "agenda.ics", "schedule.json", "schedule.xml")


def publish(page):
    with f.run_after_commit():
        page.specific.save_revision().publish()


def test_publishing_a_session_purges_it_its_conference_and_the_index(purged, programme):
    index, conf, session, _form = programme
    publish(session)
    assert purged.take() == (
        page_and_files(session, "calendar.ics")
        | page_and_files(conf, *CONFERENCE_FILES)
        | page_and_files(index, "calendar.ics")
    )
    assert url(session) == f"http://localhost/{index.slug}/diversity/leading/"


def test_publishing_a_conference_purges_it_and_the_index(purged, programme):
    index, conf, _session, _form = programme
    publish(conf)
    assert purged.take() == (
        page_and_files(conf, *CONFERENCE_FILES) | page_and_files(index, "calendar.ics")
    )


def test_publishing_an_index_purges_it_and_its_feed(purged, programme):
    index, _conf, _session, _form = programme
    publish(index)
    assert purged.take() == page_and_files(index, "calendar.ics")


def test_unpublishing_and_deleting_a_session(purged, programme):
    index, conf, session, _form = programme
    expected = (
        page_and_files(session, "calendar.ics")
        | page_and_files(conf, *CONFERENCE_FILES)
        | page_and_files(index, "calendar.ics")
    )
    with f.run_after_commit():
        session.unpublish()
    assert purged.take() == expected
    with f.run_after_commit():
        session.delete()
    assert purged.take() == expected


def test_a_registration_and_a_cancellation_purge_the_pages_that_show_places(
    purged, programme
):
    index, conf, session, form = programme
    pages = {url(session), url(conf), url(index)}
    with f.run_after_commit():
        first = writer.register(session, form, name="Ann", email="a@x.org", now=NOW)
    assert purged.take() == pages
    with f.run_after_commit():
        writer.register(session, form, name="Bob", email="b@x.org", now=NOW)
    assert purged.take() == pages
    # Ann gives her place back, Bob is promoted: one purge for both.
    with f.run_after_commit():
        changes.cancel(first.token, now=NOW)
    assert purged.take() == pages


def test_a_registration_with_sessions_purges_the_sessions_too(purged, index):
    """The sessions chosen with a conference's registration are inserted in
    one query, past the model's save: their places are purged all the same."""
    start = f.local(*DAY, 9)
    conf = f.conference(
        index,
        start=start,
        end=start + datetime.timedelta(hours=9),
        registration_form=f.registration_form(capacity=10),
        slug="with-sessions",
    )
    workshop = f.workshop(
        conf,
        f.local(*DAY, 10),
        f.local(*DAY, 11),
        registration_form=f.registration_form(capacity=1, waiting_list=True),
    )
    (option,) = session_options(conf, NOW)
    purged.take()
    with f.run_after_commit():
        writer.register(
            conf,
            conf.registration_form,
            name="Ann",
            email="a@x.org",
            sessions=[option.value],
            now=NOW,
        )
    assert url(workshop) in purged.take()


def test_places_are_purged_in_every_language(purged, programme):
    index, conf, session, form = programme
    dutch_index = f.translate(index)
    with f.run_after_commit():
        dutch_index.save_revision().publish()
    purged.take()
    dutch = session.get_translation(dutch_index.locale)
    assert dutch.live
    with f.run_after_commit():
        writer.register(session, form, name="Ann", email="a@x.org", now=NOW)
    pages = {url(session), url(conf), url(index)}
    dutch_pages = {url(dutch), url(dutch.get_parent()), url(dutch_index)}
    assert url(dutch_index).startswith("http://localhost/nl/")
    assert purged.take() == pages | dutch_pages


def test_a_horizon_extension_that_adds_dates_purges_the_event(purged, index):
    start = f.local(2024, 4, 19, 10)
    weekly = f.repeating(
        index, start, start + datetime.timedelta(hours=1), "RRULE:FREQ=WEEKLY"
    )
    f.repeating(
        index,
        start,
        start + datetime.timedelta(hours=1),
        "RRULE:FREQ=WEEKLY;COUNT=3",
    )
    last = weekly.occurrences.order_by("-start").first()
    # As if the horizon had moved: its last date is not stored yet, and is next.
    Occurrence.objects.filter(pk=last.pk).delete()
    wall_clock = last.original_start.astimezone(ZoneInfo(weekly.time_zone))
    OccurrenceHorizon.objects.filter(page=weekly).update(
        next_start=wall_clock.replace(tzinfo=datetime.UTC),
        resume=[wall_clock.replace(tzinfo=None).isoformat()],
    )
    with f.run_after_commit():
        tasks.extend_occurrences.call()
    # The event that got a date, not the one whose dates are all there.
    assert purged.take() == (
        page_and_files(weekly, "calendar.ics") | page_and_files(index, "calendar.ics")
    )
    with f.run_after_commit():
        tasks.extend_occurrences.call()
    assert purged.take() == set()


def test_one_transaction_is_one_purge(purged, programme, monkeypatch):
    index, conf, session, _form = programme
    batches = []
    monkeypatch.setattr(
        frontend_cache, "_enqueue", lambda *batch: batches.append(batch)
    )
    other = f.workshop(conf, f.local(*DAY, 12), f.local(*DAY, 13))
    with f.run_after_commit():
        for page in (session, other, conf):
            page.save_revision().publish()
    assert len(batches) == 1
    page_ids, event_keys, urls = batches[0]
    assert page_ids == sorted([session.pk, other.pk, conf.pk])
    assert (event_keys, urls) == ([], [])


def test_a_site_without_a_front_end_cache_costs_nothing(programme, monkeypatch):
    index, conf, session, form = programme
    monkeypatch.setattr(frontend_cache, "_enqueue", pytest.fail)
    with f.run_after_commit() as callbacks:
        session.save_revision().publish()
        writer.register(session, form, name="Ann", email="a@x.org", now=NOW)
    assert not any("frontend_cache" in repr(c) for c in callbacks)
    # Wagtail's backend set without its app installed: still nothing.
    monkeypatch.setattr(frontend_cache.apps, "is_installed", lambda name: False)
    with override_settings(**SETTINGS):
        assert not frontend_cache.enabled()


def test_a_rolled_back_change_purges_nothing_and_the_next_one_does(purged, programme):
    index, conf, session, _form = programme
    with f.run_after_commit():
        with pytest.raises(RuntimeError), transaction.atomic():
            session.save_revision().publish()
            raise RuntimeError
    # Wagtail's own handler purges the page at once, commit or not; the
    # package's purges wait for the commit.
    assert purged.take() <= {url(session)}
    publish(conf)
    assert url(index, "calendar.ics") in purged.take()


def test_a_schedule_import_purges_the_conference_and_its_sessions(purged, index):
    conf = f.conference(
        index,
        venue=f.venue("Small venue", rooms=["Room A"]),
        start=f.local(2024, 4, 19, 9),
        end=f.local(2024, 4, 20, 18),
    )
    data = (Path(__file__).parents[1] / "data" / "frab" / "small.json").read_text()
    with f.run_after_commit():
        frab_import.import_schedule(conf, data)
    sessions = EventPage.objects.child_of(conf)
    assert len(sessions) == 2
    assert purged.take() == (
        set().union(*(page_and_files(s, "calendar.ics") for s in sessions))
        | page_and_files(conf, *CONFERENCE_FILES)
        | page_and_files(index, "calendar.ics")
    )
    with f.run_after_commit():
        frab_import.import_schedule(conf, data, dry_run=True)
    assert purged.take() == set()


def test_outside_a_transaction_the_purge_is_sent_at_once(
    purged, programme, monkeypatch
):
    index, conf, session, _form = programme
    batches = []
    monkeypatch.setattr(
        frontend_cache, "_enqueue", lambda *batch: batches.append(batch)
    )
    registration = f.registration(session)
    monkeypatch.setattr(frontend_cache, "_in_transaction", lambda connection: False)
    frontend_cache.page_changed(type(session), session)
    frontend_cache.places_changed(None, registration)
    assert batches == [
        ([session.pk], [], []),
        ([], [str(session.translation_key)], []),
    ]


def test_publishing_a_meeting_purges_its_series_and_the_index(purged, index):
    series = f.series(index)
    meeting = f.meeting(series, f.local(*DAY, 19), f.local(*DAY, 21))
    publish(meeting)
    assert purged.take() == (
        page_and_files(meeting, "calendar.ics")
        | page_and_files(series, "calendar.ics")
        | page_and_files(index, "calendar.ics")
    )


def test_a_change_that_leaves_the_places_alone_purges_nothing(purged, programme):
    _index, _conf, session, _form = programme
    with f.run_after_commit():
        registration = f.registration(session)
    assert url(session) in purged.take()
    registration.answers = {"diet": "vegetarian"}
    with f.run_after_commit():
        registration.save(update_fields=["answers"])
    assert purged.take() == set()


def test_renaming_a_conference_purges_the_addresses_it_and_its_sessions_had(
    purged, programme
):
    index, conf, session, _form = programme
    old = page_and_files(conf, *CONFERENCE_FILES) | page_and_files(
        session, "calendar.ics"
    )
    conf.slug = "diversity-2024"
    publish(conf)
    conf.refresh_from_db()
    session.refresh_from_db()
    assert url(session) == f"http://localhost/{index.slug}/diversity-2024/leading/"
    # The old addresses, and (Wagtail's and the publish's) the new ones.
    assert old <= purged.take() - page_and_files(index, "calendar.ics")
    assert f"http://localhost/{index.slug}/diversity/leading/calendar.ics" in old


def test_moving_a_session_purges_its_old_address_and_its_old_conference(
    purged, programme
):
    index, conf, session, _form = programme
    other = f.conference(index, title="Other day", slug="other")
    old = page_and_files(session, "calendar.ics")
    purged.take()
    with f.run_after_commit():
        session.move(other, pos="last-child")
    assert purged.take() >= (
        old
        | page_and_files(conf, *CONFERENCE_FILES)
        | page_and_files(other, *CONFERENCE_FILES)
    )
    session.refresh_from_db()
    assert url(session) == f"http://localhost/{index.slug}/other/leading/"


def test_saving_a_page_without_changing_its_address_purges_no_old_one(
    purged, programme
):
    _index, conf, _session, _form = programme
    with f.run_after_commit():
        conf.title = "Diversity day 2024"
        conf.save()
    assert purged.take() == set()
