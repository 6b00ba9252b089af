"""What the ``VEVENT``s of a calendar document need, read in a fixed number of
queries whatever the number of events (``load``), and the pages' addresses,
each built once.

A feed (an index's, a series') reads only the dates it writes: a series is one
``VEVENT`` with its rule, so of its ``Occurrence`` rows only those that differ
from the rule (cancelled, moved, with a note: ``EXDATE`` and override
``VEVENT``s) are read, never the thousands of plain dates a long series has.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import quote

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import DEFERRED, Exists, F, OuterRef, Q, Subquery
from django.utils import timezone

from ..enums import is_session, is_site_visit
from ..models import (
    CalendarSequence,
    EventPage,
    Occurrence,
    OccurrenceChange,
    Room,
    SiteVisitRun,
    Venue,
)
from ..occurrences import recurrence
from ..programme import speakers
from . import statements
from .ical_parts import page_url, uid_domain


# The characters Django's reverse() leaves as they are in a path.
_PATH_SAFE = "!$&'()*+,;=/~:@"


class PageUrls:
    """The full address of pages, each built once: the first child of a parent
    through Wagtail (``get_full_url``), its siblings from the address of their
    parent that it gives, with their slugs. A feed of 10,000 events asks
    Wagtail for one address, not 20,000."""

    def __init__(self, request=None):
        self.request = request
        self._prefixes = {}  # (parent url_path, locale) -> address of the parent
        self._urls = {}  # page pk -> address

    def __call__(self, page):
        url = self._urls.get(page.pk)
        if url is None:
            url = self._urls[page.pk] = self._build(page)
        return url

    def _build(self, page):
        url_path = getattr(page, "url_path", "") or ""
        parent_path, slug = url_path[:-1].rpartition("/")[::2]
        key = (parent_path, getattr(page, "locale_id", None))
        own = quote(slug, safe=_PATH_SAFE) + (
            "/" if getattr(settings, "WAGTAIL_APPEND_SLASH", True) else ""
        )
        prefix = self._prefixes.get(key)
        if prefix is not None and slug:
            return prefix + own
        url = page_url(page, self.request)
        if slug and url.endswith("/" + own):
            self._prefixes[key] = url[: -len(own)]
        return url


@dataclass
class CalendarData:
    request: object
    now: datetime.datetime
    domain: str
    occurrences: dict  # page pk -> Occurrence rows, by original start
    runs: dict  # page pk -> a site visit's further runs, by start
    sequences: dict  # translation key -> sequence
    venues: dict  # venue pk -> Venue
    rooms: dict  # room pk -> Room, with its venue
    people: dict  # person pk -> Person
    admitted: frozenset = frozenset()  # pks whose private online address is shown
    urls: PageUrls = field(default_factory=PageUrls)


def changed_dates():
    """The ``Occurrence`` rows that differ from what the rule gives: cancelled,
    moved, with a note, or with an editor's change (``OccurrenceChange``) on
    their date. The others are the rule's own dates, which ``RRULE`` says."""
    edited = OccurrenceChange.objects.filter(
        page_id=OuterRef("page_id"), original_start=OuterRef("original_start")
    )
    return (
        Q(cancelled=True)
        | ~Q(note="")
        | ~Q(start=F("original_start"))
        | Q(Exists(edited))
    )


def calendar_sequence():
    """An annotation for event pages: their ``SEQUENCE`` (None before their
    first change), which ``load`` then reads from the page."""
    return Subquery(
        CalendarSequence.objects.filter(
            translation_key=OuterRef("translation_key")
        ).values("sequence")[:1]
    )


def has_dates():
    """An annotation for event pages: whether they have stored dates at all
    (``load(only_changes=True)`` expands those that have none)."""
    return Exists(Occurrence.objects.filter(page_id=OuterRef("pk")))


def _occurrences(pages, now, only_changes):
    pks = [page.pk for page in pages]
    occurrences = defaultdict(list)
    if pks and only_changes:
        rows = Occurrence.objects.filter(page_id__in=pks).filter(changed_dates())
        for row in rows.order_by("original_start", "pk"):
            occurrences[row.page_id].append(row)
    elif pks:
        # Every date, as the ORM would read them: one event's file is read most.
        for row in statements.dates_of(pks):
            occurrences[row.page_id].append(row)
    for page in pages:
        if occurrences[page.pk]:
            continue
        if only_changes and getattr(page, "has_dates", False):
            continue  # stored, and every date is the rule's own
        # Never materialised (saved without signals, or as a draft): expand now.
        rows = recurrence.occurrence_rows(page, now)
        occurrences[page.pk] = sorted(rows, key=lambda r: r.original_start)
    return occurrences


