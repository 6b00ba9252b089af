"""The reads ``exchange.statements`` writes in SQL give what Wagtail and Django's
ORM give: the same site for every host and port, the same objects with the same
values, and the same privacy verdict for the calendar file's router."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db.models import Exists, F, OuterRef
from django.db.models.lookups import StartsWith
from django.test import RequestFactory
from wagtail.models import Page, PageViewRestriction, Site

from tests import factories as f
from tests.exchange.test_calendars import at
from wagtail_events.exchange import file_routes, ical_data, statements
from wagtail_events.models import CalendarSequence, EventPage, Occurrence


pytestmark = pytest.mark.django_db


def _values(obj):
    """Each concrete field of ``obj`` as Django serialises it."""
    return {
        field.attname: field.value_to_string(obj) for field in obj._meta.concrete_fields
    }


# The site: Wagtail's rule, host by host and port by port

SITES = {
    "default only": [("default.test", 80, True)],
    "hosts and a default": [
        ("default.test", 80, True),
        ("events.test", 80, False),
        ("events.test", 8080, False),
        ("other.test", 80, False),
        ("other.test", 8000, False),
        ("single.test", 8443, False),
    ],
    "no default": [
        ("events.test", 80, False),
        ("other.test", 80, False),
        ("other.test", 8000, False),
    ],
    "a default that shares a host": [
        ("events.test", 80, True),
        ("events.test", 8080, False),
        ("single.test", 8000, False),
    ],
    # Invalid (Wagtail's form refuses a second default), yet possible in data.
    "two defaults": [
        ("default.test", 80, True),
        ("events.test", 80, True),
        ("single.test", 80, False),
    ],
    "none": [],
}
REQUESTS = [
    (host, port)
    for host in ("default.test", "events.test", "other.test", "single.test", "x.test")
    for port in ("80", "443", "8000", "8080", "9999")
]


@pytest.mark.parametrize("sites", SITES)
def test_the_site_is_the_one_wagtail_finds(sites):
    root = f.site_root()
    Site.objects.all().delete()
    for hostname, port, default in SITES[sites]:
        Site.objects.create(
            hostname=hostname, port=port, is_default_site=default, root_page=root
        )
    factory = RequestFactory()
    for host, port in REQUESTS:
        ours = factory.get("/", HTTP_HOST=host, SERVER_PORT=port)
        wagtails = factory.get("/", HTTP_HOST=host, SERVER_PORT=port)
        found, expected = statements.find_site(ours), Site.find_for_request(wagtails)
        if sites == "two defaults" and getattr(expected, "is_default_site", False):
            # Which of the two comes first is the database's whim, for either.
            assert found.is_default_site, (host, port)
            continue
        assert getattr(found, "pk", None) == getattr(expected, "pk", None), (host, port)
        if found is not None:
            assert _values(found) == _values(expected)
            assert _values(found.root_page) == _values(expected.root_page)
            assert ours._wagtail_site is found  # cached where Wagtail caches it


@pytest.mark.parametrize("port", ["80;drop", "\u00b2", "\u0663"])
def test_a_port_that_is_not_a_number_is_left_to_wagtail(settings, index, port):
    settings.USE_X_FORWARDED_PORT = True
    request = RequestFactory().get("/", HTTP_X_FORWARDED_PORT=port)
    assert statements.find_site(request) is None
    assert not hasattr(request, "_wagtail_site")


def test_a_forwarded_port_picks_the_site(settings, index):
    settings.USE_X_FORWARDED_PORT = True
    root = f.site_root()
    other = Site.objects.create(hostname="testserver", port=8443, root_page=root)
    request = RequestFactory().get("/", HTTP_X_FORWARDED_PORT="8443")
    assert statements.find_site(request).pk == other.pk


# The pages: the objects the ORM builds


def _orm_pages_at(url_paths):
    restricted = Exists(
        PageViewRestriction.objects.filter(
            StartsWith(OuterRef("path"), F("page__path"))
        )
    )
    aliased = Exists(
        Page.objects.filter(alias_of__isnull=False).filter(
            StartsWith(OuterRef("path"), F("path"))
        )
    )
    return {
        page.url_path: page
        for page in Page.objects.filter(url_path__in=url_paths)
        .annotate(restricted=restricted, aliased=aliased)
        .select_related("locale")
    }


def test_pages_at_an_address_are_those_of_the_orm(index):
    page = f.panel(index, at(2024, 4, 19, 10), at(2024, 4, 19, 11))
    alias = index.create_alias(parent=index.get_parent(), update_slug="mirror")
    PageViewRestriction.objects.create(
        page=index, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    wanted = [(p.slug, p.depth, p.url_path) for p in (page, index, alias)]
    found = statements.pages_at(wanted)
    expected = _orm_pages_at([triple[2] for triple in wanted])
    assert found.keys() == expected.keys() == {p.url_path for p in (page, index, alias)}
    for url_path, ours in found.items():
        orm = expected[url_path]
        assert type(ours) is type(orm) and not ours._state.adding
        assert _values(ours) == _values(orm)
        assert _values(ours.locale) == _values(orm.locale)
        assert (ours.restricted, ours.aliased) == (orm.restricted, orm.aliased)
    assert found[page.url_path].restricted and not found[alias.url_path].restricted
    assert found[alias.url_path].aliased and not found[page.url_path].aliased


def test_a_page_of_another_depth_or_slug_is_not_found(index):
    page = f.panel(index, at(2024, 4, 19, 10), at(2024, 4, 19, 11))
    assert statements.pages_at([(page.slug, page.depth + 1, page.url_path)]) == {}
    assert statements.pages_at([("other", page.depth, page.url_path)]) == {}


def test_an_address_deeper_than_any_page_costs_no_statement(index, client):
    """The statements are kept one per depth: an address deeper than a page
    can be is not looked up (nor kept), whatever a visitor asks for."""
    before = statements._pages_statement.cache_info().currsize
    deep = "x/" * (statements.max_depth() + 5)
    assert client.get(f"/{deep}calendar.ics").status_code == 404
    assert statements._pages_statement.cache_info().currsize == before


def test_two_pages_at_one_address_are_left_to_wagtail(index):
    page = f.panel(index, at(2024, 4, 19, 10), at(2024, 4, 19, 11))
    twin = f.panel(index, at(2024, 4, 20, 10), at(2024, 4, 20, 11))
    # Only the database allows it: Wagtail's forms refuse a sibling's slug.
    Page.objects.filter(pk=twin.pk).update(slug=page.slug, url_path=page.url_path)
    found = statements.pages_at([(page.slug, page.depth, page.url_path)])
    assert found == {page.url_path: None}
    assert _find(page) is None


def _specimens(index):
    venue = f.venue("Hall")
    workshop = f.workshop(
        index,
        at(2024, 1, 8, 10),
        at(2024, 1, 8, 12),
        recurrence="RRULE:FREQ=WEEKLY;COUNT=6",
        occurrence_changes=[f.cancel(at(2024, 1, 15, 10), note="Holiday")],
        venue=venue,
    )
    conference = f.conference(index, at(2024, 4, 18, 9), at(2024, 4, 18, 17))
    session = f.panel(conference, at(2024, 4, 18, 10), at(2024, 4, 18, 11))
    visit = f.site_visit(index, at(2024, 5, 2, 14), at(2024, 5, 2, 16))
    registering = f.panel(
        index,
        at(2024, 5, 3, 10),
        at(2024, 5, 3, 12),
        registration_form=f.registration_form(),
    )
    CalendarSequence.objects.update_or_create(
        translation_key=workshop.translation_key,
        defaults={"fingerprint": "x", "sequence": 3},
    )
    return [workshop, conference, session, visit, registering]


@pytest.mark.parametrize(
    "related, sequence",
    [(("locale", "venue"), True), (("locale", "registration_form"), False)],
)
def test_the_specific_page_is_the_one_the_orm_reads(index, related, sequence):
    for page in _specimens(index):
        model = type(page)
        orm = model.objects.select_related(*related)
        if sequence:
            orm = orm.annotate(calendar_sequence=ical_data.calendar_sequence())
        orm = orm.get(pk=page.pk)
        ours = statements.specific_page(model, page.pk, related, sequence)
        assert type(ours) is model and not ours._state.adding
        assert ours._state.db == "default"
        assert _values(ours) == _values(orm)
        for name in related:
            mine, theirs = getattr(ours, name), getattr(orm, name)
            assert (mine is None) == (theirs is None), name
            if mine is not None:
                assert _values(mine) == _values(theirs)
        if sequence:
            assert ours.calendar_sequence == orm.calendar_sequence
    assert statements.specific_page(EventPage, 10**9) is None


def test_the_dates_are_those_the_orm_reads(index):
    pages = _specimens(index)
    pks = [page.pk for page in pages]
    for chosen in (pks[:1], pks[:2], pks):
        ours = statements.dates_of(chosen)
        orm = Occurrence.objects.filter(page_id__in=chosen).order_by(
            "original_start", "pk"
        )
        assert [_values(row) for row in ours] == [_values(row) for row in orm]
        assert all(type(row) is Occurrence for row in ours)
    assert any(row.cancelled for row in statements.dates_of(pks))
    assert statements.dates_of([]) == []


@pytest.mark.parametrize("own", ["__init__", "from_db"])
def test_a_model_loaded_by_code_of_its_own_is_loaded_by_it(index, monkeypatch, own):
    """``instance`` builds by ``Model.__init__`` alone only the models whose
    loading does nothing more; a site's model with its own ``__init__`` or
    ``from_db`` gets it called."""
    page = f.panel(index, at(2024, 4, 19, 10), at(2024, 4, 19, 11))
    model = type(page)
    assert statements._plain_init(model)
    made = []
    if own == "__init__":

        def __init__(self, *args, **kwargs):
            super(model, self).__init__(*args, **kwargs)
            made.append(self)

        monkeypatch.setattr(model, "__init__", __init__, raising=False)
    else:
        loader = model.from_db.__func__

        def from_db(cls, db, field_names, values, **options):
            loaded = loader(cls, db, field_names, values, **options)
            made.append(loaded)
            return loaded

        monkeypatch.setattr(model, "from_db", classmethod(from_db))
    statements._plain_init.cache_clear()
    try:
        found = statements.specific_page(model, page.pk)
        assert made == [found]
        assert _values(found) == _values(model.objects.get(pk=page.pk))
    finally:
        monkeypatch.undo()
        statements._plain_init.cache_clear()


# The router's verdict


def _find(page, name="calendar.ics"):
    request = RequestFactory().get(page.url + name)
    return file_routes.find(request, page.url.lstrip("/"))


@pytest.mark.parametrize("kind", ["password", "login", "groups"])
@pytest.mark.parametrize("on", ["tree root", "home", "index", "event"])
def test_a_restriction_above_leaves_the_page_to_wagtail(index, on, kind):
    page = f.panel(index, at(2024, 4, 19, 10), at(2024, 4, 19, 11))
    beside = f.event_index()
    PageViewRestriction.objects.create(page=beside, restriction_type="login")
    assert _find(page).pk == page.pk  # a restriction elsewhere changes nothing
    restricted = {
        "tree root": Page.get_first_root_node(),
        "home": index.get_parent(),
        "index": index,
        "event": page,
    }[on]
    restriction = PageViewRestriction.objects.create(
        page=restricted, restriction_type=kind, password="x"
    )
    if kind == "groups":
        restriction.groups.add(Group.objects.create(name="Board"))
    assert _find(page) is None


def test_a_page_below_an_alias_is_left_to_wagtail(index):
    page = f.panel(index, at(2024, 4, 19, 10), at(2024, 4, 19, 11))
    alias = index.create_alias(
        parent=index.get_parent(), update_slug="mirror", recursive=True
    )
    mirrored = alias.get_children().get()
    assert mirrored.alias_of_id == page.pk
    assert _find(mirrored) is None
    assert _find(page).pk == page.pk


def test_a_draft_is_left_to_wagtail(index):
    page = f.panel(index, at(2024, 4, 19, 10), at(2024, 4, 19, 11))
    page.unpublish()
    assert _find(page) is None


def test_the_page_found_reads_no_more_rows(index, django_assert_num_queries):
    start = at(2024, 4, 19, 10)
    page = f.panel(index, start, start + datetime.timedelta(hours=1))
    found = _find(page)
    with django_assert_num_queries(0):
        assert found.get_parent().pk == index.pk
        assert found.locale.language_code
        assert found.venue is None
        assert found.get_view_restrictions().count() == 0
        sequence = found.calendar_sequence
    expected = CalendarSequence.objects.filter(translation_key=page.translation_key)
    assert sequence == expected.values_list("sequence", flat=True).first()
