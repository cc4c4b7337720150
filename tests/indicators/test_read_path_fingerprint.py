"""The read path that reads only the cells a page shows (issue 13, "cold pages").

Every channel must hide exactly what the old full read hid: the reference
here reads each period's FULL public table and asks `table_patterns`, and the
new readers (the API's `get_observations`, the cards' and the indicator page's
`get_observations_many(keep=...)` through `build_view`, a publication's store)
are compared with it on a cache miss and on a hit. The pattern is looked up
under a fingerprint of the period's public table: it must change when an
import revises a count, when a release goes public at its minute, when a row's
count or «suppressed» flag is edited in place."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from indicators import disclosure
from indicators.models import DIMENSION_FIELDS, Observation
from indicators.presenters import CARD_PERIODS, build_view, shown_cells
from indicators.query import get_observations, get_observations_many, headline_q, with_dimensions
from publications.store import ObservationStore
from releases.embargo import released_q
from tests.builders.indicators import add_observation, make_code_list, make_indicator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

PROVINCES = {
    "IR": "کل کشور",
    "23": "تهران",
    "10": "اصفهان",
    "16": "ایلام",
    "05": "کرمانشاه",
    "07": "فارس",
    "08": "کرمان",
}
SEXES = {"M": "مرد", "F": "زن", "T": "هر دو"}
PERIODS = ("1402-10", "1402-11", "1402-12", "1403-01")


def _table(seed):
    """{(province, sex): count}: parts some from 1 or 2 units, every total."""
    rng = random.Random(seed)
    parts = [p for p in PROVINCES if p != "IR"]
    cells = {}
    for province in parts:
        for sex in ("M", "F"):
            cells[(province, sex)] = rng.randint(1, 2) if rng.random() < 0.25 else rng.randint(3, 90)
        cells[(province, "T")] = cells[(province, "M")] + cells[(province, "F")]
    for sex in SEXES:
        cells[("IR", sex)] = sum(cells[(p, sex)] for p in parts)
    return cells


@pytest.fixture
def lists():
    province = make_code_list("province", PROVINCES, total_code="IR", name_fa="استان")
    sex = make_code_list("sex", SEXES, total_code="T", name_fa="جنس")
    return province, sex


@pytest.fixture
def accidents(lists):
    indicator = make_indicator("small-accidents", list(lists), periodicity=12, is_key=True)
    for n, period in enumerate(PERIODS):
        for (province, sex), value in _table(n).items():
            add_observation(indicator, period, [province, sex], value, count=value)
    return with_dimensions([indicator])[0]


def reference(indicator, now=None):
    """{(period, codes): (value, flags, suppressed)} as the old full read gave it:
    each period's full public table through `table_patterns`, cache cleared."""
    cache.clear()
    size = len(indicator.dimension_lists)
    qs = Observation.objects.filter(indicator=indicator).filter(released_q("release", now=now))
    qs = qs.order_by("period", *DIMENSION_FIELDS)  # the LP breaks ties by the cells' order: the readers' order
    by_period: dict[str, list] = {}
    for period, *codes, value, count, text in qs.values_list("period", *DIMENSION_FIELDS, "value", "count", "flags"):
        flags = frozenset(f for f in text.split(",") if f)
        by_period.setdefault(period, []).append((tuple(codes[:size]), value, count, flags))
    hidden = disclosure.table_patterns(indicator, by_period)
    out = {}
    for period, records in by_period.items():
        for codes, value, _count, flags in records:
            if codes in hidden[period]:
                out[(period, codes)] = (None, flags | {"suppressed"}, True)
            else:
                out[(period, codes)] = (value, flags, False)
    cache.clear()
    return out


def as_dict(indicator, rows):
    names = indicator.dimension_codes
    return {
        (r.period.code, tuple(r.codes[n] for n in names)): (r.value, frozenset(r.flags), r.suppressed) for r in rows
    }


