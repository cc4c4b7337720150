"""Downloads (tables and chart data as CSV and XLSX, the yearbook workbook) and
the previous versions kept by corrections. Every view checks the page the way
the page itself does: live, and past its release minute unless the user may
edit it; the data come from the same observation store as the page."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, attachment
from core.language import current_language

from . import exports
from .models import Correction, ObservationPageMixin, YearbookPage
from .specs import SpecError
from .store import ObservationStore

CONTENT_TYPES = {"csv": CSV_CONTENT_TYPE, "xlsx": XLSX_CONTENT_TYPE}


def _visible_page(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    can_edit = page.permissions_for_user(request.user).can_edit()
    if not can_edit:
        if not page.live or page.get_view_restrictions().exists():
            raise Http404
        if page.get_ancestors().filter(depth__gt=1, live=False).exists():
            raise Http404
        if getattr(page, "is_embargoed", None) and page.is_embargoed():
            raise Http404
    return page


def _download(content, fmt, filename):
    response = attachment(content, f"{filename}.{fmt}", CONTENT_TYPES[fmt])
    patch_cache_control(response, no_cache=True, max_age=0)
    return response


def block_download(request, page_id, block_id, fmt):
    if fmt not in CONTENT_TYPES:
        raise Http404
    page = _visible_page(request, page_id)
    if not isinstance(page, ObservationPageMixin):
        raise Http404
    child = page.find_block(block_id)
    if child is None or child.block_type not in ("table", "chart"):
        raise Http404
    store = ObservationStore(lang=page.locale.language_code)
    try:
        table = child.block.build(child.value, store, page.scope_filters())
    except SpecError as exc:
        raise Http404(str(exc)) from exc
    filename = f"{page.slug}-{child.block_type}-{block_id[:8]}"
    if fmt == "csv":
        return _download(exports.table_csv(table), fmt, filename)
    return _download(exports.table_xlsx(table, rtl=page.locale.language_code == "fa"), fmt, filename)


def yearbook_workbook(request, page_id):
    page = _visible_page(request, page_id)
    if not isinstance(page, YearbookPage):
        raise Http404
    store = ObservationStore(lang=page.locale.language_code)
    chapters = page.chapters(request)
    codes = [c.value.get("indicator") for chapter in [page, *chapters] for c in chapter.observation_blocks()]
    store.prefetch(codes)
    scope = page.scope_filters()
    sections = []
    for chapter in [page, *chapters]:
        tables = []
        for child in chapter.body:
            if child.block_type == "table":
                try:
                    tables.append(child.block.build(child.value, store, scope))
                except SpecError:
                    continue
        if tables:
            sections.append((chapter.title, tables))
    content = exports.workbook_xlsx(
        sections, rtl=page.locale.language_code == "fa", contents_title=_("Contents") + " — " + page.title
    )
    return _download(content, "xlsx", page.slug)


def previous_version(request, pk):
    """The version of a publication as it was before a correction (noindex)."""
    correction = get_object_or_404(Correction.objects.select_related("previous_revision"), pk=pk)
    if correction.previous_revision is None:
        raise Http404
    current = _visible_page(request, correction.page_id)
    old = correction.previous_revision.as_object()
    old.superseded_by = correction
    old.current_version = current
    if getattr(old, "locale_id", None) and old.locale.language_code != current_language():
        raise Http404
    response = old.serve(request)
    if hasattr(response, "render"):
        response.render()
    response["X-Robots-Tag"] = "noindex, nofollow"
    patch_cache_control(response, no_cache=True, max_age=0)
    return response
