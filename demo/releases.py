"""This app's part of `manage.py load_demo`: the release calendar in both
languages with a year of entries generated from series rules — published ones
in the past months, confirmed ones in the next weeks, provisional ones later,
one moved with a reason, one cancelled with a notice. Idempotent."""

import datetime as dt

import jdatetime
from django.utils import timezone

from core.taxonomy import Organisation, Periodicity, ReleaseKind
from iran.dates import TEHRAN, tehran_datetime
from releases.enums import HolidayShift, ReleaseStatus
from releases.models import Holiday, ReleaseCalendarPage, ReleasePage, ReleaseSeries, topics_to_db

CALENDAR_FA = {
    "title": "تقویم انتشار",
    "intro": "زمان انتشار همهٔ آمارهای رسمی وزارت و سازمان‌های وابسته، تا دوازده ماه آینده. "
    "هر انتشار در دقیقهٔ اعلام‌شده، برای همه هم‌زمان در دسترس قرار می‌گیرد.",
}
CALENDAR_EN = {
    CALENDAR_FA["title"]: "Release calendar",
    CALENDAR_FA["intro"]: "When every official statistic of the ministry and its affiliated organisations "
    "will be released, twelve months ahead. Each release is public at its announced minute, to everyone at once.",
}

SERIES = [
    {
        "title": "ماهنامهٔ آماری بازار کار",
        "title_en": "Monthly labour market bulletin",
        "summary": "اشتغال، بیکاری، بیمه‌شدگان و دستمزد در ماه گذشته، به تفکیک استان. (دادهٔ نمایشی)",
        "summary_en": "Employment, unemployment, insured workers and wages in the past month, by province. (demo data)",
        "kind": ReleaseKind.MONTHLY_BULLETIN,
        "organisation": Organisation.MCLS,
        "topics": ["labour_market", "employment", "wages"],
        "frequency": Periodicity.MONTHLY,
        "day": 20,
        "month_offset": 1,
        "holiday_shift": HolidayShift.LATER,
        "contact_name": "دفتر آمار و اطلاعات راهبردی",
        "contact_email": "amar@mcls.gov.ir",
    },
    {
        "title": "فصلنامهٔ آمار رفاه اجتماعی",
        "title_en": "Quarterly social welfare bulletin",
        "summary": "پوشش بیمه‌ای، مستمری‌بگیران و حمایت‌های اجتماعی در فصل گذشته. (دادهٔ نمایشی)",
        "summary_en": "Insurance coverage, pensioners and social support in the past quarter. (demo data)",
        "kind": ReleaseKind.QUARTERLY_BULLETIN,
        "organisation": Organisation.MCLS,
        "topics": ["welfare", "social_security", "pensions"],
        "frequency": Periodicity.QUARTERLY,
        "day": 15,
        "month_offset": 2,
        "holiday_shift": HolidayShift.EARLIER,
        "contact_name": "دفتر آمار و اطلاعات راهبردی",
        "contact_email": "amar@mcls.gov.ir",
    },
    {
        "title": "سالنامهٔ آماری وزارت تعاون، کار و رفاه اجتماعی",
        "title_en": "Statistical yearbook of the Ministry of Cooperatives, Labour and Social Welfare",
        "summary": "همهٔ آمارهای سال گذشتهٔ وزارت و سازمان‌های وابسته در یک مجلد. (دادهٔ نمایشی)",
        "summary_en": "All of last year's statistics of the ministry and its organisations in one volume. (demo data)",
        "kind": ReleaseKind.YEARBOOK,
        "organisation": Organisation.MCLS,
        "topics": ["labour_market", "welfare", "cooperatives", "social_security"],
        "frequency": Periodicity.ANNUAL,
        "day": 0,
        "month_offset": 3,
        "holiday_shift": HolidayShift.EARLIER,
        "contact_name": "دفتر آمار و اطلاعات راهبردی",
        "contact_email": "amar@mcls.gov.ir",
    },
    {
        "title": "نماگرهای فصلی بیمه‌شدگان سازمان تأمین اجتماعی",
        "title_en": "Quarterly indicators of Social Security Organization insured persons",
        "summary": "بیمه‌شدگان اصلی و تبعی و کارگاه‌های فعال در فصل گذشته. (دادهٔ نمایشی)",
        "summary_en": "Main and dependent insured persons and active workshops in the past quarter. (demo data)",
        "kind": ReleaseKind.INDICATOR_UPDATE,
        "organisation": Organisation.SSO,
        "topics": ["social_security"],
        "frequency": Periodicity.QUARTERLY,
        "day": 25,
        "month_offset": 1,
        "holiday_shift": HolidayShift.LATER,
        "contact_name": "دفتر آمار و محاسبات اقتصادی و اجتماعی سازمان تأمین اجتماعی",
        "contact_email": "amar@tamin.ir",
    },
]

