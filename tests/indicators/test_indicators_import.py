"""The warehouse import: every bad input, all or nothing, revisions, bulk writing."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from indicators.importer import run_import
from indicators.models import ImportBatch, Observation
from indicators.query import get_observations
from tests.builders.indicators import make_code_list, make_indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator():
    province = make_code_list(
        "province",
        {"IR": ("کل کشور", "Iran"), "23": ("تهران", "Tehran"), "08": ("کرمان", "Kerman"), "10": ("اصفهان", "Isfahan")},
        total_code="IR",
        name_fa="استان",
    )
    sex = make_code_list("sex", {"M": ("مرد", "Male"), "F": ("زن", "Female")}, name_fa="جنس")
    return make_indicator("insured", [province, sex], periodicity=12)


def write(tmp_path, text, name="table.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return str(path)


GOOD = (
    "period,province,sex,value,count\n"
    "1403-01,23,F,100,10\n1403-01,23,M,120,12\n1403-01,08,F,50,5\n1403-02,23,F,101,10\n"
)


def snapshot():
    return sorted(Observation.objects.values_list("period", "d1", "d2", "value", "count", "flags"))


def kinds(report):
    return {p.kind for p in report.errors}


def test_good_csv_is_written(tmp_path, indicator):
    report = run_import(write(tmp_path, GOOD), indicator=indicator)
    assert report.ok, report.as_text()
    assert report.rows_created == 4 and report.written
    assert Observation.objects.count() == 4
    row = Observation.objects.get(period="1403-01", d1="23", d2="F")
    assert row.value == Decimal("100") and row.count == 10 and row.period_start < row.period_end + 1


def test_persian_headers_digits_labels_bom(tmp_path, indicator):
    text = (
        "\ufeffدوره,استان,جنس,مقدار\n"
        "۱۴۰۳-۰۱,تهران,زن,۱۲٬۳۴۵٫۵\n"
        "١٤٠٣-٠١,كرمان,مرد,٧\n"  # Arabic digits and Arabic kaf
    )
    report = run_import(write(tmp_path, text), indicator=indicator)
    assert report.ok, report.as_text()
    assert Observation.objects.get(d1="23", d2="F").value == Decimal("12345.5")
    assert Observation.objects.get(d1="08", d2="M").value == Decimal("7")


def test_windows_1256(tmp_path, indicator):
    text = "دوره,استان,جنس,مقدار\r\n1403-01,اصفهان,زن,42\r\n"
    report = run_import(write(tmp_path, text, encoding="cp1256"), indicator=indicator)
    assert report.ok, report.as_text()
    assert Observation.objects.get(d1="10").value == 42


@pytest.mark.parametrize("encoding", ["utf-16", "latin-1"])
def test_wrong_encoding_is_refused(tmp_path, indicator, encoding):
    text = "period,province,sex,value\n1403-01,23,F,100\n" + "Café déjà vu ñ" * 5 + ",23,F,1\n"
    report = run_import(write(tmp_path, text, encoding=encoding), indicator=indicator)
    assert not report.ok
    assert "encoding" in kinds(report) or "header" in kinds(report)
    assert Observation.objects.count() == 0


def test_unknown_codes_reported_with_row_column_and_fix(tmp_path, indicator):
    text = "period,province,sex,value\n1403-01,23,F,1\n1403-01,99,F,2\n1403-01,23,X,3\n"
    report = run_import(write(tmp_path, text), indicator=indicator, language="en")
    assert not report.ok and Observation.objects.count() == 0
    problems = {(p.row, p.column, p.value) for p in report.errors}
    assert problems == {(3, "province", "99"), (4, "sex", "X")}
    assert all(p.fix for p in report.errors)


def test_report_in_persian(tmp_path, indicator):
    text = "period,province,sex,value\n1403-01,99,F,2\n"
    report = run_import(write(tmp_path, text), indicator=indicator, language="fa")
    assert report.errors[0].message == "«99» کد یا عنوانی از فهرست کد «استان» نیست."
    assert report.errors[0].fix.startswith("کدی از فهرست کد «province» به کار ببرید")


def test_duplicates(tmp_path, indicator):
    text = "period,province,sex,value\n1403-01,23,F,1\n1403-01,تهران,F,2\n"
    report = run_import(write(tmp_path, text), indicator=indicator, language="en")
    assert kinds(report) == {"duplicate"}
    assert report.errors[0].row == 3 and "2" in report.errors[0].message


def test_text_in_values(tmp_path, indicator):
    text = "period,province,sex,value\n1403-01,23,F,صد\n1403-01,23,M,12a\n1403-01,08,M,\n"
    report = run_import(write(tmp_path, text), indicator=indicator)
    assert [(p.row, p.kind) for p in report.errors] == [(2, "value"), (3, "value")]
    assert Observation.objects.count() == 0


def test_formula_cell(tmp_path, indicator):
    text = "period,province,sex,value\n1403-01,23,F,=SUM(A1:A3)\n1403-01,=cmd|' /C calc'!A0,M,1\n"
    report = run_import(write(tmp_path, text), indicator=indicator)
    assert [(p.row, p.kind) for p in report.errors] == [(2, "formula"), (3, "formula")]
    assert Observation.objects.count() == 0


@pytest.mark.parametrize("content", [b"", b"period,province,sex,value\n", b"\n\n"])
def test_empty_file(tmp_path, indicator, content):
    report = run_import(write(tmp_path, content), indicator=indicator)
    assert not report.ok and kinds(report) & {"empty", "header"}


def test_200_mb_file_refused_by_size_before_reading(tmp_path, indicator, monkeypatch):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: no disk, and never read

    def no_read(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr("builtins.open", no_read)
    report = run_import(str(path), indicator=indicator)
    monkeypatch.undo()
    assert kinds(report) == {"too_large"}
    assert Observation.objects.count() == 0


def xlsx(tmp_path, sheets, name="table.xlsx"):
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return str(path)


ROWS = [["جدول ۱: بیمه‌شدگان (نمایشی)"], [], ["دوره", "استان", "جنس", "مقدار"], ["1403-01", "23", "F", 100]]


def test_xlsx_title_row_and_only_sheet(tmp_path, indicator):
    report = run_import(xlsx(tmp_path, {"داده": ROWS}), indicator=indicator)
    assert report.ok, report.as_text()
    assert Observation.objects.get().value == 100


def test_xlsx_several_sheets_needs_a_choice(tmp_path, indicator):
    path = xlsx(tmp_path, {"یادداشت": [["توضیح"]], "داده": ROWS})
    report = run_import(path, indicator=indicator, language="en")
    assert kinds(report) == {"sheet"} and "داده" in report.errors[0].value
    assert Observation.objects.count() == 0
    assert run_import(path, indicator=indicator, sheet="داده").ok
    assert kinds(run_import(path, indicator=indicator, sheet="nope")) == {"sheet"}


def test_bad_last_row_leaves_database_unchanged(tmp_path, indicator):
    assert run_import(write(tmp_path, GOOD), indicator=indicator).ok
    before = snapshot()
    lines = ["period,province,sex,value"] + [f"1403-{m:02d},23,F,{200 + m}" for m in range(1, 13)]
    lines.append("1403-12,23,M,oops")
    report = run_import(write(tmp_path, "\n".join(lines) + "\n", "b.csv"), indicator=indicator)
    assert not report.ok and report.errors[-1].row == 14
    assert snapshot() == before


def test_revisions_and_identical_reimport(tmp_path, indicator):
    assert run_import(write(tmp_path, GOOD), indicator=indicator).ok
    ids = set(Observation.objects.values_list("id", flat=True))
    again = run_import(write(tmp_path, GOOD, "again.csv"), indicator=indicator)
    assert again.ok and not again.written and again.rows_unchanged == 4
    assert set(Observation.objects.values_list("id", flat=True)) == ids
    changed = GOOD.replace("1403-01,23,M,120,12", "1403-01,23,M,125,12").replace("1403-01,08,F,50,5\n", "")
    report = run_import(write(tmp_path, changed, "changed.csv"), indicator=indicator)
    assert (report.rows_revised, report.rows_unchanged, report.rows_deleted) == (1, 2, 1)
    revised = Observation.objects.get(period="1403-01", d1="23", d2="M")
    assert revised.value == 125 and "revised" in revised.flag_set
    assert "revised" not in Observation.objects.get(period="1403-01", d1="23", d2="F").flag_set
    assert not Observation.objects.filter(d1="08").exists()
    # A period not in the file is left alone.
    partial = "period,province,sex,value,count\n1403-02,23,F,101,10\n"
    assert run_import(write(tmp_path, partial, "p.csv"), indicator=indicator).rows_unchanged == 1
    assert Observation.objects.filter(period="1403-01").count() == 2


def test_totals_must_equal_the_sum_of_parts(tmp_path, indicator):
    ok = "period,province,sex,value\n1403-01,IR,F,30\n1403-01,23,F,10\n1403-01,08,F,20\n"
    assert run_import(write(tmp_path, ok), indicator=indicator).ok
    bad = ok.replace("IR,F,30", "IR,F,32")  # beyond the rounding tolerance (2 parts × 0.5)
    report = run_import(write(tmp_path, bad, "bad.csv"), indicator=indicator)
    assert kinds(report) == {"total"} and report.errors[0].row == 2
    indicator.is_additive = False
    indicator.save()
    assert run_import(write(tmp_path, bad, "bad.csv"), indicator=indicator).ok


def test_periods_must_parse_and_fit_the_periodicity(tmp_path, indicator):
    text = "period,province,sex,value\n1403,23,F,1\n14030,23,M,1\n1403-13,08,F,1\n"
    report = run_import(write(tmp_path, text), indicator=indicator)
    assert [(p.row, p.kind) for p in report.errors] == [(2, "period"), (3, "period"), (4, "period")]


def test_big_moves_are_warnings(tmp_path, indicator):
    text = "period,province,sex,value\n1403-01,23,F,100\n1403-02,23,F,300\n"
    report = run_import(write(tmp_path, text), indicator=indicator)
    assert report.ok and [w.kind for w in report.warnings] == ["big_move"]


def test_flags_and_suppression_through_the_import(tmp_path, indicator):
    text = "period,province,sex,value,count,flag\n1403-01,23,F,2,2,\n1403-01,23,M,9,9,موقت\n"
    assert run_import(write(tmp_path, text), indicator=indicator).ok
    rows = {r.codes["sex"]: r for r in get_observations(indicator)}
    assert rows["F"].suppressed and rows["F"].value is None
    assert rows["M"].flags == frozenset({"provisional"})


def test_dry_run_changes_nothing(tmp_path, indicator):
    report = run_import(write(tmp_path, GOOD), indicator=indicator, dry_run=True)
    assert report.ok and report.rows_created == 4 and Observation.objects.count() == 0


def test_command_exit_codes(tmp_path, indicator):
    good = write(tmp_path, GOOD)
    out = io.StringIO()
    call_command("import_table", good, indicator="insured", stdout=out)
    assert Observation.objects.count() == 4 and ImportBatch.objects.get().status == "done"
    with pytest.raises(SystemExit) as exit_info:
        call_command(
            "import_table",
            write(tmp_path, "period,province,sex,value\n1403-01,99,F,1\n", "b.csv"),
            indicator="insured",
            stderr=io.StringIO(),
        )
    assert exit_info.value.code == 1
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_table", good, indicator="nope", stderr=io.StringIO())
    assert exit_info.value.code == 2
