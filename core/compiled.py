"""A queryset compiled once, run again with other values (issue 13).

Building a queryset and compiling it to SQL costs more than running a small
query. For a statement whose shape never changes (only the values do), the SQL
text with its placeholders is compiled once per process and database (it is
code, not content) and each call runs it with the values of the moment; the rows
are read fresh every time and turned into what Django's iterable for that
queryset yields: model objects as `ModelIterable` does (converters,
`select_related`, annotations), or, for a `.values()` / `.values_list()`
queryset (a UNION of them too), dicts, tuples or flat values as Django's values
iterables do, with the fields' converters applied.

`build(**markers)` returns the queryset; each marker is a value that appears
among the compiled parameters where the call's value goes, either as itself or
in the form the database gets it:
* a datetime, date, time or Decimal as the backend adapts it
  (`connection.ops.adapt_datetimefield_value` etc.: SQLite gets a string);
* a UUID as itself or as its hex (a backend without a native UUID type);
* a string as itself or as a LIKE pattern (`startswith`, `endswith`,
  `contains`: the call's value is escaped with `prep_for_like_query`).
* a string inside a longer string parameter (a full-text search's MATCH text
  holds every word in one parameter): the call's value replaces the marker there
  as it is, so only for values that text needs no escaping for (plain words).
Choose markers no real value takes, within the field's range (an integer out of
a `PositiveIntegerField`'s range compiles to an empty filter, without its
parameter) and, for strings, free of `%`, `_` and `\\`. The statement is
compiled a second time with other probe values: the SQL must be the same and
the parameters must differ exactly where the markers were found, or the shape
depends on the values and the query refuses (ValueError)."""

import datetime
import decimal
import re
import uuid

from django.db import connections, router
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesIterable,
    ValuesListIterable,
    get_related_populators,
)

# Markers for the values most statements take: the request's instant and a page's
# tree path. No real value is either (an instant in 2001 to the microsecond, a path
# with NULs), and one statement never takes two of the same kind.
MARK_NOW = datetime.datetime(2001, 2, 3, 4, 5, 6, 789012, tzinfo=datetime.UTC)
MARK_PATH = "\x00path\x00"


def _forms(connection, marker):
    """The forms a marker may take among the compiled parameters, as functions of the value."""
    ops = connection.ops
    forms = [lambda value: value]
    if isinstance(marker, datetime.datetime):
        forms.append(ops.adapt_datetimefield_value)
    elif isinstance(marker, datetime.date):
        forms.append(ops.adapt_datefield_value)
    elif isinstance(marker, datetime.time):
        forms.append(ops.adapt_timefield_value)
    elif isinstance(marker, decimal.Decimal):
        forms.append(ops.adapt_decimalfield_value)
    elif isinstance(marker, uuid.UUID):
        forms += [lambda value: value.hex, str]
    elif isinstance(marker, str):
        like = ops.prep_for_like_query
        forms += [
            lambda value: f"{like(value)}%",
            lambda value: f"%{like(value)}",
            lambda value: f"%{like(value)}%",
        ]
    return forms


def _probe(marker):
    """Another value of the marker's type, to compile the statement again with."""
    if isinstance(marker, bool):
        raise ValueError("a boolean cannot be a marker")
    if isinstance(marker, int):
        return marker - 1
    if isinstance(marker, str):
        return marker + "q"
    if isinstance(marker, datetime.datetime | datetime.time):
        return marker.replace(microsecond=(marker.microsecond + 1) % 1_000_000)
    if isinstance(marker, datetime.date):
        return marker + datetime.timedelta(days=1)
    if isinstance(marker, decimal.Decimal):
        return marker + 1
    if isinstance(marker, uuid.UUID):
        return uuid.UUID(int=marker.int ^ 1)
    raise ValueError(f"no probe for a marker of type {type(marker).__name__}")


def _same(param, form):
    return type(param) is type(form) and param == form


WITHIN = "within"  # the form of a string marker found inside a longer string parameter


def _within(params, marker) -> list[tuple[int, str]]:
    return [(index, WITHIN) for index, param in enumerate(params) if isinstance(param, str) and marker in param]


def _fill(params, positions, markers, values) -> list:
    """The compiled parameters with `values` where the markers were found."""
    params = list(params)
    inside: dict[int, dict[str, str]] = {}
    for name, found in positions.items():
        for index, form in found:
            if form is WITHIN:
                inside.setdefault(index, {})[markers[name]] = values[name]
            else:
                params[index] = form(values[name])
    for index, swaps in inside.items():  # one pass: a value holding a marker's text stays as it is
        pattern = re.compile("|".join(map(re.escape, swaps)))
        params[index] = pattern.sub(lambda match, swaps=swaps: swaps[match.group()], params[index])
    return params


