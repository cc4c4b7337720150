"""Scheduler jobs (settings.SCHEDULER_JOBS, run every tick by `manage.py run_scheduler`)."""

import datetime as dt

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from iran.dates import TEHRAN
from releases.embargo import is_public
from releases.models import ReleasePage

from .models import ReleaseNotice
from .retention import anonymise_due
from .tasks import send_release_notice, send_weekly_digest

LOOKBACK = dt.timedelta(days=2)  # a scheduler that was down catches up, but old releases are not re-announced
DIGEST_WEEKDAY = 5  # Saturday, the first working day of the Iranian week
DIGEST_HOUR = 8


def queue_release_notices(now=None):
    """Queue one notice per entry whose minute has come (and not before)."""
    now = now or timezone.now()
    due = (
        ReleasePage.objects.filter(release_at__lte=now, release_at__gt=now - LOOKBACK, locale__language_code="fa")
        .exclude(translation_key__in=ReleaseNotice.objects.values("translation_key"))
        .order_by("release_at")
    )
    queued = 0
    for entry in due:
        if not is_public(entry, now):
            continue  # provisional or cancelled: nothing was released
        try:
            with transaction.atomic():
                ReleaseNotice.objects.create(translation_key=entry.translation_key)
        except IntegrityError:
            continue  # another scheduler tick queued it
        send_release_notice.enqueue(entry.pk)
        queued += 1
    return queued


def queue_weekly_digest(now=None):
    """Saturday from 08:00 Tehran time, once per week."""
    now = now or timezone.now()
    local = now.astimezone(TEHRAN)
    if local.weekday() != DIGEST_WEEKDAY or local.hour < DIGEST_HOUR:
        return 0
    week = local.strftime("%G-W%V")
    if not cache.add(f"alerts:digest:{week}", True, timeout=8 * 24 * 3600):
        return 0  # queued already this week (the Delivery rows stop repeats if the cache is lost)
    send_weekly_digest.enqueue(week)
    return 1


def anonymise_expired(now=None):
    """Once a day: subscriber addresses past their retention (see retention.py)."""
    if not cache.add("alerts:anonymise-ran", True, timeout=24 * 3600):
        return 0
    return anonymise_due(now)
