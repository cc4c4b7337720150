# ruff: noqa: E501, RUF059
"""Warehouse import benchmark (figures printed, never judged).

For PostgreSQL (when reachable) and SQLite, in the same run, for 1,000,000 rows
(and 5,000,000 with `--5m` or BENCH_IMPORT_5M=1; about 4–6 minutes more on this
2-core machine):
  * end to end: `manage.py import_table` (read, validate, compare, write) in a
    subprocess; its peak memory is its own ru_maxrss (os.wait4), printed;
  * raw COPY of the same rows, already in the table's layout, into the same table
    (PostgreSQL: psql \\copy; SQLite: sqlite3 executemany in one transaction);
    the ratio end to end / raw is the target (>= 0.8 on PostgreSQL);
  * once, for 1M rows: an identical re-import (compare, write nothing) and
    django-import-export on 20,000 rows, for scale.

Environment: BENCH_ROWS (the first size, default 1000000), BENCH_PG_URL (default
postgres://postgres@127.0.0.1:5432/statportal_indicators_bench), BENCH_SQLITE=0 to skip SQLite; BENCH_IMPORT_PAGES=1 adds the
indicator page's req/s against the home page (gunicorn, BENCH_PORT, BENCH_SECONDS)."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
PY = sys.executable
ROWS = int(os.environ.get("BENCH_ROWS", "1000000"))
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/statportal_indicators_bench")
PORT = int(os.environ.get("BENCH_PORT", "8022"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "8"))
IE_ROWS = 20_000

from gen_import_data import generate  # noqa: E402 — bench/ is on the path only from here

SETUP = """
from indicators.codelists import ensure_code_lists
from indicators.models import CodeList, Observation
from tests.builders.indicators import make_indicator
ensure_code_lists()
ind = make_indicator("bench", [CodeList.objects.get(code="province"), CodeList.objects.get(code="isic")], periodicity=12)
from indicators.models import ImportBatch
batch = ImportBatch.objects.create(indicator=ind, original_name="raw")
print(ind.pk, batch.pk)
"""

CLEAR = """
from django.db import connection
from indicators.models import Observation
if connection.vendor == "postgresql":
    with connection.cursor() as c:
        c.execute("DELETE FROM indicators_observation WHERE indicator_id = (SELECT id FROM indicators_indicator WHERE code='bench')")
else:
    Observation.objects.filter(indicator__code="bench")._raw_delete("default")
"""

SQLITE_RAW = """
import sqlite3, sys, csv
db, path = sys.argv[1], sys.argv[2]
con = sqlite3.connect(db)
cols = "indicator_id, period, period_start, period_end, d1, d2, d3, d4, d5, value, count, flags, release_id, batch_id"
with open(path, encoding="utf-8") as f:
    rows = [tuple(None if v == "\\\\N" else v for v in line.rstrip("\\n").split("\\t")) for line in f]
with con:
    con.executemany(f"INSERT INTO indicators_observation ({cols}) VALUES ({', '.join(['?'] * 14)})", rows)
print(len(rows))
"""

IE_SCRIPT = """
import sys, time, django
django.setup()
from import_export import fields, resources, widgets
from tablib import Dataset
from indicators.models import Indicator, Observation

class ObservationResource(resources.ModelResource):
    indicator = fields.Field(attribute="indicator", column_name="indicator", widget=widgets.ForeignKeyWidget(Indicator, "code"))
    class Meta:
        model = Observation
        fields = ["indicator", "period", "period_start", "period_end", "d1", "d2", "value", "count"]
        import_id_fields = ["indicator", "period", "d1", "d2"]

