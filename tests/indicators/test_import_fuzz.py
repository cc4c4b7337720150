"""The importer fed generated files (Hypothesis): encodings, delimiters, title lines,
empty and merged cells, huge numbers, formulas, binary junk, XLSX with extra sheets
and notes. Whatever the file, run_import returns a report, never raises, and a
file with errors changes nothing. Bounded: FUZZ_EXAMPLES (default 200) CSV files
and a tenth as many workbooks, well under 3 minutes. The count tried is printed.

    pytest -m fuzz tests/indicators/test_import_fuzz.py"""

import io
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from indicators.importer import Report, run_import
from indicators.models import ImportBatch, Observation
from tests.builders.indicators import make_code_list, make_indicator

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same files on every run: a CI step that fails can be replayed
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
tried = {"csv": 0, "xlsx": 0}

HEADERS = ["period", "دوره", "province", "استان", "sex", "جنس", "value", "مقدار", "count", "flag", "note", "", "=A1"]
PERIODS = ["1403-01", "۱۴۰۳-۰۲", "1403", "1403-Q2", "1403-13", "", "0000-01", "9999-12"]
CODES = ["23", "08", "IR", "تهران", "كرمان", "M", "F", "زن", "99", "", " 23 "]
NUMBERS = ["100", "۱۲٬۳۴۵٫۵", "-5.5", "1e308", "9" * 40, "1" + "0" * 400, "nan", "inf", "0.0000001", "12,345"]
NASTY = ["=SUM(A1:A3)", "=cmd|' /C calc'!A0", "+1", "@x", '"quoted, cell"', "\x00\x01", "\ufeff", "\u200c", "x" * 300]

cell = st.one_of(
    st.sampled_from(PERIODS + CODES + NUMBERS + NASTY + ["موقت", "provisional"]),
    st.text(max_size=12),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)


@pytest.fixture
def indicator():
    province = make_code_list(
        "province", {"IR": ("کل کشور", "Iran"), "23": ("تهران", "Tehran"), "08": ("کرمان", "Kerman")}, total_code="IR"
    )
    sex = make_code_list("sex", {"M": ("مرد", "Male"), "F": ("زن", "Female")})
    return make_indicator("fuzzed", [province, sex], periodicity=12)


def snapshot():
    return sorted(Observation.objects.values_list("id", "period", "d1", "d2", "value", "count", "flags"))


def check(indicator, data: bytes, name: str, kind: str, **options):
    """The property: a report, never an exception; errors change nothing; no batch left running."""
    before = snapshot()
    batch = ImportBatch(indicator=indicator, original_name=name, language="fa")
    report = run_import(io.BytesIO(data), indicator=indicator, name=name, batch=batch, **options)
    tried[kind] += 1
    assert isinstance(report, Report)
    assert batch.status in ("failed", "validated", "done")
    if not report.ok:
        assert snapshot() == before and batch.status == "failed"
        assert all(p.message and p.fix for p in report.errors)


@st.composite
def csv_files(draw):
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    titles = draw(st.lists(st.text(max_size=30), max_size=3))
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=0, max_size=7))
    if draw(st.booleans()):
        header = ["period", "province", "sex", "value", *header[:3]]
    rows = draw(st.lists(st.lists(cell, max_size=len(header) + 2), max_size=12))
    lines = [*titles, *(delimiter.join(r) for r in [header, *rows])]
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join(lines) + draw(st.sampled_from(["", newline]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1256"]))
    data = text.encode(encoding, errors="replace")
    junk = draw(st.binary(max_size=40))
    where = draw(st.sampled_from(["none", "start", "middle", "end", "only"]))
    if where == "only":
        return junk
    if where != "none":
        at = {"start": 0, "middle": len(data) // 2, "end": len(data)}[where]
        data = data[:at] + junk + data[at:]
    return data


def _legal(value):
    """Control characters cannot be written into a workbook at all."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


@st.composite
def workbooks(draw):
    book = Workbook()
    sheet = book.active
    sheet.title = draw(st.sampled_from(["داده", "data", "Sheet1"]))
    for title in draw(st.lists(st.text(min_size=1, max_size=20), max_size=2)):
        sheet.append([_legal(title)])
    header = draw(st.sampled_from([["period", "province", "sex", "value"], ["دوره", "استان", "جنس", "مقدار", "count"]]))
    sheet.append(header)
    value = st.one_of(cell, st.integers(min_value=-(10**30), max_value=10**30), st.floats(allow_nan=True), st.none())
    for row in draw(st.lists(st.lists(value, max_size=7), max_size=10)):
        sheet.append([_legal(v) for v in row])
    if draw(st.booleans()):
        sheet.cell(row=2, column=len(header) + 2, value="یادداشت: ارقام موقت")  # a note beside the table
    if draw(st.booleans()) and sheet.max_row >= 3:
        sheet.merge_cells(start_row=sheet.max_row - 1, start_column=1, end_row=sheet.max_row, end_column=2)
    extra = draw(st.integers(min_value=0, max_value=2))
    for i in range(extra):
        book.create_sheet(f"notes{i}").append(["توضیحات"])
    out = io.BytesIO()
    book.save(out)
    data = out.getvalue()
    if draw(st.booleans()):  # a damaged workbook
        cut = draw(st.integers(min_value=0, max_value=len(data)))
        data = data[:cut] + draw(st.binary(max_size=20))
    return data, (sheet.title if extra and draw(st.booleans()) else "")


def report_count(capsys, kind):
    with capsys.disabled():
        print(f"\nimporter fuzz: {tried[kind]} {kind.upper()} files tried, none raised")


def test_generated_csv_files_never_raise(indicator, capsys):
    @FUZZ
    @given(data=csv_files(), dry_run=st.booleans())
    def run(data, dry_run):
        check(indicator, data, "fuzz.csv", "csv", dry_run=dry_run)

    run()
    report_count(capsys, "csv")
    assert tried["csv"] >= EXAMPLES // 2  # Hypothesis may stop early only when it runs out of new files


def test_generated_workbooks_never_raise(indicator, capsys):
    @settings(FUZZ, max_examples=max(1, EXAMPLES // 10))
    @given(workbook=workbooks())
    def run(workbook):
        data, sheet = workbook
        check(indicator, data, "fuzz.xlsx", "xlsx", sheet=sheet)

    run()
    report_count(capsys, "xlsx")
    assert tried["xlsx"] >= EXAMPLES // 20
