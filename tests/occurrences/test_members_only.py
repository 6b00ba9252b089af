"""An event index lists its events, and its calendar file holds them, to whoever
may see the index, members only included; an event with a view restriction of its
own stays out of both."""

import pytest
from wagtail.models import PageViewRestriction

from tests import factories as f


pytestmark = pytest.mark.django_db


def restrict(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )


@pytest.fixture
def member(client, django_user_model):
    user = django_user_model.objects.create_user("member", "m@example.org", "pw")
    client.force_login(user)
    return user


def test_restricted_index_lists_its_events_to_members(client, member):
    index = f.event_index()
    restrict(index)
    f.panel(index, f.local(2099, 3, 1, 10), f.local(2099, 3, 1, 11), title="Future")
    response = client.get(index.url)
    assert response.status_code == 200
    assert "Future" in response.content.decode()
    feed = client.get(index.url + "calendar.ics").content.decode()
    assert "Future" in feed


def test_index_still_hides_children_restricted_themselves(client, member):
    index = f.event_index()
    hidden = f.panel(
        index, f.local(2099, 3, 1, 10), f.local(2099, 3, 1, 11), title="Hidden"
    )
    restrict(hidden)
    client.logout()
    assert "Hidden" not in client.get(index.url).content.decode()
    assert "Hidden" not in client.get(index.url + "calendar.ics").content.decode()
