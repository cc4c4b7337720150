"""What an indicator page, its downloads, the dashboard and the home section show.

Built only from `query.get_observations_many` (public now, disclosure control
applied), so the page, the chart, the downloads and the API agree."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext as _

from iran.periods import Period

from .cells import Cell, percent_change
from .enums import FLAG_SYMBOLS, Flag
from .models.indicators import Indicator
from .query import Keep, ObservationRow, get_observations_many, headline_q, labels_for

MAX_SERIES = 6
CARD_PERIODS = 24


@dataclass
class Series:
    key: tuple  # the codes fixed for this series, one per dimension
    label: str
    points: dict  # Period -> Cell


@dataclass
class Table:
    title: str
    columns: list  # [(code key, label)]
    rows: list  # [(row codes dict, row label, [Cell, ...])]
    row_header: str
    period: Period | None = None


@dataclass
class IndicatorView:
    indicator: Indicator
    lang: str
    rows: list[ObservationRow]
    dims: list[str]
    labels: dict[str, dict[str, str]]
    fixed: dict[str, str] = field(default_factory=dict)  # dimension -> total code fixed for the headline

    # --- slices ---------------------------------------------------------------
    # A view is built once from its rows and never changed: what is derived from
    # them is computed once (a page asks for the series five times).
    @cached_property
    def periods(self) -> list[Period]:
        return sorted({r.period for r in self.rows})

    def series(self) -> list[Series]:
        """The time series shown on the chart: each dimension at its total when the
        data has one, else one series per code (at most MAX_SERIES)."""
        return self._series

    @cached_property
    def _series(self) -> list[Series]:
        groups: dict[tuple, dict] = {}
        for row in self.rows:
            if all(row.codes[d] == c for d, c in self.fixed.items()):
                key = tuple(row.codes[d] for d in self.dims)
                groups.setdefault(key, {})[row.period] = Cell(row.value, row.flags, row.suppressed)
        result = []
        for key in sorted(groups, key=self._code_order)[:MAX_SERIES]:
            free = [self.labels[d].get(c, c) for d, c in zip(self.dims, key, strict=True) if d not in self.fixed]
            label = "، ".join(free) if self.lang == "fa" else ", ".join(free)
            result.append(Series(key=key, label=label or self.indicator.name(self.lang), points=groups[key]))
        return result

    def _code_order(self, key):
        return tuple(self._orders[d].get(c, 999) for d, c in zip(self.dims, key, strict=True))

    @cached_property
    def _orders(self):
        return {d: {c: i for i, c in enumerate(self.labels[d])} for d in self.dims}

    def headline(self) -> Series | None:
        series = self.series()
        return series[0] if series else None

    def latest(self):
        """(period, cell, change vs previous %, change vs a year before %) of the headline series."""
        series = self.headline()
        if not series or not series.points:
            return None
        period = max(series.points)
        cell = series.points[period]
        return {
            "period": period,
            "cell": cell,
            "slice": self.slice_label(series),
            "previous": self._change(series, period, period.previous()),
            "year_before": self._change(series, period, period.year_before()) if int(period.periodicity) > 1 else None,
        }

    @staticmethod
    def _change(series, period, other):
        now, before = series.points.get(period), series.points.get(other)
        if not now or not before or now.value is None or before.value is None:
            return None
        change = {"period": other, "value": before.value, "absolute": now.value - before.value}
        change["percent"] = percent_change(now.value, before.value)
        return change

    def series_table(self) -> Table:
        series = self.series()
        periods = sorted({p for s in series for p in s.points}, reverse=True)
        rows = [
            ({"period": p.code}, p.label(self.lang), [s.points.get(p, Cell(None, missing=True)) for s in series])
            for p in periods
        ]
        return Table(
            title=_("Time series"),
            columns=[(" ".join(s.key), s.label) for s in series],
            rows=rows,
            row_header=_("Period"),
        )

    def province_table(self, period: Period | None = None) -> Table | None:
        """The breakdown by province for one period (latest by default): one row per
        province, one column per code of the next dimension (its total last), or the value."""
        if "province" not in self.dims:
            return None
        headline = self.headline()
        period = period or (max(headline.points) if headline and headline.points else None)
        if period is None:
            return None
        others = [d for d in self.dims if d != "province"]
        column_dim = others[0] if others else None
        fixed = {}
        for extra in others[1:]:  # further dimensions: their total, else their first code
            present = {r.codes[extra] for r in self.rows}
            fixed[extra] = self.fixed.get(extra) or min(present, key=lambda c: self._orders[extra].get(c, 999))
        cells: dict[str, dict] = {}
        column_codes = set()
        for row in self.rows:
            if row.period != period or any(row.codes[d] != c for d, c in fixed.items()):
                continue
            column = row.codes[column_dim] if column_dim else "value"
            column_codes.add(column)
            cells.setdefault(row.codes["province"], {})[column] = Cell(row.value, row.flags, row.suppressed)
        if column_dim:
            total = self.fixed.get(column_dim)
            ordered = sorted(column_codes, key=lambda c: (c == total, self._orders[column_dim].get(c, 999)))
            columns = [(c, self.labels[column_dim].get(c, c)) for c in ordered]
        else:
            columns = [("value", self.indicator.unit(self.lang) or _("Value"))]
        province_total = self.fixed.get("province", "")
        provinces = sorted(cells, key=lambda c: (c == province_total, self.labels["province"].get(c, c)))
        rows = [
            (
                {"province": code},
                self.labels["province"].get(code, code),
                [cells[code].get(c, Cell(None, missing=True)) for c, _label in columns],
            )
            for code in provinces
        ]
        return Table(
            title=_("By province, %(period)s") % {"period": period.label(self.lang)},
            columns=columns,
            rows=rows,
            row_header=_("Province"),
            period=period,
        )

    def slice_label(self, series: Series) -> str:
        """All the codes of a series, e.g. «کل کشور، مرد»."""
        parts = [self.labels[d].get(c, c) for d, c in zip(self.dims, series.key, strict=True)]
        return ("، " if self.lang == "fa" else ", ").join(parts)

    def flags_used(self) -> list[tuple[str, str, str]]:
        """(flag, symbol, explanation) for the flags present in what is shown."""
        present = {f for r in self.rows for f in r.flags}
        return [(f.value, FLAG_SYMBOLS[f], str(f.label)) for f in Flag if f.value in present]

    def status(self):
        """Where the latest value stands against the norm: within, below, above (or None)."""
        latest = self.latest()
        ind = self.indicator
        if not latest or latest["cell"].value is None or (ind.norm_lower is None and ind.norm_upper is None):
            return None
        value = latest["cell"].value
        if ind.norm_lower is not None and value < ind.norm_lower:
            position = "below"
        elif ind.norm_upper is not None and value > ind.norm_upper:
            position = "above"
        else:
            position = "within"
        good = position == "within" or (
            ind.higher_is_better is not None and (position == "above") == bool(ind.higher_is_better)
        )
        labels = {"within": _("Within the norm"), "below": _("Below the norm"), "above": _("Above the norm")}
        return {"position": position, "label": labels[position], "good": good}


def build_view(
    indicator: Indicator,
    lang: str,
    *,
    now=None,
    period: Period | None = None,
    card=False,
    labels=None,
    rows: list[ObservationRow] | None = None,
) -> IndicatorView:
    """What is shown: the headline series (each dimension at its total when the
    data has one) and, for a page, every cell of the province table's period.
    A card shows the headline series of the last CARD_PERIODS periods.

    `rows` and `labels` ({code list: {code: label}}) are read once for many
    cards by `views.cards_for`; otherwise one query reads the indicator's public
    observations (disclosure control applied by `get_observations_many`)."""
    dims = indicator.dimension_codes
    if labels is None or any(d not in labels for d in dims):
        labels = {**labels_for(dims, lang), **(labels or {})}
    labels = {d: labels[d] for d in dims}
    if rows is None:
        last = CARD_PERIODS if card else None
        keep = shown_cells(indicator, card=card, period=period)
        keep = {indicator.code: keep} if keep else None
        rows = get_observations_many([indicator], now=now, last_periods=last, keep=keep)[indicator.code]
    fixed = headline_codes(indicator, rows, labels)
    shown = [r for r in rows if all(r.codes[d] == c for d, c in fixed.items())]
    if not card and "province" in dims:
        table_period = period or (max(r.period for r in shown) if shown else None)
        headline = set(map(id, shown))
        shown += [r for r in rows if r.period == table_period and id(r) not in headline]
    return IndicatorView(indicator=indicator, lang=lang, rows=shown, dims=dims, labels=labels, fixed=fixed)


def shown_cells(indicator: Indicator, *, card=False, period: Period | None = None) -> Keep | None:
    """The cells `build_view` shows, to read only them: the headline series and,
    for a page with a province table, every cell of the table's period (the one
    asked, else the latest of the headline). None (read everything) when a code
    list has no total code; and when no headline cell exists, everything is read
    too, so `headline_codes` decides as on the whole read."""
    cells = headline_q(indicator)
    if cells is None:
        return None
    if card or "province" not in indicator.dimension_codes:
        return Keep(cells, or_whole=True)
    if period is not None:
        return Keep(cells, whole_periods=(period.code,), or_whole=True)
    return Keep(cells, whole_latest=True, or_whole=True)


def headline_codes(indicator: Indicator, rows: list[ObservationRow], labels) -> dict[str, str]:
    """{dimension: code} fixed for the headline series: its total when the data has
    one; with no total and too many codes for lines, the first code present."""
    fixed = {}
    for code_list in indicator.dimension_lists:
        present = {r.codes[code_list.code] for r in rows}
        if code_list.total_code and code_list.total_code in present:
            fixed[code_list.code] = code_list.total_code
            continue
        codes = list(labels[code_list.code])  # the code list's order
        if len(codes) > MAX_SERIES:
            first = next((c for c in codes if c in present), None)
            if first is not None:
                fixed[code_list.code] = first
    return fixed


def sparkline_points(series: Series, width=120, height=32) -> str:
    """SVG polyline points of a series (oldest first), for the dashboard cards."""
    values = [(p, c.value) for p, c in sorted(series.points.items()) if c.value is not None][-24:]
    if len(values) < 2:
        return ""
    numbers = [float(v) for _p, v in values]
    low, high = min(numbers), max(numbers)
    span = (high - low) or 1
    step = width / (len(numbers) - 1)
    return " ".join(f"{i * step:.1f},{height - 2 - (n - low) / span * (height - 4):.1f}" for i, n in enumerate(numbers))
