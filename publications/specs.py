"""What an editor writes in a statistical block, read: periods («1398..1402»),
filters, and the scope of a provincial or organisation yearbook laid over them."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from iran.periods import Period, PeriodError

PERIOD_AXIS = "period"
MAX_TABLE_CELLS = 5000


class SpecError(ValueError):
    """A table, chart or figure definition that cannot be built."""


def parse_periods(text: str) -> list[Period]:
    """«1398..1402», «1402-01..1402-12», «1401, 1402» (Persian digits too)."""
    periods: list[Period] = []
    for part in str(text or "").replace("،", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if ".." in part:
            first_text, last_text = part.split("..", 1)
            try:
                first, last = Period.parse(first_text.strip()), Period.parse(last_text.strip())
            except PeriodError as exc:
                raise SpecError(str(exc)) from exc
            if first.periodicity != last.periodicity:
                raise SpecError(_("Both ends of a range must be of the same kind (years, quarters or months)."))
            if last < first:
                raise SpecError(_("A range must go from the earlier period to the later one."))
            current = first
            while current <= last:
                periods.append(current)
                current = current.shift(1)
                if len(periods) > MAX_TABLE_CELLS:
                    raise SpecError(_("Too many periods."))
        else:
            try:
                periods.append(Period.parse(part))
            except PeriodError as exc:
                raise SpecError(str(exc)) from exc
    seen, unique = set(), []
    for period in periods:
        if period not in seen:
            seen.add(period)
            unique.append(period)
    return unique


def parse_filters(filter_values) -> dict[str, list[str]]:
    """The blocks' list of {dimension, codes} into {dimension: [codes]}."""
    filters: dict[str, list[str]] = {}
    for item in filter_values or []:
        dimension = (item.get("dimension") or "").strip()
        codes = [c.strip() for c in str(item.get("codes") or "").replace("،", ",").split(",") if c.strip()]
        if dimension and codes:
            filters.setdefault(dimension, []).extend(codes)
    return filters


def effective_filters(indicator, filters, scope_filters):
    """The block's filters with the publication's scope (a province, an
    organisation) laid over them. Returns None when the indicator has no
    dimension for the scope (the table does not exist for that province)."""
    dims = indicator.dimension_codes
    merged = {dim: list(codes) for dim, codes in (filters or {}).items()}
    for dim, codes in (scope_filters or {}).items():
        if dim not in dims:
            return None
        merged[dim] = list(codes)
    return merged


def with_totals(indicator, filters, axes):
    """A dimension neither on an axis nor filtered is read at its total code
    (e.g. both sexes), so each cell is exactly one observation."""
    filters = dict(filters)
    for code_list in indicator.dimension_lists:
        if code_list.code not in filters and code_list.code not in axes and code_list.total_code:
            filters[code_list.code] = [code_list.total_code]
    return filters


@dataclass(frozen=True)
class Cells:
    """The cells of one indicator a block reads: these periods (none: every
    period) and, per dimension filtered, these codes (filters and totals merged
    as `build_table` / `build_headline` apply them)."""

    periods: tuple[str, ...]
    filters: tuple[tuple[str, tuple[str, ...]], ...]

    @classmethod
    def of(cls, periods, filters: dict[str, list[str]]) -> Cells:
        return cls(tuple(p.code for p in periods), tuple(sorted((d, tuple(c)) for d, c in filters.items())))


def too_big_message(cells: int) -> str:
    return _(
        "This table would have %(cells)s cells; the limit is %(limit)s. Choose fewer periods or filter a dimension "
        "to fewer codes, or split it into several tables."
    ) % {"cells": f"{cells:,}", "limit": f"{MAX_TABLE_CELLS:,}"}
