"""Reads written in SQL once per model and database, for the requests where
Django's ORM spends far longer building a query than the database spends
answering it: one event's calendar file (``file_routes`` finds its site, then
the page with its parent and whether a view restriction or an alias applies,
then the specific page with what the file reads; ``ical_data`` reads its dates).
With the ORM, finding the page took three quarters of that file's time
(``benchmarks/calendar_feeds.py --requests file``).

Every table and column comes from the models' ``_meta`` (a swapped base page
model included), every value is a parameter, and each value goes through the
converters Django's compiler applies to the same column, so the objects are
those the ORM builds (``tests/exchange/test_statements.py`` compares them).

Only the ancestors are hand-made: their paths are the first steps of a page's
own (treebeard's materialised path), cut with ``SUBSTR`` and looked up in the
index of paths. The SQL is that of SQLite and PostgreSQL, the databases the
package supports and tests; each read goes to the database Django's routers
choose for its model.
"""

import functools
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import Model
from django.http.request import split_domain_port
from wagtail.models import PageViewRestriction, Site

from ..models import CalendarSequence, Occurrence
from ..page_model import base_page_model


@dataclass(frozen=True)
class _Reader:
    """The columns of one model in a statement's row: from ``start``, one per
    concrete field, with the converters Django's compiler would apply."""

    model: type
    start: int
    width: int
    pk: int  # the primary key's place among the columns
    converters: tuple  # (place, column, (converter, ...)), where there are any

    @property
    def end(self):
        return self.start + self.width

    def build(self, connection, row):
        """The model's object from its slice of ``row``, read on
        ``connection``; None when its primary key is NULL (a LEFT JOIN that
        found nothing)."""
        if row[self.start + self.pk] is None:
            return None
        values = list(row[self.start : self.end])
        for place, column, converters in self.converters:
            for converter in converters:
                values[place] = converter(values[place], column, connection)
        return instance(self.model, connection.alias, values)


# The classes whose __init__ does nothing for a row read from the database (it
# has its primary key and no keyword arguments) but look up every relation of
# the model (modelcluster's), for each object. Wagtail's pages: Page on 7.4
# (which names its module "wagtail.models"), AbstractPage and its mixins on 8.
_PLAIN_INIT = frozenset(
    {
        "builtins",
        "django.db.models.base",
        "modelcluster.models",
        "wagtail.models",
        "wagtail.models.pages",
    }
)


@functools.cache
def _plain_init(model):
    """Whether ``model`` is loaded by ``Model.from_db`` itself and every
    ``__init__`` of its classes is one of those."""
    inits = (cls for cls in model.__mro__ if "__init__" in vars(cls))
    return model.from_db.__func__ is Model.from_db.__func__ and all(
        cls.__module__ in _PLAIN_INIT for cls in inits
    )


def instance(model, db, values):
    """``model.from_db(db, None, values)`` (``values``: one per concrete field,
    converted): by Django's ``Model.__init__`` alone where the model's own
    ``__init__`` and its bases' do nothing more for a loaded row."""
    if not _plain_init(model):
        return model.from_db(db, None, values)
    obj = model.__new__(model)
    Model.__init__(obj, *values)
    obj._state.adding = False
    obj._state.db = db
    return obj


@dataclass(frozen=True)
class _Statement:
    sql: str
    readers: dict  # name -> _Reader


def _quote(using):
    return connections[using].ops.quote_name


def _columns(model, aliases, start, using):
    """The SELECT list of ``model``'s concrete fields, each from the table
    (``aliases``: concrete model -> its alias) of the model that holds it, and
    their reader."""
    connection, quote = connections[using], _quote(using)
    names, converters = [], []
    fields = model._meta.concrete_fields
    for place, field in enumerate(fields):
        alias = aliases[field.model._meta.concrete_model]
        names.append(f"{alias}.{quote(field.column)}")
        column = field.get_col(alias)
        found = connection.ops.get_db_converters(column)
        found += column.get_db_converters(connection)
        if found:
            converters.append((place, column, tuple(found)))
    pk = fields.index(model._meta.pk)
    return names, _Reader(model, start, len(fields), pk, tuple(converters))


def _column(model, name, alias, using):
    return f"{alias}.{_quote(using)(model._meta.get_field(name).column)}"


def _table(model, using, alias):
    return f"{_quote(using)(model._meta.db_table)} {alias}"


