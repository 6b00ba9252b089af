"""The schema.org Event data and sharing tags of event pages: what search engines
and social networks read, only what the editor gave, safe inside <script>."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup

from tests import factories as f
from wagtail_events.models import ProgrammeItem, RegistrationStatus


pytestmark = pytest.mark.django_db

# Far enough ahead that registration is not closed by the event having begun.
FUTURE = datetime.datetime.now().year + 2
S = "https://schema.org/"


def event_json(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string), soup


def meta(soup, key):
    tag = soup.find("meta", attrs={"property": key}) or soup.find(
        "meta", attrs={"name": key}
    )
    return tag["content"] if tag else None


def full_conference(index):
    venue = f.venue(
        street_address="Lakenmakersstraat 1",
        postal_code="2800",
        latitude="51.027",
        longitude="4.478",
    )
    org = f.organisation("VVSG", url="https://www.vvsg.be/")
    conf = f.conference(
        index,
        start=f.local(FUTURE, 4, 19, 8, 15),
        end=f.local(FUTURE, 4, 19, 18),
        summary="Local approaches to diversity.",
        venue=venue,
        speakers=[
            f.speaker(f.person("Bart Somers"), session_role="chair"),
            f.speaker(name="Typed Name", role="Host", confirmation="tbc"),
        ],
        registration_form=f.registration_form(
            capacity=100, opens_at=f.local(FUTURE - 3, 1, 1, 9), admission="free"
        ),
    )
    f.organiser(conf, org)
    f.organiser(conf, f.organisation("Partner"), role="partner")
    return conf


def test_conference_has_every_required_and_recommended_property(client, index):
    conf = full_conference(index)
    panel = f.panel(conf, f.local(FUTURE, 4, 19, 10), f.local(FUTURE, 4, 19, 11))
    data, soup = event_json(client, conf)

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == conf.title
    assert data["description"] == "Local approaches to diversity."
    assert data["url"] == conf.get_full_url()
    assert data["startDate"] == f"{FUTURE}-04-19T08:15:00+02:00"
    assert data["endDate"] == f"{FUTURE}-04-19T18:00:00+02:00"
    assert data["eventStatus"] == S + "EventScheduled"
    assert data["eventAttendanceMode"] == S + "OfflineEventAttendanceMode"
    assert data["location"] == {
        "@type": "Place",
        "name": "Lamot Conference and Heritage Centre",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Lakenmakersstraat 1",
            "postalCode": "2800",
            "addressLocality": "Mechelen",
            "addressCountry": "BE",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": 51.027, "longitude": 4.478},
    }
    assert [p["name"] for p in data["performer"]] == ["Bart Somers", "Typed Name"]
    assert data["performer"][0]["jobTitle"] == "Mayor of Mechelen"
    assert data["organizer"] == [
        {"@type": "Organization", "name": "VVSG", "url": "https://www.vvsg.be/"}
    ]
    assert data["sponsor"] == [{"@type": "Organization", "name": "Partner"}]
    # The conference states no language it is held in: none is claimed (the
    # page's own language is not the event's).
    assert "inLanguage" not in data
    assert data["isAccessibleForFree"] is True
    offer = data["offers"]
    assert offer["price"] == 0
    assert offer["priceCurrency"] == "EUR"
    assert offer["url"] == conf.get_full_url() + "#register"
    assert offer["availability"] == S + "InStock"
    assert offer["validFrom"].startswith(f"{FUTURE - 3}-01-01T09:00:00+01:00")
    assert "validThrough" not in offer
    assert data["maximumAttendeeCapacity"] == 100
    assert data["remainingAttendeeCapacity"] == 100
    assert [e["name"] for e in data["subEvent"]] == [panel.title]
    assert data["subEvent"][0]["startDate"] == f"{FUTURE}-04-19T10:00:00+02:00"
    assert data["subEvent"][0]["url"] == panel.get_full_url()
    assert "image" not in data

    assert meta(soup, "og:title") == conf.title
    assert meta(soup, "og:type") == "website"
    assert meta(soup, "og:url") == conf.get_full_url()
    assert meta(soup, "og:description") == "Local approaches to diversity."
    assert meta(soup, "og:image") is None
    assert meta(soup, "og:locale")
    assert meta(soup, "twitter:card") == "summary"
    assert meta(soup, "twitter:title") == conf.title


def test_hero_image_is_a_full_url_and_a_large_card(client, index):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Hero", file=get_test_image_file())
    conf = f.conference(index, hero_image=image)
    data, soup = event_json(client, conf)
    assert data["image"][0].startswith("http://")
    assert data["image"][0].endswith(".png")
    assert meta(soup, "og:image") == data["image"][0]
    assert meta(soup, "twitter:card") == "summary_large_image"


def test_nothing_is_invented_when_the_editor_gave_nothing(client, index):
    bare_venue = f.venue(name="Town hall", locality="", country="")
    page = f.panel(
        index, f.local(FUTURE, 5, 1, 10), f.local(FUTURE, 5, 1, 11), venue=bare_venue
    )
    data, soup = event_json(client, page)
    assert data["location"] == {"@type": "Place", "name": "Town hall"}
    for key in ("description", "image", "performer", "organizer", "offers"):
        assert key not in data, key
    assert "superEvent" not in data
    assert meta(soup, "og:description") is None
    assert all(value != "" for value in data.values())


def test_online_event_without_venue_has_a_virtual_location_only(client, index):
    page = f.panel(
        index,
        f.local(FUTURE, 5, 1, 10),
        f.local(FUTURE, 5, 1, 11),
        attendance_mode="online",
        online_url="https://meet.example.org/x",
    )
    data, _soup = event_json(client, page)
    assert data["eventAttendanceMode"] == S + "OnlineEventAttendanceMode"
    assert data["location"] == {
        "@type": "VirtualLocation",
        "url": "https://meet.example.org/x",
    }


def test_mixed_event_has_both_places(client, index):
    page = f.panel(
        index,
        f.local(FUTURE, 5, 1, 10),
        f.local(FUTURE, 5, 1, 11),
        attendance_mode="mixed",
        venue=f.venue(),
        online_url="https://meet.example.org/x",
    )
    data, _soup = event_json(client, page)
    assert data["eventAttendanceMode"] == S + "MixedEventAttendanceMode"
    assert [place["@type"] for place in data["location"]] == [
        "Place",
        "VirtualLocation",
    ]


def test_offsets_follow_daylight_saving_time_in_brussels(client, index):
    winter = f.panel(index, f.local(FUTURE, 1, 15, 19), f.local(FUTURE, 1, 15, 21))
    summer = f.panel(index, f.local(FUTURE, 7, 15, 19), f.local(FUTURE, 7, 15, 21))
    assert (
        event_json(client, winter)[0]["startDate"] == f"{FUTURE}-01-15T19:00:00+01:00"
    )
    assert event_json(client, summer)[0]["endDate"] == f"{FUTURE}-07-15T21:00:00+02:00"


def test_times_not_announced_give_dates(client, index):
    page = f.panel(index, f.local(FUTURE, 3, 2), f.local(FUTURE, 3, 4), all_day=True)
    data, _soup = event_json(client, page)
    assert (data["startDate"], data["endDate"]) == (
        f"{FUTURE}-03-02",
        f"{FUTURE}-03-03",
    )


def test_cancelled_event(client, index):
    page = f.panel(
        index, f.local(FUTURE, 5, 1, 10), f.local(FUTURE, 5, 1, 11), status="cancelled"
    )
    assert event_json(client, page)[0]["eventStatus"] == S + "EventCancelled"


def test_session_names_its_conference(client, index):
    conf = f.conference(index, venue=f.venue())
    panel = f.panel(conf, f.local(FUTURE, 4, 19, 10), f.local(FUTURE, 4, 19, 11))
    data, _soup = event_json(client, panel)
    assert data["superEvent"] == {
        "@type": "Event",
        "name": conf.title,
        "url": conf.get_full_url(),
    }
    # A session naming no place of its own is at the conference's venue.
    assert data["location"]["name"] == "Lamot Conference and Heritage Centre"


def test_a_sessions_room_decides_its_place_as_on_its_page(client, index):
    """A session naming both a venue and a room of another venue is where its
    room is, as its page and LOCATION say (places.location), not at the venue."""
    lamot = f.venue(rooms=["Dijlezaal"])
    zalm = f.venue("De Zalm", locality="Mechelen")
    conf = f.conference(index, venue=lamot)
    panel = f.panel(
        conf,
        f.local(FUTURE, 4, 19, 10),
        f.local(FUTURE, 4, 19, 11),
        venue=zalm,
        room=f.room(lamot, "Dijlezaal"),
    )
    data, _soup = event_json(client, panel)
    assert data["location"]["name"].startswith("Dijlezaal")
    assert "Lamot Conference and Heritage Centre" in data["location"]["name"]
    calendar = client.get(panel.url + "calendar.ics").content.decode()
    assert "LOCATION:Dijlezaal\\, Lamot Conference and Heritage Centre" in calendar


@pytest.mark.parametrize(
    "form_fields,confirmed,waiting,availability,remaining",
    [
        ({"capacity": 2}, 1, 0, "InStock", 1),
        ({"capacity": 2, "waiting_list": True}, 2, 1, "LimitedAvailability", 0),
        ({"capacity": 2, "waiting_list": False}, 2, 0, "SoldOut", 0),
        ({"capacity": 2, "closes_at": f.local(2020, 1, 1)}, 0, 0, "SoldOut", None),
        ({"opens_at": f.local(FUTURE + 1, 1, 1)}, 0, 0, "PreOrder", None),
    ],
)
def test_offer_availability(
    client, index, form_fields, confirmed, waiting, availability, remaining
):
    page = f.panel(
        index,
        f.local(FUTURE + 2, 5, 1, 10),
        f.local(FUTURE + 2, 5, 1, 11),
        registration_form=f.registration_form(**form_fields),
    )
    for i in range(confirmed + waiting):
        status = (
            RegistrationStatus.CONFIRMED
            if i < confirmed
            else RegistrationStatus.WAITING
        )
        f.registration(page, f"p{i}@example.org", status)
    data, _soup = event_json(client, page)
    assert data["offers"]["availability"] == S + availability
    assert data.get("remainingAttendeeCapacity") == remaining
    if "closes_at" in form_fields:
        assert data["offers"]["validThrough"] == "2020-01-01T00:00:00+01:00"


def test_a_title_cannot_break_out_of_the_script(client, index):
    page = f.panel(
        index,
        f.local(FUTURE, 5, 1, 10),
        f.local(FUTURE, 5, 1, 11),
        title="</script><script>alert(1)</script> & co",
    )
    html = client.get(page.url).content.decode()
    script = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in script and ">" not in script
    assert "\\u003C/script\\u003E" in script
    assert json.loads(script)["name"] == "</script><script>alert(1)</script> & co"


def test_repeating_event_gives_its_next_date_and_upcoming_dates(client, index):
    page = f.repeating(
        index,
        f.local(FUTURE, 1, 6, 19),
        f.local(FUTURE, 1, 6, 21),
        "RRULE:FREQ=WEEKLY;COUNT=30",
    )
    data, _soup = event_json(client, page)
    assert data["startDate"] == f"{FUTURE}-01-06T19:00:00+01:00"
    dates = [event["startDate"] for event in data["subEvent"]]
    assert len(dates) == 10  # WAGTAIL_EVENTS_UPCOMING_DATES
    # Weekly at 19:00 wall-clock time, across the spring clock change.
    assert dates[0].endswith("T19:00:00+01:00")
    assert all(d.endswith("T19:00:00+02:00") for d in dates if d[5:7] in ("04",))


@pytest.mark.parametrize("sessions", [3, 12])
def test_conference_page_queries_are_fixed(
    client, index, sessions, django_assert_max_num_queries
):
    conf = f.busy_conference(index, sessions)
    client.get(conf.url)  # warm the site and content-type caches
    # 27 on Wagtail 8.0 and 7.4 (test_queries.CONFERENCE_BUDGET; one of them the
    # programme's recorded changes, one the parts of a conference held on
    # several days, one the documents the page lists and subjectOf names). The structured data reuses the programme the page builds,
    # reads people and organisers in one query, and takes inLanguage from the
    # page's translations, which the language switcher has read already. One
    # more: the page's named contacts with their organisations (one query), and
    # one for the page frame's breadcrumb and menu. One more: the event index
    # above the page, for the addresses of the speakers' pages (shared by their
    # links and the performers' url).
    with django_assert_max_num_queries(27):
        data, _soup = event_json(client, conf)
    # Every entry: the sessions, the second run of every site visit, and the
    # programme items (registration and lunch on each day).
    items = ProgrammeItem.objects.filter(page=conf).count()
    assert len(data["subEvent"]) == sessions + sessions // 3 + items


def test_event_data_reads_the_sessions_itself_without_a_programme(client, index):
    from wagtail_events.exchange import jsonld

    conf = f.busy_conference(index, 3)
    from_page, _soup = event_json(client, conf)
    alone = jsonld.event_data(conf)
    assert [e["name"] for e in alone["subEvent"]] == [
        e["name"] for e in from_page["subEvent"]
    ]
    assert [e["startDate"] for e in alone["subEvent"]] == [
        e["startDate"] for e in from_page["subEvent"]
    ]
    # Without a registration state there are no offers to describe.
    assert "offers" not in alone


def test_the_conference_page_says_of_its_sessions_what_their_pages_say(client, index):
    """The sub-events built from the programme the page has at hand agree, in every
    property, with those read from the sessions themselves."""
    from wagtail_events.exchange import jsonld

    venue = f.venue(
        "Lamot", rooms=["Dijlezaal"], street_address="Van Beethovenstraat 8"
    )
    conf = f.conference(
        index,
        start=f.local(FUTURE, 4, 19, 8),
        end=f.local(FUTURE, 4, 20, 18),
        venue=venue,
    )
    room = venue.rooms.get()
    f.workshop(
        conf,
        f.local(FUTURE, 4, 19, 10),
        f.local(FUTURE, 4, 19, 11),
        title="In a room",
        room=room,
    )
    f.panel(
        conf,
        f.local(FUTURE, 4, 19, 12),
        f.local(FUTURE, 4, 19, 13),
        title="Postponed",
        status="postponed",
    )
    f.panel(
        conf,
        f.local(FUTURE, 4, 19, 14),
        f.local(FUTURE, 4, 19, 15),
        title="Moved online",
        status="moved_online",
        online_url="https://meet.example.org/x",
    )
    f.workshop(
        conf,
        f.local(FUTURE, 4, 20),
        f.local(FUTURE, 4, 21),
        title="Hours to be announced",
        all_day=True,
    )
    from_page, _soup = event_json(client, conf)
    alone = jsonld.event_data(conf)

    def by_name(events):
        return sorted(events, key=lambda e: e["name"])

    assert by_name(from_page["subEvent"]) == by_name(alone["subEvent"])
    events = {e["name"]: e for e in from_page["subEvent"]}
    assert events["Hours to be announced"]["endDate"] == f"{FUTURE}-04-20"
    assert events["Postponed"]["eventStatus"] == "https://schema.org/EventPostponed"
    assert events["Moved online"]["location"] == {
        "@type": "VirtualLocation",
        "url": "https://meet.example.org/x",
    }
    assert events["In a room"]["location"]["address"]["streetAddress"] == (
        "Van Beethovenstraat 8"
    )


def test_the_currency_is_a_setting(client, index, settings):
    settings.WAGTAIL_EVENTS_CURRENCY = "CHF"
    conf = full_conference(index)
    data, _soup = event_json(client, conf)
    assert data["offers"]["priceCurrency"] == "CHF"