data = Dataset()
data.load(open(sys.argv[1], encoding="utf-8").read(), format="csv")
start = time.perf_counter()
result = ObservationResource().import_data(data, dry_run=False, raise_errors=True)
print(f"{len(data)} {time.perf_counter() - start:.3f} {result.has_errors()}")
"""


def rss_of(args, env):
    """Run `args`; return (seconds, peak RSS in MB of that process, stdout).
    The peak is the child's own ru_maxrss, from os.wait4 on its pid."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, env=env, cwd=ROOT, stdout=out, stderr=err, text=True)
        _pid, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(map(str, args[:5]))} failed ({proc.returncode}):\n{err.read()[-3000:]}")
        return elapsed, usage.ru_maxrss / 1024, out.read()


def manage(env, *args):
    return subprocess.run(
        [PY, "manage.py", *args], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout


def to_table_rows(src: Path, dst: Path, indicator_id: int, batch_id):
    def month_index(code):
        year, month = code.split("-")
        return int(year) * 12 + int(month) - 1

    batch = batch_id or "\\N"
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
        reader = csv.reader(f)
        next(reader)
        for period, province, isic, value, count in reader:
            m = month_index(period)
            out.write(
                f"{indicator_id}\t{period}\t{m}\t{m}\t{province}\t{isic}\t\t\t\t{value}\t{count}\t\t\\N\t{batch}\n"
            )


def import_export_file(src: Path, dst: Path, n: int):
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8", newline="") as out:
        reader = csv.reader(f)
        next(reader)
        writer = csv.writer(out)
        writer.writerow(["indicator", "period", "period_start", "period_end", "d1", "d2", "value", "count"])
        for i, (period, province, isic, value, count) in enumerate(reader):
            if i == n:
                break
            year, month = period.split("-")
            m = int(year) * 12 + int(month) - 1
            writer.writerow(["bench", period, m, m, province, isic, value, count])


def load(url, seconds, clients=4):
    count = [0]
    errors = [0]
    stop = time.perf_counter() + seconds
    lock = threading.Lock()

    def worker():
        while time.perf_counter() < stop:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    response.read()
                    ok = response.status == 200
            except Exception:
                ok = False
            with lock:
                count[0] += ok
                errors[0] += not ok

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return count[0] / (time.perf_counter() - start), errors[0]


def pages(env, label):
    # Serve with DEBUG off and plain static storage (no collectstatic needed): the test settings.
    env = dict(env, DJANGO_SETTINGS_MODULE="config.settings.test")
    server = subprocess.Popen(
        [
            str(Path(PY).parent / "gunicorn"),
            "config.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/fa/", timeout=2).read()
                break
            except Exception:
                time.sleep(0.3)
        results = {}
        for name, path in (("home page", "/fa/"), ("indicator page", "/fa/indicators/insured-persons/")):
            load(f"http://127.0.0.1:{PORT}{path}", 1.5)  # warm up
            results[name] = load(f"http://127.0.0.1:{PORT}{path}", SECONDS)
        for name, (rps, errors) in results.items():
            print(f"  {label:10} {name:15} {rps:8.1f} req/s" + (f"  ({errors} errors)" if errors else ""))
        ratio = results["indicator page"][0] / results["home page"][0] if results["home page"][0] else 0
        print(f"  {label:10} indicator page / home page = {ratio:.2f}")
    finally:
        server.terminate()
        server.wait(10)


def import_once(env, data, rows, label):
    elapsed, rss, out = rss_of(
        [PY, "manage.py", "import_table", str(data), "--indicator", "bench", "--language", "en"], env
    )
    print(f"  {label:44}: {rows / elapsed:10,.0f} rows/s  {elapsed:6.1f} s  peak {rss:6.0f} MB", flush=True)
    print(f"    {out.strip().splitlines()[-1]}")
    return elapsed


def raw_load(env, work, data, rows, indicator_id, label, batch_id=None):
    """Raw load of the same rows; with batch_id, exactly the rows the import writes
    (each names its batch: one more foreign key checked per row)."""
    layout = work / "layout.tsv"
    to_table_rows(data, layout, indicator_id, batch_id)
    if label == "PostgreSQL":
        cols = "indicator_id, period, period_start, period_end, d1, d2, d3, d4, d5, value, count, flags, release_id, batch_id"
        raw, raw_rss, _ = rss_of(
            ["psql", PG_URL, "-q", "-c", f"\\copy indicators_observation ({cols}) FROM '{layout}'"], env
        )
        what = "raw COPY (psql \\copy)"
    else:
        raw, raw_rss, _ = rss_of([PY, "-c", SQLITE_RAW, env["VAR_DIR"] + "/db.sqlite3", str(layout)], env)
        what = "raw executemany (sqlite3)"
    what += ", with batch_id" if batch_id else ", batch_id NULL"
    layout.unlink()
    print(f"  {what:44}: {rows / raw:10,.0f} rows/s  {raw:6.1f} s  peak {raw_rss:6.0f} MB", flush=True)
    return raw


def bench_backend(label, env, work: Path, sizes):
    print(f"\n--- {label} ---", flush=True)
    manage(env, "migrate", "--noinput", "-v0")
    indicator_id, batch_id = map(int, manage(env, "shell", "-c", SETUP).strip().splitlines()[-1].split())
    for rows in sizes:
        data = work / f"rows-{rows}.csv"
        generate(str(data), rows)
        print(
            f"{rows:,} rows, {data.stat().st_size / 2**20:.1f} MB CSV (period, province, ISIC division, value, count)"
        )
        manage(env, "shell", "-c", CLEAR)
        # Each load into the same empty table, in the same run.
        raw_null = raw_load(env, work, data, rows, indicator_id, label)
        manage(env, "shell", "-c", CLEAR)
        raw = raw_load(env, work, data, rows, indicator_id, label, batch_id)
        manage(env, "shell", "-c", CLEAR)
        end_to_end = import_once(env, data, rows, "end to end (read, validate, compare, write)")
        print(
            f"  end to end / raw = {raw / end_to_end:.2f} (same rows, with batch_id);"
            f" {raw_null / end_to_end:.2f} against batch_id NULL   ({rows:,} rows, {label})",
            flush=True,
        )
        if rows == sizes[0]:
            import_once(env, data, rows, "identical re-import (compare, write nothing)")
            manage(env, "shell", "-c", CLEAR)
            ie_file = work / "ie.csv"
            import_export_file(data, ie_file, IE_ROWS)
            _e, ie_rss, ie_out = rss_of([PY, "-c", IE_SCRIPT, str(ie_file)], env)
            n, seconds, errors = ie_out.split()
            print(
                f"  {'django-import-export (' + n + ' rows)':44}: {int(n) / float(seconds):10,.0f} rows/s  {float(seconds):6.1f} s  peak {ie_rss:6.0f} MB"
            )
        manage(env, "shell", "-c", CLEAR)
        data.unlink()
    if os.environ.get("BENCH_IMPORT_PAGES") == "1":  # the indicator page against the home page
        manage(env, "load_demo")
        pages(env, label)


def postgres_ready() -> bool:
    admin = PG_URL.rsplit("/", 1)[0] + "/postgres"
    if not shutil.which("psql") or subprocess.run(["psql", admin, "-qc", "select 1"], capture_output=True).returncode:
        return False
    name = PG_URL.rsplit("/", 1)[1]
    subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], capture_output=True)
    subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    return True


def main():
    sizes = [ROWS]
    if "--5m" in sys.argv or os.environ.get("BENCH_IMPORT_5M") == "1":
        sizes.append(5_000_000)
    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        base = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        base.update({"DJANGO_SETTINGS_MODULE": "config.settings.dev", "PYTHONPATH": str(ROOT)})
        if postgres_ready():
            bench_backend("PostgreSQL", dict(base, DATABASE_URL=PG_URL, VAR_DIR=str(work / "var-pg")), work, sizes)
        else:
            print("\nPostgreSQL not reachable: skipped")
        if os.environ.get("BENCH_SQLITE", "1") != "0":
            (work / "var").mkdir()
            bench_backend("SQLite", dict(base, VAR_DIR=str(work / "var")), work, sizes[:1])
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
