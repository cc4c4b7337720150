"""Template filters for Persian digits, Jalali dates and periods.

Loaded as a builtin (config/settings/base.py), so every template has them.
Each filter follows the active language unless one is given."""

from django import template
from django.utils.translation import get_language

from iran import dates
from iran.periods import Period, PeriodError
from iran.text import format_number, to_persian_digits

register = template.Library()


def _lang(lang=None):
    return (lang or get_language() or "fa")[:2]


@register.filter
def fa_digits(value):
    """Persian digits, whatever the language."""
    return to_persian_digits(value)


@register.filter
def local_digits(value, lang=None):
    """Persian digits on Persian pages, Latin ones on English pages."""
    return to_persian_digits(value) if _lang(lang) == "fa" else str(value)


@register.filter
def number(value, decimals=None):
    """A number with thousands grouped, in the page language's digits."""
    if value is None or value == "":
        return ""
    return format_number(value, _lang(), None if decimals in (None, "") else int(decimals))


@register.filter
def jdate(value, lang=None):
    return dates.format_date(value, _lang(lang))


@register.filter
def jdatetime(value, lang=None):
    return dates.format_datetime(value, _lang(lang))


@register.filter
def jmonth(value, lang=None):
    return dates.format_month(value, _lang(lang))


@register.filter
def period_label(value, lang=None):
    try:
        return Period.parse(value).label(_lang(lang))
    except PeriodError:
        return value
