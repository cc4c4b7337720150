"""The table builder at /fa/tables/ and /en/tables/: GET form → table, pivot,
sort, change and share, downloads, limits and bad input, query count."""

import io
import json
from types import SimpleNamespace

import pandas as pd
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonstat_validator import validate_jsonstat
from openpyxl import load_workbook

from tests.builders.indicators import add_observation, make_code_list, make_indicator

pytestmark = pytest.mark.django_db

PROVINCES = {f"{i:02d}": (f"استان {i}", f"Province {i}") for i in range(31)}


@pytest.fixture
def pages(home_pages):
    from demo import tables as demo

    demo.load(SimpleNamespace(home_fa=home_pages[0]))


@pytest.fixture
def jobs(pages):
    province = make_code_list("province", {"IR": ("کل کشور", "Iran"), **PROVINCES}, total_code="IR")
    sex = make_code_list("sex", {"M": ("مرد", "Male"), "F": ("زن", "Female")})
    ind = make_indicator("jobs", [province, sex], unit_fa="نفر", unit_en="persons")
    for period, base in [("1403-01", 100), ("1403-02", 110)]:
        for i, code in enumerate(["IR", *PROVINCES]):
            for sex_code in ["M", "F"]:
                add_observation(ind, period, [code, sex_code], base + i, count=50)
    add_observation(ind, "1403-03", ["01", "F"], 1, count=1)  # suppressed
    return ind


def _get(client, url, **params):
    return client.get(url, params)


def test_both_languages_serve_the_form_without_javascript(client, jobs):
    for lang in ("fa", "en"):
        response = client.get(f"/{lang}/tables/")
        assert response.status_code == 200
        html = response.content.decode()
        assert 'name="indicator"' in html and '<form method="get"' in html
    html = client.get("/fa/tables/", {"indicator": "jobs"}).content.decode()
    assert 'name="province" value="23"' in html
    assert "کل کشور <strong>(جمع)</strong>" in html  # the code list's total is marked


def test_table_with_codes_periods_pivot_and_labels(client, jobs):
    params = {"indicator": "jobs", "province": ["01", "02"], "sex": "F", "from": "1403-01", "to": "1403-02"}
    html = client.get("/en/tables/", params).content.decode()
    assert '<table class="data-table" data-testid="built-table">' in html
    assert '<th scope="row">Province 1</th>' in html and '<th scope="col">Province</th>' not in html
    assert "Farvardin 1403" in html and "2024" in html  # both calendars in English
    assert "<caption" in html
    # pivot: provinces across the columns
    html = client.get("/en/tables/", {**params, "cols": "province"}).content.decode()
    assert '<th scope="col">Province 1' in html and '<th scope="row">Farvardin 1403' in html
    fa = client.get("/fa/tables/", params).content.decode()
    assert "۱۰۲" in fa  # Persian digits
    assert "تغییر نسبت به دوره قبل (٪)" in fa and "سهم از جمع ستون (٪)" in fa  # msgids with a percent sign


def test_change_share_and_sort(client, jobs):
    params = {"indicator": "jobs", "province": ["01", "02"], "sex": "M", "cols": "period"}
    change = client.get("/en/tables/", {**params, "show": "change"}).content.decode()
    assert "9.8%" in change  # (112 - 102) / 102
    share = client.get("/en/tables/", {**params, "show": "share"}).content.decode()
    assert "49.8%" in share  # 102 / (102 + 103)
    rows = client.get("/en/tables/", {**params, "sort": "0", "dir": "desc"}).content.decode()
    assert rows.index("Province 2</th>") < rows.index("Province 1</th>")


