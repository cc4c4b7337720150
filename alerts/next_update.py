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

from functools import partial

from django.db.models import Q, Subquery
from django.utils import timezone

from core.compiled import MARK_NOW, CompiledQuery
from core.language import current_language
from core.taxonomy import ReleaseKind
from indicators.models import Observation
from iran.text import normalize_text
from releases.enums import ReleaseStatus
from releases.models import ReleasePage, ReleaseSeries


def _words(text):
    return set(normalize_text(text).casefold().split())


def _named_in(candidates, kind, *names):
    """The first of `candidates` (series, by pk) active, of `kind`, whose title words all appear in a name."""
    named = [_words(n) for n in names if n]
    for series in candidates:
        if not series.active or series.kind != kind:
            continue
        for title in (series.title, series.title_en):
            words = _words(title)
            if words and any(words <= name for name in named):
                return series
    return None


def _series_named_in(kind, *names):
    return _named_in(ReleaseSeries.objects.filter(active=True, kind=kind).order_by("pk"), kind, *names)


def _indicator_series_queryset(named, indicator, kind=None):
    """The series of the latest entry that carried the indicator's observations, as a
    scalar subquery, and (`named`) the active series of its kind, the candidates named
    in it (used only when there is no such entry)."""
    own = (
        Observation.objects.filter(indicator=indicator, release__series__isnull=False)
        .order_by("-release__release_at")
        .values("release__series_id")[:1]
    )
    wanted = Q(pk=Subquery(own))
    if named:
        wanted |= Q(active=True, kind=kind)
    return ReleaseSeries.objects.annotate(own_id=Subquery(own)).filter(wanted).order_by("pk")


# The statements, compiled once (core/compiled.py): building this queryset cost more
# than running it. Markers are where each call's values go.
_INDICATOR = 424_200_001  # an indicator's id (positive, as ids are)
_KIND = "\x00kind\x00"
_SERIES_OF = {
    False: CompiledQuery(ReleaseSeries, partial(_indicator_series_queryset, False), indicator=_INDICATOR),
    True: CompiledQuery(ReleaseSeries, partial(_indicator_series_queryset, True), indicator=_INDICATOR, kind=_KIND),
}


def indicator_series(indicator):
    """One query (issue 13): the series of the latest entry that carried the
    indicator's observations rides as a scalar subquery, and the candidates
    named in the indicator come with it (used only when there is no such entry)."""
    if indicator.release_series:
        rows = _SERIES_OF[True](indicator=indicator.pk, kind=indicator.release_series)
    else:
        rows = _SERIES_OF[False](indicator=indicator.pk)
    if not rows:
        return None
    own_id = rows[0].own_id
    if own_id:
        return next((series for series in rows if series.pk == own_id), None)
    if indicator.release_series:
        return _named_in(rows, indicator.release_series, indicator.name_fa, indicator.name_en)
    return None


def dataset_series(dataset):
    return _series_named_in(ReleaseKind.MICRODATA_RELEASE, dataset.title_fa, dataset.title_en)


def page_series(page):
    release = getattr(page, "release", None)
    return release.series if release is not None and release.series_id else None


def _next_entry_queryset(series, lang, start):
    return (
        ReleasePage.objects.live()
        .filter(series=series, locale__language_code=lang, release_at__gt=start)
        .exclude(status=ReleaseStatus.CANCELLED)
        .order_by("release_at")[:1]
    )


_NEXT_ENTRY = CompiledQuery(
    ReleasePage,
    _next_entry_queryset,
    series=424_200_002,
    lang="\x00lang\x00",
    start=MARK_NOW,
)


def next_entry_of(series, lang=None, now=None, after=None):
    """The next upcoming, not cancelled entry of `series` in language `lang`."""
    if series is None:
        return None
    now = now or timezone.now()
    start = max(now, after) if after else now
    found = _NEXT_ENTRY(series=series.pk, lang=lang or current_language(), start=start)
    return found[0] if found else None