def _rows(using, sql, params):
    """The connection ``using`` and the rows ``sql`` reads there."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return connection, cursor.fetchall()


def _select(columns, source, where, tail=""):
    """``SELECT columns FROM source WHERE where tail``, where every name comes
    from the models' ``_meta``, quoted by the database's ``quote_name``, and
    every value is a ``%s`` parameter."""
    sql = f"SELECT {', '.join(columns)} FROM {source} WHERE {where}"  # noqa: S608 -- names only, quoted; values are parameters
    return f"{sql} {tail}" if tail else sql


# Sites


@functools.cache
def _site_statement(using):
    page = Site._meta.get_field("root_page").related_model
    site_columns, site = _columns(Site, {Site: "s"}, 0, using)
    page_columns, root = _columns(page, {page: "p"}, site.end, using)
    root_page = _column(Site, "root_page", "s", using)
    source = (
        f"{_table(Site, using, 's')} INNER JOIN {_table(page, using, 'p')} "
        f"ON {root_page} = {_column(page, 'id', 'p', using)}"
    )
    where = (
        f"{_column(Site, 'hostname', 's', using)} = %s "
        f"OR {_column(Site, 'is_default_site', 's', using)} = %s"
    )
    sql = _select(site_columns + page_columns, source, where)
    return _Statement(sql, {"site": site, "root": root})


def find_site(request):
    """The site ``Site.find_for_request`` finds, by the same rule as Wagtail's
    ``get_site_for_hostname`` (the host with its port, else the host on the
    default site, else the one other site with the host, else the default
    site), in one statement; cached on the request where Wagtail caches it.
    None, and nothing cached, when the port is not a number."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    hostname = split_domain_port(request._get_raw_host())[0]
    port = str(request.get_port())
    if not (port.isascii() and port.isdigit()):
        return None  # Wagtail's serving finds it, or answers, as it always does
    using = router.db_for_read(Site)
    statement = _site_statement(using)
    connection, rows = _rows(using, statement.sql, [hostname, True])
    sites = []
    for row in rows:
        site = statement.readers["site"].build(connection, row)
        root = statement.readers["root"].build(connection, row)
        Site.root_page.field.set_cached_value(site, root)
        sites.append(site)
    request._wagtail_site = _pick(sites, hostname, int(port))
    return request._wagtail_site


def _pick(sites, hostname, port):
    """Wagtail's choice among the sites with the host or the default flag:
    ``get_site_for_hostname``'s order and rule."""

    def match(site):
        if site.hostname == hostname and site.port == port:
            return 0  # the host and port
        if site.hostname == hostname and site.is_default_site:
            return 1  # the host, on the default site
        return 2 if site.is_default_site else 3  # the default site; the host

    sites = sorted(sites, key=match)
    if not sites:
        return None
    if len(sites) == 1 or match(sites[0]) in (0, 1):
        return sites[0]
    if match(sites[0]) == 2:
        # The default, unless exactly one other site has the host.
        return sites[len(sites) == 2]
    return None


# Pages by address


def _ancestors(page, ancestor, descendant, depth, using):
    """SQL: the page ``ancestor`` is ``descendant`` (at most ``depth`` deep) or
    one of its ancestors, whose paths are the first steps of its own
    (treebeard's materialised path): looked up in the index of paths."""
    a, d = (_column(page, "path", alias, using) for alias in (ancestor, descendant))
    steps = (f"SUBSTR({d}, 1, {page.steplen * n})" for n in range(1, depth + 1))
    return f"{a} IN ({', '.join(steps)})"


@functools.cache
def _pages_statement(using, count, depth):
    page = base_page_model()
    locale = page._meta.get_field("locale").related_model
    page_columns, page_reader = _columns(page, {page: "p"}, 0, using)
    locale_columns, locale_reader = _columns(
        locale, {locale: "l"}, page_reader.end, using
    )
    restricted = _select(
        ["1"],
        f"{_table(PageViewRestriction, using, 'r')} "
        f"INNER JOIN {_table(page, using, 'a')} "
        f"ON {_column(PageViewRestriction, 'page', 'r', using)} "
        f"= {_column(page, 'id', 'a', using)}",
        _ancestors(page, "a", "p", depth, using),
    )
    aliased = _select(
        ["1"],
        _table(page, using, "a"),
        f"{_column(page, 'alias_of', 'a', using)} IS NOT NULL "
        f"AND {_ancestors(page, 'a', 'p', depth, using)}",
    )
    # By slug and depth (indexed; url_path is not), then the exact url_path.
    one = (
        f"({_column(page, 'slug', 'p', using)} = %s "
        f"AND {_column(page, 'depth', 'p', using)} = %s "
        f"AND {_column(page, 'url_path', 'p', using)} = %s)"
    )
    sql = _select(
        [
            *page_columns,
            *locale_columns,
            f"EXISTS ({restricted})",
            f"EXISTS ({aliased})",
        ],
        f"{_table(page, using, 'p')} INNER JOIN {_table(locale, using, 'l')} "
        f"ON {_column(page, 'locale', 'p', using)} = {_column(locale, 'id', 'l', using)}",
        " OR ".join([one] * count),
    )
    return _Statement(sql, {"page": page_reader, "locale": locale_reader})


def max_depth():
    """How deep a page can be: as many steps as its ``path`` holds."""
    page = base_page_model()
    return page._meta.get_field("path").max_length // page.steplen


