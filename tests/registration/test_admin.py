"""The organiser's side of registration in the Wagtail admin: the listing with its
filters, search and exports, the counts per event and date, the accessibility
summary, the actions, the check-in list and no-shows, one person's data, and who
may see and do what."""

import csv
import datetime
import io
import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import GroupPagePermission, Locale, Page

from tests import factories
from tests.registration.test_register import (
    START,
    make_event,
    make_weekly_event,
    reg,
)
from wagtail_events.models import (
    Registration,
    RegistrationStatus,
)
from wagtail_events.registration import availability, changes, keys


S = RegistrationStatus
NS = "wagtail_events_registrations"
WEEK = datetime.timedelta(days=7)


def u(name, *args):
    return reverse(f"{NS}:{name}", args=args)


def status_of(outcome_or_registration):
    registration = getattr(outcome_or_registration, "registration", None)
    registration = registration or outcome_or_registration
    return Registration.objects.get(pk=registration.pk).status


def snapshot():
    return list(
        Registration.objects.order_by("pk").values_list(
            "pk", "status", "name", "email", "updated_at"
        )
    )


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def follow_messages(client, response):
    """The messages shown after a redirect."""
    assert response.status_code == 302, response.status_code
    return [str(m) for m in client.get(response["Location"]).context["messages"]]


def csv_rows(response):
    content = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(content)))


@pytest.fixture
def limited(db):
    """An event with two places and a waiting list."""
    form = factories.registration_form(capacity=2, waiting_list=True)
    return make_event(form), form


