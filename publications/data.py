"""Statistical tables, charts and headline figures built from observations.

Everything here reads observations only through `indicators.query` (only
public rows; disclosure control and the embargo applied there), so nothing of
an unreleased release can reach a publication. An `ObservationStore` is made
once per rendered page: it fetches the observations of every block on the page
in bulk, so the number of queries does not grow with the number of tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators import query
from indicators.enums import FLAG_SYMBOLS as _FLAG_SYMBOLS
from indicators.enums import Flag
from iran.periods import Period, PeriodError

PERIOD_AXIS = "period"
MAX_TABLE_CELLS = 5000

# Symbols: the indicators app's (so pages and publications agree), and ours
# for a period the editor chose but which has no data.
SYMBOL_NO_DATA = "…"
SYMBOL_SUPPRESSED = _FLAG_SYMBOLS[Flag.SUPPRESSED]
FLAG_SYMBOLS = {str(flag): symbol for flag, symbol in _FLAG_SYMBOLS.items() if flag != Flag.SUPPRESSED}
SYMBOL_MEANINGS = {
    SYMBOL_NO_DATA: gettext_lazy("no data for this period"),
    SYMBOL_SUPPRESSED: gettext_lazy("suppressed to protect confidentiality (too few units)"),
    FLAG_SYMBOLS["provisional"]: gettext_lazy("provisional"),
    FLAG_SYMBOLS["revised"]: gettext_lazy("revised"),
    FLAG_SYMBOLS["estimated"]: gettext_lazy("estimated"),
    FLAG_SYMBOLS["break"]: gettext_lazy("break in series"),
}


class SpecError(ValueError):
    """A table, chart or figure definition that cannot be built."""


# --------------------------------------------------------------------------
# Periods
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


# --------------------------------------------------------------------------
# Indicators (through their public fields only)
def indicator_model():
    from indicators.models import Indicator

    return Indicator


def dimension_codes(indicator) -> list[str]:
    """The code-list codes of an indicator's dimensions, in order."""
    return list(indicator.dimension_codes)


def indicator_choices():
    try:
        Indicator = indicator_model()
        return [(i.code, f"{i.code} — {i.name('fa')}") for i in Indicator.objects.order_by("code")]
    except Exception:  # no table yet (during migrations)
        return []


def axis_choices():
    choices = [(PERIOD_AXIS, _("Period"))]
    try:
        from indicators.models import CodeList

        choices += [(c.code, f"{c.name('fa')} ({c.code})") for c in CodeList.objects.order_by("code")]
    except Exception:
        pass
    return choices


def _lang(lang):
    return (lang or "fa")[:2]


# --------------------------------------------------------------------------
@dataclass(frozen=True)
class Cell:
    value: Decimal | None
    flags: frozenset = frozenset()
    suppressed: bool = False
    missing: bool = False

    @property
    def symbol(self) -> str:
        if self.missing:
            return SYMBOL_NO_DATA
        if self.suppressed or self.value is None:
            return SYMBOL_SUPPRESSED
        return ""

    @property
    def marks(self) -> str:
        return "".join(sym for flag, sym in FLAG_SYMBOLS.items() if flag in self.flags)


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
        from django.utils.html import escape
        from django.utils.safestring import mark_safe

        from iran.text import format_number

        no_data, suppressed = escape(SYMBOL_MEANINGS[SYMBOL_NO_DATA]), escape(SYMBOL_MEANINGS[SYMBOL_SUPPRESSED])
        out = []
        for label, row, is_total in self.body:
            parts = []
            for cell in row:
                marks = f'<sup class="mark">{cell.marks}</sup>' if cell.marks else ""
                if cell.missing:
                    parts.append(f'<td class="num symbol" title="{no_data}">{SYMBOL_NO_DATA}{marks}</td>')
                elif cell.symbol:
                    parts.append(f'<td class="num symbol" title="{suppressed}">{cell.symbol}{marks}</td>')
                else:
                    text = format_number(cell.value, self.lang, self.decimals)
                    parts.append(f'<td class="num">{text}{marks}</td>')
            out.append((label, mark_safe("".join(parts)), is_total))
        return out

    @property
    def symbols_used(self):
        used = set()
        for row in self.cells:
            for cell in row:
                if cell.symbol:
                    used.add(cell.symbol)
                used.update(cell.marks)
        return [(sym, SYMBOL_MEANINGS[sym]) for sym in SYMBOL_MEANINGS if sym in used]

    @property
    def is_empty(self) -> bool:
        return bool(self.unavailable) or all(cell.missing for row in self.cells for cell in row)

    def cell_count(self) -> int:
        return len(self.rows) * len(self.columns)


