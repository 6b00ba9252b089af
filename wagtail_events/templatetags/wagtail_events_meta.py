"""What search engines and social networks read in an event page's ``<head>``.

``{% event_meta page as meta %}`` gives ``meta.json_ld`` (the schema.org JSON-LD,
safe inside ``<script>``) and ``meta.sharing`` (the OpenGraph and Twitter card
values), which ``wagtail_events/includes/meta.html`` prints.

The data comes from ``exchange.jsonld``, so that the shared card says what the
structured data says; the state and places of the registration it offers come
from registration's read model (``registration.availability``), as the
registration section reads them.
"""

from django import template
from django.utils.translation import to_locale

from ..exchange import jsonld
from ..occurrences import recurrence
from ..registration.status import page_offer


register = template.Library()


def _registration_offer(page, request):
    """As ``availability.registration_offer``, read once with the rest of the
    page (``status.page_offer``)."""
    if getattr(page, "registration_form_id", None) is None:
        return None, None
    read = page_offer(page, request)
    return read.state, read.places


def sharing(page, data):
    """The OpenGraph and Twitter card values, from the page and its JSON-LD data;
    left out when the editor gave nothing for them."""
    # A site's own base page model may have no seo_title (page_model.has_field).
    title = getattr(page, "seo_title", "") or page.title
    image = (data.get("image") or [""])[0]
    description = data.get("description", "")
    # The page's language, which the card is written in; the JSON-LD's
    # inLanguage is the event's, which may differ (a Dutch event's English page).
    language = jsonld.language(page)
    return {
        "title": title,
        "description": description,
        "url": data.get("url", ""),
        "image": image,
        # OpenGraph writes locales as language_TERRITORY: "nl_BE", "en_GB".
        "locale": to_locale(language) if language else "",
        "card": "summary_large_image" if image else "summary",
    }


@register.simple_tag(takes_context=True)
def event_meta(context, page):
    if page is None or not hasattr(page, "start"):
        return {"json_ld": "", "sharing": None}
    request = context.get("request")
    page = page.specific
    state, places = _registration_offer(page, request)
    data = jsonld.event_data(
        page,
        request,
        registration_state=state,
        registration_places=places,
        # A conference page has built its programme already: its sessions are
        # the subEvents, without reading them again.
        programme=context.get("programme"),
    )
    # Search engines need an event's start date (Google: startDate is required);
    # an event whose date is to be announced gives them no Event rather than
    # one with a made-up date. Its sharing card still has its title and summary.
    json_ld = jsonld.script_json(data) if recurrence.is_dated(page) else ""
    return {"json_ld": json_ld, "sharing": sharing(page, data)}
