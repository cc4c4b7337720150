"""Big moves against the previous period: found in the file, or for the file's
first period in the database; each warned once, at its own row, in row order."""

import pytest

from indicators.importer import run_import
from tests.builders.indicators import make_code_list, make_indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator():
    province = make_code_list(
        "province", {"23": ("تهران", "Tehran"), "08": ("کرمان", "Kerman"), "10": ("اصفهان", "Isfahan")}
    )
    sex = make_code_list("sex", {"M": ("مرد", "Male"), "F": ("زن", "Female")})
    return make_indicator("moves", [province, sex], periodicity=12)


def _import(tmp_path, indicator, text, name):
    path = tmp_path / name
    path.write_text("period,province,sex,value\n" + text, encoding="utf-8")
    report = run_import(str(path), indicator=indicator)
    assert report.ok, report.errors
    return [(w.row, w.kind) for w in report.warnings]


def test_moves_inside_the_file_are_warned_at_their_rows_in_order(tmp_path, indicator):
    text = (
        "1403-02,10,M,40\n"  # row 2: its previous (1403-01) is row 7: 40 → no move
        "1403-02,23,F,300\n"  # row 3: 100 → 300: a move
        "1403-02,08,F,10\n"  # row 4: 50 → 10: a move
        "1403-02,08,M,0\n"  # row 5: no previous
        "1403-01,23,F,100\n"  # row 6
        "1403-01,10,M,40\n"  # row 7
        "1403-01,08,F,50\n"  # row 8
        "1403-03,08,F,10\n"  # row 9: 10 → 10
        "1403-03,23,F,1\n"  # row 10: 300 → 1: a move
    )
    assert _import(tmp_path, indicator, text, "a.csv") == [(3, "big_move"), (4, "big_move"), (10, "big_move")]


def test_the_first_period_is_compared_with_the_stored_previous_one(tmp_path, indicator):
    _import(tmp_path, indicator, "1403-01,23,F,100\n1403-01,23,M,50\n1403-01,08,F,0\n", "first.csv")
    text = "1403-02,23,M,52\n1403-02,23,F,300\n1403-02,08,F,9\n1403-02,10,F,9\n"
    # 23/F moved (100 → 300); 23/M did not; 08/F was 0 (no ratio); 10/F has no previous.
    assert _import(tmp_path, indicator, text, "second.csv") == [(3, "big_move")]
