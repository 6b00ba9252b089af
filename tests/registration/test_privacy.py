"""Personal data of registrations: erasing one registration or one address,
exporting it, the retention setting with its command and task, and that pages
copied or translated never take registrations with them."""

import collections
import datetime
import json
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import Locale

from tests import factories
from wagtail_events import tasks
from wagtail_events.models import Registration, RegistrationStatus
from wagtail_events.registration import availability, changes, keys, privacy, writer
from wagtail_events.registration.errors import InvalidToken


pytestmark = pytest.mark.django_db

S = RegistrationStatus
BRUSSELS = ZoneInfo("Europe/Brussels")
DAY = datetime.timedelta(days=1)
START = factories.local(2024, 4, 19, 9)
END = factories.local(2024, 4, 19, 18)
RETENTION = datetime.timedelta(days=365)  # the default setting


def make_event(index, start=START, end=END, **fields):
    return factories.workshop(
        factories.conference(index, start=start, end=end),
        start,
        end,
        registration_form=factories.registration_form(),
        **fields,
    )


def weekly_event(index, weeks=10):
    """Tuesdays 19:00-20:30 in Brussels from 5 March 2024, across the clock change
    of 31 March 2024."""
    return factories.repeating(
        index,
        factories.local(2024, 3, 5, 19),
        factories.local(2024, 3, 5, 20, 30),
        f"RRULE:FREQ=WEEKLY;COUNT={weeks}",
        registration_form=factories.registration_form(capacity=5),
    )


def register(page, email="ann@example.org", **kwargs):
    # Before every date of the demo events, so that each can still be chosen.
    kwargs.setdefault("now", factories.local(2024, 3, 1, 12))
    return writer.register(
        page,
        page.registration_form,
        name=kwargs.pop("name", email.split("@")[0].capitalize()),
        email=email,
        **kwargs,
    )


def row(page, email, status=S.CONFIRMED, occurrence_key="", **fields):
    """A registration saved directly, with personal data to erase, for tests
    that need many of them."""
    return factories.registration(
        page,
        email,
        status,
        date=occurrence_key,
        answers={"organisation": "City of Mechelen"},
        accessibility_needs=["induction_loop"],
        accessibility_details="Front row, please.",
        language="nl",
        **fields,
    )


def is_erased(registration):
    registration.refresh_from_db()
    return registration.erased_at is not None


def assert_erased(registration):
    registration.refresh_from_db()
    assert registration.erased_at is not None
    assert (registration.name, registration.email) == ("", "")
    assert registration.answers == {}
    assert registration.accessibility_needs == []
    assert registration.accessibility_details == ""


def counts():
    """What the organiser counts: per event, date and status."""
    return collections.Counter(
        Registration.objects.values_list("event_key", "occurrence_key", "status")
    )


# Erasing one registration


def test_erase_empties_personal_data_and_keeps_what_is_counted(index):
    page = make_event(index)
    outcome = register(
        page,
        answers={"organisation": "Mechelen"},
        accessibility_needs=["sign_language"],
        accessibility_details="Flemish Sign Language",
        language="nl",
    )
    other = register(page, email="bob@example.org").registration
    r = outcome.registration
    kept = (r.status, r.event_key, r.occurrence_key, r.page_id, r.language)
    created_at = r.created_at
    before = counts()
    now = factories.local(2025, 1, 1, 12)

    erased = privacy.erase(r, now=now)

    assert erased is r
    assert_erased(r)
    assert r.erased_at == now
    assert (r.status, r.event_key, r.occurrence_key, r.page_id, r.language) == kept
    assert r.created_at == created_at
    assert counts() == before
    assert availability.places_taken(page.translation_key) == 2
    other.refresh_from_db()
    assert (other.email, other.erased_at) == ("bob@example.org", None)


def test_erased_registrations_cancellation_link_stops_working(index):
    page = make_event(index)
    outcome = register(page)
    privacy.erase(outcome.registration)
    with pytest.raises(InvalidToken):
        changes.cancel(outcome.token)
    outcome.registration.refresh_from_db()
    assert outcome.registration.status == S.CONFIRMED


def test_erasing_again_changes_nothing(index):
    page = make_event(index)
    r = register(page).registration
    first = factories.local(2025, 1, 1, 12)
    privacy.erase(r, now=first)
    token_hash = r.cancellation_token_hash
    privacy.erase(r, now=first + DAY)
    r.refresh_from_db()
    assert (r.erased_at, r.cancellation_token_hash) == (first, token_hash)


