"""Caches and files under the embargo.

1. Cache-Control on every response: no cache may keep a pre-release answer past
   the next release minute. Anonymous GET/HEAD answers get
   `public, max-age=N` with N ≤ the seconds until the next release minute (and
   ≤ PUBLIC_MAX_AGE); within a few seconds of a minute, or for anything an
   editor sees (previews of embargoed pages), `no-store`.
2. Wagtail images and documents under MEDIA_URL that an embargoed page uses
   answer 404 when Django serves them (documents also go through the
   `before_serve_document` hook)."""

import re

from django.conf import settings
from django.http import Http404
from django.utils.cache import patch_cache_control

from .embargo import held_media, seconds_until_next_release

PUBLIC_MAX_AGE = 300
NO_STORE_WITHIN = 2  # seconds before a release minute: do not let anything be kept
_RENDITION = re.compile(r"^images/(?P<name>[^/]+?)\.[^/]*$")


def _held_file(path: str) -> bool:
    """Is this MEDIA path the file (or a rendition) of a held image or document?"""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    media = settings.MEDIA_URL
    if not path.startswith(media):
        return False
    relative = path[len(media) :]
    docs, images = held_media()
    if not docs and not images:
        return False
    if relative.startswith("documents/") and docs:
        return get_document_model().objects.filter(pk__in=docs, file=relative).exists()
    if images:
        Image = get_image_model()
        if relative.startswith("original_images/"):
            return Image.objects.filter(pk__in=images, file=relative).exists()
        if relative.startswith("images/"):
            rendition_model = Image.get_rendition_model()
            return rendition_model.objects.filter(image_id__in=images, file=relative).exists()
    return False


class ReleaseEmbargoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(settings.MEDIA_URL) and not _is_editor(request) and _held_file(request.path):
            raise Http404
        response = self.get_response(request)
        return self.patch(request, response)

    def patch(self, request, response):
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
        seconds = seconds_until_next_release()
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


def _is_editor(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated)
