"""CSV and XLSX downloads of tables and charts, and the yearbook workbook.

Every download is built from the same `TableData` the page shows, so the
numbers are the same; cells that start with = + - @ are escaped."""

import re
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from core.exports import csv_text, safe_cell, workbook_bytes


def safe_text(value):
    """Text for a cell, through the site's one formula guard (core/exports.py)."""
    return safe_cell("" if value is None else str(value))


def cell_output(cell, decimals=0):
    """A number stays a number (rounded as the page shows it); a missing or
    suppressed cell is its symbol."""
    if cell.symbol:
        return cell.symbol
    if not decimals:
        return int(cell.value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return float(cell.value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def table_rows(table):
    """The table as a list of rows: header, then one row per row member."""
    header = [table.row_axis_label or ""] + [label for _code, label in table.columns]
    rows = [header]
    for (_code, label), cells in zip(table.rows, table.cells, strict=True):
        rows.append([label or table.title] + [cell_output(cell, table.decimals) for cell in cells])
    return rows


def footer_lines(table):
    lines = []
    if table.unit:
        lines.append(f"{_('Unit')}: {table.unit}")
    if table.unavailable:
        lines.append(table.unavailable)
    if table.notes:
        lines.append(f"{_('Notes')}: {table.notes}")
    if table.source:
        lines.append(f"{_('Source')}: {table.source}")
    for symbol, meaning in table.symbols_used:
        lines.append(f"{symbol}: {meaning}")
    return lines


def table_csv(table) -> bytes:
    rows = [[table.title], *table_rows(table), *([line] for line in footer_lines(table))]
    return csv_text(rows).encode("utf-8")


def _number_format(decimals):
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def write_sheet(sheet, table, rtl=True):
    sheet.sheet_view.rightToLeft = rtl
    sheet.append([safe_text(table.title)])
    sheet["A1"].font = Font(bold=True, size=13)
    rows = table_rows(table)
    header_fill = PatternFill("solid", fgColor="E6EEF5")
    for r, row in enumerate(rows):
        out = []
        for value in row:
            out.append(value if (r > 0 and not isinstance(value, str) and value is not None) else safe_text(value))
        sheet.append(out)
        excel_row = sheet.max_row
        if r == 0:
            for col in range(1, len(row) + 1):
                c = sheet.cell(row=excel_row, column=col)
                c.font = Font(bold=True)
                c.fill = header_fill
        else:
            for col in range(2, len(row) + 1):
                c = sheet.cell(row=excel_row, column=col)
                if isinstance(c.value, int | float):
                    c.number_format = _number_format(table.decimals)
                else:
                    c.alignment = Alignment(horizontal="center")
    sheet.append([])
    for line in footer_lines(table):
        sheet.append([safe_text(line)])
    sheet.column_dimensions["A"].width = 28
    for col in range(2, len(rows[0]) + 1):
        sheet.column_dimensions[get_column_letter(col)].width = 14


def table_xlsx(table, rtl=True) -> bytes:
    workbook = Workbook()
    write_sheet(workbook.active, table, rtl)
    workbook.active.title = sheet_title(table.title, set())
    return workbook_bytes(workbook)


_BAD_SHEET_CHARS = re.compile(r"[\[\]\:\*\?\/\\]")


def sheet_title(title, used: set) -> str:
    """A sheet name Excel accepts (≤ 31 characters, no []:*?/\\), unique in the workbook."""
    base = _BAD_SHEET_CHARS.sub(" ", title or "").strip().strip("'")[:31] or "Sheet"
    name, n = base, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(name.lower())
    return name


def workbook_xlsx(sections, rtl=True, contents_title="") -> bytes:
    """`sections`: [(chapter title, [TableData, ...]), ...] → one workbook, a sheet
    per table titled in the page's language, with a contents sheet first."""
    workbook = Workbook()
    contents = workbook.active
    contents.title = sheet_title(contents_title or _("Contents"), used := set())
    contents.sheet_view.rightToLeft = rtl
    contents.append([safe_text(contents_title or _("Contents"))])
    contents["A1"].font = Font(bold=True, size=13)
    for chapter_title, tables in sections:
        contents.append([safe_text(chapter_title)])
        contents.cell(row=contents.max_row, column=1).font = Font(bold=True)
        for table in tables:
            name = sheet_title(table.title, used)
            sheet = workbook.create_sheet(name)
            write_sheet(sheet, table, rtl)
            contents.append(["", safe_text(table.title)])
            link_cell = contents.cell(row=contents.max_row, column=2)
            link_cell.hyperlink = f"#'{name}'!A1"
            link_cell.font = Font(color="0B5CAD", underline="single")
    contents.column_dimensions["A"].width = 36
    contents.column_dimensions["B"].width = 60
    return workbook_bytes(workbook)
