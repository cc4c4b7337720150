"""Periodic jobs for settings.SCHEDULER_JOBS (run every tick by `manage.py run_scheduler`)."""

from django.core.cache import cache

from .retention import anonymise_due
from .workflow import expire_due_applications


def expire_applications():
    """Approved applications whose grants have all expired become expired (one cheap query)."""
    return expire_due_applications()


def anonymise_inactive():
    """Once a day: anonymise rejected and inactive accounts past the retention period."""
    if not cache.add("researchers:anonymise-ran", True, timeout=24 * 3600):
        return 0
    return len(anonymise_due())
