"""Run the outside sweep: python -m tests.sweep --base-url http://127.0.0.1:8101

DJANGO_SETTINGS_MODULE and DATABASE_URL must point at the database the server
uses (the sweep creates its release there through Django, and removes it).
Exit status 1 on any leak before the minute or anything missing 5 s after it."""

import argparse
import os
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

ROLES = ("anonymous", "researcher", "editor", "moderator")
PREVIEWERS = {"editor", "moderator"}  # may preview embargoed pages and files, by design
AFTER_WITHIN = 5.0


def plain_cookies(http):
    """Keep Secure cookies usable over http: the sweep may talk to gunicorn
    without TLS while the site runs with production (Secure) cookies."""
    for cookie in http.cookies:
        cookie.secure = False


def session(base, role, scenario):
    import requests

    from .scenario import PASSWORD

    http = requests.Session()
    if role == "anonymous":
        return http
    kind, username = scenario.users[role]
    login = "/admin/login/" if kind == "admin" else "/fa/researchers/login/"
    http.get(base + login, timeout=120)
    plain_cookies(http)
    token = http.cookies.get("csrftoken", "")
    answer = http.post(
        base + login,
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": base + login},
        timeout=120,
        allow_redirects=False,
    )
    plain_cookies(http)
    if answer.status_code not in (302, 303) or "sessionid" not in http.cookies:
        raise SystemExit(f"could not log in as {role} through {login}: {answer.status_code}")
    return http


def leak(check, answer):
    body = answer.content
    if check.kind == "private":
        return answer.status_code == 200
    if check.kind == "redirect":
        return answer.status_code in (301, 302, 307, 308)
    return check.token.encode() in body


def arrived(check, answer):
    if check.kind == "private":
        return answer.status_code == 200
    if check.kind == "redirect":
        return answer.status_code in (301, 302, 307, 308)
    return answer.status_code == 200 and check.token.encode() in answer.content


def get(http, base, check):
    follow = check.kind != "redirect"
    answer = http.get(base + check.url, timeout=120, allow_redirects=follow)
    plain_cookies(http)
    return answer


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--lead", type=int, default=90, help="seconds between setup and the release minute")
    parser.add_argument("--workers", type=int, default=8, help="requests in flight at once")
    parser.add_argument("--keep", action="store_true", help="do not delete what the sweep created")
    args = parser.parse_args(argv)
    base = args.base_url.rstrip("/")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

    import django

    django.setup()
    from django.utils import timezone

    from .channels import all_checks
    from .scenario import build, cleanup

    scenario = build(lead_seconds=args.lead)
    failures, counted = [], Counter()
    try:
        checks = all_checks(scenario)
        sessions = {role: session(base, role, scenario) for role in ROLES}
        print(f"sweep: release at {scenario.minute:%H:%M:%S} UTC; {len(checks)} checks per role")
        # Before the minute: nothing, for every role (previews aside).
        jobs = [
            (role, check)
            for role in ROLES
            for check in checks
            if not (
                role in PREVIEWERS and (check.kind in ("private", "redirect") or check.channel.startswith("preview:"))
            )
        ]

        def before(job):
            role, check = job
            answer = get(sessions[role], base, check)
            late = (scenario.minute - timezone.now()).total_seconds() < 0.5
            return role, check, answer, late

        with ThreadPoolExecutor(max_workers=args.workers) as pool:
            for role, check, answer, late in pool.map(before, jobs):
                if late:
                    raise SystemExit("sweep: the minute came before the first pass ended; raise --lead")
                counted[("before", check.channel, check.spelling, role)] += 1
                if leak(check, answer):
                    failures.append(f"LEAK before the minute: {role} {check.channel} [{check.spelling}] {check.url}")
        wait = (scenario.minute - timezone.now()).total_seconds()
        print(f"sweep: first pass done, {wait:.0f} s to the minute")
        time.sleep(max(0, wait))
        # After the minute: everything within AFTER_WITHIN seconds.
        pending = [(role, c) for role in ROLES for c in checks if c.after]
        deadline = time.monotonic() + AFTER_WITHIN
        first = True
        while pending and (first or time.monotonic() < deadline):
            first = False
            with ThreadPoolExecutor(max_workers=args.workers) as pool:
                answers = list(pool.map(lambda job: get(sessions[job[0]], base, job[1]), pending))
            pending = [job for job, answer in zip(pending, answers, strict=True) if not arrived(job[1], answer)]
            if pending:
                time.sleep(0.5)
        print(
            f"sweep: after-the-minute passes ended {(timezone.now() - scenario.minute).total_seconds():.1f} s after it"
        )
        for role, check in pending:
            failures.append(f"MISSING 5 s after the minute: {role} {check.channel} [{check.spelling}] {check.url}")
        for role in ROLES:
            for check in checks:
                if check.after:
                    counted[("after", check.channel, check.spelling, role)] += 1
    finally:
        if not args.keep:
            cleanup(scenario)
    channels = {key[1] for key in counted}
    spellings = {(key[1], key[2]) for key in counted}
    print(
        f"sweep: {len(channels)} channels, {len(spellings)} channel×spelling pairs, {len(ROLES)} roles; "
        f"{sum(v for k, v in counted.items() if k[0] == 'before')} requests before the minute, "
        f"{sum(v for k, v in counted.items() if k[0] == 'after')} checks after it"
    )
    for line in failures:
        print(line)
    print("sweep: FAILED" if failures else "sweep: no leak, everything public within 5 s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
