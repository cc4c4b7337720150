"""Caches and files under the embargo.

1. Cache-Control on every response: no cache may keep a pre-release answer past
   the next release minute. Anonymous GET/HEAD answers get
   `public, max-age=N` with N ≤ the seconds until the next release minute (and
   ≤ PUBLIC_MAX_AGE); within a few seconds of a minute, or for anything an
   editor sees (previews of embargoed pages), `no-store`.
2. Wagtail's redirects: one whose target page is under embargo is not
   followed (the answer stays the 404), so renaming an embargoed page's slug
   says nothing. Media files: releases/media.py."""

from django.conf import settings
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.module_loading import import_string
from wagtail.contrib.redirects.middleware import RedirectMiddleware

from .embargo import next_release_at, page_is_visible

# The longest max-age any public answer may carry. services.confirm and
# services.move refuse a minute closer than this, so no answer given before a
# release was confirmed or moved can outlive the minute in a shared cache.
PUBLIC_MAX_AGE = 300
NO_STORE_WITHIN = 2  # seconds before a release minute: do not let anything be kept


class ReleaseEmbargoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The answer shows the state at some moment after this one: it may be kept
        # only until the first release minute after *this* moment. Read at the end
        # instead, an answer begun before a minute and finished after it (a 404 of
        # the page released then) would carry the next minute's max-age (300 s in
        # nginx's micro-cache): the release-minute bench's 20 s late.
        started = timezone.now()
        response = self.get_response(request)
        return self.patch(request, response, started)

    def patch(self, request, response, started=None):
        if request.path.startswith(settings.STATIC_URL):
            return response  # code and fonts, never a release's content
        if request.method not in ("GET", "HEAD") or _is_editor(request) or request.path.startswith("/admin/"):
            patch_cache_control(response, private=True, no_store=True)
            return response
        if (
            response.get("Cache-Control", "").find("no-store") >= 0
            or response.get("Cache-Control", "").find("private") >= 0
        ):
            return response
        seconds = _seconds_until_next_release(started or timezone.now())
        max_age = PUBLIC_MAX_AGE if seconds is None else min(PUBLIC_MAX_AGE, seconds)
        if max_age <= NO_STORE_WITHIN:
            if "Cache-Control" in response:
                del response["Cache-Control"]
            patch_cache_control(response, no_store=True, max_age=0)
            return response
        # patch_cache_control keeps the smaller of an existing max-age and ours.
        # An answer that sets a cookie (a form's CSRF token, a session) is for one
        # browser only: never for a shared cache.
        if response.cookies:
            patch_cache_control(response, private=True, max_age=max_age)
            return response
        patch_cache_control(response, public=True, max_age=max_age)
        if "s-maxage" in response.get("Cache-Control", ""):
            patch_cache_control(response, s_maxage=max_age)
        return response


def _seconds_until_next_release(started):
    """Whole seconds from now until the first release minute after `started` (when
    the answer began), or None. Read from RELEASE_MINUTE_SOURCE (the page cache's
    per-process memo, which changes with every content version and at the minute
    itself), so an answer costs no query; without it, from the database."""
    source = getattr(settings, "RELEASE_MINUTE_SOURCE", "")
    upcoming = import_string(source)(started) if source else next_release_at(started)
    if upcoming is None:
        return None
    return max(0, int((upcoming - timezone.now()).total_seconds()))


def _is_editor(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated)


class EmbargoAwareRedirectMiddleware(RedirectMiddleware):
    """Wagtail's RedirectMiddleware, except that a redirect to a page the user
    may not see yet stays a 404: the old address of an embargoed page must not
    reveal that it exists, nor its new slug."""

    def process_response(self, request, response):
        answer = super().process_response(request, response)
        if answer is response or response.status_code != 404:
            return answer
        from wagtail.contrib.redirects.middleware import get_redirect
        from wagtail.contrib.redirects.models import Redirect

        path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
        redirect = get_redirect(request, path) or get_redirect(request, path.split("?")[0])
        page = getattr(redirect, "redirect_page", None)
        if page is not None and not page_is_visible(page.specific, getattr(request, "user", None), request=request):
            return response
        return answer
