from django.shortcuts import render
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from releases.sitemaps import EmbargoAwareSitemap


def rate_limited(request, exception):
    """django-ratelimit's answer: a polite 429 in the user's language."""
    response = render(request, "home/rate_limited.html", status=429)
    response["Retry-After"] = "60"
    return response


def sitemap(request):
    """Wagtail's sitemap without embargoed pages, nor the pages below them."""
    response = wagtail_sitemap(request, sitemaps={"wagtail": EmbargoAwareSitemap})
    response["Cache-Control"] = "public, max-age=60"
    return response
