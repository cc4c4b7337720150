"""The table builder on a 150,000-cell table (500 codes × 3 sexes × 100 months):
the page rendered and the table downloaded in each format, with time and peak
Python memory (tracemalloc) printed; and the query count for 2 codes and for 500.
Runs against a throwaway SQLite database (or DATABASE_URL); figures are printed, never judged."""

import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
_tmp = tempfile.mkdtemp(prefix="bench-tables-")
os.environ.setdefault("VAR_DIR", _tmp)
os.environ.setdefault("TEST_VAR_DIR", _tmp)

N_CODES, N_SEX, N_MONTHS = 500, 3, 100


def build():
    from decimal import Decimal
    from types import SimpleNamespace

    from demo import site as demo
    from demo import tables as tables_demo
    from indicators.models import Observation, period_bounds
    from iran.periods import Period
    from tests.builders.indicators import make_code_list, make_indicator

    fa, _en = demo.ensure_locales()
    home = demo.ensure_home(fa)
    demo.translate(home, demo.HOME_EN)
    tables_demo.load(SimpleNamespace(home_fa=home))
    region = make_code_list("region", {f"R{i:03d}": (f"ناحیه {i}", f"Region {i}") for i in range(N_CODES)})
    sex = make_code_list("sex", {"M": ("مرد", "Male"), "F": ("زن", "Female"), "T": ("همه", "Both")}, total_code="T")
    ind = make_indicator("bench-table", [region, sex], unit_en="persons", unit_fa="نفر")
    first = Period.parse("1396-01")
    rows = []
    for step in range(N_MONTHS):
        p = first.shift(step)
        start, end = period_bounds(p)
        for i in range(N_CODES):
            for s in ("M", "F", "T"):
                rows.append(
                    Observation(
                        indicator=ind,
                        period=p.code,
                        period_start=start,
                        period_end=end,
                        d1=f"R{i:03d}",
                        d2=s,
                        value=Decimal(1000 + i + step),
                        count=50,
                    )
                )
    Observation.objects.bulk_create(rows, batch_size=5000)
    return ind


def body_of(response) -> bytes:
    """The whole answer, streamed (a large CSV) or not: read to the end either way."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def measure(client, url, params):
    t = time.perf_counter()
    r = client.get(url, params)
    body = body_of(r)
    elapsed = time.perf_counter() - t
    assert r.status_code == 200, (params, r.status_code, body[:300])
    tracemalloc.start()
    body_of(client.get(url, params))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak, len(body)


def main():
    import logging

    import django

    django.setup()
    logging.disable(logging.WARNING)  # page publishing logs every task at INFO
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    setup_test_environment()
    if "sqlite" in settings.DATABASES["default"]["ENGINE"]:
        settings.DATABASES["default"]["NAME"] = str(Path(_tmp) / "bench.sqlite3")
    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    build()
    print(
        f"database: {connection.vendor}; built {N_CODES * N_SEX * N_MONTHS:,} observations "
        f"in {time.perf_counter() - t0:.1f}s"
    )
    client = Client()
    params = {"indicator": "bench-table"}
    for lang in ("en", "fa"):
        url = f"/{lang}/tables/"
        for fmt in ("page", "csv", "xlsx", "json-stat", "sdmx-csv"):
            query = params if fmt == "page" else {**params, "download": fmt}
            elapsed, peak, size = measure(client, url, query)
            print(
                f"{lang} {fmt:<10} 150,000 cells: {elapsed * 1000:8.0f} ms   "
                f"peak {peak / 2**20:6.1f} MiB   {size / 2**20:6.1f} MiB out"
            )
    for n in (2, N_CODES):
        query = {**params, "region": [f"R{i:03d}" for i in range(n)], "from": "1403-01"}
        client.get("/en/tables/", query)
        with CaptureQueriesContext(connection) as queries:
            client.get("/en/tables/", query)
        print(f"queries for {n:>3} codes chosen: {len(queries)}")


if __name__ == "__main__":
    main()
