"""Choropleth maps of Iran's 31 provinces, drawn on the server as inline SVG.

Boundaries: `iran_provinces.json`, simplified SVG paths (one decimal) taken from
the npm package react-iran-map 0.1.3, MIT licence (LICENSE-react-iran-map.txt
beside this file), keyed by the Statistical Centre of Iran's province codes.
A schematic map for showing figures, not a survey of borders."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from iran.text import format_number

# Five classes of a sequential blue scale (ColorBrewer Blues), light to dark; readable on white.
COLOURS = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
NO_DATA = "#e0e0e0"


@cache
def boundaries() -> dict:
    return json.loads((Path(__file__).parent / "iran_provinces.json").read_text(encoding="utf-8"))


@dataclass
class Area:
    code: str
    label: str
    d: str
    fill: str
    text: str  # the value as shown, or "no data"


@dataclass
class LegendItem:
    colour: str
    text: str


@dataclass
class ProvinceMap:
    view_box: str
    areas: list[Area]
    legend: list[LegendItem]
    title: str


def _breaks(values: list[Decimal], n: int = len(COLOURS)) -> list[Decimal]:
    """Quantile class limits (the upper bound of each class but the last)."""
    ordered = sorted(values)
    return [ordered[min(len(ordered) - 1, (len(ordered) * (i + 1)) // n)] for i in range(n - 1)]


def province_map(
    values: dict[str, Decimal | None], labels: dict[str, str], *, lang: str, decimals: int, title: str, no_data: str
):
    """`values`: province code -> value (None: suppressed or missing). None when no
    province of the map has a value."""
    shapes = boundaries()["provinces"]
    present = [v for c, v in values.items() if c in shapes and v is not None]
    if not present:
        return None
    breaks = _breaks(present)

    def colour(value):
        if value is None:
            return NO_DATA
        for i, limit in enumerate(breaks):
            if value < limit:
                return COLOURS[i]
        return COLOURS[-1]

    areas = []
    for code, shape in shapes.items():
        value = values.get(code)
        text = format_number(value, lang, decimals) if value is not None else no_data
        areas.append(
            Area(code=code, label=labels.get(code, shape["name_fa"]), d=shape["d"], fill=colour(value), text=text)
        )
    low = min(present)
    limits = [low, *breaks, max(present)]
    legend = []
    for i, col in enumerate(COLOURS):
        a, b = limits[i], limits[i + 1]
        if i > 0 and a == limits[i - 1] and b == a:
            continue  # an empty class (many equal values)
        legend.append(LegendItem(col, f"{format_number(a, lang, decimals)} – {format_number(b, lang, decimals)}"))
    legend.append(LegendItem(NO_DATA, no_data))
    return ProvinceMap(view_box=boundaries()["viewBox"], areas=areas, legend=legend, title=title)
