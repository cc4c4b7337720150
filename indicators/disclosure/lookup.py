"""The hidden pattern of each (indicator, period) a reader shows, found without
reading the period's full table when that is not needed.

First, the patterns a reader asks are looked up whole in the cache under the
tables' state (`models.writes.data_state`: write tokens that database triggers
replace on every write to the observations, codes, code lists, dimensions and
calendar entries, and the last release minute passed). While nothing is written
and no minute passes, that is one small query and one cache read. Missed, they
are decided as below and kept under the state, unless it changed meanwhile.

A pattern is still decided on the period's FULL public table (every channel
hides the same cells), but most pages show a slice of it. So ONE aggregate
query over the full public tables of the periods asked gives, per period:

* whether any cell can be primary — the SQL of `rules.primary_positions`
  without relations (a «suppressed» flag, a count under the threshold, or no
  count beside a value in a table subject to the threshold). If none can,
  nothing is hidden: `suppressed_cells` returns set() then too, since
  inferring the totals' counts only ever clears cells;
* a fingerprint of the table's content: rows are unique per (indicator,
  period, codes) and every import deletes and writes them anew (new ids, new
  batch), a release going public adds its rows, and the weighted sums of
  counts, values and «suppressed» flags catch a row edited in place.

The aggregate is taken in two steps, because most tables cannot have a
primary cell and their fingerprint is never used: a first query screens each
indicator's whole range of periods asked (one row an indicator: no sort by
period, four cheap aggregates), and only the indicators whose range can hold
a primary cell get the per-period aggregate with the fingerprint (none: no
second query). A range that cannot hold one holds no period that can (its
flags, least count and counts are those of its periods together).

The other periods' patterns are looked up in the cache under (indicator card,
protection, period, fingerprint); the periods missed are read whole in ONE
more query and computed by `suppressed_cells` (its own content-hash cache,
then the LP), and stored under their fingerprint."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import operator
from collections.abc import Callable, Iterable
from functools import reduce

from django.db.models import BigIntegerField, Case, Count, DecimalField, F, Min, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.compiled import CompiledQuery
from iran.periods import Period
from releases.embargo import entry_model, entry_public_q

from ..enums import Flag
from ..models.observations import DIMENSION_FIELDS, Observation, period_bounds
from ..models.writes import data_state
from .apply import disclosure_card, hierarchies_for, hierarchy_key, suppressed_cells
from .rules import Protection

KEY_PREFIX = "disclosure:fp:1:"
WHOLE_KEY_PREFIX = "disclosure:state:1:"
TIMEOUT = 24 * 3600

# Weights that tell rows apart in the sums, small enough to keep them exact integers.
_WEIGHT = F("id") % 997 + 1


def _stats():
    """The aggregates of one period's public table (see the module docstring)."""
    return {
        "n": Count("id"),
        "ids": Sum("id"),
        "batches": Sum("batch_id"),
        "releases": Sum("release_id"),
        "least": Min("count"),
        "counted": Count("count"),
        "unknown": Count("id", filter=Q(count__isnull=True, value__isnull=False)),
        "flagged": Sum(
            Case(When(flags__contains=Flag.SUPPRESSED.value, then=_WEIGHT), default=Value(0)),
            output_field=BigIntegerField(),
        ),
        "counts": Sum(Coalesce("count", Value(-1)) * _WEIGHT, output_field=BigIntegerField()),
        "values": Sum(F("value") * _WEIGHT, output_field=DecimalField(max_digits=40, decimal_places=6)),
    }


_STAT_NAMES = tuple(sorted(_stats()))


def _screen():
    """What `can_be_primary` asks of a table, and no more: cheap per row."""
    return {
        "least": Min("count"),
        "counted": Count("count"),
        "unknown": Count("id", filter=Q(count__isnull=True, value__isnull=False)),
        "flagged": Count("id", filter=Q(flags__contains=Flag.SUPPRESSED.value)),
    }


def _public_q(now) -> Q:
    """`releases.embargo.released_q` at `now`, with the public entries as a subquery
    (`release_id IN (…)`) instead of a join: the same rows (the rule is the
    embargo's `entry_public_q`), without a look-up into the entries a row."""
    entries = entry_model().objects.filter(entry_public_q(now=now)).values("pk")
    return Q(release__isnull=True) | Q(release__in=entries)


