"""Disclosure rules at their edges (written against the survivors of
`make mutation` in indicators.disclosure.rules, see docs/mutation.md)."""

from __future__ import annotations

from types import SimpleNamespace

from indicators.disclosure import counts_expected, is_primary


def test_an_unknown_count_is_small_under_any_threshold_above_zero():
    # A threshold of 1 still makes a cell of unknown count unsafe; 0 switches the rule off.
    assert is_primary(None, frozenset(), 1, unknown_is_small=True) is True
    assert is_primary(None, frozenset(), 0, unknown_is_small=True) is False
    assert is_primary(None, frozenset(), 1, unknown_is_small=False) is False


def test_an_identity_card_threshold_of_one_expects_counts():
    assert counts_expected(SimpleNamespace(suppression_threshold=1), [None, None]) is True
    assert counts_expected(SimpleNamespace(suppression_threshold=0), [5, 7]) is False


def test_an_indicator_without_its_own_threshold_lets_the_table_decide():
    # Objects without the field (the demo's specs, older cards) are read as «site default».
    assert counts_expected(SimpleNamespace(), [None, 4]) is True
    assert counts_expected(SimpleNamespace(), [None, None]) is False
