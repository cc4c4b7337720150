"""Reading: a CSV or XLSX file becomes a header and a stream of chunks.

Nothing here holds the whole file: CSV is read by pandas in chunks, XLSX by
openpyxl in read-only mode row by row. Before any of that, the cheap checks
run on the first lines only (size, encoding, header, width), so a hostile file
is refused in milliseconds rather than after minutes of parsing.

Each chunk is a DataFrame of strings whose columns are the header's positions
(0, 1, …: headers may be empty or repeated) plus `__row`, the row number the
user sees (the file's line or the Excel row)."""

from __future__ import annotations

import codecs
import csv
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.conf import settings
from django.utils.translation import gettext as _

from iran.text import normalize_key

from .report import Report

HEADER_SCAN_ROWS = 15
HEADER_SCAN_BYTES = 2 * 1024 * 1024  # a header line longer than this is not a table's header
DELIMITERS = (",", ";", "\t", "|")
PERIOD_HEADERS = {"period", "دوره", "دورهزمانی", "زمان", "مقطع", "سالوماه", "time", "refperiod"}
VALUE_HEADERS = {"value", "مقدار", "رقم", "ارزش", "obsvalue", "obs_value"}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # what pandas' C parser counts as a line, no more


def max_bytes() -> int:
    return int(getattr(settings, "INDICATORS_IMPORT_MAX_BYTES", 150 * 1024 * 1024))


def max_columns() -> int:
    return int(getattr(settings, "INDICATORS_IMPORT_MAX_COLUMNS", 100))


def max_cells() -> int:
    return int(getattr(settings, "INDICATORS_IMPORT_MAX_CELLS", 60_000_000))


def chunk_rows() -> int:
    return int(getattr(settings, "INDICATORS_IMPORT_CHUNK_ROWS", 250_000))


@dataclass
class Source:
    headers: list[str]
    chunks: Iterator[pd.DataFrame]


def open_source(handle, name: str, report: Report, sheet: str = "") -> Source | None:
    """The file's header and chunks, or None after reporting why it cannot be read."""
    head = handle.read(HEADER_SCAN_BYTES)
    handle.seek(0)
    if not head:
        _empty(report)
        return None
    if head.startswith(b"PK\x03\x04") or name.lower().endswith((".xlsx", ".xlsm")):
        return _open_xlsx(handle, report, sheet)
    return _open_csv(handle, head, report)


def file_size(path_or_file) -> int:
    if isinstance(path_or_file, (str, os.PathLike)):
        return os.path.getsize(path_or_file)
    path_or_file.seek(0, os.SEEK_END)
    size = path_or_file.tell()
    path_or_file.seek(0)
    return size


def _empty(report: Report, message=None):
    report.error(
        "empty",
        None,
        "",
        "",
        message or _("The file is empty."),
        _("Export the table again from the warehouse."),
    )


def is_header(cells) -> bool:
    keys = {normalize_key(str(c)) for c in cells if c is not None}
    return bool(keys & PERIOD_HEADERS and keys & VALUE_HEADERS)


def report_no_header(report: Report, first_row):
    report.error(
        "header",
        1,
        "",
        " | ".join(str(c) for c in first_row)[:80],
        _("No header row naming the period and value columns was found in the first %(n)s rows.")
        % {"n": HEADER_SCAN_ROWS},
        _(
            "Put a header row with «period» (دوره) and «value» (مقدار) and one column per dimension; "
            "if the text looks garbled, save the file as CSV UTF-8."
        ),
    )


def _too_wide(report: Report, width: int) -> None:
    report.error(
        "too_wide",
        None,
        "",
        str(width),
        _("The table has %(n)s columns; at most %(limit)s are allowed.") % {"n": width, "limit": max_columns()},
        _("Keep only the period, dimension, value, count and flag columns, then export again."),
    )


def _too_many_cells(report: Report, cells: int) -> None:
    report.error(
        "too_large",
        None,
        "",
        f"{cells:,}",
        _("The sheet has %(n)s cells; at most %(limit)s are allowed.")
        % {"n": f"{cells:,}", "limit": f"{max_cells():,}"},
        _("Split it by period (for example one file per year) and import each part."),
    )


