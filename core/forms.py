"""Numbers in form errors written in the reader's digits.

Django's validators put numbers into their messages ("at least %(min_length)d
characters"); on Persian pages every other number of the site is in Persian
digits, so these are too. Only the numbers a message is given are converted,
never the message's own text: an example such as an ORCID iD stays as written."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList

from iran.text import to_persian_digits

from .language import current_language

_NUMBER_FIELD = re.compile(r"%\((\w+)\)d")


class LocalDigitsErrorList(ErrorList):
    def __getitem__(self, i):
        error = self.data[i]
        if isinstance(error, ValidationError) and isinstance(error.params, dict) and current_language() == "fa":
            return local_message(error)
        return super().__getitem__(i)


def local_message(error: ValidationError) -> str:
    """The error's text with its numeric parameters in Persian digits."""
    params = {name: _digits(value) for name, value in error.params.items()}
    return _NUMBER_FIELD.sub(r"%(\1)s", str(error.message)) % params


def _digits(value):
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value
    return to_persian_digits(value)


class LocalDigitsErrors:
    """Form mixin: errors through `LocalDigitsErrorList` (and the forms of a formset too)."""

    def __init__(self, *args, **kwargs):
        # A formset hands its forms Django's own ErrorList: replaced here as well.
        if kwargs.get("error_class") in (None, ErrorList):
            kwargs["error_class"] = LocalDigitsErrorList
        super().__init__(*args, **kwargs)
