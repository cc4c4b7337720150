"""Background work: large warehouse files are checked and imported by the worker."""

from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from .importer import batch as batches
from .importer import fail_stale_batches, run_import
from .importer.report import Report
from .models import ImportBatch


@task()
def run_batch(batch_id: int, dry_run: bool) -> str:
    fail_stale_batches()  # a batch left "running" by a worker that died is failed, not forgotten
    batch = ImportBatch.objects.select_related("indicator", "release").get(pk=batch_id)
    batches.start(batch)
    try:
        handle = batch.file.open("rb")
    except Exception as exc:  # a file gone from storage is a report line, not a stuck batch
        report = Report(language=batch.language)
        with translation.override(batch.language):
            report.error(
                "file", None, "", str(exc)[:80], _("The uploaded file can no longer be read."), _("Upload it again.")
            )
        batches.save(batch, report, dry_run)
        return "failed"
    with handle:
        report = run_import(
            handle,
            indicator=batch.indicator,
            name=batch.original_name,
            release=batch.release,
            sheet=batch.sheet,
            dry_run=dry_run,
            language=batch.language,
            batch=batch,
        )
    return "ok" if report.ok else "failed"
