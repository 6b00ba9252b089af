"""The schedule import publishes the sessions it creates, so only an editor who
may publish the conference gets its button and its screen."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission

from tests import factories as f
from wagtail_events.exchange.import_screen import page_buttons
from wagtail_events.models import PanelPage


pytestmark = pytest.mark.django_db


def test_schedule_import_needs_publish_permission(client, django_user_model):
    index = f.event_index()
    conference = f.conference(index)
    editors = Group.objects.create(name="Editors without publish")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=editors,
            page=index,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    user = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    user.groups.add(editors)
    client.force_login(user)
    assert conference.permissions_for_user(user).can_edit()

    url = reverse("wagtail_events_schedule_import", args=(conference.pk,))
    response = client.get(url)
    assert response.status_code == 403
    assert "permission to publish this conference" in response.content.decode()
    schedule = io.BytesIO(b'{"schedule": {"conference": {"title": "X", "days": []}}}')
    schedule.name = "schedule.json"
    assert client.post(url, {"file": schedule}).status_code == 403
    assert list(page_buttons(conference, user)) == []
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(conference.pk,)))
    assert edit.status_code == 200
    assert url not in edit.content.decode()
    assert not PanelPage.objects.child_of(conference).exists()

    # With publish permission as well, the button and the view are there.
    GroupPagePermission.objects.create(
        group=editors,
        page=index,
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="publish_page"
        ),
    )
    user = django_user_model.objects.get(pk=user.pk)
    assert len(list(page_buttons(conference, user))) == 1
    assert client.get(url).status_code == 200
