"""Template helpers that fetch what a loop needs in one query before the loop runs,
so that no template queries per speaker or per organisation."""

from django import template
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst

from .. import enums, places
from ..localtime import to_local
from ..models.documents import listed_documents
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


@register.simple_tag
def event_documents(page):
    """The documents of an event or a session that anyone may read, in order,
    with their files: one query, shared with the page's structured data.

    ``{% event_documents page as documents %}``
    """
    return listed_documents(page)


@register.filter
def document_facts(row):
    """What a listed document is, in the page's language: "Agenda, PDF, 1.2 MB"
    (the kind left out for "other", the size when Wagtail knows it)."""
    document = row.document
    facts = [] if row.kind == row.Kind.OTHER else [str(row.get_kind_display())]
    if document.file_extension:
        facts.append(document.file_extension.upper())
    if document.file_size:
        facts.append(str(filesizeformat(document.file_size)))
    return ", ".join(facts)


@register.filter
def event_type_label(page):
    """What an event is called above its title and on its card: the name of its
    event type ("Study day") when the editor chose one, else its page type's
    ("Conference"). No query when the type was read with the page
    (``select_related``) or the page has none."""
    if page.event_type_id:
        return page.event_type.name
    cls = getattr(page, "specific_class", None) or type(page)
    return capfirst(cls._meta.verbose_name)


@register.filter
def is_conference(page):
    """Whether a page is a conference: its card stands out in a listing. No
    query: the kind is read from the page's class (``enums.kind_of``)."""
    return enums.is_conference(page)


@register.filter
def country_name(country):
    """A country (a code or a country field's value) by its name in the page's
    language: "Zweden" for SE on a Dutch page."""
    return places.country_name(country)
