"""Writing: deletes by id, then the planned rows in bulk — one COPY on PostgreSQL,
fed lazily from a generator so the server stores one block while Python
formats the next; executemany in batches elsewhere. The caller holds the
transaction: any exception here rolls back the deletes too.

The rows come from the validated, compact file (codes from the code lists,
flags from a fixed vocabulary, numbers), so nothing written can hold a tab,
newline or backslash that COPY's text format would misread."""

from __future__ import annotations

import numpy as np
from django.db import connection

from iran.periods import Period

from ..models import DIMENSION_FIELDS, Observation, period_bounds

COLUMNS = [
    "indicator_id",
    "period",
    "period_start",
    "period_end",
    *DIMENSION_FIELDS,
    "value",
    "count",
    "flags",
    "release_id",
    "batch_id",
]
WRITE_CHUNK = 100_000
DELETE_CHUNK = 20_000
NULL = "\\N"


def delete(ids: list[int]):
    for start in range(0, len(ids), DELETE_CHUNK):
        Observation.objects.filter(pk__in=ids[start : start + DELETE_CHUNK])._raw_delete(Observation.objects.db)


def write(clean, plan, indicator_id: int, release_id, batch_id) -> int:
    """Insert the rows the plan keeps; return how many."""
    positions = np.flatnonzero(plan.keep)
    if not len(positions):
        return 0
    if connection.vendor == "postgresql":
        _copy(clean, plan, positions, indicator_id, release_id, batch_id)
    else:
        _executemany(clean, plan, positions, indicator_id, release_id, batch_id)
    return len(positions)


def _text_columns(clean, plan, positions, indicator_id, release_id, batch_id):
    """Yield, per block of rows, the row texts as a few object arrays whose
    tab-joined elements are COPY lines. Repeated parts (period and its bounds,
    codes, flags with the release and batch) are formatted once per distinct value."""
    frame = clean.frame
    periods = np.array(
        [
            f"{indicator_id}\t{code}\t" + "\t".join(map(str, period_bounds(Period.parse(code))))
            for code in clean.periods
        ],
        dtype=object,
    )
    absent = "\t" * (len(DIMENSION_FIELDS) - len(clean.dims))  # d-columns the indicator does not use: ""
    luts = [np.array(dim.categories, dtype=object) for dim in clean.dims]
    if luts:
        luts[-1] = luts[-1] + absent
    else:
        periods = periods + absent
    tail = "\t" + "\t".join(NULL if v is None else str(v) for v in (release_id, batch_id))
    flags = np.array([f + tail for f in clean.flags], dtype=object)
    exact = dict(zip(*_exact_positions(clean), strict=True))
    for start in range(0, len(positions), WRITE_CHUNK):
        block = positions[start : start + WRITE_CHUNK]
        columns = [periods[frame["period"].to_numpy()[block]]]
        columns += [lut[frame[DIMENSION_FIELDS[i]].to_numpy()[block]] for i, lut in enumerate(luts)]
        columns.append(_value_texts(frame["__value"].to_numpy()[block], block, exact))
        columns.append(_count_texts(frame["count"].to_numpy(dtype=float)[block]))
        columns.append(flags[plan.flags[block]])
        yield columns


def _exact_positions(clean):
    if not clean.exact:
        return [], []
    rows = clean.frame["__row"].to_numpy()
    positions = np.flatnonzero(np.isin(rows, list(clean.exact)))
    return positions.tolist(), [clean.exact[int(rows[p])] for p in positions]


def _value_texts(values: np.ndarray, block: np.ndarray, exact: dict) -> np.ndarray:
    texts = np.array(list(map(repr, values.tolist())), dtype=object)  # repr: the shortest exact decimal
    texts[np.isnan(values)] = NULL
    for i in np.flatnonzero(np.isin(block, list(exact))) if exact else ():
        texts[i] = exact[int(block[i])]
    return texts


def _count_texts(counts: np.ndarray) -> np.ndarray:
    missing = np.isnan(counts)
    texts = np.array(list(map(str, np.where(missing, 0, counts).astype(np.int64).tolist())), dtype=object)
    texts[missing] = NULL
    return texts


def _blocks(clean, plan, positions, indicator_id, release_id, batch_id):
    """COPY text, one block of rows at a time."""
    for columns in _text_columns(clean, plan, positions, indicator_id, release_id, batch_id):
        yield "\n".join(map("\t".join, zip(*columns, strict=True))) + "\n"


class _Stream:
    """A file-like view of a generator of blocks, for cursor.copy_expert: each read
    hands over one whole block (psycopg2 sends whatever read returns)."""

    def __init__(self, blocks):
        self.blocks = iter(blocks)

    def read(self, size=-1):
        return next(self.blocks, "")

    readline = read


def _copy(clean, plan, positions, indicator_id, release_id, batch_id):
    sql = f"COPY {Observation._meta.db_table} ({', '.join(COLUMNS)}) FROM STDIN"
    stream = _Stream(_blocks(clean, plan, positions, indicator_id, release_id, batch_id))
    with connection.cursor() as cursor:
        cursor.copy_expert(sql, stream)


def _executemany(clean, plan, positions, indicator_id, release_id, batch_id):
    placeholders = ", ".join(["%s"] * len(COLUMNS))
    sql = f"INSERT INTO {Observation._meta.db_table} ({', '.join(COLUMNS)}) VALUES ({placeholders})"
    with connection.cursor() as cursor:
        for block in _blocks(clean, plan, positions, indicator_id, release_id, batch_id):
            rows = [[None if v == NULL else v for v in line.split("\t")] for line in block.splitlines()]
            cursor.executemany(sql, rows)
