"""django-import-export's bulk files with spreadsheet cells guarded.

django-import-export writes cells as they are (its own
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT only strips a leading "="), so a code
label or a dataset title typed as `=HYPERLINK(…)` or `@SUM(…)` would run as a
formula in the spreadsheet of whoever exports it. Here the spreadsheet formats
pass every cell through the site's one guard (core.exports.safe_cell); JSON is
not a spreadsheet and is written unchanged."""

import tablib
from import_export.formats import base_formats

from .exports import safe_cell


class GuardedCells:
    def export_data(self, dataset, **kwargs):
        guarded = tablib.Dataset(headers=dataset.headers, title=dataset.title)
        for row in dataset:
            guarded.append([safe_cell(cell) for cell in row])
        return super().export_data(guarded, **kwargs)


class CSV(GuardedCells, base_formats.CSV):
    pass


class TSV(GuardedCells, base_formats.TSV):
    pass


class XLSX(GuardedCells, base_formats.XLSX):
    pass


EXPORT_FORMATS = [CSV, XLSX, TSV, base_formats.JSON]


class GuardedExportMixin:
    """For an ImportExportModelAdmin: only the guarded formats to export to."""

    @property
    def export_formats(self):
        return EXPORT_FORMATS
