"""Downloads of a built table: CSV (codes and labels, one row per cell), XLSX
(the table as shown, titled, with notes, sources and symbols), and the open
formats JSON-stat 2.0 and SDMX-CSV 2.0."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _

from core import exports
from core.exports import safe_cell
from indicators.enums import FLAG_SYMBOLS, Flag
from indicators.formats.cube import Cube, iter_cells
from indicators.formats.responses import jsonstat_response, sdmx_response

from .pivot import Pivot

FORMATS = ("csv", "xlsx", "json-stat", "sdmx-csv")


def _plain(value, decimals):
    return "" if value is None else f"{value:.{decimals}f}"


STREAM_ABOVE = 10_000  # cells: a larger CSV is sent as it is written, never held whole


def csv_response(cube: Cube, filename: str) -> HttpResponse:
    if cube.n_cells > STREAM_ABOVE:
        return exports.streaming_csv_response(filename, _csv_rows(cube))
    return exports.csv_response(filename, _csv_rows(cube))


def _csv_rows(cube: Cube):
    """The header, then one row per published cell: codes and labels, value, flags."""
    head = []
    for d in cube.dimensions:
        head += [d.code, f"{d.code}_label"]
    yield [*head, "value", "flags"]
    decimals = cube.indicator.decimals
    for key, row in iter_cells(cube):
        if row is None:
            continue
        line = []
        for d, code in zip(cube.dimensions, key, strict=True):
            line += [code, d.labels.get(code, code)]
        yield [*line, _plain(row.value, decimals), ",".join(sorted(row.flags))]


def xlsx_response(cube: Cube, table: Pivot, *, title: str, notes: list[str], source: str, link: str, filename: str):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    # Write-only mode streams rows: a 150,000-cell table stays small in memory.
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=cube.indicator.code[:31])
    sheet.sheet_view.rightToLeft = cube.lang == "fa"
    bold = Font(bold=True)

    def strong(text):
        cell = WriteOnlyCell(sheet, value=safe_cell(text))
        cell.font = bold
        return cell

    sheet.append([strong(title)])
    unit = cube.indicator.unit(cube.lang)
    if unit:
        sheet.append([f"{_('Unit:')} {unit}"])
    sheet.append([])
    sheet.append(
        [strong(d.label) for d in table.row_dims]
        + [strong(table.col_dim.labels.get(c, c)) for c in table.col_dim.categories]
    )
    decimals = 1 if table.show != "value" else cube.indicator.decimals
    for row in table.rows:
        values = []
        for cell in row.cells:
            if cell is None:
                values.append("")
            elif cell.value is None:
                values.append(cell.symbols or "..")
            else:
                values.append(round(float(cell.value), decimals))
        sheet.append([safe_cell(label) for label in row.labels] + values)
    sheet.append([])
    for note in notes:
        sheet.append([safe_cell(note)])
    sheet.append([strong(_("Symbols"))])
    for flag in [Flag.SUPPRESSED, Flag.PROVISIONAL, Flag.REVISED, Flag.ESTIMATED, Flag.BREAK]:
        sheet.append([FLAG_SYMBOLS[flag], str(flag.label)])
    sheet.append([f"{_('Source:')} {source}"])
    sheet.append([f"{_('Permanent link:')} {link}"])
    return exports.xlsx_response(filename, book)


def download(fmt: str, cube: Cube, table: Pivot | None, **meta) -> HttpResponse:
    filename = meta["filename"]
    if fmt == "csv":
        return csv_response(cube, filename)
    if fmt == "xlsx":
        return xlsx_response(cube, table, **meta)
    if fmt == "json-stat":
        return jsonstat_response(cube, href=meta["link"], source=meta["source"], filename=filename)
    return sdmx_response(cube, filename=filename)
