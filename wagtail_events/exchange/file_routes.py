"""Finding the page of a file address (``<page url>calendar.ics`` and the others
of ``wagtail_events.urls``) in two queries after the site's, whatever its depth.

Wagtail routes a path one slug at a time: two queries a level (the child, then
its specific page), the active locale, then two more for the privacy check (the
ancestors and their view restrictions). A calendar file of an event three levels
down cost 8 queries before it read a date. Here the page is found by its
``url_path`` (the site root's and the address's path: what Wagtail's routing by
slugs arrives at), with its parent and, in the same query, whether it or any
ancestor has a view restriction or is an alias; then its specific page. The
site and these reads are statements written once per model
(``exchange.statements``): the ORM took longer building them than the
database takes answering.

Privacy is kept: a page with any view restriction above or on it (or below an
alias, whose restrictions are its source's) is routed by Wagtail as before, with
its password form or login. A page without any is marked so
(``NO_VIEW_RESTRICTIONS``): its ``get_view_restrictions`` then answers without a
query, and Wagtail's own hooks (``before_serve_page``, ``on_serve_page``, the
view restriction check among them) still run. Whatever the fast way cannot tell
(a site with translated roots and no live root for the language, a draft, a
page of another app, an address no page has) goes Wagtail's way.
"""

from django.http import Http404
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Site

from ..models import EventPage
from ..models.view_restrictions import NO_VIEW_RESTRICTIONS
from . import statements


def _root_url_path(request, site):
    """The ``url_path`` of the site's root for the active language, or None
    when only Wagtail's ``localized`` can tell."""
    roots = [r for r in Site.get_site_root_paths() if r.site_id == site.pk]
    if len(roots) <= 1:
        return site.root_page.url_path
    try:
        language = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return None
    found = [r.root_path for r in roots if r.language_code == language]
    return found[0] if len(found) == 1 else None


def find(request, path, *, calendar=True):
    """The specific live page at ``path`` (the address less the file name, as
    Wagtail's serve view gets it) with its parent at hand, marked free of view
    restrictions; None when Wagtail's routing must decide. ``calendar``: read
    what its calendar file needs with it (its venue, its SEQUENCE); a
    registration reads its form instead."""
    site = statements.find_site(request)
    root = _root_url_path(request, site) if site is not None else None
    if root is None:
        return None
    url_path = root + path
    slugs = [slug for slug in path.split("/") if slug]
    if not slugs:
        return None
    depth = site.root_page.depth + len(slugs)
    parent_url_path = url_path[:-1].rpartition("/")[0] + "/"
    parent_slug = parent_url_path.strip("/").rpartition("/")[2]
    wanted = [(slugs[-1], depth, url_path), (parent_slug, depth - 1, parent_url_path)]
    translated_root = root != site.root_page.url_path
    if translated_root:
        # Wagtail routes through a translation of the root only once it is live
        # (``Page.localized``): read in the same query whether it is.
        wanted.append((root.strip("/").rpartition("/")[2], site.root_page.depth, root))
    rows = statements.pages_at(wanted)
    found, parent = rows.get(url_path), rows.get(parent_url_path)
    if found is None or parent is None or found.restricted or found.aliased:
        return None
    if translated_root and not getattr(rows.get(root), "live", False):
        return None  # Wagtail routes through the site's own root instead
    if not found.live or found.specific_class is None:
        return None
    model = found.specific_class
    if model._meta.app_label != EventPage._meta.app_label:
        return None
    if not issubclass(model, EventPage):
        related, sequence = ["locale"], False
    elif calendar:
        # What its calendar file reads of it: its venue and its SEQUENCE.
        related, sequence = ["locale", "venue"], True
    else:
        related, sequence = ["locale", "registration_form"], False
    page = statements.specific_page(model, found.pk, related, sequence)
    if page is None:
        return None
    # The parent as Wagtail's routing leaves it: get_parent() reads no row.
    page._cached_parent_obj = parent
    page.__dict__[NO_VIEW_RESTRICTIONS] = True
    return page


def route(request, path, file_name, *, calendar=True):
    """Wagtail's route of ``<path><file_name>/`` when ``find`` finds the page,
    cached on the request as ``Page.route_for_request`` caches its own; else
    nothing is cached and Wagtail routes the request itself."""
    page = find(request, path, calendar=calendar)
    if page is None:
        return
    try:
        result = page.route(request, [file_name])
    except Http404:
        return
    request._wagtail_route_for_request = result
