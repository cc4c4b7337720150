"""Benchmark: one release notice to 10,000 confirmed subscribers — time, peak
Python memory (tracemalloc) and peak RSS, emails per second, queries.

The rate limit is lifted (ALERTS_SEND_RATE) so the figure is the sending
machinery itself; emails go to the in-memory outbox (locmem) and are counted,
then dropped. A second run shows the cost of the dedupe (sends nothing).

    .venv/bin/python bench/bench_alerts.py            # SQLite (in memory)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/statportal_alerts .venv/bin/python bench/bench_alerts.py

Figures are printed, never judged."""

import datetime as dt
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("TEST_VAR_DIR", tempfile.mkdtemp(prefix="bench-alerts-media-"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core import mail  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

SUBSCRIBERS = int(os.environ.get("BENCH_SUBSCRIBERS", "10000"))


def build():
    from alerts.models import Subscriber
    from demo import site as demo
    from tests.builders.releases import make_calendar, make_entry

    fa, _en = demo.ensure_locales()
    home = demo.ensure_home(fa)
    calendar = make_calendar(home, translate_en=False)
    entry = make_entry(calendar, release_at=timezone.now() - dt.timedelta(seconds=1), kind="indicator_update")
    now = timezone.now()
    Subscriber.objects.bulk_create(
        [
            Subscriber(email=f"subscriber{n}@example.org", confirmed_at=now, kinds=",indicator_update,")
            for n in range(SUBSCRIBERS)
        ],
        batch_size=2000,
    )
    return entry


def run():
    from alerts.sending import notify_release

    settings.ALERTS_SEND_RATE = 1e12
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    print(f"database: {connection.vendor}; subscribers: {SUBSCRIBERS:,}")
    entry = build()
    tracemalloc.start()
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        sent = notify_release(entry)
    seconds = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"first run: {sent:,} emails in {seconds:.2f} s ({sent / seconds:,.0f}/s), {len(queries)} queries")
    print(f"memory: peak traced {peak / 1024 / 1024:.1f} MB (outbox included), peak RSS {rss:.0f} MB")
    assert len(mail.outbox) == sent
    mail.outbox = []
    start = time.perf_counter()
    again = notify_release(entry)
    print(f"second run (dedupe): {again} emails in {time.perf_counter() - start:.2f} s")


def main():
    # A throw-away test database (test_<name>; in memory on SQLite), so the bench can run again and again.
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
