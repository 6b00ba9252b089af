"""Conditional GET on the files apps poll (``exchange.conditional``): each answers
with an ETag and a Last-Modified, a matching ``If-None-Match`` or
``If-Modified-Since`` gets ``304``, and any change to what the file says gives a
new ETag and a later Last-Modified, so the app downloads it again."""

import pytest
from django.utils.http import http_date, parse_http_date

from tests import factories as f
from wagtail_events.exchange import conditional


pytestmark = pytest.mark.django_db

DAY = (2024, 4, 19)


@pytest.fixture
def conference(index):
    conf = f.conference(index, title="Diversity day", venue=f.venue())
    session = f.panel(conf, f.local(*DAY, 10), f.local(*DAY, 11), title="Leading")
    return conf, session


def files(conference, index):
    """(name, URL, page whose publish changes the file) for every kind of file."""
    conf, session = conference
    agenda = f"{conf.url}agenda.ics?sessions={session.pk}"
    return [
        ("event", session.url + "calendar.ics", session),
        ("conference", conf.url + "calendar.ics", session),
        ("index", index.url + "calendar.ics", conf),
        ("agenda", agenda, session),
        ("json", conf.url + "schedule.json", session),
        ("xml", conf.url + "schedule.xml", session),
    ]


def publish_new_title(page, title):
    page = page.specific
    page.title = title
    page.save_revision().publish()


FILES = ["event", "conference", "index", "agenda", "json", "xml"]


@pytest.mark.parametrize("name", FILES)
def test_validators_304_and_a_new_etag_after_a_publish(client, conference, index, name):
    url, page = next((u, p) for n, u, p in files(conference, index) if n == name)
    first = client.get(url)
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.strip('W/"') and parse_http_date(modified)

    again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Last-Modified"] == modified
    # A client that only keeps the date.
    assert client.get(url, headers={"if-modified-since": modified}).status_code == 304
    # HEAD carries the same validators and is answered the same.
    head = client.head(url)
    assert (head.status_code, head["ETag"], head["Last-Modified"]) == (
        200,
        etag,
        modified,
    )
    assert client.head(url, headers={"if-none-match": etag}).status_code == 304

    publish_new_title(page, "Renamed")
    changed = client.get(
        url, headers={"if-none-match": etag, "if-modified-since": modified}
    )
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert parse_http_date(changed["Last-Modified"]) > parse_http_date(modified)
    # Also for a client that sends only the date it had.
    assert client.get(url, headers={"if-modified-since": modified}).status_code == 200


def test_the_etag_follows_the_body_not_the_time_it_was_written(client, conference):
    conf, _session = conference
    url = conf.url + "calendar.ics"
    etag = client.get(url)["ETag"]
    assert etag.startswith('W/"')  # DTSTAMP differs from one download to the next
    body = client.get(url).content
    assert b"DTSTAMP:" in body
    stamped_again = body.replace(b"DTSTAMP:2", b"DTSTAMP:1")
    assert conditional.calendar_etag(stamped_again) == etag
    assert conditional.calendar_etag(body.replace(b"Leading", b"Leader")) != etag
    # The frab files are the same byte for byte: a strong ETag.
    assert not client.get(conf.url + "schedule.json")["ETag"].startswith("W/")


def test_a_venue_edited_without_any_publish_changes_the_etag(client, conference):
    """Why the ETag is the body's: a snippet edit publishes no page."""
    conf, _session = conference
    url = conf.url + "calendar.ics"
    etag = client.get(url)["ETag"]
    conf.venue.locality = "Gent"
    conf.venue.save()
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert b"Gent" in response.content


def test_each_agenda_has_its_own_validators(client, conference):
    conf, session = conference
    other = f.workshop(conf, f.local(*DAY, 12), f.local(*DAY, 13), title="Counter")
    url = conf.url + "agenda.ics"
    one = client.get(url, {"sessions": session.pk})
    both = client.get(url, {"sessions": f"{session.pk},{other.pk}"})
    assert one["ETag"] != both["ETag"]
    assert (
        client.get(
            url, {"sessions": session.pk}, headers={"if-none-match": both["ETag"]}
        ).status_code
        == 200
    )


def test_errors_carry_no_validators(client, conference):
    conf, _session = conference
    response = client.get(conf.url + "agenda.ics")
    assert response.status_code == 400
    assert "ETag" not in response


def test_last_modified_moves_a_second_on_when_the_body_changes_within_one(rf):
    request = rf.get("/events/calendar.ics")
    assert conditional.modified_since(request, '"a"', now=1000) == 1000
    assert conditional.modified_since(request, '"a"', now=1500) == 1000
    # Same second, another body: never the Last-Modified of the one before.
    assert conditional.modified_since(request, '"b"', now=1000) == 1001
    assert conditional.modified_since(request, '"a"', now=1000) == 1002
    # Another URL keeps its own.
    assert conditional.modified_since(rf.get("/other/"), '"a"', now=1000) == 1000


def test_an_old_if_modified_since_gets_the_file(client, conference):
    conf, _session = conference
    url = conf.url + "schedule.json"
    client.get(url)
    response = client.get(url, headers={"if-modified-since": http_date(0)})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("name", "queries"),
    [
        ("event", 14),
        ("conference", 16),
        ("index", 12),
        ("agenda", 17),
        ("json", 15),
        ("xml", 15),
    ],
)
def test_queries_of_a_304(
    client, conference, index, name, queries, django_assert_max_num_queries
):
    """A 304 costs what the 200 does (the file is rendered to compare), no more."""
    url, _page = next((u, p) for n, u, p in files(conference, index) if n == name)
    etag = client.get(url)["ETag"]
    with django_assert_max_num_queries(queries) as captured:
        assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    with django_assert_max_num_queries(queries) as full:
        assert client.get(url).status_code == 200
    assert len(captured) == len(full)
