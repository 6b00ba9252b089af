"""Dates and times as each language writes them: the template filters and
``{% event_time_range %}`` (wagtail_events.dateformat) in English, Dutch, French
and German, for one time on one day, whole days, days to days, wall-clock times
and aware ones across a change of the clocks; and an event page in Dutch."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.template import engines
from django.utils import timezone, translation

from tests import factories as f


LANGUAGES = ("en", "nl", "fr", "de")
# Friday 31 March 2023, 10:15–17:00, as wall-clock times in the event's zone.
START = datetime.datetime(2023, 3, 31, 10, 15)
END = datetime.datetime(2023, 3, 31, 17, 0)


def render(language, source, **context):
    template = engines["django"].from_string("{% load wagtail_events_dates %}" + source)
    with translation.override(language):
        return template.render(context)


def in_every_language(source, **context):
    return {language: render(language, source, **context) for language in LANGUAGES}


def test_one_time_on_one_day():
    assert in_every_language(
        "{% event_time_range start end %}", start=START, end=END
    ) == {
        "en": "Friday 31 March 2023, 10:15–17:00",
        "nl": "vrijdag 31 maart 2023, 10:15–17:00",
        "fr": "vendredi 31 mars 2023, 10:15–17:00",
        "de": "Freitag, 31. März 2023, 10:15–17:00",
    }


@pytest.mark.parametrize(
    "source, expected",
    [
        (
            "{{ start|event_date }}",
            {
                "en": "Friday 31 March 2023",
                "nl": "vrijdag 31 maart 2023",
                "fr": "vendredi 31 mars 2023",
                "de": "Freitag, 31. März 2023",
            },
        ),
        (
            "{{ start|event_datetime }}",
            {
                "en": "Friday 31 March 2023, 10:15",
                "nl": "vrijdag 31 maart 2023, 10:15",
                "fr": "vendredi 31 mars 2023, 10:15",
                "de": "Freitag, 31. März 2023, 10:15",
            },
        ),
        (
            "{{ start|event_time }}",
            {"en": "10:15", "nl": "10:15", "fr": "10:15", "de": "10:15"},
        ),
        (
            '{{ start|event_date:"day" }}',
            {
                "en": "Friday 31 March",
                "nl": "vrijdag 31 maart",
                "fr": "vendredi 31 mars",
                "de": "Freitag, 31. März",
            },
        ),
        (
            '{{ start|event_date:"month" }}',
            {
                "en": "March 2023",
                "nl": "maart 2023",
                "fr": "mars 2023",
                "de": "März 2023",
            },
        ),
        (
            '{{ start|event_date:"plain_date" }}',
            {
                "en": "31 March 2023",
                "nl": "31 maart 2023",
                "fr": "31 mars 2023",
                "de": "31. März 2023",
            },
        ),
        (
            "{% event_time_range start end hours_only=True %}",
            {
                "en": "10:15–17:00",
                "nl": "10:15–17:00",
                "fr": "10:15–17:00",
                "de": "10:15–17:00",
            },
        ),
    ],
)
def test_filters(source, expected):
    assert in_every_language(source, start=START, end=END) == expected


def test_a_date_as_a_date():
    """A date (not a date-time), as blocks give it."""
    assert (
        render("de", "{{ day|event_date }}", day=START.date())
        == "Freitag, 31. März 2023"
    )
    assert render("nl", "{{ day|event_date }}", day=None) == ""


def test_whole_days():
    """Whole days: no times; an end at midnight is the end of the day before."""
    one_day = "{% event_time_range start end all_day=True %}"
    assert in_every_language(
        one_day, start=datetime.datetime(2023, 3, 31), end=datetime.datetime(2023, 4, 1)
    ) == {
        "en": "Friday 31 March 2023",
        "nl": "vrijdag 31 maart 2023",
        "fr": "vendredi 31 mars 2023",
        "de": "Freitag, 31. März 2023",
    }
    assert in_every_language(
        one_day, start=datetime.datetime(2023, 3, 31), end=datetime.datetime(2023, 4, 2)
    ) == {
        "en": "Friday 31 March 2023 – Saturday 1 April 2023",
        "nl": "vrijdag 31 maart 2023 – zaterdag 1 april 2023",
        "fr": "vendredi 31 mars 2023 – samedi 1 avril 2023",
        "de": "Freitag, 31. März 2023 – Samstag, 1. April 2023",
    }


def test_from_one_day_to_another():
    assert in_every_language(
        "{% event_time_range start end %}",
        start=START,
        end=datetime.datetime(2023, 4, 1, 12, 30),
    ) == {
        "en": "Friday 31 March 2023, 10:15 – Saturday 1 April 2023, 12:30",
        "nl": "vrijdag 31 maart 2023, 10:15 – zaterdag 1 april 2023, 12:30",
        "fr": "vendredi 31 mars 2023, 10:15 – samedi 1 avril 2023, 12:30",
        "de": "Freitag, 31. März 2023, 10:15 – Samstag, 1. April 2023, 12:30",
    }


def test_wall_clock_times_are_shown_as_they_are():
    """The event's own times (naive) do not move with the visitor's time zone."""
    with timezone.override("America/New_York"):
        assert (
            render("nl", "{% event_time_range start end %}", start=START, end=END)
            == "vrijdag 31 maart 2023, 10:15–17:00"
        )
        assert render("fr", "{{ start|event_datetime }}", start=START) == (
            "vendredi 31 mars 2023, 10:15"
        )


# Saturday 25 March 2023, 22:00 (CET) to Sunday 26 March, 10:00 (CEST) in
# Brussels: the clocks went forward in between, so 11 hours, not 12.
NIGHT_START = datetime.datetime(2023, 3, 25, 21, 0, tzinfo=datetime.UTC)
NIGHT_END = datetime.datetime(2023, 3, 26, 8, 0, tzinfo=datetime.UTC)


def test_aware_times_across_a_change_of_the_clocks():
    source = (
        '{% load tz %}{% timezone "Europe/Brussels" %}'
        "{% event_time_range start end %} | {{ end|event_datetime }}"
        "{% endtimezone %}"
    )
    assert in_every_language(source, start=NIGHT_START, end=NIGHT_END) == {
        "en": "Saturday 25 March 2023, 22:00 – Sunday 26 March 2023, 10:00"
        " | Sunday 26 March 2023, 10:00",
        "nl": "zaterdag 25 maart 2023, 22:00 – zondag 26 maart 2023, 10:00"
        " | zondag 26 maart 2023, 10:00",
        "fr": "samedi 25 mars 2023, 22:00 – dimanche 26 mars 2023, 10:00"
        " | dimanche 26 mars 2023, 10:00",
        "de": "Samstag, 25. März 2023, 22:00 – Sonntag, 26. März 2023, 10:00"
        " | Sonntag, 26. März 2023, 10:00",
    }


def test_time_elements_keep_machine_readable_times():
    """With ``html``, each end is a <time> whose datetime is ISO, whatever the
    language writes."""
    aware = render(
        "de",
        '{% load tz %}{% timezone "Europe/Brussels" %}'
        "{% event_time_range start end html=True %}{% endtimezone %}",
        start=NIGHT_START,
        end=NIGHT_END,
    )
    assert aware == (
        '<time datetime="2023-03-25T22:00:00+01:00">Samstag, 25. März 2023, 22:00</time>'
        " – "
        '<time datetime="2023-03-26T10:00:00+02:00">Sonntag, 26. März 2023, 10:00</time>'
    )
    hours = render(
        "fr",
        "{% event_time_range start end hours_only=True html=True %}",
        start=START,
        end=END,
    )
    assert hours == (
        '<time datetime="10:15">10:15</time>–<time datetime="17:00">17:00</time>'
    )
    days = render(
        "nl",
        "{% event_time_range start end all_day=True html=True %}",
        start=datetime.datetime(2023, 3, 31),
        end=datetime.datetime(2023, 4, 2),
    )
    assert days == (
        '<time datetime="2023-03-31">vrijdag 31 maart 2023</time> – '
        '<time datetime="2023-04-01">zaterdag 1 april 2023</time>'
    )


def when(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    paragraph = BeautifulSoup(response.content, "html.parser").select_one(".we-when")
    return re.sub(r"\s+", " ", paragraph.get_text()).strip()


@pytest.mark.django_db
def test_the_dutch_event_page_has_dutch_dates(client, index):
    english = f.workshop(
        index,
        f.local(2023, 3, 31, 10, 15),
        f.local(2023, 3, 31, 17),
        title="Study day",
    )
    dutch = f.translate(english, f.locale("nl"))
    assert dutch.url.startswith("/nl/")
    # The zone is stated once on the page, not after the times.
    assert when(client, dutch.url) == "vrijdag 31 maart 2023, 10:15–17:00"
    assert when(client, english.url) == "Friday 31 March 2023, 10:15–17:00"
