"""Validating: the columns mapped to roles, one checker per column kind
(checkers.py) fed chunk by chunk, then the checks that need the whole file
(duplicate keys, totals, big moves; checks.py).

What is kept between chunks is compact: integer codes for periods, codes and
flags, float64 values and counts, the row numbers — about 40 bytes a row, so a
file at the size limit stays well under a gigabyte."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

from iran.periods import Period
from iran.text import normalize_key

from ..models import DIMENSION_FIELDS, Code, Indicator
from .checkers import CodeChecker, CountChecker, FlagChecker, PeriodChecker, ValueChecker
from .checks import check_totals, duplicate_rows, warn_big_moves
from .read import PERIOD_HEADERS, VALUE_HEADERS
from .report import Report

COUNT_HEADERS = {"count", "n", "تعداد", "تعدادواحد", "تعدادواحدها", "units", "تعدادواحدهایآماری"}
FLAG_HEADERS = {"flag", "flags", "نشانه", "وضعیت", "status", "obsstatus"}


# --- columns and code lists -----------------------------------------------------------
@dataclass
class Dimension:
    position: int
    code_list: object
    column: str = ""
    categories: list[str] = field(default_factory=list)  # the list's codes; an observation keeps an index
    lookup: dict = field(default_factory=dict)  # normalised code or label -> index in categories
    total_code: str = ""
    top_level: set = field(default_factory=set)


def dimensions(indicator: Indicator) -> list[Dimension]:
    dims = []
    for position, code_list in enumerate(indicator.dimension_lists):
        rows = list(
            Code.objects.filter(code_list=code_list).values_list("code", "label_fa", "label_en", "parent__code")
        )
        dim = Dimension(position, code_list, total_code=code_list.total_code)
        dim.categories = sorted(code for code, *_rest in rows)
        index = {code: i for i, code in enumerate(dim.categories)}
        for code, fa, en, parent in rows:
            for key in (fa, en):
                if key:
                    dim.lookup.setdefault(normalize_key(key), index[code])
            if not parent or parent == dim.total_code:
                dim.top_level.add(code)
        for code in dim.categories:  # codes win over labels that look like codes
            dim.lookup[normalize_key(code)] = index[code]
        dim.top_level.discard(dim.total_code)
        dims.append(dim)
    return dims


def _header_keys(code_list) -> set[str]:
    keys = {normalize_key(code_list.code), normalize_key(code_list.name_fa), normalize_key(code_list.name_en or "")}
    keys |= {normalize_key(alias) for alias in code_list.header_aliases.split("|") if alias.strip()}
    keys.discard("")
    return keys


def map_columns(headers: list[str], dims: list[Dimension], report: Report) -> dict[str, int] | None:
    """{role: column position}; roles are period, value, count, flag and each code list's code.
    Positions, not names: a header may be empty or repeated (a note beside the table)."""
    roles: dict[str, int] = {}
    wanted = {"period": PERIOD_HEADERS, "value": VALUE_HEADERS, "count": COUNT_HEADERS, "flag": FLAG_HEADERS}
    for dim in dims:
        wanted[dim.code_list.code] = _header_keys(dim.code_list)
    for position, header in enumerate(headers):
        key = normalize_key(header)
        role = next((r for r, keys in wanted.items() if key in keys and r not in roles), None)
        if role is not None:
            roles[role] = position
        elif key and not (key.endswith(("label", "عنوان", "نام")) or key.startswith(("label", "عنوان", "نام"))):
            report.warning(
                "unknown_column",
                None,
                header,
                "",
                _("This column is not part of the indicator and was ignored."),
                _("Remove it, or add its header as an alias of a code list."),
            )
    for role in ["period", *[d.code_list.code for d in dims], "value"]:
        if role not in roles:
            name = next((d.code_list.name(report.language) for d in dims if d.code_list.code == role), role)
            report.error(
                "missing_column",
                None,
                name,
                "",
                _("The column «%(name)s» is missing.") % {"name": name},
                _("Add a column headed «%(code)s» (or its Persian name) holding one code per row.") % {"code": role},
            )
    for dim in dims:
        dim.column = headers[roles[dim.code_list.code]] if dim.code_list.code in roles else ""
    return roles if report.ok else None


# --- the whole file ----------------------------------------------------------------------------
@dataclass
class Clean:
    """The valid file, compact: one row per observation, in file order."""

    frame: pd.DataFrame  # __row, period, d1.. (integer codes), __value, count (float), flags (code)
    periods: list[str]  # period code per period index
    dims: list[Dimension]
    flags: list[str]  # flag set per flag index
    exact: dict[int, str]  # row number -> value text, where float64 would round

    def key(self, skip: int | None = None, period=None, rows=None) -> np.ndarray:
        """One int64 per row for (period, codes), mixed radix over the lists' sizes.
        `skip` leaves one dimension out (for totals); `period` replaces the period
        codes of the rows selected by the mask `rows` (for the previous period)."""

        def column(name):  # the selected rows of one column, not a copy of the whole frame
            values = self.frame[name].to_numpy()
            return values if rows is None else values[rows]

        key = (column("period") if period is None else period).astype(np.int64)  # a copy: changed in place
        for i, dim in enumerate(self.dims):
            if i != skip:  # in place: one array a row's key, whatever the number of dimensions
                key *= len(dim.categories) + 1
                key += column(DIMENSION_FIELDS[i])
        return key


class Validator:
    """Fed chunk by chunk; `finish()` runs the whole-file checks."""

    def __init__(self, indicator: Indicator, headers: list[str], report: Report):
        self.indicator = indicator
        self.headers = headers
        self.report = report
        self.dims = dimensions(indicator)
        self.roles = map_columns(headers, self.dims, report)
        self.periods = PeriodChecker(indicator, report)
        self.codes = [CodeChecker(dim, report) for dim in self.dims]
        self.values = ValueChecker(report)
        self.counts = CountChecker(report)
        self.flags = FlagChecker(report)
        self.parts: list[pd.DataFrame] = []

    def feed(self, chunk: pd.DataFrame) -> pd.DataFrame | None:
        """Check one chunk; return its compact part (None when it held only blank rows)."""
        chunk = _drop_blank_rows(chunk, list(self.roles.values()))
        if chunk.empty:
            return None
        self.report.rows_total += len(chunk)
        rows = chunk["__row"].to_numpy()
        roles = self.roles
        part = {"__row": rows, "period": self._check(self.periods, chunk, rows, roles["period"]).astype(np.int32)}
        for checker, dim, name in zip(self.codes, self.dims, DIMENSION_FIELDS, strict=False):
            part[name] = self._check(checker, chunk, rows, roles[dim.code_list.code]).astype(np.int32)
        part["__value"] = self._check(self.values, chunk, rows, roles["value"])
        part["count"] = self._check(self.counts, chunk, rows, roles["count"]) if "count" in roles else np.nan
        if "flag" in roles:
            part["flags"] = self._check(self.flags, chunk, rows, roles["flag"]).astype(np.int16)
        else:  # int16 like a flag column, not a scalar 0 that pandas stores as 8 bytes a row
            part["flags"] = np.zeros(len(chunk), dtype=np.int16)
        frame = pd.DataFrame(part)
        self.parts.append(frame)
        return frame

    def _check(self, checker, chunk, rows, position):
        column = chunk[position].astype(object)
        return checker.check(column, rows, self.headers[position])

    def finish(self) -> Clean | None:
        report = self.report
        if not self.parts:
            report.error(
                "empty",
                None,
                "",
                "",
                _("The file has a header but no data rows."),
                _("Export the table again with its rows."),
            )
            return None
        frame = pd.concat(self.parts, ignore_index=True)
        self.parts = []
        clean = Clean(frame, self.periods.codes, self.dims, self.flags.codes, self.values.exact)
        duplicate_rows(clean, report)
        if not report.ok:
            return None
        check_totals(clean, self.indicator, report)
        if not report.ok:
            return None
        report.periods = sorted(clean.periods, key=lambda c: Period.parse(c).sort_key())
        warn_big_moves(clean, self.indicator, report)
        return clean


def _drop_blank_rows(chunk: pd.DataFrame, positions: list[int]) -> pd.DataFrame:
    """Blank lines and Excel's trailing empty rows are not observations."""
    blank = np.ones(len(chunk), dtype=bool)
    for position in positions:
        blank &= (chunk[position].astype(object) == "").to_numpy()
    return chunk[~blank].reset_index(drop=True) if blank.any() else chunk
