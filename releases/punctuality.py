"""Punctuality, as the IMF (SDDS) and the UK regulator judge a statistics office:
per series, over the last 12 months, the share released on the announced
minute, the average delay, and the date changes."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from wagtail.models import Locale

from .enums import ReleaseStatus
from .models import ReleaseDateChange, ReleasePage

ON_TIME_SECONDS = 60  # released within the announced minute


@dataclass
class SeriesPunctuality:
    name: str
    released: int = 0
    on_time: int = 0
    total_delay: float = 0.0
    cancelled: int = 0
    changes: list = field(default_factory=list)

    @property
    def on_time_share(self):
        return round(100 * self.on_time / self.released) if self.released else None

    @property
    def average_delay_seconds(self):
        return round(self.total_delay / self.released, 1) if self.released else None


def punctuality(now=None, locale=None):
    now = now or timezone.now()
    since = now - dt.timedelta(days=365)
    locale = locale or Locale.get_default()
    rows = {}

    def row_for(entry):
        key = entry.series_id or f"kind:{entry.kind}"
        name = str(entry.series) if entry.series_id else entry.get_kind_display()
        return rows.setdefault(key, SeriesPunctuality(name=str(name)))

    entries = ReleasePage.objects.filter(locale=locale, release_at__gte=since, release_at__lte=now).select_related(
        "series"
    )
    for entry in entries:
        row = row_for(entry)
        if entry.status == ReleaseStatus.PUBLISHED:
            row.released += 1
            delay = max(0.0, ((entry.published_at or entry.release_at) - entry.release_at).total_seconds())
            row.total_delay += delay
            if delay < ON_TIME_SECONDS:
                row.on_time += 1
        elif entry.status == ReleaseStatus.CANCELLED:
            row.cancelled += 1
    changes = ReleaseDateChange.objects.filter(changed_at__gte=since).select_related("release", "changed_by")
    by_key = {e.translation_key: e for e in ReleasePage.objects.filter(locale=locale).select_related("series")}
    for change in changes:
        entry = by_key.get(change.translation_key)
        if entry is not None:
            row_for(entry).changes.append(change)
    return sorted(rows.values(), key=lambda r: r.name)
