"""A person's public page: who they are and the sessions they speak at, across
events, in one language; and the address of that page, for every place that
names them.

A person's page has no Wagtail page of its own: each event index answers
``<index>/people/<slug>/`` (``models.people_pages``), in the index's language.
Where a speaker is shown (a session's speakers, a programme cell, the structured
data) their name links there when the person was chosen from the saved people
and their page is shown (``Person.public_page``).

Their sessions are found through Wagtail's reference index, which records every
person a page's speakers (and its programme items' speakers) point to: one query
for the pages, one for the conferences and series they belong to, whatever the
number of sessions.
"""

from dataclasses import dataclass

from django.db.models import BigIntegerField, CharField
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import ReferenceIndex

from ..models import EventIndexPage, EventPage, Person
from ..page_model import base_page_model


PEOPLE_PATH = "people/"


@dataclass
class Appearance:
    """One event page a person speaks at, in the index's language."""

    page: object  # an EventPage (base class: title, dates, zone, status)
    within: object  # the conference or series it is part of, or None
    upcoming: bool


@dataclass
class PersonPage:
    person: object  # the Person in the index's language, else in another
    upcoming: list  # Appearances, soonest first (dates to be announced last)
    past: list  # Appearances, newest first


def linkable(person):
    """Whether ``person`` (a saved Person, or None) has a page to link to."""
    return bool(person is not None and person.public_page and person.slug)


def people_address(page, request=None, full=False):
    """The address under which the people of ``page``'s event index are served
    ("/events/people/"), "" when ``page`` is not below a live index. Read once
    per request and page (one query), however many speakers link to it."""
    if page is None:
        return ""
    cache = getattr(request, "_wagtail_events_people", None)
    if cache is None:
        cache = {}
        if request is not None:
            request._wagtail_events_people = cache
    # The index, not its address, is kept: the links want it relative, the
    # structured data full, and both come from the one query.
    if page.pk not in cache:
        cache[page.pk] = (
            EventIndexPage.objects.ancestor_of(page, inclusive=True)
            .live()
            .select_related("locale")
            .order_by("-depth")
            .first()
        )
    index = cache[page.pk]
    if index is None:
        return ""
    url = (index.get_full_url if full else index.get_url)(request) or ""
    return f"{url}{PEOPLE_PATH}" if url else ""


def person_address(person, base):
    """The address of ``person``'s page under ``base`` (``people_address``), or
    "" when the person has no public page."""
    if not base or not linkable(person):
        return ""
    return f"{base}{person.slug}/"


def find_person(index, slug):
    """The person whose page is ``slug``, in the index's language when they are
    translated into it (else in the language they were saved in), or None when
    there is no such person or their page is hidden. One query."""
    translations = list(
        Person.objects.filter(slug=slug, public_page=True)
        .select_related("organisation", "photo")
        .order_by("pk")
    )
    for person in translations:
        if person.locale_id == index.locale_id:
            person.translation_pks = [p.pk for p in translations]
            return person
    if not translations:
        return None
    person = translations[0]
    person.translation_pks = [p.pk for p in translations]
    return person


def _page_base_content_type():
    """The reference index's filter on pages: their base content type is the
    site's base page model (``wagtailcore.page``, or the one it swapped in)."""
    meta = base_page_model()._meta
    return {
        "base_content_type__app_label": meta.app_label,
        "base_content_type__model": meta.model_name,
    }


def _referring_pages(person_pks):
    """The pks of the pages whose content points to any of ``person_pks``
    (a session's speakers, a conference's, its programme items'), as a subquery."""
    return (
        ReferenceIndex.objects.filter(
            to_content_type__app_label=Person._meta.app_label,
            to_content_type__model=Person._meta.model_name,
            to_object_id__in=[str(pk) for pk in person_pks],
            **_page_base_content_type(),
        )
        .annotate(page_pk=Cast("object_id", BigIntegerField()))
        .values("page_pk")
    )


def appearances(person, index, now=None):
    """Where ``person`` (as ``find_person`` gives them) speaks: the live, public
    event pages of ``index`` (below it, in its language) that name them, in any of its
    translations. Two queries, and one for the view restrictions."""
    now = now or timezone.now()
    pks = getattr(person, "translation_pks", [person.pk])
    pages = list(
        EventPage.objects.filter(
            pk__in=_referring_pages(pks), locale_id=index.locale_id
        )
        # The index's own events: another index (another site) has its own people.
        .descendant_of(index)
        .live()
        .public()
        .select_related("event_type")
    )
    parent_paths = {page.path[: -EventPage.steplen] for page in pages}
    parents = (
        {
            parent.path: parent
            for parent in EventPage.objects.filter(path__in=parent_paths)
            .live()
            .public()
        }
        if parent_paths
        else {}
    )
    result = [
        Appearance(
            page=page,
            within=parents.get(page.path[: -EventPage.steplen]),
            upcoming=page.end is None or page.end >= now,
        )
        for page in pages
    ]
    return result


def person_page(person, index, now=None):
    """What a person's page shows: ``PersonPage``."""
    found = appearances(person, index, now)
    upcoming = sorted(
        (a for a in found if a.upcoming),
        key=lambda a: (a.page.start is None, a.page.start or 0, a.page.title),
    )
    past = sorted(
        (a for a in found if not a.upcoming),
        key=lambda a: a.page.start,
        reverse=True,
    )
    return PersonPage(person=person, upcoming=upcoming, past=past)


def people_of(index):
    """The people with a public page who speak at a live, public event page of
    ``index`` (below it, in its language), by name, for the list at ``<index>/people/``: each in
    that language when translated into it. One query, and one for the view
    restrictions."""
    pages = (
        EventPage.objects.filter(locale_id=index.locale_id)
        .descendant_of(index)
        .live()
        .public()
        .annotate(key=Cast("pk", CharField()))
        .values("key")
    )
    referred = ReferenceIndex.objects.filter(
        to_content_type__app_label=Person._meta.app_label,
        to_content_type__model=Person._meta.model_name,
        **_page_base_content_type(),
        object_id__in=pages,
    ).annotate(person_pk=Cast("to_object_id", BigIntegerField()))
    keys = Person.objects.filter(pk__in=referred.values("person_pk")).values(
        "translation_key"
    )
    chosen = {}
    for person in (
        Person.objects.filter(translation_key__in=keys, public_page=True)
        .exclude(slug="")
        .select_related("organisation")
        .order_by("pk")
    ):
        if person.translation_key not in chosen or person.locale_id == index.locale_id:
            chosen[person.translation_key] = person
    return sorted(chosen.values(), key=lambda p: (p.name.casefold(), p.pk))
