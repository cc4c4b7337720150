"""The one formula guard every CSV/XLSX export uses (OWASP «CSV injection»).

A spreadsheet runs a cell that starts with = + - @ (or a tab / carriage return)
as a formula. Such text gets a leading apostrophe; a plain number such as
`-5.5` or `+3` is data, not a formula, and is left exactly as it is."""

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# ASCII digits only: what a spreadsheet itself reads as a number.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:,[0-9]{3})*(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def is_plain_number(text: str) -> bool:
    return _PLAIN_NUMBER.fullmatch(text) is not None


def safe_cell(value):
    """`value` unchanged unless it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not is_plain_number(value):
        return "'" + value
    return value
