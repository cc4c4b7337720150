"""The rules of disclosure control: which cells are confidential (primary
suppression) and how wide their protection must be."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..enums import Flag

# One symbol and one footnote for every hidden cell, small or complementary:
# telling them apart would tell an attacker which cells are the small ones
# (below the threshold), a range narrower than the protection interval.
SYMBOL = ".."
FOOTNOTE = _(
    "not published, to protect confidentiality: the figure comes from too few units, "
    "or is withheld so that such a figure cannot be worked out from the totals."
)


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


def is_primary(count, flags, threshold: int, unknown_is_small: bool = False) -> bool:
    """Confidential in itself: flagged by the import, counted from fewer units
    than the threshold, or — when the table is subject to the threshold — of
    unknown count (a cell not shown to be safe is not published)."""
    if Flag.SUPPRESSED in flags:
        return True
    if count is None:
        return unknown_is_small and threshold > 0
    return count < threshold


def counts_expected(indicator, counts) -> bool:
    """Is the table subject to the threshold, so that a cell without a unit
    count is of unknown count rather than not countable?

    The identity card decides when it sets the indicator's own threshold (0: an
    administrative aggregate, never suppressed for size; more: microdata-derived,
    a missing count is unknown). Left at the site default, the table itself
    decides: if any cell of it carries a unit count, the table is counted from
    units and a cell without one is unknown; if none does, the figures are
    aggregates (amounts, indices) that no unit count applies to."""
    declared = getattr(indicator, "suppression_threshold", None)
    if declared is not None:
        return declared > 0
    return any(count is not None for count in counts)


def infer_counts(counts, table_relations) -> list:
    """Missing unit counts of totals, from their parts': the units of a total
    are those of its parts (a partition: provinces, sexes, activities), so a
    total's count is the sum of theirs. Imports often count only the details."""
    counts = list(counts)
    changed = True
    while changed:
        changed = False
        for total, parts in table_relations:
            if counts[total] is None and parts and all(counts[p] is not None for p in parts):
                counts[total] = sum(counts[p] for p in parts)
                changed = True
    return counts


def primary_positions(indicator, records, table_relations=None) -> set[int]:
    """Positions in `records` ((codes, value, count, flags) of one period's
    full table) of the cells confidential in themselves. With the table's
    relations, totals without a count get their parts' (infer_counts)."""
    threshold = indicator.threshold
    counts = [count for _c, _v, count, _f in records]
    unknown_is_small = counts_expected(indicator, counts)
    if table_relations:
        counts = infer_counts(counts, table_relations)
    return {
        n
        for n, ((_codes, value, _count, flags), count) in enumerate(zip(records, counts, strict=True))
        # A cell with no value is shown as missing anyway: nothing to protect.
        if is_primary(count, flags, threshold, unknown_is_small and value is not None)
    }
