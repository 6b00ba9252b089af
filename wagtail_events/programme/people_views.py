"""The views of people's pages, answered by an event index (``models.people_routes``):
the page of one person and the list of the people who speak at its events, in
the index's language (``EventIndexPage.serve`` switches to it)."""

from django.http import Http404
from django.template.response import TemplateResponse

from . import people


PERSON_TEMPLATE = "wagtail_events/pages/person_page.html"
PEOPLE_TEMPLATE = "wagtail_events/pages/people_page.html"


def _people_url(index, request):
    # The index is at hand: no need to look it up (people.people_address).
    return f"{index.get_url(request)}{people.PEOPLE_PATH}"


def _context(index, request, **extra):
    # The index is the page: the base template's language switcher, title and
    # links read it; ``language_suffix`` makes the switcher lead to the same
    # route under each translation of the index.
    return {"page": index, "self": index, "request": request, **extra}


def person_page(index, request, slug):
    """``<index>/people/<slug>/``: 404 when no person has that page, it is
    hidden (``Person.public_page``), or they speak at no published, public event
    of the index."""
    person = people.find_person(index, slug)
    if person is None:
        raise Http404
    # A page only for someone who speaks at a published, public event of this
    # index: a person saved for later, or named only on a restricted page, has
    # no public page to be found by guessing their name.
    found = people.person_page(person, index)
    if not (found.upcoming or found.past):
        raise Http404
    base = _people_url(index, request)
    return TemplateResponse(
        request,
        PERSON_TEMPLATE,
        _context(
            index,
            request,
            person=person,
            person_page=found,
            people_url=base,
            person_url=people.person_address(person, base),
            language_suffix=f"{people.PEOPLE_PATH}{person.slug}/",
        ),
    )


def people_list(index, request):
    """``<index>/people/``: the people who speak at the index's events."""
    base = _people_url(index, request)
    return TemplateResponse(
        request,
        PEOPLE_TEMPLATE,
        _context(
            index,
            request,
            people=[
                (person, people.person_address(person, base))
                for person in people.people_of(index)
            ],
            language_suffix=people.PEOPLE_PATH,
        ),
    )
