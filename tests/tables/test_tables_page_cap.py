"""The table builder's page is capped (issue 13): a 150,000-cell table took 20–45 s to
lay out in HTML. Above PAGE_CELLS the page says so in the visitor's language and
offers the downloads, which still give the whole table; nothing is built for the page."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.tables.test_tables_builder import jobs, pages  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

ALL = {"indicator": "jobs", "from": "1403-01", "to": "1403-02"}  # 32 provinces × 2 sexes × 2 months: 128 figures


@pytest.fixture
def small_page(monkeypatch):
    from tables import builder

    monkeypatch.setattr(builder, "PAGE_CELLS", 100)


def test_a_table_too_big_for_the_page_points_to_the_downloads_in_persian(client, jobs, small_page):  # noqa: F811
    response = client.get("/fa/tables/", ALL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="built-table"' not in html
    assert "این جدول " in html and " خانه دارد و برای نمایش در این صفحه بزرگ است (حداکثر ۱۰۰ خانه)" in html
    assert 'data-testid="table-too-big"' in html
    assert "download=csv" in html and "download=xlsx" in html


def test_the_message_is_in_english_on_the_english_page(client, jobs, small_page):  # noqa: F811
    html = client.get("/en/tables/", ALL).content.decode()
    assert "cells: too many to show on this page (at most 100)" in html


def test_the_download_of_a_table_too_big_for_the_page_is_whole(client, jobs, small_page):  # noqa: F811
    response = client.get("/en/tables/", {**ALL, "download": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) - 1 == 128  # a line per figure: the whole table


def test_nothing_is_read_for_a_page_too_big_to_show(client, jobs, small_page):  # noqa: F811
    client.get("/en/tables/", ALL)  # warm the per-process caches
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/tables/", ALL)
    assert not any("indicators_observation" in q["sql"] and "value" in q["sql"] for q in queries.captured_queries)


def test_a_table_within_the_cap_is_shown_as_before(client, jobs):  # noqa: F811
    html = client.get("/en/tables/", ALL).content.decode()
    assert 'data-testid="built-table"' in html and 'data-testid="table-too-big"' not in html
