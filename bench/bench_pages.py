"""Every page of issue 13 against a bare Wagtail home page, in the same run.

Builds a bare Wagtail project in a temporary folder (`wagtail start`, run with
our virtualenv: its requirements pin Django 6, which Python 3.11 cannot
install, so they are not installed), serves it and our site (demo content,
SQLite, production settings, DEBUG off) with gunicorn, 2 sync workers, and loads
each page with `wrk -t2 -c8 -d8s` (a Python client if wrk is missing): our site
cold (PAGE_CACHE=0) and warm (the page cache on). Prints req/s and the ratio to
the bare page. Figures, never pass/fail.

    python bench/bench_pages.py [--seconds 8] [--redis redis://127.0.0.1:6379/4]
        [--base-url https://127.0.0.1:8080 --static-path /static/... --static-root var/stack/static]  # the stack

Ports: BENCH_PORT (8104) for our site, BENCH_BARE_PORT (8114) for the bare one."""

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pagebench import PAGES, PY, ROOT, Gunicorn, get, load, production_env, run

PORT = int(os.environ.get("BENCH_PORT", "8104"))
BARE_PORT = int(os.environ.get("BENCH_BARE_PORT", "8114"))
VAR = ROOT / "var" / "bench"


def build_bare(folder: Path) -> dict:
    """A `wagtail start` project, migrated and collected, with production settings."""
    run([str(Path(PY).parent / "wagtail"), "start", "bare", str(folder)], os.environ.copy())
    (folder / "bare" / "settings" / "local.py").write_text(
        'SECRET_KEY = "bare-' + "k" * 60 + '"\nALLOWED_HOSTS = ["127.0.0.1", "localhost"]\n'
    )
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="bare.settings.production", PYTHONPATH=str(folder))
    env.pop("DATABASE_URL", None)
    run([PY, "manage.py", "migrate", "--noinput", "-v0"], env, cwd=folder)
    run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], env, cwd=folder)
    return env


def build_ours() -> dict:
    """Our site with the demo under var/bench (built once, reused)."""
    env = production_env(VAR_DIR=str(VAR))
    if not (VAR / "db.sqlite3").exists():
        VAR.mkdir(parents=True, exist_ok=True)
        print("building the demo database under var/bench (once)…", flush=True)
        run([PY, "manage.py", "migrate", "--noinput", "-v0"], env)
        run([PY, "manage.py", "load_demo"], env)
        # The search index is written by the background worker's queued tasks, which
        # the bench does not run: index now, or search would measure an empty index.
        run([PY, "manage.py", "update_index", "-v0"], env)
    run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    return env


def warm_up(base, paths, times=6):
    for path in paths:
        for _ in range(times):
            status, _headers, _body = get(base + path)
        if status >= 400:
            print(f"  ! {path} answers {status}")


def measure(base, bare_base, seconds):
    """Each page right after the bare page: this machine's load changes from
    minute to minute, so each ratio compares two neighbouring measurements."""
    figures = {}
    for name, path in PAGES:
        bare, _errors = load(bare_base + "/", seconds)
        rate, errors = load(base + path, seconds)
        figures[name] = (rate, errors, bare)
        print(f"  {name:<36} {rate:8.1f} r/s  bare {bare:8.1f} r/s  ×{rate / bare:5.2f}", flush=True)
    return figures


def cells(figure):
    if figure is None:
        return f"{'-':>8} {'-':>8} {'-':>6}"
    rate, errors, bare = figure
    return f"{rate:8.1f} {bare:8.1f} {rate / bare:6.2f}" + (f" ({errors} errors)" if errors else "")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=8)
    modes_help = "cold (PAGE_CACHE=0), warm (the page cache on); empty: only the stack"
    parser.add_argument("--modes", default="cold,warm", help=modes_help)
    parser.add_argument("--redis", default=os.environ.get("BENCH_REDIS_URL", ""), help="REDIS_URL for the warm run")
    parser.add_argument("--base-url", default="", help="also measure these pages warm through this front (the stack)")
    parser.add_argument("--static-path", default="", help="a static file on --base-url, the nginx yardstick")
    root_help = "the front's STATIC_ROOT: each page's bytes as a static file too"
    parser.add_argument("--static-root", default="", help=root_help)
    args = parser.parse_args()

    modes = [mode for mode in args.modes.split(",") if mode]
    if modes:
        pages_against_bare(modes, args)
    if args.base_url:
        stack(args.base_url.rstrip("/"), args.static_path, args.seconds, args.static_root)


