"""Recurring series: entries generated ahead from a rule in the Jalali calendar.

* monthly: day D of the month `month_offset` months after the reference month
  (the monthly bulletin of Mehr on 20 Aban);
* quarterly: day D of the month `month_offset` months after the quarter ends;
* yearly: day D (0 = last day) of Jalali month `month_offset` of the next year
  (the yearbook of 1404 by the end of Khordad 1405).

A Friday or an official holiday (the `Holiday` list editors keep) moves the
date to the working day before or after, as the series says."""

import datetime as dt

import jdatetime
from django.db import transaction
from django.utils import timezone

from core.taxonomy import Periodicity
from iran.dates import TEHRAN, jalali
from iran.periods import Period

from .enums import HolidayShift, ReleaseStatus
from .models import Holiday, ReleasePage
from .slugs import entry_slug
from .translations import ensure_english

FRIDAY = 4


def month_length(year: int, month: int) -> int:
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if jdatetime.date(year, 1, 1).isleap() else 29


def working_day(day: dt.date, shift: str, holidays: set) -> dt.date:
    step = dt.timedelta(days=-1 if shift == HolidayShift.EARLIER else 1)
    while day.weekday() == FRIDAY or day in holidays:
        day += step
    return day


def _add_months(year, month, offset):
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def rule_day(series, period: Period) -> dt.date:
    """The rule's day for a reference period, before the holiday shift."""
    if series.frequency == Periodicity.ANNUAL:
        year, month = period.year + 1, series.month_offset
    else:
        year, month = _add_months(period.year, period.last_month, series.month_offset)
    length = month_length(year, month)
    day = length if series.day == 0 else min(series.day, length)
    return jdatetime.date(year, month, day).togregorian()


def periodicity(series):
    return Periodicity(series.frequency).period_length


def planned_dates(series, today: dt.date, months: int | None = None, holidays=None):
    """[(reference period, release datetime)] from today to `months` ahead."""
    months = months or series.horizon_months
    if holidays is None:
        holidays = set(Holiday.objects.values_list("date", flat=True))
    horizon_j = jalali(today)
    year, month = _add_months(horizon_j.year, horizon_j.month, months)
    horizon = jdatetime.date(year, month, 1).togregorian()
    # Start a few periods back so the next release is always found.
    period = Period.containing(today, periodicity(series)).shift(-3 if series.frequency != Periodicity.ANNUAL else -2)
    out = []
    while True:
        day = working_day(rule_day(series, period), series.holiday_shift, holidays)
        if day >= horizon:
            break
        if day >= today:
            when = dt.datetime(day.year, day.month, day.day, series.hour, series.minute, tzinfo=TEHRAN)
            out.append((period, when))
        period = period.shift(1)
    return out


def entry_title(series, period: Period, lang: str) -> str:
    if lang == "fa":
        return f"{series.title} — {period.label_fa()}"
    return f"{series.title_en} — {period.label_en(with_gregorian=False)}"


@transaction.atomic
def generate(series, calendar, today=None, months=None, translate_to=None, log=lambda *a: None):
    """Create the missing provisional entries of `series` under `calendar` (the
    Persian calendar page). Existing entries (by series and reference period)
    are left as editors made them. Each new entry gets its English version, a
    synced translation (`translate_to(page, strings)`, translations.ensure_english
    by default), where the calendar has an English version."""
    today = today or timezone.now().astimezone(TEHRAN).date()
    created = []
    existing = set(
        ReleasePage.objects.filter(series=series, locale_id=calendar.locale_id).values_list(
            "reference_period", flat=True
        )
    )
    for period, when in planned_dates(series, today, months):
        if period.code in existing:
            continue
        title = entry_title(series, period, "fa")
        entry = ReleasePage(
            title=title,
            slug=entry_slug(series, period.code, parent=calendar),
            locale_id=calendar.locale_id,
            summary=series.summary,
            kind=series.kind,
            status=ReleaseStatus.PROVISIONAL,
            release_at=when,
            reference_period=period.code,
            topics=series.topics,
            organisation=series.organisation,
            contact_name=series.contact_name,
            contact_email=series.contact_email,
            series=series,
        )
        calendar.add_child(instance=entry)
        entry.save_revision().publish()
        strings = {title: entry_title(series, period, "en")}
        if series.summary and series.summary_en:
            strings[series.summary] = series.summary_en
        (translate_to or ensure_english)(entry, strings)
        created.append(entry)
        log(f"created {title}")
    return created
