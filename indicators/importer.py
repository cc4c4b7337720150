"""The warehouse import: read a tidy table, validate it, write it all or nothing.

A file holds one row per observation: `period`, one column per dimension of
the indicator, `value`, and optionally `count` (units behind the value, for
disclosure control) and `flag`. Headers may be Persian or English, by the
code list's code or name or a declared alias.

The steps, each vectorised with pandas so a million rows take seconds:

1. refuse by size before reading; read CSV (UTF-8 with/without BOM, or
   Windows-1256) or XLSX (title rows above the header allowed; the sheet
   chosen by name or the only one);
2. validate: headers, periods and periodicity, codes (by code or label,
   ي/ك and Persian digits equal), numeric values, counts, flags, formulas,
   duplicate keys, totals against the sum of their parts; big moves against
   the previous period are warnings;
3. compare with what is stored for the file's periods: new, revised (value
   changed: flagged `revised`), unchanged, removed;
4. write in one transaction, in bulk (COPY on PostgreSQL, executemany
   elsewhere). A file with any error changes nothing; an identical re-import
   writes nothing.

Every problem is reported with its row, column, value and how to fix it, in
the user's language."""

from __future__ import annotations

import codecs
import csv
import io
import logging
import os
import zipfile
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from iran.periods import Period, PeriodError
from iran.text import (
    ARABIC_DECIMAL_SEPARATOR,
    ARABIC_DIGITS,
    ARABIC_THOUSANDS_SEPARATOR,
    PERSIAN_DIGITS,
    normalize_key,
    parse_decimal,
)

from .enums import Flag, ImportStatus
from .models import DIMENSION_FIELDS, Code, ImportBatch, Indicator, Observation, period_bounds

log = logging.getLogger(__name__)

MAX_LISTED = 500  # problems listed one by one; the rest are counted
HEADER_SCAN_ROWS = 15
MAX_ABS_VALUE = 10**14

PERIOD_HEADERS = {"period", "دوره", "دورهزمانی", "زمان", "مقطع", "سالوماه", "time", "refperiod"}
VALUE_HEADERS = {"value", "مقدار", "رقم", "ارزش", "obsvalue", "obs_value"}
COUNT_HEADERS = {"count", "n", "تعداد", "تعدادواحد", "تعدادواحدها", "units", "تعدادواحدهایآماری"}
FLAG_HEADERS = {"flag", "flags", "نشانه", "وضعیت", "status", "obsstatus"}

FLAG_WORDS = {
    Flag.PROVISIONAL: {"provisional", "p", "موقت", "مقدماتی"},
    Flag.REVISED: {"revised", "r", "بازنگریشده", "تجدیدنظرشده"},
    Flag.ESTIMATED: {"estimated", "e", "برآوردی", "برآورد"},
    Flag.BREAK: {"break", "b", "شکستسری", "شکست"},
    Flag.SUPPRESSED: {"suppressed", "c", "confidential", "محرمانه", "حذفشده"},
}
FLAG_LOOKUP = {normalize_key(word): flag.value for flag, words in FLAG_WORDS.items() for word in words}

_NUMBER_TABLE = str.maketrans(
    {
        **{d: str(i) for i, d in enumerate(PERSIAN_DIGITS)},
        **{d: str(i) for i, d in enumerate(ARABIC_DIGITS)},
        ARABIC_DECIMAL_SEPARATOR: ".",
        ARABIC_THOUSANDS_SEPARATOR: "",
        ",": "",
        " ": "",
        "\u00a0": "",
        "\u200c": "",
        "\u200e": "",
        "\u200f": "",
        "\u2212": "-",
    }
)
_DIGIT_TABLE = str.maketrans(
    {**{d: str(i) for i, d in enumerate(PERSIAN_DIGITS)}, **{d: str(i) for i, d in enumerate(ARABIC_DIGITS)}}
)


def max_bytes() -> int:
    return int(getattr(settings, "INDICATORS_IMPORT_MAX_BYTES", 150 * 1024 * 1024))


class ImportFailed(Exception):
    """Raised inside the write transaction to roll it back."""


@dataclass
class Problem:
    row: int | None
    column: str
    value: str
    message: str
    fix: str
    kind: str

    def as_dict(self):
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
            "fix": self.fix,
            "kind": self.kind,
        }


