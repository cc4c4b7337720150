"""Writing while validating (indicators/importer/stream.py): a file that only adds
periods is written in one pass and one transaction; an error in a later chunk,
a repeated key or a stored period still leaves the table as it was or takes the
two-pass path. Runs on SQLite and, with DATABASE_URL, on PostgreSQL (COPY)."""

import pytest

from indicators.importer import run_import
from indicators.models import Observation
from tests.builders.indicators import make_code_list, make_indicator

pytestmark = pytest.mark.django_db(transaction=True)  # the real transaction, as in production

CELLS = [("23", "F"), ("23", "M"), ("08", "F"), ("08", "M")]


def rows(months, value=lambda m, i: m * 10 + i):
    return "".join(f"1403-{m:02d},{p},{s},{value(m, i)},{m}\n" for m in months for i, (p, s) in enumerate(CELLS))


HEADER = "period,province,sex,value,count\n"


@pytest.fixture
def indicator(settings):
    settings.INDICATORS_IMPORT_CHUNK_ROWS = 4  # one month a chunk: errors come in later chunks
    province = make_code_list("province", {"23": ("تهران", "Tehran"), "08": ("کرمان", "Kerman")}, name_fa="استان")
    sex = make_code_list("sex", {"M": ("مرد", "Male"), "F": ("زن", "Female")}, name_fa="جنس")
    return make_indicator("insured", [province, sex], periodicity=12)


def load(tmp_path, indicator, text):
    path = tmp_path / "t.csv"
    path.write_text(HEADER + text)
    return run_import(str(path), indicator=indicator, language="en")


def test_new_periods_are_written_in_one_pass(tmp_path, indicator):
    report = load(tmp_path, indicator, rows(range(1, 7)))
    assert report.ok and report.written, report.as_text()
    assert "one pass" in report.timings and "compare" not in report.timings
    assert (report.rows_total, report.rows_created, Observation.objects.count()) == (24, 24, 24)
    assert Observation.objects.get(period="1403-06", d1="08", d2="M").value == 63


def test_an_error_in_a_later_chunk_leaves_nothing_written(tmp_path, indicator):
    text = rows(range(1, 6)) + "1403-06,23,F,not-a-number,6\n"
    report = load(tmp_path, indicator, text)
    assert not report.ok and not report.written
    assert [(e.kind, e.row) for e in report.errors] == [("value", 22)]
    assert Observation.objects.count() == 0


def test_a_key_repeated_in_a_later_chunk_is_reported_and_nothing_written(tmp_path, indicator):
    report = load(tmp_path, indicator, rows(range(1, 4)) + "1403-01,23,F,5,1\n")
    assert [e.kind for e in report.errors] == ["duplicate"]
    assert Observation.objects.count() == 0


def test_totals_that_do_not_add_up_leave_nothing_written(tmp_path, indicator):
    indicator.is_additive = True
    indicator.save()
    province = indicator.dimension_lists[0]
    province.total_code = "23"  # Tehran stands for the total: its rows must be the sum of Kerman's
    province.save()
    report = load(tmp_path, indicator, rows(range(1, 4)))
    assert "total" in {e.kind for e in report.errors}
    assert Observation.objects.count() == 0


def test_a_file_touching_a_stored_period_takes_two_passes(tmp_path, indicator):
    assert load(tmp_path, indicator, rows([1, 2])).ok
    report = load(tmp_path, indicator, rows([2, 3], value=lambda m, i: m * 100 + i))
    assert report.ok and report.written, report.as_text()
    assert "compare" in report.timings
    assert (report.rows_created, report.rows_revised) == (4, 4)
    assert Observation.objects.count() == 12
    assert Observation.objects.get(period="1403-02", d1="23", d2="F").value == 200
