"""This app's part of `manage.py load_demo`: code lists, a dozen indicators of the
ministry's field with their identity cards, several years of DEMO figures by
province (generated plausibly, labelled demo everywhere), the indicators index
page and the dashboard. Idempotent: an indicator that has observations keeps them."""

from __future__ import annotations

import io
import math
import random

from core.taxonomy import codes_to_db
from iran.periods import Period

from .codelists import PROVINCES, ensure_code_lists
from .models import Code, CodeList, DashboardPage, Indicator, IndicatorDimension, IndicatorIndexPage, Observation

# Approximate population weights of the provinces (millions), for plausible shares.
WEIGHTS = {
    "00": 1.4, "01": 2.5, "02": 3.3, "03": 3.9, "04": 3.3, "05": 2.0, "06": 4.7, "07": 4.9, "08": 3.2, "09": 6.4,
    "10": 5.1, "11": 2.8, "12": 1.6, "13": 1.7, "14": 0.95, "15": 1.8, "16": 0.58, "17": 0.71, "18": 1.2, "19": 1.1,
    "20": 0.7, "21": 1.1, "22": 1.8, "23": 13.3, "24": 1.3, "25": 1.3, "26": 1.3, "27": 1.9, "28": 0.86, "29": 0.77,
    "30": 2.7,
}  # fmt: skip

DEMO_NOTE_FA = "ارقام این نماگر در نسخهٔ نمایشی ساختگی هستند و رسمی نیستند."
DEMO_NOTE_EN = "The figures of this indicator in the demo are made up and are not official."

