"""The public query contract of the indicators app.

Other apps (publications' yearbook tables and charts, the API, downloads) read
observations only through these functions: they return only what the public
may see now (the embargo of the observation's release) with disclosure control
applied (cells counted from fewer units than the threshold are suppressed,
and the complementary cells that would give them back by subtraction: see
`indicators.disclosure`).

Stable: may be extended, never broken."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from core.compiled import CompiledPerSize, CompiledQuery
from iran.periods import Period
from releases.embargo import released_q

from . import disclosure
from .enums import Flag
from .models.codes import Code
from .models.indicators import Indicator, IndicatorDimension
from .models.observations import DIMENSION_FIELDS, Observation, period_bounds


class ObservationRow:
    """One public cell as readers see it (read-only by contract). A plain class
    with slots: pages build thousands of them, and a frozen dataclass costs
    several times as much to make. Rows of one read share their `codes` dicts
    and `flags` sets: never change them."""

    __slots__ = ("codes", "flags", "period", "suppressed", "value")

    def __init__(self, period: Period, codes: dict[str, str], value: Decimal | None, flags, suppressed: bool):
        self.period = period
        self.codes = codes  # dimension code-list code -> code, e.g. {"province": "23", "sex": "F"}
        self.value = value  # None when suppressed or missing
        self.flags = flags  # frozenset, e.g. {"provisional", "revised", "estimated", "break", "suppressed"}
        self.suppressed = suppressed

    def _fields(self):
        return (self.period, self.codes, self.value, self.flags, self.suppressed)

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # like the frozen dataclass it replaces: `codes` is a dict

    def __repr__(self):
        return "ObservationRow(period={!r}, codes={!r}, value={!r}, flags={!r}, suppressed={!r})".format(
            *self._fields()
        )


@dataclass(frozen=True)
class Keep:
    """The cells of one indicator a reader shows, for `get_observations_many`:
    only they are read (each period's pattern is still decided on its full table).

    * `cells`: a Q over Observation fields (d1..d5, period, period_start…);
    * `whole_periods`: also every cell of these periods (codes such as "1403-07");
    * `whole_latest`: also every cell of the latest period that holds one of `cells`;
    * `or_whole`: read the indicator whole when no headline cell (every dimension
      at its total code) is among what was read, so that what the presenters
      derive from the headline is what they derive from the whole read."""

    cells: Q
    whole_periods: tuple[str, ...] = ()
    whole_latest: bool = False
    or_whole: bool = False


def headline_q(indicator) -> Q | None:
    """The headline cells (every dimension at its total code), or None when a
    dimension's code list has no total code."""
    lists = indicator.dimension_lists
    if any(not code_list.total_code for code_list in lists):
        return None
    return Q(**{field: code_list.total_code for field, code_list in zip(DIMENSION_FIELDS, lists, strict=False)})


def cells_q(indicator, periods: Iterable[str] = (), filters: dict[str, Iterable[str]] | None = None) -> Q:
    """The Q of an indicator's cells in these periods (none: every period) whose
    dimensions hold one of the codes given ({code list: codes}); a dimension the
    indicator lacks matches no cell (as `row.codes.get(dim) in codes` would not)."""
    periods = list(periods)
    q = Q(period__in=periods) if periods else Q()
    dims = indicator.dimension_codes
    for list_code, codes in (filters or {}).items():
        if list_code not in dims:
            return Q(pk__in=[])
        q &= Q(**{f"{DIMENSION_FIELDS[dims.index(list_code)]}__in": list(codes)})
    return q


class _RowMaker:
    """Rows of one indicator, made cheaply: one Period per period code, one
    codes dict per code tuple, one flag set per (flags text, hidden)."""

    def __init__(self, indicator, periods: dict[str, Period]):
        self.names = indicator.dimension_codes
        self.periods = periods
        self.codes: dict[tuple, dict[str, str]] = {}
        self.flags: dict[tuple[str, bool], frozenset[str]] = {}

    def __call__(self, period_code, codes: tuple, value, flag_text, suppressed: bool) -> ObservationRow:
        period = self.periods.get(period_code)
        if period is None:
            period = self.periods[period_code] = Period.parse(period_code)
        names = self.codes.get(codes)
        if names is None:
            names = self.codes[codes] = dict(zip(self.names, codes, strict=True))
        flags = self.flags.get((flag_text, suppressed))
        if flags is None:
            flags = frozenset(f for f in (flag_text or "").split(",") if f)
            flags = self.flags[(flag_text, suppressed)] = flags | {Flag.SUPPRESSED.value} if suppressed else flags
        return ObservationRow(period, names, None if suppressed else value, flags, suppressed)


def _indicator(indicator) -> Indicator:
    if isinstance(indicator, Indicator):
        return indicator
    return Indicator.objects.get(code=indicator)


def public_observations(indicator, now=None):
    """The queryset of an indicator's observations that are public now."""
    indicator = _indicator(indicator)
    return Observation.objects.filter(indicator=indicator).filter(released_q("release", now=now))


def is_suppressed(value, count, flags: frozenset[str], threshold: int) -> bool:
    """Primary suppression only (too few units, or flagged by the import); the
    published pattern adds the complementary cells (`rows_from`)."""
    return Flag.SUPPRESSED in flags or (count is not None and count < threshold)


def get_observations(
    indicator,
    *,
    periods: Iterable[Period | str] | None = None,
    filters: dict[str, list[str]] | None = None,
    now=None,
    period_range: tuple[Period | str | None, Period | str | None] | None = None,
) -> list[ObservationRow]:
    """Observations of `indicator` (an Indicator or its code) that are public now,
    with disclosure control applied, sorted by period then codes.

    * `periods`: only these periods (Period objects or codes such as "1403-07").
    * `filters`: {code-list code: [codes]} keeps rows whose dimension has one of the codes.
    * `period_range`: (first, last), either end may be None; inclusive.
    """
    indicator = _indicator(indicator)
    qs = filtered_queryset(indicator, periods=periods, filters=filters, now=now, period_range=period_range)
    return rows_from(indicator, qs, now=now)


def filtered_queryset(indicator, *, periods=None, filters=None, now=None, period_range=None):
    """The public observations of an indicator, filtered and ordered (not yet read)."""
    indicator = _indicator(indicator)
    dims = indicator.dimension_codes
    qs = public_observations(indicator, now=now)
    if periods is not None:
        qs = qs.filter(period__in=[Period.parse(p).code for p in periods])
    if period_range is not None:
        first, last = period_range
        if first:
            qs = qs.filter(period_start__gte=period_bounds(Period.parse(first))[0])
        if last:
            qs = qs.filter(period_end__lte=period_bounds(Period.parse(last))[1])
    for list_code, codes in (filters or {}).items():
        if list_code not in dims:
            raise ValueError(f"{indicator.code} has no dimension {list_code!r}; it has {dims}")
        qs = qs.filter(**{f"{DIMENSION_FIELDS[dims.index(list_code)]}__in": list(codes)})
    return qs.order_by("period_start", "period_end", *DIMENSION_FIELDS[: len(dims)])


def rows_from(indicator, qs, now=None) -> list[ObservationRow]:
    """Read a queryset of observations into rows, applying disclosure control.

    Which cells are hidden is decided on each period's FULL public table
    (every code of every dimension), never on the slice `qs` holds, so every
    query of the same cell hides it alike."""
    size = len(indicator.dimension_codes)
    records = list(qs.values_list("period", *DIMENSION_FIELDS[:size], "value", "flags"))
    hidden = disclosure.suppressed_by_period(indicator, {r[0] for r in records}, now=now)
    make = _RowMaker(indicator, {})
    rows = []
    for period_code, *codes, value, flag_text in records:
        codes = tuple(codes)
        rows.append(make(period_code, codes, value, flag_text, codes in hidden[period_code]))
    return rows


def code_labels(code_list_code: str, lang: str) -> dict[str, str]:
    """code -> label in that language (Persian when the English label is missing),
    in the code list's order."""
    return labels_for([code_list_code], lang)[code_list_code]


def labels_for(code_list_codes: Iterable[str], lang: str) -> dict[str, dict[str, str]]:
    """{code list: {code: label}} for several code lists in one query: the one
    label lookup of pages, cards and publications (its SQL compiled once per
    number of code lists: `_LABELS`)."""
    wanted = list(dict.fromkeys(code_list_codes))
    labels: dict[str, dict[str, str]] = {code_list: {} for code_list in wanted}
    if not wanted:
        return labels
    for list_code, code, fa, en in _LABELS(wanted):
        labels[list_code][code] = (en or fa) if lang == "en" else fa
    return labels


def _labels_queryset(wanted):
    rows = Code.objects.filter(code_list__code__in=list(wanted)).order_by("code_list__code", "sort_order", "code")
    return rows.values_list("code_list__code", "code", "label_fa", "label_en")


_LABELS = CompiledPerSize(Code, _labels_queryset, lambda i: f"\x00l{i}\x00")


def with_dimensions(indicators: Iterable[Indicator]) -> list[Indicator]:
    """The indicators, each with its dimensions' code lists read (one query for
    all, its SQL compiled once per number of indicators: `_DIMENSIONS`)."""
    indicators = list(indicators)
    lists: dict[int, list] = {indicator.pk: [] for indicator in indicators}
    if lists:
        for dimension in _DIMENSIONS(list(lists)):
            lists[dimension.indicator_id].append(dimension.code_list)
    for indicator in indicators:
        indicator.__dict__["dimension_lists"] = lists[indicator.pk]  # fills the cached_property
    return indicators


def _dimensions_queryset(pks):
    """The dimensions (with their code lists) of these indicators, in order."""
    dimensions = IndicatorDimension.objects.filter(indicator__in=list(pks))
    return dimensions.select_related("code_list").order_by("indicator_id", "position")


_DIMENSIONS = CompiledPerSize(IndicatorDimension, _dimensions_queryset, lambda i: -434_343_000 - i)


def indicators_by_code(codes: Iterable[str]) -> dict[str, Indicator]:
    """{code: indicator with its dimensions' code lists}: one query through the
    dimensions, its SQL compiled once per number of codes (`_DIMENSIONS_BY_CODE`;
    a second query only for indicators that have none or do not exist)."""
    codes = {c for c in codes if c}
    found: dict[str, Indicator] = {}
    if not codes:
        return found  # the ORM's empty IN reads nothing either
    values = [str(code) for code in codes]  # as the ORM prepares a CharField's value
    for dimension in _DIMENSIONS_BY_CODE(values):
        indicator = found.setdefault(dimension.indicator.code, dimension.indicator)
        indicator.__dict__.setdefault("dimension_lists", []).append(dimension.code_list)
    if codes - set(found):
        for indicator in Indicator.objects.filter(code__in=codes - set(found)):
            indicator.__dict__["dimension_lists"] = []
            found[indicator.code] = indicator
    return found


def _dimensions_by_code_queryset(codes):
    dimensions = IndicatorDimension.objects.filter(indicator__code__in=list(codes))
    return dimensions.select_related("indicator", "code_list").order_by("indicator_id", "position")


# A page's blocks name their indicators by code; compiling the join cost as much as running it.
_DIMENSIONS_BY_CODE = CompiledPerSize(IndicatorDimension, _dimensions_by_code_queryset, lambda i: f"\x00i{i}\x00")


def get_observations_many(
    indicators: Iterable[Indicator],
    *,
    now=None,
    last_periods: int | None = None,
    keep: dict[str, Keep] | None = None,
) -> dict[str, list[ObservationRow]]:
    """{indicator code: rows}: the public observations of several indicators (or
    of each one's `last_periods` latest periods), with the same disclosure
    control and order as `get_observations`, in a number of queries that does
    not grow with theirs.

    `keep` ({indicator code: Keep}) reads only the cells a page shows of an
    indicator; each period's pattern is still decided on its full public table
    (`disclosure.patterns`: one aggregate query, the cache, and the full tables
    only of the periods it misses). The indicators' dimensions must be loaded
    (`with_dimensions`, `indicators_by_code`)."""
    indicators = [i for i in indicators if i is not None]
    out: dict[str, list[ObservationRow]] = {indicator.code: [] for indicator in indicators}
    if not indicators:
        return out
    now = now or timezone.now()  # one instant for every query below: the same public tables
    by_id = {indicator.pk: indicator for indicator in indicators}
    starts = _windows(by_id, last_periods, now)
    keep = keep or {}
    specs = {pk: _spec(start, keep.get(by_id[pk].code)) for pk, start in starts.items()}
    records = _read(now, by_id, specs)
    whole = [pk for pk in specs if _wants_whole(by_id[pk], keep.get(by_id[pk].code), records[pk])]
    if whole:
        records.update(_read(now, by_id, {pk: (starts[pk], None, (), False) for pk in whole}))
    periods = {pk: {record[0] for record in rows} for pk, rows in records.items()}
    hierarchies = disclosure.BatchHierarchies(indicators)
    hidden = disclosure.patterns(by_id, periods, now=now, hierarchies_of=hierarchies.of)
    period_objects: dict[str, Period] = {}
    for pk, rows in records.items():
        make, hidden_here = _RowMaker(by_id[pk], period_objects), hidden[pk]
        out[by_id[pk].code] = [
            make(period_code, codes, value, flag_text, codes in hidden_here[period_code])
            for period_code, codes, value, flag_text in rows
        ]
    return out


def _spec(start, keep: Keep | None) -> tuple:
    """What `_slice_q` reads of an indicator: (start, cells, whole periods, whole latest)."""
    if keep is None:
        return (start, None, (), False)
    return (start, keep.cells, tuple(keep.whole_periods), keep.whole_latest)


def _slice_q(pk, start, cells: Q | None, whole_periods, whole_latest: bool, public) -> Q:
    """The Q of the part of an indicator's window a reader reads: from `start`
    (None: every period) on, `cells` (None: all) and `whole_periods`, and with
    `whole_latest` every cell of the latest period that holds one of `cells`."""
    window = Q(period_start__gte=start) if start is not None else Q()
    if cells is None:
        return Q(indicator_id=pk) & window
    wanted = cells
    if whole_periods:
        wanted |= Q(period__in=list(whole_periods))
    if whole_latest:
        latest = public.filter(window, cells, indicator_id=pk).order_by("-period_start", "period_end")
        wanted |= Q(period=Subquery(latest.values("period")[:1]))
    return Q(indicator_id=pk) & (window & wanted)


_CELL_KEYS = frozenset([*DIMENSION_FIELDS, "period"])


def _cells_shape(cells: Q) -> tuple[tuple, list[str]] | None:
    """The shape of a Keep's cells and their codes in order, when the cells are an
    AND / OR tree of equalities and `__in` lists of codes on the dimension fields
    and the period (`headline_q`, `cells_q`, the OR of them a page's blocks read,
    and the empty `pk__in=[]` such an OR starts from), else None (the ORM reads
    them: a negation, another field or lookup, a value that is not a code)."""
    codes: list[str] = []
    shape = _q_shape(cells, codes)
    return None if shape is None else (shape, codes)


def _q_shape(q: Q, codes: list[str]) -> tuple | None:
    """("q", connector, children' shapes) of a Q, its codes appended to `codes`."""
    if q.negated:
        return None
    children = []
    for child in q.children:
        shape = _q_shape(child, codes) if isinstance(child, Q) else _leaf_shape(child, codes)
        if shape is None:
            return None
        children.append(shape)
    return ("q", q.connector, tuple(children))


def _leaf_shape(child, codes: list[str]) -> tuple | None:
    """("=", key) of an equality on a code, ("in", key, n) of a list of n codes."""
    if not isinstance(child, tuple) or len(child) != 2:
        return None
    key, value = child
    if key in _CELL_KEYS and type(value) is str:
        codes.append(value)
        return ("=", key)
    field, _, lookup = key.partition("__")
    if lookup != "in" or type(value) not in (list, tuple) or any(type(code) is not str for code in value):
        return None
    # `pk__in=[]` matches nothing whatever it holds: only its empty form is a shape.
    if field in _CELL_KEYS or (field == "pk" and not value):
        codes.extend(value)
        return ("in", key, len(value))
    return None


def _q_of_shape(shape: tuple, codes) -> Q:
    """The Q of a shape (`_q_shape`) with its codes taken from the iterator `codes`."""
    _kind, connector, children = shape
    built = []
    for child in children:
        if child[0] == "q":
            built.append(_q_of_shape(child, codes))
        elif child[0] == "=":
            built.append((child[1], next(codes)))
        else:
            built.append((child[1], [next(codes) for _ in range(child[2])]))
    return Q(*built, _connector=connector)


def _wants_whole(indicator, keep: Keep | None, rows) -> bool:
    if keep is None or not keep.or_whole:
        return False
    totals = tuple(code_list.total_code for code_list in indicator.dimension_lists)
    return not any(codes == totals for _period, codes, _value, _flags in rows)


_READ_FIELDS = ("indicator_id", "period", *DIMENSION_FIELDS, "value", "flags")
_READ_ORDER = ("indicator_id", "period_start", "period_end", *DIMENSION_FIELDS)


def _read_queryset(now, specs: dict[int, tuple]):
    """The ORM's form of the read: (indicator id, period, d1..d5, value, flags) of
    each indicator's slice (`_slice_q(pk, *spec)`), public at `now`, in order."""
    public = Observation.objects.filter(released_q("release", now=now))
    where = Q(pk__in=[])
    for pk, spec in specs.items():
        where |= _slice_q(pk, *spec, public)
    return public.filter(where).order_by(*_READ_ORDER).values_list(*_READ_FIELDS)


def _read(now, by_id, specs: dict[int, tuple]) -> dict[int, list]:
    """ONE query: (period, codes, value, flags text) of each indicator's slice, in
    order. Slices of the cards' and pages' shape (`_cells_shape`) run the
    statement compiled once per shape (`_ReadStatement`), others the ORM's."""
    records: dict[int, list] = {pk: [] for pk in specs}
    if not specs:
        return records
    statement = _ReadStatement.for_specs(specs)
    found = _read_queryset(now, specs) if statement is None else statement.rows(now, specs)
    sizes = {pk: len(indicator.dimension_lists) for pk, indicator in by_id.items()}
    for indicator_id, period_code, d1, d2, d3, d4, d5, value, flag_text in found:
        records[indicator_id].append((period_code, (d1, d2, d3, d4, d5)[: sizes[indicator_id]], value, flag_text))
    return records


class _ReadStatement:
    """The read's statement (`core.compiled.CompiledQuery`), one per database and
    shape (how many indicators, which of them have a window, the shape of their
    cells (`_cells_shape`), how many whole periods, whether the latest period is
    read whole): compiling the OR of every card's slice and the embargo's join cost as
    much as running it. Its markers are the instant and one value per slot (an
    indicator, a window's start, a cell's code, a whole period), so it reads
    exactly what `_read_queryset(now, specs)` reads
    (tests/indicators/test_readpath_compiled.py)."""

    _memo: dict[tuple, _ReadStatement] = {}
    LIMIT = 256  # shapes kept per process (a dashboard's filters make a few)
    SENTINEL = dt.datetime(1901, 2, 3, 4, 5, 6, tzinfo=dt.UTC)

    @staticmethod
    def shape(specs) -> tuple | None:
        out = []
        for start, cells, whole_periods, whole_latest in specs.values():
            found = None if cells is None else _cells_shape(cells)
            if cells is not None and found is None:
                return None
            cells_shape = None if found is None else (found[0], len(found[1]))
            out.append((start is None, cells_shape, len(whole_periods), bool(whole_latest)))
        return tuple(out)

    @staticmethod
    def values(specs) -> list:
        """The values of the slots, in the order `_specs` takes them."""
        out = []
        for pk, (start, cells, whole_periods, _whole_latest) in specs.items():
            out.append(pk)
            if start is not None:
                out.append(start)
            if cells is not None:
                out += _cells_shape(cells)[1]
            out += list(whole_periods)
        return out

    @classmethod
    def for_specs(cls, specs) -> _ReadStatement | None:
        shape = cls.shape(specs)
        if shape is None:
            return None
        statement = cls._memo.get(shape)
        if statement is None:
            if len(cls._memo) >= cls.LIMIT:
                cls._memo.clear()
            statement = cls._memo[shape] = cls(shape)
        return statement

    def __init__(self, shape):
        self.shape = shape
        markers, n = {}, 0
        for position, (all_periods, cells_shape, whole_periods, _whole_latest) in enumerate(shape):
            slots = [-424_242_000 - position]  # an indicator: no real pk is negative
            if not all_periods:
                slots.append(-525_252_000 - position)  # a window's start
            codes = 0 if cells_shape is None else cells_shape[1]
            slots += [f"\x00c{n + i}\x00" for i in range(codes)]
            n += codes
            slots += [f"\x00p{n + i}\x00" for i in range(whole_periods)]
            n += whole_periods
            for slot in slots:
                markers[f"s{len(markers)}"] = slot
        self.query = CompiledQuery(Observation, self._build, now=self.SENTINEL, **markers)

    def _specs(self, slots: list) -> dict:
        """The specs whose `values` are these slots."""
        taken = iter(slots)
        specs = {}
        for all_periods, cells_shape, whole_periods, whole_latest in self.shape:
            pk = next(taken)
            start = None if all_periods else next(taken)
            cells = None if cells_shape is None else _q_of_shape(cells_shape[0], taken)
            specs[pk] = (start, cells, tuple(next(taken) for _ in range(whole_periods)), whole_latest)
        return specs

    def _build(self, now, **slots):
        return _read_queryset(now, self._specs([slots[f"s{i}"] for i in range(len(slots))]))

    def rows(self, now, specs) -> list[tuple]:
        try:
            return self.query(now=now, **{f"s{i}": value for i, value in enumerate(self.values(specs))})
        except EmptyResultSet:
            # Every slice matches nothing (cells that are all `pk__in=[]`): the ORM
            # reads no row for such a statement, and so does this.
            return []


def latest_public_start(now) -> Subquery:
    """An Indicator queryset's annotation: the start of its latest public period at
    `now`, read from the end of the index on (indicator, period_start) until the
    first public row (a correlated LIMIT 1; a MAX over a GROUP BY read every row
    of every indicator, released or not). Indicators read with it by
    `with_latest_public_start` spare `get_observations_many(now=now)` its query."""
    public = Observation.objects.filter(released_q("release", now=now))
    return Subquery(public.filter(indicator_id=OuterRef("pk")).order_by("-period_start").values("period_start")[:1])


def with_latest_public_start(indicators, now, limit=None):
    """The indicators (a queryset, read now: its first `limit`) with their latest
    public period start at `now`."""
    indicators = indicators.annotate(latest_public_start=latest_public_start(now))
    indicators = list(indicators[:limit] if limit is not None else indicators)
    for indicator in indicators:
        indicator.latest_public_at = now
    return indicators


class IndicatorsAt:
    """`with_latest_public_start(build(), now, limit)` for a queryset of fixed
    shape (the home page's headline indicators, the dashboard's key ones): its
    SQL, the embargo's correlated subquery included, compiled once per process,
    database and limit (`core.compiled.CompiledQuery`); each call runs it at its
    own instant (tests/indicators/test_readpath_compiled.py compares the two)."""

    SENTINEL = dt.datetime(1901, 2, 3, 4, 5, 6, tzinfo=dt.UTC)

    def __init__(self, build):
        self.build = build
        self._statements: dict[int | None, CompiledQuery] = {}

    def _queryset(self, now, limit):
        indicators = self.build().annotate(latest_public_start=latest_public_start(now))
        return indicators[:limit] if limit is not None else indicators

    def __call__(self, now, limit=None) -> list[Indicator]:
        statement = self._statements.get(limit)
        if statement is None:
            statement = CompiledQuery(Indicator, lambda now: self._queryset(now, limit), now=self.SENTINEL)
            self._statements[limit] = statement
        indicators = statement(now=now)
        for indicator in indicators:
            indicator.latest_public_at = now
        return indicators


def _windows(by_id, last_periods, now) -> dict[int, int | None]:
    """{indicator id: the first period start read}: None (all), or each indicator's
    `last_periods`-th latest public period on (one query for all, none when the
    indicators were read `with_latest_public_start` at this instant; an indicator
    with no public observation is left out)."""
    if last_periods is None:
        return dict.fromkeys(by_id)
    known = [i for i in by_id.values() if getattr(i, "latest_public_at", None) == now]
    if len(known) == len(by_id):
        found = [(indicator.pk, indicator.latest_public_start) for indicator in known]
    else:
        found = Indicator.objects.filter(pk__in=list(by_id)).annotate(last=latest_public_start(now)).order_by()
        found = found.values_list("pk", "last")
    windows = {}
    for indicator_id, last in found:
        if last is None:
            continue  # no public observation
        months = 12 // int(by_id[indicator_id].periodicity or 12)
        windows[indicator_id] = last - (last_periods - 1) * months
    return windows


def latest_period(indicator, now=None) -> Period | None:
    """The latest period with public observations."""
    row = public_observations(indicator, now=now).order_by("-period_start").values_list("period", flat=True).first()
    return Period.parse(row) if row else None