# --- CSV -------------------------------------------------------------------------
def _encoding(head: bytes, complete: bool, report: Report) -> str | None:
    """utf-8-sig, utf-8 or cp1256, judged on the first bytes; None after reporting."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head[:4096]:
        report.error(
            "encoding",
            None,
            "",
            "UTF-16",
            _("The file is saved in UTF-16 (Unicode text), which cannot be read."),
            _("Save it as «CSV UTF-8» (or Windows-1256 / Arabic) and import it again."),
        )
        return None
    try:  # incremental: the sample may end inside a multi-byte letter
        codecs.getincrementaldecoder("utf-8")().decode(head, final=complete)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if not _looks_garbled(head.decode("cp1256", errors="replace")):
        return "cp1256"
    report_bad_encoding(report)
    return None


def report_bad_encoding(report: Report):
    report.error(
        "encoding",
        None,
        "",
        "",
        _("The file's encoding is neither UTF-8 nor Windows-1256 (Arabic), so its text cannot be read."),
        _("Save it as «CSV UTF-8» and import it again."),
    )


def _looks_garbled(text: str) -> bool:
    """Windows-1256 decodes nearly any bytes; a real Persian file is mostly
    Arabic-script letters, digits and punctuation, not Latin-1 accents."""
    sample = text[:20000]
    odd = sum(1 for ch in sample if "\u00c0" <= ch <= "\u00ff" or ch in "\u0152\u0153\u0192\u2020\u2021\u2030\ufffd")
    return odd > max(3, len(sample) // 200)


def _find_csv_header(lines: list[str]) -> tuple[int, str, list[str]] | None:
    """(line index, delimiter, cells) of the header, judged line by line: a title
    line above the header says nothing about the delimiter."""
    for index, line in enumerate(lines[:HEADER_SCAN_ROWS]):
        for delimiter in DELIMITERS:
            if delimiter not in line:
                continue
            cells = next(csv.reader([line], delimiter=delimiter), [])
            if is_header(cells):
                return index, delimiter, cells
    return None


def _open_csv(handle, head: bytes, report: Report) -> Source | None:
    complete = len(head) < HEADER_SCAN_BYTES
    encoding = _encoding(head, complete, report)
    if encoding is None:
        return None
    text = head.decode(encoding, errors="ignore")
    if not text.strip():
        _empty(report)
        return None
    lines = _LINE_BREAK.split(text)
    if not complete:
        lines = lines[:-1]  # the last line may be cut by the sample
    found = _find_csv_header(lines)
    if found is None:
        report_no_header(report, next(csv.reader(lines[:1]), []) if lines else [])
        return None
    index, delimiter, cells = found
    if len(cells) > max_columns():
        _too_wide(report, len(cells))
        return None
    headers = [c.strip() for c in cells]
    return Source(headers, _csv_chunks(handle, encoding, delimiter, index, len(headers)))


def _csv_chunks(handle, encoding, delimiter, header_index, width) -> Iterator[pd.DataFrame]:
    reader = pd.read_csv(
        handle,
        encoding=encoding,
        sep=delimiter,
        header=None,
        names=range(width),  # a longer row is a ParserError, a shorter one is padded
        skiprows=header_index + 1,
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        skip_blank_lines=False,  # so row numbers are the file's lines
        skipinitialspace=True,
        engine="c",
        chunksize=chunk_rows(),
    )
    first_row = header_index + 2
    with reader:
        for chunk in reader:
            chunk = chunk.reset_index(drop=True)
            # int32: a file within the size limit has far fewer than 2**31 lines (4 bytes a row saved).
            chunk["__row"] = np.arange(first_row, first_row + len(chunk), dtype=np.int32)
            first_row += len(chunk)
            yield chunk


# --- XLSX ------------------------------------------------------------------------
def _open_xlsx(handle, report: Report, sheet: str) -> Source | None:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(handle, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        report.error(
            "xlsx",
            None,
            "",
            str(exc)[:80],
            _("The file is not a readable Excel (XLSX) workbook."),
            _("Open it in Excel and save it again as «Excel Workbook (.xlsx)», or export CSV UTF-8."),
        )
        return None
    worksheet = _choose_sheet(workbook, report, sheet)
    if worksheet is None:
        workbook.close()
        return None
    # The sheet's declared size refuses a huge sheet before a single row is parsed.
    declared = (worksheet.max_row or 0) * (worksheet.max_column or 0)
    if declared > max_cells():
        workbook.close()
        _too_many_cells(report, declared)
        return None
    rows = worksheet.iter_rows(values_only=True)
    scanned = []
    for excel_row, row in enumerate(rows, start=1):
        scanned.append((excel_row, row))
        if is_header(row):
            break
        if excel_row >= HEADER_SCAN_ROWS:
            break
    if not any(any(c not in (None, "") for c in row) for _r, row in scanned):
        workbook.close()
        _empty(report, _("The sheet is empty."))
        return None
    if not scanned or not is_header(scanned[-1][1]):
        workbook.close()
        report_no_header(report, ["" if c is None else c for c in scanned[0][1]])
        return None
    header_row, header = scanned[-1]
    # The table ends at its last named column: notes further right are not columns.
    width = max(i for i, c in enumerate(header) if c not in (None, "")) + 1
    if width > max_columns():
        workbook.close()
        _too_wide(report, width)
        return None
    headers = ["" if c is None else _xlsx_text(c).strip() for c in header[:width]]
    return Source(headers, _xlsx_chunks(workbook, rows, header_row + 1, width))


def _choose_sheet(workbook, report: Report, sheet: str):
    names = workbook.sheetnames
    if sheet:
        wanted = {normalize_key(n): n for n in names}.get(normalize_key(sheet))
        if wanted is not None:
            return workbook[wanted]
        report.error(
            "sheet",
            None,
            "",
            sheet,
            _("The workbook has no sheet named «%(sheet)s».") % {"sheet": sheet},
            _("Choose one of: %(names)s.")
            % {"names": "، ".join(names) if report.language == "fa" else ", ".join(names)},
        )
        return None
    if len(names) == 1:
        return workbook[names[0]]
    report.error(
        "sheet",
        None,
        "",
        " | ".join(names),
        _("The workbook has %(n)s sheets and it is not clear which one to import.") % {"n": len(names)},
        _("Choose the sheet by name (the «sheet» field, or --sheet on the command line): %(names)s.")
        % {"names": ", ".join(names)},
    )
    return None


def _xlsx_chunks(workbook, rows, first_row, width) -> Iterator[pd.DataFrame]:
    size = chunk_rows()
    body, numbers = [], []
    try:
        for excel_row, row in enumerate(rows, start=first_row):
            cells = ["" if v is None else _xlsx_text(v) for v in row[:width]]
            body.append(cells + [""] * (width - len(cells)))
            numbers.append(excel_row)
            if len(body) >= size:
                yield _frame(body, numbers, width)
                body, numbers = [], []
        if body:
            yield _frame(body, numbers, width)
    finally:
        workbook.close()


def _frame(body, numbers, width) -> pd.DataFrame:
    frame = pd.DataFrame(body, columns=range(width), dtype=object)
    frame["__row"] = np.array(numbers, dtype=np.int32)
    return frame


def _xlsx_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    return str(value).strip()
