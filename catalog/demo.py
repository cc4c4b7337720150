"""This app's part of `manage.py load_demo`: about ten datasets of the ministry
and its organisations, in Persian and English, with variables and small
synthetic microdata files (clearly marked demo). Idempotent."""

import csv
import datetime as dt
import io
import random

from django.core.files.base import ContentFile

from core.taxonomy import Periodicity
from home.demo import child_page, translate

from .enums import AccessLevel, Unit, VariableType
from .models import CatalogIndexPage, DataFile, Dataset, Variable

PROVINCE = ("province", "استان محل کار", "Province of work", VariableType.CATEGORICAL, "تقسیمات کشوری (کد استان)")
SEX = ("sex", "جنس", "Sex", VariableType.CATEGORICAL, "1=مرد 2=زن")
AGE = ("age", "سن (سال تمام)", "Age (completed years)", VariableType.NUMERIC, "")
ISIC = ("isic4", "فعالیت اقتصادی کارگاه", "Economic activity of the workshop", VariableType.CATEGORICAL, "ISIC Rev.4")
ISCO = ("isco08", "گروه شغلی", "Occupation group", VariableType.CATEGORICAL, "ISCO-08")
MONTH = ("period", "ماه (سال-ماه شمسی)", "Month (Jalali year-month)", VariableType.DATE, "")
PIN = ("pid", "شناسهٔ فرد (مستعار)", "Person ID (pseudonymised)", VariableType.IDENTIFIER, "")
BIN = ("workshop_id", "کد کارگاه (مستعار)", "Workshop code (pseudonymised)", VariableType.IDENTIFIER, "")

