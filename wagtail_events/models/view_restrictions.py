"""The view restrictions of a page that ``exchange.file_routes`` found already
free of any: Wagtail's privacy check (``get_view_restrictions``) then reads no
rows. Every other page is checked by Wagtail as always."""

from wagtail.models import PageViewRestriction


# Set in a page's ``__dict__`` by the router that read, with the page itself,
# that no view restriction applies to it or its ancestors and none is an alias.
NO_VIEW_RESTRICTIONS = "_wagtail_events_no_view_restrictions"


def view_restrictions(page, wagtails):
    """``wagtails()`` (Wagtail's own ``get_view_restrictions``), or no
    restriction without a query when the router found none."""
    if page.__dict__.get(NO_VIEW_RESTRICTIONS):
        return PageViewRestriction.objects.none()
    return wagtails()
