# ruff: noqa: E501 (demo content: long Persian and English strings)
"""This app's part of `manage.py load_demo` (after releases and indicators).
Idempotent. Every publication is labelled demo: its figures are made up.

* the 1402 national statistical yearbook (four chapters of tables and charts
  drawn from the indicators' demo observations) and its 31 provincial drafts;
* three monthly bulletins, a quarterly bulletin, an analytical report and an
  infographic, each attached to its release calendar entry."""

import datetime as dt

from django.utils import timezone

from iran.dates import tehran_datetime
from iran.text import to_persian_digits as fa

from .blocks import (
    EN,
    IR,
    block,
    block_id,
    chart_block,
    heading_block,
    headline_value,
    notice_block,
    table_block,
    text_block,
    tr,
)
from .media import infographic_image, report_document
from .yearbook import yearbook_chapters


def _release(context, slug, title_fa, kind, reference_period, when, title_en):
    """The calendar entry for a demo publication: the releases app's own entry
    for this kind and period when it has one, else one made here (in both languages)."""
    from core.pages import child_page
    from core.translation import translate
    from releases.models import ReleaseCalendarPage, ReleasePage

    existing = ReleasePage.objects.filter(locale=context.fa, kind=kind, reference_period=reference_period).first()
    if existing is not None:
        return existing
    calendar = ReleaseCalendarPage.objects.filter(locale=context.fa).first() or child_page(
        context.home_fa, ReleaseCalendarPage, "releases", title="تقویم انتشار", show_in_menus=True
    )
    entry = child_page(
        calendar, ReleasePage, slug, title=title_fa, kind=kind, status="published",
        release_at=when, reference_period=reference_period, summary="",
    )  # fmt: skip
    translate(entry, {title_fa: title_en})
    return entry


def _add(context, parent, model, slug, english, **fields):
    from core.pages import child_page
    from core.translation import translate

    page = child_page(parent, model, slug, is_demo=True, **fields)
    translate(page, {**EN, **english})
    return page


