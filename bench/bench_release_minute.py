"""A release minute under load (issue 13): 64 clients ask for the same pages
from 20 s before a release minute to 20 s after it.

It schedules a calendar entry for a minute 5½–6½ minutes away (no closer than the
product allows: PUBLIC_MAX_AGE, see schedule()) and a bulletin
released with it (a secret word in its title), in the database the site reads
(run it with that site's environment: DATABASE_URL, REDIS_URL, VAR_DIR), then
loads, through --base-url (the stack's nginx, or any gunicorn):
the bulletin's URL, the publications listing, the calendar, the entry, the home page.

Prints: errors (5xx, refused connections), leaks (an answer *received* before the
minute showing the bulletin or its secret), when every URL had reached its
released state for good (seconds after the minute), and latency percentiles.
The entry stays in the calendar (a published entry is never deleted); the
bulletin is deleted afterwards. Figures, never pass/fail.

    DATABASE_URL=... REDIS_URL=... python bench/bench_release_minute.py --base-url https://127.0.0.1:8080
    python bench/bench_release_minute.py --serve   # our own gunicorn on var/bench (SQLite), BENCH_PORT

Targets: 0 errors, 0 leaks, released state ≤ 5 s after the minute, p99 < 1 s."""

import argparse
import datetime as dt
import http.client
import os
import secrets
import ssl
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


def schedule(now, lead):
    """A confirmed entry at the first whole minute at least `lead` seconds away, and
    a bulletin with it. The product refuses a minute closer than PUBLIC_MAX_AGE
    (releases.services): an answer given before the entry was confirmed may be kept
    that long (nginx keeps the listings 300 s when nothing is due). A bench that
    scheduled closer measured its own shortcut: the 20 s late of issue 13."""
    from django.db import transaction

    from publications.models import BulletinPage, PublicationIndexPage
    from releases.models import ReleaseCalendarPage
    from tests.builders.releases import make_entry

    minute = (now + dt.timedelta(seconds=lead + 59)).replace(second=0, microsecond=0)
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


def connect(parts, cafile):
    """A connection to the front: the stack's nginx speaks only TLS (its certificate is self-signed)."""
    if parts.scheme != "https":
        return http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
    context = ssl.create_default_context(cafile=cafile or None)
    return http.client.HTTPSConnection(parts.hostname, parts.port or 443, timeout=30, context=context)


class Client(threading.Thread):
    def __init__(self, base, paths, stop, records, cafile=""):
        super().__init__(daemon=True)
        self.base, self.paths, self.stop_at, self.records, self.cafile = base, paths, stop, records, cafile

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
                    connection = connect(parts, self.cafile)
                connection.request("GET", path, headers={"Host": parts.netloc})
                response = connection.getresponse()
                body = response.read()
                status = response.status
                # Who answered: nginx's micro-cache (X-Cache), the page cache (X-Page-Cache), and for how long.
                served = (
                    response.getheader("X-Cache", "-"),
                    response.getheader("X-Page-Cache", "-"),
                    response.getheader("Cache-Control", "-"),
                )
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException) as exc:
                status, body, served = 0, repr(exc).encode(), ("-", "-", "-")
                connection = None
            self.records.append((path, sent, time.time(), status, body, served))


def analyse(records, minute_ts, word, bulletin_path):
    secret = word.encode()
    failed = [r for r in records if r[3] == 0 or r[3] >= 500]
    errors = len(failed)
    for path, _sent, _received, status, body, _served in failed:
        key = (path, status, body[:60].decode(errors="replace"))
        ERRORS[key] = ERRORS.get(key, 0) + 1
    leaks = 0
    last_unreleased = {}
    for path, sent, received, status, body, served in records:
        shows = secret in body or (path == bulletin_path and status == 200)
        if received < minute_ts and shows:
            leaks += 1
            LEAKED[(path, status)] = LEAKED.get((path, status), 0) + 1
        if received >= minute_ts and not shows and path in (bulletin_path,) + LISTINGS:
            STALE[(path, served[0], served[1])] = STALE.get((path, served[0], served[1]), 0) + 1
            if received - minute_ts >= last_unreleased.get(path, 0):
                LATE[path] = (round(sent - minute_ts, 2), status, *served)
            last_unreleased[path] = max(last_unreleased.get(path, 0), received - minute_ts)
    latencies = sorted(r[2] - r[1] for r in records)

    def pct(p):
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] if latencies else float("nan")

    return errors, leaks, max(last_unreleased.values(), default=0.0), last_unreleased, pct


LISTINGS = ("/fa/publications/",)
ERRORS = {}  # (path, status, start of body) -> count; status 0: no answer
LEAKED = {}  # (path, status) -> answers received before the minute that showed the release
STALE = {}  # (path, X-Cache, X-Page-Cache) -> unreleased answers received after the minute
LATE = {}  # path -> (asked, s after the minute; status; X-Cache; X-Page-Cache; Cache-Control), last unreleased


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", default="")
    parser.add_argument("--serve", action="store_true", help="serve var/bench with our own gunicorn (2 workers)")
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--settings", default="config.settings.production")
    parser.add_argument(
        "--lead", type=int, default=0, help="seconds from scheduling to the minute (default PUBLIC_MAX_AGE + 30)"
    )
    parser.add_argument(
        "--cacert", default=str(ROOT / "var" / "stack" / "tls" / "cert.pem"), help="the front's certificate (https)"
    )
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
        from releases.middleware import PUBLIC_MAX_AGE

        minute, word, entry, bulletin = schedule(timezone.now(), args.lead or PUBLIC_MAX_AGE + 30)
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
            cafile = args.cacert if os.path.exists(args.cacert) else ""
            clients.append(Client(base, rotated, minute_ts + AFTER, records, cafile))
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
        for path, (sent, status, *served) in LATE.items():
            print(f"  {path}: last unreleased answer asked {sent} s after the minute, {status}, served {served}")
        for (path, front, pages), count in sorted(STALE.items()):
            print(f"  {count} unreleased answers after the minute: {path} X-Cache {front} X-Page-Cache {pages}")
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
