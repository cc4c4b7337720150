"""SDMX-CSV 2.0: one row per observation (not per cell of the cube).

Columns: STRUCTURE, STRUCTURE_ID, one per dimension (the code list's code in
capitals), TIME_PERIOD (Jalali period code), OBS_VALUE (a plain number, empty
when suppressed), OBS_STATUS (CL_OBS_STATUS: A normal, P provisional, E
estimated, B break, R revised, Q suppressed) and OBS_CONF (C confidential, F free)."""

from __future__ import annotations

import csv
import io

from ..enums import Flag
from .cube import TIME, Cube, sdmx_status

AGENCY = "IR.MCLS"
VERSION = "1.0"


def structure_id(indicator) -> str:
    return f"{AGENCY}:DF_{indicator.code.upper().replace('-', '_')}({VERSION})"


def header(cube: Cube) -> list[str]:
    dims = [d.code.upper() for d in cube.dimensions if d.code != TIME]
    return ["STRUCTURE", "STRUCTURE_ID", *dims, "TIME_PERIOD", "OBS_VALUE", "OBS_STATUS", "OBS_CONF"]


def _value(value, decimals: int) -> str:
    return "" if value is None else f"{value:.{decimals}f}"


def rows(cube: Cube):
    sid = structure_id(cube.indicator)
    decimals = cube.indicator.decimals
    positions = [{c: i for i, c in enumerate(d.categories)} for d in cube.dimensions]
    for key in sorted(cube.cells, key=lambda k: tuple(positions[i].get(c, -1) for i, c in enumerate(k))):
        row = cube.cells[key]
        yield [
            "dataflow",
            sid,
            *key[:-1],
            key[-1],
            _value(row.value, decimals),
            sdmx_status(row.flags),
            "C" if Flag.SUPPRESSED.value in row.flags else "F",
        ]


def write(cube: Cube) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header(cube))
    writer.writerows(rows(cube))
    return buffer.getvalue()
