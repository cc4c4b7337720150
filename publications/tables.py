"""Statistical tables (and the data of charts) built from a page's observations.

Symbols are the indicators app's, so pages and publications agree, plus ours
for a period the editor chose but which has no data."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.cells import FLAG_MARKS, SYMBOL_NO_DATA, SYMBOL_SUPPRESSED, Cell
from indicators.disclosure import FOOTNOTE
from iran.periods import Period
from iran.text import ARABIC_DECIMAL_SEPARATOR, ARABIC_THOUSANDS_SEPARATOR, PERSIAN_DIGITS, format_number

from .specs import MAX_TABLE_CELLS, PERIOD_AXIS, SpecError, effective_filters, too_big_message, with_totals
from .store import ObservationStore

SYMBOL_MEANINGS = {
    SYMBOL_NO_DATA: gettext_lazy("no data for this period"),
    SYMBOL_SUPPRESSED: FOOTNOTE,  # the one wording, small and complementary cells alike
    FLAG_MARKS["provisional"]: gettext_lazy("provisional"),
    FLAG_MARKS["revised"]: gettext_lazy("revised"),
    FLAG_MARKS["estimated"]: gettext_lazy("estimated"),
    FLAG_MARKS["break"]: gettext_lazy("break in series"),
}


# iran.text.format_number's Persian replacements, in one pass (they do not overlap).
_PERSIAN = str.maketrans(
    {",": ARABIC_THOUSANDS_SEPARATOR, ".": ARABIC_DECIMAL_SEPARATOR, "-": "\u2212"}
    | {str(digit): persian for digit, persian in enumerate(PERSIAN_DIGITS)}
)


def cell_number(value, lang, decimals: int) -> str:
    """format_number(value, lang, decimals) for a cell's Decimal, without its
    conversions: a table formats hundreds of them."""
    if type(value) is not Decimal or decimals is None:
        return format_number(value, lang, decimals)
    text = f"{value:,.{decimals}f}"
    return text.translate(_PERSIAN) if lang == "fa" else text


def cell_marks(cell) -> str:
    """Cell.marks, without looking for marks when the cell has no flags."""
    return cell.marks if cell.flags else ""


@dataclass
class TableData:
    title: str
    indicator: object
    unit: str
    decimals: int
    row_axis: str
    column_axis: str
    row_axis_label: str
    column_axis_label: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    columns: list[tuple[str, str]] = field(default_factory=list)
    cells: list[list[Cell]] = field(default_factory=list)
    unavailable: str = ""
    source: str = ""
    notes: str = ""

    total_codes: frozenset = frozenset()

    lang: str = "fa"

    @property
    def body(self):
        """(label, cells, is_total) for each row."""
        return [
            (label, row, code in self.total_codes) for (code, label), row in zip(self.rows, self.cells, strict=True)
        ]

    @property
    def html_body(self):
        """(label, the row's <td> cells as safe HTML, is_total): formatted in
        Python once, because a template tag per cell is what makes big tables slow."""
        no_data, suppressed = escape(SYMBOL_MEANINGS[SYMBOL_NO_DATA]), escape(SYMBOL_MEANINGS[SYMBOL_SUPPRESSED])
        decimals = self.decimals
        out = []
        for label, row, is_total in self.body:
            parts = []
            for cell in row:
                marks = cell_marks(cell)
                marks = f'<sup class="mark">{marks}</sup>' if marks else ""
                if cell.missing:
                    parts.append(f'<td class="num symbol" title="{no_data}">{SYMBOL_NO_DATA}{marks}</td>')
                elif cell.suppressed or cell.value is None:
                    parts.append(f'<td class="num symbol" title="{suppressed}">{SYMBOL_SUPPRESSED}{marks}</td>')
                else:
                    text = cell_number(cell.value, self.lang, decimals)
                    parts.append(f'<td class="num">{text}{marks}</td>')
            out.append((label, mark_safe("".join(parts)), is_total))
        return out

    @property
    def symbols_used(self):
        used = set()
        for row in self.cells:
            for cell in row:
                if cell.missing:
                    used.add(SYMBOL_NO_DATA)
                elif cell.suppressed or cell.value is None:
                    used.add(SYMBOL_SUPPRESSED)
                used.update(cell_marks(cell))
        return [(sym, SYMBOL_MEANINGS[sym]) for sym in SYMBOL_MEANINGS if sym in used]

    @property
    def is_empty(self) -> bool:
        return bool(self.unavailable) or all(cell.missing for row in self.cells for cell in row)

    def cell_count(self) -> int:
        return len(self.rows) * len(self.columns)


def row_matches(row, filters):
    return all(row.codes.get(dim) in codes for dim, codes in filters.items())


def build_table(
    store: ObservationStore,
    *,
    indicator_code: str,
    rows: str,
    columns: str,
    periods: list[Period],
    filters: dict[str, list[str]] | None = None,
    scope_filters: dict[str, list[str]] | None = None,
    title: str = "",
    source: str = "",
    notes: str = "",
) -> TableData:
    lang = store.lang
    indicator = store.indicator(indicator_code)
    if indicator is None:
        raise SpecError(_("There is no indicator with the code «%(code)s».") % {"code": indicator_code})
    table = TableData(
        lang=lang,
        title=title or indicator.name(lang),
        indicator=indicator,
        unit=indicator.unit(lang) or "",
        decimals=indicator.decimals or 0,
        row_axis=rows,
        column_axis=columns,
        row_axis_label=store.axis_label(rows),
        column_axis_label=store.axis_label(columns),
        source=source,
        notes=notes,
    )
    merged = effective_filters(indicator, filters, scope_filters)
    if merged is None:
        table.unavailable = _("This table is not published at this geographic or organisational level.")
        return table
    merged = with_totals(indicator, merged, (rows, columns))
    period_set = set(periods)
    data = [
        r for r in store.rows(indicator_code) if (not period_set or r.period in period_set) and row_matches(r, merged)
    ]

    def axis_members(axis):
        if axis == PERIOD_AXIS:
            chosen = periods or sorted({r.period for r in data})
            return [(p.code, p.label(lang)) for p in chosen]
        labels = store.labels(axis)
        if axis in merged:
            return [(code, labels.get(code, code)) for code in merged[axis]]
        present = {r.codes.get(axis) for r in data}
        ordered = [(code, label) for code, label in labels.items() if code in present]
        ordered += [(code, code) for code in sorted(c for c in present if c and c not in labels)]
        return ordered

    table.rows = axis_members(rows) if rows else [("", table.title)]
    table.total_codes = frozenset(
        cl.total_code for cl in indicator.dimension_lists if cl.code == rows and cl.total_code
    )
    table.columns = axis_members(columns) if columns else [("", table.unit or _("Value"))]
    if table.cell_count() > MAX_TABLE_CELLS:
        raise SpecError(too_big_message(table.cell_count()))

    def key(row, axis):
        if not axis:
            return ""
        return row.period.code if axis == PERIOD_AXIS else row.codes.get(axis)

    index = {}
    for row in data:
        index.setdefault((key(row, rows), key(row, columns)), row)
    table.cells = [
        [_cell(index.get((row_code, col_code))) for col_code, _label in table.columns] for row_code, _l in table.rows
    ]
    return table


def _cell(row) -> Cell:
    if row is None:
        return Cell(None, missing=True)
    return Cell(row.value, frozenset(row.flags or ()), bool(row.suppressed) or row.value is None)
