"""The add-to-calendar links of an event, conference or index page.

``{% calendar_links page as links %}``: the addresses are built in Python
(``wagtail_events.exchange.calendar_links.calendar_links``); templates only print
them.
"""

from django import template

from ..exchange import calendar_links as links


register = template.Library()


@register.simple_tag(takes_context=True)
def calendar_links(context, page):
    return links.calendar_links(page, context.get("request"))
