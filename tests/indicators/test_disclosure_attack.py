"""Secondary suppression, attacked: random additive tables with small cells are
protected by indicators.disclosure, then an independent linear program
(tests/disclosure_attack.py) computes every hidden cell's feasible range from
all published cells and relations. No range may be narrower than the
protection interval (±20 % or ±3 units, whichever is wider). The same attack
on primary suppression alone (the behaviour before secondary suppression)
recovers cells exactly."""

from __future__ import annotations

import itertools
import random

import pytest

from indicators.disclosure import Hierarchy, Protection, protect, relations
from tests.disclosure_attack import exposed, feasible_ranges

THRESHOLD = 3
PROVINCES = [f"{n:02d}" for n in range(1, 32)]
SECTIONS = {"A": ["01", "02", "03"], "B": ["05", "06"], "C": ["10", "11", "12", "13"]}


def province_sex_table(rng):
    """31 provinces × (men, women) with every total: {(province, sex): (value, count)}."""
    cells = {}
    for province in PROVINCES:
        for sex in ("M", "F"):
            small = rng.random() < 0.12
            value = rng.randint(0, THRESHOLD - 1) if small else rng.randint(3, 400)
            cells[(province, sex)] = value
    for province in PROVINCES:
        cells[(province, "T")] = cells[(province, "M")] + cells[(province, "F")]
    for sex in ("M", "F", "T"):
        cells[("IR", sex)] = sum(cells[(p, sex)] for p in PROVINCES)
    hierarchies = [Hierarchy(dict.fromkeys(PROVINCES), "IR"), Hierarchy({"M": None, "F": None}, "T")]
    return cells, hierarchies


def province_sex_relations(keys):
    """Written out by hand (not by indicators.disclosure): rows and columns add up."""
    at = {key: n for n, key in enumerate(keys)}
    rows = [(at[(p, "T")], [at[(p, "M")], at[(p, "F")]]) for p in [*PROVINCES, "IR"]]
    columns = [(at[("IR", s)], [at[(p, s)] for p in PROVINCES]) for s in ("M", "F", "T")]
    return rows + columns


def isic_table(rng):
    """ISIC divisions within sections within the total, × six provinces and their total."""
    provinces = PROVINCES[:6]
    divisions = [d for ds in SECTIONS.values() for d in ds]
    cells = {}
    for division, province in itertools.product(divisions, provinces):
        small = rng.random() < 0.15
        cells[(division, province)] = rng.randint(1, THRESHOLD - 1) if small else rng.randint(3, 250)
    for province in provinces:
        for section, ds in SECTIONS.items():
            cells[(section, province)] = sum(cells[(d, province)] for d in ds)
        cells[("TOT", province)] = sum(cells[(s, province)] for s in SECTIONS)
    for code in [*divisions, *SECTIONS, "TOT"]:
        cells[(code, "IR")] = sum(cells[(code, p)] for p in provinces)
    parents = dict.fromkeys(SECTIONS) | {d: s for s, ds in SECTIONS.items() for d in ds}
    hierarchies = [Hierarchy(parents, "TOT"), Hierarchy(dict.fromkeys(provinces), "IR")]
    return cells, hierarchies


def isic_relations(keys):
    at = {key: n for n, key in enumerate(keys)}
    provinces = [*PROVINCES[:6], "IR"]
    out = []
    for province in provinces:
        for section, ds in SECTIONS.items():
            out.append((at[(section, province)], [at[(d, province)] for d in ds]))
        out.append((at[("TOT", province)], [at[(s, province)] for s in SECTIONS]))
    for code in [d for ds in SECTIONS.values() for d in ds] + [*SECTIONS, "TOT"]:
        out.append((at[(code, "IR")], [at[(code, p)] for p in PROVINCES[:6]]))
    return out


def _primary(cells, keys):
    # In these tables the value is the count of units (persons, workshops).
    return [n for n, key in enumerate(keys) if cells[key] < THRESHOLD]


