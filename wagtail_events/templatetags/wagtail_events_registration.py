"""The registration of an event page: its section (``{% registration_section
page %}``), its state in words at the top of the page (``{% registration_status
page as status %}``) and the programme's marks (``{% programme_mark entry as
mark %}``). The page's registration is read once per request
(``registration.status.page_offer``), whichever of them asks first."""

from django import template

from ..registration import page_cache, same_origin
from ..registration.status import page_offer, page_status, programme_marks
from ..registration.views import registration_context


register = template.Library()


@register.inclusion_tag("wagtail_events/registration/section.html", takes_context=True)
def registration_section(context, page):
    if page is None or getattr(page, "registration_form_id", None) is None:
        return {"registration": None}
    request = context.get("request")
    read = page_offer(page, request)
    # The page carries no CSRF token when its registration POST is checked by
    # where it comes from (same_origin), so a front-end cache may keep it, for
    # as long as page_cache says.
    page_cache.note(request, page, read)
    return {
        "request": request,
        **registration_context(
            page, read=read, with_token=not same_origin.routed_here()
        ),
    }


@register.simple_tag(takes_context=True)
def registration_status(context, page):
    """The page's ``registration.status.Status``, or None."""
    return page_status(page, context.get("request"))


# Where the marks of the programme on the page are kept while it renders: read
# for all its entries at the first entry that asks (two queries at most),
# whichever template shows the entry.
_MARKS = "wagtail_events_programme_marks"


@register.simple_tag(takes_context=True)
def programme_mark(context, entry):
    """The ``registration.status.Mark`` of a programme entry (``programme.Slot``),
    or None when it needs no registration. The marks of every entry of the
    ``programme`` in the context are read at once, the first time."""
    if not getattr(entry, "registration_form_id", None):
        return None
    # The render context's bottom layer lasts for the whole page, across the
    # templates it includes (each include stacks a layer of its own).
    shared = context.render_context.dicts[0].setdefault(_MARKS, {})
    programme = context.get("programme")
    read = shared.get(id(programme))
    if read is None:
        entries = programme.entries if programme is not None else []
        read = shared[id(programme)] = (
            programme_marks(entries),
            {e.key for e in entries},
        )
    marks, keys = read
    if entry.key not in keys:  # an entry from elsewhere than the programme
        return programme_marks([entry]).get(entry.key)
    return marks.get(entry.key)