def test_erase_takes_the_session_registrations_with_it(index):
    conference = factories.conference(index)
    session = factories.workshop(conference, START, END)
    parent = row(conference, "ann@example.org")
    child = row(session, "ann@example.org", parent=parent)
    stranger = row(session, "bob@example.org")

    privacy.erase(parent)

    assert_erased(parent)
    assert_erased(child)
    assert child.parent_id == parent.pk
    assert not is_erased(stranger)


# Export


def test_export_holds_everything_stored_about_the_person(index):
    conference = factories.conference(index, title="Local government approaches")
    session = factories.workshop(conference, START, END, title="Bystander training")
    parent = row(conference, "ann@example.org")
    child = row(
        session, "ann@example.org", parent=parent, occurrence_key=START.isoformat()
    )

    data = privacy.export(parent)

    assert json.loads(json.dumps(data)) == data
    assert data["event"]["title"] == "Local government approaches"
    assert data["event"]["url"] == conference.full_url
    assert data["event"]["url"].startswith("http")
    assert data["event"]["time_zone"] == "Europe/Brussels"
    assert data["status"] == "confirmed"
    assert (data["name"], data["email"]) == ("ann", "ann@example.org")
    assert data["answers"] == {"organisation": "City of Mechelen"}
    assert data["accessibility_needs"] == ["induction_loop"]
    assert data["accessibility_details"] == "Front row, please."
    assert data["language"] == "nl"
    assert data["registered_at"] == parent.created_at.isoformat()
    assert data["erased_at"] is None
    assert "cancellation_token_hash" not in data
    assert [s["event"]["title"] for s in data["sessions"]] == ["Bystander training"]
    assert data["sessions"][0]["date"] == START.isoformat()
    assert data["sessions"][0]["id"] == str(child.public_id)


def test_export_of_a_registration_whose_page_is_gone(index):
    page = make_event(index)
    r = row(page, "ann@example.org")
    page.delete()
    r.refresh_from_db()
    data = privacy.export(r)
    assert data["event"] is None
    assert data["email"] == "ann@example.org"
    json.dumps(data)


# Erasing an address everywhere


def test_erase_address_erases_every_registration_of_that_address(index):
    first, second = make_event(index), make_event(index)
    mine = [
        row(first, "Ann@Example.org"),
        row(second, "ann@example.org", status=S.CANCELLED),
    ]
    child = row(second, "ann.work@example.org", parent=mine[1])
    other = row(first, "bob@example.org")
    before = counts()

    assert privacy.erase_address(" ANN@example.org ") == 3

    for r in [*mine, child]:
        assert_erased(r)
    assert not is_erased(other)
    assert counts() == before
    assert privacy.erase_address("ann@example.org") == 0


@pytest.mark.parametrize("email", ["", "   ", None])
def test_erase_address_refuses_no_address_and_changes_nothing(index, email):
    r = row(make_event(index), "ann@example.org")
    with pytest.raises(ValueError):
        privacy.erase_address(email)
    assert not is_erased(r)


def test_bulk_erased_cancellation_links_stop_working_too(index):
    page = make_event(index)
    outcomes = [register(page, email=e) for e in ("a@example.org", "b@example.org")]
    privacy.erase_address("a@example.org")
    privacy.erase_address("b@example.org")
    for outcome in outcomes:
        with pytest.raises(InvalidToken):
            changes.cancel(outcome.token)
    hashes = set(Registration.objects.values_list("cancellation_token_hash", flat=True))
    assert len(hashes) == 2  # still unique


# Retention


@pytest.mark.parametrize(
    ("after_the_end", "erased"),
    [
        (RETENTION - DAY, False),
        (RETENTION, False),  # exactly 365 days: not "more than"
        (RETENTION + datetime.timedelta(minutes=1), True),
        (RETENTION + DAY, True),
    ],
)
def test_retention_counts_from_the_end_of_the_event(index, after_the_end, erased):
    page = make_event(index)
    r = row(page, "ann@example.org")
    assert privacy.erase_expired(now=END + after_the_end) == int(erased)
    assert is_erased(r) is erased


def test_retention_counts_from_the_latest_end_of_the_event(index):
    """A registration for the whole conference waits for its last day."""
    conference = factories.conference(
        index, start=factories.local(2024, 4, 17, 9), end=END
    )
    r = row(conference, "ann@example.org")
    assert privacy.erase_expired(now=factories.local(2025, 4, 18, 12)) == 0
    assert privacy.erase_expired(now=END + RETENTION + DAY) == 1
    assert_erased(r)


