"""Indicator pages (served by IndicatorIndexPage's routes), their downloads and the dashboard."""

from __future__ import annotations

import json
from functools import partial

from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from core.compiled import MARK_NOW, CompiledQuery
from core.exports import csv_response, safe_cell, xlsx_response
from core.language import current_language
from core.taxonomy import codes_from_db, contains_code, topic_code, topics_in
from iran.periods import Period, PeriodError
from iran.text import format_number
from releases.models import ReleasePage

from .maps import province_map
from .models.indicators import Indicator, IndicatorDimension
from .pagehtml import period_options, release_items
from .presenters import CARD_PERIODS, build_view, shown_cells, sparkline_points
from .query import IndicatorsAt, get_observations_many, labels_for, with_dimensions


def _dimensions_of(code):
    dimensions = IndicatorDimension.objects.filter(indicator__code=code).order_by("position")
    return dimensions.select_related("indicator__producer", "code_list")


# Compiled once (core/compiled.py): building the queryset cost as much as running it.
_DIMENSIONS_OF = CompiledQuery(IndicatorDimension, _dimensions_of, code="\x00code\x00")


def _indicator(code) -> Indicator:
    """The indicator with its producer and its dimensions' code lists: one query
    through its dimensions (a second only for an indicator without any)."""
    dimensions = _DIMENSIONS_OF(code=code)
    if dimensions:
        indicator = dimensions[0].indicator
        indicator.__dict__["dimension_lists"] = [dimension.code_list for dimension in dimensions]
        return indicator
    try:
        indicator = Indicator.objects.select_related("producer").get(code=code)
    except Indicator.DoesNotExist as exc:
        raise Http404 from exc
    return with_dimensions([indicator])[0]


def _period_param(request):
    text = request.GET.get("period", "")
    if not text:
        return None
    try:
        return Period.parse(text)
    except PeriodError as exc:
        raise Http404 from exc


def indicator_index(request, page):
    lang = current_language()
    indicators = Indicator.objects.select_related("producer")
    topics = topics_in(Indicator.objects.values_list("topics", flat=True))
    topic = topic_code(request.GET.get("topic", ""))
    if topic:
        indicators = indicators.filter(contains_code("topics", topic))
    items = [{"indicator": i, "name": i.name(lang), "unit": i.unit(lang)} for i in indicators]
    return render(
        request,
        "indicators/indicator_index_page.html",
        {"page": page, "self": page, "items": items, "topics": topics, "topic": topic, "lang": lang},
    )


def _chart_data(view, lang):
    series = view.series()
    periods = view.periods
    ind = view.indicator
    return {
        "labels": [p.label_fa() if lang == "fa" else p.label_en(with_gregorian=False) for p in periods],
        "series": [
            {
                "label": s.label,
                "data": [
                    float(s.points[p].value) if p in s.points and s.points[p].value is not None else None
                    for p in periods
                ],
            }
            for s in series
        ],
        "norm": {
            "lower": float(ind.norm_lower) if ind.norm_lower is not None else None,
            "upper": float(ind.norm_upper) if ind.norm_upper is not None else None,
            "label": _("Norm (optimal band)"),
        },
        "rtl": lang == "fa",
        "unit": ind.unit(lang),
        "decimals": ind.decimals,
        "lang": lang,
    }


def _chart_description(view, lang):
    headline = view.headline()
    if not headline or not headline.points:
        return ""
    points = [(p, c.value) for p, c in sorted(headline.points.items()) if c.value is not None]
    if not points:
        return ""
    ind = view.indicator
    first, last = points[0], points[-1]
    high = max(points, key=lambda x: x[1])
    low = min(points, key=lambda x: x[1])

    def fmt(v):
        return format_number(v, lang, ind.decimals)

    text = _(
        "Line chart of %(name)s (%(unit)s) from %(first)s to %(last)s. It went from %(v1)s to %(v2)s; "
        "the highest value was %(high)s in %(high_p)s and the lowest %(low)s in %(low_p)s."
    ) % {
        "name": ind.name(lang),
        "unit": ind.unit(lang),
        "first": first[0].label(lang),
        "last": last[0].label(lang),
        "v1": fmt(first[1]),
        "v2": fmt(last[1]),
        "high": fmt(high[1]),
        "high_p": high[0].label(lang),
        "low": fmt(low[1]),
        "low_p": low[0].label(lang),
    }
    if ind.norm_lower is not None or ind.norm_upper is not None:
        text += " " + _("The shaded band is the norm: %(low)s to %(high)s.") % {
            "low": fmt(ind.norm_lower) if ind.norm_lower is not None else "—",
            "high": fmt(ind.norm_upper) if ind.norm_upper is not None else "—",
        }
    return text


# The related releases' statement, compiled once per limit (core/compiled.py): only
# the series' kind, the language and the instant change from one request to the next.
_RELATED: dict = {}
_KIND, _LANG = "\x00kind\x00", "\x00lang\x00"
# What the list shows of an entry: its title, date and status, and its URL.
RELATED_FIELDS = ("title", "url_path", "release_at", "status")


