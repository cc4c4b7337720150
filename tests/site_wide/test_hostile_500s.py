"""Anonymous requests that used to answer 500: each now a clear 400/404 in the
visitor's language, and nothing is changed."""

import pytest
from django.core.cache import cache

from tests.builders.indicators import add_observation, make_code_list, make_indicator
from tests.builders.releases import make_calendar

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


@pytest.mark.parametrize("q", ['"', '""', "'", "\\", "*", "(", "AND", "OR NOT", '"بیمه', "a:b", "^", "NEAR(", "-"])
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_search_with_odd_quotes_and_operators_answers(client, home_pages, lang, q):
    r = client.get(f"/{lang}/search/", {"q": q})
    assert r.status_code == 200


@pytest.fixture
def insured():
    province = make_code_list("province", {"23": "تهران"}, name_fa="استان")
    ind = make_indicator("insured-persons", [province])
    add_observation(ind, "1405-06", ["23"], 10)
    return ind


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/observations?indicator=insured-persons&page=922337203685477580",
        "/api/v1/observations?indicator=insured-persons&page=99999999999999999999",
        "/api/v1/observations?indicator=insured-persons&page=9223372036854775807&page_size=1000",
        "/api/v1/indicators?page=99999999999999999999",
        "/api/v1/indicators?page=922337203685477580",
        "/api/v1/indicators?page=-99999999999999999999",
    ],
)
def test_api_huge_page_numbers_are_a_clear_400(client, insured, url):
    r = client.get(url)
    assert r.status_code == 400
    assert "page" in r.json()["error"]


@pytest.mark.parametrize("month", ["1300-01", "1500-12", "0001-01", "9999-12", "1405-13", "۱۳۰۰-۰۱"])
@pytest.mark.parametrize(("lang", "words"), [("fa", "تقویم"), ("en", "calendar")])
def test_release_month_view_out_of_range_is_a_clear_400(client, home_pages, month, lang, words):
    make_calendar(home_pages[0])
    r = client.get(f"/{lang}/releases/", {"view": "month", "month": month})
    assert r.status_code == 400
    html = r.content.decode()
    if lang == "fa":
        assert "ماه" in html  # said in Persian
    else:
        assert "month" in html
