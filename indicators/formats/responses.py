"""HTTP answers in the open formats, shared by the API and the table builder."""

from __future__ import annotations

import json

from django.http import HttpResponse
from ninja.errors import HttpError

from iran.text import to_persian_digits

from ..query import rows_from
from . import jsonstat, sdmx
from .cube import Cube, build_cube

# A table or an open-format answer is refused above this many cells (PxWeb's way:
# a clear message saying how to make it smaller rather than a slow or failing answer).
MAX_CELLS = 150_000

JSONSTAT = "json-stat"
SDMX_CSV = "sdmx-csv"
OPEN_FORMATS = (JSONSTAT, SDMX_CSV)


def too_big_message(n_cells: int, lang: str) -> str:
    if lang == "en":
        return (
            f"This table would have {n_cells:,} cells; the limit is {MAX_CELLS:,}. "
            "Choose fewer codes or a shorter period range, or download it in parts."
        )
    return to_persian_digits(
        f"این جدول {n_cells:,} خانه دارد و بیشترین اندازه {MAX_CELLS:,} خانه است. "
        "کدهای کمتر یا بازه زمانی کوتاه‌تری برگزینید یا جدول را در چند بخش بگیرید."
    )


def jsonstat_response(cube: Cube, *, href: str = "", source: str = "", filename: str = "") -> HttpResponse:
    body = json.dumps(jsonstat.dataset(cube, href=href, source=source), ensure_ascii=False, separators=(",", ":"))
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
    return response


def sdmx_response(cube: Cube, *, filename: str = "") -> HttpResponse:
    response = HttpResponse(
        sdmx.write(cube), content_type="application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename or cube.indicator.code}.sdmx.csv"'
    return response


def request_lang(request) -> str:
    """`lang=fa|en` wins; otherwise the language LocaleMiddleware found (Accept-Language)."""
    lang = request.GET.get("lang") or getattr(request, "LANGUAGE_CODE", "fa") or "fa"
    return "en" if lang.startswith("en") else "fa"


def api_answer(request, indicator, qs, fmt: str):
    """The whole (unpaginated) query as JSON-stat or SDMX-CSV; a 400 when too big."""
    lang = request.GET.get("lang")
    if lang and lang not in {"fa", "en"}:
        raise HttpError(400, "lang must be fa or en")
    lang = request_lang(request)
    total = qs.count()
    if total > MAX_CELLS:
        raise HttpError(400, too_big_message(total, "en"))
    cube = build_cube(indicator, rows_from(indicator, qs), lang)
    if cube.n_cells > MAX_CELLS:
        raise HttpError(400, too_big_message(cube.n_cells, "en"))
    if fmt == JSONSTAT:
        source = (
            "Ministry of Cooperatives, Labour and Social Welfare" if lang == "en" else "وزارت تعاون، کار و رفاه اجتماعی"
        )
        return jsonstat_response(cube, href=request.build_absolute_uri(), source=source)
    return sdmx_response(cube)
