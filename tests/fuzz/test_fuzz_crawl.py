"""A crawler over every URL of the sitemap (demo content), in both languages, with
odd query strings: quotes, huge and negative numbers, out-of-range Jalali dates,
Persian and Arabic digits, markup, 2,000-character values. No answer may be a 5xx.
FUZZ_CRAWL_SECONDS (default 120) bounds the time spent on the odd queries."""

import os
import re
import time
from urllib.parse import urlencode, urlsplit

import pytest
from django.test import Client

from .tally import count

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

BUDGET = float(os.environ.get("FUZZ_CRAWL_SECONDS", "120"))
KEYS = ["q", "page", "p", "month", "view", "period", "year", "from", "to", "start", "end", "topic", "kind",
        "access", "unit", "organisation", "table", "tab", "format", "province", "sex", "dataset"]  # fmt: skip
ODD_VALUES = [
    '"',
    "'\"\\",
    "99999999999999999999",
    "922337203685477580",
    "-1",
    "0",
    "1300-01",
    "1500-12",
    "1299-12",
    "1405-13",
    "1405-Q5",
    "9999-99-99",
    "۱۴۰۵-۰۷",
    "١٤٠٥-٠٧",
    "۱۴۰۵/۰۷/۳۲",
    "<script>alert(1)</script>",
    "NEAR(a b) OR *",
    "x" * 2000,
    "ي ك ۱۲۳",
    "month",
]


def _sitemap_paths(client):
    xml = client.get("/sitemap.xml").content.decode()
    paths = {urlsplit(loc).path for loc in re.findall(r"<loc>(.*?)</loc>", xml)}
    both = set()
    for path in paths:
        both.add(path)
        for a, b in (("/fa/", "/en/"), ("/en/", "/fa/")):
            if path.startswith(a):
                both.add(b + path[len(a) :])
    return sorted(both)


def test_every_sitemap_url_with_odd_queries_never_answers_5xx(demo):
    client = Client(raise_request_exception=False)
    paths = _sitemap_paths(client)
    assert len(paths) >= 20, paths
    failures = []

    def get(url, what):
        response = client.get(url)
        count("crawler", what)
        if response.status_code >= 500:
            failures.append((response.status_code, url[:200]))

    for path in paths:
        get(path, "plain")
    # Rounds over all paths, each path with a different odd value, so every value
    # meets many pages even when the time budget ends the crawl early.
    deadline = time.monotonic() + BUDGET
    n = len(ODD_VALUES)
    for round_ in range(n):
        for i, path in enumerate(paths):
            if time.monotonic() > deadline:
                break
            value = ODD_VALUES[(round_ + i) % n]
            get(f"{path}?{urlencode(dict.fromkeys(KEYS, value))}", "odd query, every key")
            get(f"{path}?{urlencode({KEYS[(round_ + i) % len(KEYS)]: value})}", "odd query, one key")
    count("crawler", f"sitemap paths (both languages): {len(paths)}", 0)
    assert not failures, failures[:20]