# Official holidays fixed in the solar calendar (the lunar ones are added by editors each year).
SOLAR_HOLIDAYS = [
    (1, 1, "نوروز"),
    (1, 2, "نوروز"),
    (1, 3, "نوروز"),
    (1, 4, "نوروز"),
    (1, 12, "روز جمهوری اسلامی"),
    (1, 13, "روز طبیعت"),
    (3, 14, "رحلت امام خمینی"),
    (3, 15, "قیام ۱۵ خرداد"),
    (11, 22, "پیروزی انقلاب اسلامی"),
    (12, 29, "ملی شدن صنعت نفت"),
]

ONE_OFFS = [
    # slug, days from now, status, kind, organisation, topics, fa title, en title, fa summary, en summary
    (
        "microdata-lfs-1404",
        25,
        ReleaseStatus.CONFIRMED,
        ReleaseKind.MICRODATA_RELEASE,
        Organisation.MCLS,
        ["labour_market", "employment"],
        "ریزداده‌های ثبتی بازار کار ۱۴۰۴",
        "Register-based labour market microdata 1404",
        "ریزداده‌های بی‌نام‌شدهٔ بیمه‌شدگان برای اعضای باشگاه محققان. (دادهٔ نمایشی)",
        "Anonymised microdata of insured workers for members of the researchers club. (demo data)",
    ),
    (
        "special-issue-cooperatives",
        40,
        ReleaseStatus.CONFIRMED,
        ReleaseKind.SPECIAL_ISSUE,
        Organisation.CDF,
        ["cooperatives"],
        "ویژه‌نامهٔ سهم بخش تعاون در اقتصاد",
        "Special issue: the cooperative sector's share of the economy",
        "برآورد سهم بخش تعاون از تولید و اشتغال. (دادهٔ نمایشی)",
        "Estimates of the cooperative sector's share of output and employment. (demo data)",
    ),
    (
        "infographic-workplace-safety",
        18,
        ReleaseStatus.CANCELLED,
        ReleaseKind.INFOGRAPHIC,
        Organisation.MCLS,
        ["workplace_safety"],
        "اینفوگرافیک حوادث ناشی از کار",
        "Infographic: accidents at work",
        "حوادث ناشی از کار به تفکیک فعالیت اقتصادی. (دادهٔ نمایشی)",
        "Accidents at work by economic activity. (demo data)",
    ),
    (
        "poverty-line-report",
        95,
        ReleaseStatus.PROVISIONAL,
        ReleaseKind.ANALYTICAL_REPORT,
        Organisation.MCLS,
        ["poverty", "welfare"],
        "گزارش تحلیلی خط فقر",
        "Analytical report: the poverty line",
        "برآورد خط فقر مطلق به تفکیک استان و دلایل تغییر آن. (دادهٔ نمایشی)",
        "The absolute poverty line by province and why it changed. (demo data)",
    ),
    (
        "tvto-graduates",
        -45,
        ReleaseStatus.PUBLISHED,
        ReleaseKind.ANALYTICAL_REPORT,
        Organisation.TVTO,
        ["skills"],
        "گزارش اشتغال دانش‌آموختگان آموزش فنی و حرفه‌ای",
        "Report: employment of technical and vocational graduates",
        "وضع اشتغال دانش‌آموختگان یک سال پس از دوره. (دادهٔ نمایشی)",
        "Employment of graduates one year after their course. (demo data)",
    ),
]

CANCEL_NOTICE = (
    "این اینفوگرافیک لغو شد، زیرا داده‌های حوادث ناشی از کار هنوز با سازمان تأمین اجتماعی تطبیق داده نشده است. "
    "ارقام آن در ماهنامهٔ بعدی بازار کار منتشر خواهد شد."
)
CANCEL_NOTICE_EN = (
    "This infographic is cancelled because the accidents-at-work data have not yet been reconciled with the "
    "Social Security Organization. Its figures will appear in the next monthly labour market bulletin."
)
MOVE_REASON = "تأخیر در دریافت جداول بیمه‌شدگان از سازمان تأمین اجتماعی؛ تاریخ جدید پس از تطبیق داده‌ها اعلام شد."
MOVE_REASON_EN = (
    "The tables of insured workers from the Social Security Organization arrived late; "
    "the new date was set once the data were reconciled."
)


CONTACTS_EN = {
    "دفتر آمار و اطلاعات راهبردی": "Office of Statistics and Strategic Information",
    "دفتر آمار و محاسبات اقتصادی و اجتماعی سازمان تأمین اجتماعی": "Social Security Organization, "
    "Office of Economic and Social Statistics",
}


def translate_with_contacts(page, strings):
    from core.translation import translate

    return translate(page, {**strings, **CONTACTS_EN})


def ensure_holidays(years):
    for year in years:
        for month, day, name in SOLAR_HOLIDAYS:
            date = jdatetime.date(year, month, day).togregorian()
            Holiday.objects.get_or_create(date=date, defaults={"name": name})


