"""Screenshots of the demo for the docs and the README.

Run against a running demo (``make demo`` in another terminal, then
``make screenshots``), or directly::

    python docs/screenshots.py http://127.0.0.1:8000 [--speaker /events/people/…/]

Writes ``docs/_static/screenshots/<name>-<width>.png`` for each page below at
1280 px (a laptop) and 390 px (a phone), full page. Chromium is Debian's
(``CHROMIUM_PATH``, default /usr/bin/chromium), driven by Playwright; nothing is
downloaded. A page given as "" is left out.
"""

import argparse
import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright


OUT = Path(__file__).resolve().parent / "_static" / "screenshots"
WIDTHS = {"1280": (1280, 900), "390": (390, 844)}
# name -> path below the demo's base URL (the demo's English pages).
PAGES = {
    "index": "/events/",
    "conference": "/events/example-conference/",
    "session": "/events/example-conference/example-workshop/",
    "speaker": "/events/people/bart-somers/",
    "month": "/events/?month=",
}


def month_path(base):
    """The month view of the example conference's month (it is 30 days ahead)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from example_site.demo.content.example_conference import DAY  # noqa: PLC0415 -- slow import

    return base + DAY[:7]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base_url", nargs="?", default="http://127.0.0.1:8000")
    parser.add_argument(
        "--speaker", default=PAGES["speaker"], help="path of a speaker page"
    )
    parser.add_argument("--month", default="", help="path of the month view")
    args = parser.parse_args(argv)
    pages = dict(PAGES, speaker=args.speaker)
    pages["month"] = args.month or month_path(PAGES["month"])
    OUT.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
        )
        for width, (w, h) in WIDTHS.items():
            context = browser.new_context(
                viewport={"width": w, "height": h},
                locale="en-GB",
                timezone_id="Europe/Brussels",
            )
            page = context.new_page()
            for name, path in pages.items():
                if not path:
                    print(f"skipped {name}: no address given")
                    continue
                response = page.goto(args.base_url.rstrip("/") + path)
                if response is None or not response.ok:
                    status = response.status if response else "no response"
                    sys.exit(f"{name}: {path} answered {status}")
                target = OUT / f"{name}-{width}.png"
                page.screenshot(path=target, full_page=True)
                print(f"wrote {target.relative_to(OUT.parents[2])}")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
