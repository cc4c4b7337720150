"""This app's part of `manage.py load_demo`: code lists, a dozen indicators of the
ministry's field with their identity cards, several years of DEMO figures by
province (generated plausibly, labelled demo everywhere), the indicators index
page and the dashboard. Idempotent: an indicator that has observations keeps them."""

from __future__ import annotations

import io
import math
import random

from core.taxonomy import codes_to_db
from indicators.codelists import PROVINCES, ensure_code_lists
from indicators.models import (
    Code,
    CodeList,
    DashboardPage,
    Indicator,
    IndicatorDimension,
    IndicatorIndexPage,
    Observation,
)
from iran.periods import Period

from .specs import DEMO_NOTE_EN, DEMO_NOTE_FA, INDICATORS, LAST_MONTH, MONTHS, QUARTERS, WEIGHTS, YEARS


def _periods(periodicity: int) -> list[Period]:
    if periodicity == 12:
        return [LAST_MONTH.shift(-i) for i in reversed(range(MONTHS))]
    if periodicity == 4:
        last = Period.quarter_of(1405, 2)
        return [last.shift(-i) for i in reversed(range(QUARTERS))]
    return [Period.year_of(y) for y in YEARS]


def demo_csv(spec: dict, seed: int = 1405) -> str:
    """The indicator's demo table as a tidy CSV (what a warehouse would send)."""
    rng = random.Random(f"{spec['code']}-{seed}")
    periods = _periods(spec["periodicity"])
    by_sex = "sex" in spec["dims"]
    additive = spec.get("additive", True)
    decimals = spec.get("decimals", 0)
    steps = int(spec["periodicity"])
    province_factor = {code: 1 + rng.uniform(-spec.get("spread", 0.12), spec.get("spread", 0.12)) for code in WEIGHTS}
    total_weight = sum(WEIGHTS.values())
    lines = ["period,province," + ("sex," if by_sex else "") + "value,count"]
    for index, period in enumerate(periods):
        trend = spec["base"] * (1 + spec["growth"]) ** ((index - len(periods) + 1) / steps)
        season = 1 + (0.04 * math.sin(2 * math.pi * (period.first_month - 3) / 12) if steps > 1 else 0)
        level = trend * season * (1 + rng.uniform(-0.01, 0.01))
        national = {}
        for code, _fa, _en in PROVINCES:
            noise = 1 + rng.uniform(-0.03, 0.03)
            if additive:
                value = level * WEIGHTS[code] / total_weight * province_factor[code] * noise
            else:
                value = level * province_factor[code] * noise
            sexes = [("M", 1 - spec.get("female", 0)), ("F", spec.get("female", 0))] if by_sex else [("", 1)]
            for sex, share in sexes:
                cell = round(value * share * (1 + rng.uniform(-0.05, 0.05) if sex else 1), decimals)
                if decimals == 0:
                    cell = int(cell)
                national.setdefault(sex, []).append(cell)
                count = cell if spec.get("count_is_value") else ""
                lines.append(f"{period.code},{code}," + (f"{sex}," if by_sex else "") + f"{cell},{count}")
        for sex, cells in national.items():
            if additive:
                total = sum(cells)
            else:
                total = round(
                    sum(c * WEIGHTS[p[0]] for c, p in zip(cells, PROVINCES, strict=True)) / total_weight, decimals
                )
            count = total if spec.get("count_is_value") else ""
            lines.append(f"{period.code},IR," + (f"{sex}," if by_sex else "") + f"{total},{count}")
        if by_sex:  # both sexes: the sum of men and women, for each province and the country
            codes = [code for code, _fa, _en in PROVINCES] + ["IR"]
            male, female = national["M"] + [sum(national["M"])], national["F"] + [sum(national["F"])]
            for code, m, f in zip(codes, male, female, strict=True):
                count = m + f if spec.get("count_is_value") else ""
                lines.append(f"{period.code},{code},T,{m + f},{count}")
    return "\n".join(lines) + "\n"


