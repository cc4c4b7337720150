"""Jobs the scheduler runs every second (settings.SCHEDULER_JOBS).

Visibility does not wait for these jobs: embargo.py computes it from the clock,
so a stopped scheduler cannot delay a release. The job keeps the calendar
honest (status, the actual minute for punctuality figures), publishes page
revisions scheduled for the release, and leaves a heartbeat so editors see at
once when it has stopped or failed (admin overview, dashboard panel)."""

import logging

from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.models import Revision

from .embargo import released_page_models
from .enums import ReleaseStatus
from .models import ReleasePage, SchedulerHeartbeat
from .services import mark_published

logger = logging.getLogger(__name__)
HEARTBEAT = "releases"


def publish_scheduled_revisions(entry, now):
    """Publish revisions of pages released by `entry` that were scheduled
    (approved to go live) for its minute or earlier."""
    count = 0
    for model in released_page_models():
        for page in model.objects.filter(release__translation_key=entry.translation_key):
            revision = (
                Revision.page_revisions.filter(object_id=str(page.pk), approved_go_live_at__isnull=False)
                .filter(approved_go_live_at__lte=max(now, entry.release_at))
                .order_by("-created_at")
                .first()
            )
            if revision is not None:
                revision.publish()
                count += 1
    return count


def publish_due_releases(now=None):
    """Mark confirmed entries whose minute has come as published, with the
    minute the scheduler saw it. Returns the number of entries published."""
    now = now or timezone.now()
    error = ""
    count = 0
    seen = set()
    due = ReleasePage.objects.filter(status=ReleaseStatus.CONFIRMED, release_at__lte=now).order_by("release_at")
    for entry in due:
        if entry.translation_key in seen:
            continue
        seen.add(entry.translation_key)
        try:
            with transaction.atomic():
                publish_scheduled_revisions(entry, now)
                mark_published(entry, now)
            count += 1
        except Exception as exc:  # one bad entry must not hold back the others
            logger.exception("release %s failed to publish", entry.pk)
            error = f"{entry.pk}: {exc}"
    SchedulerHeartbeat.objects.update_or_create(name=HEARTBEAT, defaults={"last_run": now, "last_error": error})
    if count:
        logger.info("published %s release(s)", count)
    return count


def publish_scheduled_pages(now=None):
    """Record every «go live at» revision whose minute has come as published
    (Wagtail's publish_scheduled). The public already sees it from its minute
    (ReleasedContentMixin.route); this keeps listings, search and the admin in step."""
    call_command("publish_scheduled", verbosity=0)
