"""The data API's indicators part: /api/v1/indicators, /codelists, /observations.

Read-only, only released data (the embargo of each observation's release),
disclosure control applied, paginated, JSON or CSV, errors as JSON."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from django.db.models import Count
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from core.exports import csv_response
from core.taxonomy import contains_code, topic_code
from iran.periods import Period, PeriodError

from .formats.responses import OPEN_FORMATS, api_answer
from .models import Code, CodeList, Indicator
from .query import filtered_queryset, rows_from

router = Router(tags=["indicators"])

MAX_PAGE_SIZE = 5000
# Far beyond any real listing, and small enough that page × page_size stays a
# database integer: a huge page number is a clear 400, not a 500 from the OFFSET.
MAX_PAGE = 1_000_000
RESERVED = {"indicator", "from", "to", "page", "page_size", "format", "lang"}


class DimensionOut(Schema):
    code_list: str
    name: str
    position: int


class IndicatorOut(Schema):
    code: str
    name_fa: str
    name_en: str
    definition_fa: str
    definition_en: str
    method_fa: str
    method_en: str
    unit_fa: str
    unit_en: str
    decimals: int
    periodicity: str
    dimensions: list[DimensionOut]
    source_system: str
    producer: str | None
    contact_name: str
    contact_email: str
    standards_fa: str
    standards_en: str
    norm_lower: Decimal | None
    norm_upper: Decimal | None
    higher_is_better: bool | None
    topics: list[str]
    release_series: str
    notes_fa: str
    notes_en: str
    disclosure_threshold: int
    demo: bool
    url_fa: str
    url_en: str


class IndicatorPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[IndicatorOut]


class CodeOut(Schema):
    code: str
    label_fa: str
    label_en: str
    parent: str | None
    valid_from: str | None
    valid_to: str | None


class CodeListOut(Schema):
    code: str
    name_fa: str
    name_en: str
    standard: str
    total_code: str
    codes: int


class CodeListDetail(CodeListOut):
    items: list[CodeOut]


class ObservationOut(Schema):
    period: str
    codes: dict[str, str]
    value: Decimal | None
    flags: list[str]
    suppressed: bool


class ObservationPage(Schema):
    indicator: str
    count: int
    page: int
    page_size: int
    next: str | None
    previous: str | None
    dimensions: list[str]
    note: str
    results: list[ObservationOut]


class Error(Schema):
    error: str


class Paging(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(100, ge=1, le=MAX_PAGE_SIZE)


def _paging(paging: Paging):
    if paging.page < 1:
        raise HttpError(400, "page must be 1 or more")
    if not 1 <= paging.page_size <= MAX_PAGE_SIZE:
        raise HttpError(400, f"page_size must be between 1 and {MAX_PAGE_SIZE}")
    return (paging.page - 1) * paging.page_size, paging.page_size


def _periodicity_name(value: int) -> str:
    return {1: "year", 4: "quarter", 12: "month"}[value]


def indicator_out(ind: Indicator) -> dict:
    return {
        "code": ind.code,
        "name_fa": ind.name_fa,
        "name_en": ind.name_en,
        "definition_fa": ind.definition_fa,
        "definition_en": ind.definition_en,
        "method_fa": ind.method_fa,
        "method_en": ind.method_en,
        "unit_fa": ind.unit_fa,
        "unit_en": ind.unit_en,
        "decimals": ind.decimals,
        "periodicity": _periodicity_name(ind.periodicity),
        "dimensions": [
            {"code_list": cl.code, "name": cl.name_en or cl.name_fa, "position": i}
            for i, cl in enumerate(ind.dimension_lists, start=1)
        ],
        "source_system": ind.source_system,
        "producer": ind.producer.code if ind.producer else None,
        "contact_name": ind.contact_name,
        "contact_email": ind.contact_email,
        "standards_fa": ind.standards_fa,
        "standards_en": ind.standards_en,
        "norm_lower": ind.norm_lower,
        "norm_upper": ind.norm_upper,
        "higher_is_better": ind.higher_is_better,
        "topics": ind.topic_list,
        "release_series": ind.release_series,
        "notes_fa": ind.notes_fa,
        "notes_en": ind.notes_en,
        "disclosure_threshold": ind.threshold,
        "demo": ind.is_demo,
        "url_fa": ind.get_absolute_url("fa"),
        "url_en": ind.get_absolute_url("en"),
    }


def _get_indicator(code: str) -> Indicator:
    ind = Indicator.objects.select_related("producer").filter(code=code).first()
    if ind is None:
        raise HttpError(404, f"no indicator with the code {code!r}; see /api/v1/indicators")
    return ind


@router.get("/indicators", response=IndicatorPage, summary="Indicators with their identity cards")
def list_indicators(request, paging: Query[Paging], topic: str | None = None):
    offset, limit = _paging(paging)
    qs = Indicator.objects.select_related("producer")
    if topic:
        qs = qs.filter(contains_code("topics", topic_code(topic) or topic))
    total = qs.count()
    return {
        "count": total,
        "page": paging.page,
        "page_size": limit,
        "results": [indicator_out(i) for i in qs[offset : offset + limit]],
    }


@router.get("/indicators/{code}", response={200: IndicatorOut, 404: Error}, summary="One indicator's identity card")
def get_indicator(request, code: str):
    return indicator_out(_get_indicator(code))


@router.get("/codelists", response=list[CodeListOut], summary="Code lists (classifications)")
def list_codelists(request):
    return [
        {
            "code": cl.code,
            "name_fa": cl.name_fa,
            "name_en": cl.name_en,
            "standard": cl.standard,
            "total_code": cl.total_code,
            "codes": cl.n,
        }
        for cl in CodeList.objects.annotate(n=Count("codes"))
    ]


@router.get("/codelists/{code}", response={200: CodeListDetail, 404: Error}, summary="A code list and its codes")
def get_codelist(request, code: str):
    cl = CodeList.objects.filter(code=code).first()
    if cl is None:
        raise HttpError(404, f"no code list with the code {code!r}; see /api/v1/codelists")
    items = [
        {
            "code": c.code,
            "label_fa": c.label_fa,
            "label_en": c.label_en,
            "parent": c.parent.code if c.parent_id else None,
            "valid_from": c.valid_from.isoformat() if c.valid_from else None,
            "valid_to": c.valid_to.isoformat() if c.valid_to else None,
        }
        for c in Code.objects.filter(code_list=cl).select_related("parent")
    ]
    return {
        "code": cl.code,
        "name_fa": cl.name_fa,
        "name_en": cl.name_en,
        "standard": cl.standard,
        "total_code": cl.total_code,
        "codes": len(items),
        "items": items,
    }


@router.get(
    "/observations",
    response={200: ObservationPage, 400: Error, 404: Error},
    summary="Released observations of an indicator",
    description=(
        "Filter by `indicator` (required), a period range `from`/`to` (1400, 1403-Q2 or 1403-07, inclusive) "
        "and dimension codes: any other parameter named after one of the indicator's code lists, with one "
        "or more comma-separated codes (e.g. `province=23,10&sex=F`). Only released data; cells from fewer "
        "units than the disclosure threshold have `value: null` and `suppressed: true`. `format=csv` returns CSV. "
        "Open formats, the whole query in one answer (no paging, at most 150,000 cells): `format=json-stat` "
        "returns a JSON-stat 2.0 dataset (labels in `lang=fa|en` or the Accept-Language; suppressed cells "
        "null with a `status` symbol), `format=sdmx-csv` returns SDMX-CSV 2.0 (STRUCTURE, STRUCTURE_ID, one "
        "column per dimension, TIME_PERIOD as a Jalali period, OBS_VALUE, OBS_STATUS, OBS_CONF)."
    ),
    openapi_extra={
        "responses": {
            200: {
                "description": "OK",
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/ObservationPage"}},
                    "text/csv": {"schema": {"type": "string"}},
                    "application/vnd.sdmx.data+csv; version=2.0.0": {"schema": {"type": "string"}},
                },
            }
        }
    },
)
def observations(
    request,
    indicator: str,
    page: int = Query(1, ge=1, le=MAX_PAGE),
    page_size: int = Query(1000, ge=1, le=MAX_PAGE_SIZE),
    format: Literal["json", "csv", "json-stat", "sdmx-csv"] = "json",
    from_: str | None = Query(None, alias="from"),
    to: str | None = None,
):
    ind = _get_indicator(indicator)
    offset, limit = _paging(Paging(page=page, page_size=page_size))
    if format not in {"json", "csv", *OPEN_FORMATS}:
        raise HttpError(400, "format must be json, csv, json-stat or sdmx-csv")
    try:
        first = Period.parse(from_) if from_ else None
        last = Period.parse(to) if to else None
    except PeriodError as exc:
        raise HttpError(400, f"bad period: {exc}") from exc
    dims = ind.dimension_codes
    filters = {}
    for key in request.GET:
        if key in RESERVED:
            continue
        if key not in dims:
            raise HttpError(400, f"unknown parameter {key!r}; this indicator's dimensions are: {', '.join(dims)}")
        filters[key] = [c.strip() for v in request.GET.getlist(key) for c in v.split(",") if c.strip()]
    qs = filtered_queryset(ind, filters=filters, period_range=(first, last) if first or last else None)
    if format in OPEN_FORMATS:
        return api_answer(request, ind, qs, format)
    total = qs.count()
    rows = rows_from(ind, qs[offset : offset + limit])
    if format == "csv":
        return _csv(ind, dims, rows)
    base = request.build_absolute_uri(request.path)
    params = request.GET.copy()

    def link(number):
        params["page"] = number
        return f"{base}?{params.urlencode()}"

    return {
        "indicator": ind.code,
        "count": total,
        "page": page,
        "page_size": limit,
        "next": link(page + 1) if offset + limit < total else None,
        "previous": link(page - 1) if page > 1 else None,
        "dimensions": dims,
        "note": "Only released figures. Suppressed cells have value null." + (" DEMO figures." if ind.is_demo else ""),
        "results": [
            {
                "period": r.period.code,
                "codes": r.codes,
                "value": r.value,
                "flags": sorted(r.flags),
                "suppressed": r.suppressed,
            }
            for r in rows
        ],
    }


def _csv(ind, dims, rows):
    def value(r):
        return "" if r.value is None else f"{r.value:.{ind.decimals}f}"

    lines = ([r.period.code, *[r.codes[d] for d in dims], value(r), ",".join(sorted(r.flags))] for r in rows)
    return csv_response(ind.code, [["period", *dims, "value", "flags"], *lines], bom=False)
