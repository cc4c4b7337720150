"""One cell of a published table, the same for indicator pages, their downloads,
the dashboard and publications: its value (None when suppressed or missing),
its flags, and how it is written.

Symbols: the flags' (enums.FLAG_SYMBOLS), and one for a period that was asked
for but has no data."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from iran.text import format_number

from .enums import FLAG_SYMBOLS, Flag

SYMBOL_NO_DATA = "…"
SYMBOL_SUPPRESSED = FLAG_SYMBOLS[Flag.SUPPRESSED]
# The marks written beside a published value (every flag but «suppressed», which replaces it).
FLAG_MARKS = {str(flag): symbol for flag, symbol in FLAG_SYMBOLS.items() if flag != Flag.SUPPRESSED}


@dataclass(frozen=True)
class Cell:
    value: Decimal | None
    flags: frozenset = frozenset()
    suppressed: bool = False
    missing: bool = False

    def text(self, lang: str, decimals: int) -> str:
        """The value in the language's digits, or the suppression symbol, or «-»."""
        if self.suppressed:
            return SYMBOL_SUPPRESSED
        if self.value is None:
            return "-"
        return format_number(self.value, lang, decimals)

    def plain(self, decimals: int) -> str:
        """Latin digits, no grouping: for downloads."""
        if self.suppressed or self.value is None:
            return ""
        return f"{self.value:.{decimals}f}"

    @property
    def symbols(self) -> str:
        """The flags' symbols, spaced (indicator pages)."""
        return " ".join(FLAG_SYMBOLS[Flag(f)] for f in sorted(self.flags) if f != Flag.SUPPRESSED and f in FLAG_SYMBOLS)

    @property
    def symbol(self) -> str:
        """What stands instead of a value: no data, or suppressed (publications)."""
        if self.missing:
            return SYMBOL_NO_DATA
        if self.suppressed or self.value is None:
            return SYMBOL_SUPPRESSED
        return ""

    @property
    def marks(self) -> str:
        """The flags' marks, run together (publications' tables)."""
        return "".join(sym for flag, sym in FLAG_MARKS.items() if flag in self.flags)


def percent_change(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    """The change from `before` to `now` in percent of |before| (None when either is
    missing or `before` is zero)."""
    if now is None or before is None or not before:
        return None
    return (now - before) / abs(before) * 100
