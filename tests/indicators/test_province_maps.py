"""Province choropleths: shipped boundaries, indicator pages, keyboard focus,
Persian digits, legend and a text table alternative."""

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from indicators.maps import boundaries, province_map
from indicators.models import IndicatorIndexPage
from tests.builders.indicators import add_observation, make_code_list, make_indicator

MAPS = Path(__file__).resolve().parents[2] / "indicators" / "maps"


def test_boundaries_cover_the_31_provinces_with_a_recorded_licence():
    from indicators.codelists import PROVINCES

    shapes = boundaries()["provinces"]
    assert sorted(shapes) == sorted(code for code, _fa, _en in PROVINCES if code != "IR")
    assert len(shapes) == 31
    assert all(re.fullmatch(r"[MLHVCSQTAZmlhvcsqtaz0-9., \-]+", s["d"]) for s in shapes.values())
    assert "MIT" in (MAPS / "LICENSE-react-iran-map.txt").read_text()
    assert "MIT" in json.loads((MAPS / "iran_provinces.json").read_text())["source"]


def test_classes_legend_and_no_data():
    values = {code: Decimal(i) for i, code in enumerate(boundaries()["provinces"])}
    values["23"] = None
    result = province_map(values, {"23": "تهران"}, lang="fa", decimals=0, title="t", no_data="بی‌داده")
    fills = {a.code: a.fill for a in result.areas}
    assert fills["23"] == "#e0e0e0" and fills["00"] != fills["30"]
    assert result.legend[0].text.startswith("۰") and result.legend[-1].text == "بی‌داده"
    assert province_map({"23": None}, {}, lang="en", decimals=0, title="t", no_data="-") is None


@pytest.mark.django_db
def test_indicator_page_with_provinces_shows_a_focusable_map(client, home_pages):
    province = make_code_list(
        "province", {"IR": ("کل کشور", "Iran"), "23": ("تهران", "Tehran"), "10": ("اصفهان", "Isfahan")}, total_code="IR"
    )
    ind = make_indicator("members", [province])
    add_observation(ind, "1403", ["23"], 1234, count=50)
    add_observation(ind, "1403", ["10"], 567, count=50)
    add_observation(ind, "1403", ["IR"], 1801, count=100)
    index = IndicatorIndexPage(title="نماگرها", slug="indicators")
    home_pages[0].add_child(instance=index)
    index.save_revision().publish()
    html = client.get("/fa/indicators/members/").content.decode()
    assert 'data-testid="province-map"' in html
    assert 'aria-label="تهران: ۱٬۲۳۴"' in html and "<title>تهران: ۱٬۲۳۴</title>" in html
    assert html.count('tabindex="0" role="img"') == 31
    assert "ارقام نقشه به صورت جدول" in html  # the table alternative
