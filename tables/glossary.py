"""The glossary's terms: the words of the mission (MISSION.md) and of the tables'
symbols, each in Persian and English with a short definition in both."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    slug: str
    fa: str
    en: str
    definition_fa: str
    definition_en: str

    def definition(self, lang: str) -> str:
        return self.definition_en if lang == "en" else self.definition_fa


TERMS = [
    Term("release-calendar", "تقویم انتشار", "release calendar",
         "فهرست از پیش اعلام‌شدهٔ تاریخ و ساعت انتشار هر آمار؛ هیچ رقمی پیش از دقیقهٔ اعلام‌شده منتشر نمی‌شود.",
         "The list, announced in advance, of the minute each statistic is published; nothing is public before it."),
    Term("yearbook", "سالنامه آماری", "statistical yearbook",
         "مجموعهٔ سالانهٔ جدول‌های آماری کشوری، استانی یا هر سازمان وابسته.",
         "The yearly collection of statistical tables for the country, a province or an affiliated organisation."),
    Term("bulletin", "ماهنامه / بولتن آماری", "monthly / quarterly bulletin",
         "گزارش کوتاه دوره‌ای از ارقام تازه و تحلیل چرایی افزایش یا کاهش آن‌ها.",
         "A short periodic report of the latest figures and why they rose or fell."),
    Term("indicator", "نماگر / شاخص", "indicator",
         "کمیتی که با روشی تعریف‌شده از داده‌ها محاسبه و در دوره‌های منظم منتشر می‌شود.",
         "A quantity computed from data by a defined method and published at regular periods."),
    Term("identity-card", "شناسنامه نماگر", "indicator identity card (metadata)",
         "تعریف، روش محاسبه، واحد، منبع، تناوب و استانداردهای یک نماگر.",
         "An indicator's definition, method of calculation, unit, source, periodicity and standards."),
    Term("norm", "حد بهینه / نرم", "optimal level / norm (target band)",
         "بازه‌ای که مقدار نماگر باید در آن باشد؛ داشبورد مدیریتی هر نماگر را با آن می‌سنجد.",
         "The band an indicator's value should lie in; the management dashboard compares each indicator with it."),
    Term("microdata", "ریزداده", "microdata",
         "داده‌های هر فرد، کارگاه یا مکان؛ هرگز در صفحهٔ عمومی نمی‌آید و تنها به پژوهشگران مجاز داده می‌شود.",
         "Records of single persons, businesses or places; never public, given only to approved researchers."),
    Term("data-catalog", "داده‌نما", "data catalog",
         "فهرست مجموعه‌داده‌های وزارت، متغیرها، واحد، تناوب و سطح دسترسی آن‌ها.",
         "The list of the ministry's datasets, their variables, unit, cadence and access level."),
    Term("researchers-club", "باشگاه محققان", "researchers club",
         "جامعهٔ پژوهشگرانی که برای دسترسی به ریزداده درخواست می‌دهند.",
         "The community of researchers who apply for access to microdata."),
    Term("satisfaction-survey", "نظرسنجی رضایت کاربران", "user satisfaction survey",
         "پرسش فصلی از کاربران دربارهٔ کیفیت و سودمندی آمارها.",
         "The quarterly survey of users on the quality and usefulness of the statistics."),
    Term("country-divisions", "تقسیمات کشوری", "country divisions (province, county)",
         "کدهای رسمی استان و شهرستان که داده‌ها با آن‌ها به تفکیک جغرافیایی منتشر می‌شوند.",
         "The official province and county codes by which figures are broken down geographically."),
    Term("data-warehouse", "انباره داده", "data warehouse",
         "پایگاهی که داده‌های سامانه‌های عملیاتی در آن یکپارچه می‌شود و پایگاه آماری را تغذیه می‌کند.",
         "The store that integrates the operational systems' data and feeds the statistical database."),
    Term("suppressed", "پنهان‌شده (..)", "suppressed (..)",
         "خانه‌ای که از واحدهای کمتر از آستانهٔ محرمانگی شمرده شده و برای حفظ محرمانگی نشان داده نمی‌شود.",
         "A cell counted from fewer units than the disclosure threshold, not shown to protect confidentiality."),
    Term("provisional", "موقت (p)", "provisional (p)",
         "رقمی که ممکن است با رسیدن داده‌های کامل‌تر بازنگری شود.",
         "A figure that may be revised when more complete data arrive."),
    Term("revised", "بازنگری‌شده (r)", "revised (r)",
         "رقمی که پس از نخستین انتشار تغییر کرده است.",
         "A figure changed since it was first published."),
    Term("estimated", "برآوردی (e)", "estimated (e)",
         "رقمی که به جای شمارش کامل، با روش برآورد به دست آمده است.",
         "A figure obtained by an estimation method rather than a full count."),
    Term("break", "گسست در سری (b)", "break in series (b)",
         "تغییر تعریف یا روش که مقایسهٔ این رقم با رقم‌های پیشین را محدود می‌کند.",
         "A change of definition or method that limits comparison with earlier figures."),
]  # fmt: skip