def can_be_primary(indicator, stats) -> bool:
    """Could `rules.primary_positions` find a cell in this table? (never False when it would)"""
    threshold = indicator.threshold
    if stats["flagged"]:
        return True
    if stats["least"] is not None and stats["least"] < threshold:
        return True
    declared = getattr(indicator, "suppression_threshold", None)
    expected = declared > 0 if declared is not None else stats["counted"] > 0
    return bool(stats["unknown"]) and expected and threshold > 0


def suppressed_by_period(indicator, periods: Iterable[str], now=None) -> dict[str, set[tuple]]:
    """{period code: hidden code tuples}, each period's pattern decided on its
    full public table at `now`, whatever slice the caller will show."""
    wanted = set(periods)
    if not wanted:
        return {}
    return patterns({indicator.pk: indicator}, {indicator.pk: wanted}, now=now or timezone.now())[indicator.pk]


def patterns(
    indicators: dict[int, object],
    periods: dict[int, set[str]],
    *,
    now,
    hierarchies_of: Callable | None = None,
    protection: Protection | None = None,
) -> dict[int, dict[str, set[tuple]]]:
    """{indicator id: {period: hidden code tuples}} for these periods of these
    indicators (ids -> Indicator with its dimensions loaded), each decided on
    the period's full public table at `now`.

    Kept whole in the cache under the tables' write tokens and the last release
    minute passed (`data_state`): while nothing is written and no release minute
    passes, a page asking the same periods again reads one row per table and
    one cache entry, not the observations."""
    protection = protection or Protection.from_settings()
    state = data_state(now)
    whole_key = _whole_key(state, indicators, periods, protection) if state is not None else None
    stored = _cache_get_whole(whole_key)
    if stored is not None:
        return stored
    out = _decided(indicators, periods, now, hierarchies_of or hierarchies_for, protection)
    # Stored only if nothing was written while it was decided: then `out` is `state`'s.
    if whole_key is not None and data_state(now) == state:
        _cache_set_many({whole_key: {pk: {p: sorted(cells) for p, cells in by.items()} for pk, by in out.items()}})
    return out


def _decided(indicators, periods, now, hierarchies_of, protection) -> dict[int, dict[str, set[tuple]]]:
    """`patterns`, from the observations: the screen, the statistics, the cache
    under each period's fingerprint, and the full tables of the periods missed."""
    out: dict[int, dict[str, set[tuple]]] = {pk: {p: set() for p in wanted} for pk, wanted in periods.items()}
    keys = {}
    suspects = set()
    hierarchies, structure = {}, {}  # read once an indicator: the relations, and their part of each key
    for (pk, period), stats in _period_stats(_to_aggregate(indicators, periods, now), now).items():
        if can_be_primary(indicators[pk], stats):
            if pk not in hierarchies:
                hierarchies[pk] = hierarchies_of(indicators[pk])
                structure[pk] = hierarchy_key(hierarchies[pk])
            keys[(pk, period)] = _key(indicators[pk], protection, period, stats, structure[pk])
            suspects.add(pk)
    _remember_suspects(periods, suspects)
    found = _cache_get_many(list(keys.values()))
    missed = []
    for pair, key in keys.items():
        if key in found:
            out[pair[0]][pair[1]] = found[key]
        else:
            missed.append(pair)
    fresh = {}
    for (pk, period), records in _full_tables(indicators, missed, now).items():
        indicator = indicators[pk]
        hidden = suppressed_cells(indicator, records, hierarchies[pk], protection)
        out[pk][period] = hidden
        fresh[keys[(pk, period)]] = sorted(hidden)
    _cache_set_many(fresh)
    return out


# Indicators whose periods asked last could hold a primary cell (ids; this
# process's guess, nothing more): their ranges go straight to the statistics,
# which tell every period's `can_be_primary` as the screen would, instead of
# being read by the screen and then again by the statistics. An indicator whose
# statistics show no such period is screened again next time.
_SUSPECTS: dict[int, None] = {}
_SUSPECTS_LIMIT = 4096