def ensure_series():
    out = []
    for spec in SERIES:
        spec = dict(spec)
        spec["topics"] = topics_to_db(spec["topics"])
        series, _ = ReleaseSeries.objects.get_or_create(title=spec["title"], defaults=spec)
        out.append(series)
    return out


def ensure_calendar(context):
    from core.pages import child_page
    from core.translation import translate

    calendar = child_page(context.home_fa, ReleaseCalendarPage, "releases", show_in_menus=True, **CALENDAR_FA)
    translate(calendar, CALENDAR_EN)
    return calendar


def ensure_one_off(calendar, spec, now):
    slug, days, _status, kind, org, topics, title, title_en, summary, summary_en = spec
    existing = calendar.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    when = (now + dt.timedelta(days=days)).astimezone(TEHRAN).replace(hour=10, minute=0, second=0, microsecond=0)
    entry = ReleasePage(
        title=title,
        slug=slug,
        summary=summary,
        kind=kind,
        organisation=org,
        topics=topics_to_db(topics),
        release_at=when,
        contact_name="دفتر آمار و اطلاعات راهبردی",
        contact_email="amar@mcls.gov.ir",
        next_release_text="اعلام خواهد شد",
        locale_id=calendar.locale_id,
    )
    calendar.add_child(instance=entry)
    entry.save_revision().publish()
    translate_with_contacts(entry, {title: title_en, summary: summary_en, "اعلام خواهد شد": "To be announced"})
    return entry


def load(context):
    from releases import services
    from releases.series import generate

    now = timezone.now()
    today = now.astimezone(TEHRAN).date()
    this_year = jdatetime.date.fromgregorian(date=today).year
    ensure_holidays([this_year - 1, this_year, this_year + 1])
    calendar = ensure_calendar(context)
    series_list = ensure_series()
    start = today - dt.timedelta(days=150)
    for series in series_list:
        generate(series, calendar, today=start, months=19, translate_to=translate_with_contacts)

    entries = ReleasePage.objects.child_of(calendar).filter(series__isnull=False).order_by("release_at")
    for index, entry in enumerate(entries):
        if entry.status != ReleaseStatus.PROVISIONAL:
            continue
        if entry.release_at <= now:
            # The record of past releases: on the minute, one of them two minutes late.
            delay = dt.timedelta(seconds=120 if index == 2 else 1 + index % 3)
            ReleasePage.objects.filter(translation_key=entry.translation_key).update(
                status=ReleaseStatus.PUBLISHED,
                confirmed_at=entry.release_at - dt.timedelta(days=60),
                published_at=entry.release_at + delay,
            )
        elif entry.release_at <= now + dt.timedelta(days=70):
            services.confirm(entry, context.admin, now=now)

    for spec in ONE_OFFS:
        entry = ensure_one_off(calendar, spec, now)
        target = spec[2]
        if entry.status != ReleaseStatus.PROVISIONAL or target == ReleaseStatus.PROVISIONAL:
            continue
        if target == ReleaseStatus.PUBLISHED:
            ReleasePage.objects.filter(translation_key=entry.translation_key).update(
                status=ReleaseStatus.PUBLISHED, confirmed_at=entry.release_at, published_at=entry.release_at
            )
            continue
        services.confirm(entry, context.admin, now=now)
        if target == ReleaseStatus.CANCELLED:
            services.cancel(entry, CANCEL_NOTICE, context.admin, now=now, notice_en=CANCEL_NOTICE_EN)

    # One confirmed monthly bulletin moved by two working days, with its reason.
    bulletin = (
        ReleasePage.objects.child_of(calendar)
        .filter(series=series_list[0], status=ReleaseStatus.CONFIRMED, release_at__gt=now + dt.timedelta(days=3))
        .order_by("release_at")
        .first()
    )
    if bulletin is not None and not bulletin.date_changes().exists():
        local = bulletin.release_at.astimezone(TEHRAN)
        j = jdatetime.date.fromgregorian(date=local.date()) + dt.timedelta(days=2)
        new = tehran_datetime(j.year, j.month, j.day, 10, 0)
        if new.weekday() == 4:
            new += dt.timedelta(days=1)
        services.move(bulletin, new, MOVE_REASON, context.admin, now=now, reason_en=MOVE_REASON_EN)

    ensure_publisher_permissions(calendar)
    profile_tz(context.admin)
    context.log(f"releases: {ReleasePage.objects.child_of(calendar).count()} calendar entries")


def ensure_publisher_permissions(calendar):
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    group = Group.objects.filter(name="Release publishers").first()
    if group is None:
        return
    for codename in ("add_page", "change_page", "publish_page"):
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        for page in [calendar, *calendar.get_translations()]:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def profile_tz(user):
    """The demo admin types and reads times in Tehran time in the admin."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    if not profile.current_time_zone:
        profile.current_time_zone = "Asia/Tehran"
        profile.save(update_fields=["current_time_zone"])
