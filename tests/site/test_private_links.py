"""The join link of an event by invitation is nowhere public.

The demo's counselling session (seed 000) is by invitation, online, with a join
link of its own. The test requests every public address of the demo site it can
reach (every live page in every language from the home pages, the links they
give and the sitemap; each event page's calendar.ics; each conference's
schedule.json, schedule.xml and agenda.ics with every entry of its programme;
the index with its filters and feed) and finds the link in none of them. The
registrant who holds a place finds it in their e-mail, its calendar attachment
and their cancellation page; one awaiting approval does not.
"""

import re
from collections import deque
from html import unescape
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from example_site.demo.content.seed_000_diversity_dialogue import (
    COUNSELLING_URL,
    ONLINE_URL,
)
from wagtail_events.enums import RegistrationStatus, is_conference
from wagtail_events.localtime import to_local
from wagtail_events.models import EventPage, Occurrence, Registration
from wagtail_events.registration import emails, keys


pytestmark = pytest.mark.once


COUNSELLING = "maximising-integration-in-belgium"
LINKS = re.compile(r"""(?:href|src)=["']([^"'#]+)""")
LOCS = re.compile(r"<loc>([^<]+)</loc>")
ENTRY_KEYS = re.compile(r'data-we-entry="([^"]+)"')
# Not pages to read: the admin, forms that take a POST, media files.
SKIP = ("/admin/", "/register/", "/cancel/", "/static/", "/media/", "/documents/")


@pytest.fixture(scope="module")
def _loaded_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", verbosity=0)
        yield
        transaction.set_rollback(True)
    Site.clear_site_root_paths_cache()


@pytest.fixture
def demo(_loaded_once, db):
    yield
    Site.clear_site_root_paths_cache()


def _local(url, base):
    parts = urlsplit(urljoin(base, unescape(url)))
    if parts.netloc not in ("", "testserver"):
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if not path.startswith("/") or any(s in path for s in SKIP):
        return None
    return path


def crawl(client, limit=1500):
    """{address: body} of every public address reachable from the home pages and
    the sitemap, with the files of every event page."""
    seen = {}
    # The month view links to the month before and after without end: read the
    # months that hold a date (and this one), which show every event the
    # others could, instead of 1,300 empty months.
    months = {timezone.now().strftime("%Y-%m")} | {
        start.strftime("%Y-%m")
        for start in Occurrence.objects.values_list("start", flat=True)
    }
    days = {
        to_local(start, zone).date().isoformat()
        for start, zone in Occurrence.objects.values_list("start", "page__time_zone")
    }
    queue = deque(["/", "/nl/", "/fr/", "/sitemap.xml"])
    for page in EventPage.objects.live().specific():
        url = page.get_url()
        if url:
            queue.append(url)
    queued = set(queue)

    def add(path):
        query = parse_qs(urlsplit(path).query) if path else {}
        month = query.get("month")
        if month and month[0] not in months:
            return
        # A busy day's list links to the days before and after without end too:
        # read the days that hold a date.
        day = query.get("day")
        if day and day[0] not in days:
            return
        if path and path not in queued:
            queued.add(path)
            queue.append(path)

    while queue and len(seen) < limit:
        path = queue.popleft()
        response = client.get(path, follow=True)
        if response.status_code != 200:
            continue
        body = b"".join(response) if response.streaming else response.content
        text = body.decode("utf-8", "replace")
        seen[path] = text
        for link in LINKS.findall(text) + LOCS.findall(text):
            add(_local(link, path))
        if "text/html" in response.get("Content-Type", "") and "?" not in path:
            add(path + "calendar.ics")
            if 'id="programme"' in text:
                add(path + "schedule.json")
                add(path + "schedule.xml")
                entries = sorted(set(ENTRY_KEYS.findall(text)))
                if entries:
                    add(path + "agenda.ics?entries=" + ",".join(entries[:50]))
    return seen


def test_the_join_link_of_an_event_by_invitation_is_nowhere_public(client, demo):
    session = EventPage.objects.get(slug=COUNSELLING).specific
    assert session.access == "invitation"
    assert session.online_url == COUNSELLING_URL
    seen = crawl(client)
    # The crawl reached what it must: pages in three languages, calendars, frab
    # files and agendas, the sitemap, the counselling session itself.
    for wanted in (
        session.url,
        session.url + "calendar.ics",
        session.get_parent().url + "schedule.json",
        session.get_parent().url + "schedule.xml",
        "/sitemap.xml",
        "/nl/",
        "/fr/",
    ):
        assert wanted in seen, wanted
    assert any("agenda.ics?entries=" in path for path in seen)
    assert any("?type=" in path for path in seen)
    assert any("month=" in path for path in seen)
    # Everything reachable was read, not cut off by the limit.
    assert len(seen) < 1500
    conferences = [
        p
        for p in EventPage.objects.live().specific()
        if is_conference(p) and not p.date_to_be_announced
    ]
    for conference in conferences:
        assert conference.url + "calendar.ics" in seen
    # The open panel's link is public: outputs that carry links were read.
    assert any(ONLINE_URL in body for body in seen.values())
    leaks = [path for path, body in seen.items() if COUNSELLING_URL in body]
    assert leaks == []
    # The page says it is by invitation, and whom to ask.
    html = seen[session.url]
    assert "By invitation" in html
    assert "raquel.bello-gomez@example.org" in html
    assert "Ask to join" in html


def _registration(page, status, token, email):
    return Registration.objects.create(
        event_key=keys.event_key(page),
        page=page,
        occurrence_key="",
        status=status,
        email=email,
        name=email.split("@")[0],
        cancellation_token_hash=keys.hash_token(token),
    )


def _everything(message):
    parts = [message.body] + [content for content, _type in message.alternatives]
    parts += [
        content.decode() if isinstance(content, bytes) else str(content)
        for _name, content, _type in message.attachments
    ]
    return "\n".join(parts)


def test_the_join_link_reaches_the_admitted_only(client, demo):
    session = EventPage.objects.get(slug=COUNSELLING).specific
    admitted = _registration(
        session, RegistrationStatus.CONFIRMED, "admitted-token-1", "amal@example.org"
    )
    pending = _registration(
        session,
        RegistrationStatus.AWAITING_APPROVAL,
        "pending-token-2",
        "bert@example.org",
    )

    approved = emails.build("approved", admitted, "admitted-token-1")
    assert COUNSELLING_URL in approved.body
    (attachment,) = approved.attachments
    content = attachment[1]
    content = content.decode() if isinstance(content, bytes) else content
    assert COUNSELLING_URL in content.replace("\r\n ", "")
    waiting = emails.build("confirmation", pending, "pending-token-2")
    assert COUNSELLING_URL not in _everything(waiting)

    page = client.get(session.url + "cancel/admitted-token-1/")
    assert COUNSELLING_URL in page.content.decode()
    page = client.get(session.url + "cancel/pending-token-2/")
    assert page.status_code == 200
    assert COUNSELLING_URL not in page.content.decode()