# code, fa, en, unit fa, unit en, periodicity, dims, producer, topics, base (national), yearly growth,
# female share (when by sex), decimals, additive, norm (lower, upper, higher better), headline, definition fa/en
INDICATORS = [
    {
        "code": "insured-persons",
        "name_fa": "بیمه‌شدگان اصلی تأمین اجتماعی",
        "name_en": "Main insured persons of the Social Security Organization",
        "unit_fa": "نفر",
        "unit_en": "persons",
        "periodicity": 12,
        "dims": ["province"],
        "producer": "SSO",
        "topics": ["social_security"],
        "base": 15_400_000,
        "growth": 0.025,
        "norm": (15_000_000, None, True),
        "headline": True,
        "definition_fa": "شمار افرادی که در پایان ماه به‌عنوان بیمه‌شدهٔ اصلی حق بیمه پرداخت کرده‌اند.",
        "definition_en": "Number of persons for whom contributions were paid as main insured at the end of the month.",
        "method_fa": "شمارش کدهای ملی یکتای بیمه‌شدگان دارای سابقهٔ پرداخت در ماه، به تفکیک استان محل کارگاه.",
        "method_en": "Count of unique national IDs with a paid contribution in the month, by the workshop's province.",
        "source": "سامانهٔ جامع بیمه‌شدگان (انبارهٔ داده)",
    },
    {
        "code": "unemployment-insurance",
        "name_fa": "مقرری‌بگیران بیمهٔ بیکاری",
        "name_en": "Unemployment insurance recipients",
        "unit_fa": "نفر",
        "unit_en": "persons",
        "periodicity": 12,
        "dims": ["province", "sex"],
        "producer": "EMPL",
        "topics": ["labour_market", "social_security"],
        "base": 185_000,
        "growth": -0.03,
        "female": 0.24,
        "norm": (None, 200_000, False),
        "headline": True,
        "definition_fa": "شمار افرادی که در ماه مقرری بیمهٔ بیکاری دریافت کرده‌اند.",
        "definition_en": "Number of persons paid an unemployment insurance benefit in the month.",
        "method_fa": "شمارش کدهای ملی یکتا در فهرست پرداخت مقرری ماه.",
        "method_en": "Count of unique national IDs on the month's benefit payroll.",
        "source": "سامانهٔ بیمهٔ بیکاری",
    },
    {
        "code": "active-cooperatives",
        "name_fa": "تعاونی‌های فعال",
        "name_en": "Active cooperatives",
        "unit_fa": "تعاونی",
        "unit_en": "cooperatives",
        "periodicity": 1,
        "dims": ["province"],
        "producer": "COOP",
        "topics": ["cooperatives"],
        "base": 92_000,
        "growth": 0.018,
        "norm": (90_000, None, True),
        "headline": True,
        "definition_fa": "تعاونی‌های ثبت‌شده‌ای که در سال گزارش فعالیت اقتصادی داشته‌اند.",
        "definition_en": "Registered cooperatives that were economically active in the reference year.",
        "method_fa": "تعاونی‌های دارای صورت‌های مالی یا اظهارنامهٔ مالیاتی در سال، بر پایهٔ شناسهٔ ملی.",
        "method_en": "Cooperatives with financial statements or a tax return in the year, by legal-entity ID.",
        "source": "سامانهٔ جامع تعاون",
    },
    {
        "code": "cooperative-members",
        "name_fa": "اعضای تعاونی‌ها",
        "name_en": "Members of cooperatives",
        "unit_fa": "نفر",
        "unit_en": "persons",
        "periodicity": 1,
        "dims": ["province"],
        "producer": "COOP",
        "topics": ["cooperatives"],
        "base": 14_600_000,
        "growth": 0.012,
        "definition_fa": "شمار اعضای تعاونی‌های فعال در پایان سال.",
        "definition_en": "Number of members of active cooperatives at the end of the year.",
        "method_fa": "جمع اعضای ثبت‌شدهٔ تعاونی‌های فعال؛ هر فرد در هر تعاونی یک بار شمرده می‌شود.",
        "method_en": "Sum of registered members of active cooperatives; a person is counted once per cooperative.",
        "source": "سامانهٔ جامع تعاون",
    },
    {
        "code": "labour-inspections",
        "name_fa": "بازرسی‌های انجام‌شدهٔ کار",
        "name_en": "Labour inspections carried out",
        "unit_fa": "بازرسی",
        "unit_en": "inspections",
        "periodicity": 12,
        "dims": ["province"],
        "producer": "LIS",
        "topics": ["workplace_safety"],
        "base": 33_000,
        "growth": 0.04,
        "norm": (30_000, None, True),
        "definition_fa": "شمار بازرسی‌های کار و حفاظت فنی انجام‌شده از کارگاه‌ها در ماه.",
        "definition_en": "Number of labour and safety inspections of workshops carried out in the month.",
        "method_fa": "شمارش گزارش‌های بازرسی ثبت‌شده در سامانهٔ بازرسی کار.",
        "method_en": "Count of inspection reports filed in the labour inspection system.",
        "source": "سامانهٔ بازرسی کار",
    },
    {
        "code": "workplace-accidents",
        "name_fa": "حوادث ناشی از کار",
        "name_en": "Workplace accidents",
        "unit_fa": "حادثه",
        "unit_en": "accidents",
        "periodicity": 12,
        "dims": ["province", "sex"],
        "producer": "LIS",
        "topics": ["workplace_safety"],
        "base": 1_900,
        "growth": -0.02,
        "female": 0.04,
        "count_is_value": True,
        "norm": (None, 2_000, False),
        "headline": True,
        "definition_fa": "حوادث ناشی از کار گزارش‌شده به ادارات کار در ماه.",
        "definition_en": "Workplace accidents reported to the labour offices in the month.",
        "method_fa": "شمارش حوادث ثبت‌شده؛ خانه‌های کمتر از ۳ مورد برای حفظ محرمانگی منتشر نمی‌شوند.",
        "method_en": "Count of recorded accidents; cells under 3 are not published (confidentiality).",
        "source": "سامانهٔ بازرسی کار",
    },
    {
        "code": "pensioners",
        "name_fa": "مستمری‌بگیران تأمین اجتماعی",
        "name_en": "Social security pensioners",
        "unit_fa": "نفر",
        "unit_en": "persons",
        "periodicity": 12,
        "dims": ["province"],
        "producer": "SSO",
        "topics": ["social_security"],
        "base": 4_300_000,
        "growth": 0.055,
        "definition_fa": "شمار مستمری‌بگیران بازنشستگی، ازکارافتادگی و بازماندگان در پایان ماه.",
        "definition_en": "Number of old-age, disability and survivors' pensioners at the end of the month.",
        "method_fa": "شمارش پرونده‌های مستمری دارای پرداخت در ماه.",
        "method_en": "Count of pension files with a payment in the month.",
        "source": "سامانهٔ مستمری",
    },
    {
        "code": "welfare-recipients",
        "name_fa": "مددجویان تحت پوشش بهزیستی",
        "name_en": "Clients covered by the State Welfare Organization",
        "unit_fa": "نفر",
        "unit_en": "persons",
        "periodicity": 4,
        "dims": ["province"],
        "producer": "SWO",
        "topics": ["welfare"],
        "base": 2_150_000,
        "growth": 0.02,
        "definition_fa": "افراد دارای پروندهٔ فعال حمایتی یا توانبخشی در سازمان بهزیستی در پایان فصل.",
        "definition_en": "Persons with an active support or rehabilitation file at the end of the quarter.",
        "method_fa": "شمارش کدهای ملی یکتا در پرونده‌های فعال.",
        "method_en": "Count of unique national IDs with active files.",
        "source": "سامانهٔ جامع بهزیستی",
    },
    {
        "code": "poverty-line",
        "name_fa": "خط فقر مطلق (سرانهٔ ماهانه)",
        "name_en": "Absolute poverty line (monthly, per person)",
        "unit_fa": "هزار ریال",
        "unit_en": "thousand rials",
        "periodicity": 1,
        "dims": ["province"],
        "producer": "WELF",
        "topics": ["welfare"],
        "base": 32_000,
        "growth": 0.38,
        "additive": False,
        "spread": 0.25,
        "headline": True,
        "definition_fa": "هزینهٔ ماهانهٔ سرانهٔ لازم برای تأمین حداقل نیازهای خوراکی و غیرخوراکی.",
        "definition_en": "Monthly per-person cost of meeting minimum food and non-food needs.",
        "method_fa": "روش هزینهٔ نیازهای پایه بر پایهٔ ۲۱۰۰ کیلوکالری و ضریب انگل استانی.",
        "method_en": "Cost of basic needs at 2,100 kcal with provincial Engel coefficients.",
        "source": "طرح هزینه و درآمد خانوار (پردازش وزارت)",
        "standards_fa": "قابل مقایسه با روش هزینهٔ نیازهای پایهٔ بانک جهانی؛ ارقام به قیمت جاری.",
        "standards_en": "Comparable with the World Bank's cost-of-basic-needs method; current prices.",
    },
    {
        "code": "vocational-trainees",
        "name_fa": "کارآموزان آموزش‌های فنی و حرفه‌ای",
        "name_en": "Technical and vocational trainees",
        "unit_fa": "نفر",
        "unit_en": "persons",
        "periodicity": 1,
        "dims": ["province", "sex"],
        "producer": "TVTO",
        "topics": ["labour_market"],
        "base": 1_450_000,
        "growth": 0.03,
        "female": 0.46,
        "definition_fa": "کارآموزانی که در سال دست‌کم یک دورهٔ آموزشی را به پایان رسانده‌اند.",
        "definition_en": "Trainees who completed at least one course in the year.",
        "method_fa": "شمارش کدهای ملی یکتای دارای گواهی پایان دوره.",
        "method_en": "Count of unique national IDs holding a course certificate.",
        "source": "سامانهٔ آموزش فنی و حرفه‌ای",
    },
    {
        "code": "civil-pensioners",
        "name_fa": "بازنشستگان صندوق بازنشستگی کشوری",
        "name_en": "Civil Servants Pension Fund retirees",
        "unit_fa": "نفر",
        "unit_en": "persons",
        "periodicity": 12,
        "dims": ["province"],
        "producer": "CSPF",
        "topics": ["social_security"],
        "base": 1_480_000,
        "growth": 0.035,
        "definition_fa": "شمار بازنشستگان و وظیفه‌بگیران صندوق در پایان ماه.",
        "definition_en": "Number of retirees and survivors paid by the fund at the end of the month.",
        "method_fa": "شمارش احکام دارای پرداخت در ماه.",
        "method_en": "Count of pension awards with a payment in the month.",
        "source": "سامانهٔ حقوق و مزایای صندوق",
    },
    {
        "code": "accident-rate",
        "name_fa": "نرخ حوادث ناشی از کار (در صد هزار بیمه‌شده)",
        "name_en": "Workplace accident rate (per 100,000 insured)",
        "unit_fa": "در صد هزار نفر",
        "unit_en": "per 100,000",
        "periodicity": 1,
        "dims": ["province"],
        "producer": "LIS",
        "topics": ["workplace_safety"],
        "base": 148,
        "growth": -0.03,
        "additive": False,
        "spread": 0.3,
        "decimals": 1,
        "norm": (None, 150, False),
        "definition_fa": "شمار حوادث ناشی از کار در سال به ازای هر صد هزار بیمه‌شدهٔ اصلی.",
        "definition_en": "Workplace accidents in the year per 100,000 main insured persons.",
        "method_fa": "حوادث سال تقسیم بر میانگین بیمه‌شدگان سال، ضرب در ۱۰۰٬۰۰۰.",
        "method_en": "Accidents in the year divided by the year's average insured, times 100,000.",
        "source": "سامانهٔ بازرسی کار و سامانهٔ بیمه‌شدگان",
        "standards_fa": "هم‌راستا با تعریف سازمان بین‌المللی کار (ILO) از نرخ بروز حوادث.",
        "standards_en": "In line with the ILO definition of the incidence rate of occupational injuries.",
    },
]

LAST_MONTH = Period.month_of(1405, 6)  # the demo's latest month
MONTHS = 42
YEARS = range(1399, 1405)
QUARTERS = 14


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
    from home.demo import child_page, translate

    from .importer import run_import

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
