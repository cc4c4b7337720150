"""Disclosure rules held exactly (written against mutants of indicators.disclosure.rules):
cells without a unit count, totals taking their parts' counts, the threshold's edge."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from indicators.disclosure import (
    FOOTNOTE,
    Hierarchy,
    Protection,
    counts_expected,
    infer_counts,
    is_primary,
    primary_positions,
    suppressed_cells,
)


def indicator(threshold=3, declared=None, additive=True, pk=1):
    return SimpleNamespace(pk=pk, threshold=threshold, suppression_threshold=declared, is_additive=additive)


def test_the_threshold_is_strict():
    assert is_primary(2, frozenset(), 3) is True
    assert is_primary(3, frozenset(), 3) is False
    assert is_primary(99, frozenset({"suppressed"}), 3) is True


def test_an_unknown_count_is_small_only_where_counts_are_expected():
    assert is_primary(None, frozenset(), 3) is False
    assert is_primary(None, frozenset(), 3, unknown_is_small=True) is True
    assert is_primary(None, frozenset(), 0, unknown_is_small=True) is False  # threshold 0: nothing is small


def test_the_identity_card_decides_before_the_table():
    assert counts_expected(indicator(declared=5), [None, None]) is True
    assert counts_expected(indicator(declared=0), [7, 8]) is False
    assert counts_expected(indicator(), [None, 4]) is True
    assert counts_expected(indicator(), [None, None]) is False


def test_totals_take_the_sum_of_their_parts_counts_through_levels():
    # 0 = 1 + 2, 1 = 3 + 4: counts known only at the bottom.
    rels = [(0, [1, 2]), (1, [3, 4])]
    assert infer_counts([None, None, 5, 1, 2], rels) == [8, 3, 5, 1, 2]
    assert infer_counts([None, None, 5, 1, None], rels) == [None, None, 5, 1, None]
    assert infer_counts([9, None, 5, 1, 2], rels)[0] == 9  # a given count is kept


def test_primary_positions():
    records = [
        (("T",), 30, None, frozenset()),  # total: counts 28 + 2 = 30, safe
        (("M",), 28, 28, frozenset()),
        (("F",), 2, 2, frozenset()),  # small
        (("X",), 5, None, frozenset()),  # no count in a counted table: unknown
        (("Y",), None, None, frozenset()),  # no value: shown as missing, nothing to protect
    ]
    rels = [(0, [1, 2])]
    assert primary_positions(indicator(), records, rels) == {2, 3}
    assert primary_positions(indicator(), records) == {0, 2, 3}  # without relations the total is unknown
    assert primary_positions(indicator(threshold=0, declared=0), records, rels) == set()
    assert primary_positions(indicator(threshold=2), records, rels) == {3}


@pytest.mark.django_db
def test_an_aggregate_table_without_counts_is_published_whole():
    records = [(("T",), 10, None, frozenset()), (("M",), 9, None, frozenset()), (("F",), 1, None, frozenset())]
    hierarchies = [Hierarchy({"M": None, "F": None}, "T")]
    assert suppressed_cells(indicator(pk=901), records, hierarchies, Protection()) == set()
    # The same figures declared microdata-derived: unknown counts are hidden, all of them.
    assert suppressed_cells(indicator(declared=3, pk=902), records, hierarchies, Protection()) == {
        ("T",),
        ("M",),
        ("F",),
    }


@pytest.mark.django_db
def test_a_small_part_hides_a_complement_not_only_itself():
    records = [(("T",), 30, 30, frozenset()), (("M",), 28, 28, frozenset()), (("F",), 2, 2, frozenset())]
    hierarchies = [Hierarchy({"M": None, "F": None}, "T")]
    hidden = suppressed_cells(indicator(pk=903), records, hierarchies, Protection())
    assert ("F",) in hidden and len(hidden) == 2  # F and one more: T - M would give F back
    # Rates: nothing adds up, only the small cell goes.
    assert suppressed_cells(indicator(pk=904, additive=False), records, hierarchies, Protection()) == {("F",)}


def test_one_footnote_covers_small_and_complementary_cells():
    from django.utils import translation

    with translation.override("en"):
        text = str(FOOTNOTE)
    assert "too few units" in text and "worked out from the totals" in text


def test_settings_give_the_protection_and_their_absence_the_documented_defaults(settings):
    from indicators.disclosure import Protection

    assert Protection.from_settings() == Protection(0.2, 3.0, "value", False)
    settings.INDICATORS_PROTECTION_RATIO = 0.5
    settings.INDICATORS_PROTECTION_UNITS = 7
    settings.INDICATORS_SUPPRESSION_COST = "count"
    settings.INDICATORS_PROTECT_COMPLEMENTARY = True
    assert Protection.from_settings() == Protection(0.5, 7.0, "count", True)
    assert Protection(0.5, 7.0).interval(100) == 50 and Protection(0.5, 7.0).interval(-4) == 7