def test_downloads_in_every_format(client, jobs):
    params = {"indicator": "jobs", "province": ["01", "02"], "sex": "F"}
    csv_text = client.get("/en/tables/", {**params, "download": "csv"}).content.decode("utf-8-sig")
    frame = pd.read_csv(io.StringIO(csv_text), dtype=str)
    assert {"province", "province_label", "period", "period_label", "value", "flags"} <= set(frame.columns)
    assert set(frame.province_label) == {"Province 1", "Province 2"}
    assert "suppressed" in set(frame["flags"].dropna())
    book = load_workbook(io.BytesIO(client.get("/fa/tables/", {**params, "download": "xlsx"}).content))
    sheet = book.active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert values[0].startswith("نماگر jobs")
    assert 102 in values and 112 in values  # numbers are numbers
    assert any(isinstance(v, str) and "http" in v for v in values)  # the permanent link
    assert ".." in values  # the suppression symbol and its legend
    data = json.loads(client.get("/en/tables/", {**params, "download": "json-stat"}).content)
    assert validate_jsonstat(data) and data["size"] == [2, 1, 3]
    sdmx = pd.read_csv(io.StringIO(client.get("/en/tables/", {**params, "download": "sdmx-csv"}).content.decode()))
    assert sorted(sdmx.OBS_VALUE.dropna()) == [102, 103, 112, 113]


def test_bad_input_is_a_clear_400_in_the_users_language(client, jobs):
    response = client.get("/en/tables/", {"indicator": "nope"})
    assert response.status_code == 400 and "no indicator" in response.content.decode()
    response = client.get("/en/tables/", {"indicator": "jobs", "province": "99", "from": "14x"})
    text = response.content.decode()
    assert response.status_code == 400 and "has no code 99" in text and "is not a period" in text
    response = client.get("/fa/tables/", {"indicator": "nope"})
    assert response.status_code == 400 and "نماگری با کد" in response.content.decode()


def test_too_big_is_refused_with_how_to_make_it_smaller(client, jobs, monkeypatch):
    from tables import builder

    monkeypatch.setattr(builder, "MAX_CELLS", 10)
    response = client.get("/en/tables/", {"indicator": "jobs"})
    assert response.status_code == 400
    assert "Choose fewer codes or a shorter period range" in response.content.decode()
    assert 'data-testid="built-table"' not in response.content.decode()


def test_query_count_does_not_grow_with_the_codes_chosen(client, jobs):
    def count(provinces):
        params = {"indicator": "jobs", "province": provinces, "from": "1403-01"}
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/tables/", params).status_code == 200
        return len(queries)

    count(["02"])  # warm the per-process caches (site, locales)
    count(["01"])  # and the disclosure pattern of 1403-03 (only «01» has a cell there): a miss reads its table
    assert count(["01"]) == count(list(PROVINCES)[:25]) == count(["01", "02", "03"])


def test_embargo_and_suppression_apply(client, jobs, home_pages):
    import datetime as dt

    from django.utils import timezone

    from releases.models import ReleasePage

    release = ReleasePage(
        title="b",
        slug="b",
        kind="monthly_bulletin",
        status="confirmed",
        release_at=timezone.now() + dt.timedelta(days=1),
    )
    home_pages[0].add_child(instance=release)
    add_observation(jobs, "1403-04", ["01", "F"], 777777, count=80, release=release)
    html = client.get("/en/tables/", {"indicator": "jobs", "province": "01", "sex": "F"}).content.decode()
    assert "777,777" not in html and "Tir 1403" not in html
    assert "<td>..</td>" in html  # the suppressed cell of 1403-03


def test_one_period_and_provinces_draw_a_map(client, jobs):
    html = client.get(
        "/fa/tables/", {"indicator": "jobs", "sex": "F", "from": "1403-01", "to": "1403-01"}
    ).content.decode()
    assert 'data-testid="province-map"' in html
    assert html.count('tabindex="0" role="img"') == 31
    assert "۱۲۴" in html  # values in Persian digits in the labels


def test_api_guide_in_both_languages(client, pages):
    for lang in ("fa", "en"):
        response = client.get(f"/{lang}/api/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "format=json-stat" in html and "format=sdmx-csv" in html and "/api/v1/schema/" in html
