"""A cube: the dimensions, categories and cells of one indicator's observations.

Built from rows of `indicators.query` (released, disclosure-controlled); the
writers (JSON-stat, SDMX-CSV, the table builder's CSV/XLSX) read only this."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product

from iran.periods import Period

from ..enums import Flag
from ..models import Code, Indicator
from ..query import ObservationRow

TIME = "period"

# One symbol per flag, the order also the priority when a cell has several.
SDMX_STATUS = [
    (Flag.SUPPRESSED.value, "Q"),  # CL_OBS_STATUS: missing value, suppressed
    (Flag.BREAK.value, "B"),
    (Flag.PROVISIONAL.value, "P"),
    (Flag.ESTIMATED.value, "E"),
    (Flag.REVISED.value, "R"),
]


def sdmx_status(flags) -> str:
    for flag, code in SDMX_STATUS:
        if flag in flags:
            return code
    return "A"  # normal value


@dataclass
class Dimension:
    code: str  # the code list's code, e.g. "province"
    label: str
    categories: list[str]  # codes in the code list's order
    labels: dict[str, str]
    parents: dict[str, str] = field(default_factory=dict)  # code -> parent code
    total_code: str = ""


@dataclass
class Cube:
    indicator: Indicator
    lang: str
    dimensions: list[Dimension]  # the indicator's dimensions, then the period
    cells: dict[tuple[str, ...], ObservationRow]  # (*codes, period code) -> row

    @property
    def ids(self) -> list[str]:
        return [d.code for d in self.dimensions]

    @property
    def size(self) -> list[int]:
        return [len(d.categories) for d in self.dimensions]

    @property
    def n_cells(self) -> int:
        total = 1
        for n in self.size:
            total *= n
        return total

    def dimension(self, code: str) -> Dimension:
        return next(d for d in self.dimensions if d.code == code)


def period_label(period: Period, lang: str) -> str:
    return period.label(lang)


def build_cube(indicator: Indicator, rows: list[ObservationRow], lang: str, *, categories=None) -> Cube:
    """`categories`: {dimension: [codes]} to keep (e.g. the codes a user chose,
    even those without data); by default the codes present in `rows`.
    Three queries whatever the number of codes: the code lists' codes once."""
    lists = indicator.dimension_lists
    wanted = {cl.code for cl in lists}
    by_list: dict[str, list[tuple[str, str, str | None]]] = {cl.code: [] for cl in lists}
    codes = (
        Code.objects.filter(code_list__code__in=wanted)
        .order_by("code_list__code", "sort_order", "code")
        .values_list("code_list__code", "code", "label_fa", "label_en", "parent__code")
    )
    for list_code, code, fa, en, parent in codes:
        label = (en or fa) if lang == "en" else fa
        by_list[list_code].append((code, label, parent))
    present: dict[str, set[str]] = {cl.code: set() for cl in lists}
    periods: set[Period] = set()
    cells = {}
    for row in rows:
        for dim, code in row.codes.items():
            present[dim].add(code)
        periods.add(row.period)
        cells[(*[row.codes[cl.code] for cl in lists], row.period.code)] = row
    dimensions = []
    for cl in lists:
        keep = set(categories[cl.code]) if categories and cl.code in categories else present[cl.code]
        known = [(c, label, parent) for c, label, parent in by_list[cl.code] if c in keep]
        unknown = sorted(keep - {c for c, _, _ in known})  # codes in data but not (any more) in the list
        dimensions.append(
            Dimension(
                code=cl.code,
                label=cl.name(lang),
                categories=[c for c, _, _ in known] + unknown,
                labels={**{c: label for c, label, _ in known}, **{c: c for c in unknown}},
                parents={c: p for c, _, p in known if p},
                total_code=cl.total_code,
            )
        )
    if categories and TIME in categories:
        periods |= set(categories[TIME])
    ordered = sorted(periods)
    time_label = "Period" if lang == "en" else "دوره"
    dimensions.append(
        Dimension(
            code=TIME,
            label=time_label,
            categories=[p.code for p in ordered],
            labels={p.code: period_label(p, lang) for p in ordered},
        )
    )
    return Cube(indicator=indicator, lang=lang, dimensions=dimensions, cells=cells)


def iter_cells(cube: Cube):
    """Every cell of the cube in row-major order (the last dimension fastest):
    (key, row or None)."""
    for key in product(*[d.categories for d in cube.dimensions]):
        yield key, cube.cells.get(key)