def make_user(django_user_model, name, *codenames, page_edit=True):
    """A user with admin access, page edit rights and the given permissions of
    wagtail_events."""
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw")
    group = Group.objects.create(name=f"group of {name}")
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        ),
        *Permission.objects.filter(
            content_type__app_label="wagtail_events", codename__in=codenames
        ),
    )
    if page_edit:
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.create(
                group=group,
                page=Page.objects.get(depth=1),
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    user.groups.add(group)
    return user


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


# The listing


def test_listing_shows_each_registration_with_its_event_date_and_sessions(
    client, editor
):
    conference_form = factories.registration_form(title="Conference")
    conference = factories.conference(
        factories.event_index(),
        START,
        START + datetime.timedelta(hours=8),
        title="Lokaal Bestuur 2024",
        registration_form=conference_form,
    )
    session_form = factories.registration_form(title="Workshop")
    workshop = factories.workshop(
        conference,
        START,
        START + datetime.timedelta(hours=1),
        title="Participatiebudget",
        registration_form=session_form,
    )
    parent = reg(
        conference, conference_form, email="ann@example.org", name="Ann Peeters"
    )
    child = reg(workshop, session_form, email="ann@example.org", name="Ann Peeters")
    Registration.objects.filter(pk=child.registration.pk).update(
        parent=parent.registration
    )
    response = client.get(u("index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ann Peeters" in html
    assert "ann@example.org" in html
    assert "Lokaal Bestuur 2024" in html
    assert "Participatiebudget" in html  # the session chosen, and its own row
    assert "Confirmed" in html
    # The event's start in its own zone (09:00 in Brussels, 07:00 UTC).
    assert "9 a.m." in html or "09:00" in html
    assert u("inspect", parent.registration.pk) in html
    # The event leads to its counts and check-in.
    assert (
        f'href="{u("summary", conference.translation_key)}">Lokaal Bestuur 2024<'
        in html
    )
    # No form to add or edit registrations by hand.
    for name in ("add", "edit", "delete", "copy"):
        with pytest.raises(NoReverseMatch):
            reverse(f"{NS}:{name}", args=() if name == "add" else (1,))


def test_registrations_are_in_the_events_menu(client, editor):
    response = client.get(reverse("wagtailadmin_home"))
    assert u("index") in response.content.decode()


@pytest.mark.parametrize("count", [5, 50])
def test_listing_reads_with_a_fixed_number_of_queries(
    client, editor, django_assert_max_num_queries, count
):
    form = factories.registration_form()
    events = [make_event(form), make_event(form)]
    conference = factories.conference(factories.event_index(), registration_form=form)
    for n in range(count):
        outcome = reg(events[n % 2], form, email=f"p{n}@example.org")
        if n % 3 == 0:
            parent = reg(conference, form, email=f"p{n}@example.org")
            Registration.objects.filter(pk=outcome.registration.pk).update(
                parent=parent.registration
            )
    client.get(u("index"))  # warm the caches (content types, site)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(u("index"))
    assert response.status_code == 200
    # The same budget for 5 and for 50 registrations.
    with django_assert_max_num_queries(12):
        client.get(u("index") + "?status=confirmed")
    assert len(queries) <= 12


def test_filter_by_event_covers_every_translation_of_its_page(client, editor):
    form = factories.registration_form()
    page = make_event(form)
    other = make_event(form)
    other.title = "Another workshop"
    other.save()
    dutch = Locale.objects.create(language_code="nl")
    translation = page.copy_for_translation(dutch, copy_parents=True)
    translation.title = "Vertaalde workshop"
    translation.save_revision().publish()
    reg(page, form, email="en@example.org", name="English Visitor")
    reg(translation, form, email="nl@example.org", name="Dutch Visitor")
    reg(other, form, email="x@example.org", name="Other Visitor")
    response = client.get(u("index"), {"event": str(page.translation_key)})
    html = response.content.decode()
    assert "English Visitor" in html and "Dutch Visitor" in html
    assert "Other Visitor" not in html
    # The event is chosen by its title.
    choices = dict(response.context["filters"].form.fields["event"].choices)
    assert choices[str(other.translation_key)] == "Another workshop"


def test_filter_by_status_and_date_and_search(client, editor):
    form = factories.registration_form(capacity=1)
    page = make_weekly_event(form)
    second = START + WEEK
    reg(page, form, email="first@example.org", name="Zoë First", occurrence_start=START)
    reg(
        page, form, email="wait@example.org", name="Wim Waiting", occurrence_start=START
    )
    reg(
        page,
        form,
        email="later@example.org",
        name="Lena Later",
        occurrence_start=second,
    )

    def names(**params):
        html = client.get(u("index"), params).content.decode()
        return {n for n in ("Zoë First", "Wim Waiting", "Lena Later") if n in html}

    assert names(status="waiting") == {"Wim Waiting"}
    assert names(date=START.date().isoformat()) == {"Zoë First", "Wim Waiting"}
    assert names(date=second.date().isoformat()) == {"Lena Later"}
    assert names(q="LATER@") == {"Lena Later"}
    assert names(q="wim") == {"Wim Waiting"}


def test_date_filter_uses_the_event_zone(client, editor):
    form = factories.registration_form()
    conf = factories.conference(factories.event_index())
    # 00:30 in Brussels on 20 April is still 19 April in UTC.
    late = factories.local(2024, 4, 20, 0, 30)
    page = factories.workshop(
        conf, late, late + datetime.timedelta(hours=1), registration_form=form
    )
    reg(page, form, name="Night Owl")
    assert (
        "Night Owl" in client.get(u("index"), {"date": "2024-04-20"}).content.decode()
    )
    assert (
        "Night Owl"
        not in client.get(u("index"), {"date": "2024-04-19"}).content.decode()
    )


# Exports


@pytest.fixture
def hostile(db):
    form = factories.registration_form(
        questions=[factories.question("Organisation"), factories.question("=Diet")],
        title="Form",
    )
    page = make_event(form)
    reg(
        page,
        form,
        email="evil@example.org",
        name='=HYPERLINK("http://evil")',
        answers={"organisation": "@SUM(1)", "diet": "-2+3", "removed_question": "kept"},
        accessibility_needs=["wheelchair", "other"],
        accessibility_details="+Guide dog",
    )
    reg(page, form, email="plain@example.org", name="Plain Name")
    return page


def test_csv_export_never_runs_a_formula(client, editor, hostile):
    response = client.get(u("index"), {"export": "csv"})
    assert response.status_code == 200
    header, *rows = csv_rows(response)
    assert header[:3] == ["Name", "E-mail", "Event"]
    assert "Organisation" in header
    assert "'=Diet" in header  # an editor's label is a cell too
    assert "removed_question" in header
    evil = next(row for row in rows if "evil@example.org" in row)
    cells = dict(zip(header, evil, strict=True))
    assert cells["Name"] == '\'=HYPERLINK("http://evil")'
    assert cells["Organisation"] == "'@SUM(1)"
    assert cells["'=Diet"] == "'-2+3"
    assert cells["Other needs"] == "'+Guide dog"
    assert cells["Accessibility needs"] == "Wheelchair access, Other"
    assert cells["removed_question"] == "kept"
    plain = next(row for row in rows if "plain@example.org" in row)
    assert plain[0] == "Plain Name"
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_xlsx_export_keeps_formulas_as_text(client, editor, hostile):
    response = client.get(u("index"), {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [cell.value for cell in sheet[1]]
    rows = [list(row) for row in sheet.iter_rows(min_row=2)]
    evil = next(row for row in rows if row[1].value == "evil@example.org")
    cells = dict(zip(header, evil, strict=True))
    assert cells["Name"].value == '=HYPERLINK("http://evil")'
    assert cells["Name"].data_type == "s"
    assert cells["Organisation"].value == "@SUM(1)"
    assert cells["Organisation"].data_type == "s"
    for row in [sheet[1], *rows]:
        for cell in row:
            assert cell.data_type != "f"
    # The date and the time of registering are dates, in the event's zone.
    assert cells["Date"].value == datetime.datetime(2024, 4, 19, 9, 0)


def test_export_follows_the_filters(client, editor, hostile):
    response = client.get(u("index"), {"export": "csv", "q": "plain"})
    header, *rows = csv_rows(response)
    assert [row[1] for row in rows] == ["plain@example.org"]


# Counts and the accessibility summary


def test_counts_per_date_with_places_and_free_places(client, editor):
    form = factories.registration_form(
        capacity=2, waiting_list=True, requires_approval=False
    )
    page = make_weekly_event(form)
    second = START + WEEK
    a = reg(page, form, email="a@example.org", occurrence_start=START)
    b = reg(page, form, email="b@example.org", occurrence_start=START)
    reg(page, form, email="c@example.org", occurrence_start=START)  # waiting
    d = reg(page, form, email="d@example.org", occurrence_start=second)
    changes.mark_attended(a.registration)
    changes.cancel_by_organiser(d.registration)
    response = client.get(u("summary", page.translation_key))
    assert response.status_code == 200
    rows = {row["occurrence_key"]: row for row in response.context["rows"]}
    key = keys.occurrence_key(START)
    first = rows[key]
    assert (first[S.CONFIRMED], first[S.ATTENDED], first[S.WAITING]) == (1, 1, 1)
    assert first["places"] == 2
    assert (
        first["free_places"]
        == 0
        == availability.free_places(form, page.translation_key, key)
    )
    later = rows[keys.occurrence_key(second)]
    assert (later[S.CANCELLED], later["free_places"]) == (1, 2)
    html = response.content.decode()
    assert "Waiting list" in html
    assert b.registration.name in html or "b" in html
    assert u("checkin", page.translation_key) + "?date=" in html


def test_counts_of_approval_and_declined(client, editor):
    form = factories.registration_form(requires_approval=True)
    page = make_event(form)
    reg(page, form, email="a@example.org")
    b = reg(page, form, email="b@example.org")
    changes.decline(b.registration)
    (row,) = client.get(u("summary", page.translation_key)).context["rows"]
    assert (row[S.AWAITING_APPROVAL], row[S.DECLINED], row["places"]) == (1, 1, None)
    assert row["free_places"] is None


@pytest.mark.parametrize("count", [5, 50])
def test_summary_reads_with_a_fixed_number_of_queries(
    client, editor, django_assert_max_num_queries, count
):
    form = factories.registration_form(capacity=count // 2)
    page = make_weekly_event(form)
    for n in range(count):
        reg(
            page,
            form,
            email=f"p{n}@example.org",
            occurrence_start=START + WEEK * (n % 3),
            accessibility_needs=["other"],
            accessibility_details="Quiet room",
        )
    client.get(u("summary", page.translation_key))
    # 12: one to find the form's questions with choices (their counts); 13:
    # one counts the event's failed e-mails (the outbox's log).
    with django_assert_max_num_queries(13):
        client.get(u("summary", page.translation_key))
    with django_assert_max_num_queries(11):
        client.get(
            u("checkin", page.translation_key),
            {"date": keys.occurrence_key(START)},
        )


def test_accessibility_summary_counts_people_holding_or_waiting(client, editor):
    form = factories.registration_form(capacity=1, waiting_list=True)
    page = make_event(form)
    reg(
        page,
        form,
        email="a@example.org",
        name="Anna Signer",
        accessibility_needs=["sign_language", "other"],
        accessibility_details="An interpreter for Flemish Sign Language",
    )
    reg(page, form, email="b@example.org", accessibility_needs=["sign_language"])
    gone = reg(
        page,
        form,
        email="c@example.org",
        name="Carl Cancelled",
        accessibility_needs=["wheelchair", "other"],
        accessibility_details="Ramp at the side door",
    )
    changes.cancel_by_organiser(gone.registration)
    response = client.get(u("summary", page.translation_key))
    summary = response.context["accessibility"]
    counts = {str(n["label"]): n["count"] for n in summary["needs"]}
    assert counts == {
        "Sign-language interpreter": 2,
        "Induction loop": 0,
        "Wheelchair access": 0,
        "Other": 1,
    }
    html = response.content.decode()
    assert "An interpreter for Flemish Sign Language" in html and "Anna Signer" in html
    assert "Ramp at the side door" not in html


def test_summary_of_unknown_event_is_404(client, editor):
    import uuid

    assert client.get(u("summary", uuid.uuid4())).status_code == 404


# The "Registrations" button on the event page


def test_registrations_button_on_event_pages_with_a_form(client, editor):
    form = factories.registration_form()
    page = make_event(form)
    without = make_event()
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert u("summary", page.translation_key) in edit.content.decode()
    listing = client.get(reverse("wagtailadmin_explore", args=(page.get_parent().pk,)))
    assert u("summary", page.translation_key) in listing.content.decode()
    other = client.get(reverse("wagtailadmin_pages:edit", args=(without.pk,)))
    assert u("summary", without.translation_key) not in other.content.decode()


# Actions


def post(client, name, registration, **data):
    return client.post(u(name, registration.pk), data)


def test_approve_and_decline(client, editor):
    form = factories.registration_form(
        requires_approval=True, capacity=1, waiting_list=True
    )
    page = make_event(form)
    a = reg(page, form, email="a@example.org")
    b = reg(page, form, email="b@example.org")
    c = reg(page, form, email="c@example.org")
    shown = follow_messages(client, post(client, "approve", a.registration))
    assert status_of(a) == S.CONFIRMED
    assert any("approved" in m for m in shown)
    post(client, "approve", b.registration)
    assert status_of(b) == S.WAITING  # full: to the waiting list
    post(client, "decline", c.registration)
    assert status_of(c) == S.DECLINED


def test_approve_when_full_without_waiting_list_changes_nothing(client, editor):
    form = factories.registration_form(
        requires_approval=True, capacity=1, waiting_list=False
    )
    page = make_event(form)
    a = reg(page, form, email="a@example.org")
    b = reg(page, form, email="b@example.org")
    post(client, "approve", a.registration)
    before = snapshot()
    shown = follow_messages(client, post(client, "approve", b.registration))
    assert snapshot() == before
    assert any("No place is free" in m for m in shown)


def test_promote_refuses_when_full_unless_overbooking(client, editor, limited):
    page, form = limited
    reg(page, form, email="a@example.org")
    reg(page, form, email="b@example.org")
    waiting = reg(page, form, email="c@example.org")
    before = snapshot()
    detail = client.get(u("inspect", waiting.registration.pk)).content.decode()
    assert "Promote anyway (overbook)" in detail
    shown = follow_messages(client, post(client, "promote", waiting.registration))
    assert snapshot() == before
    assert any("Promote anyway (overbook)" in m for m in shown)
    post(client, "promote", waiting.registration, force="1")
    assert status_of(waiting) == S.CONFIRMED
    assert availability.free_places(form, page.translation_key) == -1


def test_cancel_by_organiser_gives_the_place_to_the_first_waiting(
    client, editor, limited
):
    page, form = limited
    a = reg(page, form, email="a@example.org", name="Anna")
    reg(page, form, email="b@example.org")
    c = reg(page, form, email="c@example.org", name="Carla")
    shown = follow_messages(client, post(client, "cancel", a.registration))
    assert (status_of(a), status_of(c)) == (S.CANCELLED, S.CONFIRMED)
    assert any("Carla" in m for m in shown)


def test_mark_attended_and_refusals_of_wrong_status(client, editor, limited):
    page, form = limited
    a = reg(page, form, email="a@example.org")
    post(client, "attend", a.registration)
    assert status_of(a) == S.ATTENDED
    for action in ("approve", "decline", "promote", "cancel"):
        before = snapshot()
        shown = follow_messages(client, post(client, action, a.registration))
        assert snapshot() == before, action
        assert any("nothing changed" in m for m in shown), action


def test_actions_are_post_only_with_csrf_and_404_for_unknown(editor, limited):
    page, form = limited
    a = reg(page, form, email="a@example.org")
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    before = snapshot()
    assert client.get(u("attend", a.registration.pk)).status_code == 405
    assert client.post(u("attend", a.registration.pk)).status_code == 403  # no token
    assert snapshot() == before
    assert client.get(u("inspect", 999999)).status_code == 404
    client = Client()
    client.force_login(editor)
    assert client.post(u("attend", 999999)).status_code == 404


def test_redirects_only_to_this_site(client, editor, limited):
    page, form = limited
    a = reg(page, form, email="a@example.org")
    response = post(client, "attend", a.registration, next="https://evil.example/")
    assert response["Location"] == u("inspect", a.registration.pk)
    b = reg(page, form, email="b@example.org")
    summary = u("summary", page.translation_key)
    assert post(client, "attend", b.registration, next=summary)["Location"] == summary


# Check-in and no-shows


def test_checkin_list_is_alphabetical_with_people_holding_a_place(client, editor):
    form = factories.registration_form(capacity=3, waiting_list=True)
    page = make_event(form)
    for name in ("zoë", "Bart", "anna", "Wendy Waiting"):
        reg(page, form, email=f"{name[:4].lower()}@example.org", name=name)
    response = client.get(u("checkin", page.translation_key))
    assert [p.name for p in response.context["people"]] == ["anna", "Bart", "zoë"]
    html = response.content.decode()
    assert "Wendy Waiting" not in html
    assert "registrations-print.css" in html and 'media="print"' in html


def test_checkin_marks_many_at_once_and_refuses_the_rest(client, editor, limited):
    page, form = limited
    a = reg(page, form, email="a@example.org")
    b = reg(page, form, email="b@example.org")
    waiting = reg(page, form, email="c@example.org")
    other_form = factories.registration_form()
    other = make_event(other_form)
    elsewhere = reg(other, other_form, email="d@example.org")
    url = u("checkin", page.translation_key)
    shown = follow_messages(
        client,
        client.post(
            url,
            {
                "attended": [
                    a.registration.pk,
                    b.registration.pk,
                    waiting.registration.pk,
                    elsewhere.registration.pk,
                ]
            },
        ),
    )
    assert (status_of(a), status_of(b)) == (S.ATTENDED, S.ATTENDED)
    assert status_of(waiting) == S.WAITING
    assert status_of(elsewhere) == S.CONFIRMED
    assert any("Marked 2 people" in m for m in shown)
    assert any("not on this list" in m for m in shown)
    assert any("hold no place" in m for m in shown)
    before = snapshot()
    shown = follow_messages(client, client.post(url, {"attended": ["1", "x"]}))
    assert snapshot() == before
    assert any("nothing changed" in m for m in shown)
    assert (
        client.post(
            url + "?date=nonsense", {"attended": [a.registration.pk]}
        ).status_code
        == 404
    )


def test_checkin_per_date(client, editor):
    form = factories.registration_form()
    page = make_weekly_event(form)
    reg(page, form, email="a@example.org", name="First Week", occurrence_start=START)
    reg(
        page,
        form,
        email="b@example.org",
        name="Second Week",
        occurrence_start=START + WEEK,
    )
    response = client.get(
        u("checkin", page.translation_key),
        {"date": keys.occurrence_key(START + WEEK)},
    )
    assert [p.name for p in response.context["people"]] == ["Second Week"]
    assert len(response.context["dates"]) == 2


@pytest.mark.parametrize(
    "date", ["\x00", "2024-04-19T08:00:00+00:00\x00", "x" * 500, "not a date"]
)
def test_checkin_with_a_hostile_date_is_not_found(client, editor, date):
    form = factories.registration_form()
    page = make_weekly_event(form)
    reg(page, form, email="a@example.org", name="First Week", occurrence_start=START)
    # A NUL character reached PostgreSQL, which refuses it: a server error.
    response = client.get(u("checkin", page.translation_key), {"date": date})
    assert response.status_code == 404


def test_no_shows_after_the_event_only(client, editor):
    form = factories.registration_form()
    past = make_event(form)  # April 2024
    came = reg(past, form, email="a@example.org", name="Came")
    reg(past, form, email="b@example.org", name="Stayed Home")
    changes.mark_attended(came.registration)
    response = client.get(u("checkin", past.translation_key))
    assert [p.name for p in response.context["no_shows"]] == ["Stayed Home"]
    assert "No-shows" in response.content.decode()

    soon = timezone.now() + datetime.timedelta(days=30)
    conf = factories.conference(factories.event_index())
    future = factories.workshop(
        conf, soon, soon + datetime.timedelta(hours=1), registration_form=form
    )
    reg(future, form, email="c@example.org", now=timezone.now())
    response = client.get(u("checkin", future.translation_key))
    assert response.context["no_shows"] == []
    assert "No-shows" not in response.content.decode()


# One person's data


def test_detail_view_is_read_only_with_answers_and_actions(client, editor):
    form = factories.registration_form(
        questions=[factories.question("Your organisation")], requires_approval=True
    )
    page = make_event(form)
    a = reg(page, form, email="a@example.org", answers={"your_organisation": "VVSG"})
    response = client.get(u("inspect", a.registration.pk))
    html = response.content.decode()
    assert "Your organisation" in html and "VVSG" in html
    assert u("approve", a.registration.pk) in html
    assert 'name="csrfmiddlewaretoken"' in html  # the action forms post with it
    assert u("export_data", a.registration.pk) in html
    assert u("erase", a.registration.pk) in html
    assert "<textarea" not in html and 'name="name"' not in html


def test_export_and_erase_a_persons_data(client, editor, limited):
    page, form = limited
    a = reg(page, form, email="anna@example.org", name="Anna Peeters")
    response = client.get(u("export_data", a.registration.pk))
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert "Anna Peeters" in json.dumps(data)

    before = snapshot()
    confirm = client.get(u("erase", a.registration.pk))
    assert confirm.status_code == 200 and snapshot() == before
    assert client.get(u("erase", 999999)).status_code == 404
    shown = follow_messages(client, client.post(u("erase", a.registration.pk)))
    erased = Registration.objects.get(pk=a.registration.pk)
    assert erased.erased_at is not None and erased.name == "" and erased.email == ""
    assert erased.status == S.CONFIRMED  # the counts stay
    assert any("erased" in m for m in shown)
    listing = client.get(u("index")).content.decode()
    assert "Erased" in listing and "Anna Peeters" not in listing
    shown = follow_messages(client, client.post(u("erase", a.registration.pk)))
    assert any("already erased" in m for m in shown)


# Permissions


def test_plain_editor_sees_nothing_of_registrations(django_user_model, limited):
    page, form = limited
    a = reg(page, form, email="a@example.org")
    client = logged_in(make_user(django_user_model, "plain"))
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert edit.status_code == 200
    assert u("summary", page.translation_key) not in edit.content.decode()
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert u("index") not in home
    before = snapshot()
    for url in (
        u("index"),
        u("index") + "?export=csv",
        u("inspect", a.registration.pk),
        u("summary", page.translation_key),
        u("checkin", page.translation_key),
        u("export_data", a.registration.pk),
        u("erase", a.registration.pk),
    ):
        assert client.get(url).status_code in (302, 403), url
    for name in ("attend", "cancel", "erase"):
        assert client.post(u(name, a.registration.pk)).status_code in (302, 403)
    assert client.post(
        u("checkin", page.translation_key), {"attended": [a.registration.pk]}
    ).status_code in (302, 403)
    assert snapshot() == before


def test_view_only_user_lists_and_exports_but_does_not_act(django_user_model, limited):
    page, form = limited
    a = reg(page, form, email="a@example.org")
    client = logged_in(make_user(django_user_model, "viewer", "view_registration"))
    assert u("index") in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(u("index")).status_code == 200
    assert client.get(u("index"), {"export": "csv"}).status_code == 200
    assert client.get(u("summary", page.translation_key)).status_code == 200
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert u("summary", page.translation_key) in edit.content.decode()
    detail = client.get(u("inspect", a.registration.pk)).content.decode()
    assert u("attend", a.registration.pk) not in detail
    assert u("erase", a.registration.pk) not in detail
    before = snapshot()
    for name in ("attend", "cancel"):
        assert client.post(u(name, a.registration.pk)).status_code in (302, 403)
    assert client.post(
        u("checkin", page.translation_key), {"attended": [a.registration.pk]}
    ).status_code in (302, 403)
    assert client.post(u("erase", a.registration.pk)).status_code in (302, 403)
    assert snapshot() == before


def test_change_permission_acts_but_does_not_erase(django_user_model, limited):
    page, form = limited
    a = reg(page, form, email="a@example.org")
    client = logged_in(
        make_user(
            django_user_model, "actor", "view_registration", "change_registration"
        )
    )
    assert client.post(u("attend", a.registration.pk)).status_code == 302
    assert status_of(a) == S.ATTENDED
    detail = client.get(u("inspect", a.registration.pk)).content.decode()
    assert u("erase", a.registration.pk) not in detail
    before = snapshot()
    assert client.post(u("erase", a.registration.pk)).status_code in (302, 403)
    assert snapshot() == before


def test_delete_permission_erases(django_user_model, limited):
    page, form = limited
    a = reg(page, form, email="a@example.org")
    client = logged_in(
        make_user(
            django_user_model, "eraser", "view_registration", "delete_registration"
        )
    )
    assert client.post(u("erase", a.registration.pk)).status_code == 302
    assert Registration.objects.get(pk=a.registration.pk).erased_at is not None


def test_group_edit_page_offers_the_registration_permissions(client, editor):
    html = client.get(reverse("wagtailusers_groups:add")).content.decode()
    for codename in ("view_registration", "change_registration", "delete_registration"):
        permission = Permission.objects.get(
            content_type__app_label="wagtail_events", codename=codename
        )
        assert f'value="{permission.pk}"' in html, codename
    add = Permission.objects.get(
        content_type__app_label="wagtail_events", codename="add_registration"
    )
    assert f'value="{add.pk}"' not in html


def test_a_moved_date_shows_at_its_new_time(client, editor):
    form = factories.registration_form()
    second = START + WEEK
    moved_to = second + datetime.timedelta(hours=2)  # 11:00 in Brussels
    page = factories.repeating(
        factories.conference(factories.event_index()),
        START,
        START + datetime.timedelta(hours=1),
        "RRULE:FREQ=WEEKLY;COUNT=4",
        registration_form=form,
        changes=[
            {
                "original_start": second,
                "action": "move",
                "new_start": moved_to,
                "new_end": moved_to + datetime.timedelta(hours=1),
            }
        ],
    )
    reg(page, form, email="a@example.org", occurrence_start=second)
    response = client.get(
        u("checkin", page.translation_key),
        {"date": keys.occurrence_key(second)},
    )
    assert "11 a.m." in response.context["when"]
    (row,) = client.get(u("summary", page.translation_key)).context["rows"]
    assert "11 a.m." in row["label"]
