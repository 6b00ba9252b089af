"""Migration 0010 on a site that already has content: every event keeps its
dates and is not to be announced."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests import factories as f
from wagtail_events.models import EventPage


BEFORE = ("wagtail_events", "0009_programme_entries_series_changes")


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_events_keep_their_dates():
    index = f.event_index()
    conference = f.conference(index)
    panel = f.panel(conference, f.local(2024, 4, 19, 9), f.local(2024, 4, 19, 10))
    try:
        old = migrate([BEFORE])
        fields = {
            field.name
            for field in old.get_model("wagtail_events", "EventPage")._meta.fields
        }
        assert "date_to_be_announced" not in fields
    finally:
        migrate(latest())

    for page in (conference, panel):
        stored = EventPage.objects.get(pk=page.pk)
        assert (stored.start, stored.end) == (page.start, page.end)
        assert stored.date_to_be_announced is False
        assert stored.announced_weekday is None
        assert stored.announced_start_time is None
        assert stored.announced_end_time is None
        assert stored.is_dated
