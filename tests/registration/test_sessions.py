"""Choosing workshops and site visits while registering for a conference, as at
the Mechelen conference (seed 002): parallel sessions with places of their own.

Refusals (overlap, full, unknown) change nothing; each chosen session gets a
registration of its own under the conference registration, with its own status,
counted together with people who registered on the session's page; cancelling
the conference registration cancels them and promotes per session."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests import factories
from wagtail_events.models import Registration
from wagtail_events.models import RegistrationStatus as S
from wagtail_events.occurrences import recurrence
from wagtail_events.registration import (
    availability,
    changes,
    errors,
    keys,
    session_choices,
    views,
    writer,
)


pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo(factories.BRUSSELS)


@pytest.fixture
def mails(monkeypatch):
    """(kind, registration pk) of every e-mail enqueued: by the writer and by
    ``changes``, which looks ``notify`` up in its own module."""
    sent = []
    for module in (writer, changes):
        monkeypatch.setattr(
            module, "notify", lambda kind, r, token=None: sent.append((kind, r.pk))
        )
    return sent


def day_at(hour, minute=0):
    """A time on the conference day, ten days from now, in Brussels."""
    day = timezone.now().astimezone(BRUSSELS).date() + datetime.timedelta(10)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=BRUSSELS)


class Mechelen:
    """The conference and its parallel sessions."""

    def __init__(self):
        self.conference = factories.conference(
            factories.event_index(),
            start=day_at(8, 15),
            end=day_at(18),
            title="Local government approaches to diversity",
            registration_form=factories.registration_form(),
        )
        c = self.conference
        self.mentoring = factories.workshop(
            c,
            day_at(10, 15),
            day_at(12),
            title="City-to-city mentoring",
            registration_form=factories.registration_form(
                capacity=2, waiting_list=False
            ),
        )
        self.bystander = factories.workshop(
            c,
            day_at(10, 15),
            day_at(12),
            title="Bystander training",
            registration_form=factories.registration_form(
                capacity=1, waiting_list=True
            ),
        )
        self.tour = factories.site_visit(
            c,
            day_at(13),
            day_at(14, 45),
            runs=[(day_at(15, 15), day_at(17))],
            title="Urban renewal tour",
            registration_form=factories.registration_form(
                capacity=1, waiting_list=False
            ),
        )
        self.plan = factories.workshop(
            c,
            day_at(13),
            day_at(14, 45),
            title="Plan Living Together",
            registration_form=factories.registration_form(requires_approval=True),
        )
        # Not offered: no form, an invitation code, members only, closed.
        self.panel = factories.panel(c, day_at(10, 15), day_at(12), title="Panel")
        self.invited = factories.workshop(
            c,
            day_at(13),
            day_at(14),
            title="Mayors only",
            registration_form=factories.registration_form(invitation_code="MAYORS"),
        )
        self.members = factories.workshop(
            c,
            day_at(13),
            day_at(14),
            title="Members only",
            registration_form=factories.registration_form(),
        )
        PageViewRestriction.objects.create(
            page=self.members, restriction_type=PageViewRestriction.LOGIN
        )
        self.closed = factories.workshop(
            c,
            day_at(13),
            day_at(14),
            title="Closed workshop",
            registration_form=factories.registration_form(
                closes_at=timezone.now() - datetime.timedelta(hours=1)
            ),
        )

    def value(self, page, run=None):
        """The checkbox value of a session, or of its ``run`` (0: first run)."""
        options = session_choices.session_options(self.conference)
        matching = [o for o in options if o.page.pk == page.pk]
        return matching[run or 0].value


@pytest.fixture
def mechelen(db):
    return Mechelen()


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def checkboxes(response):
    return soup(response).select("input[type=checkbox][name=sessions]")


def label_of(box):
    return box.find_parent("label").get_text(" ", strip=True)


def post(client, page, sessions=(), email="ada@example.org"):
    return client.post(
        page.url + "register/",
        {
            "name": "Ada",
            "email": email,
            "privacy_accepted": "on",
            "sessions": list(sessions),
        },
    )


def direct(page, email, occurrence=None):
    """Someone registering on the session's own page (a site visit: for its
    first run unless ``occurrence`` says otherwise)."""
    if occurrence is None and recurrence.has_dates(page):
        occurrence = page.start
    return writer.register(
        page, page.registration_form, name=email, email=email, occurrence=occurrence
    )


def assert_refused(response, message):
    assert response.status_code == 400
    page = soup(response)
    link = page.select_one(".we-error-summary").find("a", href="#we-reg-sessions")
    assert link is not None and message in link.text
    field = page.find(id="we-reg-sessions").find_parent(class_="we-field--error")
    assert field is not None and message in field.text


# The form


def test_form_lists_the_open_sessions_by_time_slot_with_their_places(client, mechelen):
    direct(mechelen.tour, "t@example.org")  # first run full, no waiting list
    direct(mechelen.bystander, "b@example.org")  # full, with waiting list
    response = client.get(mechelen.conference.url)
    page = soup(response)
    slots = page.select("#we-reg-sessions fieldset.we-choices__slot")
    assert [slot.legend.get_text(strip=True).split(", ")[-1] for slot in slots] == [
        "10:15–12:00",
        "13:00–14:45",
        "15:15–17:00",
    ]
    labels = [[label_of(b) for b in slot.select("input")] for slot in slots]
    assert labels == [
        [
            "Bystander training – full – waiting list",
            "City-to-city mentoring – 2 places left",
        ],
        ["Plan Living Together", "Urban renewal tour – full"],
        ["Urban renewal tour – 1 place left"],
    ]
    boxes = {label_of(b): b for b in checkboxes(response)}
    assert boxes["Urban renewal tour – full"].has_attr("disabled")
    assert not boxes["Bystander training – full – waiting list"].has_attr("disabled")
    for hidden in ("Panel", "Mayors only", "Members only", "Closed workshop"):
        assert hidden not in str(page.select_one("#we-reg-sessions"))


def test_a_session_page_offers_no_sessions(client, mechelen):
    assert not checkboxes(client.get(mechelen.mentoring.url))


# Registering with sessions


def test_sessions_get_registrations_of_their_own(client, mechelen, mails):
    direct(mechelen.bystander, "b@example.org")
    chosen = [
        mechelen.value(mechelen.bystander),
        mechelen.value(mechelen.tour, run=1),
    ]
    response = post(client, mechelen.conference, chosen)
    assert response.status_code == 302
    parent = Registration.objects.get(event_key=mechelen.conference.translation_key)
    children = {r.page_id: r for r in parent.session_registrations.all()}
    assert set(children) == {mechelen.bystander.pk, mechelen.tour.pk}
    bystander, tour = children[mechelen.bystander.pk], children[mechelen.tour.pk]
    assert bystander.event_key == mechelen.bystander.translation_key
    assert bystander.occurrence_key == ""
    assert bystander.status == S.WAITING
    assert tour.status == S.CONFIRMED
    assert tour.occurrence_key == keys.occurrence_key(day_at(15, 15))
    assert (tour.name, tour.email) == ("Ada", "ada@example.org")
    hashes = {
        parent.cancellation_token_hash,
        *(c.cancellation_token_hash for c in children.values()),
    }
    assert len(hashes) == 3
    # Only the conference registration gets the confirmation.
    assert [m for m in mails if m[0] == "confirmation"][-1] == (
        "confirmation",
        parent.pk,
    )
    assert ("confirmation", bystander.pk) not in mails
    result = soup(client.get(response["Location"]))
    items = [
        li.get_text(" ", strip=True)
        for li in result.select(".we-registration__session")
    ]
    assert len(items) == 2
    assert items[0].startswith("Bystander training")
    assert "waiting list, at position 1" in items[0]
    assert items[1].startswith("Urban renewal tour")
    assert "15:15–17:00" in items[1] and "your place is confirmed" in items[1]


def test_approval_session_awaits_the_organiser(client, mechelen):
    post(client, mechelen.conference, [mechelen.value(mechelen.plan)])
    child = Registration.objects.get(event_key=mechelen.plan.translation_key)
    assert child.status == S.AWAITING_APPROVAL
    assert child.parent.status == S.CONFIRMED


def test_places_are_shared_with_people_registering_on_the_session_page(
    client, mechelen
):
    direct(mechelen.mentoring, "first@example.org")
    response = post(client, mechelen.conference, [mechelen.value(mechelen.mentoring)])
    assert response.status_code == 302
    assert (
        Registration.objects.filter(
            event_key=mechelen.mentoring.translation_key, status=S.CONFIRMED
        ).count()
        == 2
    )
    # The session is now full, for its own page too.
    with pytest.raises(errors.RegistrationClosed):
        direct(mechelen.mentoring, "late@example.org")


def test_without_sessions_only_the_conference_registration(client, mechelen):
    assert post(client, mechelen.conference).status_code == 302
    assert Registration.objects.get().parent is None


# Refusals change nothing


def test_sessions_at_the_same_time_are_refused(client, mechelen):
    response = post(
        client,
        mechelen.conference,
        [mechelen.value(mechelen.mentoring), mechelen.value(mechelen.bystander)],
    )
    assert_refused(
        response,
        "‘Bystander training’ and ‘City-to-city mentoring’ take place at the same "
        "time: choose one.",
    )
    assert not Registration.objects.exists()


def test_overlap_of_a_workshop_and_a_site_visit_run(client, mechelen):
    response = post(
        client,
        mechelen.conference,
        [mechelen.value(mechelen.plan), mechelen.value(mechelen.tour, run=0)],
    )
    assert_refused(response, "take place at the same time")
    assert "‘Plan Living Together’" in response.text
    assert "‘Urban renewal tour’" in response.text
    assert not Registration.objects.exists()


def test_two_runs_of_the_same_visit_are_refused(client, mechelen):
    response = post(
        client,
        mechelen.conference,
        [mechelen.value(mechelen.tour, 0), mechelen.value(mechelen.tour, 1)],
    )
    assert_refused(response, "You chose ‘Urban renewal tour’ more than once")
    assert not Registration.objects.exists()


def test_full_session_without_waiting_list_is_refused(client, mechelen):
    direct(mechelen.mentoring, "a@example.org")
    direct(mechelen.mentoring, "b@example.org")
    before = list(Registration.objects.values_list("pk", "status"))
    response = post(client, mechelen.conference, [mechelen.value(mechelen.mentoring)])
    assert_refused(
        response,
        "‘City-to-city mentoring’ is full and has no waiting list",
    )
    assert list(Registration.objects.values_list("pk", "status")) == before


def test_session_filled_between_form_and_lock_is_refused(mechelen):
    """The form saw a free place; under the lock there is none: refused, and the
    conference registration is not kept either."""
    options = session_choices.session_options(mechelen.conference)
    value = mechelen.value(mechelen.tour, 0)
    direct(mechelen.tour, "t@example.org")  # a direct registration takes the place
    # The options computed before still say there was a place.
    assert next(o for o in options if o.value == value).availability.can_choose
    before = list(Registration.objects.values_list("pk", "status"))
    with pytest.raises(errors.InvalidSessionChoice) as refused:
        writer.register(
            mechelen.conference,
            mechelen.conference.registration_form,
            name="Ada",
            email="ada@example.org",
            sessions=[value],
        )
    assert refused.value.reason == "full"
    assert list(Registration.objects.values_list("pk", "status")) == before


@pytest.mark.parametrize(
    "which", ["nonsense", "999999", "panel", "members", "invited", "closed", "other"]
)
def test_unknown_session_is_refused(client, mechelen, which):
    other = factories.workshop(
        factories.conference(factories.event_index()),
        day_at(10),
        day_at(11),
        registration_form=factories.registration_form(),
    )
    value = {
        "nonsense": "nonsense",
        "999999": "999999",
        "panel": str(mechelen.panel.pk),
        "members": str(mechelen.members.pk),
        "invited": str(mechelen.invited.pk),
        "closed": str(mechelen.closed.pk),
        "other": str(other.pk),
    }[which]
    response = post(client, mechelen.conference, [value])
    assert_refused(response, "cannot be chosen")
    assert not Registration.objects.exists()


def test_members_only_session_is_not_offered(mechelen):
    offered = {o.page.pk for o in session_choices.session_options(mechelen.conference)}
    assert mechelen.members.pk not in offered
    assert offered == {
        mechelen.mentoring.pk,
        mechelen.bystander.pk,
        mechelen.tour.pk,
        mechelen.plan.pk,
    }


def test_duplicate_conference_registration_creates_nothing(client, mechelen, mails):
    first = post(client, mechelen.conference, [mechelen.value(mechelen.mentoring)])
    count = Registration.objects.count()
    again = post(
        client,
        mechelen.conference,
        [mechelen.value(mechelen.bystander)],
        email="ADA@example.org",
    )
    assert first.status_code == again.status_code == 302
    assert Registration.objects.count() == count == 2
    assert "already_registered" in [kind for kind, _pk in mails]
    # Told what a newcomer would be told.
    items = soup(client.get(again["Location"])).select(".we-registration__session")
    assert "Bystander training" in items[0].text
    assert "your place is confirmed" in items[0].text


# Cancelling the conference registration


def test_cancelling_the_conference_cancels_its_sessions_and_promotes(
    client, mechelen, mails
):
    outcome = writer.register(
        mechelen.conference,
        mechelen.conference.registration_form,
        name="Ada",
        email="ada@example.org",
        sessions=[
            mechelen.value(mechelen.bystander),
            mechelen.value(mechelen.tour, 1),
        ],
    )
    waiting = direct(mechelen.bystander, "w@example.org")
    assert waiting.status == S.WAITING
    response = client.post(mechelen.conference.url + f"cancel/{outcome.token}/")
    assert response.status_code == 200
    statuses = dict(
        Registration.objects.filter(email="ada@example.org").values_list(
            "page_id", "status"
        )
    )
    assert statuses == {
        mechelen.conference.pk: S.CANCELLED,
        mechelen.bystander.pk: S.CANCELLED,
        mechelen.tour.pk: S.CANCELLED,
    }
    waiting.registration.refresh_from_db()
    assert waiting.registration.status == S.CONFIRMED
    assert ("promoted", waiting.registration.pk) in mails
    # The freed run is free again.
    free = availability.free_places(
        mechelen.tour.registration_form,
        mechelen.tour.translation_key,
        keys.occurrence_key(day_at(15, 15)),
    )
    assert free == 1


def test_a_session_registration_has_no_link_of_its_own(client, mechelen):
    writer.register(
        mechelen.conference,
        mechelen.conference.registration_form,
        name="Ada",
        email="ada@example.org",
        sessions=[mechelen.value(mechelen.mentoring)],
    )
    child = Registration.objects.get(event_key=mechelen.mentoring.translation_key)
    # Nobody knows its token: only the hash of a random one is stored.
    assert len(child.cancellation_token_hash) == 64


# Queries


def conference_with(sessions):
    """A conference with ``sessions`` sessions, a site visit with two runs every
    third one, each with places of its own and some people registered."""
    conf = factories.conference(
        factories.event_index(),
        start=day_at(8),
        end=day_at(18),
        registration_form=factories.registration_form(),
    )
    for i in range(sessions):
        start = day_at(9 + i % 4)
        end = start + datetime.timedelta(minutes=50)
        form = factories.registration_form(capacity=3, waiting_list=bool(i % 2))
        if i % 3 == 2:
            later = (
                start + datetime.timedelta(hours=4),
                end + datetime.timedelta(hours=4),
            )
            page = factories.site_visit(
                conf, start, end, runs=[later], registration_form=form
            )
        else:
            page = factories.workshop(conf, start, end, registration_form=form)
        if i < 2:
            direct(page, f"p{i}@example.org")
    return conf


@pytest.mark.parametrize("sessions", [3, 12])
def test_form_page_queries_do_not_grow_with_sessions(
    client, sessions, django_assert_max_num_queries
):
    conf = conference_with(sessions)
    # 15 on a warm cache (the active locale and the page's translations among
    # them), plus the site's root paths and their translations on a cold one.
    # One more for the page frame (breadcrumb and menu in one query).
    with django_assert_max_num_queries(18):
        response = client.get(conf.url + "register/")
    assert len(checkboxes(response)) == sessions + sessions // 3


def test_a_registration_post_reads_the_sessions_once_in_the_writer(
    client, mechelen, monkeypatch
):
    """The form posted checks what was typed; the sessions (and their places) are
    read once, by the writer, before its transaction (the lock holds only the
    places counted again and the inserts)."""
    reads = []
    for module in (views, writer):
        read = module.session_options

        def counted(*args, _read=read, _module=module.__name__, **kwargs):
            reads.append((_module, bool(connection.savepoint_ids)))
            return _read(*args, **kwargs)

        monkeypatch.setattr(module, "session_options", counted)
    chosen = [mechelen.value(mechelen.bystander), mechelen.value(mechelen.tour, 1)]
    assert post(client, mechelen.conference, chosen).status_code == 302
    assert reads == [("wagtail_events.registration.writer", False)]


def test_a_session_no_longer_offered_is_refused_even_when_none_is_left(client):
    """The visitor chose the conference's only session, which closed since: the
    choice is refused (not dropped in silence), at the top of the form, since no
    session is left to list."""
    conf = factories.conference(
        factories.event_index(),
        start=day_at(8),
        end=day_at(18),
        registration_form=factories.registration_form(),
    )
    only = factories.workshop(
        conf, day_at(10), day_at(11), registration_form=factories.registration_form()
    )
    (option,) = session_choices.session_options(conf)
    only.registration_form.closes_at = timezone.now()
    only.registration_form.save()
    response = post(client, conf, [option.value])
    assert response.status_code == 400
    summary = soup(response).select_one(".we-error-summary")
    assert "cannot be chosen (any more)" in summary.text
    assert not checkboxes(response)
    assert not Registration.objects.exists()
