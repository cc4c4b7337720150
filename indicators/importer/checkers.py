"""The checkers, one per column kind (period, code, value, count, flag), each fed
one chunk's column of strings and returning the compact per-row result: an
integer code (-1 when bad) or a float64 (NaN when empty or bad).

Each looks at a column's distinct values once (pd.factorize) or at the few
cells the fast vectorised path could not read, and reports a spreadsheet
formula (`=…`) as such instead of as a bad value."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
from ..models import Indicator
from .report import Report

if TYPE_CHECKING:
    from .validate import Dimension

MAX_ABS_VALUE = 10**14
MAX_COUNT = 2**31 - 1  # the column is a 32-bit integer
FLOAT_DIGITS = 15  # a decimal with up to 15 significant digits survives float64 exactly

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
