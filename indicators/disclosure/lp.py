"""Secondary suppression as linear programs (HiGHS, through `highspy`): for
each confidential cell and direction, the cheapest change of the table that
moves it by its protection interval; every published cell it touches is hidden."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

import numpy as np

from .rules import Protection

TOLERANCE = 1e-6
DEFAULT = Protection()  # frozen: safe as a default argument


# The optimisation
def protect(
    values: Sequence[float],
    primary: Iterable[int],
    table_relations: Sequence[tuple[int, list[int]]],
    protection: Protection = DEFAULT,
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
