"""Disclosure control of published cells: primary and secondary suppression.

Primary: a cell counted from fewer units than the indicator's threshold (or
flagged «suppressed» by the import) is not published.

Secondary (complementary): a published total minus its published parts would
give a hidden cell back, so more cells of the same additive relations (rows,
columns, hierarchy levels, totals) are hidden until no hidden cell can be
pinned down closer than its protection interval — ±20 % of its value or ±3
units, whichever is wider (settings; the complementary cells too when
INDICATORS_PROTECT_COMPLEMENTARY is on) — by anyone who solves the linear
program of everything published. The complementary cells are chosen by a
linear program (HiGHS, through `highspy`), one per primary cell and direction
still unprotected: find the cheapest change of the table that moves the
primary cell by its protection and keeps every relation (and every cell ≥ 0);
every published cell that change touches is suppressed. This is the
incremental heuristic of Fischetti and Salazar, also behind τ-Argus' optimal
method, with costs per unit of change equal to the cells' values (default) or
1 (the number of cells).

The pattern is always computed on the FULL public table of one indicator and
one period (every dimension, totals included), then sliced, so the page, the
downloads, the API, publications and the table builder, whatever they filter,
show the same cells hidden. docs/confidentiality.md says how far that goes.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from django.conf import settings

from .enums import Flag

TOLERANCE = 1e-6
BOX_ABOVE = 2000  # cells: bigger tables are protected box by box (see _Boxes)


@dataclass(frozen=True)
class Protection:
    ratio: float = 0.2  # the interval's half-width as a share of the cell's value …
    units: float = 3.0  # … or this many units, whichever is wider
    cost: str = "value"  # "value": lose as little of the total as possible; "count": as few cells as possible
    # Protect the complementary cells' values too (not only the small cells')?
    # τ-Argus practice is no: they are not confidential, and protecting them
    # cascades through small tables.
    complementary: bool = False

    @classmethod
    def from_settings(cls) -> Protection:
        return cls(
            ratio=float(getattr(settings, "INDICATORS_PROTECTION_RATIO", 0.2)),
            units=float(getattr(settings, "INDICATORS_PROTECTION_UNITS", 3)),
            cost=str(getattr(settings, "INDICATORS_SUPPRESSION_COST", "value")),
            complementary=bool(getattr(settings, "INDICATORS_PROTECT_COMPLEMENTARY", False)),
        )

    def interval(self, value: float) -> float:
        return max(self.ratio * abs(value), self.units)


# --------------------------------------------------------------------------
# Relations of a table
@dataclass(frozen=True)
class Hierarchy:
    """One dimension's additive structure: parent of each code (None at the top) and its total code."""

    parents: dict[str, str | None]
    total: str = ""

    def parent(self, code: str) -> str | None:
        parent = self.parents.get(code)
        if parent is None and self.total and code != self.total:
            return self.total
        return parent


def relations(keys: Sequence[tuple[str, ...]], hierarchies: Sequence[Hierarchy]) -> list[tuple[int, list[int]]]:
    """(total cell, its part cells) for every additive relation among these cells.

    Along each dimension, with the other dimensions fixed, a present code is a
    part of its nearest present ancestor (a division of its section, or of the
    total when the section is not in the table)."""
    out: list[tuple[int, list[int]]] = []
    for d, hierarchy in enumerate(hierarchies):
        if not hierarchy.total and not any(hierarchy.parents.values()):
            continue  # no total and no hierarchy: nothing adds up along this dimension
        groups: dict[tuple, dict[str, int]] = {}
        for index, key in enumerate(keys):
            groups.setdefault(key[:d] + key[d + 1 :], {})[key[d]] = index
        for members in groups.values():
            children: dict[str, list[int]] = {}
            for code, index in members.items():
                parent = hierarchy.parent(code)
                seen = 0
                while parent is not None and parent not in members and seen < 50:
                    parent, seen = hierarchy.parent(parent), seen + 1
                if parent is not None and parent in members:
                    children.setdefault(parent, []).append(index)
            for parent, parts in children.items():
                out.append((members[parent], sorted(parts)))
    out.sort()
    return out


