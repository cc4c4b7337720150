"""Release series: entries generated from a series and its periodicity."""

import datetime as dt

import pytest

from core.taxonomy import Periodicity, ReleaseKind
from iran.dates import tehran_datetime
from releases.enums import HolidayShift, ReleaseStatus
from releases.models import Holiday, ReleasePage, ReleaseSeries
from releases.series import generate, planned_dates
from tests.releases.helpers import NOW

pytestmark = pytest.mark.django_db


def test_monthly_series_on_the_20th_moves_off_fridays_and_holidays(calendar):
    series = ReleaseSeries.objects.create(
        title="ماهنامه",
        title_en="Monthly bulletin",
        kind=ReleaseKind.MONTHLY_BULLETIN,
        frequency=Periodicity.MONTHLY,
        day=20,
        month_offset=1,
        holiday_shift=HolidayShift.LATER,
    )
    Holiday.objects.create(date=tehran_datetime(1405, 10, 20).date(), name="holiday")
    dates = {p.code: d for p, d in planned_dates(series, NOW.date())}
    # 20 Azar 1405 is a Friday: later → Saturday 21 Azar
    assert dates["1405-08"] == tehran_datetime(1405, 9, 21, 10, 0)
    # 20 Dey 1405 is a holiday here: later → 21 Dey
    assert dates["1405-09"] == tehran_datetime(1405, 10, 21, 10, 0)
    assert len(dates) >= 12
    series.holiday_shift = HolidayShift.EARLIER
    dates = {p.code: d for p, d in planned_dates(series, NOW.date())}
    assert dates["1405-08"] == tehran_datetime(1405, 9, 19, 10, 0)


def test_yearbook_by_the_end_of_khordad(calendar):
    series = ReleaseSeries.objects.create(
        title="سالنامه",
        title_en="Yearbook",
        kind=ReleaseKind.YEARBOOK,
        frequency=Periodicity.ANNUAL,
        day=0,
        month_offset=3,
        holiday_shift=HolidayShift.EARLIER,
    )
    dates = {p.code: d for p, d in planned_dates(series, NOW.date(), months=13)}
    # 31 Khordad 1406 is a Friday? Either way it is the last working day of Khordad.
    when = dates["1405"]
    assert when.weekday() != 4 and when <= tehran_datetime(1406, 3, 31, 10, 0)
    assert when >= tehran_datetime(1406, 3, 25, 10, 0)


def test_generating_a_series_is_idempotent_and_makes_a_year_of_entries(calendar):
    series = ReleaseSeries.objects.create(
        title="فصلنامه",
        title_en="Quarterly bulletin",
        kind=ReleaseKind.QUARTERLY_BULLETIN,
        frequency=Periodicity.QUARTERLY,
        day=15,
        month_offset=2,
        topics=",welfare,",
    )
    from core.translation import translate

    created = generate(series, calendar, translate_to=translate)
    assert len(created) >= 4
    assert created[-1].release_at - NOW >= dt.timedelta(days=300)
    assert all(e.status == ReleaseStatus.PROVISIONAL and e.topic_list == ["welfare"] for e in created)
    assert generate(series, calendar) == []
    english = ReleasePage.objects.filter(series=series, locale__language_code="en")
    assert english.count() == len(created)
    assert english.first().title.startswith("Quarterly bulletin — ")
