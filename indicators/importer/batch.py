"""The ImportBatch as the import runs: progress with a heartbeat, the final report,
and batches whose process died marked failed instead of "running" forever."""

from __future__ import annotations

import os
import socket
from datetime import timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..enums import ImportStatus
from ..models import ImportBatch
from .report import Report


def stale_after() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "INDICATORS_IMPORT_STALE_SECONDS", 3600)))


def this_worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def start(batch: ImportBatch):
    """Claim the batch for this process (who runs it is what the stale check asks)."""
    fields = {"status": ImportStatus.RUNNING, "progress": 5, "heartbeat_at": timezone.now(), "worker": this_worker()}
    ImportBatch.objects.filter(pk=batch.pk).update(**fields)
    for name, value in fields.items():
        setattr(batch, name, value)


def progress(batch: ImportBatch | None, value: int):
    if batch is not None and batch.pk:
        batch.progress = value
        ImportBatch.objects.filter(pk=batch.pk).update(progress=value, heartbeat_at=timezone.now())


def save(batch: ImportBatch, report: Report, dry_run: bool):
    batch.rows_total = report.rows_total
    batch.rows_created = report.rows_created
    batch.rows_revised = report.rows_revised
    batch.rows_unchanged = report.rows_unchanged
    batch.rows_deleted = report.rows_deleted
    batch.errors = [p.as_dict() for p in report.errors]
    batch.warnings = [p.as_dict() for p in report.warnings]
    if report.error_count > len(report.errors):
        batch.errors.append({"more": report.error_count - len(report.errors)})
    batch.periods = report.periods
    batch.columns = report.columns
    batch.preview = report.preview
    batch.dry_run = dry_run
    if not report.ok:
        batch.status = ImportStatus.FAILED
    elif dry_run:
        batch.status = ImportStatus.VALIDATED
    else:
        batch.status = ImportStatus.DONE
    batch.progress = 100
    batch.finished_at = timezone.now()
    batch.save()


def _is_dead(batch: ImportBatch, now) -> bool:
    host, _sep, pid = (batch.worker or "").rpartition(":")
    if host == socket.gethostname() and pid.isdigit():
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            pass  # alive, another user's
    return (batch.heartbeat_at or batch.created_at) < now - stale_after()


def fail_stale_batches() -> int:
    """Mark failed every running batch whose process died (same host: its pid is
    gone) or that has not reported for INDICATORS_IMPORT_STALE_SECONDS. Its write,
    if it had started, was rolled back with the process: the report says so."""
    now = timezone.now()
    failed = 0
    for batch in ImportBatch.objects.filter(status=ImportStatus.RUNNING):
        if not _is_dead(batch, now):
            continue
        with translation.override(batch.language or "fa"):
            line = {
                "row": None,
                "column": "",
                "value": "",
                "message": _("The import stopped without finishing (its process ended); nothing was changed."),
                "fix": _("Start the import again."),
                "kind": "stopped",
            }
        updated = ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.RUNNING).update(
            status=ImportStatus.FAILED, errors=[*batch.errors, line], finished_at=now, progress=100
        )
        failed += updated
    return failed
