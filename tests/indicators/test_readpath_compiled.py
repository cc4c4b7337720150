"""The read path's statements compiled once (issue 13) read what the ORM reads.

* `query._ReadStatement`: the cells read for cards and pages (each indicator's
  window, headline cells, a publication's OR of periods and code lists, whole
  periods, the latest period whole) run from SQL compiled once per shape: the
  rows must be the ORM's `_read_queryset` rows, at every instant (before and
  after a release minute), and a second read of the same shape compiles nothing.
* `indicators_by_code`, `with_dimensions`, `labels_for` (compiled once per number
  of values) and `IndicatorsAt` (once per limit): the same."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.db.models import Q
from django.db.models.sql.compiler import SQLCompiler
from django.utils import timezone

from indicators.models import Indicator
from indicators.presenters import CARD_PERIODS, shown_cells
from indicators.query import (
    IndicatorsAt,
    Keep,
    _dimensions_by_code_queryset,
    _labels_queryset,
    _read_queryset,
    _ReadStatement,
    _spec,
    cells_q,
    get_observations_many,
    headline_q,
    indicators_by_code,
    labels_for,
    with_dimensions,
    with_latest_public_start,
)
from iran.periods import Period
from tests.builders.indicators import add_observation, make_code_list, make_indicator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

PROVINCES = {"IR": "کل کشور", "23": "تهران", "10": "اصفهان", "16": "ایلام"}
SEXES = {"T": "کل", "M": "مرد", "F": "زن"}


@pytest.fixture
def lists():
    return (
        make_code_list("province", PROVINCES, total_code="IR", name_fa="استان"),
        make_code_list("sex", SEXES, total_code="T", name_fa="جنس"),
    )


def filled(code, dimensions, months=(1, 2, 3), release=None):
    indicator = make_indicator(code, list(dimensions), is_key=True)
    for month in months:
        for place, value in (("IR", 100), ("23", 60), ("10", 38), ("16", 2)):
            for sex in ("T", "M", "F")[: 3 if len(dimensions) > 1 else 1]:
                codes = [place, sex][: len(dimensions)]
                add_observation(indicator, f"1404-{month:02d}", codes, value + month, count=value, release=release)
    return with_dimensions([indicator])[0]


def both(now, specs):
    orm = list(_read_queryset(now, specs))
    statement = _ReadStatement.for_specs(specs)
    assert statement is not None
    return orm, statement.rows(now, specs)


def test_the_compiled_read_reads_what_the_orm_reads(lists, home_pages):
    from tests.builders.publications import release_entry

    province, sex = lists
    minute = (timezone.now() + dt.timedelta(hours=1)).replace(second=0, microsecond=0)
    entry = release_entry(home_pages[0], at=minute)
    one = filled("one", [province])
    two = filled("two", [province, sex], months=(1, 2, 3, 4))
    three = filled("three", [province])
    add_observation(one, "1404-04", ["IR"], 7, count=1, flags="provisional,suppressed", release=entry)
    add_observation(two, "1404-05", ["IR", "T"], 9, count=50, release=entry)
    add_observation(two, "1404-05", ["23", "T"], 5, count=30, release=entry)
    start = Period.parse("1404-02")
    from indicators.models.observations import period_bounds

    first = period_bounds(start)[0]
    shapes = [
        {one.pk: (None, None, (), False)},
        {one.pk: (first, None, (), False), two.pk: (None, None, (), False)},
        {one.pk: _spec(first, shown_cells(one, card=True)), two.pk: _spec(None, shown_cells(two, card=True))},
        {one.pk: _spec(None, shown_cells(one)), two.pk: _spec(first, shown_cells(two)), three.pk: _spec(None, None)},
        {two.pk: _spec(None, shown_cells(two, period=Period.parse("1404-03")))},
        {two.pk: (first, Q(d1="23", d2="F"), ("1404-01", "1404-05"), True)},
    ]
    for specs in shapes:
        for now in (minute - dt.timedelta(seconds=1), minute, minute + dt.timedelta(days=1)):
            orm, compiled = both(now, specs)
            assert orm and compiled == orm
    before = both(minute - dt.timedelta(seconds=1), shapes[5])[1]
    after = both(minute, shapes[5])[1]
    assert {r[1] for r in before} == {"1404-02", "1404-03", "1404-04"}  # 1404-05 is not out yet
    assert "1404-05" in {r[1] for r in after}
    assert both(minute, {one.pk: (10**6, None, (), False)}) == ([], [])


def test_a_keep_of_another_shape_is_read_by_the_orm(lists):
    province, _sex = lists
    one = filled("one", [province])
    assert _ReadStatement.for_specs({one.pk: (None, ~headline_q(one), (), False)}) is None
    assert _ReadStatement.for_specs({one.pk: (None, Q(value__gt=3), (), False)}) is None
    assert _ReadStatement.for_specs({one.pk: (None, Q(d1__in=["IR", 23]), (), False)}) is None
    assert _ReadStatement.for_specs({one.pk: (None, Q(d1__in=["23"]) | Q(pk__in=[1]), (), False)}) is None
    keep = {"one": mock.Mock(cells=Q(d1__in=["23"]), whole_periods=(), whole_latest=False, or_whole=False)}
    rows = get_observations_many([one], keep=keep)["one"]
    assert {r.codes["province"] for r in rows} == {"23"}


def test_a_publications_cells_compiled_read_what_the_orm_reads(lists, home_pages):
    """A yearbook's blocks read an OR of cells (`ObservationStore._cells_q`: periods
    and code lists, from an empty `pk__in=[]`): compiled, the same rows as the ORM's
    before and after a release minute, whatever the codes (repeated, none)."""
    from tests.builders.publications import release_entry

    province, sex = lists
    minute = (timezone.now() + dt.timedelta(hours=1)).replace(second=0, microsecond=0)
    entry = release_entry(home_pages[0], at=minute)
    one = filled("one", [province])
    two = filled("two", [province, sex], months=(1, 2, 3, 4))
    add_observation(one, "1404-04", ["IR"], 7, count=1, flags="provisional,suppressed", release=entry)
    add_observation(two, "1404-05", ["IR", "T"], 9, count=50, release=entry)
    add_observation(two, "1404-05", ["23", "F"], 5, count=30, release=entry)

    def page(indicator, *cells):
        q = Q(pk__in=[])
        for periods, filters in cells:
            q |= cells_q(indicator, periods, filters)
        return _spec(None, Keep(q))

    months = [f"1404-{m:02d}" for m in range(1, 6)]
    shapes = [
        {one.pk: page(one, (["1404-01", "1404-04"], {}), (months, {"province": ["IR"]}))},
        {one.pk: page(one, (["1404-04"], {})), two.pk: page(two, (months, {"province": ["23", "23"], "sex": ["F"]}))},
        {two.pk: page(two, ([], {"sex": ["T"]}), (["1404-05"], {"missing": ["x"]}))},
        {two.pk: (None, Q(d1="23") | Q(period="1404-05", d2__in=("F", "M")), ("1404-02",), True)},
    ]
    for specs in shapes:
        for now in (minute - dt.timedelta(seconds=1), minute, minute + dt.timedelta(days=1)):
            orm, compiled = both(now, specs)
            assert orm and compiled == orm
    before, after = both(minute - dt.timedelta(seconds=1), shapes[1])[1], both(minute, shapes[1])[1]
    assert "1404-05" not in {r[1] for r in before} and ("1404-05", "23", "F") in {r[1:4] for r in after}
    nothing = {one.pk: page(one, (["1404-01"], {"missing": ["x"]}))}
    assert both(minute, nothing) == ([], [])
    other = {two.pk: page(two, (["1404-03"], {"province": ["10"], "sex": ["M"]}))}
    both(minute, other)  # compiled for this shape: other codes of it compile nothing
    again = {two.pk: page(two, (["1404-01"], {"province": ["16"], "sex": ["F"]}))}
    with mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql) as compiled:
        rows = _ReadStatement.for_specs(again).rows(minute, again)
    assert compiled.call_count == 0
    assert rows == list(_read_queryset(minute, again)) and [r[1:4] for r in rows] == [("1404-01", "16", "F")]


def test_the_cards_read_compiles_nothing_the_second_time(lists):
    province, sex = lists
    filled("one", [province]), filled("two", [province, sex])
    now = timezone.now()
    indicators = with_latest_public_start(Indicator.objects.order_by("code"), now)
    indicators = with_dimensions(indicators)
    keep = {i.code: shown_cells(i, card=True) for i in indicators}
    first = get_observations_many(indicators, now=now, last_periods=CARD_PERIODS, keep=keep)
    with mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql) as compiled:
        again = get_observations_many(indicators, now=now, last_periods=CARD_PERIODS, keep=keep)
    assert again == first and len(first["one"]) == 3 and len(first["two"]) == 3
    assert compiled.call_count == 0


def test_the_compiled_read_keeps_rows_equal_to_the_orm_path(lists):
    province, sex = lists
    indicators = [filled("one", [province]), filled("two", [province, sex])]
    keep = {i.code: shown_cells(i, card=True) for i in indicators}
    compiled = get_observations_many(indicators, last_periods=2, keep=keep)
    with mock.patch.object(_ReadStatement, "for_specs", return_value=None):
        orm = get_observations_many(indicators, last_periods=2, keep=keep)
    assert compiled == orm and compiled["two"]
    assert [r.period.code for r in compiled["one"]] == ["1404-02", "1404-03"]


def test_the_indicators_at_an_instant_are_what_the_orm_reads(lists, home_pages):
    from tests.builders.publications import release_entry

    province, sex = lists
    minute = (timezone.now() + dt.timedelta(hours=1)).replace(second=0, microsecond=0)
    entry = release_entry(home_pages[0], at=minute)
    one = filled("one", [province])
    filled("two", [province, sex], months=(1, 2))
    make_indicator("empty", [province], is_key=True)
    add_observation(one, "1404-09", ["IR"], 7, count=50, release=entry)
    Indicator.objects.filter(code="one").update(producer=province.codes.first())

    def build():
        return Indicator.objects.filter(is_key=True).select_related("producer__code_list")

    def seen(indicators):
        return [
            (i.pk, i.code, i.latest_public_start, i.latest_public_at, i.producer, i.producer and i.producer.code_list)
            for i in indicators
        ]

    compiled = IndicatorsAt(build)
    for now in (minute - dt.timedelta(seconds=1), minute):
        for limit in (None, 2):
            assert seen(compiled(now, limit)) == seen(with_latest_public_start(build(), now, limit))
    assert [i.latest_public_start for i in compiled(minute - dt.timedelta(seconds=1))] != [
        i.latest_public_start for i in compiled(minute)
    ]
    with_dimensions(compiled(minute))
    with mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql) as compiled_again:
        compiled(minute, 2)
        with_dimensions(compiled(minute))
    assert compiled_again.call_count == 0


def test_the_dimensions_compiled_are_the_orms(lists):
    province, sex = lists
    indicators = [filled("one", [province]), filled("two", [sex, province]), make_indicator("none")]
    fresh = [Indicator.objects.get(pk=i.pk) for i in indicators]
    found = with_dimensions(fresh)
    assert [[cl.code for cl in i.dimension_lists] for i in found] == [["province"], ["sex", "province"], []]
    assert [[cl.total_code for cl in i.dimension_lists] for i in found] == [["IR"], ["T", "IR"], []]
    assert with_dimensions([]) == []


def test_the_labels_compiled_are_the_orms(lists):
    assert [code_list.code for code_list in lists] == ["province", "sex"]
    make_code_list("empty", {}, name_fa="خالی")
    make_code_list("english", {"a": ("الف", ""), "b": ("ب", "B")}, name_fa="انگلیسی")
    for wanted in (["province"], ["sex", "province", "english"], ["english", "empty", "missing"], ["sex", "sex"]):
        for lang in ("fa", "en"):
            expected = {code_list: {} for code_list in dict.fromkeys(wanted)}
            for list_code, code, fa, en in _labels_queryset(dict.fromkeys(wanted)):
                expected[list_code][code] = (en or fa) if lang == "en" else fa
            found = labels_for(wanted, lang)
            assert found == expected and [list(v) for v in found.values()] == [list(v) for v in expected.values()]
    assert labels_for(["english"], "en") == {"english": {"a": "الف", "b": "B"}}
    expected = [code for list_code, code, _fa, _en in _labels_queryset(["province"])]
    labels_for(["sex", "province"], "en")  # compiled for two code lists
    with mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql) as compiled:
        assert list(labels_for(["province", "sex"], "fa")["province"]) == expected
    assert compiled.call_count == 0


def test_the_indicators_by_code_compiled_are_the_orms(lists):
    province, sex = lists
    filled("one", [province]), filled("two", [sex, province]), make_indicator("none")

    def orm(codes):
        found = {}
        for dimension in _dimensions_by_code_queryset(codes):
            found.setdefault(dimension.indicator.code, (dimension.indicator, []))[1].append(dimension.code_list)
        return found

    def seen(indicator, code_lists):
        return (indicator.pk, indicator.code, indicator.name_fa, [(cl.pk, cl.code, cl.total_code) for cl in code_lists])

    for codes in (["one"], ["two", "one"], ["one", "none", "missing"], ["none"], ["one", "one", ""]):
        found = indicators_by_code(codes)
        expected = {code: seen(*pair) for code, pair in orm({c for c in codes if c}).items()}
        assert {code: seen(i, i.dimension_lists) for code, i in found.items() if i.dimension_lists} == expected
        assert set(found) == {c for c in codes if c} - {"missing"}
    assert indicators_by_code(["none"])["none"].dimension_lists == []
    assert indicators_by_code([]) == {} and indicators_by_code([""]) == {}
    indicators_by_code(["x", "y"])  # compiled for two codes
    with mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql) as compiled:
        found = indicators_by_code(["two", "one"])
    assert compiled.call_count == 0
    assert [cl.code for cl in found["two"].dimension_lists] == ["sex", "province"]
