"""A project that swaps Wagtail's Page model (Wagtail 8's ``WAGTAIL_PAGE_MODEL``)
and installs the package: its base page model, its settings, and the checks that
run in it (tests/swapped_page/site_checks.py, run by test_swapped_site.py)."""
