# ruff: noqa: E501 (demo content: long Persian and English strings)
"""This app's part of `manage.py load_demo` (after releases and indicators).
Idempotent. Every publication is labelled demo: its figures are made up.

* the 1402 national statistical yearbook (four chapters of tables and charts
  drawn from the indicators' demo observations) and its 31 provincial drafts;
* three monthly bulletins, a quarterly bulletin, an analytical report and an
  infographic, each attached to its release calendar entry."""

import datetime as dt
import io
import uuid

from django.core.files.images import ImageFile
from django.utils import timezone

from iran.dates import tehran_datetime
from iran.text import to_persian_digits as fa

from .testing import block, chart_value, headline_value, table_value

SOURCE_FA = "درگاه آمار وزارت تعاون، کار و رفاه اجتماعی (داده‌های نمایشی)"
SOURCE_EN = "Statistics portal of the Ministry of Cooperatives, Labour and Social Welfare (demo data)"
DEMO_NOTICE_FA = "<p>ارقام این نشریه در نسخهٔ نمایشی ساختگی هستند و رسمی نیستند.</p>"
DEMO_NOTICE_EN = "<p>The figures in this publication are made up for the demo and are not official.</p>"

EN = {SOURCE_FA: SOURCE_EN, DEMO_NOTICE_FA: DEMO_NOTICE_EN}


