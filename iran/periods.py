"""Jalali reference periods: a year, a quarter or a month.

One small type that parses («1403», «1403-Q2», «1403-07», Persian digits too),
sorts (within and across kinds: a year sorts before its quarters, a quarter
before its months), gives its first and last Gregorian day, and prints itself
in Persian and in English with the Gregorian months it spans.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import IntEnum
from functools import cached_property, lru_cache

import jdatetime

from .text import to_latin_digits, to_persian_digits

MONTHS_FA = [
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
]  # fmt: skip
MONTHS_EN = [
    "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
    "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand",
]  # fmt: skip
# A Jalali quarter is a season: Farvardin–Khordad is spring, and so on.
QUARTERS_FA = ["بهار", "تابستان", "پاییز", "زمستان"]
QUARTERS_EN = ["Spring", "Summer", "Autumn", "Winter"]
GREGORIAN_MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

MIN_YEAR, MAX_YEAR = 1300, 1500


class Periodicity(IntEnum):
    """How often a figure is produced; the value is the number of periods a year."""

    YEAR = 1
    QUARTER = 4
    MONTH = 12


_SEASONS = {name.casefold(): number for names in (QUARTERS_FA, QUARTERS_EN) for number, name in enumerate(names, 1)}
_SEASONS.update({"fall": 3, "پائیز": 3})
_SEASON_PATTERN = re.compile(r"^(\S+)\s+(\d{4})$|^(\d{4})\s+(\S+)$")

_PATTERNS = [
    (re.compile(r"^(\d{4})$"), Periodicity.YEAR),
    (re.compile(r"^(\d{4})[-/\s]*[QqFf](\d)$"), Periodicity.QUARTER),
    (re.compile(r"^(\d{4})[-/\s]*(\d{1,2})$"), Periodicity.MONTH),
]


class PeriodError(ValueError):
    """A period that cannot be read; the message says why."""


@dataclass(frozen=True, order=False)
class Period:
    year: int
    periodicity: Periodicity = Periodicity.YEAR
    number: int = 1  # quarter 1–4 or month 1–12; 1 for a year

    def __post_init__(self):
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise PeriodError(f"year {self.year} is outside {MIN_YEAR}–{MAX_YEAR}")
        if not 1 <= self.number <= int(self.periodicity):
            raise PeriodError(
                f"{self.periodicity.name.lower()} {self.number} does not exist (1–{int(self.periodicity)})"
            )

    # --- construction -------------------------------------------------
    @classmethod
    def parse(cls, text) -> Period:
        if isinstance(text, Period):
            return text
        # Pages parse the same few codes thousands of times: a period is immutable,
        # so the text's period is kept (a bounded memo of strings that parsed).
        if cls is Period and type(text) is str:
            return _parse_text(text)
        return cls._parse(text)

    @classmethod
    def _parse(cls, text) -> Period:
        raw = to_latin_digits(str(text)).strip()
        season = cls._parse_season(raw)
        if season is not None:
            return season
        for pattern, periodicity in _PATTERNS:
            match = pattern.match(raw)
            if match:
                number = int(match.group(2)) if periodicity != Periodicity.YEAR else 1
                return cls(int(match.group(1)), periodicity, number)
        raise PeriodError(f"«{text}» is not a period; write 1403, 1403-Q2 or 1403-07")

    @classmethod
    def _parse_season(cls, raw: str) -> Period | None:
        """«بهار 1403», «Spring 1403» or «1403 Spring»: the label read back as a quarter."""
        match = _SEASON_PATTERN.match(raw)
        if not match:
            return None
        word, year = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        number = _SEASONS.get(word.casefold())
        return cls.quarter_of(int(year), number) if number else None

    @classmethod
    def year_of(cls, year: int) -> Period:
        return cls(year, Periodicity.YEAR, 1)

    @classmethod
    def quarter_of(cls, year: int, quarter: int) -> Period:
        return cls(year, Periodicity.QUARTER, quarter)

    @classmethod
    def month_of(cls, year: int, month: int) -> Period:
        return cls(year, Periodicity.MONTH, month)

    @classmethod
    def containing(cls, day: dt.date, periodicity: Periodicity = Periodicity.MONTH) -> Period:
        j = jdatetime.date.fromgregorian(date=day)
        if periodicity == Periodicity.YEAR:
            return cls.year_of(j.year)
        if periodicity == Periodicity.QUARTER:
            return cls.quarter_of(j.year, (j.month - 1) // 3 + 1)
        return cls.month_of(j.year, j.month)

    # --- arithmetic and order -------------------------------------------
    @property
    def first_month(self) -> int:
        return (self.number - 1) * (12 // int(self.periodicity)) + 1

    @property
    def last_month(self) -> int:
        return self.first_month + 12 // int(self.periodicity) - 1

    def sort_key(self) -> tuple:
        return self._sort_key

    @cached_property
    def _sort_key(self) -> tuple:
        # A year sorts before its quarters, a quarter before its months. Computed once
        # a period (it is immutable): sorting a page's series compares it thousands of times.
        return (self.year, self.first_month, int(self.periodicity))

    def __lt__(self, other: Period) -> bool:
        return self.sort_key() < other.sort_key()

    def __le__(self, other: Period) -> bool:
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: Period) -> bool:
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: Period) -> bool:
        return self.sort_key() >= other.sort_key()

    def shift(self, steps: int) -> Period:
        """The period `steps` periods later (earlier when negative)."""
        per_year = int(self.periodicity)
        index = self.year * per_year + (self.number - 1) + steps
        return Period(index // per_year, self.periodicity, index % per_year + 1)

    def previous(self) -> Period:
        return self.shift(-1)

    def year_before(self) -> Period:
        return self.shift(-int(self.periodicity))

    def contains(self, other: Period) -> bool:
        return self.year == other.year and self.first_month <= other.first_month and other.last_month <= self.last_month

    # --- calendar -------------------------------------------------------
    @property
    def first_day(self) -> dt.date:
        return jdatetime.date(self.year, self.first_month, 1).togregorian()

    @property
    def last_day(self) -> dt.date:
        if self.last_month == 12:
            return jdatetime.date(self.year + 1, 1, 1).togregorian() - dt.timedelta(days=1)
        return jdatetime.date(self.year, self.last_month + 1, 1).togregorian() - dt.timedelta(days=1)

    # --- text -----------------------------------------------------------
    @property
    def code(self) -> str:
        """The canonical machine form: 1403, 1403-Q2, 1403-07."""
        if self.periodicity == Periodicity.YEAR:
            return f"{self.year}"
        if self.periodicity == Periodicity.QUARTER:
            return f"{self.year}-Q{self.number}"
        return f"{self.year}-{self.number:02d}"

    def __str__(self) -> str:
        return self.code

    def label_fa(self) -> str:
        if self.periodicity == Periodicity.YEAR:
            text = f"{self.year}"
        elif self.periodicity == Periodicity.QUARTER:
            text = f"{QUARTERS_FA[self.number - 1]} {self.year}"
        else:
            text = f"{MONTHS_FA[self.number - 1]} {self.year}"
        return to_persian_digits(text)

    def label_en(self, with_gregorian: bool = True) -> str:
        if self.periodicity == Periodicity.YEAR:
            text = f"{self.year}"
        elif self.periodicity == Periodicity.QUARTER:
            text = f"{QUARTERS_EN[self.number - 1]} {self.year}"
        else:
            text = f"{MONTHS_EN[self.number - 1]} {self.year}"
        return f"{text} ({self.gregorian_span()})" if with_gregorian else text

    def label(self, lang: str = "fa") -> str:
        return self.label_fa() if lang == "fa" else self.label_en()

    def short_label(self, lang: str = "fa") -> str:
        """For a chart axis: the name without the Gregorian span («Spring 1403», «اسفند ۱۴۰۳»)."""
        return self.label_fa() if lang == "fa" else self.label_en(with_gregorian=False)

    def gregorian_span(self) -> str:
        """«Sep–Oct 2024», «Dec 2024–Jan 2025», «2024–2025»."""
        first, last = self.first_day, self.last_day
        if self.periodicity == Periodicity.YEAR:
            return f"{first.year}–{last.year}"
        start = GREGORIAN_MONTHS_EN[first.month - 1]
        end = GREGORIAN_MONTHS_EN[last.month - 1]
        if first.year == last.year:
            return f"{start}–{end} {last.year}"
        return f"{start} {first.year}–{end} {last.year}"


@lru_cache(maxsize=4096)
def _parse_text(text: str) -> Period:
    return Period._parse(text)
