"""Template helpers that fetch what a loop needs in one query before the loop runs,
so that no template queries per speaker or per organisation."""

from django import template

from ..localtime import to_local
from ..occurrences.parts import parts_of
from ..programme import speakers


register = template.Library()


@register.simple_tag
def local_time(value, zone_name):
    """An aware date-time as wall-clock time in an event's zone."""
    return to_local(value, zone_name)


@register.simple_tag
def speaker_groups(stream):
    """The speakers of a speakers StreamField as groups under their headings, with
    every saved person (and their organisation) read in one query; people since
    deleted are left out.

    ``{% speaker_groups page.speakers as groups %}``
    """
    if not stream:
        return []
    people = speakers.people_by_id(speakers.person_ids([stream]))
    return speakers.speaker_groups(stream, people)


@register.simple_tag
def organisations_of(page):
    """A conference's organisers and partners with their organisations, one query."""
    return page.organisations.all().select_related("organisation")


@register.simple_tag
def event_parts(page):
    """The parts of an event held on several days (a conference's days, each
    from its first to its last timed entry), or its one part:
    ``occurrences.parts``, as the listing and the calendar files give them.

    ``{% event_parts page as parts %}``
    """
    return parts_of(page)
