"""The release calendar in the demo content."""

import datetime as dt

import pytest

from releases.enums import ReleaseStatus
from releases.models import ReleaseDateChange, ReleasePage

pytestmark = pytest.mark.django_db


def test_demo_has_a_year_of_entries_in_both_languages(demo, client):
    fa = ReleasePage.objects.filter(locale__language_code="fa")
    en = ReleasePage.objects.filter(locale__language_code="en")
    assert fa.count() == en.count() >= 30
    statuses = set(fa.values_list("status", flat=True))
    assert statuses == {s.value for s in ReleaseStatus}
    assert ReleaseDateChange.objects.exists()
    cancelled = fa.get(status=ReleaseStatus.CANCELLED)
    assert cancelled.cancellation_notice
    latest = fa.order_by("-release_at").first()
    assert latest.release_at - dt.datetime.now(dt.UTC) >= dt.timedelta(days=365)
    assert client.get("/en/releases/").status_code == 200
    from demo.site import load

    load(log=lambda *a: None)  # idempotent
    assert ReleasePage.objects.filter(locale__language_code="fa").count() == fa.count()
