"""Writing while validating: one pass over the file, inside one transaction.

When none of the file's periods holds stored rows yet (a new month, a first
import: the common case and the big one), each chunk is validated and, while
the file is still clean, handed to the write at once, so the database stores
one chunk while Python reads the next (on PostgreSQL one COPY, fed from a
thread). All or nothing still holds: the pass is one transaction, and an error
in a later chunk, a whole-file check that fails (duplicates, totals) or any
exception rolls back every row already sent.

A file that touches a stored period (a revision: the comparison with stored
rows needs the whole file's keys) or repeats a key (the unique constraint
stops the COPY) is rolled back here and read again by the two-pass path in
run.py, which reports it properly."""

from __future__ import annotations

import numpy as np
from django.db import IntegrityError, connection, transaction

from ..models import Observation
from . import write
from .plan import Plan
from .read import open_source
from .report import Report
from .validate import Clean, Validator

try:  # COPY runs on psycopg2's cursor, whose errors Django does not wrap
    from psycopg2 import IntegrityError as DriverIntegrityError
except ImportError:  # pragma: no cover — SQLite only
    DriverIntegrityError = IntegrityError


class TwoPass(Exception):
    """Roll back, and take the two-pass path."""


class _Refused(Exception):
    """Roll back; the report says why."""


def stream_import(handle, name, indicator, sheet, release_id, batch_id, report: Report) -> bool:
    """Validate and write in one pass. True when the file was handled (written,
    or refused with its report); False when the two-pass path must run."""
    try:
        with transaction.atomic():
            _stream(handle, name, indicator, sheet, release_id, batch_id, report)
    except _Refused:
        report.written = False
    except (TwoPass, IntegrityError, DriverIntegrityError):
        return False
    return True


def _stream(handle, name, indicator, sheet, release_id, batch_id, report: Report):
    handle.seek(0)
    source = open_source(handle, name, report, sheet)
    if source is None:
        return
    report.columns = source.headers
    validator = Validator(indicator, source.headers, report)
    if validator.roles is None:
        return
    stored = stored_periods(indicator)
    write.copy_blocks(_blocks(source, validator, stored, indicator.pk, release_id, batch_id))
    clean = validator.finish()
    if clean is None:
        raise _Refused
    report.rows_created = len(clean.frame)
    report.written = True


def _blocks(source, validator: Validator, stored: set[str], indicator_id, release_id, batch_id):
    """COPY text for each valid chunk, until the first error (then the rest is
    only validated, for the report)."""
    report = validator.report
    for chunk in source.chunks:
        if not report.preview:
            report.preview = chunk[list(range(len(source.headers)))].head(10).astype(str).to_numpy().tolist()
        part = validator.feed(chunk)
        if part is None or not report.ok:
            continue
        codes = validator.periods.codes
        if any(codes[i] in stored for i in np.unique(part["period"].to_numpy()) if i >= 0):
            raise TwoPass
        clean = Clean(part, codes, validator.dims, validator.flags.codes, validator.values.exact)
        plan = Plan(np.ones(len(part), dtype=bool), part["flags"].to_numpy(dtype=np.int64), [])
        yield from write.text_blocks(clean, plan, np.arange(len(part)), indicator_id, release_id, batch_id)


def stored_periods(indicator) -> set[str]:
    """The periods that hold rows of the indicator. On PostgreSQL a skip scan
    along the unique key's index (one probe per period, not one per row)."""
    if connection.vendor != "postgresql":
        return set(Observation.objects.filter(indicator=indicator).values_list("period", flat=True).distinct())
    table = Observation._meta.db_table
    sql = f"""
        WITH RECURSIVE p(period) AS (
            (SELECT period FROM {table} WHERE indicator_id = %s ORDER BY period LIMIT 1)
            UNION ALL
            SELECT (SELECT o.period FROM {table} o
                    WHERE o.indicator_id = %s AND o.period > p.period ORDER BY o.period LIMIT 1)
            FROM p WHERE p.period IS NOT NULL
        )
        SELECT period FROM p WHERE period IS NOT NULL"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [indicator.pk, indicator.pk])
        return {row[0] for row in cursor.fetchall()}
