"""8 concurrent downloads of a grant with 3 left, against a real server process on
the test's own database (a file for SQLite, the test database for PostgreSQL):
exactly 3 files, 5 clear refusals, all 8 logged, no "database is locked"."""

import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from researchers.models import DownloadLog
from tests.builders.catalog import application, approve, dataset, researcher, reviewer

pytestmark = pytest.mark.django_db(transaction=True)

BASE_DIR = Path(settings.BASE_DIR)
CONCURRENT = 8
LIMIT = 3


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url(tmp_path):
    """A URL for the server process that reaches the very data this test wrote."""
    if connection.vendor == "sqlite":
        # The test database lives in memory: copy it to a file, as production has.
        path = tmp_path / "db.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{path}", path
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}", None


@pytest.fixture
def server(tmp_path):
    """Starts `runserver` (threaded, one connection per request thread) on the copied data."""
    procs = []

    def start():
        url, path = _database_url(tmp_path)
        port = _free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": url,
            "TEST_VAR_DIR": str(tmp_path),  # PRIVATE_ROOT = tmp_path/private, as in this test
        }
        log = open(tmp_path / "server.log", "wb")  # noqa: SIM115 - closed below
        proc = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        procs.append((proc, log))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("server did not start: " + (tmp_path / "server.log").read_text())
        return f"http://127.0.0.1:{port}", path

    yield start
    for proc, log in procs:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def _get(url, cookie):
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={cookie}"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _logged(path):
    if path is None:
        return sorted(DownloadLog.objects.values_list("reason", flat=True))
    with sqlite3.connect(path) as db:
        return sorted(reason for (reason,) in db.execute("SELECT reason FROM researchers_downloadlog"))


def test_concurrent_downloads_serve_exactly_the_limit_and_log_all(client, home_pages, server, tmp_path, settings):
    settings.PRIVATE_ROOT = tmp_path / "private"
    res = researcher()
    grant = approve(application(res, dataset()), reviewer(), days=30, limit=LIMIT)
    client.force_login(res.user)
    cookie = client.cookies["sessionid"].value
    base, path = server()
    url = f"{base}/fa/researchers/downloads/{grant.token}/"

    barrier = threading.Barrier(CONCURRENT)
    results = []

    def one():
        barrier.wait()
        results.append(_get(url, cookie))

    started = time.monotonic()
    threads = [threading.Thread(target=one) for _ in range(CONCURRENT)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)

    statuses = sorted(status for status, _ in results)
    seconds = time.monotonic() - started
    print(f"\n{connection.vendor}: {CONCURRENT} concurrent downloads, limit {LIMIT} → {statuses} in {seconds:.1f}s")
    assert statuses == [200] * LIMIT + [429] * (CONCURRENT - LIMIT), (tmp_path / "server.log").read_text()[-3000:]
    assert all(body == b"wage\n1\n2\n" for status, body in results if status == 200)
    refusal = "از همهٔ دفعات دریافت مجاز"  # "you have used all the downloads", in Persian
    assert all(refusal in body.decode() for status, body in results if status == 429)
    assert _logged(path) == ["limit"] * (CONCURRENT - LIMIT) + ["ok"] * LIMIT
    assert "database is locked" not in (tmp_path / "server.log").read_text()
