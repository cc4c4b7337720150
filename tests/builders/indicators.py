"""Small builders for tests (this app's and others'): code lists, indicators, observations."""

from __future__ import annotations

from decimal import Decimal

from indicators.models import (
    DIMENSION_FIELDS,
    Code,
    CodeList,
    Indicator,
    IndicatorDimension,
    Observation,
    period_bounds,
)
from iran.periods import Period


def make_code_list(code: str, codes: dict[str, str | tuple[str, str]], *, total_code: str = "", name_fa=None, **extra):
    """codes: {code: label_fa} or {code: (label_fa, label_en)}."""
    code_list, _ = CodeList.objects.update_or_create(
        code=code, defaults={"name_fa": name_fa or code, "name_en": code, "total_code": total_code, **extra}
    )
    for order, (c, label) in enumerate(codes.items()):
        fa, en = label if isinstance(label, tuple) else (label, label)
        Code.objects.update_or_create(
            code_list=code_list, code=c, defaults={"label_fa": fa, "label_en": en, "sort_order": order}
        )
    return code_list


def make_indicator(code: str, dimensions: list[CodeList] = (), **fields):
    defaults = {"name_fa": f"نماگر {code}", "name_en": f"Indicator {code}", "periodicity": 12}
    defaults.update(fields)
    indicator, _ = Indicator.objects.update_or_create(code=code, defaults=defaults)
    for position, code_list in enumerate(dimensions, start=1):
        IndicatorDimension.objects.get_or_create(indicator=indicator, code_list=code_list, position=position)
    indicator.__dict__.pop("dimension_lists", None)
    return indicator


def add_observation(indicator, period, codes=(), value=None, *, count=None, flags="", release=None, batch=None):
    p = Period.parse(period)
    start, end = period_bounds(p)
    dims = dict(zip(DIMENSION_FIELDS, list(codes) + [""] * (len(DIMENSION_FIELDS) - len(codes)), strict=True))
    return Observation.objects.create(
        indicator=indicator,
        period=p.code,
        period_start=start,
        period_end=end,
        value=None if value is None else Decimal(str(value)),
        count=count,
        flags=flags,
        release=release,
        batch=batch,
        **dims,
    )
