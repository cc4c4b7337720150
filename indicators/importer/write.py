"""Writing: deletes by id, then the planned rows in bulk — one COPY on PostgreSQL,
fed lazily from a generator so the server stores one block while Python
formats the next; executemany in batches elsewhere. The caller holds the
transaction: any exception here rolls back the deletes too.

The rows come from the validated, compact file (codes from the code lists,
flags from a fixed vocabulary, numbers), so nothing written can hold a tab,
newline or backslash that COPY's text format would misread."""

from __future__ import annotations

import queue
import threading

import numpy as np
from django.db import connection
from django.utils import translation

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


def text_blocks(clean, plan, positions, indicator_id, release_id, batch_id):
    """The COPY text of the rows at `positions`, block by block (for stream.py)."""
    return _blocks(clean, plan, positions, indicator_id, release_id, batch_id)


def copy_blocks(blocks):
    """Store COPY-text blocks as they come. On PostgreSQL one COPY, the blocks
    made in a thread meanwhile (the server stores one block while Python reads
    and checks the next); elsewhere executemany per block."""
    sql = f"COPY {Observation._meta.db_table} ({', '.join(COLUMNS)}) FROM STDIN"
    if connection.vendor != "postgresql":
        _insert_blocks(blocks)
        return
    ahead = _Ahead(blocks)
    try:
        with connection.cursor() as cursor:
            cursor.copy_expert(sql, ahead)
    except Exception as exc:
        if ahead.failure is not None:  # the driver says "error in .read() call": raise what it was
            raise ahead.failure from exc
        raise
    finally:
        ahead.stop()


class _Ahead:
    """A file-like reader over a generator run in a thread, two blocks ahead.
    An exception in the generator is raised from read(), which aborts the COPY;
    the driver wraps it, so copy_blocks raises the original again."""

    DONE = object()

    def __init__(self, blocks):
        self.queue = queue.Queue(maxsize=2)
        self.failure = None
        self.stopping = threading.Event()
        language = translation.get_language()
        self.thread = threading.Thread(target=self._run, args=(blocks, language), daemon=True)
        self.thread.start()

    def _run(self, blocks, language):
        try:
            with translation.override(language):  # the report's messages, in the user's language
                for block in blocks:
                    if not self._put(block):
                        return
        except BaseException as exc:  # handed to the reading side
            self._put(exc)
            return
        self._put(self.DONE)

    def _put(self, item) -> bool:
        while not self.stopping.is_set():
            try:
                self.queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def read(self, size=-1):
        item = self.queue.get()
        if item is self.DONE:
            self.queue.put(item)  # the driver may read again after the end
            return ""
        if isinstance(item, BaseException):
            self.failure = item
            raise item
        return item

    readline = read

    def stop(self):
        self.stopping.set()
        self.thread.join()


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
    _insert_blocks(_blocks(clean, plan, positions, indicator_id, release_id, batch_id))


def _insert_blocks(blocks):
    placeholders = ", ".join(["%s"] * len(COLUMNS))
    sql = f"INSERT INTO {Observation._meta.db_table} ({', '.join(COLUMNS)}) VALUES ({placeholders})"
    with connection.cursor() as cursor:
        for block in blocks:
            rows = [[None if v == NULL else v for v in line.split("\t")] for line in block.splitlines()]
            cursor.executemany(sql, rows)
