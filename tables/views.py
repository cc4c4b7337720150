"""The table builder's and the API guide's views (served by their pages)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.language import current_language
from core.taxonomy import contains_code, topic_code, topics_in
from indicators.formats.cube import TIME
from indicators.maps import province_map
from indicators.models import Indicator
from iran.dates import format_date
from iran.text import format_number

from . import builder as table_builder
from .exports import FORMATS, download
from .pivot import pivot


def _query_without(request, *names) -> str:
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


def _source(lang) -> str:
    return _("Ministry of Cooperatives, Labour and Social Welfare, Statistics Portal")


def _citation(req, link, lang) -> str:
    today = format_date(timezone.now(), lang)
    name = req.indicator.name(lang)
    return _("%(source)s. %(name)s [custom table]. Retrieved %(date)s from %(link)s") % {
        "source": _source(lang),
        "name": name,
        "date": today,
        "link": link,
    }


def _map_for(cube, req, lang):
    """A province map when the table has provinces and exactly one period."""
    if "province" not in cube.ids or len(cube.dimension(TIME).categories) != 1:
        return None
    others = [d for d in cube.dimensions if d.code not in ("province", TIME)]
    if any(len(d.categories) != 1 for d in others):
        return None  # one map needs one figure per province
    period = cube.dimension(TIME).categories[0]
    values = {}
    province = cube.dimension("province")
    for code in province.categories:
        key = tuple(
            code if d.code == "province" else period if d.code == TIME else d.categories[0] for d in cube.dimensions
        )
        row = cube.cells.get(key)
        values[code] = row.value if row is not None else None
    title = f"{req.indicator.name(lang)} · {cube.dimension(TIME).labels[period]}"
    return province_map(
        values,
        province.labels,
        lang=lang,
        decimals=req.indicator.decimals,
        title=title,
        no_data=_("no data"),
    )


def builder(request, page):
    lang = current_language()
    req = table_builder.parse(request.GET, lang)
    context = {
        "page": page,
        "self": page,
        "lang": lang,
        "req": req,
        "indicators": [(i.code, i.name(lang)) for i in Indicator.objects.only("code", "name_fa", "name_en")],
        "period_labels": [(p.code, p.label(lang)) for p in req.periods],
        "formats": FORMATS,
    }
    status = 200
    if req.indicator and not req.errors:
        too_big = table_builder.check_size(req)
        if too_big:
            req.errors.append(too_big)
    if req.errors:
        status = 400
    elif req.indicator is not None:
        fmt = request.GET.get("download", "")
        too_big = table_builder.too_big_to_show(req) if fmt not in FORMATS else None
        if too_big:  # no cube, no layout: the message and the (streaming) downloads
            context.update({"too_big_to_show": too_big, "download_query": _query_without(request, "download")})
            return render(request, "tables/table_builder_page.html", context)
        cube = table_builder.build(req)
        # The laid-out table only where it is shown (the page, XLSX): CSV, JSON-stat
        # and SDMX-CSV are written from the cube, one pass over its cells.
        laid_out = fmt not in FORMATS or fmt == "xlsx"
        table = pivot(cube, req.cols, req.show, req.sort, req.descending) if laid_out else None
        link = request.build_absolute_uri(f"{request.path}?{_query_without(request, 'download')}")
        title = (
            f"{req.indicator.name(lang)} ({req.indicator.unit(lang)})"
            if req.indicator.unit(lang)
            else req.indicator.name(lang)
        )
        if fmt in FORMATS:
            notes = [
                n
                for n in [req.indicator.notes(lang), _("Demo figures, not official") if req.indicator.is_demo else ""]
                if n
            ]
            return download(
                fmt,
                cube,
                table,
                title=title,
                notes=notes,
                source=_source(lang),
                link=link,
                filename=f"{req.indicator.code}-table",
            )
        base = _query_without(request, "download", "sort", "dir")
        context.update(
            {
                "cube": cube,
                "table": table,
                "title": title,
                "decimals": 1 if req.show != "value" else req.indicator.decimals,
                "permalink": link,
                "citation": _citation(req, link, lang),
                "base_query": base,
                "download_query": _query_without(request, "download"),
                "n_cells": format_number(cube.n_cells, lang),
                "map": _map_for(cube, req, lang),
                "pivot_choices": [d for d in cube.dimensions if d.code != req.cols],
            }
        )
    return render(request, "tables/table_builder_page.html", context, status=status)


def api_guide_context(request):
    base = request.build_absolute_uri("/api/v1/")
    example = Indicator.objects.filter(dimensions__code_list__code="province").order_by("sort_order", "code").first()
    code = example.code if example else "insured-persons"
    return {
        "api_base": base,
        "examples": [
            ("indicators", f"{base}indicators"),
            ("indicator", f"{base}indicators/{code}"),
            ("codelists", f"{base}codelists/province"),
            ("json", f"{base}observations?indicator={code}&province=23,10&from=1403-01&to=1403-06"),
            ("csv", f"{base}observations?indicator={code}&format=csv"),
            (
                "json-stat",
                f"{base}observations?indicator={code}&province=23&format=json-stat&lang={current_language()}",
            ),
            ("sdmx-csv", f"{base}observations?indicator={code}&format=sdmx-csv"),
        ],
        "schema_url": f"{base}schema/",
        "example_code": code,
    }


def _family_slug(code):
    """A family's address is its topic code with hyphens (/methodology/social-security/)."""
    return code.replace("_", "-")


def methodology(request, page, topic_slug):
    """One family's identity cards (source, coverage, method, standards, revisions, quality notes)."""
    lang = current_language()
    topics = topics_in(Indicator.objects.values_list("topics", flat=True))
    topic = None
    indicators = []
    if topic_slug is not None:
        code = topic_code(topic_slug)
        topic = next(((c, label) for c, label in topics if c == code), None)
        if topic is None:
            raise Http404
        if topic_slug != _family_slug(code):  # an old family address (e.g. /safety/)
            return redirect(f"{page.url}{_family_slug(code)}/", permanent=True)
        indicators = [
            {
                "indicator": i,
                "url": i.get_absolute_url(lang),
                "name": i.name(lang),
                "definition": i.definition(lang),
                "method": i.method(lang),
                "unit": i.unit(lang),
                "standards": i.standards(lang),
                "notes": i.notes(lang),
                "dimensions": [cl.name(lang) for cl in i.dimension_lists],
                "producer": i.producer.label(lang) if i.producer else "",
            }
            for i in Indicator.objects.filter(contains_code("topics", code))
            .select_related("producer")
            .prefetch_related("dimensions__code_list")
        ]
    return render(
        request,
        "tables/methodology_page.html",
        {
            "page": page,
            "self": page,
            "lang": lang,
            "families": [(f"{page.url}{_family_slug(c)}/", label, (c, label) == topic) for c, label in topics],
            "topic": topic[1] if topic else "",
            "items": indicators,
        },
    )
