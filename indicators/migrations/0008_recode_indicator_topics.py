"""Step 2 of 3: each indicator's topic slugs become the shared topic codes
(core.taxonomy); the `organisation` code list gains the two producers the
release calendar named that it lacked (provincial directorates and the
Cooperatives Development Fund). The way back recreates the topics."""

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
    "labour": "labour_market",
    "social-insurance": "social_security",
    "safety": "workplace_safety",
    "training": "skills",
}
NEW_ORGANISATIONS = [
    ("PROV", "ادارات کل تعاون، کار و رفاه اجتماعی استان‌ها", "Provincial directorates-general"),
    ("CDF", "صندوق توسعه تعاون", "Cooperatives Development Fund"),
]


def topic_code(slug):
    code = OLD_TOPICS.get(slug, slug.replace("-", "_"))
    return code if code in TOPICS else ""


def forward(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    for indicator in Indicator.objects.prefetch_related("topics"):
        codes = list(dict.fromkeys(c for c in (topic_code(t.slug) for t in indicator.topics.all()) if c))
        value = f",{','.join(codes)}," if codes else ""
        Indicator.objects.filter(pk=indicator.pk).update(topic_codes=value)
    CodeList = apps.get_model("indicators", "CodeList")
    Code = apps.get_model("indicators", "Code")
    organisations = CodeList.objects.filter(code="organisation").first()
    if organisations is not None:
        last = Code.objects.filter(code_list=organisations).order_by("-sort_order").first()
        order = last.sort_order if last else 0
        for code, fa, en in NEW_ORGANISATIONS:
            order += 1
            Code.objects.get_or_create(
                code_list=organisations, code=code, defaults={"label_fa": fa, "label_en": en, "sort_order": order}
            )


def backward(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    Topic = apps.get_model("indicators", "Topic")
    for indicator in Indicator.objects.exclude(topic_codes=""):
        topics = []
        for code in [c for c in indicator.topic_codes.split(",") if c]:
            fa, en = TOPICS.get(code, (code, code))
            topics.append(
                Topic.objects.get_or_create(slug=code.replace("_", "-"), defaults={"name_fa": fa, "name_en": en})[0]
            )
        indicator.topics.set(topics)


class Migration(migrations.Migration):
    dependencies = [("indicators", "0007_indicator_topic_codes")]

    operations = [migrations.RunPython(forward, backward)]
