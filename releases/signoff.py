"""Two-person sign-off for content attached to a release (Wagtail workflows).

Content whose calendar entry is not public yet is published only by approving
it in the «Release sign-off» workflow (every `ReleasedContentMixin` page uses
it, wherever it sits in the tree), and the approval must come from a release
publisher who is not the content's last editor. Direct publishing of such
content is refused in the admin (wagtail_hooks.before_publish_page), so the
four-eyes rule cannot be skipped by pressing «Publish».

At the minute, the public sees each item's last approved (published) version;
a revision still in moderation or a draft is never shown, and an item never
approved stays unpublished (404, not listed). 24 hours before the minute the
release publishers are emailed the items not yet approved (scheduler job →
worker task), once per entry."""

import datetime as dt

from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import PageLogEntry

from .approval import WORKFLOW_NAME, TwoPersonApprovalTask, last_editor_id, signoff_workflow
from .embargo import released_page_models
from .enums import ReleaseStatus
from .models import ReleasePage
from .tasks import email_unapproved

# The task and the workflow live in approval.py (models.py and mixins.py need them).
__all__ = ["WORKFLOW_NAME", "TwoPersonApprovalTask", "last_editor_id", "signoff_workflow"]

FLAG_HOURS = 24


# --- readiness of coming releases ----------------------------------------------------------
def item_state(page) -> str:
    """approved: its current content is published and nothing waits;
    in_review: a revision waits in the sign-off; draft: changes not submitted."""
    if page.workflow_in_progress:
        return "in_review"
    if page.live and not page.has_unpublished_changes:
        return "approved"
    return "draft"


def readiness(entry):
    """[(page, state)] for every page attached to the entry (any language)."""
    items = []
    for model in released_page_models():
        for page in model.objects.filter(release__translation_key=entry.translation_key).order_by("path"):
            items.append((page, item_state(page)))
    return items


def coming_releases(now=None, limit=10):
    now = now or timezone.now()
    entries = ReleasePage.objects.filter(
        status__in=[ReleaseStatus.CONFIRMED, ReleaseStatus.PROVISIONAL], release_at__gt=now
    ).order_by("release_at")
    seen, result = set(), []
    for entry in entries:
        if entry.translation_key in seen:
            continue
        seen.add(entry.translation_key)
        result.append((entry, readiness(entry)))
        if len(result) >= limit:
            break
    return result


# --- 24 hours before: flag what is not approved -----------------------------------------------
def flag_unapproved(now=None):
    """Scheduler job: for each confirmed entry within FLAG_HOURS of its minute with
    unapproved items, queue one email to the release publishers (once per entry:
    the audit log entry `releases.flagged` is the marker)."""
    now = now or timezone.now()
    due = ReleasePage.objects.filter(
        status=ReleaseStatus.CONFIRMED, release_at__gt=now, release_at__lte=now + dt.timedelta(hours=FLAG_HOURS)
    )
    count = 0
    for entry in due:
        if PageLogEntry.objects.filter(action="releases.flagged", page__translation_key=entry.translation_key).exists():
            continue
        pending = [page.pk for page, state in readiness(entry) if state != "approved"]
        if not pending:
            continue
        log(instance=entry, action="releases.flagged", data={"pages": pending})
        email_unapproved.enqueue(entry.pk, pending)
        count += 1
    return count
