"""The prices-and-notices migration on a site with registration forms: each keeps
what it had and states no price ("not stated"), so the structured data says no
price rather than a made-up "free"."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wagtail_events.models import RegistrationForm


BEFORE = ("wagtail_events", "0009_programme_entries_series_changes")


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_forms_keep_their_content_and_state_no_price():
    from tests import factories as f

    locale = f.locale("en")
    try:
        old = migrate([BEFORE])
        form = old.get_model("wagtail_events", "RegistrationForm").objects.create(
            title="Register",
            privacy_notice="<p>We keep your name.</p>",
            capacity=40,
            cancellation_policy="A no-show costs 15 euro.",
            locale_id=locale.pk,
        )
    finally:
        migrate(latest())

    form = RegistrationForm.objects.get(pk=form.pk)
    assert (form.title, form.capacity) == ("Register", 40)
    assert form.cancellation_policy == "A no-show costs 15 euro."
    assert form.admission == "" and not form.is_free and not form.is_paid
    assert form.no_show_fee is None and form.no_show_fee_currency == "EUR"
    assert (form.notice_not_open, form.notice_closed, form.notice_full) == ("",) * 3
    assert list(form.prices.all()) == []
