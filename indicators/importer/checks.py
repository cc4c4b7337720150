"""The checks that need the whole file: duplicate keys, totals against the sum of
their parts, big moves against the previous period. They work on the compact
integer keys of `validate.Clean`, so they stay fast and small for millions of rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
from django.conf import settings
from django.utils.translation import gettext as _

from iran.periods import Period, PeriodError

from ..models import DIMENSION_FIELDS, Indicator, Observation
from .report import Report


def _valid_keys(clean) -> np.ndarray:
    frame = clean.frame
    valid = (frame["period"] >= 0).to_numpy().copy()
    for i in range(len(clean.dims)):
        valid = valid & (frame[DIMENSION_FIELDS[i]] >= 0).to_numpy()
    return valid


def _key_text(clean, position: int) -> str:
    frame = clean.frame
    parts = [clean.periods[frame["period"].iat[position]]]
    parts += [dim.categories[frame[DIMENSION_FIELDS[i]].iat[position]] for i, dim in enumerate(clean.dims)]
    return " / ".join(p for p in parts if p)


def duplicate_rows(clean, report: Report):
    positions = np.flatnonzero(_valid_keys(clean))
    keys = pd.Series(clean.key()[positions])
    repeated = keys.duplicated(keep=False).to_numpy()
    if not repeated.any():
        return
    groups = pd.Series(positions[repeated]).groupby(keys[repeated].to_numpy(), sort=False).apply(list)
    rows = clean.frame["__row"].to_numpy()
    for group in groups:
        first = rows[group[0]]
        for position in report.room(group[1:]):
            report.error(
                "duplicate",
                rows[position],
                "",
                _key_text(clean, position),
                _("This row repeats the period and codes of row %(first)s.") % {"first": first},
                _("Keep one row per period and combination of codes (remove or merge the repeats)."),
            )


def check_totals(clean, indicator: Indicator, report: Report):
    if not indicator.is_additive:
        return
    step = 0.5 * 10 ** (-int(indicator.decimals))
    frame = clean.frame
    values = frame["__value"].to_numpy()
    has_value = ~np.isnan(values)
    rows = frame["__row"].to_numpy()
    for position, dim in enumerate(clean.dims):
        if not dim.total_code or dim.total_code not in dim.categories:
            continue
        codes = frame[DIMENSION_FIELDS[position]].to_numpy()
        top = [dim.categories.index(c) for c in dim.top_level]
        totals = np.flatnonzero((codes == dim.categories.index(dim.total_code)) & has_value)
        parts = np.isin(codes, top) & has_value
        if not len(totals) or not parts.any():
            continue
        others = clean.key(skip=position)  # the same row of the table, without this dimension
        sums = pd.Series(values[parts]).groupby(others[parts]).agg(["sum", "count"])
        found = sums.index.get_indexer(others[totals])
        totals, found = totals[found >= 0], found[found >= 0]
        total_sum = sums["sum"].to_numpy()[found]
        tolerance = sums["count"].to_numpy()[found] * step + 1e-9 * np.abs(values[totals]) + 1e-9
        wrong = np.abs(values[totals] - total_sum) > tolerance
        for i in report.room(np.flatnonzero(wrong)):
            report.error(
                "total",
                rows[totals[i]],
                dim.column,
                _number(values[totals[i]]),
                _("The total (%(total)s) is not the sum of its parts (%(sum)s).")
                % {"total": _number(values[totals[i]]), "sum": f"{total_sum[i]:.{indicator.decimals}f}"},
                _("Correct the total row or the rows of its parts, so that they add up."),
            )


def _number(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


def warn_big_moves(clean, indicator: Indicator, report: Report):
    """Warn where a value moved more than the ratio against the previous period,
    found in the file or, for the file's first period, in the database."""
    ratio = float(getattr(settings, "INDICATORS_BIG_MOVE_RATIO", 0.5))
    index = {code: i for i, code in enumerate(clean.periods)}
    previous = np.array([index.setdefault(_previous_code(c), len(index)) for c in clean.periods])
    frame = clean.frame
    valid = _valid_keys(clean) & ~np.isnan(frame["__value"].to_numpy())
    own_values = frame["__value"].to_numpy()[valid]
    stored_keys, stored_values = _stored_previous(clean, indicator, report, index)
    keys, values = _sorted_lookup(np.concatenate([clean.key()[valid], stored_keys]), own_values, stored_values)
    prev_keys = clean.key(period=previous[frame["period"].to_numpy()[valid]], rows=valid)
    found = np.minimum(np.searchsorted(keys, prev_keys), max(len(keys) - 1, 0))
    has = keys[found] == prev_keys if len(keys) else np.zeros(len(prev_keys), dtype=bool)
    del prev_keys
    current = own_values[has]
    before = values[found[has]]
    moved = (np.abs(before) > 0) & (np.abs(current - before) > ratio * np.abs(before))
    rows = frame["__row"].to_numpy()[valid][has][moved]
    current, before = current[moved], before[moved]
    order = np.argsort(rows, kind="stable")
    for i in report.room(order, warning=True):
        report.warning(
            "big_move",
            rows[i],
            "",
            _number(current[i]),
            _("Changed by %(change)+.0f%% against the previous period (%(prev)s).")
            % {"change": (current[i] - before[i]) / abs(before[i]) * 100, "prev": f"{before[i]:g}"},
            _("Check that the value and its unit are right."),
        )


def _sorted_lookup(keys, own_values, stored_values):
    """(keys, values) sorted by key, one per key, the file's value before the
    database's. Sorting and a binary search, not a hash table: a few bytes a
    row instead of dozens, for files of millions of rows."""
    order = np.argsort(keys, kind="stable")  # stable: for one key the file's row (first) comes first
    keys = keys[order]
    values = np.concatenate([own_values, stored_values])[order]
    del order
    first = np.ones(len(keys), dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    if first.all():
        return keys, values
    return keys[first], values[first]


def _previous_code(code: str) -> str:
    """The period before; for the calendar's first period, a code no row has."""
    try:
        return Period.parse(code).previous().code
    except PeriodError:
        return "before " + code


def _stored_previous(clean, indicator, report, index) -> tuple[np.ndarray, np.ndarray]:
    """Keys and values stored for the period before the file's first one."""
    previous_code = _previous_code(report.periods[0])
    names = DIMENSION_FIELDS[: len(clean.dims)]
    stored = Observation.objects.filter(indicator=indicator, period=previous_code, value__isnull=False)
    lookups = [{code: i for i, code in enumerate(dim.categories)} for dim in clean.dims]
    keys, values = [], []
    for *codes, value in stored.values_list(*names, "value").iterator(chunk_size=10_000):
        key = index[previous_code]
        for code, lookup, dim in zip(codes, lookups, clean.dims, strict=True):
            if code not in lookup:
                break
            key = key * (len(dim.categories) + 1) + lookup[code]
        else:
            keys.append(key)
            values.append(float(value))
    return np.array(keys, dtype=np.int64), np.array(values, dtype=np.float64)
