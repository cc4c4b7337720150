"""Planning: compare the valid file with what is stored for its periods.

New keys are inserted; a key whose value, count or flags changed is replaced
(flagged `revised` when the value changed, or was revised before); a stored
key absent from the file is removed; identical rows are left alone, so an
identical re-import writes nothing. One period at a time, so memory stays flat."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.db.models import FloatField
from django.db.models.functions import Cast

from ..enums import Flag
from ..models import DIMENSION_FIELDS, Indicator, Observation
from .report import Report


@dataclass
class Plan:
    keep: np.ndarray  # per row of the file: write it
    flags: np.ndarray  # per row: index into clean.flags (grown with the `revised` sets)
    deletes: list[int]  # ids of stored observations to remove or replace


def _flag_key(text) -> str:
    """Flags compared as a set, without `revised` (the import sets it)."""
    if not isinstance(text, str):
        return ""
    return ",".join(sorted({f for f in text.split(",") if f and f != Flag.REVISED}))


def make_plan(clean, indicator: Indicator, report: Report) -> Plan:
    frame = clean.frame
    flags = np.asarray(frame["flags"].to_numpy(), dtype=np.int64).copy()
    plan = Plan(np.ones(len(frame), dtype=bool), flags, [])
    stored_periods = set(
        Observation.objects.filter(indicator=indicator, period__in=clean.periods)
        .values_list("period", flat=True)
        .distinct()
    )
    report.rows_created = len(frame)
    if not stored_periods:
        return plan
    keys = clean.key()
    groups = pd.Series(np.arange(len(frame))).groupby(frame["period"].to_numpy()).indices
    for period in stored_periods:
        index = clean.periods.index(period)
        _compare_period(
            clean, indicator, period, index, groups.get(index, np.array([], dtype=np.int64)), keys, plan, report
        )
    report.rows_created = len(frame) - report.rows_revised - report.rows_unchanged
    return plan


def _stored(clean, indicator, period, period_index) -> pd.DataFrame:
    names = DIMENSION_FIELDS[: len(clean.dims)]
    rows = list(
        Observation.objects.filter(indicator=indicator, period=period)
        .annotate(old_value=Cast("value", FloatField()))
        .values_list("id", *names, "old_value", "count", "flags")
    )
    old = pd.DataFrame(rows, columns=["id", *names, "value", "count", "flags"])
    key = np.full(len(old), period_index, dtype=np.int64)
    for name, dim in zip(names, clean.dims, strict=True):
        lookup = {code: i for i, code in enumerate(dim.categories)}
        codes = old[name].map(lookup).fillna(-(10**6)).to_numpy(dtype=np.int64)  # a code since removed: never matches
        key = key * (len(dim.categories) + 1) + codes
    old["key"] = key
    return old


def _compare_period(clean, indicator, period, period_index, positions, keys, plan: Plan, report: Report):
    frame = clean.frame
    old = _stored(clean, indicator, period, period_index)
    new_keys = keys[positions]
    found = pd.Index(old["key"]).get_indexer(new_keys)
    gone = ~old["key"].isin(new_keys).to_numpy()
    report.rows_deleted += int(gone.sum())
    plan.deletes.extend(int(i) for i in old["id"].to_numpy()[gone])
    matched = positions[found >= 0]
    old = old.iloc[found[found >= 0]]
    if not len(matched):
        return
    a = np.round(frame["__value"].to_numpy()[matched], 6)
    b = np.round(old["value"].to_numpy(dtype=float), 6)
    same_value = (a == b) | (np.isnan(a) & np.isnan(b))
    c1 = frame["count"].to_numpy(dtype=float)[matched]
    c2 = pd.to_numeric(old["count"], errors="coerce").to_numpy(dtype=float)
    same_count = (c1 == c2) | (np.isnan(c1) & np.isnan(c2))
    new_flags = [clean.flags[i] for i in plan.flags[matched]]
    same_flags = np.array([_flag_key(f) for f in new_flags]) == old["flags"].map(_flag_key).to_numpy()
    same = same_value & same_count & same_flags
    plan.keep[matched[same]] = False
    report.rows_unchanged += int(same.sum())
    report.rows_revised += int((~same).sum())
    plan.deletes.extend(int(i) for i in old["id"].to_numpy()[~same])
    for position, flags, value_changed, old_flags in zip(
        matched[~same],
        np.array(new_flags, dtype=object)[~same],
        ~same_value[~same],
        old["flags"].to_numpy()[~same],
        strict=True,
    ):
        flag_set = {f for f in flags.split(",") if f}
        if value_changed or Flag.REVISED.value in (old_flags or "").split(","):
            flag_set.add(Flag.REVISED.value)
        plan.flags[position] = _flag_index(clean, ",".join(sorted(flag_set)))


def _flag_index(clean, key: str) -> int:
    if key not in clean.flags:
        clean.flags.append(key)
    return clean.flags.index(key)
