"""This app's part of `manage.py load_demo`: about ten datasets of the ministry
and its organisations, in Persian and English, with variables and small
synthetic microdata files (clearly marked demo). Idempotent."""

import csv
import datetime as dt
import io
import random

from django.core.files.base import ContentFile

from catalog.enums import AccessLevel, Unit, VariableType
from catalog.models import CatalogIndexPage, DataFile, Dataset, Variable
from core.pages import child_page
from core.taxonomy import Periodicity
from core.translation import translate

from .datasets import DATASETS

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
