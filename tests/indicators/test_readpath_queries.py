"""The read path (issues 13 and 14): what the dashboard and an indicator page cost
does not grow with what they show, and the bulk reader publications and cards use
agrees row for row with the single one (embargo and disclosure control alike)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import DashboardPage, IndicatorIndexPage
from indicators.query import get_observations, get_observations_many, with_dimensions
from tests.builders.indicators import add_observation, make_code_list, make_indicator

pytestmark = pytest.mark.django_db

PROVINCES = {"IR": "کل کشور", "23": "تهران", "10": "اصفهان", "16": "ایلام"}


@pytest.fixture(autouse=True)
def cold(settings):
    settings.PAGE_CACHE_ENABLED = False
    cache.clear()


@pytest.fixture
def province():
    return make_code_list("province", PROVINCES, total_code="IR", name_fa="استان")


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def key_indicator(code, province, months=(1, 2, 3)):
    indicator = make_indicator(code, [province], is_key=True, norm_upper=1000)
    for month in months:
        # Ilam is counted from 2 units: suppressed, and one more cell with it (the total adds up).
        for place, value in (("IR", 100), ("23", 60), ("10", 38), ("16", 2)):
            add_observation(indicator, f"1404-{month:02d}", [place], value + month, count=value)
    return indicator


def count(client, path):
    client.get(path)  # first visit: per-process caches and the disclosure patterns' cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries.captured_queries)


def test_the_dashboard_costs_the_same_with_more_key_indicators(client, home_pages, province):
    publish(home_pages[0], DashboardPage(title="داشبورد", slug="dashboard"))
    key_indicator("first", province)
    before = count(client, "/fa/dashboard/")
    for code in ("second", "third", "fourth"):
        key_indicator(code, province)
    html = client.get("/fa/dashboard/").content.decode()
    assert all(f"/fa/indicators/{code}/" in html for code in ("first", "second", "third", "fourth"))
    assert count(client, "/fa/dashboard/") == before


def test_an_indicator_page_costs_the_same_with_more_periods_and_provinces(client, home_pages, province):
    publish(home_pages[0], IndicatorIndexPage(title="نماگرها", slug="indicators"))
    indicator = key_indicator("insured", province)
    before = count(client, "/fa/indicators/insured/")
    make_code_list("province", {**PROVINCES, "05": "کرمانشاه", "07": "فارس"}, total_code="IR")
    for month in (4, 5, 6, 7):
        for place in ("IR", "23", "10", "16", "05", "07"):
            add_observation(indicator, f"1404-{month:02d}", [place], 50, count=50)
    assert "فارس" in client.get("/fa/indicators/insured/").content.decode()
    assert count(client, "/fa/indicators/insured/") == before


def test_the_bulk_reader_agrees_with_the_single_one(province):
    first, second = key_indicator("first", province), key_indicator("second", province, months=(1, 2, 3, 4))
    rows = get_observations_many(with_dimensions([first, second]))
    assert rows["first"] == get_observations(first) and rows["second"] == get_observations(second)
    hidden = {r.codes["province"] for r in rows["first"] if r.suppressed}
    assert "16" in hidden and len(hidden) >= 2  # Ilam, and a cell that would give it back
    recent = get_observations_many(with_dimensions([second]), last_periods=2)["second"]
    assert recent == get_observations(second, period_range=("1404-03", None))
