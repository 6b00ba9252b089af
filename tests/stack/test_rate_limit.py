"""The registration rate limit behind a reverse proxy, with several web
processes: 60 submissions at the same moment from one client address (in
X-Forwarded-For, appended by the one trusted proxy), through gunicorn's 4
processes and the shared Redis cache, against a limit of 10: at most 10 get
through, and other addresses are not held back. Needs the client address from
``WAGTAIL_EVENTS_TRUSTED_PROXIES`` and a count that is atomic in the shared
cache (docs/registration.md)."""

import collections

import pytest

from tests.stack import visitors
from tests.stack.conftest import probe


pytestmark = pytest.mark.stack

LIMIT = 10
BURST = 60


def test_one_address_behind_the_proxy_gets_its_limit(stack, figures):
    page = probe(stack, "event", "--capacity", 1000)
    settings = {
        "WAGTAIL_EVENTS_TRUSTED_PROXIES": "1",
        "WAGTAIL_EVENTS_REGISTRATION_RATE_LIMIT": str(LIMIT),
    }
    with stack.more_web("web-behind-proxy", settings) as base:
        answers, _ = visitors.all_at_once(
            [
                lambda n=n: visitors.register(
                    base, page["url"], f"burst{n}", forwarded_for="203.0.113.7"
                )
                for n in range(BURST)
            ]
        )
        statuses = collections.Counter(a.status for a in answers)
        # Other visitors, each from an address of their own, behind the same
        # proxy (the same REMOTE_ADDR): not held back by the burst.
        others, _ = visitors.all_at_once(
            [
                lambda n=n: visitors.register(
                    base, page["url"], f"other{n}", forwarded_for=f"198.51.100.{n}"
                )
                for n in range(1, 6)
            ]
        )
    assert set(statuses) <= {302, 429}, statuses
    assert 1 <= statuses[302] <= LIMIT, statuses
    assert statuses[429] == BURST - statuses[302]
    assert [a.status for a in others] == [302] * 5
    figures.append(
        (
            f"{BURST} submissions at once from one address behind a proxy, "
            f"limit {LIMIT}, 4 web processes, Redis",
            [f"accepted {statuses[302]}, refused (429) {statuses[429]}"],
        )
    )
