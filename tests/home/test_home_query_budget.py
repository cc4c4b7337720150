"""The home page on a cache miss (issue 13): at most 25 SQL queries, the same
number with one card, entry, publication and dataset as with a full page of each."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.pages import child_page
from researchers.models import ResearchersIndexPage
from tests.builders.catalog import catalog_page, dataset
from tests.builders.indicators import add_observation, make_code_list, make_indicator
from tests.builders.publications import bulletin, publications_index, release_entry
from tests.builders.releases import make_calendar, make_entry

pytestmark = pytest.mark.django_db

MAX_QUERIES = 25


@pytest.fixture(autouse=True)
def cold(settings):
    settings.PAGE_CACHE_ENABLED = False
    cache.clear()


def count(client, path):
    client.get(path)  # first visit: per-process caches (content types, site root paths, disclosure patterns)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries.captured_queries), response.content.decode()


def minute(days):
    return (timezone.now() + dt.timedelta(days=days)).replace(second=0, microsecond=0)


def headline(code, province):
    indicator = make_indicator(code, [province], is_headline=True)
    for month in (1, 2, 3):
        for place, value in (("IR", 100), ("23", 60), ("10", 40)):
            add_observation(indicator, f"1404-{month:02d}", [place], value + month, count=value)
    return indicator


def add_content(home, calendar, index, province, numbers):
    for n in numbers:
        headline(f"headline-{n}", province)
        make_entry(calendar, title=f"ورود {n}", slug=f"entry-{n}", release_at=minute(days=n))
        past = release_entry(home, title=f"انتشار {n}", slug=f"past-{n}", at=minute(days=-n))
        bulletin(index, title=f"ماهنامه {n}", slug=f"bulletin-{n}", release=past)
        dataset(f"set-{n}", title_fa=f"مجموعه {n}")


def test_the_home_page_costs_the_same_with_more_cards_entries_publications_and_datasets(client, home_pages):
    home = home_pages[0]
    province = make_code_list("province", {"IR": "کل کشور", "23": "تهران", "10": "اصفهان"}, total_code="IR")
    calendar, index = make_calendar(home), publications_index(home)
    catalog_page(home)
    child_page(home, ResearchersIndexPage, "researchers", title="باشگاه پژوهشگران")
    add_content(home, calendar, index, province, [1])
    before, html = count(client, "/fa/")
    assert "/fa/indicators/headline-1/" in html and "ورود 1" in html and "ماهنامه 1" in html and "مجموعه 1" in html

    add_content(home, calendar, index, province, [2, 3, 4, 5])
    after, html = count(client, "/fa/")
    # Every section full (4 cards, 5 entries, 4 publications, 3 datasets), not one query more.
    shown = lambda texts: sum(text in html for text in texts)  # noqa: E731
    assert shown(f"/fa/indicators/headline-{n}/" for n in range(1, 6)) == 4
    assert shown(f"ورود {n}<" for n in range(1, 6)) == 5
    assert shown(f"ماهنامه {n}<" for n in range(1, 6)) == 4
    assert shown(f"مجموعه {n}<" for n in range(1, 6)) == 3
    assert after == before
    assert after <= MAX_QUERIES


def test_the_english_home_page_stays_under_the_bound(client, home_pages):
    home = home_pages[0]
    make_entry(make_calendar(home), title="ورود", english="An entry")
    queries, html = count(client, "/en/")
    assert "An entry" in html
    assert queries <= MAX_QUERIES