def pages_at(wanted):
    """{url_path: page} of the pages of the base page model at ``wanted``
    ((slug, depth, url_path) each, at most ``max_depth()`` deep), with their
    locale, each marked ``restricted`` (a view restriction on it or an
    ancestor) and ``aliased`` (it or an ancestor is an alias); None for an
    address two pages share (Wagtail's routing cannot tell either)."""
    depth = max(triple[1] for triple in wanted)
    if depth > max_depth():
        # No page is that deep; and one statement per depth stays few.
        return {}
    using = router.db_for_read(base_page_model())
    statement = _pages_statement(using, len(wanted), depth)
    params = [value for triple in wanted for value in triple]
    connection, rows = _rows(using, statement.sql, params)
    found = {}
    end = statement.readers["locale"].end
    for row in rows:
        page = statement.readers["page"].build(connection, row)
        locale = statement.readers["locale"].build(connection, row)
        type(page).locale.field.set_cached_value(page, locale)
        page.restricted, page.aliased = bool(row[end]), bool(row[end + 1])
        found[page.url_path] = None if page.url_path in found else page
    return found


# The specific page


@functools.cache
def _specific_statement(using, model, related, sequence):
    # Its table and its parents' (multi-table inheritance): one primary key.
    chain = [model._meta.concrete_model, *model._meta.get_parent_list()]
    aliases = {m: f"t{i}" for i, m in enumerate(chain)}
    columns, reader = _columns(model, aliases, 0, using)
    readers = {"page": reader}
    quote = _quote(using)
    pk = f"t0.{quote(chain[0]._meta.pk.column)}"
    source = [_table(chain[0], using, "t0")] + [
        f"INNER JOIN {_table(m, using, f't{i}')} "
        f"ON t{i}.{quote(m._meta.pk.column)} = {pk}"
        for i, m in enumerate(chain[1:], start=1)
    ]
    for j, name in enumerate(related):
        field = model._meta.get_field(name)
        target, alias = field.related_model, f"r{j}"
        owner = aliases[field.model._meta.concrete_model]
        target_columns, readers[name] = _columns(
            target, {target: alias}, len(columns), using
        )
        columns += target_columns
        source.append(
            f"LEFT JOIN {_table(target, using, alias)} "
            f"ON {alias}.{quote(field.target_field.column)} "
            f"= {owner}.{quote(field.column)}"
        )
    if sequence:
        key = model._meta.get_field("translation_key")
        owner = aliases[key.model._meta.concrete_model]
        sequence_of = _select(
            [_column(CalendarSequence, "sequence", "c", using)],
            _table(CalendarSequence, using, "c"),
            f"{_column(CalendarSequence, 'translation_key', 'c', using)} "
            f"= {owner}.{quote(key.column)}",
            "LIMIT 1",
        )
        columns.append(f"({sequence_of})")
    return _Statement(_select(columns, " ".join(source), f"{pk} = %s"), readers)


def specific_page(model, pk, related=(), sequence=False):
    """The page ``pk`` as ``model`` (its specific class) with the objects of the
    foreign keys ``related`` and, with ``sequence``, its ``calendar_sequence``
    (``ical_data.calendar_sequence``); None when there is no such row."""
    using = router.db_for_read(model)
    statement = _specific_statement(using, model, tuple(related), sequence)
    connection, rows = _rows(using, statement.sql, [pk])
    if not rows:
        return None
    row = rows[0]
    page = statement.readers["page"].build(connection, row)
    for name in related:
        field = model._meta.get_field(name)
        field.set_cached_value(page, statement.readers[name].build(connection, row))
    if sequence:
        page.calendar_sequence = row[-1]
    return page


# Dates


@functools.cache
def _dates_statement(using, count):
    columns, reader = _columns(Occurrence, {Occurrence: "o"}, 0, using)
    page = _column(Occurrence, "page", "o", using)
    order = ", ".join(
        _column(Occurrence, name, "o", using) for name in ("original_start", "id")
    )
    sql = _select(
        columns,
        _table(Occurrence, using, "o"),
        f"{page} IN ({', '.join(['%s'] * count)})",
        f"ORDER BY {order}",
    )
    return _Statement(sql, {"date": reader})


def dates_of(pks):
    """The ``Occurrence`` rows of the pages ``pks``, by ``original_start`` then
    primary key, as ``Occurrence.objects.filter(page_id__in=pks)
    .order_by("original_start", "pk")`` reads them."""
    if not pks:
        return []
    using = router.db_for_read(Occurrence)
    # One statement per number of pages, kept for the few a file reads.
    statement = (_dates_statement if len(pks) <= 4 else _dates_statement.__wrapped__)(
        using, len(pks)
    )
    connection, rows = _rows(using, statement.sql, list(pks))
    return [statement.readers["date"].build(connection, row) for row in rows]