def hidden_of(indicator, rows):
    return {key for key, (_v, _f, suppressed) in as_dict(indicator, rows).items() if suppressed}


def test_the_world_has_small_and_complementary_cells(accidents):
    truth = reference(accidents)
    hidden = {key for key, (_v, _f, s) in truth.items() if s}
    small = {(p, c) for (p, c) in hidden if Observation.objects.get(period=p, d1=c[0], d2=c[1]).count < 3}
    assert small and hidden - small  # primary and complementary cells alike


@pytest.mark.parametrize("visit", ["miss", "hit"])
def test_the_api_reader_hides_what_the_full_read_hides(accidents, visit):
    truth = reference(accidents)
    if visit == "hit":
        get_observations(accidents)
    rows = get_observations(accidents, filters={"province": ["16", "IR"]})
    assert rows and as_dict(accidents, rows) == {k: v for k, v in truth.items() if k[1][0] in ("16", "IR")}
    assert as_dict(accidents, get_observations(accidents)) == truth


@pytest.mark.parametrize("visit", ["miss", "hit"])
def test_cards_read_only_the_headline_and_hide_it_alike(accidents, lists, visit):
    other = make_indicator("other", list(lists), periodicity=12, is_key=True)
    for n, period in enumerate(PERIODS):
        for (province, sex), value in _table(10 + n).items():
            add_observation(other, period, [province, sex], value, count=value)
    indicators = with_dimensions([accidents, other])
    truths = {i.code: reference(i) for i in indicators}
    keep = {i.code: shown_cells(i, card=True) for i in indicators}
    if visit == "hit":
        get_observations_many(indicators, last_periods=CARD_PERIODS, keep=keep)
    rows = get_observations_many(indicators, last_periods=CARD_PERIODS, keep=keep)
    for indicator in indicators:
        headline = {k: v for k, v in truths[indicator.code].items() if k[1] == ("IR", "T")}
        assert as_dict(indicator, rows[indicator.code]) == headline
        whole = build_view(indicator, "fa", card=True, rows=get_observations(indicator))
        card = build_view(indicator, "fa", card=True, rows=rows[indicator.code])
        assert (card.fixed, card.rows) == (whole.fixed, whole.rows)


@pytest.mark.parametrize("period", [None, "1402-11"])
@pytest.mark.parametrize("visit", ["miss", "hit"])
def test_the_indicator_page_shows_what_the_full_read_shows(accidents, period, visit):
    from iran.periods import Period

    period = Period.parse(period) if period else None
    truth = reference(accidents)
    if visit == "hit":
        build_view(accidents, "fa", period=period)
    view = build_view(accidents, "fa", period=period)
    whole = build_view(accidents, "fa", period=period, rows=get_observations(accidents))
    assert (view.fixed, view.rows) == (whole.fixed, whole.rows)
    table_period = (period or Period.parse(PERIODS[-1])).code
    assert {k for k in as_dict(accidents, view.rows) if k[0] == table_period} == {
        k for k in truth if k[0] == table_period
    }
    assert as_dict(accidents, view.rows).items() <= truth.items()


def test_without_a_headline_cell_the_page_reads_the_indicator_whole(accidents):
    Observation.objects.filter(indicator=accidents, d1="IR", d2="T").delete()
    view = build_view(accidents, "fa")
    whole = build_view(accidents, "fa", rows=get_observations(accidents))
    assert (view.fixed, view.rows) == (whole.fixed, whole.rows)
    card = build_view(accidents, "fa", card=True)
    assert card.rows == build_view(accidents, "fa", card=True, rows=get_observations(accidents)).rows


def test_a_code_list_without_a_total_reads_everything(accidents, lists):
    bare = make_code_list("bare", {"a": "الف", "b": "ب"}, name_fa="بی‌کل")
    indicator = with_dimensions([make_indicator("bare-ind", [bare], periodicity=12)])[0]
    add_observation(indicator, "1403-01", ["a"], 10, count=10)
    add_observation(indicator, "1403-01", ["b"], 2, count=2)
    assert headline_q(indicator) is None and shown_cells(indicator) is None
    assert build_view(indicator, "fa").rows == get_observations(indicator)


