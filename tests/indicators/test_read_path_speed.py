"""The read path's speed-ups (issue 13) keep what it reads.

* The disclosure statistics query is compiled by the ORM once per database and
  run compiled (`lookup._stats_rows`): it must give what the ORM's own
  query gives, at every instant (before and after a release minute), and not
  compile again.
* The screen (`lookup._screened`: one cheap aggregate a range of periods) is
  run compiled too and reads what the ORM reads; only the indicators whose
  range can hold a primary cell get the per-period statistics. Both read the
  public rows through `lookup._public_q`, which must keep exactly the rows of
  `releases.embargo.released_q`.
* The latest public period of each indicator (`query._windows`) is read by a
  correlated LIMIT 1: it must skip what is still embargoed.
* An indicator page reads its indicator, producer and dimensions in one query;
  the dashboard its key indicators, filters and cards in six, the home page's
  headline cards in six (the window read with the indicators)."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.db import connection
from django.db.models import Q
from django.db.models.sql.compiler import SQLCompiler
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from indicators.disclosure import lookup
from indicators.disclosure.apply import hierarchies_for
from indicators.disclosure.rules import Protection
from indicators.models import Observation
from indicators.presenters import CARD_PERIODS
from indicators.query import _windows, get_observations_many, with_dimensions
from indicators.views import _indicator, dashboard_context, headline_cards
from releases.embargo import released_q
from tests.builders.indicators import add_observation, make_code_list, make_indicator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

PROVINCES = {"IR": "کل کشور", "23": "تهران", "10": "اصفهان", "16": "ایلام"}


@pytest.fixture
def province():
    return make_code_list("province", PROVINCES, total_code="IR", name_fa="استان")


def filled(code, province, months=(1, 2, 3), **extra):
    indicator = make_indicator(code, [province], is_key=True, **extra)
    for month in months:
        for place, value in (("IR", 100), ("23", 60), ("10", 38), ("16", 2)):
            add_observation(indicator, f"1404-{month:02d}", [place], value + month, count=value)
    return with_dimensions([indicator])[0]


def orm_stats(ranges, now):
    where = Q(pk__in=[])
    for pk, first, last in ranges:
        where |= Q(indicator_id=pk, period_start__gte=first, period_start__lte=last)
    return sorted(lookup._stats_queryset(where, now), key=lambda r: (r["indicator_id"], r["period"]))


def statement_stats(ranges, now):
    rows = lookup._stats_rows(ranges, now)
    return sorted(rows, key=lambda r: (r["indicator_id"], r["period"]))


def test_the_compiled_statistics_read_what_the_orm_reads_before_and_after_a_release(province, home_pages):
    from tests.builders.publications import release_entry

    minute = (timezone.now() + dt.timedelta(hours=1)).replace(second=0, microsecond=0)
    entry = release_entry(home_pages[0], at=minute)
    first = filled("first", province)
    second = filled("second", province, months=(2, 3, 4))
    add_observation(first, "1404-04", ["IR"], 7, count=1, flags="provisional,suppressed", release=entry)
    add_observation(second, "1404-04", ["05"], None, count=None, release=entry)
    starts = Observation.objects.values_list("period_start", flat=True)
    ranges = [(first.pk, min(starts), max(starts)), (second.pk, min(starts) + 1, max(starts))]
    for now in (minute - dt.timedelta(seconds=1), minute, minute + dt.timedelta(days=1)):
        expected = orm_stats(ranges, now)
        assert expected and statement_stats(ranges, now) == expected
    before = statement_stats(ranges, minute - dt.timedelta(seconds=1))
    after = statement_stats(ranges, minute)
    assert before != after  # the release's rows count from its minute, not a second before
    assert statement_stats([(first.pk, 0, 1)], minute) == orm_stats([(first.pk, 0, 1)], minute) == []


def test_the_public_rows_of_the_statistics_are_the_embargo_s(province, home_pages):
    from releases.enums import ReleaseStatus
    from tests.builders.publications import release_entry

    minute = (timezone.now() + dt.timedelta(hours=1)).replace(second=0, microsecond=0)
    indicator = filled("first", province)
    for month, status in ((4, ReleaseStatus.CONFIRMED), (5, ReleaseStatus.PROVISIONAL), (6, ReleaseStatus.CANCELLED)):
        entry = release_entry(home_pages[0], at=minute, status=status)
        add_observation(indicator, f"1404-{month:02d}", ["IR"], 7, count=1, release=entry)
    seen = set()
    for now in (minute - dt.timedelta(seconds=1), minute, minute + dt.timedelta(days=1)):
        ids = set(Observation.objects.filter(released_q("release", now=now)).values_list("pk", flat=True))
        assert set(Observation.objects.filter(lookup._public_q(now)).values_list("pk", flat=True)) == ids
        seen.add(len(ids))
    assert seen == {12, 13}  # the confirmed entry's row from its minute; the others never


def orm_screen(ranges, now):
    return sorted(lookup._screen_queryset(ranges, now), key=lambda r: r["indicator_id"])


def test_the_compiled_screen_reads_what_the_orm_reads(province, home_pages):
    from tests.builders.publications import release_entry

    minute = (timezone.now() + dt.timedelta(hours=1)).replace(second=0, microsecond=0)
    entry = release_entry(home_pages[0], at=minute)
    first = filled("first", province)
    second = filled("second", province, months=(2, 3, 4))
    third = filled("third", province)
    add_observation(first, "1404-04", ["IR"], 7, count=None, flags="suppressed", release=entry)
    starts = sorted(set(Observation.objects.values_list("period_start", flat=True)))
    ranges = [(first.pk, starts[0], starts[-1]), (second.pk, starts[1], starts[-1]), (third.pk, 0, 1)]
    for now in (minute - dt.timedelta(seconds=1), minute):
        expected = orm_screen(ranges, now)
        assert [r["indicator_id"] for r in expected] == [first.pk, second.pk]  # none in the third's range
        assert (
            sorted(
                lookup._compiled_rows(lookup._SCREENS, lookup._screen_queryset, ranges, now),
                key=lambda r: r["indicator_id"],
            )
            == expected
        )
    before, after = (orm_screen(ranges[:1], at)[0] for at in (minute - dt.timedelta(seconds=1), minute))
    assert (before["flagged"], before["unknown"], before["least"]) == (0, 0, 2)
    assert (after["flagged"], after["unknown"]) == (1, 1)  # flagged, and a value without its count


def _decided(indicators, periods):
    """The patterns from the observations (what `lookup.patterns` does when the
    tables' state is not in the cache: tests/indicators/test_disclosure_state.py)."""
    return lookup._decided(indicators, periods, timezone.now(), hierarchies_for, Protection.from_settings())


def test_only_ranges_that_can_hold_a_primary_cell_get_the_statistics(province):
    small = filled("small", province)  # «16» counted from 2 units
    large = make_indicator("large", [province], is_key=True)
    for month in (1, 2, 3):
        add_observation(large, f"1404-{month:02d}", ["IR"], 10, count=50)
    indicators = {i.pk: i for i in with_dimensions([small, large])}
    periods = {pk: {"1404-01", "1404-02"} for pk in indicators}
    assert lookup._screened(indicators, periods, timezone.now()) == {small.pk: {"1404-01", "1404-02"}}
    with CaptureQueriesContext(connection) as queries:
        hidden = _decided(indicators, {large.pk: {"1404-01"}})
    assert hidden == {large.pk: {"1404-01": set()}} and len(queries) == 1  # the screen only


def test_an_indicator_that_held_a_possible_primary_cell_skips_the_screen_until_it_holds_none(province):
    small = filled("small", province)  # «16» counted from 2 units
    large = make_indicator("large", [province], is_key=True)
    for month in (1, 2):
        add_observation(large, f"1404-{month:02d}", ["IR"], 10, count=50)
    indicators = {i.pk: i for i in with_dimensions([small, large])}
    periods = {pk: {"1404-01", "1404-02"} for pk in indicators}

    def read():
        with CaptureQueriesContext(connection) as queries:
            hidden = _decided(indicators, periods)
        statements = [q["sql"] for q in queries.captured_queries]
        screened = [sql for sql in statements if '"least"' in sql and '"period"' not in sql.split("FROM")[0]]
        return hidden, screened, statements

    first, screened, _ = read()
    assert len(screened) == 1 and "UNION ALL" in screened[0]  # both ranges screened, the small one aggregated
    again, screened, _ = read()
    assert again == first and ("16",) in first[small.pk]["1404-01"]  # the same cells hidden
    # the large one alone is screened now; the small one goes straight to the statistics
    assert len(screened) == 1 and "UNION ALL" not in screened[0] and list(lookup._SUSPECTS) == [small.pk]
    Observation.objects.filter(indicator=indicators[small.pk], d1="16").delete()
    cleared, _, _ = read()
    assert cleared[small.pk] == {"1404-01": set(), "1404-02": set()}
    assert lookup._SUSPECTS == {}  # no possible primary cell left: screened again next time
    _, screened, statements = read()
    assert len(screened) == 1 and len(statements) == 1  # the screen only


def test_the_statistics_are_not_compiled_again(province):
    indicator = filled("first", province)
    periods = {indicator.pk: {"1404-01", "1404-02"}}
    lookup._period_stats(periods, timezone.now())
    with mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql) as compiled:
        stats = lookup._period_stats(periods, timezone.now())
    assert compiled.call_count == 0
    assert set(stats) == {(indicator.pk, "1404-01"), (indicator.pk, "1404-02")}
    assert stats[(indicator.pk, "1404-01")]["least"] == 2