# The identity card's source and contact in English (the Persian is in each spec).
SOURCE_EN = {
    "سامانهٔ جامع بیمه‌شدگان (انبارهٔ داده)": "Insured persons system (data warehouse)",
    "سامانهٔ بیمهٔ بیکاری": "Unemployment insurance system",
    "سامانهٔ جامع تعاون": "Cooperatives system",
    "سامانهٔ بازرسی کار": "Labour inspection system",
    "سامانهٔ مستمری": "Pensions system",
    "سامانهٔ جامع بهزیستی": "State Welfare Organization clients system",
    "طرح هزینه و درآمد خانوار (پردازش وزارت)": "Household income and expenditure survey (ministry processing)",
    "سامانهٔ آموزش فنی و حرفه‌ای": "Technical and vocational training system",
    "سامانهٔ حقوق و مزایای صندوق": "Pension fund payroll system",
    "سامانهٔ بازرسی کار و سامانهٔ بیمه‌شدگان": "Labour inspection and insured persons systems",
}
CONTACT_FA = "دفتر آمار و اطلاعات راهبردی (نمایشی)"
CONTACT_EN = "Office of Statistics and Strategic Information (demo)"


def ensure_indicator(spec: dict, order: int) -> Indicator:
    norm = spec.get("norm") or (None, None, None)
    indicator, _ = Indicator.objects.update_or_create(
        code=spec["code"],
        defaults={
            "name_fa": spec["name_fa"],
            "name_en": spec["name_en"],
            "unit_fa": spec["unit_fa"],
            "unit_en": spec["unit_en"],
            "periodicity": spec["periodicity"],
            "decimals": spec.get("decimals", 0),
            "definition_fa": spec["definition_fa"],
            "definition_en": spec["definition_en"],
            "method_fa": spec["method_fa"],
            "method_en": spec["method_en"],
            "source_system": spec["source"],
            "source_system_en": SOURCE_EN.get(spec["source"], ""),
            "producer": Code.objects.filter(code_list__code="organisation", code=spec["producer"]).first(),
            "contact_name": CONTACT_FA,
            "contact_name_en": CONTACT_EN,
            "contact_email": "amar@mcls.gov.ir",
            "standards_fa": spec.get("standards_fa", ""),
            "standards_en": spec.get("standards_en", ""),
            "norm_lower": norm[0],
            "norm_upper": norm[1],
            "higher_is_better": norm[2],
            "release_series": "indicator_update" if spec["periodicity"] == 12 else "yearbook",
            "notes_fa": DEMO_NOTE_FA,
            "notes_en": DEMO_NOTE_EN,
            "is_additive": spec.get("additive", True),
            "is_headline": spec.get("headline", False),
            "is_key": True,
            "is_demo": True,
            "sort_order": order,
            "topics": codes_to_db(spec["topics"]),
        },
    )
    for position, list_code in enumerate(spec["dims"], start=1):
        IndicatorDimension.objects.get_or_create(
            indicator=indicator, code_list=CodeList.objects.get(code=list_code), defaults={"position": position}
        )
    indicator.__dict__.pop("dimension_lists", None)
    return indicator


INDEX_FA = {"title": "نماگرها", "intro": "نماگرهای کلیدی وزارت و سازمان‌های وابسته، با شناسنامه و داده‌های قابل دریافت."}
DASHBOARD_FA = {"title": "داشبورد مدیریتی", "intro": "نماگرهای کلیدی در برابر حد بهینه (نرم) هر کدام."}
PAGES_EN = {
    INDEX_FA["title"]: "Indicators",
    INDEX_FA[
        "intro"
    ]: "Key indicators of the ministry and its organisations, with identity cards and downloadable data.",
    DASHBOARD_FA["title"]: "Management dashboard",
    DASHBOARD_FA["intro"]: "Key indicators against the norm (optimal level) of each.",
}


def load(context):
    from core.pages import child_page
    from core.translation import translate
    from indicators.importer import run_import

    ensure_code_lists()
    for order, spec in enumerate(INDICATORS):
        indicator = ensure_indicator(spec, order)
        if Observation.objects.filter(indicator=indicator).exists():
            continue
        report = run_import(io.BytesIO(demo_csv(spec).encode()), indicator=indicator, name="demo.csv")
        if not report.ok:  # pragma: no cover - the generator is tested
            raise RuntimeError(report.as_text())
        context.log(f"indicators: {indicator.code}: {report.rows_created} demo observations")
    index = child_page(context.home_fa, IndicatorIndexPage, "indicators", show_in_menus=True, **INDEX_FA)
    translate(index, PAGES_EN)
    dashboard = child_page(context.home_fa, DashboardPage, "dashboard", show_in_menus=True, **DASHBOARD_FA)
    translate(dashboard, PAGES_EN)
