"""The box LP (indicators.disclosure.lp._solve), held exactly: written against
its mutants. Tables over 2,000 cells are protected box by box; a wrong box
answer used to be hidden by the fallback to the whole-table LP (a box that
finds nothing falls back), so these tests check the box LP's own answers and
that big tables are protected without the fallback."""

from __future__ import annotations

import random

import numpy as np
import pytest

from indicators.disclosure import Protection, protect, relations
from indicators.disclosure import lp as lp_module
from indicators.disclosure.lp import _ProtectionLP, _solve
from tests.disclosure_attack import exposed
from tests.indicators.test_disclosure_attack import THRESHOLD, province_sex_relations, province_sex_table

# total (position 0 of the columns) = part + part (positions 1 and 2)
ROW = [[(0, 1.0), (1, -1.0), (2, -1.0)]]


def solve(amount, values=(10.0, 4.0, 6.0), hidden=(), nonnegative=True, columns=(0, 1, 2), cost=None):
    v = np.asarray(values, dtype=float)
    cost = v.copy() if cost is None else np.asarray(cost, dtype=float)
    return _solve(np.asarray(columns), ROW, 1, amount, v, cost, set(hidden), nonnegative)


def test_the_cheapest_change_moves_the_cheaper_part_up_and_down():
    # Moving the part 4 by ±3: the other part (cost 6 a unit) absorbs it, not the total (10).
    assert solve(3.0).tolist() == pytest.approx([0.0, 3.0, -3.0])
    assert solve(-3.0).tolist() == pytest.approx([0.0, -3.0, 3.0])


def test_hidden_cells_cost_nothing():
    assert solve(3.0, hidden={0}).tolist() == pytest.approx([3.0, 3.0, 0.0])
    assert solve(-3.0, hidden={0}).tolist() == pytest.approx([-3.0, -3.0, 0.0])
    # Nothing at all: cheaper than a part that costs half a unit per unit of change.
    assert solve(3.0, hidden={0}, cost=[10.0, 4.0, 0.5]).tolist() == pytest.approx([3.0, 3.0, 0.0])


def test_the_moved_cell_moves_by_exactly_the_amount_even_when_hidden():
    """The cell to protect is itself hidden (free): only its bounds make it move.
    Here it is the third of four columns (a fourth cell outside the relation)."""
    v = np.asarray([10.0, 4.0, 6.0, 1.0])
    for amount, expected in ((-3.0, [0.0, 3.0, -3.0, 0.0]), (3.0, [0.0, -3.0, 3.0, 0.0])):
        moves = _solve(np.arange(4), ROW, 2, amount, v, v.copy(), {2}, True)
        assert moves.tolist() == pytest.approx(expected)


def test_counts_cannot_go_below_zero_unless_the_table_may_be_negative():
    # (The moved cell's own move is as asked: protect() never asks a count below zero.)
    # The other part 6 can give at most 6 of the 7: the total takes the rest.
    assert solve(7.0).tolist() == pytest.approx([1.0, 7.0, -6.0])
    assert solve(7.0, nonnegative=False).tolist() == pytest.approx([0.0, 7.0, -7.0])


def test_the_columns_are_cells_of_the_whole_table():
    # The box's cells are 5, 2 and 7 of an eight-cell table: values and costs are read there.
    values = [0, 0, 4.0, 0, 0, 10.0, 0, 6.0]
    assert solve(3.0, values=values, columns=(5, 2, 7)).tolist() == pytest.approx([0.0, 3.0, -3.0])
    assert solve(7.0, values=values, columns=(5, 2, 7)).tolist() == pytest.approx([1.0, 7.0, -6.0])
    cost = [1, 1, 1, 1, 1, 1, 1, 50.0]  # cell 7 dear: the total moves instead
    got = solve(3.0, values=values, columns=(5, 2, 7), cost=cost)
    assert got.tolist() == pytest.approx([3.0, 3.0, 0.0])


def _grid():
    """3 × 3 with row and column totals (the last code of each): 16 cells, 8 relations."""
    rng = random.Random(5)
    inner = [[rng.randint(3, 40) for _ in range(3)] for _ in range(3)]
    cells = {}
    for r in range(3):
        for c in range(3):
            cells[(r, c)] = inner[r][c]
        cells[(r, 3)] = sum(inner[r])
    for c in range(4):
        cells[(3, c)] = sum(cells[(r, c)] for r in range(3))
    keys = sorted(cells)
    at = {k: n for n, k in enumerate(keys)}
    rels = [(at[(r, 3)], [at[(r, c)] for c in range(3)]) for r in range(4)]
    rels += [(at[(3, c)], [at[(r, c)] for r in range(3)]) for c in range(4)]
    return np.asarray([float(cells[k]) for k in keys]), rels


@pytest.mark.parametrize("cell", [0, 5, 10])
@pytest.mark.parametrize("amount", [3.0, -2.0])
@pytest.mark.parametrize("hidden", [set(), {1, 4}])
def test_on_a_whole_table_it_finds_the_whole_table_lps_optimum(cell, amount, hidden):
    """With every cell in the box, the box LP is the whole-table LP: same cost,
    and a change that keeps every relation."""
    v, rels = _grid()
    cost = v.copy()
    rows = [[(total, 1.0), *((p, -1.0) for p in parts)] for total, parts in rels]
    moves = _solve(np.arange(len(v)), rows, cell, amount, v, cost, hidden, True)
    whole = _ProtectionLP(v, rels, cost, True)
    for j in hidden:
        whole.hide(j)
    _cells, expected = whole.cheapest_change(cell, amount)
    priced = np.array([0.0 if j in hidden else cost[j] for j in range(len(v))])
    assert moves[cell] == pytest.approx(amount)
    assert float(priced @ np.abs(moves)) == pytest.approx(float(priced @ np.abs(expected)))
    for total, parts in rels:
        assert moves[total] == pytest.approx(sum(moves[p] for p in parts), abs=1e-7)
    assert (v + moves >= -1e-7).all()


@pytest.mark.parametrize("seed", range(3))
def test_big_tables_are_protected_by_the_boxes_alone(seed, monkeypatch):
    """The province × sex tables of the attack test, solved box by box: no
    fallback to the whole table is needed, and the attack still finds every
    small cell's range at least its protection interval."""

    def no_fallback(*args, **kwargs):
        raise AssertionError("the box LP found no change: fell back to the whole table")

    monkeypatch.setattr(lp_module, "_ProtectionLP", no_fallback)
    rng = random.Random(200 + seed)
    cells, hierarchies = province_sex_table(rng)
    keys = sorted(cells)
    values = [cells[k] for k in keys]
    primary = [n for n, key in enumerate(keys) if cells[key] < THRESHOLD]
    assert primary
    hidden = protect(values, primary, relations(keys, hierarchies), Protection(), keys=keys)
    assert set(primary) < hidden
    assert exposed(values, hidden, province_sex_relations(keys), sensitive=set(primary)) == []
    assert len(hidden) < 0.4 * len(keys)