def test_the_window_starts_from_the_latest_public_period(province, home_pages):
    from tests.builders.publications import release_entry

    minute = (timezone.now() + dt.timedelta(hours=1)).replace(second=0, microsecond=0)
    entry = release_entry(home_pages[0], at=minute)
    indicator = filled("first", province, months=range(1, 13))
    empty = with_dimensions([make_indicator("empty", [province])])[0]
    add_observation(indicator, "1405-01", ["IR"], 5, count=5, release=entry)
    by_id = {indicator.pk: indicator, empty.pk: empty}

    def window(now):
        windows = _windows(by_id, 3, now)
        assert empty.pk not in windows  # no public observation: nothing read
        found = Observation.objects.filter(released_q("release", now=now), indicator=indicator)
        found = found.filter(period_start__gte=windows[indicator.pk])
        return sorted(set(found.values_list("period", flat=True)))

    assert window(minute - dt.timedelta(seconds=1)) == ["1404-10", "1404-11", "1404-12"]
    assert window(minute) == ["1404-11", "1404-12", "1405-01"]
    rows = get_observations_many([indicator], now=minute - dt.timedelta(seconds=1), last_periods=CARD_PERIODS)
    assert "1405-01" not in {r.period.code for r in rows["first"]}


def test_an_indicator_page_reads_its_indicator_in_one_query(province):
    filled("first", province, norm_upper=1000)
    with CaptureQueriesContext(connection) as queries:
        indicator = _indicator("first")
        assert [cl.code for cl in indicator.dimension_lists] == ["province"]
        assert indicator.producer is None or indicator.producer.code
    assert len(queries) == 1