class ObservationStore:
    """Observations of the indicators a page shows, fetched once per page.

    `prefetch` reads every wanted indicator's public observations in ONE query
    (plus one for the indicators and their dimensions), whatever the number of
    blocks; code labels and code-list names are read in one query each."""

    def __init__(self, now=None, lang="fa"):
        self.now = now or timezone.now()
        self.lang = _lang(lang)
        self._indicators: dict[str, object] = {}
        self._rows: dict[str, list] = {}
        self._labels: dict[tuple[str, str], dict[str, str]] = {}
        self._list_names: dict[str, str] = {}

    # -- indicators ---------------------------------------------------
    def load_indicators(self, codes):
        missing = {c for c in codes if c and c not in self._indicators}
        if not missing:
            return
        found = query.indicators_by_code(missing)
        for indicator in found.values():
            for code_list in indicator.dimension_lists:
                self._list_names.setdefault(code_list.code, code_list.name(self.lang))
        for code in missing:
            self._indicators[code] = found.get(code)

    def indicator(self, code):
        self.load_indicators([code])
        return self._indicators.get(code)

    # -- observations ---------------------------------------------------
    def prefetch(self, indicator_codes):
        """Fetch, in one query, the public observations of these indicators."""
        codes = list(dict.fromkeys(c for c in indicator_codes if c))
        self.load_indicators(codes)
        wanted = [self._indicators[c] for c in codes if self._indicators.get(c) and c not in self._rows]
        if not wanted:
            return
        rows = query.get_observations_many(wanted, now=self.now)
        for indicator in wanted:
            self._rows[indicator.code] = rows.get(indicator.code, [])
        self.prefetch_labels({dim for indicator in wanted for dim in dimension_codes(indicator)})

    def rows(self, indicator_code):
        if indicator_code not in self._rows:
            self.prefetch([indicator_code])
        return self._rows.get(indicator_code, [])

    def labels(self, code_list: str) -> dict[str, str]:
        if (code_list, self.lang) not in self._labels:
            self.prefetch_labels([code_list])
        return self._labels[(code_list, self.lang)]

    def prefetch_labels(self, code_lists):
        wanted = [c for c in dict.fromkeys(code_lists) if c and (c, self.lang) not in self._labels]
        for code_list, labels in query.labels_for(wanted, self.lang).items():
            self._labels[(code_list, self.lang)] = labels

    def axis_label(self, axis) -> str:
        if not axis:
            return ""
        if axis == PERIOD_AXIS:
            return _("Period")
        return self._list_names.get(axis, axis)


# --------------------------------------------------------------------------
def _matches(row, filters):
    return all(row.codes.get(dim) in codes for dim, codes in filters.items())


def effective_filters(indicator, filters, scope_filters):
    """The block's filters with the publication's scope (a province, an
    organisation) laid over them. Returns None when the indicator has no
    dimension for the scope (the table does not exist for that province)."""
    dims = dimension_codes(indicator)
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
    data = [r for r in store.rows(indicator_code) if (not period_set or r.period in period_set) and _matches(r, merged)]

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


def too_big_message(cells: int) -> str:
    return _(
        "This table would have %(cells)s cells; the limit is %(limit)s. Choose fewer periods or filter a dimension "
        "to fewer codes, or split it into several tables."
    ) % {"cells": f"{cells:,}", "limit": f"{MAX_TABLE_CELLS:,}"}


# --------------------------------------------------------------------------
@dataclass
class Headline:
    figure_id: str
    label: str
    indicator: object
    period: Period | None
    value: Decimal | None
    previous_period: Period | None
    previous_value: Decimal | None
    unit: str
    decimals: int
    flags: frozenset = frozenset()
    suppressed: bool = False

    @property
    def change(self) -> Decimal | None:
        if self.value is None or self.previous_value is None:
            return None
        return self.value - self.previous_value

    @property
    def change_percent(self) -> Decimal | None:
        if self.change is None or not self.previous_value:
            return None
        return (self.change / abs(self.previous_value) * 100).quantize(Decimal("0.1"))

    @property
    def direction(self) -> str:
        if self.change is None:
            return ""
        return "up" if self.change > 0 else "down" if self.change < 0 else "same"


def build_headline(
    store, *, figure_id, indicator_code, filters, scope_filters=None, period=None, compare="previous", label=""
):
    indicator = store.indicator(indicator_code)
    if indicator is None:
        raise SpecError(_("There is no indicator with the code «%(code)s».") % {"code": indicator_code})
    merged = with_totals(indicator, effective_filters(indicator, filters, scope_filters) or {}, ())
    data = [r for r in store.rows(indicator_code) if _matches(r, merged)]
    by_period = {}
    for row in data:
        by_period.setdefault(row.period, row)
    if period is None:
        usable = sorted(by_period)
        period = usable[-1] if usable else None
    current = by_period.get(period) if period else None
    previous_period = None
    if period is not None:
        previous_period = period.year_before() if compare == "year_before" else period.previous()
    previous = by_period.get(previous_period) if previous_period else None
    return Headline(
        figure_id=figure_id,
        label=label or indicator.name(store.lang),
        indicator=indicator,
        period=period if current else None,
        value=current.value if current and not current.suppressed else None,
        previous_period=previous_period,
        previous_value=previous.value if previous and not previous.suppressed else None,
        unit=indicator.unit(store.lang) or "",
        decimals=indicator.decimals or 0,
        flags=frozenset(current.flags) if current else frozenset(),
        suppressed=bool(current and current.suppressed),
    )
