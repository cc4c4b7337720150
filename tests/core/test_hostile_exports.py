"""CSV/XLSX exports keep negative numbers as numbers and still escape formulas:
one guard (core/exports.py) for the API, indicator downloads, publications and surveys."""

import csv
import io

import pytest

from core.exports import safe_cell
from publications.exports import safe_text
from surveys.exports import escape_cell
from tests.builders.indicators import add_observation, make_code_list, make_indicator

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("guard", [safe_cell, safe_text, escape_cell])
def test_every_guard_leaves_plain_numbers_and_escapes_formulas(guard):
    for number in ["-5.5", "-5", "+3", "-0.25", "-1,234.5", "-1e3", "-.5"]:
        assert guard(number) == number
    for formula in ["=1+1", "-1+1", "+A1", "-SUM(A1)", "@SUM(A1)", "\t=1", "\r=1", "-", "--5", "-5.5)"]:
        assert guard(formula) == "'" + formula


@pytest.fixture
def falling():
    sex = make_code_list("sex", {"M": "مرد", "F": "=زن"}, name_fa="جنس")
    ind = make_indicator("net-change", [sex], decimals=1, unit_fa="درصد")
    add_observation(ind, "1405-06", ["M"], -5.5)
    add_observation(ind, "1405-06", ["F"], 2.25)
    return ind


def test_api_csv_keeps_negative_numbers(client, falling):
    r = client.get("/api/v1/observations?indicator=net-change&format=csv")
    assert r.status_code == 200
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0] == ["period", "sex", "value", "flags"]
    values = {row[1]: row[2] for row in rows[1:]}
    assert values == {"M": "-5.5", "F": "2.2"} or values == {"M": "-5.5", "F": "2.3"}


def test_indicator_download_keeps_negative_numbers_and_escapes_labels(client, home_pages, falling):
    from core.translation import translate
    from indicators.models import IndicatorIndexPage

    home_fa, _ = home_pages
    index = IndicatorIndexPage(title="نماگرها", slug="indicators")
    home_fa.add_child(instance=index)
    index.save_revision().publish()
    translate(index, {"نماگرها": "Indicators"})
    raw = client.get("/fa/indicators/net-change/download/csv/?table=series").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw)))
    cells = [c for row in rows for c in row]
    assert "-5.5" in cells and "'-5.5" not in cells
    assert any(c.startswith("'=زن") for c in cells)  # the formula-looking label is still escaped
    assert not any(c.startswith("=") for c in cells)