def _to_aggregate(indicators, periods: dict[int, set[str]], now) -> dict[int, set[str]]:
    """The periods that get the per-period statistics: the suspects' at once, the
    others' after the screen."""
    suspected = {pk: wanted for pk, wanted in periods.items() if pk in _SUSPECTS}
    rest = {pk: wanted for pk, wanted in periods.items() if pk not in _SUSPECTS}
    return suspected | _screened(indicators, rest, now)


def _remember_suspects(periods: dict[int, set[str]], suspects: set[int]):
    if len(_SUSPECTS) >= _SUSPECTS_LIMIT:
        _SUSPECTS.clear()
    for pk in periods:
        if pk in suspects:
            _SUSPECTS[pk] = None
        else:
            _SUSPECTS.pop(pk, None)


def forget_suspects():
    """Start every indicator from the screen again (tests count the queries)."""
    _SUSPECTS.clear()


def _ranges(periods: dict[int, set[str]]) -> list[tuple[int, int, int]]:
    """(indicator id, first start, last start) of the periods asked of each indicator
    (read within them, the index on (indicator, period start) serves)."""
    if not any(periods.values()):
        return []
    start = {code: period_bounds(Period.parse(code))[0] for code in set().union(*periods.values())}
    ranges = []
    for pk, wanted in periods.items():
        if wanted:
            starts = [start[code] for code in wanted]
            ranges.append((pk, min(starts), max(starts)))
    return ranges


def _screened(indicators: dict[int, object], periods: dict[int, set[str]], now) -> dict[int, set[str]]:
    """The periods asked of the indicators whose range of them can hold a primary
    cell at `now` (ONE query, `_screen` of each range; none asked: none)."""
    ranges = _ranges(periods)
    if not ranges:
        return {}
    rows = _compiled_rows(_SCREENS, _screen_queryset, ranges, now)
    return {
        row["indicator_id"]: periods[row["indicator_id"]]
        for row in rows
        if can_be_primary(indicators[row["indicator_id"]], row)
    }


def _period_stats(periods: dict[int, set[str]], now) -> dict[tuple[int, str], dict]:
    """ONE aggregate query: the stats of every period asked (none asked: no query)."""
    ranges = _ranges(periods)
    if not ranges:
        return {}
    rows = _stats_rows(ranges, now)
    return {(r["indicator_id"], r["period"]): r for r in rows if r["period"] in periods[r["indicator_id"]]}


def _stats_queryset(where: Q, now):
    """The ORM's form of the statistics query (`_stats_rows` runs it compiled)."""
    qs = Observation.objects.filter(where).filter(_public_q(now))
    return qs.values("indicator_id", "period").annotate(**_stats()).order_by()


def _screen_queryset(ranges, now):
    """The ORM's form of the screen: one row per (indicator id, first, last start)
    range that has public rows at `now`. A UNION ALL of one aggregate a range, so
    each is read in the index's order (an OR of the ranges made SQLite gather
    the row ids first and sort the rows to group them)."""
    parts = [
        Observation.objects.filter(indicator_id=pk, period_start__gte=first, period_start__lte=last)
        .filter(_public_q(now))
        .values("indicator_id")
        .annotate(**_screen())
        .order_by()
        for pk, first, last in ranges
    ]
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


# The screen and the statistics query, each compiled once per process, database and
# number of indicators' ranges (core.compiled.CompiledQuery): compiling their
# aggregates and the embargo's subquery on every page cost more than running them.
# Their markers are the instant and each range's indicator and bounds (values no
# real one takes).
_SCREENS: dict[int, CompiledQuery] = {}
_STATS: dict[int, CompiledQuery] = {}
_STATS_LIMIT = 64
_SENTINEL = dt.datetime(1901, 2, 3, 4, 5, 6, tzinfo=dt.UTC)


def _marked_ranges(size, values) -> list[tuple]:
    return [(values[f"pk{i}"], values[f"first{i}"], values[f"last{i}"]) for i in range(size)]


def _ranges_q(ranges) -> Q:
    parts = [Q(indicator_id=pk, period_start__gte=first, period_start__lte=last) for pk, first, last in ranges]
    return reduce(operator.or_, parts)


