"""Sphinx configuration: the docs are MyST Markdown, built with the Furo theme.

Build from the repository root with
``sphinx-build -W --keep-going -b html docs docs/_build/html`` (``make docs``).
"""

import tomllib
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
with (ROOT / "pyproject.toml").open("rb") as f:
    _project = tomllib.load(f)["project"]

project = "wagtail-civic-events"
author = "wagtail-civic-events contributors"
copyright = "2026, wagtail-civic-events contributors"
release = _project["version"]
version = release

extensions = ["myst_parser"]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

myst_enable_extensions = ["colon_fence", "deflist"]
# Anchors for headings down to ###, so that pages can link to sections.
myst_heading_anchors = 3

html_theme = "furo"
html_title = f"wagtail-civic-events {release}"