# The StreamFields the VEVENTs read: a page's body and the like can be large
# JSON, decoded for every event a feed loads if it is not left out.
_READ_STREAMFIELDS = frozenset({"speakers"})
# Wagtail's fields of a page that only the editor and the admin read: each a
# column fetched and converted 10,000 times for a feed of 10,000 events.
_UNREAD_FIELDS = frozenset(
    {
        "draft_title",
        "expire_at",
        "expired",
        "go_live_at",
        "has_unpublished_changes",
        "latest_revision",
        "latest_revision_created_at",
        "live_revision",
        "locked",
        "locked_at",
        "locked_by",
        "owner",
        "search_description",
        "seo_title",
        "show_in_menus",
    }
)


def _rows_as_pages(model, pks, unread):
    """{pk: page} of ``model`` for ``pks``, without the fields ``unread``: what
    ``model.objects.filter(pk__in=pks).defer(*unread).in_bulk()`` gives (the
    same values through the same converters, the other fields deferred), built
    by ``statements.instance``: by Django's ``Model.__init__`` alone, where a
    page's own ``__init__`` and modelcluster's do nothing for a row read from
    the database but look up every relation of the model, for each page (a
    tenth of a feed's time)."""
    concrete = model._meta.concrete_fields
    read = [f for f in concrete if f.name not in unread]
    names = {f.attname for f in read}
    rows = model.objects.filter(pk__in=pks).values_list(*(f.attname for f in read))
    pages = {}
    for row in rows:
        values = iter(row)
        args = [next(values) if f.attname in names else DEFERRED for f in concrete]
        page = statements.instance(model, rows.db, args)
        pages[page.pk] = page
    return pages


def specific_events(queryset):
    """The specific event pages of ``queryset`` (of ``EventPage``), in its order
    and with its annotations, as Wagtail's ``specific()`` loads them (one query,
    then one per page type) but without the StreamFields no VEVENT reads and
    Wagtail's editing fields (``_UNREAD_FIELDS``)."""
    annotations = list(queryset.query.annotation_select)
    rows = list(queryset.values_list("pk", "content_type", *annotations))
    by_type = defaultdict(list)
    for pk, content_type, *_values in rows:
        by_type[content_type].append(pk)
    loaded = {}
    for content_type, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type).model_class()
        if model is None or not issubclass(model, EventPage):
            continue
        unread = set(model.get_streamfield_names()) - _READ_STREAMFIELDS
        # A site's own base page model (``page_model``) may lack some of them.
        unread |= _UNREAD_FIELDS & {field.name for field in model._meta.get_fields()}
        loaded.update(_rows_as_pages(model, pks, unread))
    pages = []
    for pk, _content_type, *values in rows:
        page = loaded.get(pk)
        if page is not None:
            for name, value in zip(annotations, values, strict=True):
                setattr(page, name, value)
            pages.append(page)
    return pages


def load(pages, request=None, now=None, only_changes=False):
    """What the ``VEVENT`` of ``pages`` (specific event pages) need.

    ``only_changes``: read only the dates that differ from the rule
    (``changed_dates``), for documents that write every event with its rule;
    pages annotated ``has_dates`` (``has_dates()``) that have none are not
    expanded again."""
    occurrences = _occurrences(pages, now, only_changes)

    runs = defaultdict(list)
    visit_pks = [p.pk for p in pages if is_site_visit(p)]
    if visit_pks:
        for run in SiteVisitRun.objects.filter(page_id__in=visit_pks).order_by(
            "start", "sort_order", "pk"
        ):
            runs[run.page_id].append(run)

    sequences = {
        page.translation_key: page.calendar_sequence
        for page in pages
        if getattr(page, "calendar_sequence", None) is not None
    }
    keys = {
        page.translation_key for page in pages if not hasattr(page, "calendar_sequence")
    }
    if keys:
        sequences.update(
            CalendarSequence.objects.filter(translation_key__in=keys).values_list(
                "translation_key", "sequence"
            )
        )

    room_ids = {getattr(p, "room_id", None) for p in pages} - {None}
    rooms = (
        {r.pk: r for r in Room.objects.filter(pk__in=room_ids).select_related("venue")}
        if room_ids
        else {}
    )
    # Venues read with their pages (select_related) are not read again.
    venues = {p.venue_id: p.venue for p in pages if EventPage.venue.is_cached(p)}
    venue_ids = {p.venue_id for p in pages} - set(venues) - {None}
    if venue_ids:
        venues.update((v.pk, v) for v in Venue.objects.filter(pk__in=venue_ids))
    venues.pop(None, None)
    streams = [p.speakers for p in pages if is_session(p)]
    people = speakers.people_by_id(speakers.person_ids(streams))

    return CalendarData(
        request=request,
        now=now or timezone.now(),
        domain=uid_domain(),
        occurrences=occurrences,
        runs=runs,
        sequences=sequences,
        venues=venues,
        rooms=rooms,
        people=people,
        urls=PageUrls(request),
    )
