"""Shared pieces of the page benches: the pages of issue 13, a load generator
(wrk when installed, a small threaded Python client otherwise), and gunicorn
servers started and stopped by process id."""

import os
import re
import shutil
import signal
import ssl
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

PAGES = [
    ("/fa/", "/fa/"),
    ("/fa/releases/", "/fa/releases/"),
    ("a release entry", "/fa/releases/yearbook-1402/"),
    ("/fa/indicators/", "/fa/indicators/"),
    ("/fa/indicators/insured-persons/", "/fa/indicators/insured-persons/"),
    ("/fa/dashboard/", "/fa/dashboard/"),
    ("/fa/publications/", "/fa/publications/"),
    ("/fa/publications/yearbook-1402/", "/fa/publications/yearbook-1402/"),
    ("…/yearbook-1402/chapter-1/", "/fa/publications/yearbook-1402/chapter-1/"),
    ("/fa/catalog/", "/fa/catalog/"),
    ("/fa/search/?q=بیمه", "/fa/search/?q=" + quote("بیمه")),
    ("/api/v1/observations?…province=23", "/api/v1/observations?indicator=insured-persons&province=23"),
]


def production_env(**extra):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=env.get("SECRET_KEY") or "bench-" + "k" * 60,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="ERROR",  # not a line for every 404 of the embargoed page
    )
    env.pop("DATABASE_URL", None)
    env.update(extra)
    return env


def run(args, env, cwd=ROOT):
    subprocess.run(args, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


class Gunicorn:
    """`gunicorn <wsgi> -w 2` (sync workers) on one port; stopped by its own pid."""

    def __init__(self, wsgi, port, env, cwd=ROOT, workers=2):
        self.port = port
        self.proc = subprocess.Popen(
            [
                str(Path(PY).parent / "gunicorn"),
                wsgi,
                "-w",
                str(workers),
                "-b",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=cwd,
            stdout=subprocess.DEVNULL,
        )
        wait_until_up(f"http://127.0.0.1:{port}/")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def wait_until_up(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not come up")


# The stack's certificate is self-signed (deploy/stack.sh): a bench on this machine
# does not verify it (wrk does not either).
_LOCAL_TLS = ssl._create_unverified_context()


def get(url, timeout=10):
    try:
        with urllib.request.urlopen(url, timeout=timeout, context=_LOCAL_TLS) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def load(url, seconds=8, connections=8, threads=2):
    """(requests per second, non-2xx/3xx answers) for one URL."""
    if shutil.which("wrk"):
        command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "20s", url]
        out = subprocess.run(command, capture_output=True, text=True).stdout
        rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
        socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
        errors = int(bad.group(1)) if bad else 0
        if socket:
            errors += sum(int(n) for n in socket.groups())
        return rate, errors
    return _python_load(url, seconds, connections)


def _python_load(url, seconds, connections):
    done = [0, 0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client():
        while time.monotonic() < stop:
            status, _headers, _body = get(url)
            with lock:
                done[0] += 1
                done[1] += status >= 400

    workers = [threading.Thread(target=client) for _ in range(connections)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return done[0] / seconds, done[1]
