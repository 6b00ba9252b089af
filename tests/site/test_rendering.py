"""Every page type renders what editors entered, in the event's own time zone."""

import pytest
from bs4 import BeautifulSoup

from tests import factories as f


pytestmark = pytest.mark.django_db

NEW_YORK = "America/New_York"


def at(hour, minute=0, day=19, month=4, zone=f.BRUSSELS):
    return f.local(2024, month, day, hour, minute, zone=zone)


def get(client, page, **params):
    response = client.get(page.url, params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text(soup):
    return " ".join(soup.get_text(" ").split())


PRACTICAL = [
    {
        "type": "getting_there",
        "value": {"mode": "train", "text": "<p>Walk from Mechelen station.</p>"},
    },
    {
        "type": "parking",
        "value": {
            "name": "Parking Lamot",
            "address": "Van Beethovenstraat 8",
            "opening_hours": "open 24/7",
        },
    },
    {"type": "hotels", "value": {"text": "<p>Hotels nearby.</p>", "document": None}},
    {
        "type": "accessibility",
        "value": {
            "text": "<p>Sign language on request.</p>",
            "request_by": "2024-04-01",
            "contact_email": "access@example.org",
        },
    },
    {
        "type": "contact",
        "value": {
            "name": "Events team",
            "role": "Coordinator",
            "email": "events@example.org",
            "phone": "+32 2 000 00 00",
        },
    },
    {"type": "text", "value": "<p>Bring your sports kit.</p>"},
]


@pytest.fixture
def conference(index):
    v = f.venue(
        rooms=["Auditorium", "Dijlezaal"],
        street_address="Van Beethovenstraat 8",
        postal_code="2800",
        step_free_access=True,
        public_transport="Bus 1 to the Korenmarkt.",
    )
    conf = f.conference(
        index,
        title="Diversity summit",
        venue=v,
        introduction="<p>Local governments meet.</p>",
        practical_information=PRACTICAL,
        speakers=[f.speaker(name="Chair Person", session_role="chair")],
    )
    f.organiser(conf, f.organisation("VVSG", url="https://vvsg.be/"))
    f.organiser(conf, f.organisation("EFUS"), role="partner")
    f.panel(
        conf,
        at(10),
        at(11),
        title="Leading the charge",
        room=f.room(v, "Auditorium"),
        speakers=[
            f.speaker(f.person("Bart Somers", organisation=f.organisation("Mechelen"))),
            f.speaker(name="Ylva Johansson", participation="video_message"),
            f.speaker(name="Paola Alvarez", confirmation="tbc"),
        ],
    )
    f.site_visit(
        conf,
        at(10),
        at(12),
        title="City tour",
        track="Site visits",
        runs=[(at(13), at(14, 45))],
    )
    f.programme_item(conf, at(12), at(13), kind="meal", title="Lunch")
    f.programme_item(
        conf, at(8), at(18), kind="exhibition", title="Posters", all_day=True
    )
    return conf


def test_conference_renders_everything(client, conference):
    soup = get(client, conference)
    body = text(soup)
    assert soup.h1.get_text() == "Diversity summit"
    assert "Friday 19 April 2024, 08:15 – 18:00" in body.replace("–", " – ").replace(
        "  ", " "
    )
    assert "(Europe/Brussels)" in body
    assert "Local governments meet." in body
    assert "Chair Person" in body and "Chair" in body
    # Practical information: one of each kind of block, and the venue.
    for expected in (
        "Walk from Mechelen station.",
        "Parking Lamot",
        "open 24/7",
        "Hotels nearby.",
        "Sign language on request.",
        "Ask for assistance before 1 April 2024",
        "access@example.org",
        "Events team",
        "+32 2 000 00 00",
        "Bring your sports kit.",
        "Step-free access",
        "Bus 1 to the Korenmarkt.",
    ):
        assert expected in body, expected
    organisers = soup.select_one(".we-organisations")
    assert organisers.find("a", href="https://vvsg.be/").get_text() == "VVSG"
    assert "With the support of: EFUS" in text(organisers)
    assert soup.select_one(".we-hero") is None


def test_programme_is_one_list_per_day_laid_out_as_a_grid(client, conference):
    soup = get(client, conference)
    assert soup.select_one("table") is None
    day = soup.select_one(".we-day")
    assert text(day.h3) == "Friday 19 April 2024"
    grid = day.select_one(".we-timetable")
    # Column headings for the eye; each entry names its own room (or track).
    headers = [text(h) for h in grid.select(".we-timetable__head")]
    assert headers == ["Auditorium", "Site visits"]
    lunch = next(li for li in grid.select("ol > li") if "Lunch" in text(li))
    assert "grid-column: 1 / span 2" in lunch["style"]
    assert "Posters" in text(soup.select_one(".we-all-day"))
    assert "run 2" in text(grid)


def test_programme_as_a_list(client, conference):
    soup = get(client, conference, view="list")
    assert "we-programme--list" in soup.select_one("#programme")["class"]
    items = soup.select(".we-timetable__entries > li")
    assert [text(li.select_one(".we-slot__time"))[:13] for li in items] == [
        "10:00 – 11:00",
        "10:00 – 12:00",
        "12:00 – 13:00",
        "13:00 – 14:45",
    ]
    assert soup.find("a", href="?#programme")


def test_speakers_show_tbc_and_video_message(client, conference):
    for page in (conference, conference.get_children().get(title="Leading the charge")):
        body = text(get(client, page.specific))
        assert "Ylva Johansson (video message)" in body
        assert "Paola Alvarez TBC" in body
        assert "Bart Somers (Belgium)" in body


def test_panel_page(client, conference):
    panel = conference.get_children().get(title="Leading the charge").specific
    soup = get(client, panel)
    body = text(soup)
    assert "Moderator and panellists" in body
    assert "Mayor of Mechelen – Mechelen" in body
    assert "Auditorium" in body
    assert soup.find("a", href=conference.url + "#programme")


def test_workshop_page(client, conference):
    org = f.organisation("Eurocities")
    page = f.workshop(
        conference,
        at(14),
        at(16),
        title="Co-design lab",
        what_to_bring="A laptop\nGood ideas",
        registration_form=f.registration_form(capacity=20),
        speakers=[f.speaker(name="Host Person", session_role="host")],
    )
    page.host_organisations.add(org)
    page.save()
    body = text(get(client, page))
    assert "Hosted by Eurocities" in body
    assert "What to bring A laptop Good ideas" in body
    assert "At most 20 participants" in body
    assert "Host · " not in body and "Host Host Person" not in body
    assert "Host Person" in body


def test_site_visit_page_lists_its_runs(client, conference):
    visit = conference.get_children().get(title="City tour").specific
    body = text(get(client, visit))
    assert "Runs again: 13:00 – 14:45" in body.replace("–", " – ").replace("  ", " ")
    assert "Meeting point Main entrance" in body
    assert "Getting around Walking" in body


def test_standalone_session_under_the_index(client, index):
    v = f.venue(name="City hall", locality="Ghent")
    page = f.panel(index, at(18), at(20), title="Evening debate", venue=v)
    soup = get(client, page)
    assert "City hall, Ghent" in text(soup.select_one(".we-where"))
    assert soup.select_one(".we-card__type a") is None  # no conference to link to
    assert "Evening debate" in text(get(client, index, when="past"))


def test_all_day_event_shows_dates_only(client, index):
    conf = f.conference(
        index,
        start=at(0, day=19),
        end=at(23, 59, day=20),
        all_day=True,
        title="Two days",
    )
    soup = get(client, conf)
    when = soup.select_one(".we-when")
    assert text(when) == "Friday 19 April 2024 – Saturday 20 April 2024"
    assert when.time["datetime"] == "2024-04-19"
    assert "(Europe/Brussels)" not in text(when)
    assert "00:00" not in text(when)
    index_soup = get(client, index, when="past")
    assert "00:00" not in text(index_soup.select_one(".we-when"))


def test_cancelled_status_is_shown(client, index):
    conf = f.conference(index, status="cancelled", title="Called off")
    f.panel(conf, at(10), at(11), title="Off too", status="cancelled", track="T")
    soup = get(client, conf)
    assert text(soup.select_one(".we-status")) == "Cancelled"
    assert "Off too" in text(soup.select_one(".we-timetable"))
    assert "Cancelled" in text(soup.select_one(".we-timetable"))
    listing = get(client, index, when="past")
    assert listing.select_one(".we-card--cancelled")


def test_times_are_shown_in_the_events_own_zone(client, index):
    conf = f.conference(
        index,
        time_zone=NEW_YORK,
        start=at(9, day=10, month=6, zone=NEW_YORK),
        end=at(21, 30, day=10, month=6, zone=NEW_YORK),
        title="New York forum",
    )
    page = f.panel(
        conf,
        at(19, 30, day=10, month=6, zone=NEW_YORK),
        at(21, day=10, month=6, zone=NEW_YORK),
        title="Late panel",
        track="Main",
    )
    soup = get(client, conf)
    when = text(soup.select_one(".we-when"))
    assert "Monday 10 June 2024, 09:00" in when and "21:30" in when
    # The zone is stated once, above the page, not after each time nor again
    # by the programme.
    assert "(America/New_York)" not in when
    assert "Times are New York time (America/New_York)." in text(soup)
    assert "All times are in" not in text(soup)
    day = soup.select_one(".we-day")
    assert "Monday 10 June 2024" in text(day.h3)
    assert [text(m) for m in day.select(".we-timetable__mark")] == ["19:30"]
    session = text(get(client, page).select_one(".we-when"))
    assert "19:30" in session and "21:00" in session
    assert "01:30" not in session  # Brussels time, the site's zone
    assert "(America/New_York)" not in session
    # The index states the default zone (Brussels): a card in another keeps its own.
    listed = text(get(client, index, when="past").select_one(".we-when"))
    assert "09:00" in listed and "(America/New_York)" in listed


def test_no_assets_from_elsewhere(client, conference):
    soup = get(client, conference)
    for tag in soup.find_all(["link", "script", "img"]):
        url = tag.get("href") or tag.get("src") or ""
        assert not url.startswith(("http:", "https:", "//")), url