DATASETS = [
    {
        "slug": "sso-insured-persons",
        "title_fa": "بیمه‌شدگان اصلی تأمین اجتماعی",
        "title_en": "Social security insured persons",
        "description_fa": "ریزدادهٔ ماهانهٔ بیمه‌شدگان اصلی سازمان تأمین اجتماعی به تفکیک نوع بیمه، فعالیت "
        "اقتصادی کارگاه، استان، جنس و سن، برگرفته از سامانهٔ لیست حق بیمه.",
        "description_en": "Monthly microdata on the Social Security Organization's main insured persons by type "
        "of insurance, economic activity of the workshop, province, sex and age, from the contribution-list system.",
        "keywords": "بیمه شده, حق بیمه, insured, contributions",
        "topic": "social_security",
        "org": "SSO",
        "source_system": "سامانهٔ لیست حق بیمهٔ کارفرمایان",
        "unit": Unit.PERSON,
        "start": "1395-01",
        "access": AccessLevel.LICENSED,
        "standards": "ISIC Rev.4, ISCO-08, تقسیمات کشوری",
        "vars": [
            PIN,
            MONTH,
            SEX,
            AGE,
            PROVINCE,
            ISIC,
            (
                "insurance_type",
                "نوع بیمه",
                "Type of insurance",
                VariableType.CATEGORICAL,
                "اجباری، اختیاری، مشاغل آزاد",
            ),
            ("wage", "دستمزد مشمول کسر حق بیمه (ریال)", "Insurable wage (rials)", VariableType.NUMERIC, ""),
            ("days_worked", "روزهای کارکرد", "Days worked", VariableType.NUMERIC, ""),
        ],
    },
    {
        "slug": "unemployment-insurance-claims",
        "title_fa": "متقاضیان و مستمری‌بگیران بیمهٔ بیکاری",
        "title_en": "Unemployment insurance claims",
        "description_fa": "پرونده‌های درخواست مقرری بیمهٔ بیکاری: تاریخ درخواست، علت بیکاری، مدت استحقاق و "
        "وضعیت پرداخت، به تفکیک استان و فعالیت اقتصادی آخرین کارگاه.",
        "description_en": "Unemployment insurance benefit claims: claim date, reason for unemployment, entitlement "
        "period and payment status, by province and economic activity of the last workshop.",
        "keywords": "بیمه بیکاری, مقرری, unemployment benefit",
        "topic": "labour_market",
        "org": "MCLS",
        "source_system": "سامانهٔ جامع بیمهٔ بیکاری",
        "unit": Unit.PERSON,
        "start": "1396-01",
        "access": AccessLevel.LICENSED,
        "standards": "ISIC Rev.4, تقسیمات کشوری",
        "vars": [
            PIN,
            MONTH,
            SEX,
            AGE,
            PROVINCE,
            ISIC,
            (
                "reason",
                "علت بیکاری",
                "Reason for unemployment",
                VariableType.CATEGORICAL,
                "تعدیل، پایان قرارداد، تعطیلی کارگاه",
            ),
            ("entitlement_months", "مدت استحقاق (ماه)", "Entitlement (months)", VariableType.NUMERIC, ""),
            ("benefit", "مبلغ مقرری ماهانه (ریال)", "Monthly benefit (rials)", VariableType.NUMERIC, ""),
        ],
    },
    {
        "slug": "cooperatives-register",
        "title_fa": "ثبت تعاونی‌ها",
        "title_en": "Cooperatives register",
        "description_fa": "فهرست تعاونی‌های ثبت‌شده با نوع و گرایش تعاونی، تعداد اعضا، سرمایه، اشتغال و "
        "وضعیت فعالیت، به تفکیک استان و شهرستان.",
        "description_en": "Register of cooperatives with their type and field, members, capital, employment "
        "and activity status, by province and county.",
        "keywords": "تعاونی, شرکت تعاونی, cooperative",
        "topic": "cooperatives",
        "org": "MCLS",
        "source_system": "سامانهٔ ملی تعاونی‌ها",
        "unit": Unit.BUSINESS,
        "start": "1390",
        "periodicity": Periodicity.MONTHLY,
        "access": AccessLevel.OPEN,
        "standards": "ISIC Rev.4, تقسیمات کشوری",
        "vars": [
            ("coop_id", "شناسهٔ تعاونی", "Cooperative ID", VariableType.IDENTIFIER, ""),
            PROVINCE,
            ("county", "شهرستان", "County", VariableType.CATEGORICAL, "تقسیمات کشوری (کد شهرستان)"),
            ("coop_type", "نوع تعاونی", "Type of cooperative", VariableType.CATEGORICAL, "تولیدی، توزیعی، خدماتی"),
            ("members", "تعداد اعضا", "Members", VariableType.NUMERIC, ""),
            ("jobs", "اشتغال", "Jobs", VariableType.NUMERIC, ""),
        ],
    },
    {
        "slug": "welfare-recipients",
        "title_fa": "مددجویان تحت پوشش بهزیستی",
        "title_en": "Welfare recipients",
        "description_fa": "مددجویان تحت پوشش سازمان بهزیستی کشور به تفکیک نوع خدمت (مستمری، توان‌بخشی، "
        "مسکن)، نوع معلولیت، استان، جنس و سن.",
        "description_en": "Recipients covered by the State Welfare Organization by type of service (allowance, "
        "rehabilitation, housing), type of disability, province, sex and age.",
        "keywords": "مددجو, بهزیستی, معلولیت, welfare, disability",
        "topic": "welfare",
        "org": "SWO",
        "source_system": "سامانهٔ جامع مددجویان بهزیستی",
        "unit": Unit.PERSON,
        "start": "1397-01",
        "access": AccessLevel.ENCLAVE,
        "standards": "ICF, تقسیمات کشوری",
        "vars": [
            PIN,
            MONTH,
            SEX,
            AGE,
            PROVINCE,
            ("service", "نوع خدمت", "Type of service", VariableType.CATEGORICAL, ""),
            ("disability", "نوع معلولیت", "Type of disability", VariableType.CATEGORICAL, "ICF"),
        ],
    },
    {
        "slug": "labour-inspection-records",
        "title_fa": "سوابق بازرسی کار",
        "title_en": "Labour inspection records",
        "description_fa": "بازرسی‌های انجام‌شده از کارگاه‌ها: نوع بازرسی، تخلفات مشاهده‌شده از قانون کار، "
        "حوادث ناشی از کار و اقدامات اصلاحی.",
        "description_en": "Inspections of workshops: type of inspection, breaches of the Labour Law found, "
        "occupational accidents and corrective actions.",
        "keywords": "بازرسی کار, حوادث کار, labour inspection, accidents",
        "topic": "labour_market",
        "org": "MCLS",
        "source_system": "سامانهٔ بازرسی کار",
        "unit": Unit.BUSINESS,
        "start": "1398-01",
        "access": AccessLevel.LICENSED,
        "standards": "ISIC Rev.4, ILO",
        "vars": [
            BIN,
            MONTH,
            PROVINCE,
            ISIC,
            ("inspection_type", "نوع بازرسی", "Type of inspection", VariableType.CATEGORICAL, "عادی، موردی، حادثه"),
            ("breaches", "تعداد تخلفات", "Breaches found", VariableType.NUMERIC, ""),
            ("accidents", "حوادث ناشی از کار", "Occupational accidents", VariableType.NUMERIC, ""),
        ],
    },
    {
        "slug": "sso-pensioners",
        "title_fa": "مستمری‌بگیران تأمین اجتماعی",
        "title_en": "Social security pensioners",
        "description_fa": "مستمری‌بگیران بازنشستگی، ازکارافتادگی و بازماندگان سازمان تأمین اجتماعی.",
        "description_en": "Retirement, disability and survivors' pensioners of the Social Security Organization.",
        "keywords": "بازنشسته, مستمری, pension",
        "topic": "social_security",
        "org": "SSO",
        "source_system": "سامانهٔ مستمری‌ها",
        "unit": Unit.PERSON,
        "start": "1395-01",
        "access": AccessLevel.PUBLIC_USE,
        "standards": "تقسیمات کشوری",
        "vars": [
            PIN,
            MONTH,
            SEX,
            AGE,
            PROVINCE,
            (
                "pension_type",
                "نوع مستمری",
                "Type of pension",
                VariableType.CATEGORICAL,
                "بازنشستگی، ازکارافتادگی، بازماندگان",
            ),
            ("pension", "مبلغ مستمری (ریال)", "Pension amount (rials)", VariableType.NUMERIC, ""),
        ],
    },
    {
        "slug": "cspf-retirees",
        "title_fa": "بازنشستگان صندوق بازنشستگی کشوری",
        "title_en": "Civil servants' pension fund retirees",
        "description_fa": "بازنشستگان و وظیفه‌بگیران صندوق بازنشستگی کشوری به تفکیک دستگاه محل خدمت.",
        "description_en": "Retirees and survivors of the Civil Servants Pension Fund by former employing agency.",
        "keywords": "بازنشستگی کشوری, retirees",
        "topic": "social_security",
        "org": "CSPF",
        "source_system": "سامانهٔ حقوق و مزایای بازنشستگان",
        "unit": Unit.PERSON,
        "start": "1396",
        "periodicity": Periodicity.QUARTERLY,
        "cadence": Periodicity.QUARTERLY,
        "access": AccessLevel.NOT_AVAILABLE,
        "vars": [PIN, SEX, AGE, PROVINCE],
    },
    {
        "slug": "tvto-trainees",
        "title_fa": "کارآموزان آموزش فنی و حرفه‌ای",
        "title_en": "Technical and vocational trainees",
        "description_fa": "کارآموزان دوره‌های آموزش فنی و حرفه‌ای به تفکیک رشته، نوع مرکز، استان و نتیجهٔ آزمون.",
        "description_en": "Trainees of technical and vocational courses by trade, type of centre, province and "
        "test result.",
        "keywords": "مهارت, کارآموز, آموزش فنی, training",
        "topic": "skills",
        "org": "TVTO",
        "source_system": "سامانهٔ آموزش و سنجش مهارت",
        "unit": Unit.PERSON,
        "start": "1398",
        "access": AccessLevel.PUBLIC_USE,
        "standards": "ISCO-08",
        "vars": [
            PIN,
            SEX,
            AGE,
            PROVINCE,
            ISCO,
            ("passed", "قبولی در آزمون", "Passed the test", VariableType.CATEGORICAL, "0=خیر 1=بله"),
        ],
    },
    {
        "slug": "workshops-register",
        "title_fa": "کارگاه‌های مشمول قانون کار",
        "title_en": "Workshops covered by the Labour Law",
        "description_fa": "کارگاه‌های دارای بیمه‌شده به تفکیک اندازه، فعالیت اقتصادی و استان (سطح کارگاه).",
        "description_en": "Workshops with insured workers by size, economic activity and province (workshop-level).",
        "keywords": "کارگاه, قانون کار, workshop",
        "topic": "labour_market",
        "org": "SSO",
        "source_system": "سامانهٔ کارگاه‌ها",
        "unit": Unit.BUSINESS,
        "start": "1395-01",
        "access": AccessLevel.LICENSED,
        "standards": "ISIC Rev.4",
        "vars": [
            BIN,
            MONTH,
            PROVINCE,
            ISIC,
            ("workers", "تعداد بیمه‌شدگان", "Insured workers", VariableType.NUMERIC, ""),
        ],
    },
    {
        "slug": "county-welfare-indicators",
        "title_fa": "نماگرهای رفاهی شهرستان‌ها",
        "title_en": "County welfare indicators",
        "description_fa": "نماگرهای رفاهی در سطح شهرستان (دادهٔ مکانی تجمیعی): پوشش بیمه، مددجویان و "
        "تعاونی‌ها به ازای هر هزار نفر.",
        "description_en": "Welfare indicators at county level (aggregated place data): insurance coverage, welfare "
        "recipients and cooperatives per thousand population.",
        "keywords": "شهرستان, نماگر, county, indicators",
        "topic": "welfare",
        "org": "MCLS",
        "source_system": "انبارهٔ دادهٔ وزارت",
        "unit": Unit.PLACE,
        "start": "1398",
        "periodicity": Periodicity.ANNUAL,
        "cadence": Periodicity.ANNUAL,
        "access": AccessLevel.OPEN,
        "standards": "تقسیمات کشوری",
        "vars": [
            ("county", "شهرستان", "County", VariableType.CATEGORICAL, "تقسیمات کشوری"),
            ("coverage_rate", "نرخ پوشش بیمه (درصد)", "Insurance coverage rate (%)", VariableType.NUMERIC, ""),
            ("recipients_per_1000", "مددجو در هر هزار نفر", "Recipients per 1,000", VariableType.NUMERIC, ""),
        ],
    },
]

