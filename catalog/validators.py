"""Validators of catalog fields, in a module of their own so that every model
module can import them (migration 0001 names them through catalog.models)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from iran.periods import Period, PeriodError


def validate_period(value):
    """A Jalali period such as 1398, 1402-Q3 or 1403-07."""
    try:
        Period.parse(value)
    except (PeriodError, ValueError) as exc:
        raise ValidationError(_("Write a Jalali period such as 1398, 1402-Q3 or 1403-07.")) from exc
