"""What makes every cached page stale (home.pagecache): content changes.

Wagtail's publish/unpublish signals (translations are published the same way),
saves and deletions of the models public pages are built from, a finished
import (its batch is saved last), and the release schedule's changes, which
releases.services makes with queryset updates and announces with
`releases.signals.schedule_changed`."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from releases.signals import schedule_changed

from .pagecache import bump_content_version

# Apps whose rows public pages show. Rows written by visitors or by the clock
# (survey answers, feedback, the scheduler's heartbeat) would only churn the cache.
CONTENT_APPS = {
    "home",
    "releases",
    "indicators",
    "publications",
    "catalog",
    "surveys",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailsnippets",
    "wagtailredirects",
    "wagtail_localize",
    "taggit",
}
NOT_CONTENT = {
    "releases.schedulerheartbeat",
    "surveys.response",
    "surveys.answer",
    "surveys.pagefeedback",
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.referenceindex",
    "wagtailcore.pagesubscription",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.uploadedfile",
    "wagtailcore.pagelock",
    "wagtailimages.rendition",
    "indicators.importbatch",  # only its end matters: see import_finished
}


def _is_content(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    return bool(meta) and meta.app_label in CONTENT_APPS and meta.label_lower not in NOT_CONTENT


def content_saved(sender, **kwargs):
    if _is_content(sender):
        bump_content_version()


def import_finished(sender, instance, **kwargs):
    """The importer saves its batch last, after the observations are written."""
    if instance.finished_at and not instance.dry_run:
        bump_content_version()


def connect():
    from indicators.models import ImportBatch

    page_published.connect(bump_content_version, dispatch_uid="pagecache-published")
    page_unpublished.connect(bump_content_version, dispatch_uid="pagecache-unpublished")
    schedule_changed.connect(bump_content_version, dispatch_uid="pagecache-schedule")
    post_save.connect(content_saved, dispatch_uid="pagecache-saved")
    post_delete.connect(content_saved, dispatch_uid="pagecache-deleted")
    post_save.connect(import_finished, sender=ImportBatch, dispatch_uid="pagecache-import")
