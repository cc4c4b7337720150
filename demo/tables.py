"""This app's part of `manage.py load_demo`: the table builder and API guide pages,
in Persian with their English translations."""

from tables.models import ApiGuidePage, GlossaryPage, MethodologyPage, TableBuilderPage

TABLES_FA = {
    "title": "جدول‌ساز",
    "intro": "نماگر، کدها و دوره‌ها را برگزینید، جدول را بچرخانید و در قالب‌های باز دریافت کنید.",
}
API_FA = {
    "title": "راهنمای API داده",
    "intro": "داده‌های منتشرشده را با برنامه بخوانید: JSON، CSV، JSON-stat و SDMX-CSV.",
}
GLOSSARY_FA = {"title": "واژه‌نامه", "intro": "واژه‌های درگاه آمار، به فارسی و انگلیسی، با تعریف."}
METHODOLOGY_FA = {
    "title": "روش‌شناسی",
    "intro": "منبع، پوشش، روش محاسبه، بازنگری و یادداشت‌های کیفیت هر خانوادهٔ نماگر، از شناسنامه‌های آن‌ها.",
}
REVISIONS_FA = {"title": "سیاست بازنگری", "intro": "چه وقت و چگونه ارقام منتشرشده بازنگری می‌شوند."}
REVISIONS_BODY = [
    ("heading", "ارقام موقت و بازنگری‌شده"),
    (
        "paragraph",
        "<p>ارقام تازه با نشان p (موقت) منتشر می‌شوند و با رسیدن داده‌های کامل‌تر، در انتشار بعدی تقویم بازنگری و "
        "با نشان r مشخص می‌شوند. هیچ رقمی بیرون از تقویم انتشار تغییر نمی‌کند، "
        "مگر برای اصلاح خطا که با توضیح اعلام می‌شود.</p>",
    ),
]
RELEASE_POLICY_FA = {"title": "سیاست انتشار", "intro": "آنچه تقویم انتشار وعده می‌دهد."}
RELEASE_BODY = [
    ("heading", "هم‌زمان برای همه"),
    (
        "paragraph",
        "<p>تاریخ و دقیقهٔ هر انتشار از پیش در تقویم اعلام می‌شود. هیچ رقمی پیش از آن دقیقه در دسترس هیچ‌کس نیست "
        "و در آن دقیقه برای همه هم‌زمان منتشر می‌شود. هر تغییر تاریخ با دلیل آن در تقویم ثبت می‌شود.</p>",
    ),
]
PAGES_EN = {
    GLOSSARY_FA["title"]: "Glossary",
    GLOSSARY_FA["intro"]: "The portal's terms in Persian and English, with definitions.",
    METHODOLOGY_FA["title"]: "Methodology",
    METHODOLOGY_FA["intro"]: "Source, coverage, method, revisions and quality notes of each indicator family, "
    "from their identity cards.",
    REVISIONS_FA["title"]: "Revisions policy",
    REVISIONS_FA["intro"]: "When and how published figures are revised.",
    REVISIONS_BODY[0][1]: "Provisional and revised figures",
    REVISIONS_BODY[1][1][3:-4]: "New figures are published marked p (provisional); when more complete data arrive they "
    "are revised at the next release in the calendar and marked r. No figure changes outside the release calendar, "
    "except to correct an error, which is announced with an explanation.",
    RELEASE_POLICY_FA["title"]: "Release policy",
    RELEASE_POLICY_FA["intro"]: "What the release calendar promises.",
    RELEASE_BODY[0][1]: "At the same time for everyone",
    RELEASE_BODY[1][1][3:-4]: "The date and minute of every release is announced in advance in the calendar. No "
    "figure is available to anyone before that minute, and at that minute it is published to everyone at once. "
    "Every change of date is recorded in the calendar with its reason.",
    TABLES_FA["title"]: "Table builder",
    TABLES_FA["intro"]: "Choose an indicator, codes and periods, pivot the table and download it in open formats.",
    API_FA["title"]: "Data API guide",
    API_FA["intro"]: "Read the released figures from your programs: JSON, CSV, JSON-stat and SDMX-CSV.",
}


def load(context):
    from core.pages import child_page
    from core.translation import translate

    tables = child_page(context.home_fa, TableBuilderPage, "tables", show_in_menus=True, **TABLES_FA)
    translate(tables, PAGES_EN)
    guide = child_page(context.home_fa, ApiGuidePage, "api", show_in_menus=False, **API_FA)
    translate(guide, PAGES_EN)
    translate(child_page(context.home_fa, GlossaryPage, "glossary", **GLOSSARY_FA), PAGES_EN)
    translate(child_page(context.home_fa, MethodologyPage, "methodology", **METHODOLOGY_FA), PAGES_EN)
    from home.models import StandardPage

    for slug, fields, body in [
        ("revisions-policy", REVISIONS_FA, REVISIONS_BODY),
        ("release-policy", RELEASE_POLICY_FA, RELEASE_BODY),
    ]:
        translate(child_page(context.home_fa, StandardPage, slug, body=body, **fields), PAGES_EN)
