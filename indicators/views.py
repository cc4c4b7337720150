"""Views of indicator pages, downloads and the dashboard (filled in below the models commit)."""

from django.http import Http404


def indicator_index(request, page):
    raise Http404


def indicator_detail(request, page, code):
    raise Http404


def indicator_download(request, page, code, fmt):
    raise Http404


def dashboard_context(request):
    return {}
