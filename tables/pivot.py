"""Lay a cube out as a two-way table: one dimension across the columns, the
others down the rows; optionally change on the previous period or share of the
column total instead of values; optionally sorted by one column."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import product

from indicators.enums import FLAG_SYMBOLS, Flag
from indicators.formats.cube import TIME, Cube

SYMBOL_ORDER = [Flag.SUPPRESSED, Flag.BREAK, Flag.PROVISIONAL, Flag.ESTIMATED, Flag.REVISED]


@dataclass
class Cell:
    value: Decimal | None
    symbols: str
    suppressed: bool


@dataclass
class Row:
    keys: tuple[str, ...]  # codes of the row dimensions
    labels: list[str]
    cells: list[Cell | None]
    is_total: bool


@dataclass
class Pivot:
    row_dims: list  # Dimension
    col_dim: object  # Dimension
    rows: list[Row]
    show: str


def _symbols(flags) -> str:
    return " ".join(FLAG_SYMBOLS[f] for f in SYMBOL_ORDER if f.value in flags)


def _cell(row) -> Cell | None:
    if row is None:
        return None
    return Cell(value=row.value, symbols=_symbols(row.flags), suppressed=row.suppressed)


def _percent(part, whole) -> Decimal | None:
    if part is None or whole in (None, 0):
        return None
    return (Decimal(part) / Decimal(whole) * 100).quantize(Decimal("0.1"))


def pivot(cube: Cube, cols: str = TIME, show: str = "value", sort: int | None = None, descending=False) -> Pivot:
    col_dim = cube.dimension(cols)
    row_dims = [d for d in cube.dimensions if d.code != cols]
    col_pos = cube.ids.index(cols)
    periods = cube.dimension(TIME).categories
    period_pos = cube.ids.index(TIME)
    period_index = {p: i for i, p in enumerate(periods)}

    def key_of(row_key, col_code):
        key = list(row_key)
        key.insert(col_pos, col_code)
        return tuple(key)

    rows = []
    for row_key in product(*[d.categories for d in row_dims]):
        cells = []
        for col_code in col_dim.categories:
            key = key_of(row_key, col_code)
            cell = _cell(cube.cells.get(key))
            if show == "change" and cell is not None:
                at = period_index[key[period_pos]]
                before = None
                if at > 0:
                    earlier = list(key)
                    earlier[period_pos] = periods[at - 1]
                    before = cube.cells.get(tuple(earlier))
                base = before.value if before is not None else None
                cell = Cell(
                    value=None if cell.value is None else _percent(cell.value - base, base) if base else None,
                    symbols=cell.symbols,
                    suppressed=cell.suppressed,
                )
            cells.append(cell)
        is_total = any(d.total_code and code == d.total_code for d, code in zip(row_dims, row_key, strict=True))
        rows.append(
            Row(
                keys=row_key,
                labels=[d.labels.get(c, c) for d, c in zip(row_dims, row_key, strict=True)],
                cells=cells,
                is_total=is_total,
            )
        )
    if show == "share":
        # Share of the column's sum over the rows that are not totals.
        for i in range(len(col_dim.categories)):
            whole = sum(
                (r.cells[i].value for r in rows if not r.is_total and r.cells[i] and r.cells[i].value), Decimal(0)
            )
            for r in rows:
                c = r.cells[i]
                if c is not None and c.value is not None:
                    r.cells[i] = Cell(value=_percent(c.value, whole), symbols=c.symbols, suppressed=c.suppressed)
    if sort is not None and 0 <= sort < len(col_dim.categories):
        present = [r for r in rows if r.cells[sort] is not None and r.cells[sort].value is not None]
        kept = {id(r) for r in present}
        missing = [r for r in rows if id(r) not in kept]
        present.sort(key=lambda r: r.cells[sort].value, reverse=descending)
        rows = present + missing
    return Pivot(row_dims=row_dims, col_dim=col_dim, rows=rows, show=show)