def test_only_the_old_dates_of_a_repeating_event_are_erased(index):
    page = weekly_event(index)
    occurrences = list(page.occurrences.order_by("original_start"))
    assert len(occurrences) == 10
    old, upcoming = occurrences[0], occurrences[-1]  # 5 March, 7 May 2024
    at_old = [
        register(page, email=e, occurrence=old).registration
        for e in ("a@example.org", "b@example.org")
    ]
    at_upcoming = register(page, occurrence=upcoming)
    whole_series = row(page, "series@example.org")
    before = counts()

    # More than a year after 5 March, less than a year after 7 May.
    now = old.end + RETENTION + DAY
    assert privacy.erase_expired(now=now) == 2

    for r in at_old:
        assert_erased(r)
    assert not is_erased(at_upcoming.registration)
    assert not is_erased(whole_series)
    assert counts() == before

    # A year after the last date, the rest goes as well.
    assert privacy.erase_expired(now=upcoming.end + RETENTION + DAY) == 2


def test_dates_across_the_clock_change_whatever_zone_the_key_was_written_in(index):
    """31 March 2024: Brussels goes from UTC+1 to UTC+2. ``register()`` writes
    keys in UTC; a key written in local time names the same date."""
    page = weekly_event(index)
    by_day = {
        o.original_start.astimezone(BRUSSELS).date(): o for o in page.occurrences.all()
    }
    winter = by_day[datetime.date(2024, 3, 26)]
    summer = by_day[datetime.date(2024, 4, 2)]
    assert winter.original_start.astimezone(BRUSSELS).utcoffset().seconds == 3600
    assert summer.original_start.astimezone(BRUSSELS).utcoffset().seconds == 7200
    local_key = winter.original_start.astimezone(BRUSSELS).isoformat()
    in_local_time = row(page, "a@example.org", occurrence_key=local_key)
    in_utc = register(page, occurrence=summer).registration
    assert in_local_time.occurrence_key.endswith("+01:00")
    assert in_utc.occurrence_key.endswith("+00:00")

    # Between the end of the winter date and the end of the summer one, a year on.
    now = winter.end + RETENTION + DAY
    assert now < summer.end + RETENTION
    assert privacy.erase_expired(now=now) == 1
    assert is_erased(in_local_time)
    assert not is_erased(in_utc)
    assert privacy.erase_expired(now=summer.end + RETENTION + DAY) == 1
    assert is_erased(in_utc)


def test_a_date_no_longer_in_the_series_waits_for_the_whole_event(index):
    page = weekly_event(index)
    gone_date = factories.local(2024, 3, 6, 19)  # a Wednesday: not a date of it
    r = row(page, "ann@example.org", occurrence_key=gone_date.isoformat())
    last_end = page.occurrences.order_by("end").last().end
    assert privacy.erase_expired(now=gone_date + RETENTION + DAY) == 0
    assert privacy.erase_expired(now=last_end + RETENTION + DAY) == 1
    assert_erased(r)


def test_a_date_of_a_site_visit_run(index):
    conference = factories.conference(index)
    visit = factories.site_visit(
        conference,
        factories.local(2024, 4, 19, 10, 15),
        factories.local(2024, 4, 19, 12),
        runs=[(factories.local(2024, 8, 19, 13), factories.local(2024, 8, 19, 14, 45))],
    )
    first, second = visit.occurrences.order_by("start")
    morning = row(visit, "a@example.org", occurrence_key=first.start.isoformat())
    august = row(visit, "b@example.org", occurrence_key=second.start.isoformat())
    assert privacy.erase_expired(now=first.end + RETENTION + DAY) == 1
    assert is_erased(morning) and not is_erased(august)


def test_registrations_whose_pages_are_all_gone_count_from_their_last_change(index):
    page = make_event(index)
    r = row(page, "ann@example.org")
    page.delete()
    changed = factories.local(2026, 1, 10, 12)
    Registration.objects.filter(pk=r.pk).update(updated_at=changed)
    assert privacy.erase_expired(now=changed + RETENTION - DAY) == 0
    assert privacy.erase_expired(now=changed + RETENTION + DAY) == 1
    assert_erased(r)