def load(context):
    from indicators.models import Indicator
    from publications import generation
    from publications.models import (
        BulletinPage,
        InfographicPage,
        PublicationIndexPage,
        ReportPage,
        YearbookChapterPage,
        YearbookPage,
    )

    if not Indicator.objects.filter(code="insured-persons").exists():
        context.log("publications: the indicators' demo data is missing; no demo publications")
        return
    from core.pages import child_page
    from core.translation import translate

    index = child_page(
        context.home_fa, PublicationIndexPage, "publications", title="انتشارات", show_in_menus=True,
        intro="سالنامه‌ها، ماهنامه‌ها، گزارش‌ها و اینفوگرافیک‌های آماری وزارت.",
    )  # fmt: skip

    translate(index, {"انتشارات": "Publications",
                      "سالنامه‌ها، ماهنامه‌ها، گزارش‌ها و اینفوگرافیک‌های آماری وزارت.":
                      "The ministry's statistical yearbooks, bulletins, reports and infographics."})  # fmt: skip

    # --- the 1402 yearbook and its provincial drafts --------------------------------
    release = _release(
        context,
        "yearbook-1402",
        "سالنامهٔ آماری ۱۴۰۲",
        "yearbook",
        "1402",
        tehran_datetime(1403, 3, 30, 10),
        "Statistical yearbook 1402",
    )
    yb_title = tr("سالنامهٔ آماری ۱۴۰۲ (نمایشی)", "Statistical yearbook 1402 (demo)")
    yb_summary = tr("آمارهای کار، تعاون و رفاه اجتماعی کشور در سال ۱۴۰۲، به تفکیک استان.",
                    "Labour, cooperative and social welfare statistics of Iran in 1402, by province.")  # fmt: skip
    national = YearbookPage.objects.filter(locale=context.fa, slug="yearbook-1402").first()
    if national is None:
        national = child_page(
            index, YearbookPage, "yearbook-1402", title=yb_title, summary=yb_summary, year=1402, release=release,
            topic="", organisation="MCLS", is_demo=True, body=[notice_block()],
        )  # fmt: skip
    for number, (title, summary, body) in enumerate(yearbook_chapters(), start=1):
        child_page(national, YearbookChapterPage, f"chapter-{number}", title=title, summary=summary, number=number,
                   release=release, body=body)  # fmt: skip
    translate(national, EN)
    for chapter in national.get_children().specific():
        translate(chapter, EN)
    result = generation.generate_provincial_yearbooks(national, user=context.admin)
    context.log(f"publications: {len(result.created)} provincial yearbook drafts generated")

    # --- bulletins ------------------------------------------------------------------------
    months = [(1405, 4), (1405, 5), (1405, 6)]
    month_names = {4: ("تیر", "Tir"), 5: ("مرداد", "Mordad"), 6: ("شهریور", "Shahrivar")}
    for year, month in months:
        period = f"{year}-{month:02d}"
        fa_month, en_month = month_names[month]
        when = tehran_datetime(year, month + 1, 20, 10)
        if when > timezone.now():
            when = timezone.now() - dt.timedelta(days=(7 - month) * 30)
        rel = _release(
            context,
            f"monthly-{period}",
            f"ماهنامهٔ آماری {fa_month} {fa(year)}",
            "monthly_bulletin",
            period,
            when,
            f"Monthly statistical bulletin, {en_month} {year}",
        )
        headlines = [
            block("headline", headline_value("insured-persons", "insured-persons", period=period, filters=IR,
                                             label=tr("بیمه‌شدگان اصلی", "Main insured persons")), block_id(f"{period}-h1")),
            block("headline", headline_value("pensioners", "pensioners", period=period, filters=IR, compare="year_before",
                                             label=tr("مستمری‌بگیران", "Pensioners")), block_id(f"{period}-h2")),
            block("headline", headline_value("labour-inspections", "labour-inspections", period=period, filters=IR,
                                             label=tr("بازرسی‌های کار", "Labour inspections")), block_id(f"{period}-h3")),
        ]  # fmt: skip
        body = [
            notice_block(),
            heading_block(f"{period}-a", "تحلیل", "Analysis"),
            text_block(f"{period}-t", f"<p>در {fa_month} {fa(year)}، شمار بیمه‌شدگان اصلی نسبت به ماه پیش تغییر اندکی داشت؛ "
                  "تغییرات فصلی اشتغال در بخش ساختمان و کشاورزی مهم‌ترین عامل آن است.</p>",
                  f"<p>In {en_month} {year} the number of main insured persons changed little on the month before; "
                  "seasonal employment in construction and agriculture explains most of it.</p>"),
            chart_block(f"{period}-c", "insured-persons", "بیمه‌شدگان اصلی در دوازده ماه گذشته",
                   "Main insured persons over the last twelve months",
                   "نمودار خطی بیمه‌شدگان اصلی کل کشور در دوازده ماه منتهی به ماه گزارش.",
                   "Line chart of main insured persons in Iran over the twelve months to the reference month.",
                   x_axis="period", periods=f"{year - 1}-{month + 1:02d}..{period}", filters=IR),
            table_block(f"{period}-tb", "insured-persons", "بیمه‌شدگان اصلی به تفکیک استان", "Main insured persons by province",
                   rows="province", columns="period", periods=f"{year - 1}-{month:02d}, {year}-{month - 1:02d}, {period}"),
        ]  # fmt: skip
        _add(
            context, index, BulletinPage, f"monthly-bulletin-{period}",
            {f"ماهنامهٔ آماری {fa_month} {fa(year)} (نمایشی)": f"Monthly statistical bulletin, {en_month} {year} (demo)",
             "مهم‌ترین ارقام کار و رفاه اجتماعی در ماه گذشته.": "The main labour and welfare figures of the past month.",
             "<ul><li>شمار بیمه‌شدگان اصلی در کل کشور اندکی افزایش یافت.</li><li>شمار بازرسی‌های کار در حد ماه پیش ماند.</li></ul>":
             "<ul><li>The number of main insured persons in Iran rose slightly.</li>"
             "<li>Labour inspections stayed at the level of the month before.</li></ul>"},
            title=f"ماهنامهٔ آماری {fa_month} {fa(year)} (نمایشی)", summary="مهم‌ترین ارقام کار و رفاه اجتماعی در ماه گذشته.",
            frequency="monthly", reference_period=period, year=year, release=rel, topic="labour_market",
            organisation="MCLS", headline_figures=headlines, body=body,
            main_points="<ul><li>شمار بیمه‌شدگان اصلی در کل کشور اندکی افزایش یافت.</li>"
            "<li>شمار بازرسی‌های کار در حد ماه پیش ماند.</li></ul>",
        )  # fmt: skip

    # --- quarterly bulletin --------------------------------------------------------------
    rel = _release(context, "quarterly-1405-Q1", "فصلنامهٔ آماری بهار ۱۴۰۵", "quarterly_bulletin", "1405-Q1",
                   timezone.now() - dt.timedelta(days=60), "Quarterly statistical bulletin, spring 1405")  # fmt: skip
    _add(
        context, index, BulletinPage, "quarterly-bulletin-1405-Q1",
        {"فصلنامهٔ آماری بهار ۱۴۰۵ (نمایشی)": "Quarterly statistical bulletin, spring 1405 (demo)",
         "مددجویان بهزیستی و رفاه اجتماعی در بهار ۱۴۰۵.": "Welfare clients and social welfare in spring 1405.",
         "<ul><li>شمار مددجویان تحت پوشش بهزیستی نسبت به فصل پیش افزایش یافت.</li></ul>":
         "<ul><li>The number of State Welfare Organization clients rose on the previous quarter.</li></ul>"},
        title="فصلنامهٔ آماری بهار ۱۴۰۵ (نمایشی)", summary="مددجویان بهزیستی و رفاه اجتماعی در بهار ۱۴۰۵.",
        frequency="quarterly", reference_period="1405-Q1", year=1405, release=rel, topic="welfare", organisation="SWO",
        headline_figures=[block("headline", headline_value("welfare-recipients", "welfare-recipients", period="1405-Q1",
                                filters=IR, label=tr("مددجویان بهزیستی", "Welfare clients")), block_id("q-h1"))],
        main_points="<ul><li>شمار مددجویان تحت پوشش بهزیستی نسبت به فصل پیش افزایش یافت.</li></ul>",
        body=[
            notice_block(),
            chart_block("q-c", "welfare-recipients", "مددجویان بهزیستی به تفکیک فصل", "Welfare clients by quarter",
                   "نمودار میله‌ای مددجویان بهزیستی کل کشور در هشت فصل گذشته.",
                   "Bar chart of welfare clients in Iran over the last eight quarters.",
                   x_axis="period", periods="1403-Q2..1405-Q1", filters=IR, chart_type="bar"),
            table_block("q-t", "welfare-recipients", "مددجویان بهزیستی به تفکیک استان", "Welfare clients by province",
                   rows="province", columns="period", periods="1404-Q4, 1405-Q1"),
        ],
    )  # fmt: skip

    # --- an analytical report --------------------------------------------------------------
    rel = _release(context, "report-cooperatives-1404", "گزارش تحلیلی تعاونی‌ها ۱۴۰۴", "analytical_report", "1404",
                   timezone.now() - dt.timedelta(days=45), "Analytical report: cooperatives 1404")  # fmt: skip
    _add(
        context, index, ReportPage, "report-cooperatives-1404",
        {"تعاونی‌ها در پنج سال اخیر (گزارش تحلیلی نمایشی)": "Cooperatives over the last five years (demo analytical report)",
         "چرا شمار تعاونی‌های فعال تغییر کرد؟": "Why did the number of active cooperatives change?"},
        title="تعاونی‌ها در پنج سال اخیر (گزارش تحلیلی نمایشی)", summary="چرا شمار تعاونی‌های فعال تغییر کرد؟",
        report_kind="analytical_report", year=1404, release=rel, topic="cooperatives", organisation="MCLS",
        body=[
            notice_block(),
            heading_block("r-h1", "خلاصه", "Summary"),
            text_block("r-t1", "<p>شمار تعاونی‌های فعال از ۱۳۹۹ تا ۱۴۰۴ رشد ملایمی داشته است<sup>۱</sup>.</p>",
                  "<p>The number of active cooperatives grew gently from 1399 to 1404<sup>1</sup>.</p>"),
            heading_block("r-h2", "روند", "Trend"),
            chart_block("r-c1", "active-cooperatives", "تعاونی‌های فعال کل کشور", "Active cooperatives, Iran",
                   "نمودار خطی تعاونی‌های فعال کل کشور از ۱۳۹۹ تا ۱۴۰۴؛ روند افزایشی است.",
                   "Line chart of active cooperatives in Iran from 1399 to 1404; the trend rises.",
                   x_axis="period", periods="1399..1404", filters=IR),
            heading_block("r-h3", "استان‌ها", "Provinces"),
            table_block("r-t2", "cooperative-members", "اعضای تعاونی‌ها به تفکیک استان", "Members of cooperatives by province",
                   rows="province", columns="period", periods="1403..1404"),
            block("document", {"document": report_document().pk,
                               "description": tr("داده‌های این گزارش (CSV)", "The data of this report (CSV)")}, block_id("r-doc")),
            # List items in block format (with ids): wagtail-localize extracts nothing from a plain list.
            block("footnotes", {"notes": [{"type": "item", "id": block_id("r-fn-1"),
                                           "value": tr("<p>بر پایهٔ داده‌های نمایشی.</p>", "<p>Based on demo data.</p>")}]},
                  block_id("r-fn")),
        ],
    )  # fmt: skip

    # --- an infographic ----------------------------------------------------------------------
    from indicators.query import get_observations

    rows = get_observations("insured-persons", periods=["1404-12", "1405-06"], filters=IR)
    values = [(r.period.code, float(r.value)) for r in rows if r.value is not None]
    if values:
        first, last = values[0], values[-1]
        rel = _release(context, "infographic-insured-1405", "اینفوگرافیک بیمه‌شدگان", "infographic", "1405-06",
                       timezone.now() - dt.timedelta(days=10), "Infographic: insured persons")  # fmt: skip
        first_fa = fa(f"{first[1]:,.0f}").replace(",", "٬")
        last_fa = fa(f"{last[1]:,.0f}").replace(",", "٬")
        text_fa = (f"<p>شمار بیمه‌شدگان اصلی تأمین اجتماعی در کل کشور از {first_fa} نفر در اسفند ۱۴۰۴ "
                   f"به {last_fa} نفر در شهریور ۱۴۰۵ رسید.</p>")  # fmt: skip
        text_en = (f"<p>The number of main insured persons of social security in Iran went from {first[1]:,.0f} "
                   f"in Esfand 1404 to {last[1]:,.0f} in Shahrivar 1405.</p>")  # fmt: skip
        _add(
            context, index, InfographicPage, "infographic-insured-1405",
            {"بیمه‌شدگان در یک نگاه (نمایشی)": "Insured persons at a glance (demo)", text_fa: text_en,
             "شش ماه بیمه‌شدگان اصلی در یک تصویر.": "Six months of main insured persons in one picture."},
            title="بیمه‌شدگان در یک نگاه (نمایشی)", summary="شش ماه بیمه‌شدگان اصلی در یک تصویر.", year=1405,
            release=rel, topic="social_security", organisation="SSO", image=infographic_image(values),
            text_alternative=text_fa,
            body=[table_block("i-t", "insured-persons", "داده‌های اینفوگرافیک", "The data of the infographic",
                         rows="period", periods="1404-12, 1405-06", filters=IR)],
        )  # fmt: skip
    context.log("publications: demo yearbook, bulletins, report and infographic loaded")
