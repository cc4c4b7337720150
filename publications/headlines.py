"""Headline figures: the latest value of a series and its change."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from indicators.cells import percent_change
from iran.periods import Period

from .specs import SpecError, effective_filters, with_totals
from .tables import row_matches


@dataclass
class Headline:
    figure_id: str
    label: str
    indicator: object
    period: Period | None
    value: Decimal | None
    previous_period: Period | None
    previous_value: Decimal | None
    unit: str
    decimals: int
    flags: frozenset = frozenset()
    suppressed: bool = False

    @property
    def change(self) -> Decimal | None:
        if self.value is None or self.previous_value is None:
            return None
        return self.value - self.previous_value

    @property
    def change_percent(self) -> Decimal | None:
        percent = percent_change(self.value, self.previous_value)
        return None if percent is None else percent.quantize(Decimal("0.1"))

    @property
    def direction(self) -> str:
        if self.change is None:
            return ""
        return "up" if self.change > 0 else "down" if self.change < 0 else "same"


def build_headline(
    store, *, figure_id, indicator_code, filters, scope_filters=None, period=None, compare="previous", label=""
):
    indicator = store.indicator(indicator_code)
    if indicator is None:
        raise SpecError(_("There is no indicator with the code «%(code)s».") % {"code": indicator_code})
    merged = with_totals(indicator, effective_filters(indicator, filters, scope_filters) or {}, ())
    data = [r for r in store.rows(indicator_code) if row_matches(r, merged)]
    by_period = {}
    for row in data:
        by_period.setdefault(row.period, row)
    if period is None:
        usable = sorted(by_period)
        period = usable[-1] if usable else None
    current = by_period.get(period) if period else None
    previous_period = None
    if period is not None:
        previous_period = period.year_before() if compare == "year_before" else period.previous()
    previous = by_period.get(previous_period) if previous_period else None
    return Headline(
        figure_id=figure_id,
        label=label or indicator.name(store.lang),
        indicator=indicator,
        period=period if current else None,
        value=current.value if current and not current.suppressed else None,
        previous_period=previous_period,
        previous_value=previous.value if previous and not previous.suppressed else None,
        unit=indicator.unit(store.lang) or "",
        decimals=indicator.decimals or 0,
        flags=frozenset(current.flags) if current else frozenset(),
        suppressed=bool(current and current.suppressed),
    )
