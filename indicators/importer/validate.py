"""Validating: one checker per column kind, fed chunk by chunk, then the checks
that need the whole file (duplicate keys, totals, big moves).

Each checker looks at a column's distinct values once (pd.factorize) or at the
few cells the fast vectorised path could not read, and reports a spreadsheet
formula (`=…`) as such instead of as a bad value. What is kept between chunks
is compact: integer codes for periods, codes and flags, float64 values and
counts, the row numbers — about 40 bytes a row, so a file at the size limit
stays well under a gigabyte."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

from iran.periods import Period, PeriodError
from iran.text import (
    ARABIC_DECIMAL_SEPARATOR,
    ARABIC_DIGITS,
    ARABIC_THOUSANDS_SEPARATOR,
    PERSIAN_DIGITS,
    normalize_key,
    parse_decimal,
)

from ..enums import Flag
from ..models import DIMENSION_FIELDS, Code, Indicator
from .checks import check_totals, duplicate_rows, warn_big_moves
from .read import PERIOD_HEADERS, VALUE_HEADERS
from .report import Report

MAX_ABS_VALUE = 10**14
MAX_COUNT = 2**31 - 1  # the column is a 32-bit integer
FLOAT_DIGITS = 15  # a decimal with up to 15 significant digits survives float64 exactly

COUNT_HEADERS = {"count", "n", "تعداد", "تعدادواحد", "تعدادواحدها", "units", "تعدادواحدهایآماری"}
FLAG_HEADERS = {"flag", "flags", "نشانه", "وضعیت", "status", "obsstatus"}
FLAG_WORDS = {
    Flag.PROVISIONAL: {"provisional", "p", "موقت", "مقدماتی"},
    Flag.REVISED: {"revised", "r", "بازنگریشده", "تجدیدنظرشده"},
    Flag.ESTIMATED: {"estimated", "e", "برآوردی", "برآورد"},
    Flag.BREAK: {"break", "b", "شکستسری", "شکست"},
    Flag.SUPPRESSED: {"suppressed", "c", "confidential", "محرمانه", "حذفشده"},
}
FLAG_LOOKUP = {normalize_key(word): flag.value for flag, words in FLAG_WORDS.items() for word in words}

_NUMBER_TABLE = str.maketrans(
    {
        **{d: str(i) for i, d in enumerate(PERSIAN_DIGITS)},
        **{d: str(i) for i, d in enumerate(ARABIC_DIGITS)},
        ARABIC_DECIMAL_SEPARATOR: ".",
        ARABIC_THOUSANDS_SEPARATOR: "",
        **dict.fromkeys(", \u00a0\u200c\u200e\u200f", ""),
        "\u2212": "-",
    }
)


def _is_formula(text: str) -> bool:
    return text.startswith("=")


def _formula(report: Report, row, column, text):
    report.error(
        "formula",
        row,
        column,
        text,
        _("The cell holds a spreadsheet formula, not a value."),
        _("Copy the sheet and paste it as values only, then export again."),
    )


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


# --- the checkers, one per column kind ----------------------------------------------------
def _by_distinct(column: pd.Series, judge) -> tuple[np.ndarray, np.ndarray]:
    """Apply judge(text) -> int (-1: bad) to each distinct value once; return the
    per-row results and the positions of the bad rows."""
    codes, uniques = pd.factorize(column, sort=False)
    lut = np.array([judge(str(u)) for u in uniques] + [-1], dtype=np.int64)
    result = lut[codes]  # code -1 (missing) reads lut[-1], which is -1
    return result, np.flatnonzero(result < 0)


class PeriodChecker:
    def __init__(self, indicator: Indicator, report: Report):
        self.periodicity = indicator.periodicity_enum
        self.display = indicator.get_periodicity_display()
        self.report = report
        self.codes: list[str] = []  # the category list, grown as periods appear
        self.index: dict[str, int] = {}

    def _judge(self, text: str) -> int:
        try:
            period = Period.parse(text.strip())
        except PeriodError:
            return -1
        if period.periodicity != self.periodicity:
            return -2
        if period.code not in self.index:
            self.index[period.code] = len(self.codes)
            self.codes.append(period.code)
        return self.index[period.code]

    def check(self, column: pd.Series, rows: np.ndarray, header: str) -> np.ndarray:
        result, bad = _by_distinct(column, self._judge)
        example = {1: "1403", 4: "1403-Q2", 12: "1403-07"}[int(self.periodicity)]
        for i in self.report.room(bad):
            text = column.iat[i]
            if _is_formula(text):
                _formula(self.report, rows[i], header, text)
                continue
            if text.strip() == "":
                message = _("The period is empty.")
            elif result[i] == -2:
                message = _("This period does not fit the indicator, which is %(periodicity)s.") % {
                    "periodicity": self.display
                }
            else:
                message = _("This is not a period.")
            self.report.error(
                "period", rows[i], header, text, message, _("Write it like %(example)s.") % {"example": example}
            )
        return result


class CodeChecker:
    def __init__(self, dim: Dimension, report: Report):
        self.dim = dim
        self.report = report

    def check(self, column: pd.Series, rows: np.ndarray, header: str) -> np.ndarray:
        dim = self.dim
        result, bad = _by_distinct(column, lambda text: dim.lookup.get(normalize_key(text), -1) if text else -1)
        for i in self.report.room(bad):
            text = column.iat[i]
            if _is_formula(text):
                _formula(self.report, rows[i], header, text)
                continue
            if text.strip() == "":
                message = _("The code is empty.")
            else:
                message = _("«%(value)s» is not a code or label of the code list «%(list)s».") % {
                    "value": text,
                    "list": dim.code_list.name(self.report.language),
                }
            self.report.error(
                "unknown_code",
                rows[i],
                header,
                text,
                message,
                _("Use a code from the code list «%(list)s» (see the code lists in the admin), e.g. %(examples)s.")
                % {"list": dim.code_list.code, "examples": ", ".join(dim.categories[:5])},
            )
        return result


def _numbers(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """float64 per cell (NaN when empty or unreadable) and the positions that are
    not empty yet unreadable. Plain Latin numbers take the vectorised path; only
    the rest (Persian digits, separators) is translated."""
    values = pd.to_numeric(column, errors="coerce").to_numpy(dtype="float64", na_value=np.nan).copy()
    retry = np.flatnonzero(np.isnan(values) & (column != "").to_numpy())
    if len(retry):
        normal = column.iloc[retry].str.translate(_NUMBER_TABLE)
        values[retry] = pd.to_numeric(normal, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
        retry = retry[np.isnan(values[retry]) & (normal != "").to_numpy()]
    failed = []
    for i in retry:
        try:
            values[i] = float(parse_decimal(column.iat[i]))
        except (ValueError, ArithmeticError):
            failed.append(i)
    return values, np.array(failed, dtype=np.int64)


class ValueChecker:
    def __init__(self, report: Report):
        self.report = report
        self.exact: dict[int, str] = {}  # row number -> text, for values float64 would round

    def check(self, column: pd.Series, rows: np.ndarray, header: str) -> np.ndarray:
        values, failed = _numbers(column)
        for i in self.report.room([i for i in failed if not _is_formula(column.iat[i])]):
            self.report.error(
                "value",
                rows[i],
                header,
                column.iat[i],
                _("The value is not a number."),
                _("Write only digits (Persian or Latin) with an optional decimal point; leave it empty if missing."),
            )
        for i in failed:
            if _is_formula(column.iat[i]):
                _formula(self.report, rows[i], header, column.iat[i])
        huge = np.flatnonzero(~(np.abs(np.nan_to_num(values, nan=0.0)) < MAX_ABS_VALUE))
        for i in self.report.room(huge):
            self.report.error(
                "value",
                rows[i],
                header,
                column.iat[i],
                _("The value is too large."),
                _("Check the unit: values must be below 10^14."),
            )
        values[huge] = np.nan
        self._keep_exact(column, values, rows)
        return values

    def _keep_exact(self, column, values, rows):
        """Values with more significant digits than float64 holds keep their text."""
        long = np.flatnonzero((column.str.len() > FLOAT_DIGITS).to_numpy() & ~np.isnan(values))
        for i in long:
            try:
                number = parse_decimal(column.iat[i])
            except (ValueError, ArithmeticError):
                continue
            if len(number.as_tuple().digits) > FLOAT_DIGITS:
                self.exact[int(rows[i])] = str(number)


class CountChecker:
    def __init__(self, report: Report):
        self.report = report

    def check(self, column: pd.Series, rows: np.ndarray, header: str) -> np.ndarray:
        counts, failed = _numbers(column)
        with np.errstate(invalid="ignore"):
            wrong = ~np.isnan(counts) & ((counts < 0) | (counts % 1 != 0) | (counts > MAX_COUNT))
        bad = np.union1d(failed, np.flatnonzero(wrong))
        for i in self.report.room(bad):
            if _is_formula(column.iat[i]):
                _formula(self.report, rows[i], header, column.iat[i])
                continue
            self.report.error(
                "count",
                rows[i],
                header,
                column.iat[i],
                _("The count of units must be a whole number, zero or more."),
                _("Write the number of persons or units behind the value, or leave it empty."),
            )
        counts[bad] = np.nan
        return counts


class FlagChecker:
    def __init__(self, report: Report):
        self.report = report
        self.codes: list[str] = [""]  # flag sets as written to the database ("estimated,provisional")
        self.index = {"": 0}

    def _judge(self, text: str) -> int:
        parts = [p for p in (normalize_key(x) for x in _split_flags(text)) if p]
        found = [FLAG_LOOKUP.get(p) for p in parts]
        if None in found:
            return -1
        key = ",".join(sorted(set(found)))
        if key not in self.index:
            self.index[key] = len(self.codes)
            self.codes.append(key)
        return self.index[key]

    def check(self, column: pd.Series, rows: np.ndarray, header: str) -> np.ndarray:
        result, bad = _by_distinct(column, self._judge)
        for i in self.report.room(bad):
            if _is_formula(column.iat[i]):
                _formula(self.report, rows[i], header, column.iat[i])
                continue
            self.report.error(
                "flag",
                rows[i],
                header,
                column.iat[i],
                _("Unknown flag."),
                _("Use provisional, estimated, break or suppressed (موقت، برآوردی، شکست سری، محرمانه)."),
            )
        return result


def _split_flags(text: str):
    for sep in ";|،/":
        text = text.replace(sep, ",")
    return text.split(",")


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
        frame = self.frame if rows is None else self.frame[rows]
        key = (frame["period"].to_numpy() if period is None else period).astype(np.int64)
        for i, dim in enumerate(self.dims):
            if i != skip:
                key = key * (len(dim.categories) + 1) + frame[DIMENSION_FIELDS[i]].to_numpy(dtype=np.int64)
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

    def feed(self, chunk: pd.DataFrame):
        chunk = _drop_blank_rows(chunk, list(self.roles.values()))
        if chunk.empty:
            return
        self.report.rows_total += len(chunk)
        rows = chunk["__row"].to_numpy()
        roles = self.roles
        part = {"__row": rows, "period": self._check(self.periods, chunk, rows, roles["period"]).astype(np.int32)}
        for checker, dim, name in zip(self.codes, self.dims, DIMENSION_FIELDS, strict=False):
            part[name] = self._check(checker, chunk, rows, roles[dim.code_list.code]).astype(np.int32)
        part["__value"] = self._check(self.values, chunk, rows, roles["value"])
        part["count"] = self._check(self.counts, chunk, rows, roles["count"]) if "count" in roles else np.nan
        part["flags"] = self._check(self.flags, chunk, rows, roles["flag"]).astype(np.int16) if "flag" in roles else 0
        self.parts.append(pd.DataFrame(part))

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