def _related_queryset(limit, kind, lang, now):
    qs = ReleasePage.objects.live().filter(kind=kind, locale__language_code=lang)
    upcoming = qs.filter(release_at__gte=now).exclude(status="cancelled").order_by("release_at")[:2]
    recent = qs.filter(release_at__lt=now).order_by("-release_at")[:limit]
    # Both lists in one query: each is a bounded subquery.
    return qs.filter(Q(pk__in=upcoming.values("pk")) | Q(pk__in=recent.values("pk"))).only(*RELATED_FIELDS)


def related_releases(indicator, limit=5):
    if not indicator.release_series:
        return []
    query = _RELATED.get(limit)
    if query is None:
        build = partial(_related_queryset, limit)
        query = _RELATED[limit] = CompiledQuery(ReleasePage, build, kind=_KIND, lang=_LANG, now=MARK_NOW)
    now = timezone.now()
    found = query(kind=indicator.release_series, lang=current_language(), now=now)
    soon = sorted((r for r in found if r.release_at >= now), key=lambda r: r.release_at)
    past = sorted((r for r in found if r.release_at < now), key=lambda r: r.release_at, reverse=True)
    return soon + past[: max(0, limit - len(soon))]


def _crumbs(page):
    """The index page's ancestors below the tree's root (depth > 1), the home first.
    The router gives each page of a route its parent, as Wagtail's `Page.route`
    does (treebeard's `_cached_parent_obj`, which `get_parent` answers from): then
    nothing is read. A page reached otherwise reads its ancestors in one query."""
    crumbs = []
    node = page
    while node.depth > 2:
        parent = node.__dict__.get("_cached_parent_obj")
        if parent is None:
            return list(page.get_ancestors().filter(depth__gt=1))
        crumbs.append(parent)
        node = parent
    return crumbs[::-1]


def _row_labels(series_table) -> dict:
    """{period code: label} of the series table's rows (one a period, labelled in the page's language)."""
    return {codes["period"]: label for codes, label, _cells in series_table.rows}


def indicator_detail(request, page, code):
    lang = current_language()
    indicator = _indicator(code)
    period = _period_param(request)
    view = build_view(indicator, lang, period=period)
    province_table = view.province_table(period)
    releases = related_releases(indicator)
    series_table = view.series_table()
    context = {
        "indicator": indicator,
        "name": indicator.name(lang),
        "lang": lang,
        "view": view,
        "latest": view.latest(),
        "status": view.status(),
        "series_table": series_table,
        "province_table": province_table,
        "province_map": _province_map(indicator, province_table, lang),
        "period_options": period_options(
            reversed(view.periods), province_table and province_table.period, lang, _row_labels(series_table)
        ),
        "chart": _chart_data(view, lang),
        "chart_description": _chart_description(view, lang),
        "flags_used": view.flags_used(),
        "suppressed_any": any(r.suppressed for r in view.rows),
        "threshold": indicator.threshold,
        "releases": releases,
        "release_items": release_items(releases, request, lang),
        "dimension_names": [cl.name(lang) for cl in indicator.dimension_lists],
        "base_url": page.url.rstrip("/") + f"/{indicator.code}/",
        "index_page": page,
        "crumbs": _crumbs(page),
        "t": {
            "definition": indicator.definition(lang),
            "method": indicator.method(lang),
            "unit": indicator.unit(lang),
            "standards": indicator.standards(lang),
            "notes": indicator.notes(lang),
            "producer": indicator.producer.label(lang) if indicator.producer else "",
        },
        "fmt": f"{lang},{indicator.decimals}",
        "total_code": next((cl.total_code for cl in indicator.dimension_lists if cl.code == "province"), ""),
    }
    return render(request, "indicators/indicator_page.html", context)


def _province_map(indicator, table, lang):
    """The choropleth of the province table's last column (the total of the other dimension)."""
    if table is None or not table.rows or not table.columns:
        return None  # e.g. a period asked for that is not (yet) public
    values = {codes["province"]: cells[-1].value for codes, _label, cells in table.rows}
    labels = {codes["province"]: label for codes, label, _cells in table.rows}
    title = f"{indicator.name(lang)} · {table.columns[-1][1]} · {table.period.label(lang)}"
    return province_map(values, labels, lang=lang, decimals=indicator.decimals, title=title, no_data=_("no data"))


# --- downloads -------------------------------------------------------------------------
def _download_table(view, which, period):
    if which == "provinces":
        table = view.province_table(period)
        if table is None:
            raise Http404
        return table
    return view.series_table()


def download_rows(view, which="series", period=None):
    """Header and rows of a download: exactly the table shown, with codes and labels."""
    ind = view.indicator
    table = _download_table(view, which, period)
    key_name = "period" if which != "provinces" else "province"
    header = [key_name, f"{key_name}_label"]
    for code, label in table.columns:
        header += [f"{label} [{code}]" if code != "value" else "value", "flags"]
    rows = []
    for codes, label, cells in table.rows:
        line = [codes[key_name], label]
        for cell in cells:
            line += [cell.plain(ind.decimals), ",".join(sorted(cell.flags))]
        rows.append(line)
    return table, header, rows


