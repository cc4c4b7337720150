"""A release minute under load (issue 13): 64 clients ask for the same pages
from 20 s before a release minute to 20 s after it.

It schedules a calendar entry for a minute about a minute away and a bulletin
released with it (a secret word in its title), in the database the site reads
(run it with that site's environment: DATABASE_URL, REDIS_URL, VAR_DIR), then
loads, through --base-url (the stack's nginx, or any gunicorn):
the bulletin's URL, the publications listing, the calendar, the entry, the home page.

Prints: errors (5xx, refused connections), leaks (an answer *received* before the
minute showing the bulletin or its secret), when every URL had reached its
released state for good (seconds after the minute), and latency percentiles.
The entry stays in the calendar (a published entry is never deleted); the
bulletin is deleted afterwards. Figures, never pass/fail.

    DATABASE_URL=... REDIS_URL=... python bench/bench_release_minute.py --base-url http://127.0.0.1:8080
    python bench/bench_release_minute.py --serve   # our own gunicorn on var/bench (SQLite), BENCH_PORT

Targets: 0 errors, 0 leaks, released state ≤ 5 s after the minute, p99 < 1 s."""

import argparse
import datetime as dt
import http.client
import os
import secrets
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CLIENTS = 64
BEFORE = 20
AFTER = 20


def setup_django(settings_module):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    import django

    django.setup()


def schedule(now):
    """A confirmed entry at the next minute at least 45 s away, and a bulletin with it."""
    from django.db import transaction

    from publications.models import BulletinPage, PublicationIndexPage
    from releases.models import ReleaseCalendarPage
    from tests.builders.releases import make_entry

    minute = (now + dt.timedelta(seconds=45 + 60)).replace(second=0, microsecond=0)
    word = "benchsecret" + secrets.token_hex(4)
    calendar = ReleaseCalendarPage.objects.filter(locale__language_code="fa").first().specific
    index = PublicationIndexPage.objects.filter(locale__language_code="fa").first().specific
    with transaction.atomic():
        # The entry is public in advance (that is what a calendar is for): it must not carry the word.
        tag = secrets.token_hex(4)
        entry = make_entry(calendar, title=f"بولتن آزمون {tag}", release_at=minute, slug=f"bench-{tag}")
        # Its URL must not carry the word either: a 404 page may echo the path it was asked.
        bulletin = BulletinPage(
            title=f"بولتن {word}", slug=f"bulletin-{tag}", release=entry, reference_period="1405-09"
        )
        index.add_child(instance=bulletin)
        bulletin.save_revision().publish()
    return minute, word, entry, bulletin


class Client(threading.Thread):
    def __init__(self, base, paths, stop, records):
        super().__init__(daemon=True)
        self.base, self.paths, self.stop_at, self.records = base, paths, stop, records

    def run(self):
        parts = urlsplit(self.base)
        connection = None
        i = 0
        while time.time() < self.stop_at:
            path = self.paths[i % len(self.paths)]
            i += 1
            sent = time.time()
            try:
                if connection is None:
                    connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
                connection.request("GET", path, headers={"Host": parts.netloc})
                response = connection.getresponse()
                body = response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException) as exc:
                status, body = 0, repr(exc).encode()
                connection = None
            self.records.append((path, sent, time.time(), status, body))


def analyse(records, minute_ts, word, bulletin_path):
    secret = word.encode()
    failed = [r for r in records if r[3] == 0 or r[3] >= 500]
    errors = len(failed)
    for path, _sent, _received, status, body in failed:
        key = (path, status, body[:60].decode(errors="replace"))
        ERRORS[key] = ERRORS.get(key, 0) + 1
    leaks = 0
    last_unreleased = {}
    for path, _sent, received, status, body in records:
        shows = secret in body or (path == bulletin_path and status == 200)
        if received < minute_ts and shows:
            leaks += 1
            LEAKED[(path, status)] = LEAKED.get((path, status), 0) + 1
        if received >= minute_ts and not shows and path in (bulletin_path,) + LISTINGS:
            last_unreleased[path] = max(last_unreleased.get(path, 0), received - minute_ts)
    latencies = sorted(r[2] - r[1] for r in records)

    def pct(p):
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] if latencies else float("nan")

    return errors, leaks, max(last_unreleased.values(), default=0.0), last_unreleased, pct


LISTINGS = ("/fa/publications/",)
ERRORS = {}  # (path, status, start of body) -> count; status 0: no answer
LEAKED = {}  # (path, status) -> answers received before the minute that showed the release


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", default="")
    parser.add_argument("--serve", action="store_true", help="serve var/bench with our own gunicorn (2 workers)")
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--settings", default="config.settings.production")
    args = parser.parse_args()

    server = None
    args.base_url = args.base_url or os.environ.get("BENCH_BASE_URL", "")
    if args.serve or not args.base_url:  # `make bench`: prove it on our own gunicorn
        from bench.pagebench import Gunicorn, production_env

        env = production_env(VAR_DIR=str(ROOT / "var" / "bench"), PAGE_CACHE="1")
        os.environ.update({k: v for k, v in env.items() if k in ("VAR_DIR", "SECRET_KEY", "ALLOWED_HOSTS")})
        os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
        port = int(os.environ.get("BENCH_PORT", "8104"))
        server = Gunicorn("config.wsgi", port, env)
        args.base_url = f"http://127.0.0.1:{port}"
    setup_django(args.settings)
    from django.utils import timezone

    try:
        minute, word, entry, bulletin = schedule(timezone.now())
        bulletin_path = bulletin.url_path.split("/", 2)[2]  # /home-fa/publications/x/ -> publications/x/
        bulletin_path = "/fa/" + bulletin_path
        entry_path = "/fa/" + entry.url_path.split("/", 2)[2]
        paths = [bulletin_path, *LISTINGS, "/fa/releases/", entry_path, "/fa/"]
        minute_ts = minute.timestamp()
        print(f"release minute {minute:%H:%M:%S} UTC; bulletin {bulletin_path}; {args.clients} clients", flush=True)
        time.sleep(max(0, minute_ts - BEFORE - time.time()))
        records = []
        base = args.base_url.rstrip("/")
        clients = []
        for i in range(args.clients):
            rotated = paths[i % len(paths) :] + paths[: i % len(paths)]  # not all on the same URL at once
            clients.append(Client(base, rotated, minute_ts + AFTER, records))
        for client in clients:
            client.start()
        for client in clients:
            client.join()
        errors, leaks, released_after, per_path, pct = analyse(records, minute_ts, word, bulletin_path)
        print(f"requests {len(records)} over {BEFORE + AFTER} s ({len(records) / (BEFORE + AFTER):.0f} req/s)")
        print(f"errors {errors}; leaks {leaks}" + (f" {LEAKED}" if LEAKED else ""))
        for (path, status, start), count in sorted(ERRORS.items(), key=lambda item: -item[1])[:5]:
            print(f"  {count} × {status} {path} {start!r}")
        late = {k: round(v, 2) for k, v in per_path.items()}
        print(f"released state everywhere {released_after:.2f} s after the minute (last unreleased answer: {late})")
        ms = {p: round(pct(p) * 1000) for p in (50, 95, 99, 100)}
        print(f"latency p50 {ms[50]} ms, p95 {ms[95]} ms, p99 {ms[99]} ms, max {ms[100]} ms")
        print("targets: 0 errors, 0 leaks, released ≤ 5 s after the minute, p99 < 1 s")
    finally:
        try:
            bulletin.delete()
        except Exception as exc:  # the figures above stand; say what was left behind
            print(f"could not delete the bench bulletin: {exc}")
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