@pytest.mark.parametrize("visit", ["miss", "hit"])
def test_a_publication_store_reads_its_blocks_cells_and_hides_them_alike(accidents, visit):
    from publications.specs import Cells

    truth = reference(accidents)
    from iran.periods import Period

    wanted = [
        Cells.of([Period.parse("1402-12")], {"sex": ["T", "F"]}),
        Cells.of([], {"province": ["16"], "sex": ["T"]}),
    ]
    if visit == "hit":
        ObservationStore().prefetch([accidents.code], cells={accidents.code: wanted})
    store = ObservationStore()
    store.prefetch([accidents.code], cells={accidents.code: wanted})
    rows = as_dict(accidents, store.rows(accidents.code))
    expected = {k: v for k, v in truth.items() if (k[0] == "1402-12" and k[1][1] in ("T", "F")) or k[1] == ("16", "T")}
    assert rows == expected
    # A block the prefetch did not plan for: the indicator is read whole.
    store.require(accidents.code, Cells.of([], {}))
    assert as_dict(accidents, store.rows(accidents.code)) == truth


# --- the fingerprint -----------------------------------------------------------------
def _hidden_now(indicator, now=None):
    return hidden_of(indicator, get_observations_many([indicator], now=now)[indicator.code])


def _one_period_world(lists, counts):
    """One period, provinces × (no sex): counts given per province; IR the sum."""
    province = lists[0]
    indicator = make_indicator("fingerprinted", [province], periodicity=12)
    for code, count in counts.items():
        add_observation(indicator, "1403-01", [code], count * 10, count=count)
    add_observation(indicator, "1403-01", ["IR"], sum(counts.values()) * 10, count=sum(counts.values()))
    return with_dimensions([indicator])[0]


COUNTS = {"23": 50, "10": 1, "16": 40, "05": 30, "07": 60}


def test_a_count_edited_in_place_changes_the_fingerprint(lists):
    """Same ids, batch, release, flags, least count: only the count sums tell."""
    indicator = _one_period_world(lists, COUNTS)
    before = _hidden_now(indicator)
    assert ("1403-01", ("10",)) in before and ("1403-01", ("23",)) not in before
    Observation.objects.filter(indicator=indicator, d1="23").update(count=2)
    after = _hidden_now(indicator)
    assert ("1403-01", ("23",)) in after
    assert after == hidden_of(indicator, get_observations(indicator)) == _reference_hidden(indicator)


def test_a_suppressed_flag_added_in_place_changes_the_fingerprint(lists):
    indicator = _one_period_world(lists, COUNTS)
    assert ("1403-01", ("23",)) not in _hidden_now(indicator)
    Observation.objects.filter(indicator=indicator, d1="23").update(flags="suppressed")
    assert ("1403-01", ("23",)) in _hidden_now(indicator)


def test_a_flag_makes_a_table_without_small_counts_protected(lists):
    indicator = _one_period_world(lists, {**COUNTS, "10": 9})
    assert _hidden_now(indicator) == set()
    Observation.objects.filter(indicator=indicator, d1="16").update(flags="provisional,suppressed")
    assert ("1403-01", ("16",)) in _hidden_now(indicator) == _reference_hidden(indicator)


