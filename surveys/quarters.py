"""The survey's calendar: today in Tehran and Jalali quarters."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iran.periods import Period, PeriodError, Periodicity


def tehran_today():
    return timezone.now().astimezone(ZoneInfo(settings.DISPLAY_TIME_ZONE)).date()


def current_quarter_code():
    return Period.containing(tehran_today(), Periodicity.QUARTER).code


def validate_quarter(value):
    try:
        period = Period.parse(value)
    except PeriodError as error:
        raise ValidationError(_("Write a Jalali quarter such as 1405-Q3.")) from error
    if period.periodicity != Periodicity.QUARTER:
        raise ValidationError(_("Write a Jalali quarter such as 1405-Q3."))
