"""The release publishers group and the admin: who may confirm, change the date of or cancel an entry."""

import datetime as dt

import pytest

from core.taxonomy import Periodicity, ReleaseKind
from iran.dates import tehran_datetime
from releases import services
from releases.enums import ReleaseStatus
from releases.models import ReleasePage, ReleaseSeries
from releases.punctuality import punctuality
from tests.builders.releases import make_entry
from tests.releases.helpers import at

pytestmark = pytest.mark.django_db


def test_only_publishers_confirm_move_and_cancel(calendar, client, publisher, editor):
    entry = make_entry(calendar, release_at=at(10))
    client.force_login(editor)
    refused = client.post(f"/admin/releases/{entry.pk}/move/", {"date": "1405-09-25", "time": "10:00", "reason": "x"})
    assert refused.status_code in (302, 403)
    assert ReleasePage.objects.get(pk=entry.pk).release_at == at(10)
    client.force_login(publisher)
    page = client.get(f"/admin/releases/{entry.pk}/move/")
    assert page.status_code == 200 and "1405-09-" in page.content.decode()  # the date in Jalali


def test_bad_input_in_the_publishers_forms_gets_a_clear_message(calendar, admin_client):
    entry = make_entry(calendar, release_at=at(10))
    bad_date = admin_client.post(
        f"/admin/releases/{entry.pk}/move/", {"date": "1405-13-40", "time": "10:00", "reason": "x"}
    )
    assert bad_date.status_code == 200 and "1405-13-40" in bad_date.content.decode()
    no_reason = admin_client.post(f"/admin/releases/{entry.pk}/move/", {"date": "1405-09-25", "time": "10:00"})
    assert no_reason.status_code == 200
    assert ReleasePage.objects.get(pk=entry.pk).release_at == at(10)
    moved = admin_client.post(
        f"/admin/releases/{entry.pk}/move/", {"date": "۱۴۰۵-۰۹-۲۵", "time": "۱۱:۳۰", "reason": "دیر رسید"}
    )
    assert moved.status_code == 302
    assert ReleasePage.objects.get(pk=entry.pk).release_at == tehran_datetime(1405, 9, 25, 11, 30)
    provisional = make_entry(calendar, status=ReleaseStatus.PROVISIONAL, release_at=at(20))
    past = admin_client.post(f"/admin/releases/{provisional.pk}/confirm/", {"date": "1405-08-01", "time": "10:00"})
    assert past.status_code == 200
    assert ReleasePage.objects.get(pk=provisional.pk).status == ReleaseStatus.PROVISIONAL
    cancel = admin_client.post(f"/admin/releases/{provisional.pk}/cancel/", {"notice": ""})
    assert cancel.status_code == 200
    assert ReleasePage.objects.get(pk=provisional.pk).status == ReleaseStatus.PROVISIONAL


def test_admin_overview_shows_this_and_next_month_and_late_releases(calendar, admin_client):
    make_entry(calendar, title="این ماه", release_at=at(0, hour=14))  # 30 Aban
    make_entry(calendar, title="ماه بعد", release_at=at(5))  # 5 Azar
    make_entry(calendar, title="دیرکرده", release_at=at(0, hour=9))  # 09:00 today, still confirmed
    body = admin_client.get("/admin/releases/").content.decode()
    assert "این ماه" in body and "ماه بعد" in body
    assert "دیرکرده" in body and "scheduler" in body.lower()
    dashboard = admin_client.get("/admin/").content.decode()
    assert "این ماه" in dashboard and "دیرکرده" in dashboard


def test_punctuality_per_series(calendar):
    series = ReleaseSeries.objects.create(
        title="ماهنامه", title_en="Monthly", kind=ReleaseKind.MONTHLY_BULLETIN, frequency=Periodicity.MONTHLY
    )
    for days, delay in ((-90, 0), (-60, 30), (-30, 300)):
        entry = make_entry(calendar, release_at=at(days), status=ReleaseStatus.PUBLISHED, series=series)
        ReleasePage.objects.filter(pk=entry.pk).update(published_at=at(days) + dt.timedelta(seconds=delay))
    moved = make_entry(calendar, release_at=at(20), series=series)
    services.move(moved, at(21), "reason")
    (row,) = punctuality()
    assert row.released == 3 and row.on_time == 2 and row.on_time_share == 67
    assert row.average_delay_seconds == 110.0
    assert len(row.changes) == 1
