from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Locale, Page

from iran.text import normalize_text
from releases.embargo import embargoed_page_ids
from releases.sitemaps import EmbargoAwareSitemap

SEARCH_PAGE_SIZE = 20
SEARCH_MAX_RESULTS = 200


def search(request):
    """Site search over live, public pages in the current language. Pages
    under embargo are dropped, so nothing unreleased is found (NZ Treasury 2019)."""
    query = normalize_text(request.GET.get("q", ""))[:200]
    results = []
    if query:
        locale = Locale.objects.get(language_code=get_language()[:2])
        pages = Page.objects.live().public().filter(locale=locale).specific()
        held = embargoed_page_ids()
        results = [p for p in pages.search(query)[:SEARCH_MAX_RESULTS] if p.pk not in held]
    page_obj = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "home/search.html", {"query": query, "page_obj": page_obj})


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
