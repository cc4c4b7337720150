"""The rules of disclosure control: which cells are confidential (primary
suppression) and how wide their protection must be."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from ..enums import Flag


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


def is_primary(count, flags, threshold: int) -> bool:
    return Flag.SUPPRESSED in flags or (count is not None and count < threshold)
