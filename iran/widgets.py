"""Jalali date and date-time input for the Wagtail admin.

Editors type (or pick) «1405-09-15 10:00», Persian digits welcome, in Tehran
time; the value stored stays a timezone-aware datetime (a date for date
fields). The picker is @majidh1/jalalidatepicker (npm, vendored by
frontend/vendor.sh into static/vendor/jalalidatepicker/): Saturday first,
Persian digits in the Persian admin. Without JavaScript the field is a plain
text box that takes the same text. In the English admin the field shows and
takes the Gregorian date too (a year above 1700 is read as Gregorian).

Registered for every model DateTimeField and DateField of the Wagtail admin's
forms in apps.py (`register_form_field_override`)."""

import datetime as dt
import re

import jdatetime
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .dates import TEHRAN
from .text import to_latin_digits, to_persian_digits

GREGORIAN_FROM = 1700  # a year at or above this is Gregorian (Jalali years are ~1300–1500)
_VALUE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[\sT،,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
PICKER_JS = "vendor/jalalidatepicker/jalalidatepicker.min.js"
PICKER_CSS = "vendor/jalalidatepicker/jalalidatepicker.min.css"
STARTER_JS = "js/jalali-admin.js"


def _persian_admin() -> bool:
    return (get_language() or "fa")[:2] == "fa"


def parse_day_and_time(text: str, with_time: bool = True):
    """«1405-09-15 10:00» or «2026-12-06 10:00» → (date, time or None). ValidationError in words."""
    raw = to_latin_digits(str(text)).strip()
    match = _VALUE.match(raw)
    if not match:
        raise ValidationError(
            _("«%(value)s» is not a date; write it as 1405-09-15 10:00 (Jalali, Tehran time)")
            if with_time
            else _("«%(value)s» is not a date; write it as 1405-09-15 (Jalali)"),
            code="invalid",
            params={"value": text},
        )
    year, month, day = (int(match.group(i)) for i in (1, 2, 3))
    try:
        gregorian = year >= GREGORIAN_FROM
        date = dt.date(year, month, day) if gregorian else jdatetime.date(year, month, day).togregorian()
    except ValueError as exc:
        raise ValidationError(
            _("«%(value)s» is not a day of the Jalali calendar (month 1–12; Esfand has 29 days except in leap years)."),
            code="invalid",
            params={"value": text},
        ) from exc
    if match.group(4) is None:
        return date, None
    hour, minute, second = int(match.group(4)), int(match.group(5)), int(match.group(6) or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValidationError(
            _("«%(value)s» is not a time; write it as 10:00 (Tehran time)."), code="invalid", params={"value": text}
        )
    return date, dt.time(hour, minute, second)


def format_jalali(value, with_time: bool = True, persian_digits: bool = True) -> str:
    """An aware datetime (or a date) → «1405-09-15 10:00» in Tehran time."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value  # what the editor typed, shown back with its error
    if isinstance(value, dt.datetime):
        value = value.astimezone(TEHRAN) if value.tzinfo else value
        j = jdatetime.datetime.fromgregorian(datetime=value)
        text = f"{j.year}-{j.month:02d}-{j.day:02d}" + (f" {value:%H:%M}" if with_time else "")
    else:
        j = jdatetime.date.fromgregorian(date=value)
        text = f"{j.year}-{j.month:02d}-{j.day:02d}"
    return to_persian_digits(text) if persian_digits else text


def format_gregorian(value, with_time: bool = True) -> str:
    if value is None or value == "" or isinstance(value, str):
        return value or ""
    if isinstance(value, dt.datetime):
        value = value.astimezone(TEHRAN) if value.tzinfo else value
        return value.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")
    return value.strftime("%Y-%m-%d")


class JalaliDateTimeInput(forms.TextInput):
    """A text box with the Jalali picker (Persian admin) or plain Gregorian (English admin)."""

    with_time = True

    def __init__(self, attrs=None):
        super().__init__(attrs)

    class Media:
        css = {"all": [PICKER_CSS]}
        js = [PICKER_JS, STARTER_JS]

    def format_value(self, value):
        if _persian_admin():
            # Latin digits in the box itself: the picker reads only those (it shows
            # its calendar in Persian digits); the server accepts both.
            return format_jalali(value, self.with_time, persian_digits=False)
        return format_gregorian(value, self.with_time)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        extra = context["widget"]["attrs"]
        extra.setdefault("dir", "ltr")
        extra.setdefault("autocomplete", "off")
        if _persian_admin():
            extra["data-jdp"] = ""
            extra["data-jdp-persian-digits"] = "true"
            if not self.with_time:
                extra["data-jdp-only-date"] = ""
            extra["placeholder"] = to_persian_digits("1405-09-15 10:00" if self.with_time else "1405-09-15")
        else:
            extra["placeholder"] = "2026-12-06 10:00" if self.with_time else "2026-12-06"
        return context


class JalaliDateInput(JalaliDateTimeInput):
    with_time = False


class JalaliDateTimeField(forms.DateTimeField):
    """Takes a Jalali (or Gregorian) date and a Tehran time; gives an aware datetime."""

    widget = JalaliDateTimeInput

    def __init__(self, *, widget=None, **kwargs):
        kwargs.pop("input_formats", None)
        widget = widget if isinstance(widget, JalaliDateTimeInput) else JalaliDateTimeInput
        super().__init__(widget=widget, **kwargs)

    def prepare_value(self, value):
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value if value.tzinfo else value.replace(tzinfo=TEHRAN)
        date, time = parse_day_and_time(value, with_time=True)
        return dt.datetime.combine(date, time or dt.time(0, 0), tzinfo=TEHRAN)


class JalaliDateField(forms.DateField):
    widget = JalaliDateInput

    def __init__(self, *, widget=None, **kwargs):
        kwargs.pop("input_formats", None)
        widget = widget if isinstance(widget, JalaliDateInput) else JalaliDateInput
        super().__init__(widget=widget, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        date, time = parse_day_and_time(value, with_time=False)
        if time is not None:
            raise ValidationError(_("Give a date without a time, e.g. 1405-09-15."), code="invalid")
        return date


def register_admin_overrides():
    """Every DateTimeField / DateField of a model form in the Wagtail admin (pages, snippets, viewsets)."""
    from django.db import models
    from wagtail.admin.forms.models import register_form_field_override

    register_form_field_override(models.DateTimeField, override={"form_class": JalaliDateTimeField})
    register_form_field_override(models.DateField, override={"form_class": JalaliDateField})