def _normal(rels):
    return sorted((total, sorted(parts)) for total, parts in rels)


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("kind", ["province_sex", "isic"])
def test_no_hidden_cell_can_be_narrowed_below_its_protection_interval(kind, seed):
    rng = random.Random(seed)
    cells, hierarchies = province_sex_table(rng) if kind == "province_sex" else isic_table(rng)
    keys = sorted(cells)
    values = [cells[k] for k in keys]
    by_hand = province_sex_relations(keys) if kind == "province_sex" else isic_relations(keys)
    # The module finds the same relations as the hand-written ones.
    assert _normal(relations(keys, hierarchies)) == _normal(by_hand)
    primary = _primary(cells, keys)
    assert primary, "the random table has small cells"
    hidden = protect(values, primary, relations(keys, hierarchies), Protection(0.2, 3, "value"))
    assert set(primary) <= hidden
    assert exposed(values, hidden, by_hand, sensitive=set(primary)) == []
    # And not everything was hidden to get there.
    assert len(hidden) < 0.4 * len(keys)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("kind", ["province_sex", "isic"])
def test_with_the_setting_complementary_cells_are_protected_too(kind, seed):
    rng = random.Random(seed)
    cells, hierarchies = province_sex_table(rng) if kind == "province_sex" else isic_table(rng)
    keys = sorted(cells)
    values = [cells[k] for k in keys]
    by_hand = province_sex_relations(keys) if kind == "province_sex" else isic_relations(keys)
    protection = Protection(0.2, 3, "value", complementary=True)
    hidden = protect(values, _primary(cells, keys), relations(keys, hierarchies), protection)
    assert exposed(values, hidden, by_hand) == []  # every hidden cell, not only the small ones
    assert len(hidden) < 0.6 * len(keys)


@pytest.mark.parametrize("seed", range(4))
def test_big_tables_protected_box_by_box_stand_the_attack(seed):
    rng = random.Random(200 + seed)
    cells, hierarchies = province_sex_table(rng)
    keys = sorted(cells)
    values = [cells[k] for k in keys]
    primary = _primary(cells, keys)
    hidden = protect(values, primary, relations(keys, hierarchies), Protection(), keys=keys)
    assert exposed(values, hidden, province_sex_relations(keys), sensitive=set(primary)) == []


@pytest.mark.parametrize("seed", range(4))
def test_counting_cells_as_the_cost_protects_too(seed):
    rng = random.Random(100 + seed)
    cells, hierarchies = isic_table(rng)
    keys = sorted(cells)
    values = [cells[k] for k in keys]
    primary = _primary(cells, keys)
    hidden = protect(values, primary, relations(keys, hierarchies), Protection(0.2, 3, "count"))
    assert exposed(values, hidden, isic_relations(keys), sensitive=set(primary)) == []


def test_primary_suppression_alone_gives_cells_back_exactly():
    """Today's main (before this work) hid only the small cells: the attack
    recovers them to the unit — a total minus its published parts."""
    from indicators.query import is_suppressed

    rng = random.Random(7)
    cells, _hierarchies = province_sex_table(rng)
    keys = sorted(cells)
    values = [cells[k] for k in keys]
    hidden = {n for n, k in enumerate(keys) if is_suppressed(values[n], values[n], frozenset(), THRESHOLD)}
    ranges = feasible_ranges(values, hidden, province_sex_relations(keys))
    exact = [n for n, (low, high) in ranges.items() if abs(high - low) < 1e-6]
    assert exact and all(ranges[n][0] == pytest.approx(values[n]) for n in exact)
    assert exposed(values, hidden, province_sex_relations(keys))


def test_a_wider_protection_setting_hides_more():
    rng = random.Random(2)
    cells, hierarchies = province_sex_table(rng)
    keys = sorted(cells)
    values = [cells[k] for k in keys]
    rels = relations(keys, hierarchies)
    primary = set(_primary(cells, keys))
    narrow = protect(values, primary, rels, Protection(0.2, 3))
    wide = protect(values, primary, rels, Protection(0.5, 50))
    assert len(wide) > len(narrow)
    assert exposed(values, wide, province_sex_relations(keys), ratio=0.5, units=50, sensitive=primary) == []
    # The narrow pattern does not stand the wide attack: the setting matters.
    assert exposed(values, narrow, province_sex_relations(keys), ratio=0.5, units=50, sensitive=primary)


def test_the_same_table_always_gives_the_same_pattern():
    rng = random.Random(11)
    cells, hierarchies = isic_table(rng)
    keys = sorted(cells)
    values = [cells[k] for k in keys]
    patterns = {
        frozenset(protect(values, _primary(cells, keys), relations(keys, hierarchies), Protection())) for _ in range(3)
    }
    assert len(patterns) == 1


def test_a_table_without_small_cells_or_relations_hides_nothing_more():
    assert protect([5, 7, 12], [], [(2, [0, 1])]) == set()
    assert protect([1, 7, 12], [0], []) == {0}