def _id(name):
    """Stable block ids, so that download links survive a reload of the demo."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"publications-demo/{name}"))


def tr(fa, en):
    EN[fa] = en
    return fa


def _table(name, indicator, title_fa, title_en, **kwargs):
    value = table_value(indicator, title=tr(title_fa, title_en), source=SOURCE_FA, **kwargs)
    return block("table", value, _id(name))


def _chart(name, indicator, title_fa, title_en, desc_fa, desc_en, **kwargs):
    value = chart_value(indicator, title=tr(title_fa, title_en), description=tr(desc_fa, desc_en), **kwargs)
    value["source"] = SOURCE_FA
    return block("chart", value, _id(name))


def _text(name, fa, en):
    return block("text", tr(fa, en), _id(name))


def _heading(name, fa, en):
    return block("heading", tr(fa, en), _id(name))


def _notice():
    return block("notice", {"kind": "warning", "text": DEMO_NOTICE_FA}, _id("notice"))


IR = {"province": ["IR"]}


def yearbook_chapters():
    return [
        (
            tr("بازار کار و بیمه‌های اجتماعی", "Labour market and social insurance"),
            tr(
                "بیمه‌شدگان تأمین اجتماعی و مقرری‌بگیران بیمهٔ بیکاری در سال ۱۴۰۲.",
                "Social security insured persons and unemployment insurance recipients in 1402.",
            ),
            [
                _text(
                    "c1-intro",
                    "<p>شمار بیمه‌شدگان اصلی در پایان سال ۱۴۰۲ نسبت به آغاز سال افزایش یافت.</p>",
                    "<p>The number of main insured persons at the end of 1402 rose on the start of the year.</p>",
                ),
                _heading("c1-h1", "بیمه‌شدگان", "Insured persons"),
                _table(
                    "c1-t1",
                    "insured-persons",
                    "بیمه‌شدگان اصلی تأمین اجتماعی به تفکیک استان، آغاز و پایان سال",
                    "Main insured persons of social security by province, start and end of the year",
                    rows="province",
                    columns="period",
                    periods="1402-01, 1402-12",
                    notes=tr("ارقام فروردین و اسفند ۱۴۰۲.", "Figures for Farvardin and Esfand 1402."),
                ),
                _chart(
                    "c1-c1",
                    "insured-persons",
                    "روند ماهانهٔ بیمه‌شدگان اصلی، ۱۴۰۲",
                    "Main insured persons by month, 1402",
                    "نمودار خطی شمار بیمه‌شدگان اصلی کل کشور در ماه‌های سال ۱۴۰۲؛ روند در طول سال افزایشی است.",
                    "Line chart of main insured persons in Iran in each month of 1402; the trend rises through the year.",
                    x_axis="period",
                    periods="1402-01..1402-12",
                    filters=IR,
                ),
                _heading("c1-h2", "بیمهٔ بیکاری", "Unemployment insurance"),
                _table(
                    "c1-t2",
                    "unemployment-insurance",
                    "مقرری‌بگیران بیمهٔ بیکاری به تفکیک استان و جنس، اسفند ۱۴۰۲",
                    "Unemployment insurance recipients by province and sex, Esfand 1402",
                    rows="province",
                    columns="sex",
                    periods="1402-12",
                ),
            ],
        ),
        (
            tr("تعاون", "Cooperatives"),
            tr("تعاونی‌های فعال و اعضای آن‌ها.", "Active cooperatives and their members."),
            [
                _table(
                    "c2-t1",
                    "active-cooperatives",
                    "تعاونی‌های فعال به تفکیک استان",
                    "Active cooperatives by province",
                    rows="province",
                    columns="period",
                    periods="1398..1402",
                    notes=tr(
                        "برای سال ۱۳۹۸ داده‌ای در درگاه منتشر نشده است.", "No data for 1398 is published on the portal."
                    ),
                ),
                _chart(
                    "c2-c1",
                    "active-cooperatives",
                    "تعاونی‌های فعال کل کشور",
                    "Active cooperatives, Iran",
                    "نمودار میله‌ای شمار تعاونی‌های فعال کل کشور از ۱۳۹۹ تا ۱۴۰۲.",
                    "Bar chart of active cooperatives in Iran from 1399 to 1402.",
                    x_axis="period",
                    periods="1399..1402",
                    filters=IR,
                    chart_type="bar",
                ),
                _table(
                    "c2-t2",
                    "cooperative-members",
                    "اعضای تعاونی‌ها به تفکیک استان",
                    "Members of cooperatives by province",
                    rows="province",
                    columns="period",
                    periods="1400..1402",
                ),
            ],
        ),
        (
            tr("رفاه و حمایت اجتماعی", "Social welfare and protection"),
            tr("مددجویان بهزیستی، مستمری‌بگیران و خط فقر.", "Welfare recipients, pensioners and the poverty line."),
            [
                block(
                    "definition",
                    {
                        "term": tr("خط فقر مطلق", "Absolute poverty line"),
                        "definition": tr(
                            "<p>کمترین هزینهٔ سرانهٔ ماهانه برای تأمین نیازهای اساسی.</p>",
                            "<p>The lowest monthly cost per person of meeting basic needs.</p>",
                        ),
                    },
                    _id("c3-def"),
                ),
                _table(
                    "c3-t1",
                    "welfare-recipients",
                    "مددجویان تحت پوشش بهزیستی به تفکیک استان و فصل",
                    "State Welfare Organization clients by province and quarter",
                    rows="province",
                    columns="period",
                    periods="1402-Q1..1402-Q4",
                ),
                _table(
                    "c3-t2",
                    "poverty-line",
                    "خط فقر مطلق به تفکیک استان",
                    "Absolute poverty line by province",
                    rows="province",
                    columns="period",
                    periods="1401..1402",
                ),
                _table(
                    "c3-t3",
                    "pensioners",
                    "مستمری‌بگیران تأمین اجتماعی، آغاز و پایان سال",
                    "Social security pensioners, start and end of the year",
                    rows="province",
                    columns="period",
                    periods="1402-01, 1402-12",
                ),
            ],
        ),
        (
            tr("ایمنی و بازرسی کار", "Occupational safety and labour inspection"),
            tr("بازرسی‌های کار و حوادث ناشی از کار.", "Labour inspections and workplace accidents."),
            [
                _table(
                    "c4-t1",
                    "labour-inspections",
                    "بازرسی‌های انجام‌شدهٔ کار در کل کشور به تفکیک ماه",
                    "Labour inspections in Iran by month",
                    rows="period",
                    periods="1402-01..1402-12",
                    filters=IR,
                ),
                _chart(
                    "c4-c1",
                    "labour-inspections",
                    "بازرسی‌های ماهانهٔ کار، ۱۴۰۲",
                    "Monthly labour inspections, 1402",
                    "نمودار میله‌ای شمار بازرسی‌های کار در هر ماه ۱۴۰۲ در کل کشور.",
                    "Bar chart of labour inspections in each month of 1402 in Iran.",
                    x_axis="period",
                    periods="1402-01..1402-12",
                    filters=IR,
                    chart_type="bar",
                ),
                _table(
                    "c4-t2",
                    "workplace-accidents",
                    "حوادث ناشی از کار به تفکیک استان و جنس، اسفند ۱۴۰۲",
                    "Workplace accidents by province and sex, Esfand 1402",
                    rows="province",
                    columns="sex",
                    periods="1402-12",
                ),
                _table(
                    "c4-t3",
                    "accident-rate",
                    "نرخ حوادث ناشی از کار به تفکیک استان",
                    "Workplace accident rate by province",
                    rows="province",
                    columns="period",
                    periods="1401..1402",
                ),
            ],
        ),
    ]


def _release(context, slug, title_fa, kind, reference_period, when, title_en):
    """The calendar entry for a demo publication: the releases app's own entry
    for this kind and period when it has one, else one made here (in both languages)."""
    from home.demo import child_page, translate
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
    from home.demo import child_page, translate

    page = child_page(parent, model, slug, is_demo=True, **fields)
    translate(page, {**EN, **english})
    return page


def report_document():
    """The analytical report's data as a CSV document: the demo's released document,
    so that documents (and their embargo) are part of what the demo shows."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from indicators.query import get_observations

    Document = get_document_model()
    existing = Document.objects.filter(title="demo-report-cooperatives-1404").first()
    if existing:
        return existing
    rows = get_observations("active-cooperatives", periods=["1399", "1404"], filters=IR)
    lines = ["period,active_cooperatives"] + [f"{r.period.code},{r.value}" for r in rows if r.value is not None]
    content = ContentFile(("\n".join(lines) + "\n").encode(), name="demo-report-cooperatives-1404.csv")
    return Document.objects.create(title="demo-report-cooperatives-1404", file=content)


