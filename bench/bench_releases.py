"""Release-day spike: concurrent clients on the calendar and an entry page across
the release minute, against a real gunicorn server (2 workers, production
settings) on 127.0.0.1, with the release scheduler running beside it.

Prints requests/s, p50/p99 latency, errors, and the seconds from the announced
minute to the first public answer that shows the release as published (the
entry page's published template, and the RSS item). Bounded: at most
MAX_REQUESTS requests and WINDOW seconds either side of the minute.

    .venv/bin/python bench/bench_releases.py            # SQLite in a temp dir
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/statportal_bench_releases \
        .venv/bin/python bench/bench_releases.py        # PostgreSQL (database is created/dropped by you)
"""

import datetime as dt
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
WINDOW = float(os.environ.get("BENCH_WINDOW", "12"))  # seconds before and after the minute
MAX_REQUESTS = int(os.environ.get("BENCH_MAX_REQUESTS", "20000"))
MARKER = b"template-release release-published"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def django_env(var_dir):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "bench-only-" + "x" * 60,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "VAR_DIR": str(var_dir),
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


SETUP = r"""
import datetime as dt, django, sys
django.setup()
from django.utils import timezone
from demo import site as demo
from tests.builders.releases import make_calendar, make_entry
from core.taxonomy import ReleaseKind
from releases.enums import ReleaseStatus
fa, _en = demo.ensure_locales()
home = demo.ensure_home(fa)
demo.translate(home, demo.HOME_EN)
calendar = make_calendar(home)
now = timezone.now()
for day in range(40):
    when = (now + dt.timedelta(days=day + 1)).replace(second=0, microsecond=0)
    status = ReleaseStatus.CONFIRMED if day < 20 else ReleaseStatus.PROVISIONAL
    make_entry(calendar, title=f"ماهنامهٔ آماری {day}", release_at=when, status=status, english=f"Bulletin {day}")
entry = make_entry(calendar, title="سالنامهٔ آماری (آزمون بار)", slug="spike", release_at=now + dt.timedelta(days=365),
                   kind=ReleaseKind.YEARBOOK, english="Yearbook (load test)")
print(entry.url)
"""

ARM = r"""
import datetime as dt, django, sys
django.setup()
from releases.models import ReleasePage
minute = dt.datetime.fromisoformat(sys.argv[1])
ReleasePage.objects.filter(slug="spike").update(release_at=minute, status="confirmed")
"""

STATUS = r"""
import django
django.setup()
from releases.models import ReleasePage
e = ReleasePage.objects.filter(slug="spike").first()
print(e.status, (e.published_at - e.release_at).total_seconds() if e.published_at else "none")
"""


def run(code, env, *args):
    return subprocess.run(
        [PYTHON, "-c", code, *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout.strip()


def main():
    var_dir = Path(tempfile.mkdtemp(prefix="bench-releases-"))
    env = django_env(var_dir)
    processes = []
    try:
        t0 = time.monotonic()
        subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True, capture_output=True)
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        entry_url = run(SETUP, env).splitlines()[-1]
        database = "PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
        print(f"prepared database and 41 entries in {time.monotonic() - t0:.0f}s ({database})")

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        gunicorn = str(Path(PYTHON).with_name("gunicorn"))
        processes.append(
            subprocess.Popen(
                [
                    gunicorn,
                    "config.wsgi",
                    "-b",
                    f"127.0.0.1:{port}",
                    "-w",
                    "2",
                    "--threads",
                    "2",
                    "--log-level",
                    "warning",
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        processes.append(
            subprocess.Popen(
                [PYTHON, "manage.py", "run_scheduler"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/fa/releases/", timeout=10).read()
                break
            except OSError:
                time.sleep(0.3)

        now = dt.datetime.now(dt.UTC)
        minute = (now + dt.timedelta(seconds=WINDOW + 8)).replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
        run(ARM, env, minute.isoformat())
        start_at = minute.timestamp() - WINDOW
        stop_at = minute.timestamp() + WINDOW
        print(f"announced minute {minute:%H:%M:%S} UTC; load from -{WINDOW:.0f}s to +{WINDOW:.0f}s, {CLIENTS} clients")
        time.sleep(max(0.0, start_at - time.time()))

        urls = [base + "/fa/releases/", base + entry_url, base + "/en/releases/", base + "/fa/releases/feed.rss"]
        lock = threading.Lock()
        results = []  # (t_sent, latency, url_index, status, published?)
        count = [0]

        def client(index):
            i = index
            while time.time() < stop_at:
                with lock:
                    if count[0] >= MAX_REQUESTS:
                        return
                    count[0] += 1
                u = i % len(urls)
                i += 1
                sent = time.time()
                try:
                    with urllib.request.urlopen(urls[u], timeout=10) as response:
                        body = response.read()
                        status = response.status
                except urllib.error.HTTPError as exc:
                    body, status = b"", exc.code
                except Exception:
                    body, status = b"", 0
                done = time.time()
                published = (MARKER in body) if u == 1 else (b"spike" in body if u == 3 else None)
                with lock:
                    results.append((sent, done - sent, u, status, published))

        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        time.sleep(1.5)
        status = run(STATUS, env)

        elapsed = max(r[0] + r[1] for r in results) - min(r[0] for r in results)
        latencies = sorted(r[1] * 1000 for r in results)
        errors = sum(1 for r in results if r[3] != 200)
        m = minute.timestamp()
        early = [r for r in results if r[0] + r[1] < m and r[4]]
        page_after = sorted(r[0] + r[1] - m for r in results if r[2] == 1 and r[4] and r[0] >= m)
        rss_after = sorted(r[0] + r[1] - m for r in results if r[2] == 3 and r[4] and r[0] >= m)
        print(f"requests: {len(results)} in {elapsed:.1f}s = {len(results) / elapsed:.0f} req/s")
        p99 = latencies[int(len(latencies) * 0.99) - 1]
        print(f"latency: p50 {statistics.median(latencies):.0f} ms, p99 {p99:.0f} ms")
        print(f"errors (non-200): {errors}")
        print(f"published answers completed before the minute (leaks): {len(early)}")
        first = f"{page_after[0]:.2f}s" if page_after else "never"
        rss = f"{rss_after[0]:.2f}s" if rss_after else "never"
        print(f"first public published entry page after the minute: {first}; first RSS item: {rss}")
        state, delay = status.split()
        print(f"scheduler: status {state}, marked published {delay}s after the minute")
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
