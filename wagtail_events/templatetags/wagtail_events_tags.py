from django import template

from ..localtime import to_local


register = template.Library()


@register.simple_tag
def local_time(value, zone_name):
    """An aware date-time as wall-clock time in an event's zone."""
    return to_local(value, zone_name)