def test_the_dashboard_reads_indicators_filters_and_cards_in_five_queries(province):
    for code in ("first", "second", "third"):
        filled(code, province)
    request = RequestFactory().get("/fa/dashboard/")
    dashboard_context(request)  # the disclosure patterns' cache
    with CaptureQueriesContext(connection) as queries:
        context = dashboard_context(request)
    assert [c["indicator"].code for c in context["cards"]] == ["first", "second", "third"]
    # key indicators with producers and latest public periods, dimensions, labels, cells, statistics
    # (no screen: each held a possible primary cell the first time; `lookup._SUSPECTS`)
    assert len(queries) == 5


def test_the_headline_cards_read_their_windows_with_the_indicators(province, home_pages):
    from tests.builders.publications import release_entry

    minute = (timezone.now() + dt.timedelta(hours=1)).replace(second=0, microsecond=0)
    entry = release_entry(home_pages[0], at=minute)
    for code in ("first", "second"):
        indicator = filled(code, province, months=range(1, 13), is_headline=True)
    add_observation(indicator, "1405-01", ["IR"], 5, count=5, release=entry)
    headline_cards("fa")  # the disclosure patterns' cache
    with CaptureQueriesContext(connection) as queries:
        cards = headline_cards("fa")
    # indicators with their latest public periods, dimensions, labels, cells, statistics (no screen:
    # both held a possible primary cell the first time)
    assert len(queries) == 5
    assert [c["latest"]["period"].code for c in cards] == ["1404-12", "1404-12"]  # not the embargoed 1405-01
    with mock.patch("indicators.views.timezone.now", return_value=minute):
        assert [c["latest"]["period"].code for c in headline_cards("fa")] == ["1404-12", "1405-01"]
