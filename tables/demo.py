"""This app's part of `manage.py load_demo`: the table builder and API guide pages,
in Persian with their English translations."""

from .models import ApiGuidePage, TableBuilderPage

TABLES_FA = {
    "title": "جدول‌ساز",
    "intro": "نماگر، کدها و دوره‌ها را برگزینید، جدول را بچرخانید و در قالب‌های باز دریافت کنید.",
}
API_FA = {
    "title": "راهنمای API داده",
    "intro": "داده‌های منتشرشده را با برنامه بخوانید: JSON، CSV، JSON-stat و SDMX-CSV.",
}
PAGES_EN = {
    TABLES_FA["title"]: "Table builder",
    TABLES_FA["intro"]: "Choose an indicator, codes and periods, pivot the table and download it in open formats.",
    API_FA["title"]: "Data API guide",
    API_FA["intro"]: "Read the released figures from your programs: JSON, CSV, JSON-stat and SDMX-CSV.",
}


def load(context):
    from home.demo import child_page, translate

    tables = child_page(context.home_fa, TableBuilderPage, "tables", show_in_menus=True, **TABLES_FA)
    translate(tables, PAGES_EN)
    guide = child_page(context.home_fa, ApiGuidePage, "api", show_in_menus=False, **API_FA)
    translate(guide, PAGES_EN)
