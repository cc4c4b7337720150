"""Journeys through the release calendar in a real browser."""

import datetime as dt
from pathlib import Path

import icalendar
import jdatetime
import pytest

from core.taxonomy import ReleaseKind
from iran.dates import TEHRAN
from releases.enums import ReleaseStatus
from releases.models import ReleasePage

from .conftest import screenshot

pytestmark = pytest.mark.browser


def next_jalali_month():
    today = jdatetime.date.fromgregorian(date=dt.datetime.now(TEHRAN).date())
    year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    last = 31 if month <= 6 else 30 if month <= 11 else (30 if jdatetime.date(year, 1, 1).isleap() else 29)
    return f"{year}-{month:02d}-01", f"{year}-{month:02d}-{last:02d}", jdatetime.date(year, month, 1)


def expected(lang, start, end):
    first = jdatetime.date(*map(int, start.split("-"))).togregorian()
    last = jdatetime.date(*map(int, end.split("-"))).togregorian()
    lo = dt.datetime.combine(first, dt.time(), tzinfo=TEHRAN)
    hi = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=TEHRAN)
    return ReleasePage.objects.filter(
        locale__language_code=lang,
        kind=ReleaseKind.MONTHLY_BULLETIN,
        release_at__gte=lo,
        release_at__lt=hi,
        status__in=[ReleaseStatus.PROVISIONAL, ReleaseStatus.CONFIRMED],
    ).order_by("release_at")


def test_persian_user_filters_next_months_bulletins_and_downloads_the_ics(page, site_url):
    start, end, _month = next_jalali_month()
    wanted = list(expected("fa", start, end))
    assert wanted, "the demo has a monthly bulletin every month"

    page.goto(f"{site_url}/fa/")
    page.get_by_role("link", name="تقویم انتشار").first.click()
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_label("نوع").select_option("monthly_bulletin")
    page.get_by_label("از تاریخ (هجری شمسی)").fill(start.replace("-", "-"))
    page.get_by_label("تا تاریخ (هجری شمسی)").fill(end)
    page.get_by_role("button", name="اعمال پالایه‌ها").click()
    page.wait_for_url("**kind=monthly_bulletin**")
    assert f"start={start}" in page.url  # the filter lives in the URL, to be shared
    titles = page.locator(".release-row h3").all_inner_texts()
    assert titles == [entry.title for entry in wanted]
    screenshot(page, "releases-fa-filtered")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="افزودن به تقویم (.ics)").click()
    path = download_info.value.path()
    calendar = icalendar.Calendar.from_ical(Path(path).read_bytes())
    confirmed = [e for e in wanted if e.status == ReleaseStatus.CONFIRMED]
    events = list(calendar.walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == [e.title for e in confirmed]
    for event, entry in zip(events, confirmed, strict=True):
        assert event["DTSTART"].dt == entry.release_at
        assert str(event["DTSTART"].params["TZID"]) == "Asia/Tehran"


def test_english_user_sees_the_same_entries_with_both_calendars(page, phone_page, site_url):
    start, end, month = next_jalali_month()
    wanted = list(expected("en", start, end))
    page.goto(f"{site_url}/en/releases/?kind=monthly_bulletin&start={start}&end={end}")
    assert page.locator("html").get_attribute("dir") == "ltr"
    titles = page.locator(".release-row h3").all_inner_texts()
    assert titles == [entry.title for entry in wanted]
    first = page.locator(".release-row").first.inner_text()
    gregorian_year = str(wanted[0].release_at.astimezone(TEHRAN).year)
    if wanted[0].status == ReleaseStatus.CONFIRMED:
        assert "Tehran time" in first and gregorian_year in first
    assert jdatetime.date.j_months_en[month.month - 1][:3] in first or str(month.year) in first
    page.locator(".release-row h3 a").first.click()
    body = page.locator("main").inner_text()
    assert "Release date" in body and gregorian_year in body
    screenshot(page, "releases-en-entry")

    # The month view on a phone: no sideways scrolling.
    phone_page.goto(f"{site_url}/fa/releases/?view=month")
    assert phone_page.locator(".month-grid .has-entries").first.is_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, "no sideways scrolling on a phone"
    screenshot(phone_page, "releases-fa-month-phone")