def indicator_download(request, page, code, fmt):
    lang = current_language()
    indicator = _indicator(code)
    which = request.GET.get("table", "series")
    period = _period_param(request)
    view = build_view(indicator, lang, period=period)
    table, header, rows = download_rows(view, which, period)
    filename = f"{indicator.code}-{which}" + (f"-{table.period.code}" if table.period else "")
    note = _("Suppressed cells (fewer than %(n)s units) are empty with the flag «suppressed».") % {
        "n": indicator.threshold
    }
    if indicator.is_demo:
        note += " " + _("DEMO figures, not official.")
    if fmt == "csv":
        response = csv_response(filename, [header, *rows])
    elif fmt == "xlsx":
        book = Workbook()
        sheet = book.active
        sheet.title = which
        sheet.sheet_view.rightToLeft = lang == "fa"
        sheet.append([safe_cell(f"{indicator.name(lang)} — {table.title} ({indicator.unit(lang)})")])
        sheet.append([safe_cell(note)])
        sheet.append([safe_cell(h) for h in header])
        for row in rows:
            sheet.append(
                [float(c) if _numeric(c) and i % 2 == 0 and i >= 2 else safe_cell(c) for i, c in enumerate(row)]
            )
        response = xlsx_response(filename, book)
    elif fmt == "json":
        payload = {
            "indicator": indicator.code,
            "name": indicator.name(lang),
            "unit": indicator.unit(lang),
            "table": which,
            "period": table.period.code if table.period else None,
            "note": note,
            "columns": header,
            "rows": rows,
        }
        response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False, "indent": 1})
    else:
        raise Http404
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _numeric(text):
    try:
        float(text)
    except (TypeError, ValueError):
        return False
    return text != ""


# --- dashboard ------------------------------------------------------------------------------
# The indicators of the dashboard and of the home page's cards, with their latest
# public periods: `with_latest_public_start` of these querysets, compiled once.
_KEY_INDICATORS = IndicatorsAt(lambda: Indicator.objects.filter(is_key=True).select_related("producer__code_list"))
_HEADLINE_INDICATORS = IndicatorsAt(lambda: Indicator.objects.filter(is_headline=True))


def dashboard_context(request):
    """The key indicators are read once (with their producers): the filters' topics
    and organisations are theirs, and the filtered cards a part of them."""
    lang = current_language()
    now = timezone.now()
    key = _KEY_INDICATORS(now)
    topic = topic_code(request.GET.get("topic", ""))
    organisation = request.GET.get("organisation", "")
    indicators = [
        indicator
        for indicator in key
        if (not topic or topic in codes_from_db(indicator.topics))
        and (not organisation or (indicator.producer is not None and indicator.producer.code == organisation))
    ]
    cards = cards_for(indicators, lang, now=now)
    producers = {i.producer_id: i.producer for i in key if i.producer and i.producer.code_list.code == "organisation"}
    return {
        "cards": cards,
        "lang": lang,
        "topics": topics_in(indicator.topics for indicator in key),
        "organisations": sorted(producers.values(), key=lambda code: (code.sort_order, code.code)),
        "topic": topic,
        "organisation": organisation,
        "any_demo": any(c["indicator"].is_demo for c in cards),
    }


def cards_for(indicators, lang, now=None):
    """Cards for many indicators in a fixed number of queries: their dimensions,
    code labels and observations are each read once for all (at `now`: pass the
    instant the indicators were read `with_latest_public_start` at)."""
    indicators = with_dimensions(indicators)
    labels = labels_for({cl.code for indicator in indicators for cl in indicator.dimension_lists}, lang)
    keep = {i.code: cells for i in indicators if (cells := shown_cells(i, card=True)) is not None}
    rows = get_observations_many(indicators, now=now, last_periods=CARD_PERIODS, keep=keep)
    return [card(indicator, lang, labels, rows[indicator.code]) for indicator in indicators]


def card(indicator, lang, labels=None, rows=None):
    view = build_view(indicator, lang, card=True, labels=labels, rows=rows)
    headline = view.headline()
    return {
        "indicator": indicator,
        "name": indicator.name(lang),
        "unit": indicator.unit(lang),
        "latest": view.latest(),
        "status": view.status(),
        "sparkline": sparkline_points(headline) if headline else "",
        "url": indicator.get_absolute_url(lang),
        "fmt": f"{lang},{indicator.decimals}",
        "lang": lang,
    }


def headline_cards(lang, limit=4):
    now = timezone.now()
    indicators = _HEADLINE_INDICATORS(now, limit)
    return cards_for(indicators, lang, now=now)


def json_error(message, status=400):
    return HttpResponse(
        json.dumps({"error": message}, ensure_ascii=False), status=status, content_type="application/json"
    )
