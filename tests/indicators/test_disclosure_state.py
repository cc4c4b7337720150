"""The disclosure patterns kept under the tables' state (issue 13).

`lookup.patterns` keeps what it decided under the write tokens of the tables a
pattern is computed from and the last release minute passed
(`indicators.models.writes.data_state`). Database triggers replace a token on
every write, whoever writes, so a page asking again reads one row a table and
one cache entry, never a pattern of rows that changed. What matters:

* every kind of write to a watched table, and a release minute passing,
  changes the state (the triggers are real, on SQLite and on PostgreSQL);
* a token is never handed out again after a rollback, so nothing decided
  inside a transaction that rolled back is found under committed rows;
* patterns decided while a table was written are not kept;
* without tokens (a flushed table), nothing is kept under the state."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from indicators.disclosure import lookup
from indicators.models import Code, CodeList, IndicatorDimension, Observation, WriteToken, data_state
from indicators.query import get_observations_many, with_dimensions
from tests.builders.indicators import add_observation, make_code_list, make_indicator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

PROVINCES = {"IR": "کل کشور", "23": "تهران", "10": "اصفهان", "16": "خراسان", "05": "قم"}
COUNTS = {"23": 50, "10": 1, "16": 40, "05": 30}  # «10» counted from one person: hidden, and one more


@pytest.fixture
def indicator():
    province = make_code_list("province", PROVINCES, total_code="IR", name_fa="استان")
    made = make_indicator("state-cached", [province], periodicity=12)
    for code, count in COUNTS.items():
        add_observation(made, "1403-01", [code], count * 10, count=count)
    add_observation(made, "1403-01", ["IR"], sum(COUNTS.values()) * 10, count=sum(COUNTS.values()))
    return with_dimensions([made])[0]


def _patterns(indicator, now=None):
    return lookup.patterns({indicator.pk: indicator}, {indicator.pk: {"1403-01"}}, now=now or timezone.now())


def _hidden(indicator, now=None):
    return _patterns(indicator, now)[indicator.pk]["1403-01"]


def _kept():
    return [key for key in cache._cache if lookup.WHOLE_KEY_PREFIX in key]  # the test settings' LocMemCache


def test_asked_again_the_patterns_cost_one_query_and_no_observation(indicator):
    first = _hidden(indicator)
    assert ("10",) in first and len(first) == 2  # the small cell and one to protect it
    with CaptureQueriesContext(connection) as queries:
        again = _hidden(indicator)
    assert again == first
    assert len(queries) == 1 and Observation._meta.db_table not in queries[0]["sql"]


def test_an_edit_in_place_is_seen_at_once(indicator):
    assert ("23",) not in _hidden(indicator)
    Observation.objects.filter(indicator=indicator, d1="23").update(count=2)  # no signal, no import
    assert ("23",) in _hidden(indicator)


def _add_row(indicator):
    add_observation(indicator, "1403-02", ["23"], 10, count=10)


def _edit_row(indicator):
    Observation.objects.filter(indicator=indicator, d1="16").update(value=401)


def _delete_row(indicator):
    Observation.objects.filter(indicator=indicator, d1="05").delete()


def _move_a_code(indicator):
    provinces = Code.objects.filter(code_list__code="province")
    provinces.filter(code="05").update(parent=provinces.get(code="23"))


def _change_the_total(indicator):
    CodeList.objects.filter(code="province").update(total_code="")


def _add_a_dimension(indicator):
    sex = make_code_list("sex", {"T": "هر دو"}, total_code="T")
    IndicatorDimension.objects.create(indicator=indicator, code_list=sex, position=2)


def _move_a_release(indicator, home):
    from tests.builders.publications import release_entry

    release_entry(home, at=timezone.now() + dt.timedelta(days=3))


@pytest.mark.parametrize(
    "write",
    [_add_row, _edit_row, _delete_row, _move_a_code, _change_the_total, _add_a_dimension, _move_a_release],
)
def test_every_write_to_a_watched_table_changes_the_state(indicator, home_pages, write):
    now = timezone.now()
    before = data_state(now)
    assert before is not None and data_state(now) == before
    if write is _move_a_release:
        write(indicator, home_pages[0])
    else:
        write(indicator)
    assert data_state(now) != before


def test_a_release_minute_passing_changes_the_state_and_the_pattern(indicator, home_pages):
    from tests.builders.publications import release_entry

    minute = (timezone.now() + dt.timedelta(hours=1)).replace(second=0, microsecond=0)
    entry = release_entry(home_pages[0], at=minute)
    Observation.objects.filter(indicator=indicator, d1="16").delete()
    add_observation(indicator, "1403-01", ["16"], 10, count=1, release=entry)
    before = minute - dt.timedelta(seconds=1)
    assert data_state(before) == data_state(minute - dt.timedelta(minutes=30))
    assert data_state(minute) != data_state(before)
    assert ("16",) not in _hidden(indicator, now=before)  # not public yet: no cell of it
    assert ("16",) in _hidden(indicator, now=minute)  # public, counted from one person: hidden


def test_a_token_rolled_back_is_never_handed_out_again(indicator):
    now = timezone.now()
    before = data_state(now)
    with pytest.raises(RuntimeError), transaction.atomic():
        _add_row(indicator)
        inside = data_state(now)
        raise RuntimeError("the import failed")
    assert data_state(now) == before  # the rows and their token rolled back together
    _edit_row(indicator)
    assert data_state(now) not in (before, inside)


def test_patterns_decided_while_a_table_is_written_are_not_kept(indicator, monkeypatch):
    decide = lookup._decided

    def written_meanwhile(*args):
        out = decide(*args)
        _edit_row(indicator)  # what another writer's commit looks like to this reader
        return out

    monkeypatch.setattr(lookup, "_decided", written_meanwhile)
    _hidden(indicator)
    assert _kept() == []
    monkeypatch.setattr(lookup, "_decided", decide)
    _hidden(indicator)
    assert len(_kept()) == 1


def test_without_tokens_nothing_is_kept_under_the_state(indicator):
    expected = _hidden(indicator)
    cache.clear()
    WriteToken.objects.all().delete()  # what a flush leaves
    assert data_state(timezone.now()) is None
    assert _hidden(indicator) == expected
    assert _kept() == []


def test_a_card_reads_the_same_cells_from_the_state_as_from_the_rows(indicator):
    def hidden_cells():
        rows = get_observations_many([indicator])[indicator.code]
        return {tuple(r.codes.values()) for r in rows if r.suppressed}

    from_rows = hidden_cells()
    assert len(_kept()) == 1
    assert hidden_cells() == from_rows == {("10",), ("05",)}


@pytest.mark.parametrize("structure", ["total code set", "parents set"])
def test_a_hierarchy_change_is_never_answered_from_a_pattern_of_the_old_one(structure):
    """A small cell beside cells that add up to nothing needs no company; once the
    code list says they add up to a total, the total less the others would give
    it away, so one more cell is hidden. The per-period patterns and the table
    patterns are kept under each period's figures: their keys hold the
    hierarchies too, or the old pattern would be found again under the new
    relation (the whole state changes with the codes' token; the keys below it
    must not hold the old answer)."""
    from indicators.models import Indicator

    province = make_code_list("province-flat", PROVINCES, name_fa="استان")
    made = make_indicator("hierarchy-moved", [province], periodicity=12)
    for code, count in COUNTS.items():
        add_observation(made, "1403-01", [code], count * 10, count=count)
    add_observation(made, "1403-01", ["IR"], sum(COUNTS.values()) * 10, count=sum(COUNTS.values()))
    flat = with_dimensions([made])[0]
    assert _hidden(flat) == {("10",)}  # nothing adds up: the small cell alone
    if structure == "total code set":
        CodeList.objects.filter(pk=province.pk).update(total_code="IR")
    else:
        total = Code.objects.get(code_list=province, code="IR")
        Code.objects.filter(code_list=province).exclude(code="IR").update(parent=total)
    added_up = with_dimensions([Indicator.objects.get(pk=made.pk)])[0]
    hidden = _hidden(added_up)
    assert ("10",) in hidden and len(hidden) == 2, hidden
