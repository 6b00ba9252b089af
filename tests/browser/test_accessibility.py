"""Every page a visitor sees passes axe-core in Chromium and the Nu HTML Checker.

The demo content gives the pages: the home page, the event index (upcoming, past,
one month), each seed event and the weekly meeting, the Mechelen programme (wide,
narrow, as a list), one panel, workshop and site visit, the pages in other
languages (the Mechelen conference and one workshop in Dutch, the Dutch study day
and its English translation, the French home page), a speaker's page (in English,
also narrow, and Dutch) and the list of speakers, and the registration journey
of the weekly meeting (empty form, form with errors, result, the registrant's
page with a date, cancelled) and the registrant's page of a conference
registration with sessions (also narrow).

axe-core runs in the page, as loaded, with the WCAG 2.0/2.1/2.2 A and AA rules.
The Nu HTML Checker (vnu.jar) reads the HTML the server sent, all pages in one
run. Both come pinned from tests/browser/tools/package.json (`npm ci --prefix
tests/browser/tools`); their absence, or java's, fails the test: it never skips.
See docs/accessibility.md.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.browser.conftest import NARROW, WIDE
from wagtail_events.models import EventPage, Occurrence
from wagtail_events.registration import session_choices, writer


pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TOOLS = Path(
    os.environ.get("WAGTAIL_EVENTS_A11Y_TOOLS", Path(__file__).parent / "tools")
)
AXE = TOOLS / "node_modules" / "axe-core" / "axe.min.js"
VNU = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# An invalid page checked with the others, to prove the checker reads them.
CANARY = "zz-canary-invalid.html"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

MECHELEN = "/events/local-government-approaches-to-diversity/"
MECHELEN_NL = "/nl/evenementen/lokale-besturen-en-hun-aanpak-van-diversiteit/"
WEEKLY = "/events/dutch-language-practice-meeting/"
PAGES = [
    # (name, path, viewport)
    ("home", "/", WIDE),
    ("index-upcoming", "/events/", WIDE),
    ("index-past", "/events/?when=past", WIDE),
    ("index-month", "/events/?month={month}", WIDE),
    # The month grid becomes a list of days on a phone; its list alternative.
    ("index-month-narrow", "/events/?month={month}", NARROW),
    ("index-month-list", "/events/?month={month}&view=list", WIDE),
    ("seed-000", "/events/belgian-online-diversity-dialogue-forum/", WIDE),
    ("seed-001", "/events/promoting-a-dialogue-on-migration/", WIDE),
    ("seed-002-mechelen", MECHELEN, WIDE),
    ("seed-002-mechelen-narrow", MECHELEN, NARROW),
    ("seed-002-mechelen-list", MECHELEN + "?view=list", WIDE),
    # The study day is written in Dutch and translated into English.
    (
        "seed-003",
        "/nl/evenementen/samenwerken-aan-een-participatief-lokaal-integratiebeleid/",
        WIDE,
    ),
    (
        "seed-003-en",
        "/events/working-together-on-a-participatory-local-integration-policy/",
        WIDE,
    ),
    ("seed-004", "/events/its-amazing-what-migrants-bring/", WIDE),
    ("weekly", WEEKLY, WIDE),
    ("panel", MECHELEN + "addressing-polarisation-in-diverse-cities/", WIDE),
    ("workshop", MECHELEN + "bystander-training/", WIDE),
    ("site-visit", MECHELEN + "mechelen-an-inclusive-city/", WIDE),
    # The Mechelen conference in Dutch, and the French home page.
    ("seed-002-mechelen-nl", MECHELEN_NL, WIDE),
    ("workshop-nl", MECHELEN_NL + "training-actieve-omstaander/", WIDE),
    ("home-fr", "/fr/", WIDE),
    # A speaker's page (served by the index), in English and Dutch, and the list.
    ("person", "/events/people/bart-somers/", WIDE),
    ("person-narrow", "/events/people/bart-somers/", NARROW),
    ("person-nl", "/nl/evenementen/people/bart-somers/", WIDE),
    ("people", "/events/people/", WIDE),
    # The invented upcoming conference, with its registration form, on a phone.
    ("example-conference-narrow", "/events/example-conference/", NARROW),
]


def require_tools():
    """Fail, with what to do, when a checker is missing."""
    missing = []
    if not AXE.is_file():
        missing.append(f"axe-core ({AXE})")
    if not VNU.is_file():
        missing.append(f"vnu-jar ({VNU})")
    if missing:
        pytest.fail(
            f"Missing {', '.join(missing)}: run `npm ci --prefix {TOOLS}` "
            "(the nox `browser` session does). Accessibility tests are not skipped.",
            pytrace=False,
        )
    if not shutil.which("java"):
        pytest.fail(
            "java is not on PATH: the Nu HTML Checker needs it "
            "(apt-get install default-jre-headless). Tests are not skipped.",
            pytrace=False,
        )


def axe_violations(page):
    """Run axe-core in the page; one readable line per failing rule."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']}\n"
        + "".join(f"      {node['target']}\n" for node in v["nodes"])
        for v in result["violations"]
    ]