# --------------------------------------------------------------------------
# The optimisation
def protect(
    values: Sequence[float],
    primary: Iterable[int],
    table_relations: Sequence[tuple[int, list[int]]],
    protection: Protection = Protection(),
    nonnegative: bool | None = None,
    keys: Sequence[tuple] | None = None,
) -> set[int]:
    """All the cells to suppress (the primary ones and their complements).

    With `keys` (each cell's codes, one per dimension) each linear program is
    first solved on a small box around the cell (its lines' cheapest codes and
    their totals), which is exact for what it finds and fast on big tables;
    only when the box cannot move the cell far enough is the whole table used."""
    suppressed = set(primary)
    if not suppressed or not table_relations:
        return suppressed
    v = np.asarray(values, dtype=float)
    if nonnegative is None:
        nonnegative = bool((v >= 0).all())
    cost = np.ones(len(v)) if protection.cost == "count" else np.maximum(np.abs(v), 1.0)
    local = _Boxes(keys, table_relations, v, cost, nonnegative) if keys is not None else None
    whole = None
    certified_up = np.zeros(len(v))
    certified_down = np.zeros(len(v))
    # Largest first: their changes tend to protect the small ones on the way.
    # With `protection.complementary`, cells hidden on the way join the queue.
    queue = sorted(suppressed, key=lambda i: (-abs(v[i]), i))
    while queue:
        cell = queue.pop(0)
        needs = protection.interval(v[cell])
        up, down = needs, min(needs, v[cell]) if nonnegative else needs
        for direction, amount, certified in ((1, up, certified_up), (-1, down, certified_down)):
            if amount <= TOLERANCE or certified[cell] >= amount - TOLERANCE:
                continue
            change = local.cheapest_change(cell, direction * amount, suppressed) if local else None
            if change is None:
                if whole is None:
                    whole = _ProtectionLP(v, table_relations, cost, nonnegative)
                    for j in sorted(suppressed):
                        whole.hide(j)
                change = whole.cheapest_change(cell, direction * amount)
            if change is None:
                continue  # cannot move that far even with everything hidden (zeros around it)
            cells, moves = change
            for j in cells[np.abs(moves) > TOLERANCE].tolist():
                if j not in suppressed:
                    suppressed.add(j)
                    if protection.complementary:
                        queue.append(j)
                    if whole is not None:
                        whole.hide(j)
            _certify(cells, moves, v, nonnegative, certified_up, certified_down)
    return suppressed


def _certify(cells, moves, v, nonnegative, certified_up, certified_down):
    """The table plus t·change is feasible for t in [-back, 1]: every cell the
    change moves gets that much protection for free, in both directions."""
    back = np.inf
    if nonnegative:
        rising = moves > TOLERANCE
        if rising.any():
            back = float(np.min(v[cells[rising]] / moves[rising]))
    back = min(back, 1e12)
    up = np.where(moves > 0, moves, -moves * back)
    down = np.where(moves < 0, -moves, moves * back)
    certified_up[cells] = np.maximum(certified_up[cells], up)
    certified_down[cells] = np.maximum(certified_down[cells], down)