def test_a_release_going_public_at_its_minute_changes_the_fingerprint(lists, home_pages):
    from tests.builders.publications import release_entry

    minute = (timezone.now() + dt.timedelta(hours=1)).replace(second=0, microsecond=0)
    entry = release_entry(home_pages[0], at=minute)
    indicator = _one_period_world(lists, COUNTS)
    late = add_observation(indicator, "1403-01", ["08"], 20, count=2, release=entry)
    before = _hidden_now(indicator, now=minute - dt.timedelta(seconds=1))
    assert ("1403-01", ("99",)) not in before
    rows = get_observations_many([indicator], now=minute - dt.timedelta(seconds=1))[indicator.code]
    assert all(r.codes["province"] != "08" for r in rows)
    after = _hidden_now(indicator, now=minute)
    assert ("1403-01", (late.d1,)) in after
    assert after == _reference_hidden(indicator, now=minute)


def test_a_revision_import_of_a_count_changes_the_fingerprint(lists, tmp_path):
    from indicators.importer import run_import

    province = lists[0]
    indicator = with_dimensions([make_indicator("imported", [province], periodicity=12)])[0]
    text = "period,province,value,count\n" + "".join(
        f"1403-01,{code},{count * 10},{count}\n" for code, count in {**COUNTS, "IR": sum(COUNTS.values())}.items()
    )
    first = tmp_path / "first.csv"
    first.write_text(text, encoding="utf-8")
    assert run_import(str(first), indicator=indicator).ok
    assert ("1403-01", ("23",)) not in _hidden_now(indicator)
    second = tmp_path / "second.csv"
    second.write_text(text.replace("1403-01,23,500,50", "1403-01,23,500,2"), encoding="utf-8")
    report = run_import(str(second), indicator=indicator)
    assert report.ok and report.rows_revised == 1
    after = _hidden_now(indicator)
    assert ("1403-01", ("23",)) in after and after == _reference_hidden(indicator)


def _reference_hidden(indicator, now=None):
    return {key for key, (_v, _f, s) in reference(indicator, now=now).items() if s}


def test_a_table_that_cannot_have_a_primary_cell_needs_no_pattern(lists):
    indicator = _one_period_world(lists, {**COUNTS, "10": 9})
    with CaptureQueriesContext(connection) as queries:
        assert _hidden_now(indicator) == set()
    # the cells, the tables' state, the screen, the state again (before storing the
    # patterns under it): no statistics, no full table, no hierarchy
    assert len(queries) == 4
    stored = [key for key in cache._cache if "disclosure:" in key]  # the test settings' LocMemCache
    assert stored and all("disclosure:state:" in key for key in stored)  # no period's pattern to keep


# --- what it costs ----------------------------------------------------------------------
def _queries(fn):
    fn()
    with CaptureQueriesContext(connection) as queries:
        fn()
    return len(queries)


def test_cards_cost_the_same_whatever_the_number_of_indicators_and_periods(accidents, lists):
    def cards(indicators):
        indicators = with_dimensions(indicators)
        keep = {i.code: shown_cells(i, card=True) for i in indicators}
        return lambda: get_observations_many(indicators, last_periods=CARD_PERIODS, keep=keep)

    # The second call finds the patterns under the tables' state (the first made accidents a suspect too).
    one = _queries(cards([accidents]))
    more = []
    for n in range(3):
        indicator = make_indicator(f"more-{n}", list(lists), periodicity=12, is_key=True)
        for m, period in enumerate(("1401-01", "1401-02", *PERIODS)):
            for (province, sex), value in _table(20 + n * 7 + m).items():
                add_observation(indicator, period, [province, sex], value, count=value)
        more.append(indicator)
    # The window, the cells, the tables' state.
    assert _queries(cards([accidents, *more])) == one == 3
    read = cards([accidents, *more])
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        read()
    # A miss: the statistics (no screen: each held a possible primary cell the first
    # time), the missed full tables and the hierarchies, once for all; the state again.
    assert len(cold) == one + 4


def test_a_card_reads_only_its_headline_rows(accidents):
    keep = {accidents.code: shown_cells(accidents, card=True)}
    rows = get_observations_many([accidents], last_periods=CARD_PERIODS, keep=keep)[accidents.code]
    assert [r.codes for r in rows] == [{"province": "IR", "sex": "T"}] * len(PERIODS)