class Checked:
    """Runs axe on each page as it is reached and keeps its HTML for vnu."""

    def __init__(self, html_dir):
        self.html_dir = html_dir
        self.failures = {}

    def check(self, name, page, response, status=200):
        # The expected status: a renamed page must not be checked as its 404.
        assert response is not None and response.status == status, (name, response)
        violations = axe_violations(page)
        if violations:
            self.failures[name] = violations
        (self.html_dir / f"{name}.html").write_text(response.text(), encoding="utf-8")

    def assert_no_axe_violations(self):
        assert not self.failures, "axe-core violations:\n" + "\n".join(
            f"  {name} ({len(found)}):\n    " + "    ".join(found)
            for name, found in self.failures.items()
        )


def run_vnu(html_dir):
    files = sorted(html_dir.glob("*.html"))
    done = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    # vnu exits 1 when it found errors; anything it could not report is a failure.
    assert done.stdout, f"vnu printed nothing (exit {done.returncode}): {done.stderr}"
    return json.loads(done.stdout)["messages"]


def describe(message):
    name = Path(message.get("url", "")).name
    return (
        f"{name}:{message.get('lastLine', '?')}: {message['type']}"
        f"{'/' + message['subType'] if 'subType' in message else ''}: "
        f"{message['message']}  «{message.get('extract', '').strip()[:120]}»"
    )


def submit(page):
    """Send the registration form as a browser without its own checks would,
    so the server's errors show."""
    page.evaluate("document.querySelectorAll('form').forEach(f => f.noValidate = true)")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Register").click()
    return navigation.value


def registration_with_sessions():
    """The path of the registrant's page of someone registered for the example
    conference with its first session that can be chosen."""
    conference = EventPage.objects.get(url_path__endswith="/example-conference/")
    conference = conference.specific
    (option, *_others) = session_choices.session_options(conference)
    outcome = writer.register(
        conference,
        conference.registration_form,
        name="Bea Janssens",
        email="bea@example.org",
        sessions=[option.value],
    )
    return conference.url + f"registration/{outcome.token}/"


def test_visitor_pages_pass_axe_and_the_html_checker(
    open_page, live_server, tmp_path, artifacts_dir
):
    require_tools()
    call_command("load_demo_content", verbosity=0)
    checked = Checked(tmp_path)
    # A month with dates in it, whatever the day the test runs.
    first = Occurrence.objects.filter(start__gte=timezone.now()).order_by("start")
    month = (first.first() or Occurrence.objects.order_by("start").first()).start
    month = f"{month:%Y-%m}"

    for name, path, viewport in PAGES:
        watched = open_page(viewport)
        response = watched.page.goto(live_server.url + path.format(month=month))
        checked.check(name, watched.page, response)
        watched.assert_clean()

    # The weekly meeting's registration: the form, sent empty, sent filled in.
    page = open_page().page
    page.set_default_timeout(5000)
    checked.check("register", page, page.goto(f"{live_server.url}{WEEKLY}register/"))
    checked.check("register-errors", page, submit(page), status=400)
    assert page.locator("[role=alert]").count(), "the empty form shows no errors"
    page.locator("input[name=occurrence]:not([disabled])").first.check()
    page.get_by_label("Name").fill("Ann Peeters")
    page.get_by_label("E-mail address").fill("ann@example.org")
    page.get_by_role("radio", name="I get by").check()
    page.get_by_label("I have read the privacy notice and agree to it.").check()
    checked.check("register-result", page, submit(page))
    assert "Your place is confirmed" in page.locator("[role=status]").inner_text()
    page.screenshot(path=artifacts_dir / "accessibility-result.png", full_page=True)

    # The registrant's page ("Your registration"), from the link in the
    # confirmation e-mail: a registration with a date; then leaving it.
    match = re.search(
        r"https?://[^/\s]+(/\S*/registration/[\w-]+/)", mail.outbox[0].body
    )
    assert match, mail.outbox[0].body
    checked.check(
        "registration-date", page, page.goto(live_server.url + match.group(1))
    )
    assert page.locator("input[name=occurrence]").count(), "no date to change to"
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Yes, cancel my registration").click()
    checked.check("cancel-done", page, navigation.value)
    assert "is cancelled" in page.locator("[role=status]").inner_text()

    # A conference registration with sessions chosen, on a computer and a phone.
    url = registration_with_sessions()
    checked.check("registration-sessions", page, page.goto(live_server.url + url))
    assert page.locator("input[name=sessions]").count(), "no sessions to change"
    narrow = open_page(NARROW)
    response = narrow.page.goto(live_server.url + url)
    checked.check("registration-sessions-narrow", narrow.page, response)
    narrow.page.screenshot(
        path=artifacts_dir / "registration-sessions-narrow.png", full_page=True
    )
    narrow.assert_clean()

    checked.assert_no_axe_violations()
    # The checkers are live: axe sees an image without a text alternative...
    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<img src=\"data:,\">')"
    )
    assert any(v.startswith("image-alt ") for v in axe_violations(page))

    # ...and vnu a list item that is not in a list.
    (tmp_path / CANARY).write_text(
        '<!DOCTYPE html><html lang="en"><title>x</title><div><li>x</li></div>'
    )
    messages = run_vnu(tmp_path)
    print("\n".join(describe(m) for m in messages))
    # "non-document-error": a file vnu could not read, a failure too.
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    assert any(Path(m.get("url", "")).name == CANARY for m in errors), messages
    errors = [describe(m) for m in errors if Path(m.get("url", "")).name != CANARY]
    assert not errors, "Nu HTML Checker errors:\n" + "\n".join(errors)
    assert len(list(tmp_path.glob("*.html"))) == len(PAGES) + 8
