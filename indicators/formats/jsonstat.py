"""JSON-stat 2.0 (https://json-stat.org/format/): one dataset per indicator query.

Values are a dense array in row-major order (the last dimension, the period,
varies fastest); a suppressed or missing cell is null, and `status` says why
(with the portal's own symbols, explained in `extension.status`)."""

from __future__ import annotations

from django.utils import timezone

from ..enums import FLAG_SYMBOLS, Flag
from .cube import TIME, Cube, iter_cells

STATUS_PRIORITY = [Flag.SUPPRESSED, Flag.BREAK, Flag.PROVISIONAL, Flag.ESTIMATED, Flag.REVISED]


def status_symbol(flags) -> str | None:
    symbols = [FLAG_SYMBOLS[f] for f in STATUS_PRIORITY if f.value in flags]
    return " ".join(symbols) or None


def _number(value, decimals: int):
    if value is None:
        return None
    return int(value) if decimals == 0 and value == value.to_integral_value() else float(round(value, decimals))


def dataset(cube: Cube, *, href: str = "", source: str = "") -> dict:
    ind = cube.indicator
    lang = cube.lang
    values = []
    status = {}
    for index, (_key, row) in enumerate(iter_cells(cube)):
        if row is None:
            values.append(None)
            continue
        values.append(_number(row.value, ind.decimals))
        symbol = status_symbol(row.flags)
        if symbol:
            status[str(index)] = symbol
    dimension = {}
    for d in cube.dimensions:
        category = {"index": {c: i for i, c in enumerate(d.categories)}, "label": dict(d.labels)}
        children = {}
        for child, parent in d.parents.items():
            if parent in category["index"] and child in category["index"]:
                children.setdefault(parent, []).append(child)
        if children:
            category["child"] = children
        dimension[d.code] = {"label": d.label, "category": category}
    role = {"time": [TIME]}
    if "province" in cube.ids:
        role["geo"] = ["province"]
    result = {
        "version": "2.0",
        "class": "dataset",
        "label": ind.name(lang),
        "source": source,
        "updated": timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "id": cube.ids,
        "size": cube.size,
        "role": role,
        "dimension": dimension,
        "value": values,
        "status": status,
        "note": [n for n in [ind.notes(lang), "DEMO figures." if ind.is_demo else ""] if n],
        "extension": {
            "indicator": ind.code,
            "unit": ind.unit(lang),
            "decimals": ind.decimals,
            "calendar": "Solar Hijri (Jalali): 1403, 1403-Q2 (quarter), 1403-07 (month)",
            "status": {FLAG_SYMBOLS[f]: str(f.label) for f in STATUS_PRIORITY},
        },
    }
    if href:
        result["href"] = href
    if not result["note"]:
        del result["note"]
    if not status:
        del result["status"]
    return result
