"""How many bytes each page of the example site sends: the HTML, and the
package's own CSS and JavaScript it links to, raw and gzipped, with a check that
nothing comes from another host.

Run from the repository root:  python benchmarks/page_weight.py

It uses the test settings with a throwaway database, loads the demo content
(the five seeds and the weekly meeting), GETs each page through Django's test
client, reads the stylesheets and scripts each page links to from the package's
static files, and prints a Markdown table. The budget of issue 6 is 30 KB
gzipped for the package's CSS and JavaScript together.
"""

import gzip
import re
import sys

from harness import ROOT, run_with_throwaway_database


STATIC = ROOT / "wagtail_events" / "static"
ASSET = re.compile(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"')
# What a browser fetches by itself: src attributes and <link> elements (links a
# visitor may follow, to Google Calendar say, are not requests).
FOREIGN = re.compile(r'(?:\bsrc="|<link\b[^>]*\bhref=")(?:https?:)?//', re.I)
BUDGET = 30 * 1024


def gz(data):
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def asset_bytes(url):
    path = STATIC / url.removeprefix("/static/")
    return path.read_bytes() if path.is_file() else b""


def pages():
    from wagtail_events.models import (
        ConferencePage,
        EventIndexPage,
        EventPage,
        SiteVisitPage,
        WorkshopPage,
    )

    index = EventIndexPage.objects.get()
    conference = ConferencePage.objects.get(
        slug="local-government-approaches-to-diversity"
    )
    weekly = EventPage.objects.get(slug="dutch-language-practice-meeting")
    yield "Home", "/"
    yield "Event index", index.url
    yield "Event index, past", index.url + "?when=past"
    yield "Event index, month", index.url + "?month=2024-04"
    yield "Mechelen conference", conference.url
    yield "Mechelen programme as a list", conference.url + "?view=list"
    yield "A workshop", WorkshopPage.objects.child_of(conference).first().url
    yield "A site visit", SiteVisitPage.objects.child_of(conference).first().url
    yield "Weekly meeting", weekly.url
    yield "Weekly meeting: registration form", weekly.url + "register/"
    for page in EventPage.objects.filter(depth=index.depth + 1).exclude(
        pk__in=[conference.pk, weekly.pk]
    ):
        yield page.title[:40], page.url


def run(args):
    from django.core.management import call_command
    from django.test import Client

    call_command("load_demo_content", verbosity=0)
    client = Client()
    rows, every_asset, foreign = [], {}, []
    for name, url in pages():
        response = client.get(url)
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}")
        html = response.content
        text = html.decode()
        assets = sorted(set(ASSET.findall(text)))
        data = {a: asset_bytes(a) for a in assets}
        every_asset.update(data)
        if FOREIGN.search(text):
            foreign.append(url)
        css = sum(len(d) for a, d in data.items() if a.endswith(".css"))
        js = sum(len(d) for a, d in data.items() if a.endswith(".js"))
        rows.append(
            (name, len(html), gz(html), css, js, sum(gz(d) for d in data.values()))
        )

    print("| Page | HTML (bytes) | HTML gzipped | CSS | JS | CSS+JS gzipped |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, html, html_gz, css, js, assets_gz in rows:
        print(f"| {name} | {html:,} | {html_gz:,} | {css:,} | {js:,} | {assets_gz:,} |")
    total = sum(gz(d) for d in every_asset.values())
    print()
    print(
        f"All of the package's CSS and JavaScript these pages use: {total:,} bytes "
        f"gzipped ({total / BUDGET:.0%} of the 30 KB budget)."
    )
    print(f"Pages fetching from another host: {', '.join(foreign) or 'none'}.")


if __name__ == "__main__":
    run_with_throwaway_database(run, sys.argv[1:])