def infographic_image(values):
    """A simple bar infographic (numbers only, no text to shape)."""
    from PIL import Image as PILImage
    from PIL import ImageDraw
    from wagtail.images.models import Image
    from wagtail.models import Collection

    existing = Image.objects.filter(title="demo-infographic-insured").first()
    if existing:
        return existing
    if Collection.get_first_root_node() is None:  # a flushed test database has none
        Collection.add_root(name="Root")
    from django.conf import settings
    from PIL import ImageFont

    from iran.periods import Period

    def font(size):
        # The site's own Persian font first: Persian digits and words, shaped (raqm).
        vazirmatn = str(settings.BASE_DIR / "static" / "fonts" / "Vazirmatn-Bold.woff2")
        for path in (vazirmatn, "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "DejaVuSans-Bold.ttf"):
            try:
                return ImageFont.truetype(path, size)
            except OSError:
                continue
        return ImageFont.load_default(size=size)

    width, height = 1200, 675
    canvas = PILImage.new("RGB", (width, height), "#f4f7fa")
    draw = ImageDraw.Draw(canvas)
    draw.rectangle([0, 0, width, 110], fill="#0b3d6b")
    first, last = values[0][1], values[-1][1]
    change = (last - first) / first * 100 if first else 0
    # A Persian image: Persian digits, «٫» for the decimal point and «٪», month names.
    change_fa = "\u200e" + fa(f"{change:+.1f}").replace(".", "٫") + "٪"
    draw.text((width - 60, 55), change_fa, fill="#ffffff", font=font(56), anchor="rm")
    draw.text((60, 55), "نمایشی", fill="#ffcc80", font=font(40), anchor="lm")
    top = max(v for _label, v in values) or 1
    bar_w = (width - 200) // max(len(values), 1)
    for i, (label, value) in enumerate(values):
        x0 = width - 100 - (i + 1) * bar_w + 20  # right to left, as the page reads
        h = int((height - 300) * value / top)
        draw.rectangle([x0, height - 90 - h, x0 + bar_w - 40, height - 90], fill="#1f8a70" if i else "#d9822b")
        draw.text((x0 + (bar_w - 40) / 2, height - 50), Period.parse(label).label("fa"), fill="#0b3d6b",
                  font=font(36), anchor="mm")  # fmt: skip
        figure = fa(f"{value:,.0f}").replace(",", "٬")
        draw.text((x0 + (bar_w - 40) / 2, height - 120 - h), figure, fill="#0b3d6b", font=font(44), anchor="mm")
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG")
    return Image.objects.create(title="demo-infographic-insured", file=ImageFile(buffer, name="demo-infographic.png"))


def load(context):
    from indicators.models import Indicator

    from . import generation
    from .models import (
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
    from home.demo import child_page, translate

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
            topic="", organisation="MCLS", is_demo=True, body=[_notice()],
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
                                             label=tr("بیمه‌شدگان اصلی", "Main insured persons")), _id(f"{period}-h1")),
            block("headline", headline_value("pensioners", "pensioners", period=period, filters=IR, compare="year_before",
                                             label=tr("مستمری‌بگیران", "Pensioners")), _id(f"{period}-h2")),
            block("headline", headline_value("labour-inspections", "labour-inspections", period=period, filters=IR,
                                             label=tr("بازرسی‌های کار", "Labour inspections")), _id(f"{period}-h3")),
        ]  # fmt: skip
        body = [
            _notice(),
            _heading(f"{period}-a", "تحلیل", "Analysis"),
            _text(f"{period}-t", f"<p>در {fa_month} {fa(year)}، شمار بیمه‌شدگان اصلی نسبت به ماه پیش تغییر اندکی داشت؛ "
                  "تغییرات فصلی اشتغال در بخش ساختمان و کشاورزی مهم‌ترین عامل آن است.</p>",
                  f"<p>In {en_month} {year} the number of main insured persons changed little on the month before; "
                  "seasonal employment in construction and agriculture explains most of it.</p>"),
            _chart(f"{period}-c", "insured-persons", "بیمه‌شدگان اصلی در دوازده ماه گذشته",
                   "Main insured persons over the last twelve months",
                   "نمودار خطی بیمه‌شدگان اصلی کل کشور در دوازده ماه منتهی به ماه گزارش.",
                   "Line chart of main insured persons in Iran over the twelve months to the reference month.",
                   x_axis="period", periods=f"{year - 1}-{month + 1:02d}..{period}", filters=IR),
            _table(f"{period}-tb", "insured-persons", "بیمه‌شدگان اصلی به تفکیک استان", "Main insured persons by province",
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
                                filters=IR, label=tr("مددجویان بهزیستی", "Welfare clients")), _id("q-h1"))],
        main_points="<ul><li>شمار مددجویان تحت پوشش بهزیستی نسبت به فصل پیش افزایش یافت.</li></ul>",
        body=[
            _notice(),
            _chart("q-c", "welfare-recipients", "مددجویان بهزیستی به تفکیک فصل", "Welfare clients by quarter",
                   "نمودار میله‌ای مددجویان بهزیستی کل کشور در هشت فصل گذشته.",
                   "Bar chart of welfare clients in Iran over the last eight quarters.",
                   x_axis="period", periods="1403-Q2..1405-Q1", filters=IR, chart_type="bar"),
            _table("q-t", "welfare-recipients", "مددجویان بهزیستی به تفکیک استان", "Welfare clients by province",
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
            _notice(),
            _heading("r-h1", "خلاصه", "Summary"),
            _text("r-t1", "<p>شمار تعاونی‌های فعال از ۱۳۹۹ تا ۱۴۰۴ رشد ملایمی داشته است<sup>۱</sup>.</p>",
                  "<p>The number of active cooperatives grew gently from 1399 to 1404<sup>1</sup>.</p>"),
            _heading("r-h2", "روند", "Trend"),
            _chart("r-c1", "active-cooperatives", "تعاونی‌های فعال کل کشور", "Active cooperatives, Iran",
                   "نمودار خطی تعاونی‌های فعال کل کشور از ۱۳۹۹ تا ۱۴۰۴؛ روند افزایشی است.",
                   "Line chart of active cooperatives in Iran from 1399 to 1404; the trend rises.",
                   x_axis="period", periods="1399..1404", filters=IR),
            _heading("r-h3", "استان‌ها", "Provinces"),
            _table("r-t2", "cooperative-members", "اعضای تعاونی‌ها به تفکیک استان", "Members of cooperatives by province",
                   rows="province", columns="period", periods="1403..1404"),
            block("document", {"document": report_document().pk,
                               "description": tr("داده‌های این گزارش (CSV)", "The data of this report (CSV)")}, _id("r-doc")),
            # List items in block format (with ids): wagtail-localize extracts nothing from a plain list.
            block("footnotes", {"notes": [{"type": "item", "id": _id("r-fn-1"),
                                           "value": tr("<p>بر پایهٔ داده‌های نمایشی.</p>", "<p>Based on demo data.</p>")}]},
                  _id("r-fn")),
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
            body=[_table("i-t", "insured-persons", "داده‌های اینفوگرافیک", "The data of the infographic",
                         rows="period", periods="1404-12, 1405-06", filters=IR)],
        )  # fmt: skip
    context.log("publications: demo yearbook, bulletins, report and infographic loaded")
