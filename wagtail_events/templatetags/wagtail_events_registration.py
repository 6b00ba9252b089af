"""The registration section of an event page: ``{% registration_section page %}``."""

from django import template

from ..registration.views import registration_context


register = template.Library()


@register.inclusion_tag("wagtail_events/registration/section.html", takes_context=True)
def registration_section(context, page):
    if page is None or getattr(page, "registration_form_id", None) is None:
        return {"registration": None}
    return {"request": context.get("request"), **registration_context(page)}