def _compiled_rows(memo: dict, queryset, ranges, now) -> list[dict]:
    """`queryset(ranges, now)` run by its statement for this number of ranges."""
    size = len(ranges)
    statement = memo.get(size)
    if statement is None:
        if len(memo) >= _STATS_LIMIT:
            memo.clear()
        markers = {}
        for i in range(size):
            markers |= {f"pk{i}": -424_242_000 - i, f"first{i}": -525_252_000 - i, f"last{i}": -626_262_000 - i}
        build = lambda now, **values: queryset(_marked_ranges(size, values), now)  # noqa: E731
        statement = memo[size] = CompiledQuery(Observation, build, now=_SENTINEL, **markers)
    values = {}
    for i, (pk, first, last) in enumerate(ranges):
        values |= {f"pk{i}": pk, f"first{i}": first, f"last{i}": last}
    return statement(now=now, **values)


def _stats_rows(ranges, now) -> list[dict]:
    """`_stats_queryset` of these (indicator id, first start, last start) ranges at `now`."""
    if not ranges:
        return []
    return _compiled_rows(_STATS, lambda ranges, now: _stats_queryset(_ranges_q(ranges), now), ranges, now)


def _full_tables(indicators, pairs, now) -> dict[tuple[int, str], list]:
    """ONE query: the full public tables of these (indicator id, period) pairs."""
    if not pairs:
        return {}
    by_indicator: dict[int, list[str]] = {}
    for pk, period in pairs:
        by_indicator.setdefault(pk, []).append(period)
    where = Q(pk__in=[])
    for pk, wanted in by_indicator.items():
        where |= Q(indicator_id=pk, period__in=wanted)
    qs = Observation.objects.filter(where).filter(_public_q(now))
    out: dict[tuple[int, str], list] = {pair: [] for pair in pairs}
    flag_sets: dict[str, frozenset] = {}
    fields = ("indicator_id", "period", *DIMENSION_FIELDS, "value", "count", "flags")
    for pk, period, *rest in qs.order_by("indicator_id", "period", *DIMENSION_FIELDS).values_list(*fields):
        *codes, value, count, text = rest
        flags = flag_sets.get(text)
        if flags is None:
            flags = flag_sets[text] = frozenset(f for f in (text or "").split(",") if f)
        size = len(indicators[pk].dimension_lists)
        out[(pk, period)].append((tuple(codes[:size]), value, count, flags))
    return out


def _key(indicator, protection, period, stats, structure) -> str:
    """The per-period pattern's key; `structure`: the hierarchies' `hierarchy_key`."""
    card = disclosure_card(indicator)
    fingerprint = tuple(str(stats[name]) for name in _STAT_NAMES)
    digest = hashlib.blake2b(repr((card, protection, period, fingerprint, structure)).encode(), digest_size=20)
    return KEY_PREFIX + digest.hexdigest()


def _whole_key(state, indicators, periods, protection) -> str:
    asked = sorted((disclosure_card(indicators[pk]), sorted(wanted)) for pk, wanted in periods.items())
    digest = hashlib.blake2b(repr((state, protection, asked)).encode(), digest_size=20)
    return WHOLE_KEY_PREFIX + digest.hexdigest()


def _cache_get_whole(key) -> dict[int, dict[str, set[tuple]]] | None:
    from django.core.cache import cache

    if key is None:
        return None
    try:
        found = cache.get(key)
    except Exception:  # a cache that is down costs time, never correctness
        return None
    if found is None:
        return None
    return {pk: {period: {tuple(cell) for cell in cells} for period, cells in by.items()} for pk, by in found.items()}


def _cache_get_many(keys) -> dict[str, set[tuple]]:
    from django.core.cache import cache

    if not keys:
        return {}
    try:
        found = cache.get_many(keys)
    except Exception:  # a cache that is down costs time, never correctness
        return {}
    return {key: {tuple(cell) for cell in cells} for key, cells in found.items() if cells is not None}


def _cache_set_many(entries):
    from django.core.cache import cache

    if entries:
        with contextlib.suppress(Exception):  # a cache that is down costs time, never correctness
            cache.set_many(entries, TIMEOUT)