INDEX_FA = {
    "title": "داده‌نما",
    "intro": "<p>فهرست مجموعه‌داده‌های وزارت و سازمان‌های وابسته: شرح، متغیرها، پوشش زمانی و مکانی و "
    "سطح دسترسی هر مجموعه. ریزداده‌های محرمانه فقط به پژوهشگرانی داده می‌شود که درخواستشان تأیید شده است.</p>",
}
INDEX_EN = {
    "داده‌نما": "Data catalog",
    INDEX_FA["intro"]: "<p>The datasets of the ministry and its affiliated organisations: description, variables, "
    "time and geographic coverage and the access level of each. Confidential microdata is given only to "
    "researchers whose application has been approved.</p>",
}


def _synthetic_csv(ds, rows=60, seed=0):
    """A tiny made-up table with the dataset's variable names. Clearly demo."""
    rng = random.Random(f"{ds.slug}-{seed}")
    names = [v.name for v in ds.variables.all()]
    out = io.StringIO()
    out.write("# SYNTHETIC DEMO DATA - NOT OFFICIAL - داده‌های ساختگی نمایشی\n")
    writer = csv.writer(out)
    writer.writerow(names)
    for i in range(rows):
        row = []
        for name in names:
            if name in ("pid", "workshop_id", "coop_id"):
                row.append(f"DEMO{seed}{i:05d}")
            elif name == "period":
                row.append(f"1402-{rng.randint(1, 12):02d}")
            elif name == "sex":
                row.append(rng.choice([1, 2]))
            elif name == "age":
                row.append(rng.randint(18, 75))
            elif name in ("province", "county"):
                row.append(rng.randint(1, 31))
            else:
                row.append(rng.randint(0, 500))
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


