"""Publishing an event stores its dates and its calendar SEQUENCE from one read
of its changes to single dates and runs (``stored.store_published``)."""

import pytest

from tests import factories as f
from wagtail_events.models import CalendarSequence, EventPage, Occurrence
from wagtail_events.occurrences import stored


pytestmark = pytest.mark.django_db


def test_publishing_reads_the_changes_to_single_dates_once(index, monkeypatch):
    page = f.panel(
        index,
        f.local(2024, 3, 4, 10),
        f.local(2024, 3, 4, 12),
        recurrence="RRULE:FREQ=WEEKLY;COUNT=8",
        occurrence_changes=[f.cancel(f.local(2024, 3, 18, 10), note="Holiday")],
    )
    page = EventPage.objects.get(pk=page.pk).specific  # its rows not at hand
    page.status = "postponed"
    reads = []
    for name in ("changes_of", "runs_of"):
        read = getattr(stored, name)
        monkeypatch.setattr(
            stored, name, lambda p, read=read, name=name: reads.append(name) or read(p)
        )
    page.save()
    assert sorted(reads) == ["changes_of", "runs_of"]
    assert Occurrence.objects.filter(page=page, cancelled=True).count() == 1
    record = CalendarSequence.objects.get(translation_key=page.translation_key)
    assert record.sequence == 1
