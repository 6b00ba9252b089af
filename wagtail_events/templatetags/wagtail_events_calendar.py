"""The add-to-calendar links of an event, conference or index page.

``{% calendar_links page as links %}``: the addresses are built in Python
(``wagtail_events.calendar.calendar_links``); templates only print them.
"""

from django import template

from ..exchange import calendars as calendar


register = template.Library()


@register.simple_tag(takes_context=True)
def calendar_links(context, page):
    return calendar.calendar_links(page, context.get("request"))
