"""«Next release» comes from the entry's own series only (issue 15)."""

import datetime as dt

from django.utils import timezone

from core.taxonomy import Periodicity, ReleaseKind
from releases.models import ReleaseSeries
from tests.builders.releases import make_calendar, make_entry


def _series(title):
    return ReleaseSeries.objects.create(
        title=title, title_en=title, kind=ReleaseKind.MONTHLY_BULLETIN, frequency=Periodicity.MONTHLY
    )


def test_next_release_is_taken_from_the_same_series_only(home_pages):
    calendar = make_calendar(home_pages[0], translate_en=False)
    now = timezone.now().replace(second=0, microsecond=0)
    ours, theirs = _series("ماهنامهٔ ستاد"), _series("ماهنامهٔ سازمان")
    first = make_entry(calendar, release_at=now + dt.timedelta(days=1), series=ours)
    make_entry(calendar, release_at=now + dt.timedelta(days=2), series=theirs)  # sooner, same kind
    following = make_entry(calendar, release_at=now + dt.timedelta(days=30), series=ours)
    lone = make_entry(calendar, release_at=now + dt.timedelta(days=1, hours=1))  # same kind, no series

    assert first.next_entry().pk == following.pk
    assert lone.next_entry() is None
