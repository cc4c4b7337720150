"""Step 2 of 3: each dataset's topic slug and organisation become the shared
codes (core.taxonomy; organisations are the `organisation` code list's codes).
The way back recreates the topics and organisations the codes name."""

from django.db import migrations

TOPICS = {
    "labour_market": ("بازار کار", "Labour market"),
    "employment": ("اشتغال و بیکاری", "Employment and unemployment"),
    "wages": ("دستمزد و هزینهٔ نیروی کار", "Wages and labour costs"),
    "social_security": ("تأمین اجتماعی و بیمه", "Social security and insurance"),
    "welfare": ("رفاه و حمایت اجتماعی", "Social welfare and support"),
    "poverty": ("فقر و درآمد", "Poverty and income"),
    "cooperatives": ("تعاون", "Cooperatives"),
    "skills": ("آموزش فنی و حرفه‌ای", "Technical and vocational training"),
    "workplace_safety": ("ایمنی و بازرسی کار", "Workplace safety and inspection"),
    "pensions": ("مستمری و بازنشستگی", "Pensions"),
}
OLD_TOPICS = {
    "social-insurance": "social_security",
    "labour": "labour_market",
    "safety": "workplace_safety",
    "training": "skills",
}
ORGANISATIONS = {"MCLS", "SSO", "SWO", "CSPF", "TVTO", "LIS", "COOP", "WELF", "EMPL", "PROV", "CDF"}


def topic_code(slug):
    code = OLD_TOPICS.get(slug, slug.replace("-", "_"))
    return code if code in TOPICS else ""


def organisation_code(org):
    for candidate in (org.abbreviation, org.slug):
        if (candidate or "").upper() in ORGANISATIONS:
            return candidate.upper()
    return ""


def forward(apps, schema_editor):
    Dataset = apps.get_model("catalog", "Dataset")
    for ds in Dataset.objects.select_related("topic", "organisation"):
        Dataset.objects.filter(pk=ds.pk).update(
            topic_code=topic_code(ds.topic.slug) if ds.topic_id else "",
            organisation_code=organisation_code(ds.organisation) if ds.organisation_id else "",
        )


def backward(apps, schema_editor):
    Dataset = apps.get_model("catalog", "Dataset")
    Topic = apps.get_model("catalog", "Topic")
    Organisation = apps.get_model("catalog", "Organisation")
    for ds in Dataset.objects.all():
        fa, en = TOPICS.get(ds.topic_code, (ds.topic_code, ds.topic_code))
        topic, _ = Topic.objects.get_or_create(slug=ds.topic_code or "unknown", defaults={"name_fa": fa, "name_en": en})
        code = ds.organisation_code or "MCLS"
        org, _ = Organisation.objects.get_or_create(
            slug=code.lower(), defaults={"name_fa": code, "name_en": code, "abbreviation": code}
        )
        Dataset.objects.filter(pk=ds.pk).update(topic=topic, organisation=org)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_dataset_topic_and_organisation_codes")]

    operations = [migrations.RunPython(forward, backward)]