def pages_against_bare(modes, args):
    env = build_ours()
    tmp = Path(tempfile.mkdtemp(prefix="bare-wagtail-"))
    figures = {}
    try:
        bare_env = build_bare(tmp)
        with Gunicorn("bare.wsgi", BARE_PORT, bare_env, cwd=tmp):
            bare_base = f"http://127.0.0.1:{BARE_PORT}"
            warm_up(bare_base, ["/"])
            base = f"http://127.0.0.1:{PORT}"
            paths = [path for _name, path in PAGES]
            for mode in modes:
                extra = {"PAGE_CACHE": "1" if mode == "warm" else "0"}
                if mode == "warm" and args.redis:
                    extra["REDIS_URL"] = args.redis
                print(f"{mode}:", flush=True)
                with Gunicorn("config.wsgi", PORT, dict(env, **extra)):
                    warm_up(base, paths)
                    figures[mode] = measure(base, bare_base, args.seconds)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"\nwrk -t2 -c8 -d{args.seconds}s; gunicorn 2 sync workers; production settings; SQLite + demo")
    print("each page measured right after the bare Wagtail home page (bare r/s beside it)")
    print(f"{'page':<36} | {'cold r/s':>8} {'bare':>8} {'×bare':>6} | {'warm r/s':>8} {'bare':>8} {'×bare':>6}")
    for name, _path in PAGES:
        print(f"{name:<36} | {cells(figures.get('cold', {}).get(name))} | {cells(figures.get('warm', {}).get(name))}")
    print("targets: warm ≥ 0.8× bare, cold ≥ 0.3× bare")


def stack(base, static_path, seconds, static_root=""):
    """Warm pages through the front (nginx) against nginx serving a static file:
    the small one named, and — with --static-root, the stack's STATIC_ROOT — the
    page's own bytes saved as a static file, so both answers carry as many bytes
    through TLS (a 59 KB page against a 3 KB stylesheet measures encryption)."""
    warm_up(base, [path for _name, path in PAGES])
    static = load(base + static_path, seconds)[0] if static_path else None
    print(f"\nthrough {base}" + (f"; static file {static_path}: {static:.1f} req/s" if static else ""))
    print(f"{'page':<36} {'r/s':>8} {'×static':>8} {'bytes':>7} {'same bytes':>10} {'×same':>6}")
    for n, (name, path) in enumerate(PAGES):
        rate, errors = load(base + path, seconds)
        small = f"{rate / static:8.2f}" if static else f"{'-':>8}"
        size, same = same_bytes(base, path, static_root, n, seconds)
        twin = f"{same:10.1f} {rate / same:6.2f}" if same else f"{'-':>10} {'-':>6}"
        print(f"{name:<36} {rate:8.1f} {small} {size:7d} {twin}" + (f" ({errors} errors)" if errors else ""))
    print("target: warm through nginx ≥ 0.5× nginx serving a static file")


def same_bytes(base, path, static_root, n, seconds):
    """(the page's size, req/s of nginx serving those bytes as a static file)."""
    _status, _headers, body = get(base + path)
    if not static_root:
        return len(body), None
    folder = Path(static_root) / "bench-pages"
    folder.mkdir(exist_ok=True)
    (folder / f"page-{n}.html").write_bytes(body)
    return len(body), load(f"{base}/static/bench-pages/page-{n}.html", seconds)[0]


if __name__ == "__main__":
    main()