@dataclass
class Report:
    language: str = "fa"
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    error_count: int = 0
    warning_count: int = 0
    rows_total: int = 0
    rows_created: int = 0
    rows_revised: int = 0
    rows_unchanged: int = 0
    rows_deleted: int = 0
    periods: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    preview: list[list[str]] = field(default_factory=list)
    written: bool = False
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def error(self, kind, row, column, value, message, fix):
        self.error_count += 1
        if len(self.errors) < MAX_LISTED:
            self.errors.append(Problem(_row(row), str(column), _cell(value), str(message), str(fix), kind))

    def warning(self, kind, row, column, value, message, fix=""):
        self.warning_count += 1
        if len(self.warnings) < MAX_LISTED:
            self.warnings.append(Problem(_row(row), str(column), _cell(value), str(message), str(fix), kind))

    def as_text(self) -> str:
        """The report as plain text, for the command line."""
        lines = []
        for label, problems, total in (
            (_("Error"), self.errors, self.error_count),
            (_("Warning"), self.warnings, self.warning_count),
        ):
            for p in problems:
                where = _("row %(row)s") % {"row": p.row} if p.row else _("file")
                column = f" · {p.column}" if p.column else ""
                value = f" · «{p.value}»" if p.value != "" else ""
                lines.append(f"{label}: {where}{column}{value}: {p.message} — {p.fix}".rstrip(" —"))
            if total > len(problems):
                lines.append(_("… and %(n)s more of the same kind.") % {"n": total - len(problems)})
        lines.append(
            _(
                "%(total)s rows read: %(created)s new, %(revised)s revised, %(unchanged)s unchanged, "
                "%(deleted)s removed."
            )
            % {
                "total": self.rows_total,
                "created": self.rows_created,
                "revised": self.rows_revised,
                "unchanged": self.rows_unchanged,
                "deleted": self.rows_deleted,
            }
        )
        return "\n".join(lines)


def _row(row):
    return None if row is None else int(row)


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def _room(report: Report, indices, warning: bool = False):
    """The first problems still worth listing; the others are only counted."""
    listed = report.warnings if warning else report.errors
    room = max(0, MAX_LISTED - len(listed))
    extra = max(0, len(indices) - room)
    if warning:
        report.warning_count += extra
    else:
        report.error_count += extra
    return indices[:room]


# --- reading ---------------------------------------------------------------------
@dataclass
class Table:
    frame: pd.DataFrame  # all columns as strings, plus "__row": the row number the user sees
    headers: list[str]


def _is_xlsx(head: bytes, name: str) -> bool:
    return head.startswith(b"PK\x03\x04") or name.lower().endswith((".xlsx", ".xlsm"))


def _find_header(rows: list[list[str]], indicator: Indicator) -> int | None:
    """Index of the first row that names the period and value columns."""
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        keys = {normalize_key(c) for c in row if c is not None}
        if keys & PERIOD_HEADERS and keys & VALUE_HEADERS:
            return index
    return None