class CompiledQuery:
    def __init__(self, model, build, **markers):
        self.model = model
        self.build = build
        self.markers = markers
        self._memo = {}

    def _compile(self, using):
        connection = connections[using]
        # A first build fills the per-process caches a statement may read: Wagtail's
        # search lists its content types in the order of its cache, which the first
        # build fills and the next reads in another order. Compile from a warm build.
        self.build(**self.markers).query.get_compiler(using).as_sql()
        queryset = self.build(**self.markers)
        compiler = queryset.query.get_compiler(using)
        sql, params = compiler.as_sql()
        positions = {}
        for name, marker in self.markers.items():
            found = []
            for index, param in enumerate(params):
                for form in _forms(connection, marker):
                    if _same(param, form(marker)):
                        found.append((index, form))
                        break
            if not found and isinstance(marker, str):
                found = _within(params, marker)
            if not found:
                raise ValueError(f"{name} is not among the compiled parameters")
            positions[name] = tuple(found)
        # The same statement with other values: only the found parameters may change.
        probes = {name: _probe(marker) for name, marker in self.markers.items()}
        probe_sql, probe_params = self.build(**probes).query.get_compiler(using).as_sql()
        expected = _fill(params, positions, self.markers, probes)
        if probe_sql != sql or len(probe_params) != len(expected) or not all(map(_same, probe_params, expected)):
            raise ValueError("the statement's shape or constants depend on the markers' values")
        entry = (sql, tuple(params), positions, self._reader(queryset, compiler))
        self._memo[using] = entry
        return entry

    def _reader(self, queryset, compiler):
        """A function turning the fetched rows into what Django's iterable yields."""
        using = compiler.using
        connection = compiler.connection
        select = compiler.select
        converters = list(compiler.get_converters([column[0] for column in select[: compiler.col_count]]).items())

        def convert(rows):
            if not converters:
                return rows
            converted = []
            for row in rows:
                row = list(row)
                for index, (functions, expression) in converters:
                    value = row[index]
                    for function in functions:
                        value = function(value, expression, connection)
                    row[index] = value
                converted.append(row)
            return converted

        iterable = queryset._iterable_class
        query = queryset.query
        if iterable is FlatValuesListIterable:
            return lambda rows: [row[0] for row in convert(rows)]
        if iterable is ValuesListIterable:
            return lambda rows: [tuple(row) for row in convert(rows)]
        if iterable is ValuesIterable:
            names = (
                list(query.selected)
                if query.selected
                else [*query.extra_select, *query.values_select, *query.annotation_select]
            )
            return lambda rows: [dict(zip(names, row, strict=True)) for row in convert(rows)]
        if iterable is not ModelIterable:
            raise ValueError(f"{iterable.__name__} is not supported")

        klass_info = compiler.klass_info
        annotation_col_map = compiler.annotation_col_map
        model = klass_info["model"]
        fields = klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        names = [column[0].target.attname for column in select[start:end]]
        populators = get_related_populators(klass_info, select, using)

        def objects(rows):
            built = []
            for row in convert(rows):
                obj = model.from_db(using, names, row[start:end])
                for populator in populators:
                    populator.populate(row, obj)
                for name, position in annotation_col_map.items():
                    setattr(obj, name, row[position])
                built.append(obj)
            return built

        return objects

    def __call__(self, using=None, **values):
        using = using or router.db_for_read(self.model)
        entry = self._memo.get(using) or self._compile(using)
        sql, params, positions, read = entry
        params = _fill(params, positions, self.markers, values)
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return read(rows)


class CompiledPerSize:
    """`queryset_of(values)` for a list of values whose length varies (the code lists
    of a page, its indicators): one `CompiledQuery` per length, `marker(i)` the
    marker of the i-th value. At most `limit` lengths are kept per process."""

    def __init__(self, model, queryset_of, marker, limit=64):
        self.model, self.queryset_of, self.marker, self.limit = model, queryset_of, marker, limit
        self._memo: dict[int, CompiledQuery] = {}

    def __call__(self, values, using=None):
        size = len(values)
        query = self._memo.get(size)
        if query is None:
            if len(self._memo) >= self.limit:
                self._memo.clear()
            markers = {f"v{i}": self.marker(i) for i in range(size)}
            build = lambda **marked: self.queryset_of(list(marked.values()))  # noqa: E731
            query = self._memo[size] = CompiledQuery(self.model, build, **markers)
        return query(using=using, **{f"v{i}": value for i, value in enumerate(values)})