def test_retention_none_keeps_everything(index):
    page = make_event(index)
    r = row(page, "ann@example.org")
    with override_settings(WAGTAIL_EVENTS_REGISTRATION_RETENTION_DAYS=None):
        assert privacy.erase_expired(now=END + 100 * RETENTION) == 0
    assert not is_erased(r)


def test_a_shorter_retention_setting(index):
    page = make_event(index)
    r = row(page, "ann@example.org")
    with override_settings(WAGTAIL_EVENTS_REGISTRATION_RETENTION_DAYS=30):
        assert privacy.erase_expired(now=END + 29 * DAY) == 0
        assert privacy.erase_expired(now=END + 31 * DAY) == 1
    assert_erased(r)


@pytest.mark.parametrize("days", [-1, "365", 1.5, True])
def test_a_wrong_retention_setting_is_refused_and_changes_nothing(index, days):
    r = row(make_event(index), "ann@example.org")
    with override_settings(WAGTAIL_EVENTS_REGISTRATION_RETENTION_DAYS=days):
        with pytest.raises(ImproperlyConfigured, match="RETENTION_DAYS"):
            privacy.erase_expired(now=END + 10 * RETENTION)
        with pytest.raises(CommandError, match="RETENTION_DAYS"):
            call_command("erase_registrations", stdout=StringIO())
    assert not is_erased(r)


def test_erasing_expired_keeps_the_counts_per_status(index):
    page = make_event(index)
    for i, status in enumerate([S.CONFIRMED, S.CONFIRMED, S.WAITING, S.CANCELLED]):
        row(page, f"p{i}@example.org", status=status)
    row(page, "gone@example.org", status=S.ATTENDED, erased_at=END + DAY)
    before = counts()
    assert privacy.erase_expired(now=END + RETENTION + DAY) == 4
    assert counts() == before
    assert availability.places_taken(page.translation_key) == 3


@pytest.mark.parametrize("size", [5, 50])
def test_erase_expired_takes_a_fixed_number_of_queries(
    index, size, django_assert_max_num_queries
):
    one_off = make_event(index)
    series = weekly_event(index)
    dates = [o.original_start for o in series.occurrences.order_by("start")[:5]]
    made = []
    for i in range(size):
        if i % 2:
            made.append(row(one_off, f"p{i}@example.org"))
        else:
            key = dates[i % len(dates)].isoformat()
            made.append(row(series, f"p{i}@example.org", occurrence_key=key))
    # Not expired: a date of the series a year later.
    later = keys.occurrence_key(series.occurrences.order_by("start").last().start)
    kept = row(series, "kept@example.org", occurrence_key=later)
    now = factories.local(2025, 4, 20, 12)  # after 7 April 2025, before 7 May 2025

    # A savepoint, the dates asked about, their occurrences, one UPDATE, one
    # UPDATE of their e-mails (``forget_deliveries``), release.
    with django_assert_max_num_queries(6):
        assert privacy.erase_expired(now=now) == size

    assert Registration.objects.filter(erased_at=now).count() == size
    assert not is_erased(kept)


# The command and the task


def test_command_erases_and_says_how_many(index):
    page = make_event(
        index, start=timezone.now() - 800 * DAY, end=timezone.now() - 799 * DAY
    )
    rows = [row(page, "a@example.org"), row(page, "b@example.org")]
    out = StringIO()
    call_command("erase_registrations", stdout=out)
    assert "Erased 2 registrations." in out.getvalue()
    for r in rows:
        assert_erased(r)


def test_command_dry_run_counts_and_changes_nothing(index):
    page = make_event(
        index, start=timezone.now() - 800 * DAY, end=timezone.now() - 799 * DAY
    )
    r = row(page, "a@example.org")
    out = StringIO()
    call_command("erase_registrations", "--dry-run", stdout=out)
    assert "1 registration would be erased." in out.getvalue()
    assert not is_erased(r)

    out = StringIO()
    call_command(
        "erase_registrations", "--dry-run", "--email=A@example.org", stdout=out
    )
    assert "1 registration would be erased." in out.getvalue()
    assert not is_erased(r)


def test_command_erases_one_address_everywhere(index):
    # Upcoming events: retention has nothing to do with it.
    future = timezone.now() + 30 * DAY
    first = make_event(index, start=future, end=future + DAY)
    second = make_event(index, start=future, end=future + DAY)
    mine = [row(first, "ann@example.org"), row(second, "ANN@example.org")]
    other = row(first, "bob@example.org")
    out = StringIO()
    call_command("erase_registrations", "--email", "ann@example.org", stdout=out)
    assert "Erased 2 registrations." in out.getvalue()
    for r in mine:
        assert_erased(r)
    assert not is_erased(other)


