"""Jobs the scheduler runs every second (settings.SCHEDULER_JOBS)."""

import logging

from django.utils import timezone

from .enums import ReleaseStatus
from .models import ReleasePage

logger = logging.getLogger(__name__)


def publish_due_releases(now=None):
    """Mark confirmed entries whose minute has come as published.

    Visibility does not wait for this (embargo.py computes it from the clock);
    this keeps the calendar's status honest."""
    now = now or timezone.now()
    due = ReleasePage.objects.filter(status=ReleaseStatus.CONFIRMED, release_at__lte=now)
    count = 0
    for entry in due:
        entry.status = ReleaseStatus.PUBLISHED
        entry.save(update_fields=["status"])
        count += 1
    if count:
        logger.info("published %s release(s)", count)
    return count
