"""The held pages' UNION, compiled once (core.compiled.CompiledQuery, values mode),
reads what the ORM reads at every instant around a release minute, on SQLite (where
`now` goes to the database as a string) as on PostgreSQL."""

import datetime as dt
from unittest import mock

import pytest
import time_machine
from django.db.models.sql.compiler import SQLCompiler

from releases import embargo
from tests.builders.publications import bulletin, publications_index, release_entry

pytestmark = pytest.mark.django_db

MINUTE = dt.datetime(2031, 3, 4, 6, 30, tzinfo=dt.UTC)
LATER = MINUTE + dt.timedelta(hours=2)


@pytest.fixture
def held(home_pages):
    home_fa, _home_en = home_pages
    with time_machine.travel(MINUTE - dt.timedelta(days=1), tick=False):
        at_minute = release_entry(home_fa, at=MINUTE)
        later = release_entry(home_fa, at=LATER)
        draft = release_entry(home_fa, at=MINUTE - dt.timedelta(days=2), status="provisional")
        index = publications_index(home_fa)
        pages = [
            bulletin(index, title="at the minute", slug="at-minute", release=at_minute),
            bulletin(index, title="later", slug="later", release=later),
            bulletin(index, title="provisional entry", slug="provisional-entry", release=draft),
            bulletin(index, title="no entry", slug="no-entry", release=None),
        ]
    return pages


def orm(now):
    owners = tuple(m for m in embargo.released_page_models() if m._meta.get_field("release").model is m)
    return sorted(embargo._embargoed_pages_query(owners, now))


INSTANTS = [
    MINUTE - dt.timedelta(days=1),
    MINUTE - dt.timedelta(seconds=1),
    MINUTE - dt.timedelta(microseconds=1),
    MINUTE,
    MINUTE + dt.timedelta(microseconds=1),
    LATER - dt.timedelta(microseconds=1),
    LATER,
    LATER + dt.timedelta(days=1),
]


def test_the_compiled_union_reads_what_the_orm_reads_around_the_minutes(held):
    at_minute, later, draft, _free = held
    seen = {}
    for now in INSTANTS:
        rows = embargo.embargoed_pages(now)
        assert sorted(rows) == orm(now), now
        assert all(type(row) is tuple and len(row) == 2 for row in rows)
        seen[now] = {pk for pk, _path in rows}
    assert seen[MINUTE - dt.timedelta(microseconds=1)] == {at_minute.pk, later.pk, draft.pk}
    assert seen[MINUTE] == {later.pk, draft.pk}  # public from its minute, not a microsecond later
    assert seen[LATER] == {draft.pk}
    # The statement is the compiled one (not the ORM fallback) and is not compiled again.
    with mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql) as compiled:
        assert sorted(embargo.embargoed_pages(MINUTE)) == sorted((p.pk, p.path) for p in (later, draft))
    assert compiled.call_count == 0


def test_the_marker_is_found_in_its_database_form(held):
    """On SQLite `now` is among the parameters as a string; the values mode finds it there."""
    from django.db import connection

    owners = tuple(m for m in embargo.released_page_models() if m._meta.get_field("release").model is m)
    query = embargo._compiled(owners)
    query(now=MINUTE)
    _sql, params, positions, _read = query._memo["default"]
    (found,) = positions.values()
    assert found
    for index, form in found:
        assert params[index] == connection.ops.adapt_datetimefield_value(embargo._MARK)
        assert form(MINUTE) == connection.ops.adapt_datetimefield_value(MINUTE)