def read_file(path_or_file, name: str, indicator: Indicator, report: Report, sheet: str = "") -> Table | None:
    """Read the file into a Table, or report why it cannot be read and return None."""
    if isinstance(path_or_file, (str, os.PathLike)):
        size = os.path.getsize(path_or_file)
    else:
        path_or_file.seek(0, os.SEEK_END)
        size = path_or_file.tell()
        path_or_file.seek(0)
    if size > max_bytes():
        report.error(
            "too_large",
            None,
            "",
            f"{size / 1024 / 1024:.0f} MB",
            _("The file is larger than the %(limit)s MB allowed; it was not read.") % {"limit": max_bytes() // 2**20},
            _("Split it by period (for example one file per year) and import each part."),
        )
        return None
    if size == 0:
        report.error("empty", None, "", "", _("The file is empty."), _("Export the table again from the warehouse."))
        return None
    handle = open(path_or_file, "rb") if isinstance(path_or_file, (str, os.PathLike)) else path_or_file  # noqa: SIM115
    try:
        head = handle.read(4)
        handle.seek(0)
        if _is_xlsx(head, name):
            return _read_xlsx(handle, indicator, report, sheet)
        return _read_csv(handle.read(), indicator, report)
    finally:
        if handle is not path_or_file:
            handle.close()


def _decode(data: bytes, report: Report) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data[:4096]:
        report.error(
            "encoding",
            None,
            "",
            "UTF-16",
            _("The file is saved in UTF-16 (Unicode text), which cannot be read."),
            _("Save it as «CSV UTF-8» (or Windows-1256 / Arabic) and import it again."),
        )
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = None
    if text is None or _looks_garbled(text):
        report.error(
            "encoding",
            None,
            "",
            "",
            _("The file's encoding is neither UTF-8 nor Windows-1256 (Arabic), so its text cannot be read."),
            _("Save it as «CSV UTF-8» and import it again."),
        )
        return None
    return text


def _looks_garbled(text: str) -> bool:
    """Windows-1256 decodes nearly any bytes; a real Persian file is mostly
    Arabic-script letters, digits and punctuation, not Latin-1 accents."""
    sample = text[:20000]
    odd = sum(1 for ch in sample if "\u00c0" <= ch <= "\u00ff" or ch in "\u0152\u0153\u0192\u2020\u2021\u2030")
    return odd > max(3, len(sample) // 200)


def _sniff_delimiter(line: str) -> str:
    counts = {d: line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _read_csv(data: bytes, indicator: Indicator, report: Report) -> Table | None:
    text = _decode(data, report)
    if text is None:
        return None
    del data
    if not text.strip():
        report.error("empty", None, "", "", _("The file is empty."), _("Export the table again from the warehouse."))
        return None
    first_lines = text[:20000].splitlines()[:HEADER_SCAN_ROWS]
    delimiter = _sniff_delimiter(next((ln for ln in first_lines if ln.strip()), ","))
    rows = list(csv.reader(first_lines, delimiter=delimiter))
    header_index = _find_header(rows, indicator)
    if header_index is None:
        _report_no_header(report, rows[0] if rows else [])
        return None
    # Skip the title lines above the header by counting physical lines.
    offset = 0
    for _i in range(header_index):
        offset = text.index("\n", offset) + 1
    frame = pd.read_csv(
        io.StringIO(text[offset:]),
        sep=delimiter,
        dtype=str,
        keep_default_na=False,
        skip_blank_lines=False,
        skipinitialspace=True,
        engine="c",
        on_bad_lines="error",
    )
    del text
    # Codes and periods repeat: categories keep a million rows small; values stay text.
    numeric = VALUE_HEADERS | COUNT_HEADERS
    for column in frame.columns:
        if normalize_key(column) not in numeric:
            frame[column] = frame[column].astype("category")
    frame["__row"] = np.arange(len(frame), dtype=np.int64) + header_index + 2
    return _finish_table(frame, report)


def _read_xlsx(handle, indicator: Indicator, report: Report, sheet: str) -> Table | None:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(handle, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        report.error(
            "xlsx",
            None,
            "",
            str(exc)[:80],
            _("The file is not a readable Excel (XLSX) workbook."),
            _("Open it in Excel and save it again as «Excel Workbook (.xlsx)», or export CSV UTF-8."),
        )
        return None
    names = workbook.sheetnames
    if sheet:
        wanted = {normalize_key(n): n for n in names}.get(normalize_key(sheet))
        if wanted is None:
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
        worksheet = workbook[wanted]
    elif len(names) == 1:
        worksheet = workbook[names[0]]
    else:
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
    values = []
    row_numbers = []
    for excel_row, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
        values.append(["" if v is None else _xlsx_text(v) for v in row])
        row_numbers.append(excel_row)
    workbook.close()
    header_index = _find_header(values, indicator)
    if not values or not any(any(c.strip() for c in r) for r in values):
        report.error("empty", None, "", "", _("The sheet is empty."), _("Choose the sheet that holds the table."))
        return None
    if header_index is None:
        _report_no_header(report, values[0])
        return None
    headers = [h.strip() for h in values[header_index]]
    width = len(headers)
    body = [(r + [""] * width)[:width] for r in values[header_index + 1 :]]
    frame = pd.DataFrame(body, columns=headers, dtype=str) if body else pd.DataFrame(columns=headers, dtype=str)
    frame["__row"] = np.array(row_numbers[header_index + 1 :], dtype=np.int64)
    return _finish_table(frame, report)


def _xlsx_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _finish_table(frame: pd.DataFrame, report: Report) -> Table | None:
    frame.columns = [str(c).strip() for c in frame.columns]
    data_columns = [c for c in frame.columns if c != "__row"]
    # Drop rows where every cell is empty (blank lines, trailing rows in Excel).
    nonblank = np.zeros(len(frame), dtype=bool)
    for column in data_columns:
        series = frame[column]
        if isinstance(series.dtype, pd.CategoricalDtype):
            stripped = series.cat.categories.astype(str).str.strip()
            if "" not in series.cat.categories and stripped.is_unique and "" not in stripped:
                series = series.cat.rename_categories(stripped).cat.add_categories([""]).fillna("")
            else:
                series = series.astype(object).fillna("").astype(str).str.strip().astype("category")
        else:
            series = series.astype(object).fillna("").astype(str).str.strip()
        frame[column] = series
        nonblank |= (series != "").to_numpy()
    frame = frame[nonblank].reset_index(drop=True)
    if frame.empty:
        report.error(
            "empty",
            None,
            "",
            "",
            _("The file has a header but no data rows."),
            _("Export the table again with its rows."),
        )
        return None
    return Table(frame=frame, headers=data_columns)


def _report_no_header(report: Report, first_row):
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


# --- validating --------------------------------------------------------------------
@dataclass
class Dimension:
    position: int
    code_list: object
    column: str | None = None
    codes: set = field(default_factory=set)
    lookup: dict = field(default_factory=dict)  # normalised code or label -> code
    total_code: str = ""
    top_level: set = field(default_factory=set)


def _dimensions(indicator: Indicator) -> list[Dimension]:
    dims = []
    for position, code_list in enumerate(indicator.dimension_lists):
        dim = Dimension(position=position, code_list=code_list, total_code=code_list.total_code)
        rows = list(
            Code.objects.filter(code_list=code_list).values_list("code", "label_fa", "label_en", "parent__code")
        )
        for code, fa, en, parent in rows:
            dim.codes.add(code)
            for key in (fa, en):
                if key:
                    dim.lookup.setdefault(normalize_key(key), code)
            if not parent or parent == dim.total_code:
                dim.top_level.add(code)
        for code, *_rest in rows:  # codes win over labels that look like codes
            dim.lookup[normalize_key(code)] = code
        dim.top_level.discard(dim.total_code)
        dims.append(dim)
    return dims


def _header_keys(code_list) -> set[str]:
    keys = {normalize_key(code_list.code), normalize_key(code_list.name_fa), normalize_key(code_list.name_en or "")}
    keys |= {normalize_key(alias) for alias in code_list.header_aliases.split("|") if alias.strip()}
    keys.discard("")
    return keys


def map_columns(table: Table, dims: list[Dimension], report: Report) -> dict[str, str] | None:
    """{role: header}: roles are period, value, count, flag and each dimension's code list code."""
    roles: dict[str, str] = {}
    wanted = {"period": PERIOD_HEADERS, "value": VALUE_HEADERS, "count": COUNT_HEADERS, "flag": FLAG_HEADERS}
    for dim in dims:
        wanted[dim.code_list.code] = _header_keys(dim.code_list)
    for header in table.headers:
        key = normalize_key(header)
        role = next((r for r, keys in wanted.items() if key in keys and r not in roles), None)
        if role is None:
            if key.endswith(("label", "عنوان", "نام")) or key.startswith(("label", "عنوان", "نام")):
                continue  # label columns beside code columns are fine
            report.warning(
                "unknown_column",
                None,
                header,
                "",
                _("This column is not part of the indicator and was ignored."),
                _("Remove it, or add its header as an alias of a code list."),
            )
            continue
        roles[role] = header
    for role in ["period", *[d.code_list.code for d in dims], "value"]:
        if role not in roles:
            name = next((d.code_list.name(report.language) for d in dims if d.code_list.code == role), role)
            report.error(
                "missing_column",
                None,
                name,
                "",
                _("The column «%(name)s» is missing.") % {"name": name},
                _("Add a column headed «%(code)s» (or its Persian name) holding one code per row.") % {"code": role},
            )
    for dim in dims:
        dim.column = roles.get(dim.code_list.code)
    return roles if report.ok else None


def validate(table: Table, indicator: Indicator, report: Report) -> pd.DataFrame | None:
    """Check every cell; return the clean frame (period, d1.., value text, count, flags, __row) or None."""
    frame = table.frame
    dims = _dimensions(indicator)
    roles = map_columns(table, dims, report)
    if roles is None:
        return None
    rows = frame["__row"].to_numpy()
    report.rows_total = len(frame)

    # Formulas: a cell starting with "=" is a spreadsheet formula, never data.
    formulas: dict[str, set] = {}
    for header in table.headers:
        column = frame[header]
        mask = column.str.startswith("=").to_numpy()
        for i in _room(report, np.flatnonzero(mask)):
            report.error(
                "formula",
                rows[i],
                header,
                column.iat[i],
                _("The cell holds a spreadsheet formula, not a value."),
                _("Copy the sheet and paste it as values only, then export again."),
            )
        formulas[header] = set(np.flatnonzero(mask).tolist())  # reported once, not again below

    clean = pd.DataFrame({"__row": rows})

    # Periods: parse each distinct value once.
    period_column = roles["period"]
    periodicity = indicator.periodicity_enum
    parsed: dict[str, Period | None] = {}
    for text in frame[period_column].unique():
        try:
            period = Period.parse(text)
        except PeriodError:
            parsed[text] = None
            continue
        parsed[text] = period if period.periodicity == periodicity else False
    period_codes = frame[period_column].map(lambda t: parsed[t].code if parsed.get(t) else "").astype(object)
    bad = (period_codes == "").to_numpy()
    example = {1: "1403", 4: "1403-Q2", 12: "1403-07"}[int(periodicity)]
    for i in _room(report, np.flatnonzero(bad)):
        if i in formulas[period_column]:
            continue
        text = frame[period_column].iat[i]
        if text == "":
            msg = _("The period is empty.")
        elif parsed.get(text) is False:
            msg = _("This period does not fit the indicator, which is %(periodicity)s.") % {
                "periodicity": indicator.get_periodicity_display()
            }
        else:
            msg = _("This is not a period.")
        report.error(
            "period", rows[i], period_column, text, msg, _("Write it like %(example)s.") % {"example": example}
        )
    clean["period"] = period_codes.to_numpy()

    # Codes: by code or by label; ي/ك, spaces and Persian digits do not matter.
    for dim, name in zip(dims, DIMENSION_FIELDS, strict=False):
        column = frame[dim.column]
        mapping = {}
        for text in column.unique():
            mapping[text] = dim.lookup.get(normalize_key(text), None) if text != "" else None
        codes = column.map(mapping)
        missing = codes.isna().to_numpy()
        for i in _room(report, np.flatnonzero(missing)):
            if i in formulas[dim.column]:
                continue
            text = column.iat[i]
            if text == "":
                message = _("The code is empty.")
            else:
                message = _("«%(value)s» is not a code or label of the code list «%(list)s».") % {
                    "value": text,
                    "list": dim.code_list.name(report.language),
                }
            report.error(
                "unknown_code",
                rows[i],
                dim.column,
                text,
                message,
                _("Use a code from the code list «%(list)s» (see the code lists in the admin), e.g. %(examples)s.")
                % {"list": dim.code_list.code, "examples": ", ".join(sorted(dim.codes)[:5])},
            )
        clean[name] = codes.astype(object).fillna("").to_numpy()
    for name in DIMENSION_FIELDS[len(dims) :]:
        clean[name] = ""

    # Values: Persian/Arabic digits and separators; empty means missing.
    value_column = roles["value"]
    raw = frame[value_column]
    normal = raw.str.translate(_NUMBER_TABLE)
    numbers = pd.to_numeric(normal, errors="coerce")
    values = numbers.to_numpy(dtype="float64", na_value=np.nan).copy()
    texts = normal.to_numpy(dtype=object).copy()
    failed = np.flatnonzero(np.isnan(values) & (normal != "").to_numpy())
    not_numbers = []
    for i in failed:
        try:
            number = parse_decimal(raw.iat[i])
        except ValueError:
            if i not in formulas[value_column]:
                not_numbers.append(i)
            continue
        values[i] = float(number)
        texts[i] = str(number)
    for i in _room(report, not_numbers):
        report.error(
            "value",
            rows[i],
            value_column,
            raw.iat[i],
            _("The value is not a number."),
            _("Write only digits (Persian or Latin) with an optional decimal point; leave it empty if missing."),
        )
    huge = np.flatnonzero(np.abs(np.nan_to_num(values)) >= MAX_ABS_VALUE)
    for i in _room(report, huge):
        report.error(
            "value",
            rows[i],
            value_column,
            raw.iat[i],
            _("The value is too large."),
            _("Check the unit: values must be below 10^14."),
        )
    texts[np.isnan(values)] = None
    clean["value"] = texts
    clean["__value"] = values

    # Counts (units behind each value), for disclosure control.
    if "count" in roles:
        count_raw = frame[roles["count"]]
        count_norm = count_raw.str.translate(_NUMBER_TABLE)
        counts = pd.to_numeric(count_norm, errors="coerce")
        bad = (counts.isna() & (count_norm != "")) | (counts.notna() & ((counts < 0) | (counts % 1 != 0)))
        for i in _room(report, np.flatnonzero(bad.to_numpy())):
            report.error(
                "count",
                rows[i],
                roles["count"],
                count_raw.iat[i],
                _("The count of units must be a whole number, zero or more."),
                _("Write the number of persons or units behind the value, or leave it empty."),
            )
        clean["count"] = counts.where(~bad).astype("Int64").to_numpy(dtype=object, na_value=None)
    else:
        clean["count"] = None

    # Flags.
    if "flag" in roles:
        flag_raw = frame[roles["flag"]]
        flag_map = {}
        for text in flag_raw.unique():
            parts = [p for p in (normalize_key(x) for x in _split_flags(text)) if p]
            found = [FLAG_LOOKUP.get(p) for p in parts]
            flag_map[text] = None if None in found else ",".join(sorted(set(found)))
        flags = flag_raw.map(flag_map)
        for i in _room(report, np.flatnonzero(flags.isna().to_numpy())):
            report.error(
                "flag",
                rows[i],
                roles["flag"],
                flag_raw.iat[i],
                _("Unknown flag."),
                _("Use provisional, estimated, break or suppressed (موقت، برآوردی، شکست سری، محرمانه)."),
            )
        clean["flags"] = flags.fillna("").to_numpy()
    else:
        clean["flags"] = ""

    # Duplicate keys.
    key_columns = ["period", *DIMENSION_FIELDS[: len(dims)]]
    valid_key = (clean["period"] != "").to_numpy()
    for name in DIMENSION_FIELDS[: len(dims)]:
        valid_key = valid_key & (clean[name] != "").to_numpy()
    keyed = clean[valid_key]
    dup = keyed.duplicated(key_columns, keep=False)
    if dup.any():
        groups = keyed[dup].groupby(key_columns, sort=False)["__row"].apply(list)
        for key, row_list in groups.items():
            if len(report.errors) >= MAX_LISTED:
                report.error_count += len(row_list) - 1
                continue
            key_text = " / ".join(k for k in (key if isinstance(key, tuple) else (key,)) if k)
            for r in row_list[1:]:
                report.error(
                    "duplicate",
                    r,
                    "",
                    key_text,
                    _("This row repeats the period and codes of row %(first)s.") % {"first": row_list[0]},
                    _("Keep one row per period and combination of codes (remove or merge the repeats)."),
                )

    if not report.ok:
        return None
    _check_totals(clean, dims, indicator, report)
    if not report.ok:
        return None
    report.periods = sorted(set(clean["period"]), key=lambda c: Period.parse(c).sort_key())
    _warn_big_moves(clean, dims, indicator, report)
    return clean


def _split_flags(text: str):
    for sep in ";|،/":
        text = text.replace(sep, ",")
    return text.split(",")


def _check_totals(clean: pd.DataFrame, dims: list[Dimension], indicator: Indicator, report: Report):
    if not indicator.is_additive:
        return
    step = 0.5 * 10 ** (-int(indicator.decimals))
    for position, dim in enumerate(dims):
        if not dim.total_code or dim.total_code not in dim.codes:
            continue
        name = DIMENSION_FIELDS[position]
        others = ["period", *[DIMENSION_FIELDS[i] for i in range(len(dims)) if i != position]]
        has_value = ~np.isnan(clean["__value"].to_numpy())
        totals = clean[(clean[name] == dim.total_code).to_numpy() & has_value]
        if totals.empty:
            continue
        parts = clean[clean[name].isin(dim.top_level).to_numpy() & has_value]
        if parts.empty:
            continue
        sums = (
            parts.groupby(others, sort=False)["__value"]
            .agg(["sum", "count"])
            .rename(columns={"sum": "__sum", "count": "__n"})
            .reset_index()
        )
        joined = totals.merge(sums, on=others, how="inner")
        tolerance = joined["__n"] * step + 1e-9 * joined["__value"].abs() + 1e-9
        wrong = (joined["__value"] - joined["__sum"]).abs() > tolerance
        wrong_rows = joined[wrong]
        for _index, row in wrong_rows.head(len(_room(report, np.arange(len(wrong_rows))))).iterrows():
            report.error(
                "total",
                row["__row"],
                dim.column,
                row["value"],
                _("The total (%(total)s) is not the sum of its parts (%(sum)s).")
                % {"total": row["value"], "sum": f"{row['__sum']:.{indicator.decimals}f}"},
                _("Correct the total row or the rows of its parts, so that they add up."),
            )


def _warn_big_moves(clean: pd.DataFrame, dims: list[Dimension], indicator: Indicator, report: Report):
    ratio = float(getattr(settings, "INDICATORS_BIG_MOVE_RATIO", 0.5))
    dim_names = DIMENSION_FIELDS[: len(dims)]
    first = Period.parse(report.periods[0])
    previous_code = first.previous().code
    stored = pd.DataFrame(
        list(
            Observation.objects.filter(indicator=indicator, period=previous_code, value__isnull=False).values_list(
                "period", *dim_names, "value"
            )
        ),
        columns=["period", *dim_names, "__value"],
    )
    stored["__value"] = stored["__value"].astype(float)
    lookup = pd.concat([clean[["period", *dim_names, "__value"]], stored], ignore_index=True)
    lookup = lookup.drop_duplicates(["period", *dim_names], keep="first").rename(
        columns={"period": "__prev", "__value": "__prev_value"}
    )
    previous = {p: Period.parse(p).previous().code for p in report.periods}
    current = clean[["__row", "period", *dim_names, "__value", "value"]].copy()
    current["__prev"] = current["period"].map(previous)
    merged = current.merge(lookup, on=["__prev", *dim_names], how="inner")
    base = merged["__prev_value"].abs()
    moved = (base > 0) & ((merged["__value"] - merged["__prev_value"]).abs() > ratio * base)
    moved_rows = merged[moved].sort_values("__row")
    listed = len(_room(report, np.arange(len(moved_rows)), warning=True))
    for _index, row in moved_rows.head(listed).iterrows():
        change = (row["__value"] - row["__prev_value"]) / abs(row["__prev_value"]) * 100
        report.warning(
            "big_move",
            row["__row"],
            "",
            row["value"],
            _("Changed by %(change)+.0f%% against the previous period (%(prev)s).")
            % {"change": change, "prev": f"{row['__prev_value']:g}"},
            _("Check that the value and its unit are right."),
        )


# --- comparing and writing -----------------------------------------------------------------
COLUMNS = [
    "indicator_id",
    "period",
    "period_start",
    "period_end",
    *DIMENSION_FIELDS,
    "value",
    "count",
    "flags",
    "release_id",
    "batch_id",
]


def _flag_key(text) -> str:
    """Flags compared as a set, without `revised` (the import sets it)."""
    if not isinstance(text, str):
        return ""
    return ",".join(sorted({f for f in text.split(",") if f and f != Flag.REVISED}))


def plan(clean: pd.DataFrame, indicator: Indicator, report: Report):
    """Compare with the stored observations of the file's periods, one period at a
    time (memory stays flat), vectorised.

    Returns (rows to insert as a DataFrame, ids to delete)."""
    from django.db.models import FloatField
    from django.db.models.functions import Cast

    stored_periods = set(
        Observation.objects.filter(indicator=indicator, period__in=report.periods)
        .values_list("period", flat=True)
        .distinct()
    )
    if not stored_periods:
        clean["flags_out"] = clean["flags"]
        report.rows_created = len(clean)
        return clean, []
    dims = list(DIMENSION_FIELDS)
    keep = np.ones(len(clean), dtype=bool)
    flags_out = clean["flags"].to_numpy(dtype=object).copy()
    groups = clean.groupby("period", sort=False, observed=True).indices
    deletes: list[int] = []
    revised = unchanged = removed = 0
    for period in stored_periods:
        stored = list(
            Observation.objects.filter(indicator=indicator, period=period)
            .annotate(old_value=Cast("value", FloatField()))
            .values_list("id", *dims, "old_value", "count", "flags")
        )
        old = pd.DataFrame(stored, columns=["id", *dims, "old_value", "old_count", "old_flags"])
        positions = groups.get(period, np.array([], dtype=np.int64))
        new = pd.DataFrame({d: clean[d].to_numpy(dtype=object)[positions] for d in dims})
        new["pos"] = positions
        new["new_value"] = clean["__value"].to_numpy()[positions]
        new["new_count"] = pd.to_numeric(pd.Series(clean["count"].to_numpy(dtype=object)[positions]), errors="coerce")
        new["new_flags"] = clean["flags"].to_numpy(dtype=object)[positions]
        merged = new.merge(old, on=dims, how="outer", indicator=True)
        gone = merged[merged["_merge"] == "right_only"]
        removed += len(gone)
        deletes.extend(int(i) for i in gone["id"])
        both = merged[merged["_merge"] == "both"]
        if both.empty:
            continue
        a = np.round(both["new_value"].to_numpy(dtype=float), 6)
        b = np.round(both["old_value"].to_numpy(dtype=float), 6)
        same_value = (a == b) | (np.isnan(a) & np.isnan(b))
        c1 = both["new_count"].to_numpy(dtype=float)
        c2 = pd.to_numeric(both["old_count"], errors="coerce").to_numpy(dtype=float)
        same_count = (c1 == c2) | (np.isnan(c1) & np.isnan(c2))
        same_flags = both["new_flags"].map(_flag_key).to_numpy() == both["old_flags"].map(_flag_key).to_numpy()
        same = same_value & same_count & same_flags
        positions_same = both["pos"].to_numpy()[same].astype(np.int64)
        keep[positions_same] = False
        unchanged += int(same.sum())
        changed = both[~same]
        revised += len(changed)
        deletes.extend(int(i) for i in changed["id"])
        was_revised = changed["old_flags"].fillna("").str.split(",").map(lambda f: Flag.REVISED.value in f).to_numpy()
        for pos, flags, value_changed, already in zip(
            changed["pos"].to_numpy().astype(np.int64),
            changed["new_flags"],
            ~same_value[~same],
            was_revised,
            strict=True,
        ):
            flag_set = {f for f in flags.split(",") if f}
            if value_changed or already:
                flag_set.add(Flag.REVISED.value)
            flags_out[pos] = ",".join(sorted(flag_set))
    clean["flags_out"] = flags_out
    report.rows_revised, report.rows_unchanged, report.rows_deleted = revised, unchanged, removed
    report.rows_created = len(clean) - revised - unchanged
    return clean[keep], deletes


def _records(frame: pd.DataFrame, indicator: Indicator, release_id, batch_id):
    """Yield one tuple per row in COLUMNS order."""
    bounds = {p: period_bounds(Period.parse(p)) for p in frame["period"].unique()}
    starts = frame["period"].map(lambda p: bounds[p][0]).to_numpy()
    ends = frame["period"].map(lambda p: bounds[p][1]).to_numpy()
    columns = [frame[f].to_numpy(dtype=object) for f in DIMENSION_FIELDS]
    return zip(
        [indicator.pk] * len(frame),
        frame["period"].to_numpy(dtype=object),
        starts.tolist(),
        ends.tolist(),
        *columns,
        frame["value"].to_numpy(dtype=object),
        frame["count"].to_numpy(dtype=object),
        frame["flags_out"].to_numpy(dtype=object),
        [release_id] * len(frame),
        [batch_id] * len(frame),
        strict=True,
    )


def _copy_text(records, chunk=200_000):
    """PostgreSQL COPY text format, in chunks: \\N is NULL, codes hold no tabs."""
    buffer = []
    for record in records:
        buffer.append("\t".join("\\N" if v is None else str(v) for v in record))
        if len(buffer) >= chunk:
            yield "\n".join(buffer) + "\n"
            buffer = []
    if buffer:
        yield "\n".join(buffer) + "\n"


def bulk_write(frame: pd.DataFrame, indicator: Indicator, release_id, batch_id):
    table = Observation._meta.db_table
    records = _records(frame, indicator, release_id, batch_id)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN"
            for chunk in _copy_text(records):
                cursor.copy_expert(sql, io.StringIO(chunk))
        else:
            placeholders = ", ".join(["%s"] * len(COLUMNS))
            sql = f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({placeholders})"
            batch = []
            for record in records:
                batch.append(record)
                if len(batch) >= 50_000:
                    cursor.executemany(sql, batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)


def _delete(ids):
    for start in range(0, len(ids), 20_000):
        Observation.objects.filter(pk__in=ids[start : start + 20_000])._raw_delete(Observation.objects.db)


# --- the whole import --------------------------------------------------------------------
def _progress(batch: ImportBatch | None, value: int):
    if batch is not None and batch.pk:
        batch.progress = value
        ImportBatch.objects.filter(pk=batch.pk).update(progress=value)


def run_import(
    source,
    *,
    indicator: Indicator,
    name: str = "",
    release=None,
    sheet: str = "",
    dry_run: bool = False,
    language: str = "fa",
    batch: ImportBatch | None = None,
) -> Report:
    """Read, validate and (unless dry_run or invalid) write one file. Never partial."""
    import time

    report = Report(language=language)
    timings = report.timings
    with translation.override(language):
        t0 = time.perf_counter()
        name = name or (os.path.basename(source) if isinstance(source, (str, os.PathLike)) else "")
        try:
            table = read_file(source, name, indicator, report, sheet=sheet)
        except (pd.errors.ParserError, csv.Error) as exc:
            report.error(
                "csv",
                None,
                "",
                str(exc)[:80],
                _("The file is not a well-formed CSV table."),
                _("Check that every row has the same number of columns, then export it again."),
            )
            table = None
        timings["read"] = time.perf_counter() - t0
        _progress(batch, 20)
        if table is not None:
            report.columns = table.headers
            report.preview = table.frame[table.headers].head(10).to_numpy().tolist()
            t1 = time.perf_counter()
            clean = validate(table, indicator, report)
            del table
            timings["validate"] = time.perf_counter() - t1
            _progress(batch, 50)
            if clean is not None:
                t2 = time.perf_counter()
                try:
                    with transaction.atomic():
                        if batch is not None and batch.pk is None:
                            batch.save()
                        to_write, deletes = plan(clean, indicator, report)
                        timings["compare"] = time.perf_counter() - t2
                        _progress(batch, 70)
                        if not dry_run and (len(to_write) or deletes):
                            t3 = time.perf_counter()
                            if deletes:
                                _delete(deletes)
                            bulk_write(
                                to_write,
                                indicator,
                                getattr(release, "pk", release),
                                batch.pk if batch is not None else None,
                            )
                            timings["write"] = time.perf_counter() - t3
                            report.written = True
                except Exception:
                    log.exception("import of %s into %s failed", name, indicator.code)
                    raise
        report.errors.sort(key=lambda p: p.row or 0)
        report.warnings.sort(key=lambda p: p.row or 0)
        if batch is not None:
            _save_batch(batch, report, dry_run)
    return report


def _save_batch(batch: ImportBatch, report: Report, dry_run: bool):
    batch.rows_total = report.rows_total
    batch.rows_created = report.rows_created
    batch.rows_revised = report.rows_revised
    batch.rows_unchanged = report.rows_unchanged
    batch.rows_deleted = report.rows_deleted
    batch.errors = [p.as_dict() for p in report.errors]
    batch.warnings = [p.as_dict() for p in report.warnings]
    if report.error_count > len(report.errors):
        batch.errors.append({"more": report.error_count - len(report.errors)})
    batch.periods = report.periods
    batch.columns = report.columns
    batch.preview = report.preview
    batch.dry_run = dry_run
    if not report.ok:
        batch.status = ImportStatus.FAILED
    elif dry_run:
        batch.status = ImportStatus.VALIDATED
    else:
        batch.status = ImportStatus.DONE
    batch.progress = 100
    batch.finished_at = timezone.now()
    batch.save()
