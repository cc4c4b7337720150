"""A table request read from the URL, checked, then turned into a cube.

Every choice is a GET parameter, so the URL of a table is its permanent link:
`indicator`, one parameter per dimension with the chosen codes (none: all),
`from`/`to` (Jalali periods), `cols` (the dimension across the columns),
`show` (value, change, share), `sort`/`dir`. Observations come only through
indicators.query (embargo and disclosure control apply)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from indicators.formats.cube import TIME, Cube, build_cube
from indicators.formats.responses import MAX_CELLS, too_big_message
from indicators.models import Code, Indicator
from indicators.query import get_observations, public_observations
from iran.periods import Period, PeriodError
from iran.text import format_number

SHOW_CHOICES = ("value", "change", "share")


@dataclass
class CodeChoice:
    code: str
    label: str
    depth: int
    is_total: bool
    selected: bool


@dataclass
class DimensionChoice:
    code: str
    label: str
    codes: list[CodeChoice]


@dataclass
class TableRequest:
    indicator: Indicator | None = None
    lang: str = "fa"
    selected: dict[str, list[str]] = field(default_factory=dict)  # only dimensions with a choice
    first: Period | None = None
    last: Period | None = None
    cols: str = TIME
    show: str = "value"
    sort: int | None = None
    descending: bool = False
    errors: list[str] = field(default_factory=list)
    dimensions: list[DimensionChoice] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)  # released periods of the indicator

    @property
    def chosen_periods(self) -> list[Period]:
        return [p for p in self.periods if (not self.first or p >= self.first) and (not self.last or p <= self.last)]

    def n_cells(self) -> int:
        total = len(self.chosen_periods)
        for d in self.dimensions:
            total *= len(self.selected.get(d.code) or d.codes)
        return total


def _codes_param(values: list[str]) -> list[str]:
    return [c.strip() for v in values for c in v.split(",") if c.strip()]


def _dimension_choices(indicator: Indicator, lang: str, selected: dict[str, list[str]]) -> list[DimensionChoice]:
    """The codes of every dimension in one query, with their depth in the code list's tree."""
    lists = indicator.dimension_lists
    rows = (
        Code.objects.filter(code_list__in=lists)
        .order_by("code_list_id", "sort_order", "code")
        .values_list("code_list_id", "code", "label_fa", "label_en", "parent__code")
    )
    by_list: dict[int, list] = {cl.pk: [] for cl in lists}
    for list_id, code, fa, en, parent in rows:
        by_list[list_id].append((code, (en or fa) if lang == "en" else fa, parent))
    choices = []
    for cl in lists:
        parents = {c: p for c, _l, p in by_list[cl.pk]}
        chosen = set(selected.get(cl.code, []))

        def depth(code, parents=parents):
            level, seen = 0, set()
            while parents.get(code) and code not in seen:
                seen.add(code)
                code = parents[code]
                level += 1
            return level

        codes = [
            CodeChoice(code=c, label=label, depth=depth(c), is_total=c == cl.total_code, selected=c in chosen)
            for c, label, _p in by_list[cl.pk]
        ]
        choices.append(DimensionChoice(code=cl.code, label=cl.name(lang), codes=codes))
    return choices


def _released_periods(indicator: Indicator) -> list[Period]:
    codes = public_observations(indicator).order_by().values_list("period", flat=True).distinct()
    return sorted(Period.parse(c) for c in codes)


def parse(params, lang: str) -> TableRequest:
    """Read and check a table request; problems go to `errors` in the user's language."""
    req = TableRequest(lang=lang)
    code = params.get("indicator", "").strip()
    if not code:
        return req
    req.indicator = Indicator.objects.filter(code=code).first()
    if req.indicator is None:
        req.errors.append(_("There is no indicator with the code “%(code)s”.") % {"code": code})
        return req
    dims = req.indicator.dimension_codes
    for dim in dims:
        codes = _codes_param(params.getlist(dim))
        if codes:
            req.selected[dim] = codes
    req.dimensions = _dimension_choices(req.indicator, lang, req.selected)
    for d in req.dimensions:
        known = {c.code for c in d.codes}
        unknown = [c for c in req.selected.get(d.code, []) if c not in known]
        if unknown:
            req.errors.append(
                _("“%(dimension)s” has no code %(codes)s.") % {"dimension": d.label, "codes": ", ".join(unknown)}
            )
    req.periods = _released_periods(req.indicator)
    for name in ("from", "to"):
        text = params.get(name, "").strip()
        if not text:
            continue
        try:
            period = Period.parse(text)
        except PeriodError:
            req.errors.append(_("“%(text)s” is not a period; write e.g. 1403, 1403-Q2 or 1403-07.") % {"text": text})
            continue
        setattr(req, "first" if name == "from" else "last", period)
    if req.first and req.last and req.first > req.last:
        req.errors.append(_("The first period comes after the last one."))
    cols = (params.getlist("cols") or [TIME])[-1]  # a pivot button's value comes last
    req.cols = cols if cols in [*dims, TIME] else TIME
    show = params.get("show", "value")
    req.show = show if show in SHOW_CHOICES else "value"
    sort = params.get("sort", "")
    req.sort = int(sort) if sort.isdigit() else None
    req.descending = params.get("dir") == "desc"
    return req


def check_size(req: TableRequest) -> str | None:
    """A message when the table would be over the cell limit (checked before reading any cell)."""
    n = req.n_cells()
    return too_big_message(n, req.lang) if n > MAX_CELLS else None


# The most cells the page lays out in HTML. A 150,000-cell page took 20–45 s to
# build and render (bench/bench_tables.py) and is unreadable on screen; above this the
# page says so and offers the downloads, which stream whole tables up to MAX_CELLS.
PAGE_CELLS = 10_000


def too_big_to_show(req: TableRequest) -> str | None:
    """The page's message when the table is within MAX_CELLS but too big to lay out."""
    n = req.n_cells()
    if n <= PAGE_CELLS:
        return None
    return _(
        "This table has %(n)s cells: too many to show on this page (at most %(max)s). "
        "Choose fewer codes or a shorter period range, or download the whole table:"
    ) % {"n": format_number(n, req.lang), "max": format_number(PAGE_CELLS, req.lang)}


def build(req: TableRequest) -> Cube:
    """The cube of the request: one query for the cells and one for the labels,
    however many codes are chosen."""
    rows = get_observations(
        req.indicator,
        filters=req.selected or None,
        period_range=(req.first, req.last) if req.first or req.last else None,
    )
    return build_cube(req.indicator, rows, req.lang, categories=dict(req.selected))
