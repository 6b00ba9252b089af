"""Change and cancellation notices: a published change to what registrants know
(times, place, online address, status) waits for the editor's confirmation,
then tells each registrant once, in their language, with a calendar entry that
updates the one their confirmation gave (same UID, higher SEQUENCE)."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from wagtail_events.localtime import to_local
from wagtail_events.models import CalendarSequence, Delivery, Message
from wagtail_events.models.registration import RegistrationStatus
from wagtail_events.registration import change_notices


pytestmark = pytest.mark.django_db

S = RegistrationStatus
START = f.local(2031, 4, 18, 9)  # a Friday
END = f.local(2031, 4, 18, 10, 30)


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    def block():
        return django_capture_on_commit_callbacks(execute=True)

    return block


def publish(page, **changes):
    """Publish a change as the editor does; its translations follow after the
    commit (``i18n.sync``)."""
    for name, value in changes.items():
        setattr(page, name, value)
    with f.run_after_commit():
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_event(index, **fields):
    fields.setdefault("venue", f.venue("City hall", street_address="Grote Markt 21"))
    page = f.workshop(
        index,
        START,
        END,
        title="Participation in the city council",
        registration_form=f.registration_form(capacity=10),
        **fields,
    )
    return publish(page)


def notices():
    return list(Message.objects.filter(kind="change_notice"))


def calendar_of(message):
    files = [a for a in message.attachments if a[2].startswith("text/calendar")]
    ((name, content, mimetype),) = files
    assert name == "event.ics"
    return icalendar.Calendar.from_ical(content), mimetype


def vevents(cal):
    return list(cal.walk("VEVENT"))


def send(notice, run_on_commit):
    mail.outbox.clear()
    with run_on_commit():
        return change_notices.send(notice)


def test_a_time_change_makes_one_pending_notice(index):
    page = make_event(index)
    f.registration(page)
    assert notices() == []
    publish(
        page,
        start=START + datetime.timedelta(hours=2),
        end=END + datetime.timedelta(hours=2),
    )
    (notice,) = notices()
    assert notice.sent_at is None
    assert notice.data["before"]["dates"][""]["start"] == "2031-04-18T07:00:00+00:00"
    assert notice.data["after"]["dates"][""]["start"] == "2031-04-18T09:00:00+00:00"
    # A second publish before the confirmation keeps "before", updates "after".
    publish(
        page,
        start=START + datetime.timedelta(hours=3),
        end=END + datetime.timedelta(hours=3),
    )
    (again,) = notices()
    assert again.pk == notice.pk
    assert again.data["before"]["dates"][""]["start"] == "2031-04-18T07:00:00+00:00"
    assert again.data["after"]["dates"][""]["start"] == "2031-04-18T10:00:00+00:00"


def later(page, hours=2):
    delta = datetime.timedelta(hours=hours)
    return publish(page, start=page.start + delta, end=page.end + delta)


def public_feed(client, page):
    response = client.get(page.url + "calendar.ics")
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content)


def test_confirming_tells_each_registrant_once_in_their_language(
    client, index, run_on_commit
):
    page = make_event(index)
    dutch = f.translate(page)
    ann = f.registration(page, "ann@example.org", language="en")
    jan = f.registration(dutch, "jan@example.org", language="nl")
    sequence = CalendarSequence.objects.get(translation_key=page.translation_key)
    before = sequence.sequence
    later(page)
    (notice,) = notices()
    assert send(notice, run_on_commit) == 2
    assert {m.to[0] for m in mail.outbox} == {
        "ann <ann@example.org>",
        "jan <jan@example.org>",
    }
    english = next(m for m in mail.outbox if "ann@" in m.to[0])
    dutch_mail = next(m for m in mail.outbox if "jan@" in m.to[0])
    assert english.subject == "Changed: Participation in the city council"
    assert (
        "When: Friday 18 April 2031, 09:00–10:30 (Europe/Brussels)\n"
        "  → Friday 18 April 2031, 11:00–12:30 (Europe/Brussels)"
    ) in english.body
    assert "Your place stays yours" in english.body
    assert dutch_mail.extra_headers["Content-Language"] == "nl"
    assert "vrijdag 18 april 2031" in dutch_mail.body
    # The calendar entry: the public feed's UID, a higher SEQUENCE, REQUEST.
    (feed_event,) = vevents(public_feed(client, page))
    for message in (english, dutch_mail):
        cal, mimetype = calendar_of(message)
        assert mimetype == "text/calendar; method=REQUEST"
        assert cal["METHOD"] == "REQUEST"
        (event,) = vevents(cal)
        assert event["UID"] == feed_event["UID"]
        assert event["SEQUENCE"] == feed_event["SEQUENCE"] > before
        assert str(event["ORGANIZER"]).startswith("mailto:")
        assert event.decoded("dtstart") == START + datetime.timedelta(hours=2)
    (ann_event,) = vevents(calendar_of(english)[0])
    assert str(ann_event["ATTENDEE"]) == "mailto:ann@example.org"
    assert ann_event["ATTENDEE"].params["PARTSTAT"] == "ACCEPTED"
    notice.refresh_from_db()
    assert notice.sent_at is not None
    assert set(Delivery.objects.values_list("registration", flat=True)) == {
        ann.pk,
        jan.pk,
    }
    # Confirming again sends nothing twice; the facts are now known.
    assert send(notice, run_on_commit) is None
    assert mail.outbox == []
    publish(page)
    assert len(notices()) == 1


def test_the_confirmation_calendar_file_is_addressed_for_later_updates(
    client, index, run_on_commit
):
    from wagtail_events.registration import writer

    page = make_event(index)
    with run_on_commit():
        writer.register(
            page,
            page.registration_form,
            name="Ada",
            email="ada@example.org",
            now=f.local(2031, 3, 1, 12),
        )
    (message,) = mail.outbox
    cal, mimetype = calendar_of(message)
    assert mimetype == "text/calendar; method=REQUEST"
    (event,) = vevents(cal)
    assert event["UID"] == vevents(public_feed(client, page))[0]["UID"]
    assert str(event["ATTENDEE"]) == "mailto:ada@example.org"
    assert event["ATTENDEE"].params["RSVP"] == "FALSE"
    assert "ORGANIZER" in event


def test_a_cancellation_sends_method_cancel(client, index, run_on_commit):
    page = make_event(index)
    f.registration(page)
    publish(page, status="cancelled")
    (notice,) = notices()
    send(notice, run_on_commit)
    (message,) = mail.outbox
    assert message.subject == "Cancelled: Participation in the city council"
    assert "Participation in the city council is cancelled." in message.body
    assert "nothing you need to do" in message.body
    assert "Cancel your registration" not in message.body
    cal, mimetype = calendar_of(message)
    assert mimetype == "text/calendar; method=CANCEL"
    assert cal["METHOD"] == "CANCEL"
    (event,) = vevents(cal)
    assert event["STATUS"] == "CANCELLED"
    assert event["UID"] == vevents(public_feed(client, page))[0]["UID"]


def test_waiting_and_pending_people_are_told_in_their_words(index, run_on_commit):
    page = make_event(index)
    f.registration(page, "wait@example.org", status=S.WAITING)
    f.registration(page, "ask@example.org", status=S.AWAITING_APPROVAL)
    for status, address in (
        (S.CANCELLED, "gone@example.org"),
        (S.DECLINED, "no@example.org"),
    ):
        f.registration(page, address, status=status)
    f.registration(page, "erased@example.org", erased_at=f.local(2030, 1, 1))
    later(page)
    (notice,) = notices()
    assert send(notice, run_on_commit) == 2
    waiting = next(m for m in mail.outbox if "wait@" in m.to[0])
    asking = next(m for m in mail.outbox if "ask@" in m.to[0])
    assert "You are still on the waiting list, number 1." in waiting.body
    (event,) = vevents(calendar_of(waiting)[0])
    assert event["ATTENDEE"].params["PARTSTAT"] == "TENTATIVE"
    assert "still awaits the organiser’s approval" in asking.body


def test_nothing_registrants_know_changed(index):
    page = make_event(index)
    f.registration(page)
    publish(page, title="Participation in the city council (typo fixed)")
    assert notices() == []


def test_no_notice_without_registrations_or_before_the_first_publish(index):
    page = f.workshop(index, START, END, registration_form=f.registration_form())
    f.registration(page)
    later(page)  # the first publish: nothing is known to compare with
    assert notices() == []
    other = make_event(index)
    later(other)  # nobody to tell
    assert notices() == []


def test_publishing_the_old_facts_again_withdraws_the_notice(index):
    page = make_event(index)
    f.registration(page)
    later(page)
    assert len(notices()) == 1
    later(page, hours=-2)
    assert notices() == []


def test_dismissing_sends_nothing(index, run_on_commit):
    page = make_event(index)
    f.registration(page)
    later(page)
    (notice,) = notices()
    with run_on_commit():
        assert change_notices.dismiss(notice)
    assert mail.outbox == [] and not Delivery.objects.exists()
    assert change_notices.pending_notice(page.translation_key) is None
    publish(page)  # the facts they were not told are now what they know
    assert change_notices.pending_notice(page.translation_key) is None


# The editor's confirmation


def notice_url(notice):
    return reverse("wagtail_events_registrations:change_notice", args=[notice.pk])


def test_publishing_in_the_editor_leads_to_the_confirmation(client, editor, index):
    page = make_event(index)
    f.registration(page, "ann@example.org")
    f.registration(page, "bob@example.org", status=S.WAITING)
    data = f.session_form_data(
        kind="workshop",
        title=page.title,
        slug=page.slug,
        start="2031-04-18 11:00",
        end="2031-04-18 12:30",
        venue=str(page.venue_id),
        registration_form=str(page.registration_form_id),
        **{"action-publish": "1"},
    )
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(edit, data)
    (notice,) = notices()
    assert response.status_code == 302
    assert response["Location"].startswith(notice_url(notice) + "?next=")
    response = client.get(response["Location"])
    content = response.content.decode()
    assert "Friday 18 April 2031, 09:00–10:30 (Europe/Brussels)" in content
    assert "Friday 18 April 2031, 11:00–12:30 (Europe/Brussels)" in content
    assert "With a place: 1" in content and "On the waiting list: 1" in content
    assert "Changed: Participation in the city council" in content  # the preview
    assert "/cancel/" not in content  # not the registrant's own link
    assert mail.outbox == []
    response = client.post(notice_url(notice), {"action": "send", "next": edit})
    assert response.status_code == 302 and response["Location"] == edit
    assert Delivery.objects.filter(message=notice).count() == 2


def test_the_list_of_notices_to_send(client, editor, index):
    page = make_event(index)
    f.registration(page)
    publish(page, status="postponed")
    response = client.get(reverse("wagtail_events_registrations:change_notices"))
    content = response.content.decode()
    assert notice_url(notices()[0]) in content
    assert "Postponed" in content
    listing = client.get(reverse("wagtail_events_registrations:index"))
    assert "Notices to send (1)" in listing.content.decode()


def test_dismissing_on_the_screen(client, editor, index, run_on_commit):
    page = make_event(index)
    f.registration(page)
    later(page)
    (notice,) = notices()
    with run_on_commit():
        response = client.post(notice_url(notice), {"action": "dismiss"})
    assert response.status_code == 302
    assert mail.outbox == [] and not Delivery.objects.exists()
    assert "dismissed_at" in Message.objects.get().data
    # Bad input changes nothing.
    assert client.post(notice_url(notice), {"action": "x"}).status_code == 302
    assert (
        client.get(notice_url(notice), {"next": "https://evil.example/"}).status_code
        == 200
    )


def test_an_editor_without_registration_rights_may_not_confirm(
    client, index, django_user_model
):
    from django.contrib.auth.models import Group

    page = make_event(index)
    f.registration(page)
    later(page)
    (notice,) = notices()
    user = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    # The admin turns the refusal into a redirect to its dashboard.
    assert client.get(notice_url(notice))["Location"] == "/admin/"
    assert client.post(notice_url(notice), {"action": "send"})["Location"] == "/admin/"
    listing = reverse("wagtail_events_registrations:change_notices")
    assert client.get(listing)["Location"] == "/admin/"
    assert not Delivery.objects.exists()


def test_who_may_only_view_registrations_reads_the_notice_but_does_not_decide(
    index, django_user_model
):
    from tests.registration.test_admin import logged_in, make_user

    page = make_event(index)
    f.registration(page)
    later(page)
    (notice,) = notices()
    viewer = logged_in(make_user(django_user_model, "viewer", "view_registration"))
    response = viewer.get(notice_url(notice))
    assert response.status_code == 200
    assert 'value="send"' not in response.text
    # Sending (or not) tells every registrant: refused, nothing changes.
    for action in ("send", "dismiss"):
        viewer.post(notice_url(notice), {"action": action})
    assert not Delivery.objects.exists()
    notice.refresh_from_db()
    assert change_notices.is_pending(notice)


@pytest.mark.parametrize("people", [2, 6])
def test_the_screen_costs_the_same_whatever_the_number_of_registrants(
    client, editor, index, django_assert_num_queries, people
):
    page = make_event(index)
    for n in range(people):
        f.registration(
            page, f"p{n}@example.org", status=S.WAITING if n % 2 else S.CONFIRMED
        )
    later(page)
    (notice,) = notices()
    client.get(notice_url(notice))  # warm the caches (site, locales)
    with django_assert_num_queries(QUERIES_OF_THE_SCREEN):
        response = client.get(notice_url(notice))
    assert response.status_code == 200


# 16 since an event page's next dates are read once (occurrences.at_hand); 15
# since a session's conference is read in one query (``SessionPage.conference``).
QUERIES_OF_THE_SCREEN = 15


# Dates, time zones, sessions


def test_the_words_follow_the_clock_across_a_change_of_daylight_saving(
    index, run_on_commit
):
    # Clocks go forward in Brussels on 30 March 2031: 9:00 stays 9:00.
    page = f.workshop(
        index,
        f.local(2031, 3, 28, 9),
        f.local(2031, 3, 28, 10),
        title="Repair café",
        registration_form=f.registration_form(),
    )
    publish(page)
    f.registration(page)
    publish(page, start=f.local(2031, 4, 4, 9), end=f.local(2031, 4, 4, 10))
    (notice,) = notices()
    send(notice, run_on_commit)
    (message,) = mail.outbox
    assert (
        "When: Friday 28 March 2031, 09:00–10:00 (Europe/Brussels)\n"
        "  → Friday 4 April 2031, 09:00–10:00 (Europe/Brussels)"
    ) in message.body


def test_one_date_of_a_repeating_event(client, index, run_on_commit):
    from wagtail_events.models import Occurrence, OccurrenceChange
    from wagtail_events.registration import emails as registration_emails

    # Within the horizon of stored dates.
    day = (timezone.now() + datetime.timedelta(days=30)).date()
    page = f.repeating(
        index,
        f.local(day.year, day.month, day.day, 19),
        f.local(day.year, day.month, day.day, 21),
        "RRULE:FREQ=WEEKLY;COUNT=4",
        registration_form=f.registration_form(),
    )
    publish(page)
    first, second, *_ = Occurrence.objects.filter(page=page).order_by("start")
    mine = f.registration(page, "ann@example.org", date=second)
    f.registration(page, "bob@example.org", date=first)
    confirmation = registration_emails.build("confirmation", mine)
    (entry,) = vevents(calendar_of(confirmation)[0])
    OccurrenceChange.objects.create(
        page=page, action="cancel", original_start=second.original_start
    )
    publish(type(page).objects.get(pk=page.pk))
    (notice,) = notices()
    assert send(notice, run_on_commit) == 1
    (message,) = mail.outbox
    assert "ann@" in message.to[0]
    assert message.subject == "Your date is cancelled: " + page.title
    when = to_local(second.start, page.time_zone)
    assert (
        f"The date you registered for, {when:%A} {when.day} {when:%B %Y}"
        in message.body
    )
    cal, _mimetype = calendar_of(message)
    assert cal["METHOD"] == "CANCEL"
    (event,) = vevents(cal)
    assert event["UID"] == entry["UID"]
    assert event["SEQUENCE"] > entry["SEQUENCE"]


def test_a_session_tells_its_own_registrants_once(index, run_on_commit):
    conference = f.conference(index, registration_form=f.registration_form())
    session = f.workshop(
        conference, START, END, registration_form=f.registration_form()
    )
    other = f.workshop(conference, START, END, registration_form=f.registration_form())
    publish(conference)
    publish(session)
    publish(other)
    both = f.registration(conference, "ann@example.org")
    f.registration(session, "ann@example.org", parent=both)
    f.registration(session, "ann@example.org")  # again, on her own
    elsewhere = f.registration(conference, "bob@example.org")
    f.registration(other, "bob@example.org", parent=elsewhere)
    later(session)
    (notice,) = notices()
    assert notice.event_key == session.translation_key
    assert send(notice, run_on_commit) == 1
    (message,) = mail.outbox
    assert "ann@" in message.to[0]


def test_a_new_place_in_the_readers_language(index, run_on_commit):
    page = make_event(index)
    f.translate(page)
    f.registration(page, "ann@example.org", language="en")
    theatre = f.venue("Town theatre", street_address="Schouwburgstraat 5")
    publish(page, venue=theatre)
    (notice,) = notices()
    assert set(notice.data["after"]["place_line"]) == {"en", "nl"}
    send(notice, run_on_commit)
    (message,) = mail.outbox
    assert "Where: City hall, Grote Markt 21" in message.body
    assert "  → Town theatre, Schouwburgstraat 5" in message.body
    assert "When:" not in message.body.split("Your place")[0]


def test_hostile_values_on_the_screen(client, editor, index):
    page = make_event(index)
    f.registration(page)
    later(page)
    (notice,) = notices()
    response = client.post(
        notice_url(notice), {"action": "dismiss", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse(
        "wagtail_events_registrations:change_notices"
    )
    missing = reverse("wagtail_events_registrations:change_notice", args=[99999])
    assert client.get(missing).status_code == 404
    assert client.get(notice_url(notice)).status_code == 200  # decided: read only


def test_a_file_of_several_events_stays_an_import(index):
    """RFC 5546 wants one UID per REQUEST (Outlook keeps only the first event):
    a conference with its chosen sessions is a PUBLISH file."""
    from wagtail_events.registration import emails as registration_emails

    conference = f.conference(index, registration_form=f.registration_form())
    session = f.workshop(conference, START, END)
    mine = f.registration(conference, "ann@example.org")
    f.registration(session, "ann@example.org", parent=mine)
    cal, mimetype = calendar_of(registration_emails.build("confirmation", mine))
    assert mimetype == "text/calendar" and cal["METHOD"] == "PUBLISH"
    assert len(vevents(cal)) == 2
    assert not any("ATTENDEE" in event for event in vevents(cal))
