"""Spreadsheet downloads for the whole site: the formula guard and the CSV/XLSX writers.

The guard (OWASP «CSV injection»): a spreadsheet runs a cell that starts with
= + - @ (or a tab / carriage return) as a formula. Such text gets a leading
apostrophe; a plain number such as `-5.5` or `+3` is data, not a formula, and is
left exactly as it is.

The writers: CSV text (with the byte-order mark Excel needs for Persian), whole
or streamed, the bytes of an openpyxl workbook, and the download response. Each app lays out its
own rows and sheets; how a file is written and sent is decided here once."""

import csv
import io
import re
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse

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


# --- writers ------------------------------------------------------------------------------
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel reads UTF-8 (and so Persian text) correctly only after a byte-order mark.
BOM = "\ufeff"


def guard(value):
    """A cell for a CSV row: numbers as they are, nothing as "", any other value as
    guarded text (a lazy translation or a date is text to a spreadsheet too)."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal):
        return value
    return safe_cell(str(value))


def csv_parts(rows, *, bom=True, lines_per_part=2_000):
    """The rows as CSV text in parts of `lines_per_part` lines, every cell through
    the formula guard: a long file is sent as it is written, never held whole."""
    buffer = io.StringIO()
    if bom:
        buffer.write(BOM)
    writer = csv.writer(buffer)
    for number, row in enumerate(rows, 1):
        writer.writerow([guard(value) for value in row])
        if number % lines_per_part == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_text(rows, *, bom=True) -> str:
    """The rows as CSV text, every cell through the formula guard."""
    return "".join(csv_parts(rows, bom=bom))


def workbook_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def attachment(content, filename: str, content_type: str, *, streaming=False) -> HttpResponse:
    """A download response named `filename` (with its extension); `streaming`:
    `content` is an iterable of parts, sent as they are made."""
    response = (StreamingHttpResponse if streaming else HttpResponse)(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename: str, rows, *, bom=True) -> HttpResponse:
    """`filename.csv` with the rows (the header is the first row)."""
    return attachment(csv_text(rows, bom=bom), f"{filename}.csv", CSV_CONTENT_TYPE)


def streaming_csv_response(filename: str, rows, *, bom=True) -> StreamingHttpResponse:
    """`filename.csv` like csv_response, written while it is sent: for files too
    long to hold whole. `rows` may be a generator."""
    return attachment(csv_parts(rows, bom=bom), f"{filename}.csv", CSV_CONTENT_TYPE, streaming=True)


def xlsx_response(filename: str, workbook) -> HttpResponse:
    """`filename.xlsx` from an openpyxl workbook the caller laid out (cells already guarded)."""
    return attachment(workbook_bytes(workbook), f"{filename}.xlsx", XLSX_CONTENT_TYPE)
