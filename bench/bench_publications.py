"""Benchmark: a yearbook chapter with N tables and 5 charts drawn from
observations — render time and number of queries for N = 2, 5 and 10.

The number of queries must not grow with the number of tables (no N+1): the
page reads every block's observations in one bulk query.

    .venv/bin/python bench/bench_publications.py            # SQLite (in memory)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/statportal_publications .venv/bin/python bench/bench_publications.py

Figures are printed, never judged."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("TEST_VAR_DIR", tempfile.mkdtemp(prefix="bench-publications-media-"))

import django  # noqa: E402

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

YEARS = range(1396, 1403)
INDICATORS = 10
RUNS = 15


def build():
    from demo import site as demo
    from indicators.models import CodeList, Observation, period_bounds
    from iran.periods import Period
    from tests.builders.indicators import make_indicator
    from tests.builders.publications import block, chart_value, publications_index, release_entry, table_value

    fa, _en = demo.ensure_locales()
    home = demo.ensure_home(fa)
    province = CodeList.objects.get(code="province")
    codes = list(province.codes.values_list("code", flat=True))
    release = release_entry(home, title="bench")
    rows = []
    for i in range(INDICATORS):
        indicator = make_indicator(f"bench-{i}", [province], periodicity=1, name_fa=f"نماگر آزمایشی {i}", unit_fa="نفر")
        for year in YEARS:
            start, end = period_bounds(Period.year_of(year))
            for n, code in enumerate(codes):
                rows.append(
                    Observation(indicator=indicator, period=str(year), period_start=start, period_end=end,
                                d1=code, value=1000 * (i + 1) + n * 7 + year, release=release)
                )  # fmt: skip
    Observation.objects.bulk_create(rows, batch_size=2000)
    index = publications_index(home)
    from tests.builders.publications import yearbook

    chapters = {}
    for n_tables in (2, 5, 10):
        body = []
        for t in range(n_tables):
            value = table_value(
                f"bench-{t}", rows="province", columns="period", periods="1398..1402", title=f"جدول {t}"
            )
            body.append(block("table", value))
        for c in range(5):
            body.append(block("chart", chart_value(f"bench-{c}", periods="1396..1402", filters={"province": ["IR"]})))
        yb = yearbook(index, slug=f"bench-{n_tables}", release=release, chapters=[("فصل", body)])
        chapters[n_tables] = yb.get_children().first().specific.url
    return chapters, len(rows)


def measure(client, url):
    client.get(url)  # warm caches (templates, site root)
    reset_queries()  # the log is a bounded deque: start it empty
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    queries = len(ctx.captured_queries)  # now: later requests reset the log
    assert response.status_code == 200, response.status_code
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return queries, statistics.median(times), max(times), len(response.content)


def main():
    # A throw-away test database (test_<name>; in memory on SQLite), so the bench can run again and again.
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run():
    print(f"database: {connection.vendor}")
    start = time.perf_counter()
    chapters, n_rows = build()
    print(f"setup: {INDICATORS} indicators, {n_rows:,} observations, in {time.perf_counter() - start:.1f} s")
    client = Client()
    print(f"{'tables':>6} {'charts':>6} {'cells':>6} {'queries':>8} {'median ms':>10} {'max ms':>8} {'KB':>6}")
    for n_tables, url in chapters.items():
        queries, median, worst, size = measure(client, url)
        cells = n_tables * 32 * 5
        print(f"{n_tables:>6} {5:>6} {cells:>6} {queries:>8} {median:>10.1f} {worst:>8.1f} {size / 1024:>6.0f}")
    # the download of one table, and the whole yearbook as XLSX
    from publications.models import YearbookPage

    yb = YearbookPage.objects.get(slug="bench-10")
    for label, url in (("yearbook workbook (10 tables)", f"/fa/publications/workbook/{yb.pk}.xlsx"),):
        queries, median, worst, size = measure(client, url)
        print(f"{label}: {queries} queries, median {median:.1f} ms, {size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
