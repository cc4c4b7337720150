# ruff: noqa: E501 (demo content: long Persian and English strings)
"""The 1402 national statistical yearbook's chapters: tables and charts drawn
from the indicators' demo observations, with their English."""

from .blocks import IR, block, block_id, chart_block, heading_block, table_block, text_block, tr


def yearbook_chapters():
    return [
        (
            tr("بازار کار و بیمه‌های اجتماعی", "Labour market and social insurance"),
            tr(
                "بیمه‌شدگان تأمین اجتماعی و مقرری‌بگیران بیمهٔ بیکاری در سال ۱۴۰۲.",
                "Social security insured persons and unemployment insurance recipients in 1402.",
            ),
            [
                text_block(
                    "c1-intro",
                    "<p>شمار بیمه‌شدگان اصلی در پایان سال ۱۴۰۲ نسبت به آغاز سال افزایش یافت.</p>",
                    "<p>The number of main insured persons at the end of 1402 rose on the start of the year.</p>",
                ),
                heading_block("c1-h1", "بیمه‌شدگان", "Insured persons"),
                table_block(
                    "c1-t1",
                    "insured-persons",
                    "بیمه‌شدگان اصلی تأمین اجتماعی به تفکیک استان، آغاز و پایان سال",
                    "Main insured persons of social security by province, start and end of the year",
                    rows="province",
                    columns="period",
                    periods="1402-01, 1402-12",
                    notes=tr("ارقام فروردین و اسفند ۱۴۰۲.", "Figures for Farvardin and Esfand 1402."),
                ),
                chart_block(
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
                heading_block("c1-h2", "بیمهٔ بیکاری", "Unemployment insurance"),
                table_block(
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
                table_block(
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
                chart_block(
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
                table_block(
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
                    block_id("c3-def"),
                ),
                table_block(
                    "c3-t1",
                    "welfare-recipients",
                    "مددجویان تحت پوشش بهزیستی به تفکیک استان و فصل",
                    "State Welfare Organization clients by province and quarter",
                    rows="province",
                    columns="period",
                    periods="1402-Q1..1402-Q4",
                ),
                table_block(
                    "c3-t2",
                    "poverty-line",
                    "خط فقر مطلق به تفکیک استان",
                    "Absolute poverty line by province",
                    rows="province",
                    columns="period",
                    periods="1401..1402",
                ),
                table_block(
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
                table_block(
                    "c4-t1",
                    "labour-inspections",
                    "بازرسی‌های انجام‌شدهٔ کار در کل کشور به تفکیک ماه",
                    "Labour inspections in Iran by month",
                    rows="period",
                    periods="1402-01..1402-12",
                    filters=IR,
                ),
                chart_block(
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
                table_block(
                    "c4-t2",
                    "workplace-accidents",
                    "حوادث ناشی از کار به تفکیک استان و جنس، اسفند ۱۴۰۲",
                    "Workplace accidents by province and sex, Esfand 1402",
                    rows="province",
                    columns="sex",
                    periods="1402-12",
                ),
                table_block(
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
