"""Validators for Iranian identifiers. Each says which rule failed.

Persian and Arabic digits are accepted and normalised; callers should store
`clean_digits(value)`."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .text import to_latin_digits


def clean_digits(value) -> str:
    return to_latin_digits(str(value or "")).strip().replace(" ", "").replace("-", "")


def _require_digits(digits: str, length: int, what):
    if not digits.isdigit():
        raise ValidationError(_("%(what)s may contain digits only."), code="digits", params={"what": what})
    if len(digits) != length:
        raise ValidationError(
            _("%(what)s must have exactly %(length)s digits; this one has %(count)s."),
            code="length",
            params={"what": what, "length": length, "count": len(digits)},
        )
    if len(set(digits)) == 1:
        raise ValidationError(_("%(what)s cannot be the same digit repeated."), code="repeated", params={"what": what})


def national_id_is_valid(digits: str) -> bool:
    """The check digit of a 10-digit کد ملی."""
    total = sum(int(digits[i]) * (10 - i) for i in range(9)) % 11
    check = int(digits[9])
    return check == total if total < 2 else check == 11 - total


def validate_national_id(value):
    digits = clean_digits(value)
    what = _("A national ID")
    _require_digits(digits, 10, what)
    if not national_id_is_valid(digits):
        raise ValidationError(
            _("This national ID's check digit (the last digit) does not match; please check the number."),
            code="checksum",
        )


LEGAL_ID_WEIGHTS = (29, 27, 23, 19, 17, 29, 27, 23, 19, 17)


def legal_id_is_valid(digits: str) -> bool:
    """The check digit of an 11-digit شناسه ملی: the tenth digit plus two is added
    to each of the first ten digits before weighting."""
    offset = int(digits[9]) + 2
    total = sum((int(digits[i]) + offset) * LEGAL_ID_WEIGHTS[i] for i in range(10)) % 11
    return int(digits[10]) == (0 if total == 10 else total)


def validate_legal_id(value):
    digits = clean_digits(value)
    what = _("A legal-entity ID")
    _require_digits(digits, 11, what)
    if not legal_id_is_valid(digits):
        raise ValidationError(
            _("This legal-entity ID's check digit (the last digit) does not match; please check the number."),
            code="checksum",
        )


def validate_postal_code(value):
    digits = clean_digits(value)
    what = _("A postal code")
    _require_digits(digits, 10, what)
    if digits[0] == "0":
        raise ValidationError(_("A postal code cannot start with 0."), code="leading_zero")
