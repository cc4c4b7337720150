"""indicators.disclosure.apply.suppressed_cells held exactly (written against
the survivors of `make mutation`, see docs/mutation.md): the settings'
protection, the cache keyed by it, the indicator's own code lists, totals
whose count comes from their parts, and indicators without the additive flag."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.cache import cache

from indicators.disclosure import Hierarchy, Protection, suppressed_cells

SEXES = [Hierarchy({"M": None, "F": None}, "T")]


def _records(women=2, count_totals=True):
    """Both sexes = men + women; women from `women` units."""
    total = 30 + women
    return [
        (("T",), total, total if count_totals else None, frozenset()),
        (("M",), 30, 30, frozenset()),
        (("F",), women, women, frozenset()),
    ]


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_without_a_protection_the_settings_give_it(settings):
    settings.INDICATORS_PROTECTION_RATIO = 0.2
    settings.INDICATORS_PROTECTION_UNITS = 3
    hidden = suppressed_cells(SimpleNamespace(pk=911, threshold=3, is_additive=True), _records(), SEXES)
    assert ("F",) in hidden and len(hidden) == 2


def test_a_different_protection_is_not_served_from_the_cache():
    """Two protections of one table: each its own pattern, in either order."""
    ind = SimpleNamespace(pk=912, threshold=3, is_additive=True)
    records = [
        (("T",), 1000, 1000, frozenset()),
        (("M",), 600, 600, frozenset()),
        (("F",), 398, 398, frozenset()),
        (("X",), 2, 2, frozenset()),
    ]
    three = [Hierarchy({"M": None, "F": None, "X": None}, "T")]
    narrow = suppressed_cells(ind, records, three, Protection(0.2, 3, "value"))
    wide = suppressed_cells(ind, records, three, Protection(0.2, 500, "value"))
    assert narrow == {("X",), ("F",)}  # the cheaper part absorbs ±3
    assert wide == {("X",), ("F",), ("M",)}  # ±500: both other parts are needed
    assert suppressed_cells(ind, records, three, Protection(0.2, 3, "value")) == narrow


def test_totals_counted_from_their_parts_are_not_unknown():
    # The parts are counted and safe; the total has no count of its own: nothing is hidden.
    ind = SimpleNamespace(pk=913, threshold=3, is_additive=True)
    assert suppressed_cells(ind, _records(women=5, count_totals=False), SEXES, Protection()) == set()


def test_an_indicator_without_the_additive_flag_is_additive():
    hidden = suppressed_cells(SimpleNamespace(pk=914, threshold=3), _records(), SEXES, Protection())
    assert ("F",) in hidden and len(hidden) == 2


@pytest.mark.django_db
def test_without_hierarchies_the_indicators_code_lists_give_them():
    from tests.builders.indicators import make_code_list, make_indicator

    sex = make_code_list(
        "sex-apply", {"M": ("مرد", "Men"), "F": ("زن", "Women"), "T": ("هر دو", "Both")}, total_code="T"
    )
    ind = make_indicator("apply-sexes", [sex])
    hidden = suppressed_cells(ind, _records(), protection=Protection())
    assert ("F",) in hidden and len(hidden) == 2


def test_a_small_cell_whose_value_the_import_withheld_is_hidden_without_error():
    """A primary cell may arrive without a value (withheld at the source): it still
    enters the relations, as an unknown 0, and the table is protected, not crashed."""
    ind = SimpleNamespace(pk=913, threshold=3, is_additive=True)
    records = [
        (("T",), 1000, 1000, frozenset()),
        (("M",), 600, 600, frozenset()),
        (("F",), 398, 398, frozenset()),
        (("X",), None, 2, frozenset()),
    ]
    hidden = suppressed_cells(ind, records, [Hierarchy({"M": None, "F": None, "X": None}, "T")])
    assert ("X",) in hidden and len(hidden) >= 2


def test_a_total_without_a_count_keeps_its_value_in_the_relations():
    """A total whose count is inferred from its parts (none delivered) is still
    published with its value, and the solver must subtract that value, not 0: the
    pattern is the one of the same table with the total's count delivered."""
    ind = SimpleNamespace(pk=914, threshold=3, is_additive=True)
    parts = [(("M",), 600, 600, frozenset()), (("F",), 398, 398, frozenset()), (("X",), 2, 2, frozenset())]
    sexes = [Hierarchy({"M": None, "F": None, "X": None}, "T")]
    counted = suppressed_cells(ind, [(("T",), 1000, 1000, frozenset()), *parts], sexes)
    cache.clear()
    inferred = suppressed_cells(ind, [(("T",), 1000, None, frozenset()), *parts], sexes)
    assert ("T",) not in inferred and ("X",) in inferred
    assert inferred == counted
