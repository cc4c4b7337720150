"""Whole answers for anonymous visitors, kept in Django's cache (Redis in the
stack, local memory in `make run`), under the embargo.

A cached answer can never outlive what it shows, because its key holds:
* the content version: a token that changes at every publish, unpublish,
  deletion, schedule change, finished import, correction and translation
  (`bump_content_version`, wired in `home.signal_handlers`);
* the release epoch: the next release minute as seen when the answer was made.
  Once that minute passes every key changes, and no entry is kept past it
  (its timeout ends at the minute).

What is never cached: anything but GET, requests carrying a session or
messages cookie (so never a logged-in user's page), answers that set a cookie
(a form's CSRF token), private or no-store answers, answers with a Vary we do not
key on, statuses other than 200 and 404, streaming or large answers, the admin,
media and static files.

On a hit nothing touches the database: the content version is one cache read,
the next release minute is memoised in the process until that minute (and at
most EPOCH_RECHECK seconds), and the max-age the embargo middleware gave the
answer is cut to the seconds left until that minute.

The middleware sits just after WhiteNoise, before the session, so a hit skips
every other middleware; it sees the final answer (cookies, Cache-Control) when
storing."""

import hashlib
import logging
import re
import threading
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:content-version"
EPOCH_RECHECK = 30  # seconds: a memoised "next release minute" is re-read at least this often
MAX_BYTES = 2 * 1024 * 1024
CACHEABLE_STATUSES = {200, 404}
SKIP_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/", "/__")
# Cookie: requests with a session are never served from here, and the language
# cookie is in the key; Accept-Language is in the key.
KEYED_VARY = {"cookie", "accept-encoding", "accept-language"}
_MAX_AGE = re.compile(r"max-age=\d+")
# One request builds a missing answer; the others wait for it up to LOCK_WAIT seconds.
LOCK = ":building"
LOCK_SECONDS = 10
LOCK_WAIT = 3.0
UNCACHEABLE = "uncacheable"  # the answer at this key is never stored: do not wait for it


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def page_seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 300))


# --- the content version -----------------------------------------------------------


def _shared_cache() -> bool:
    """Local memory is per process: a publish in one worker must reach the others
    (and the db_worker's imports the web server), so there the version lives in a file."""
    return "LocMemCache" not in settings.CACHES["default"]["BACKEND"]


def _stamp_path() -> Path:
    return Path(getattr(settings, "PAGE_CACHE_STAMP", settings.VAR_DIR / "pagecache.stamp"))


def content_version() -> str:
    if _shared_cache():
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, _fresh_number(), timeout=None)
            version = cache.get(VERSION_KEY)
        return str(version)
    try:
        return _stamp_path().read_text() or "0"
    except FileNotFoundError:
        return "0"


def _fresh_number() -> int:
    # Above every earlier counter, so an evicted version never brings old entries back.
    return time.time_ns()


def _bump_now():
    global _epoch
    _epoch = None
    try:
        if _shared_cache():
            try:
                cache.incr(VERSION_KEY)
            except ValueError:  # evicted or never set
                cache.set(VERSION_KEY, _fresh_number(), timeout=None)
            return
        path = _stamp_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{uuid.uuid4().hex}")
        tmp.write_text(uuid.uuid4().hex)
        tmp.replace(path)
    except Exception:  # a cache outage must not fail a publish; cached pages then expire by their timeout
        logger.exception("could not bump the page cache's content version")


def bump_content_version(**_kwargs):
    """Every cached answer is stale from now on. After the commit, so that no
    request can build an answer from the old rows under the new version. This
    process forgets its next release minute at once as well (the schedule may be
    what changed; re-reading it early costs three queries, never a wrong answer)."""
    global _epoch
    _epoch = None
    transaction.on_commit(_bump_now)


# --- the release epoch -----------------------------------------------------------------

_epoch = None  # (content version, next release minute or None, checked at)
_epoch_lock = threading.Lock()


def next_release_minute(version: str, now):
    """releases.embargo.next_release_at, memoised in the process until that minute."""
    global _epoch
    from releases.embargo import next_release_at

    memo = _epoch
    if memo is not None:
        memo_version, upcoming, checked = memo
        fresh = (now - checked).total_seconds() < EPOCH_RECHECK and now >= checked
        if memo_version == version and fresh and (upcoming is None or now < upcoming):
            return upcoming
    with _epoch_lock:
        upcoming = next_release_at(now)
        _epoch = (version, upcoming, now)
    return upcoming


