"""The background worker at rest and at work (issue 13).

On a fresh, migrated SQLite database with an empty queue: CPU used by an idle
`manage.py db_worker` over 30 s (from /proc, user + system time), and how soon
it picks up a job enqueued while it idles (started_at − enqueued_at), for ours
(back-off 0.1 → 1 s, no reloader) and for django-tasks-db's stock command with
the settings `make run` uses (DEBUG on: it also runs the autoreloader).

    python bench/bench_worker.py [--seconds 30]"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# django-tasks-db's own command, run from a script file (its autoreloader re-runs sys.argv).
STOCK = """import sys
sys.path.insert(0, {root!r})
import django
django.setup()
from django_tasks_db.management.commands.db_worker import Command
Command().run_from_argv(["manage.py", "db_worker", "--no-startup-delay", *sys.argv[1:]])
"""


def cpu_ticks(pid):
    """User + system clock ticks of a process and its children (the reloader's child)."""
    total = 0
    for proc in [pid, *children(pid)]:
        try:
            fields = Path(f"/proc/{proc}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total


def children(pid):
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def pickup_seconds(tries=5, timeout=10):
    from django_tasks_db.models import DBTaskResult

    from bench.worker_probe import noop

    waits = []
    for _ in range(tries):
        time.sleep(1.7)  # let the worker settle into its longest wait
        result = noop.enqueue()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            row = DBTaskResult.objects.get(pk=result.id)
            if row.started_at:
                waits.append((row.started_at - row.enqueued_at).total_seconds())
                break
            time.sleep(0.02)
        else:
            waits.append(float("inf"))
    return waits


def measure(name, args, env, seconds):
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        pickup_seconds(tries=1, timeout=120)  # start-up (imports, reloader) is not idling: wait for a first job
        time.sleep(3)
        hz = os.sysconf("SC_CLK_TCK")
        before = cpu_ticks(proc.pid)
        time.sleep(seconds)
        used = (cpu_ticks(proc.pid) - before) / hz
        waits = pickup_seconds()
    finally:
        for child in children(proc.pid):
            os.kill(child, 15)
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    print(
        f"{name:<44} idle CPU {100 * used / seconds:5.2f} % of a core; "
        f"pick-up {min(waits):.2f}–{max(waits):.2f} s (5 jobs)",
        flush=True,
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=30)
    args = parser.parse_args()
    var = Path(tempfile.mkdtemp(prefix="bench-worker-"))
    env = dict(os.environ, VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="config.settings.dev", LOG_LEVEL="WARNING")
    env.pop("DATABASE_URL", None)
    os.environ.update(env)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    import django

    django.setup()
    py = sys.executable
    try:
        measure("ours: manage.py db_worker", [py, "manage.py", "db_worker", "--no-startup-delay"], env, args.seconds)
        stock = var / "stock_worker.py"
        stock.write_text(STOCK.format(root=str(ROOT)))
        measure("stock db_worker, DEBUG on (make run)", [py, str(stock)], env, args.seconds)
        measure("stock db_worker, --no-reload", [py, str(stock), "--no-reload"], env, args.seconds)
    finally:
        shutil.rmtree(var, ignore_errors=True)
    print("target: idle < 1 % of a core; a job picked up within 1 s")


if __name__ == "__main__":
    main()
