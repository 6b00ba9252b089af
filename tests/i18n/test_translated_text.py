"""Texts that are not typed by an editor in one page still follow the page's
language: the last date of a repeating event, and the hosts of a workshop, which
wagtail-localize keeps pointing at the source's organisations."""

import pytest
from django.utils import translation

from tests import factories as f
from wagtail_events.occurrences import recurrence


pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "until 30 June 2027"),
        ("nl", "tot 30 juni 2027"),
        ("fr", "jusqu’au 30 juin 2027"),
        ("de", "bis 30. Juni 2027"),
    ],
)
def test_the_last_date_of_a_series_is_written_in_the_language(
    index, language, expected
):
    page = f.repeating(
        index,
        f.local(2026, 9, 1, 19),
        f.local(2026, 9, 1, 21),
        "RRULE:FREQ=WEEKLY;UNTIL=20270630T170000Z",
    )
    with translation.override(language):
        (text,) = recurrence.describe(page)
    assert text.endswith(expected), text
    assert "2027-06-30" not in text


def test_a_series_with_a_count_keeps_its_own_words(index):
    page = f.repeating(
        index,
        f.local(2026, 9, 1, 19),
        f.local(2026, 9, 1, 21),
        "RRULE:FREQ=WEEKLY;COUNT=4",
    )
    (text,) = recurrence.describe(page)
    assert "4 times" in text
    assert "until" not in text


def test_a_dutch_workshop_names_its_hosts_in_dutch(client, index):
    nl = f.locale("nl")
    city = f.organisation("City of Mechelen")
    agency = f.organisation("Agency for Integration")
    workshop = f.workshop(
        index,
        f.local(2026, 9, 1, 10),
        f.local(2026, 9, 1, 12),
        title="Living together",
    )
    workshop.host_organisations.set([city, agency])
    workshop.save_revision().publish()
    dutch = f.translate(workshop, nl)
    # Only the city has a Dutch name so far; the agency is shown as it is.
    f.translate(city, nl)
    f.translate_strings(city, {"City of Mechelen": "Stad Mechelen"}, nl)

    html = client.get(dutch.url).content.decode()
    assert "Stad Mechelen" in html
    assert "City of Mechelen" not in html
    assert "Agency for Integration" in html
    english = client.get(workshop.url).content.decode()
    assert "City of Mechelen" in english
    assert "Stad Mechelen" not in english
