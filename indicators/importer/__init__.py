"""The warehouse import: a tidy table read, validated and written all or nothing.

A file holds one row per observation: `period`, one column per dimension of
the indicator, `value`, and optionally `count` (units behind the value, for
disclosure control) and `flag`. Headers may be Persian or English, by the
code list's code or name or a declared alias. See docs/import.md.

The package, in the order an import runs:
  read      size, encoding, header, width checked first; then chunks (CSV via pandas, XLSX via openpyxl)
  validate  columns to roles, the checkers fed chunk by chunk (checkers: one per column kind);
            checks: the whole-file checks
  stream    write while validating, for files that only add periods (one pass, one transaction)
  plan      compare with what is stored: new, revised, unchanged, removed
  write     deletes and COPY / executemany, inside the caller's transaction
  report    problems with row, column, value, message and fix, in the user's language
  batch     the ImportBatch: progress, heartbeat, final state, stale batches
  run       run_import(), which ties them together and never raises"""

from .batch import fail_stale_batches
from .read import max_bytes
from .report import MAX_LISTED, Problem, Report
from .run import run_import

__all__ = ["MAX_LISTED", "Problem", "Report", "fail_stale_batches", "max_bytes", "run_import"]