# English for the single-language demo fields (source, standards, code lists).
EN_TERMS = {
    "سامانهٔ لیست حق بیمهٔ کارفرمایان": "Employers' contribution-list system",
    "سامانهٔ جامع بیمهٔ بیکاری": "Unemployment insurance system",
    "سامانهٔ ملی تعاونی‌ها": "National cooperatives system",
    "سامانهٔ جامع مددجویان بهزیستی": "State Welfare Organization clients system",
    "سامانهٔ بازرسی کار": "Labour inspection system",
    "سامانهٔ مستمری‌ها": "Pensions system",
    "سامانهٔ حقوق و مزایای بازنشستگان": "Retirees' payroll system",
    "سامانهٔ آموزش و سنجش مهارت": "Training and skills assessment system",
    "سامانهٔ کارگاه‌ها": "Workshops system",
    "انبارهٔ دادهٔ وزارت": "The ministry's data warehouse",
    "تقسیمات کشوری (کد استان)": "Country divisions (province code)",
    "تقسیمات کشوری (کد شهرستان)": "Country divisions (county code)",
    "تقسیمات کشوری": "Country divisions",
    "1=مرد 2=زن": "1=male 2=female",
    "0=خیر 1=بله": "0=no 1=yes",
    "تولیدی، توزیعی، خدماتی": "production, distribution, services",
    "عادی، موردی، حادثه": "routine, ad hoc, accident",
    "اجباری، اختیاری، مشاغل آزاد": "compulsory, voluntary, self-employed",
    "دفتر آمار و اطلاعات راهبردی": "Office of Statistics and Strategic Information",
}


