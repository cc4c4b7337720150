"""The embargo on every block type of a publication: nothing of a release before its minute."""

import datetime as dt
import io

import openpyxl
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from indicators.query import get_observations, get_observations_many, with_dimensions
from tests.builders.indicators import add_observation, make_indicator
from tests.builders.publications import (
    block,
    bulletin,
    chart_value,
    headline_value,
    release_entry,
    table_value,
    yearbook,
)


def test_embargoed_observations_show_nothing_in_any_block_before_the_minute(world, client):
    minute = timezone.now() + dt.timedelta(hours=2)
    future = release_entry(world.home, title="انتشار آینده", at=minute)
    add_observation(world.insured, "1403", ["23", "T"], 987654, release=future)
    add_observation(world.insured, "1403", ["00", "T"], 876543, release=future)
    body = [
        block("headline", headline_value("insured", "tehran", filters={"province": ["23"]})),
        block("table", table_value("insured", rows="province", columns="period", periods="1402..1403"), "tb"),
        block("chart", chart_value("insured", series="province", periods="1402..1403"), "ch"),
    ]
    page = bulletin(
        world.index, release=world.release, body=body, headlines=[], reference_period="1403-Q1", frequency="quarterly"
    )
    secret_fa, secret_latin = "۹۸۷٬۶۵۴", "987654"
    for url in (
        page.url,
        f"/fa/publications/data/{page.pk}/tb.csv",
        f"/fa/publications/data/{page.pk}/tb.xlsx",
        f"/fa/publications/data/{page.pk}/ch.csv",
    ):
        body_bytes = client.get(url).content
        assert secret_latin.encode() not in body_bytes and secret_fa.encode() not in body_bytes, url
        if url.endswith("xlsx"):
            values = [
                v
                for row in openpyxl.load_workbook(io.BytesIO(body_bytes)).active.iter_rows(values_only=True)
                for v in row
            ]
            assert 987654 not in values
    html = client.get(page.url).content.decode()
    assert "۱٬۱۰۰" in html  # what is released is shown
    with time_machine.travel(minute + dt.timedelta(seconds=1)):
        html = client.get(page.url).content.decode()
        assert secret_fa in html  # headline (latest period), table and chart
        assert html.count(secret_fa) >= 2
        assert secret_latin in client.get(f"/fa/publications/data/{page.pk}/tb.csv").content.decode("utf-8-sig")


def test_embargoed_publication_and_its_downloads_are_404_until_the_minute(world, client, admin_user):
    from django.test import Client

    admin_client = Client()
    admin_client.force_login(admin_user)
    minute = timezone.now() + dt.timedelta(hours=1)
    future = release_entry(world.home, title="سالنامه آینده", at=minute)
    table = block("table", table_value("insured", rows="province"), "t")
    yb = yearbook(world.index, slug="yb-future", release=future, chapters=[("فصل", [table])], body=[table])
    chapter = yb.get_children().first().specific
    assert chapter.release_id == future.pk  # a chapter goes public with its yearbook
    urls = [
        yb.url,
        chapter.url,
        f"/fa/publications/data/{yb.pk}/t.csv",
        f"/fa/publications/data/{chapter.pk}/t.xlsx",
        f"/fa/publications/workbook/{yb.pk}.xlsx",
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert "yb-future" not in client.get(world.index.url).content.decode()
    assert admin_client.get(yb.url).status_code == 200  # editors preview
    with time_machine.travel(minute + dt.timedelta(seconds=1)):
        for url in urls:
            assert client.get(url).status_code == 200, url


def test_store_bulk_rows_equal_the_indicators_contract(world):
    rows = get_observations_many(with_dimensions([world.insured]))["insured"]
    assert rows == get_observations(world.insured)


def test_queries_do_not_grow_with_the_number_of_tables(world, client):
    other = make_indicator("other", world.insured.dimension_lists, periodicity=1, name_fa="دیگر")
    add_observation(other, "1402", ["23", "T"], 5, release=world.release)

    def chapter_with(n):
        body = []
        for i in range(n):
            code = "insured" if i % 2 else "other"
            body.append(
                block("table", table_value(code, rows="province", columns="period", title=f"جدول {i}"), f"t{n}-{i}")
            )
            body.append(block("chart", chart_value(code, series="province"), f"c{n}-{i}"))
        return (
            yearbook(world.index, slug=f"yb-{n}", release=world.release, chapters=[("فصل", body)])
            .get_children()
            .first()
            .specific
        )

    counts = {}
    for n in (2, 8):
        url = chapter_with(n).url
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts[n] = len(ctx.captured_queries)
    assert counts[8] == counts[2], counts
