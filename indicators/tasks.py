"""Background work: large warehouse files are checked and imported by the worker."""

from django_tasks import task


@task()
def run_batch(batch_id: int, dry_run: bool) -> str:
    from .importer import run_import
    from .models import ImportBatch

    batch = ImportBatch.objects.select_related("indicator", "release").get(pk=batch_id)
    ImportBatch.objects.filter(pk=batch_id).update(status="running", progress=5)
    batch.status = "running"
    with batch.file.open("rb") as handle:
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
