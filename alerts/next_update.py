"""«Next update»: the next entry of a thing's own release series.

A series is the thing's own when (in this order):
* a publication: the series of the calendar entry that released it;
* an indicator: the series of the latest entry that carried its observations
  (only the entry ids are read, never the figures); else the active series of
  the indicator's kind whose title words all appear in the indicator's name;
* a dataset: the active microdata series whose title words all appear in the
  dataset's title.
No series, no line: we never point at another series' entry (issue 16: the
indicator page pointed at another organisation's quarterly release).

Calendar entries are public in advance (title, date, status): only the
entry, never what it releases, is shown."""

from django.utils import timezone

from core.language import current_language
from core.taxonomy import ReleaseKind
from indicators.models import Observation
from iran.text import normalize_text
from releases.enums import ReleaseStatus
from releases.models import ReleasePage, ReleaseSeries


def _words(text):
    return set(normalize_text(text).casefold().split())


def _series_named_in(kind, *names):
    named = [_words(n) for n in names if n]
    for series in ReleaseSeries.objects.filter(active=True, kind=kind).order_by("pk"):
        for title in (series.title, series.title_en):
            words = _words(title)
            if words and any(words <= name for name in named):
                return series
    return None


def indicator_series(indicator):
    series_id = (
        Observation.objects.filter(indicator=indicator, release__series__isnull=False)
        .order_by("-release__release_at")
        .values_list("release__series_id", flat=True)
        .first()
    )
    if series_id:
        return ReleaseSeries.objects.filter(pk=series_id).first()
    if indicator.release_series:
        return _series_named_in(indicator.release_series, indicator.name_fa, indicator.name_en)
    return None


def dataset_series(dataset):
    return _series_named_in(ReleaseKind.MICRODATA_RELEASE, dataset.title_fa, dataset.title_en)


def page_series(page):
    release = getattr(page, "release", None)
    return release.series if release is not None and release.series_id else None


def next_entry_of(series, lang=None, now=None, after=None):
    """The next upcoming, not cancelled entry of `series` in language `lang`."""
    if series is None:
        return None
    now = now or timezone.now()
    start = max(now, after) if after else now
    return (
        ReleasePage.objects.live()
        .filter(series=series, locale__language_code=lang or current_language(), release_at__gt=start)
        .exclude(status=ReleaseStatus.CANCELLED)
        .order_by("release_at")
        .first()
    )
