"""Dates and times in Asia/Tehran, in the Jalali calendar (Persian) or in both
calendars (English). Times are stored in UTC and shown here."""

import datetime as dt
from zoneinfo import ZoneInfo

import jdatetime

from .periods import GREGORIAN_MONTHS_EN, MONTHS_EN, MONTHS_FA
from .text import to_persian_digits

TEHRAN = ZoneInfo("Asia/Tehran")
WEEKDAYS_FA = ["دوشنبه", "سه‌شنبه", "چهارشنبه", "پنج‌شنبه", "جمعه", "شنبه", "یک‌شنبه"]
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def to_tehran(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(TEHRAN)


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return to_tehran(value).date()
    return value


def jalali(value) -> jdatetime.date:
    return jdatetime.date.fromgregorian(date=_as_date(value))


def format_date(value, lang: str = "fa", weekday: bool = False) -> str:
    """«۲۰ آذر ۱۴۰۵» in Persian; «20 Azar 1405 (11 Dec 2026)» in English."""
    if value is None:
        return ""
    day = _as_date(value)
    j = jalali(day)
    if lang == "fa":
        text = f"{j.day} {MONTHS_FA[j.month - 1]} {j.year}"
        if weekday:
            text = f"{WEEKDAYS_FA[day.weekday()]} {text}"
        return to_persian_digits(text)
    text = f"{j.day} {MONTHS_EN[j.month - 1]} {j.year} ({day.day} {GREGORIAN_MONTHS_EN[day.month - 1]} {day.year})"
    if weekday:
        text = f"{WEEKDAYS_EN[day.weekday()]} {text}"
    return text


def format_time(value: dt.datetime, lang: str = "fa") -> str:
    text = to_tehran(value).strftime("%H:%M")
    return to_persian_digits(text) if lang == "fa" else text


def format_datetime(value: dt.datetime, lang: str = "fa", weekday: bool = False) -> str:
    """«۲۰ آذر ۱۴۰۵، ساعت ۱۰:۰۰» / «20 Azar 1405 (11 Dec 2026), 10:00 Tehran time»."""
    if value is None:
        return ""
    date_text = format_date(value, lang, weekday=weekday)
    if lang == "fa":
        return f"{date_text}، ساعت {format_time(value, lang)}"
    return f"{date_text}, {format_time(value, lang)} Tehran time"


def format_month(value, lang: str = "fa") -> str:
    """A month for provisional dates: «آذر ۱۴۰۵» / «Azar 1405 (Nov–Dec 2026)»."""
    from .periods import Period, Periodicity

    return Period.containing(_as_date(value), Periodicity.MONTH).label(lang)


def tehran_datetime(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """An aware datetime from a Jalali date and a Tehran wall-clock time."""
    gregorian = jdatetime.date(year, month, day).togregorian()
    return dt.datetime(gregorian.year, gregorian.month, gregorian.day, hour, minute, tzinfo=TEHRAN)


def parse_jalali_date(text: str) -> dt.date:
    """«1403-07-15», «۱۴۰۳/۰۷/۱۵» → a Gregorian date. ValueError if impossible."""
    from .text import to_latin_digits

    raw = to_latin_digits(str(text)).strip().replace("/", "-")
    parts = raw.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError(f"«{text}» is not a Jalali date; write it as 1403-07-15")
    year, month, day = (int(p) for p in parts)
    try:
        return jdatetime.date(year, month, day).togregorian()
    except ValueError as exc:
        raise ValueError(f"«{text}» is not a date in the Jalali calendar") from exc
