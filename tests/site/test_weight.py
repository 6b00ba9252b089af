"""The CSS and JavaScript visitors download stay small: every static file the
visitor-facing templates link to, together, under 30 KB gzipped.
``benchmarks/page_weight.py`` prints the bytes of each page."""

import gzip
import re
from pathlib import Path

import wagtail_events


PACKAGE = Path(wagtail_events.__file__).parent
TEMPLATES = PACKAGE / "templates" / "wagtail_events"
STATIC = PACKAGE / "static"
BUDGET = 30 * 1024
LINKED = re.compile(r"""\{%\s*static\s+['"]([^'"]+\.(?:css|js))['"]""")


def visitor_assets():
    """Static files named by templates outside the admin and the e-mails."""
    names = set()
    for template in TEMPLATES.rglob("*.html"):
        part = template.relative_to(TEMPLATES).parts[0]
        if part in ("admin", "emails"):
            continue
        names.update(LINKED.findall(template.read_text()))
    return sorted(names)


def test_visitor_css_and_javascript_fit_the_budget():
    assets = visitor_assets()
    # The stylesheet and the agenda script at least; a new file is counted too.
    assert "wagtail_events/css/events.css" in assets
    assert "wagtail_events/js/agenda.js" in assets
    total = 0
    for name in assets:
        path = STATIC / name
        assert path.is_file(), f"{name} is linked but not in the package"
        total += len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))
    assert total < BUDGET, f"{total} bytes gzipped: over the {BUDGET} budget"
