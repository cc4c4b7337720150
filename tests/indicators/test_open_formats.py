"""/api/v1/observations in the open formats: JSON-stat 2.0 and SDMX-CSV 2.0."""

import datetime as dt
import io
import json

import pandas as pd
import pytest
from django.utils import timezone
from jsonstat_validator import validate_jsonstat
from pyjstat import pyjstat

from tests.builders.indicators import add_observation, make_code_list, make_indicator

pytestmark = pytest.mark.django_db

URL = "/api/v1/observations?indicator=insured"


@pytest.fixture
def insured():
    province = make_code_list(
        "province", {"00": ("کل کشور", "Iran"), "23": ("تهران", "Tehran"), "10": ("اصفهان", "Isfahan")}
    )
    sex = make_code_list("sex", {"M": ("مرد", "Male"), "F": ("زن", "Female")})
    ind = make_indicator("insured", [province, sex], decimals=1)
    add_observation(ind, "1403-01", ["23", "F"], "100.5", count=40)
    add_observation(ind, "1403-01", ["23", "M"], 120, count=50, flags="provisional")
    add_observation(ind, "1403-02", ["23", "F"], 2, count=2)  # too few units: suppressed
    add_observation(ind, "1403-02", ["10", "M"], "7.3", count=9)
    return ind


def _jsonstat(client, query="", **headers):
    response = client.get(URL + "&format=json-stat" + query, **headers)
    assert response.status_code == 200, response.content
    return response.json()


def test_jsonstat_is_valid_and_reads_back_to_the_same_numbers(client, insured):
    data = _jsonstat(client, "&lang=en")
    assert validate_jsonstat(data)
    assert data["version"] == "2.0" and data["class"] == "dataset"
    assert data["id"] == ["province", "sex", "period"]
    assert data["size"] == [2, 2, 2]  # codes present: provinces 23 and 10 (list order), both sexes, two months
    assert data["dimension"]["province"]["category"]["label"] == {"23": "Tehran", "10": "Isfahan"}
    frame = pyjstat.Dataset.read(json.dumps(data)).write("dataframe", naming="id")
    got = {(r.province, r.sex, r.period): r.value for r in frame.itertuples() if pd.notna(r.value)}
    assert got == {("23", "F", "1403-01"): 100.5, ("23", "M", "1403-01"): 120.0, ("10", "M", "1403-02"): 7.3}
    # the suppressed cell is null and its status says why; the provisional one is flagged
    index = {
        (p, s, t): i
        for i, (p, s, t) in enumerate(
            (p, s, t) for p in ["23", "10"] for s in ["M", "F"] for t in ["1403-01", "1403-02"]
        )
    }
    # categories follow the code list's order: sex M before F
    assert data["dimension"]["sex"]["category"]["index"] == {"M": 0, "F": 1}
    assert data["value"][index[("23", "F", "1403-02")]] is None
    assert data["status"][str(index[("23", "F", "1403-02")])] == ".."
    assert data["status"][str(index[("23", "M", "1403-01")])] == "p"
    assert isinstance(data["value"][index[("23", "M", "1403-01")]], (int, float))


def test_jsonstat_labels_follow_the_language(client, insured):
    fa = _jsonstat(client, "&lang=fa")
    assert fa["dimension"]["province"]["category"]["label"]["23"] == "تهران"
    assert fa["dimension"]["period"]["category"]["label"]["1403-01"] == "فروردین ۱۴۰۳"
    by_header = _jsonstat(client, HTTP_ACCEPT_LANGUAGE="en")
    assert by_header["dimension"]["sex"]["category"]["label"]["F"] == "Female"
    assert "2024" in by_header["dimension"]["period"]["category"]["label"]["1403-01"]  # both calendars
    assert validate_jsonstat(fa)


def test_sdmx_csv_reads_back_with_pandas(client, insured):
    response = client.get(URL + "&format=sdmx-csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.sdmx.data+csv")
    frame = pd.read_csv(io.StringIO(response.content.decode()), dtype={"PROVINCE": str, "TIME_PERIOD": str})
    assert list(frame.columns) == [
        "STRUCTURE",
        "STRUCTURE_ID",
        "PROVINCE",
        "SEX",
        "TIME_PERIOD",
        "OBS_VALUE",
        "OBS_STATUS",
        "OBS_CONF",
    ]
    assert set(frame.STRUCTURE) == {"dataflow"} and set(frame.STRUCTURE_ID) == {"IR.MCLS:DF_INSURED(1.0)"}
    assert frame.OBS_VALUE.dtype.kind == "f"  # numbers are numbers
    got = {(r.PROVINCE, r.SEX, r.TIME_PERIOD): (r.OBS_VALUE, r.OBS_STATUS, r.OBS_CONF) for r in frame.itertuples()}
    assert got[("23", "F", "1403-01")] == (100.5, "A", "F")
    assert got[("23", "M", "1403-01")] == (120.0, "P", "F")
    assert got[("10", "M", "1403-02")][0] == pytest.approx(7.3)
    suppressed = got[("23", "F", "1403-02")]
    assert pd.isna(suppressed[0]) and suppressed[1:] == ("Q", "C")


def test_filters_apply_and_embargoed_rows_never_leave(client, insured, home_pages):
    from releases.models import ReleasePage

    release_at = timezone.now() + dt.timedelta(days=1)
    release = ReleasePage(title="b", slug="b", kind="monthly_bulletin", status="confirmed", release_at=release_at)
    home_pages[0].add_child(instance=release)
    add_observation(insured, "1403-03", ["23", "F"], 999, count=99, release=release)
    data = _jsonstat(client, "&sex=F&from=1403-01")
    assert data["dimension"]["sex"]["category"]["index"] == {"F": 0}
    assert "1403-03" not in data["dimension"]["period"]["category"]["index"]
    assert 999 not in data["value"]
    text = client.get(URL + "&format=sdmx-csv").content.decode()
    assert "1403-03" not in text and "999" not in text


def test_bad_requests_are_clear_400s(client, insured, settings):
    assert client.get(URL + "&format=xml").status_code == 400
    response = client.get(URL + "&format=json-stat&lang=de")
    assert response.status_code == 400 and "lang" in response.json()["error"]
    from indicators.formats import responses

    responses.MAX_CELLS, old = 3, responses.MAX_CELLS
    try:
        response = client.get(URL + "&format=sdmx-csv")
    finally:
        responses.MAX_CELLS = old
    assert response.status_code == 400 and "fewer codes" in response.json()["error"]


def test_schema_documents_the_formats(client):
    schema = client.get("/api/v1/schema/").json()
    get = schema["paths"]["/api/v1/observations"]["get"]
    format_param = next(p for p in get["parameters"] if p["name"] == "format")
    assert {"json-stat", "sdmx-csv"} <= set(format_param["schema"]["enum"])
    assert "JSON-stat 2.0" in get["description"] and "SDMX-CSV 2.0" in get["description"]
    assert "application/vnd.sdmx.data+csv; version=2.0.0" in get["responses"]["200"]["content"]
    json.dumps(schema)
