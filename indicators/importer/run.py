"""One import from start to end: read → validate → plan → write → report.

A file that only adds periods is written while it is validated, in one pass
and one transaction (stream.py): an error anywhere rolls it all back. Any
other file (a revision, a dry run, a repeated key) takes two passes: it is
validated completely (chunk by chunk) before anything is written, because the
comparison with stored rows (revised, unchanged, removed) needs the whole
file's keys; then the plan and the write are one transaction. Any exception,
anywhere, becomes a report line: the batch always ends failed, validated or
done, never "running"."""

from __future__ import annotations

import logging
import os
import time
from contextlib import contextmanager

import pandas as pd
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from ..models import ImportBatch, Indicator
from . import batch as batches
from .plan import make_plan
from .read import file_size, max_bytes, open_source, report_bad_encoding
from .report import Report
from .stream import stream_import
from .validate import Validator
from .write import delete, write

log = logging.getLogger(__name__)


def run_import(
    source,
    *,
    indicator: Indicator,
    name: str = "",
    release=None,
    sheet: str = "",
    dry_run: bool = False,
    language: str = "fa",
    batch: ImportBatch | None = None,
) -> Report:
    """Read, validate and (unless dry_run or invalid) write one file. Never partial, never raises."""
    report = Report(language=language)
    name = name or (os.path.basename(source) if isinstance(source, (str, os.PathLike)) else "")
    with translation.override(language):
        try:
            _run(source, name, indicator, release, sheet, dry_run, report, batch)
        except Exception as exc:  # reported, never a 500 or a stuck batch
            log.exception("import of %s into %s failed", name, indicator.code)
            report.written = False
            _report_exception(report, exc)
        report.errors.sort(key=lambda p: p.row or 0)
        report.warnings.sort(key=lambda p: p.row or 0)
        if batch is not None:
            batches.save(batch, report, dry_run)
    return report


@contextmanager
def _timed(report: Report, step: str):
    start = time.perf_counter()
    yield
    report.timings[step] = report.timings.get(step, 0.0) + time.perf_counter() - start


def _run(source, name, indicator, release, sheet, dry_run, report: Report, batch):
    size = file_size(source)
    if size > max_bytes():
        _too_large(report, size)
        return
    if size == 0:
        report.error("empty", None, "", "", _("The file is empty."), _("Export the table again from the warehouse."))
        return
    handle = open(source, "rb") if isinstance(source, (str, os.PathLike)) else source  # noqa: SIM115
    try:
        if not dry_run and _one_pass(handle, name, indicator, release, sheet, report, batch):
            return
        with _timed(report, "read+validate"):
            clean = _read_and_validate(handle, name, size, indicator, sheet, report, batch)
    finally:
        if handle is not source:
            handle.close()
    if clean is None:
        return
    batches.progress(batch, 60)
    with _timed(report, "transaction"), transaction.atomic():  # compare and write, plus the commit's checks
        if batch is not None and batch.pk is None:
            batch.save()
        with _timed(report, "compare"):
            plan = make_plan(clean, indicator, report)
        if dry_run or not (plan.keep.any() or plan.deletes):
            return
        with _timed(report, "write"):
            delete(plan.deletes)
            write(clean, plan, indicator.pk, getattr(release, "pk", release), getattr(batch, "pk", None))
        report.written = True


def _one_pass(handle, name, indicator, release, sheet, report: Report, batch) -> bool:
    """Write while validating (stream.py); False when the file needs two passes."""
    if batch is not None and batch.pk is None:
        batch.save()
    batches.progress(batch, 10)
    with _timed(report, "one pass"):
        done = stream_import(
            handle, name, indicator, sheet, getattr(release, "pk", release), getattr(batch, "pk", None), report
        )
    if not done:
        report.restart()
    return done


def _read_and_validate(handle, name, size, indicator, sheet, report: Report, batch):
    handle.seek(0)
    source = open_source(handle, name, report, sheet)
    if source is None:
        return None
    report.columns = source.headers
    validator = Validator(indicator, source.headers, report)
    if validator.roles is None:
        return None
    for chunk in source.chunks:
        if not report.preview:
            report.preview = chunk[list(range(len(source.headers)))].head(10).astype(str).to_numpy().tolist()
        validator.feed(chunk)
        batches.progress(batch, 5 + int(45 * min(1.0, _position(handle) / size)))
    return validator.finish()


def _position(handle) -> int:
    try:
        return handle.tell()
    except (OSError, ValueError):
        return 0


def _too_large(report: Report, size: int):
    report.error(
        "too_large",
        None,
        "",
        f"{size / 1024 / 1024:.0f} MB",
        _("The file is larger than the %(limit)s MB allowed; it was not read.") % {"limit": max_bytes() // 2**20},
        _("Split it by period (for example one file per year) and import each part."),
    )


def _report_exception(report: Report, exc: Exception):
    if isinstance(exc, UnicodeDecodeError):
        report_bad_encoding(report)
    elif isinstance(exc, pd.errors.ParserError | pd.errors.EmptyDataError):
        report.error(
            "csv",
            None,
            "",
            str(exc)[:80],
            _("The file is not a well-formed CSV table."),
            _("Check that every row has the same number of columns, then export it again."),
        )
    else:
        report.error(
            "internal",
            None,
            "",
            f"{type(exc).__name__}: {exc}"[:80],
            _("The import stopped on an unexpected problem; nothing was changed."),
            _("Check the file (or send it to the portal's administrators) and import it again."),
        )
