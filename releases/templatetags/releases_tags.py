from django import template
from django.utils import timezone

from core.language import current_language
from releases.enums import ReleaseStatus
from releases.models import ReleaseCalendarPage, ReleasePage

register = template.Library()


@register.simple_tag
def upcoming_releases(limit=5):
    """The next entries of the calendar in the page language (titles and dates are
    public in advance; nothing of the content is)."""
    lang = current_language()
    calendar = ReleaseCalendarPage.objects.live().filter(locale__language_code=lang).first()
    if calendar is None:
        return {"calendar": None, "entries": []}
    now = timezone.now()
    entries = (
        ReleasePage.objects.child_of(calendar)
        .live()
        .filter(status__in=[ReleaseStatus.PROVISIONAL, ReleaseStatus.CONFIRMED], release_at__gt=now)
        .order_by("release_at")[: int(limit)]
    )
    return {"calendar": calendar, "entries": list(entries)}
