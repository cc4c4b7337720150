"""Opens pages through nginx in Debian's Chromium and fails on any
Content-Security-Policy violation or failed same-site request: the policy nginx
sends must be one the pages actually satisfy.

    .venv/bin/python .ci/check_csp.py BASE_URL PATH [PATH ...]
"""

import sys

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]  # fmt: skip


def main(base, paths):
    problems = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
        context = browser.new_context(ignore_https_errors=True)
        for path in paths:
            page = context.new_page()
            seen = []
            page.on("console", lambda message, seen=seen: seen.append(message.text))
            page.on("requestfailed", lambda request, seen=seen: seen.append(f"failed: {request.url}"))
            page.goto(base + path, wait_until="networkidle")
            bad = [text for text in seen if "Content Security Policy" in text or text.startswith("failed:")]
            print(("  ok   " if not bad else "  FAIL ") + f"{path}: {len(bad)} CSP violation(s) or failed loads")
            problems += [f"{path}: {text}" for text in bad]
            page.close()
        browser.close()
    for problem in problems:
        print("   ", problem[:300])
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), sys.argv[2:])
