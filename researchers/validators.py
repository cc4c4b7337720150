"""Validators for the club's forms. Each message says what is wrong."""

import re

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from iran.validators import clean_digits

_MOBILE = re.compile(r"^09\d{9}$")
_ORCID = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")


def normalise_mobile(value):
    digits = clean_digits(value)
    if digits.startswith("+98"):
        digits = "0" + digits[3:]
    elif digits.startswith("0098"):
        digits = "0" + digits[4:]
    elif digits.startswith("98") and len(digits) == 12:
        digits = "0" + digits[2:]
    return digits


def validate_iran_mobile(value):
    if not _MOBILE.match(normalise_mobile(value)):
        raise ValidationError(_("Enter an Iranian mobile number of 11 digits starting with 09."), code="mobile")


def orcid_checksum_ok(orcid):
    """ISO 7064 MOD 11-2, as ORCID specifies."""
    digits = orcid.replace("-", "")
    total = 0
    for ch in digits[:-1]:
        total = (total + int(ch)) * 2
    result = (12 - total % 11) % 11
    check = "X" if result == 10 else str(result)
    return digits[-1] == check


def validate_orcid(value):
    value = (value or "").strip().upper()
    if not value:
        return
    if not _ORCID.match(value):
        raise ValidationError(_("Write the ORCID iD as 0000-0000-0000-0000."), code="orcid_format")
    if not orcid_checksum_ok(value):
        raise ValidationError(_("This ORCID iD's check digit does not match; please check it."), code="orcid_checksum")


def proposal_max_bytes():
    return getattr(settings, "RESEARCHERS_PROPOSAL_MAX_BYTES", 10 * 1024 * 1024)


def validate_pdf(upload):
    """PDF only, checked by content (magic bytes), not by name or the browser's type."""
    limit = proposal_max_bytes()
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime != "application/pdf" or not head.startswith(b"%PDF-"):
        raise ValidationError(
            _("The research proposal must be a PDF document; this file is not a PDF, whatever its name says."),
            code="not_pdf",
        )