def english(text: str) -> str:
    """The English of a demo term; a comma-separated list is translated item by item."""
    if text in EN_TERMS:
        return EN_TERMS[text]
    return ", ".join(EN_TERMS.get(part.strip(), part.strip()) for part in text.split(",")) if text else ""


def ensure_english(ds):
    """Fill the English of a demo dataset loaded before these fields existed."""
    ds.source_system_en = english(ds.source_system)
    ds.standards_en = english(ds.standards)
    ds.contact_name_en = english(ds.contact_name)
    ds.save()
    for var in ds.variables.all():
        if var.code_list and not var.code_list_en:
            var.code_list_en = english(var.code_list)
            var.save()


def ensure_catalog_data():
    today = dt.date(2026, 11, 1)
    for n, spec in enumerate(DATASETS):
        ds = Dataset.objects.filter(slug=spec["slug"]).first()
        if ds is None:
            ds = Dataset(
                slug=spec["slug"],
                title_fa=spec["title_fa"],
                title_en=spec["title_en"],
                description_fa=spec["description_fa"],
                description_en=spec["description_en"],
                keywords=spec["keywords"],
                topic=spec["topic"],
                organisation=spec["org"],
                source_system=spec["source_system"],
                unit=spec["unit"],
                geographic_level_fa="شهرستان" if spec["unit"] == Unit.PLACE else "استان",
                geographic_level_en="county" if spec["unit"] == Unit.PLACE else "province",
                time_coverage_start=spec["start"],
                periodicity=spec.get("periodicity", Periodicity.MONTHLY),
                update_cadence=spec.get("cadence", Periodicity.MONTHLY),
                last_updated=today - dt.timedelta(days=9 * n),
                access_level=spec["access"],
                standards=spec.get("standards", ""),
                contact_name="دفتر آمار و اطلاعات راهبردی",
                contact_email="amar@mcls.gov.ir",
                is_demo=True,
            )
            ds.save()
            for order, (name, label_fa, label_en, vtype, codes) in enumerate(spec["vars"]):
                Variable.objects.create(
                    dataset=ds,
                    name=name,
                    label_fa=label_fa,
                    label_en=label_en,
                    var_type=vtype,
                    code_list=codes,
                    is_direct_identifier=vtype == VariableType.IDENTIFIER,
                    sort_order=order,
                )
            ds.save()  # search text now includes the variables
        if not ds.source_system_en:
            ensure_english(ds)
        if ds.access_level != AccessLevel.NOT_AVAILABLE and not ds.files.exists():
            for seed, period in enumerate(["1401", "1402"]):
                data_file = DataFile(
                    dataset=ds,
                    title_fa=f"ریزدادهٔ ساختگی نمایشی {period}",
                    title_en=f"Synthetic demo microdata {period}",
                    access_level=ds.access_level,
                    period=period,
                    is_demo=True,
                )
                data_file.file.save(
                    f"{ds.slug}-{period}-DEMO.csv", ContentFile(_synthetic_csv(ds, seed=seed)), save=False
                )
                data_file.save()


def load(context):
    ensure_catalog_data()
    index = child_page(context.home_fa, CatalogIndexPage, "catalog", show_in_menus=True, **INDEX_FA)
    translate(index, INDEX_EN)
    context.log(f"catalog: {Dataset.objects.count()} datasets, {DataFile.objects.count()} demo files")
