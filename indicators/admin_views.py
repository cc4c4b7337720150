"""Wagtail admin views of the warehouse import: upload → dry-run report with a
preview → confirm → progress → result. Large files go to the background worker."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.language import current_language

from .enums import ImportStatus
from .forms import ImportForm
from .importer import fail_stale_batches
from .models import ImportBatch
from .tasks import run_batch


def inline_limit():
    """Files up to this size are checked in the request (a second or so); larger ones go to the worker."""
    return int(getattr(settings, "INDICATORS_IMPORT_INLINE_BYTES", 1024 * 1024))


def _check(request):
    if not request.user.has_perm("indicators.add_importbatch"):
        raise PermissionDenied


def _start(batch, dry_run):
    """Small files run now; large files go to the worker (the page shows the progress)."""
    if batch.size <= inline_limit():
        run_batch.call(batch.pk, dry_run)
    else:
        ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.PENDING, progress=0, dry_run=dry_run)
        run_batch.enqueue(batch.pk, dry_run)


def upload(request):
    _check(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        batch = ImportBatch.objects.create(
            indicator=data["indicator"],
            release=data["release"],
            file=data["file"],
            original_name=data["file"].name,
            size=data["file"].size,
            sheet=data["sheet"],
            language=current_language(),
            created_by=request.user,
            dry_run=True,
        )
        _start(batch, dry_run=True)
        return redirect("indicators_import_detail", batch.pk)
    fail_stale_batches()
    recent = ImportBatch.objects.select_related("indicator")[:15]
    return TemplateResponse(request, "indicators/admin/import_upload.html", {"form": form, "recent": recent})


def detail(request, pk):
    _check(request)
    fail_stale_batches()  # a batch whose process died shows as failed, not "running" forever
    batch = get_object_or_404(ImportBatch.objects.select_related("indicator", "release"), pk=pk)
    can_confirm = batch.status == ImportStatus.VALIDATED and batch.dry_run
    return TemplateResponse(
        request,
        "indicators/admin/import_detail.html",
        {
            "batch": batch,
            "can_confirm": can_confirm,
            "busy": batch.status in (ImportStatus.PENDING, ImportStatus.RUNNING),
            "status_url": reverse("indicators_import_status", args=[batch.pk]),
            "more_errors": next((e["more"] for e in batch.errors if "more" in e), 0),
            "errors": [e for e in batch.errors if "more" not in e],
        },
    )


@require_POST
def confirm(request, pk):
    _check(request)
    batch = get_object_or_404(ImportBatch, pk=pk)
    if batch.status != ImportStatus.VALIDATED or not batch.dry_run:
        messages.error(request, _("This import cannot be confirmed (it has errors, or it was already imported)."))
        return redirect("indicators_import_detail", pk)
    _start(batch, dry_run=False)
    batch.refresh_from_db()
    if batch.status == ImportStatus.DONE:
        messages.success(request, _("The table was imported."))
    return redirect("indicators_import_detail", pk)


def status(request, pk):
    _check(request)
    fail_stale_batches()
    batch = get_object_or_404(ImportBatch, pk=pk)
    return JsonResponse(
        {
            "status": batch.status,
            "progress": batch.progress,
            "label": batch.get_status_display(),
            "dry_run": batch.dry_run,
        }
    )