@pytest.mark.parametrize("email", ["not an address", "", "ann@"])
def test_command_refuses_a_bad_address_and_changes_nothing(index, email):
    r = row(make_event(index), "ann@example.org")
    with pytest.raises(CommandError, match="not an e-mail address"):
        call_command("erase_registrations", "--email", email, stdout=StringIO())
    assert not is_erased(r)


def test_command_with_retention_off(index):
    page = make_event(
        index, start=timezone.now() - 800 * DAY, end=timezone.now() - 799 * DAY
    )
    r = row(page, "a@example.org")
    out = StringIO()
    with override_settings(WAGTAIL_EVENTS_REGISTRATION_RETENTION_DAYS=None):
        call_command("erase_registrations", stdout=out)
    assert "nothing was erased" in out.getvalue()
    assert not is_erased(r)


def test_the_task_erases_expired_registrations(index):
    old = make_event(
        index, start=timezone.now() - 800 * DAY, end=timezone.now() - 799 * DAY
    )
    recent = make_event(
        index, start=timezone.now() - 10 * DAY, end=timezone.now() - 9 * DAY
    )
    expired, kept = row(old, "a@example.org"), row(recent, "b@example.org")
    result = tasks.erase_expired_registrations.enqueue()
    assert result.return_value == 1
    assert_erased(expired)
    assert not is_erased(kept)


# Pages are copied and translated without anybody's data


def test_copying_an_event_page_leaves_its_registrations_where_they_were(index):
    page = make_event(index)
    rows = [row(page, "a@example.org"), row(page, "b@example.org")]
    copy = page.copy(update_attrs={"title": "Copy", "slug": "copy"})
    assert copy.translation_key != page.translation_key
    assert Registration.objects.filter(event_key=copy.translation_key).count() == 0
    assert availability.places_taken(copy.translation_key) == 0
    assert Registration.objects.count() == 2
    for r in rows:
        r.refresh_from_db()
        assert (r.page_id, r.event_key) == (page.pk, page.translation_key)


def test_a_translation_shares_the_registrations_without_copying_them(index):
    page = make_event(index)
    row(page, "a@example.org")
    row(page, "b@example.org")
    dutch = Locale.objects.create(language_code="nl")
    translation = page.copy_for_translation(dutch, copy_parents=True)
    assert translation.pk != page.pk
    assert translation.translation_key == page.translation_key
    assert Registration.objects.count() == 2
    assert availability.places_taken(keys.event_key(translation)) == 2
    assert not Registration.objects.filter(page=translation).exists()


# Erasing on request before the event: the place goes to the next person


def test_erasing_someone_before_the_event_frees_their_place_for_the_next(index):
    page = make_event(index)
    page.registration_form.capacity = 1
    page.registration_form.save()
    ann = register(page, "ann@example.org").registration
    bob = register(page, "bob@example.org").registration
    cy = register(page, "cy@example.org").registration
    before_the_event = factories.local(2024, 3, 2, 12)

    privacy.erase(bob, now=before_the_event)  # waiting: leaves the queue
    privacy.erase(ann, now=before_the_event)  # confirmed: gives the place back

    for r in (ann, bob, cy):
        r.refresh_from_db()
    assert (ann.status, bob.status, cy.status) == (
        S.CANCELLED,
        S.CANCELLED,
        S.CONFIRMED,
    )
    assert is_erased(ann) and is_erased(bob) and not is_erased(cy)
    assert availability.places_taken(page.translation_key) == 1


def test_erasing_an_address_before_the_event_frees_the_place_too(index):
    page = make_event(index)
    page.registration_form.capacity = 1
    page.registration_form.save()
    register(page, "ann@example.org")
    bob = register(page, "bob@example.org").registration

    privacy.erase_address("ANN@example.org", now=factories.local(2024, 3, 2, 12))

    bob.refresh_from_db()
    assert bob.status == S.CONFIRMED
    assert Registration.objects.get(pk__lt=bob.pk).status == S.CANCELLED


def test_erasing_after_the_event_keeps_the_status(index):
    page = make_event(index)
    ann = register(page).registration
    privacy.erase(ann, now=END + DAY)
    ann.refresh_from_db()
    assert ann.status == S.CONFIRMED and is_erased(ann)