def _solve(columns, rows, amount_at, amount, v, cost, hidden, nonnegative):
    """min Σ cost·|y| over the cells `columns` subject to every relation in
    `rows` (lists of (position, coefficient)), y[amount_at] = amount, and
    x + y ≥ 0 when non-negative; y = y⁺ − y⁻. Hidden cells cost nothing."""
    import highspy

    n = len(columns)
    inf = highspy.kHighsInf
    col_cost = np.array([0.0 if c in hidden else cost[c] for c in columns])
    upper_minus = v[columns] if nonnegative else np.full(n, inf)
    lower = np.zeros(2 * n)
    upper = np.concatenate([np.full(n, inf), upper_minus])
    if amount > 0:
        lower[amount_at] = upper[amount_at] = amount
        upper[n + amount_at] = 0.0
    else:
        upper[amount_at] = 0.0
        lower[n + amount_at] = upper[n + amount_at] = -amount
    per_col: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for r, terms in enumerate(rows):
        for position, coef in terms:
            per_col[position].append((r, coef))
    start, index, value = [0], [], []
    for sign in (1.0, -1.0):
        for entries in per_col:
            for r, coef in entries:
                index.append(r)
                value.append(sign * coef)
            start.append(len(index))
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = 2 * n, len(rows)
    lp.col_cost_ = np.concatenate([col_cost, col_cost])
    lp.col_lower_, lp.col_upper_ = lower, upper
    lp.row_lower_ = lp.row_upper_ = np.zeros(len(rows))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.asarray(start, dtype=np.int32)
    lp.a_matrix_.index_ = np.asarray(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.asarray(value, dtype=float)
    h = highspy.Highs()
    # Quiet, single-threaded and seeded: the same table always gives the same pattern.
    for option, setting in (("output_flag", False), ("threads", 1), ("random_seed", 0)):
        h.setOptionValue(option, setting)
    h.passModel(lp)
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    col = np.asarray(h.getSolution().col_value)
    return col[:n] - col[n:]


class _Boxes:
    """The protection LP restricted to a box around a cell: in each dimension,
    the cell's own code, the codes that are totals along that dimension, and
    the `width` cheapest other codes of the cell's line (hidden ones first,
    then those big enough to absorb the change).
    A change found there is a change of the whole table (cells outside the
    box stay put and every relation touching the box is kept)."""

    WIDTHS = (6, 24)

    def __init__(self, keys, table_relations, v, cost, nonnegative):
        self.keys, self.v, self.cost, self.nonnegative = list(keys), v, cost, nonnegative
        self.at = {key: n for n, key in enumerate(self.keys)}
        dims = len(self.keys[0]) if self.keys else 0
        self.totals = [set() for _ in range(dims)]
        self.touching: dict[int, list[int]] = {}
        for r, (total, parts) in enumerate(table_relations):
            if parts:
                d = next(d for d in range(dims) if self.keys[total][d] != self.keys[parts[0]][d])
                self.totals[d].add(self.keys[total][d])
            for cell in (total, *parts):
                self.touching.setdefault(cell, []).append(r)
        self.relations = table_relations
        self.lines = []
        for d in range(dims):
            groups: dict[tuple, list[str]] = {}
            for key in self.keys:
                groups.setdefault(key[:d] + key[d + 1 :], []).append(key[d])
            self.lines.append(groups)

    def cheapest_change(self, cell, amount, hidden):
        key = self.keys[cell]
        for width in self.WIDTHS:
            columns = self._box(key, width, hidden, abs(amount))
            position = {c: n for n, c in enumerate(columns)}
            rows = []
            for r in sorted({r for c in columns for r in self.touching.get(c, ())}):
                total, parts = self.relations[r]
                terms = [
                    (position[c], coef) for c, coef in ((total, 1.0), *((p, -1.0) for p in parts)) if c in position
                ]
                rows.append(terms)
            columns_array = np.asarray(columns)
            moves = _solve(columns_array, rows, position[cell], amount, self.v, self.cost, hidden, self.nonnegative)
            if moves is not None:
                return columns_array, moves
        return None

    def _box(self, key, width, hidden, amount):
        axes = []
        for d, groups in enumerate(self.lines):
            line = groups[key[:d] + key[d + 1 :]]
            others = [c for c in line if c != key[d] and c not in self.totals[d]]

            def rank(code, d=d):
                cell = self.at[key[:d] + (code,) + key[d + 1 :]]
                # Hidden cells first (free), then cells big enough to absorb the change, cheapest first.
                return (cell not in hidden, bool(self.nonnegative and self.v[cell] < amount), self.cost[cell], code)

            chosen = {key[d]} | (self.totals[d] & set(line)) | set(sorted(others, key=rank)[:width])
            axes.append(sorted(chosen))
        return sorted(self.at[k] for k in itertools.product(*axes) if k in self.at)


class _ProtectionLP:
    """The protection LP over the whole table: one HiGHS model, re-solved warm
    for each cell (the fallback when a box is too small)."""

    def __init__(self, v, table_relations, cost, nonnegative):
        import highspy

        n = len(v)
        self.n = n
        cols: list[list[tuple[int, float]]] = [[] for _ in range(n)]
        for row, (total, parts) in enumerate(table_relations):
            cols[total].append((row, 1.0))
            for part in parts:
                cols[part].append((row, -1.0))
        start, index, value = [0], [], []
        for sign in (1.0, -1.0):
            for entries in cols:
                for row, coef in entries:
                    index.append(row)
                    value.append(sign * coef)
                start.append(len(index))
        inf = highspy.kHighsInf
        self.upper_minus = v.copy() if nonnegative else np.full(n, inf)
        lp = highspy.HighsLp()
        lp.num_col_ = 2 * n
        lp.num_row_ = len(table_relations)
        lp.col_cost_ = np.concatenate([cost, cost])
        lp.col_lower_ = np.zeros(2 * n)
        lp.col_upper_ = np.concatenate([np.full(n, inf), self.upper_minus])
        lp.row_lower_ = np.zeros(len(table_relations))
        lp.row_upper_ = np.zeros(len(table_relations))
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.asarray(start, dtype=np.int32)
        lp.a_matrix_.index_ = np.asarray(index, dtype=np.int32)
        lp.a_matrix_.value_ = np.asarray(value, dtype=float)
        h = highspy.Highs()
        for option, setting in (("output_flag", False), ("threads", 1), ("random_seed", 0), ("presolve", "off")):
            h.setOptionValue(option, setting)
        h.passModel(lp)
        self.h = h
        self.highspy = highspy

    def hide(self, cell: int):
        self.h.changeColsCost(2, np.array([cell, cell + self.n], dtype=np.int32), np.zeros(2))

    def cheapest_change(self, cell: int, amount: float):
        h, n, inf = self.h, self.n, self.highspy.kHighsInf
        if amount > 0:
            h.changeColBounds(cell, amount, amount)
            h.changeColBounds(cell + n, 0.0, 0.0)
        else:
            h.changeColBounds(cell, 0.0, 0.0)
            h.changeColBounds(cell + n, -amount, -amount)
        h.run()
        change = None
        if h.getModelStatus() == self.highspy.HighsModelStatus.kOptimal:
            col = np.asarray(h.getSolution().col_value)
            change = (np.arange(n), col[:n] - col[n:])
        h.changeColBounds(cell, 0.0, inf)
        h.changeColBounds(cell + n, 0.0, float(self.upper_minus[cell]))
        return change


# --------------------------------------------------------------------------
# Indicators: the full table of one indicator and one period
def hierarchies_for(indicator) -> list[Hierarchy]:
    from .models import Code

    lists = indicator.dimension_lists
    parents: dict[int, dict[str, str | None]] = {cl.pk: {} for cl in lists}
    for list_id, code, parent in Code.objects.filter(code_list__in=[cl.pk for cl in lists]).values_list(
        "code_list_id", "code", "parent__code"
    ):
        parents[list_id][code] = parent
    return [Hierarchy(parents[cl.pk], cl.total_code or "") for cl in lists]


def is_primary(count, flags, threshold: int) -> bool:
    return Flag.SUPPRESSED in flags or (count is not None and count < threshold)


def suppressed_cells(indicator, records, hierarchies=None, protection: Protection | None = None) -> set[tuple]:
    """The dimension-code tuples to hide in ONE period's full public table.

    `records`: (codes tuple, value, count, flags frozenset) for every public
    observation of the indicator in that period."""
    protection = protection or Protection.from_settings()
    threshold = indicator.threshold
    cells = [(tuple(codes), value, count, flags) for codes, value, count, flags in records]
    primary = {i for i, (_c, _v, count, flags) in enumerate(cells) if is_primary(count, flags, threshold)}
    if not primary:
        return set()
    keys = [codes for codes, *_rest in cells]
    if not getattr(indicator, "is_additive", True):
        return {keys[i] for i in primary}  # rates and averages: parts do not add up, nothing to subtract
    known = [i for i, (_c, value, *_r) in enumerate(cells) if value is not None or i in primary]
    cache_key = _cache_key(indicator, cells, protection)
    hit = _cache_get(cache_key)
    if hit is not None:
        return hit
    hierarchies = hierarchies if hierarchies is not None else hierarchies_for(indicator)
    known_keys = [keys[i] for i in known]
    values = [float(cells[i][1]) if cells[i][1] is not None else 0.0 for i in known]
    position = {i: n for n, i in enumerate(known)}
    hidden = protect(
        values,
        [position[i] for i in primary],
        relations(known_keys, hierarchies),
        protection,
        # Small tables: one LP over the whole table (fewest cells lost); big ones: boxes (fast).
        keys=known_keys if len(known_keys) > BOX_ABOVE else None,
    )
    result = {known_keys[n] for n in hidden}
    _cache_set(cache_key, result)
    return result


def _cache_key(indicator, cells, protection) -> str:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(repr((indicator.pk, indicator.threshold, protection)).encode())
    for codes, value, count, flags in sorted(cells, key=lambda c: c[0]):
        digest.update(repr((codes, str(value), count, sorted(flags))).encode())
    return "disclosure:" + digest.hexdigest()


def _cache_get(key):
    from django.core.cache import cache

    try:
        found = cache.get(key)
    except Exception:  # a cache that is down costs time, never correctness
        return None
    return None if found is None else {tuple(k) for k in found}


def _cache_set(key, result):
    from django.core.cache import cache

    with contextlib.suppress(Exception):  # a cache that is down costs time, never correctness
        cache.set(key, sorted(result), 24 * 3600)


def suppressed_by_period(indicator, periods: Iterable[str], now=None) -> dict[str, set[tuple]]:
    """{period code: hidden code tuples}, each period's pattern computed on its
    full public table, whatever slice the caller will show."""
    from releases.embargo import released_q

    from .models import DIMENSION_FIELDS, Observation

    periods = sorted(set(periods))
    if not periods:
        return {}
    dims = DIMENSION_FIELDS[: len(indicator.dimension_codes)]
    records: dict[str, list] = {p: [] for p in periods}
    qs = (
        Observation.objects.filter(indicator=indicator, period__in=periods)
        .filter(released_q("release", now=now))
        .order_by("period", *dims)
        .values_list("period", *dims, "value", "count", "flags")
    )
    for period, *codes, value, count, flag_text in qs:
        records[period].append((tuple(codes), value, count, _flags(flag_text)))
    return table_patterns(indicator, records)


def table_patterns(indicator, records_by_period: dict[str, list]) -> dict[str, set[tuple]]:
    """{period: hidden code tuples} from rows already read (see suppressed_cells)."""
    threshold = indicator.threshold
    hierarchies = None
    out = {}
    for period, records in records_by_period.items():
        if not any(is_primary(count, flags, threshold) for _c, _v, count, flags in records):
            out[period] = set()
            continue
        if hierarchies is None:
            hierarchies = hierarchies_for(indicator)
        out[period] = suppressed_cells(indicator, records, hierarchies)
    return out


def _flags(text) -> frozenset[str]:
    return frozenset(f for f in (text or "").split(",") if f)