def next_release_minute_now(now):
    """The next release minute for releases.middleware (RELEASE_MINUTE_SOURCE):
    the memo above under the current content version, one cache read."""
    return next_release_minute(content_version(), now)


# --- the middleware --------------------------------------------------------------------


def _anonymous_get(request) -> bool:
    if request.method != "GET" or request.path.startswith(SKIP_PREFIXES):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _key(request, version: str, upcoming) -> str:
    raw = "|".join(
        [
            version,
            upcoming.isoformat() if upcoming else "-",
            "https" if request.is_secure() else "http",
            request.META.get("HTTP_HOST", ""),
            request.get_full_path(),
            # What LocaleMiddleware reads on URLs without a language prefix (the API):
            request.META.get("HTTP_ACCEPT_LANGUAGE", ""),
            request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, ""),
        ]
    )
    return "pagecache:" + hashlib.sha256(raw.encode()).hexdigest()


def _storable(request, response) -> bool:
    if response.status_code not in CACHEABLE_STATUSES or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    control = response.get("Cache-Control", "")
    if "private" in control or "no-store" in control or "no-cache" in control:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    if vary - KEYED_VARY:
        return False
    return len(response.content) <= MAX_BYTES


def _seconds_left(upcoming, now):
    return None if upcoming is None else (upcoming - now).total_seconds()


def _rebuild(stored, upcoming, now) -> HttpResponse:
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    left = _seconds_left(upcoming, now)
    control = response.get("Cache-Control")
    if control and left is not None:
        from releases.middleware import NO_STORE_WITHIN, PUBLIC_MAX_AGE

        max_age = int(min(PUBLIC_MAX_AGE, left))
        if max_age <= NO_STORE_WITHIN:
            response["Cache-Control"] = "max-age=0, no-cache, no-store, must-revalidate"
        else:
            response["Cache-Control"] = _MAX_AGE.sub(f"max-age={max_age}", control)
    response["X-Page-Cache"] = "hit"
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled() or not _anonymous_get(request):
            return self.get_response(request)
        try:
            now = timezone.now()
            version = content_version()
            upcoming = next_release_minute(version, now)
            key = _key(request, version, upcoming)
            stored = cache.get(key)
            if stored is None and not cache.add(key + LOCK, 1, timeout=LOCK_SECONDS):
                stored = _wait_for(key)
                if stored is None:  # the first one is slow: build it ourselves, uncached
                    return self.get_response(request)
        except Exception:  # the cache is down: serve uncached
            logger.exception("page cache unavailable")
            return self.get_response(request)
        if stored == UNCACHEABLE:
            response = self.get_response(request)
            response.setdefault("X-Page-Cache", "skip")
            return response
        if stored is not None:
            return _rebuild(stored, upcoming, now)
        try:
            response = self.get_response(request)
            self._store(request, response, key, upcoming)
        finally:
            _quietly(cache.delete, key + LOCK)
        return response

    def _store(self, request, response, key, upcoming):
        now = timezone.now()
        timeout = page_seconds()
        left = _seconds_left(upcoming, now)
        if left is not None:
            # Never past the minute the key was made for (made just before it: not at all).
            timeout = min(timeout, int(left))
        if not _storable(request, response):
            response.setdefault("X-Page-Cache", "skip")
            if timeout >= 1:  # others asking now need not wait for this one
                _quietly(cache.set, key, UNCACHEABLE, timeout=min(timeout, 60))
            return
        if timeout < 1:
            return
        headers = [(k, v) for k, v in response.items() if k.lower() != "x-page-cache"]
        if _quietly(cache.set, key, (response.status_code, headers, response.content), timeout=timeout):
            response["X-Page-Cache"] = "miss"


def _wait_for(key):
    """Another request is building this answer (everybody asks for the same page at
    the release minute): wait for it rather than build it 64 times at once."""
    deadline = time.monotonic() + LOCK_WAIT
    while time.monotonic() < deadline:
        time.sleep(0.02)
        stored = cache.get(key)
        if stored is not None:
            return stored
        if cache.get(key + LOCK) is None:
            return None
    return None


def _quietly(method, *args, **kwargs) -> bool:
    try:
        method(*args, **kwargs)
        return True
    except Exception:
        logger.exception("page cache unavailable")
        return False
