"""This app's part of `manage.py load_demo`: the club's page, two researcher
accounts, a committee reviewer and a club-office account, and applications in
several states. Idempotent. Credentials are printed and listed in docs/researchers.md."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.users.models import UserProfile

from catalog.models import Dataset
from core.pages import child_page
from core.translation import translate
from researchers import workflow
from researchers.apps import COMMITTEE_GROUP, OFFICE_GROUP, ensure_groups
from researchers.enums import AffiliationType, ApplicationStatus, Degree, MembershipStatus
from researchers.models import Application, Researcher, ResearchersIndexPage, TeamMember

DEMO_PASSWORD = "club-demo-1405"
# (email, first, last, national ID, affiliation, type, degree, field)
RESEARCHERS = [
    ("sara.ahmadi@example.org", "سارا", "احمدی", "0499370899", "دانشگاه تهران", AffiliationType.UNIVERSITY,
     Degree.PHD, "اقتصاد کار"),
    ("reza.karimi@example.org", "رضا", "کریمی", "0013542419", "مؤسسهٔ عالی پژوهش تأمین اجتماعی",
     AffiliationType.RESEARCH, Degree.MASTER, "جمعیت‌شناسی"),
]  # fmt: skip
STAFF = [
    ("committee@example.org", "مریم", "داوری", COMMITTEE_GROUP),
    ("office@example.org", "علی", "دفتری", OFFICE_GROUP),
]

# A minimal, valid one-page PDF, marked demo.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>"
    b"endobj\n4 0 obj<</Length 58>>stream\nBT /F1 18 Tf 20 70 Td (DEMO research proposal) Tj ET\nendstream\n"
    b"endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

PAGE_FA = {
    "title": "باشگاه پژوهشگران",
    "intro": "<p>باشگاه پژوهشگران حوزهٔ تعاون، کار و رفاه اجتماعی: عضویت، درخواست دسترسی به ریزداده‌ها و "
    "دریافت داده‌های تأییدشده.</p>",
    "terms": "<ol><li>هیچ تلاشی برای شناسایی افراد، کارگاه‌ها یا مکان‌ها انجام نمی‌شود.</li>"
    "<li>داده‌ها در پایان طرح نابود می‌شوند.</li><li>منبع داده در همهٔ انتشارها ذکر می‌شود.</li>"
    "<li>یک نسخه از خروجی‌های پژوهش به وزارت سپرده می‌شود.</li></ol>",
}
PAGE_EN = {
    "باشگاه پژوهشگران": "Researchers club",
    PAGE_FA["intro"]: "<p>The researchers club for cooperatives, labour and social welfare: membership, "
    "applications for access to microdata, and downloads of approved data.</p>",
    "هیچ تلاشی برای شناسایی افراد، کارگاه‌ها یا مکان‌ها انجام نمی‌شود.": "No attempt is made to identify any "
    "person, workshop or place.",
    "داده‌ها در پایان طرح نابود می‌شوند.": "The data is destroyed at the end of the project.",
    "منبع داده در همهٔ انتشارها ذکر می‌شود.": "The source is cited in every publication.",
    "یک نسخه از خروجی‌های پژوهش به وزارت سپرده می‌شود.": "A copy of the research outputs is deposited with the ministry.",
}


def _user(email, first, last):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=email, defaults={"email": email, "first_name": first, "last_name": last}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def ensure_people():
    ensure_groups()
    researchers = []
    for email, first, last, nid, aff, aff_type, degree, field in RESEARCHERS:
        user = _user(email, first, last)
        researcher, _ = Researcher.objects.get_or_create(
            user=user,
            defaults={
                "national_id": nid,
                "mobile": "09120000000",
                "affiliation": aff,
                "affiliation_type": aff_type,
                "degree": degree,
                "field": field,
                "newsletter": True,
                "email_verified_at": timezone.now(),
                "status": MembershipStatus.APPROVED,
                "decided_at": timezone.now(),
            },
        )
        researchers.append(researcher)
    staff = []
    for email, first, last, group in STAFF:
        user = _user(email, first, last)
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        user.groups.add(Group.objects.get(name=group))
        profile = UserProfile.get_for_user(user)
        if not profile.preferred_language:
            profile.preferred_language = "fa"  # the committee works in Persian
            profile.save(update_fields=["preferred_language"])
        staff.append(user)
    return researchers, staff


def _application(researcher, title, datasets, **extra):
    existing = Application.objects.filter(researcher=researcher, title=title).first()
    if existing:
        return existing, False
    app = Application.objects.create(
        researcher=researcher,
        title=title,
        purpose=extra.get("purpose", "برآورد اثر سیاست‌های حمایتی بر اشتغال رسمی (درخواست نمایشی)."),
        outputs=extra.get("outputs", "یک مقالهٔ پژوهشی و یک گزارش سیاستی"),
        period_from="1399",
        period_to="1402",
        terms_accepted_at=timezone.now(),
    )
    app.datasets.set(datasets)
    app.variables.set([v for d in datasets for v in d.variables.filter(is_direct_identifier=False)[:4]])
    app.proposal.save("proposal.pdf", ContentFile(DEMO_PDF), save=True)
    TeamMember.objects.create(application=app, name="همکار نمایشی", national_id="0013542419", role="دستیار پژوهش")
    workflow.log_created(app, researcher.user)
    return app, True


def ensure_applications(researchers, reviewer):
    sara, reza = researchers
    sso = Dataset.objects.filter(slug="sso-insured-persons").first()
    ui = Dataset.objects.filter(slug="unemployment-insurance-claims").first()
    insp = Dataset.objects.filter(slug="labour-inspection-records").first()
    if not (sso and ui and insp):
        return
    now = timezone.now()
    app, new = _application(sara, "پویایی اشتغال رسمی پس از همه‌گیری (نمایشی)", [sso])
    if new:
        workflow.transition(app, workflow.A.SUBMITTED, sara.user)
        grants = [(f, now + dt.timedelta(days=180), 3) for f in sso.files.all()]
        workflow.transition(app, workflow.A.APPROVED, reviewer, "با شرایط استاندارد تأیید شد.", grants)
    app, new = _application(sara, "بیمهٔ بیکاری و بازگشت به کار (نمایشی)", [ui])
    if new:
        workflow.transition(app, workflow.A.SUBMITTED, sara.user)
        workflow.transition(app, workflow.A.MORE_INFO, reviewer, "لطفاً روش پیوند با دادهٔ بیمه‌شدگان را روشن کنید.")
    app, new = _application(reza, "ایمنی کار در کارگاه‌های کوچک (نمایشی)", [insp])
    if new:
        workflow.transition(app, workflow.A.SUBMITTED, reza.user)
    app, new = _application(reza, "شناسایی کارفرمایان متخلف (نمایشی)", [insp])
    if new:
        workflow.transition(app, workflow.A.SUBMITTED, reza.user)
        workflow.transition(
            app, workflow.A.REJECTED, reviewer, "هدف طرح شناسایی واحدهاست و با شرایط استفاده سازگار نیست."
        )
    _application(reza, "پیش‌نویس: دستمزد و اندازهٔ کارگاه (نمایشی)", [sso])


def load(context):
    page = child_page(context.home_fa, ResearchersIndexPage, "researchers", show_in_menus=True, **PAGE_FA)
    translate(page, PAGE_EN)
    researchers, staff = ensure_people()
    from django.test.utils import override_settings

    # The demo's notifications would flood the console: they go to a dummy backend.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        ensure_applications(researchers, staff[0])
    states = ", ".join(f"{s}={Application.objects.filter(status=s).count()}" for s in ApplicationStatus.values)
    context.log(f"researchers: applications {states}")
    context.log(f"researchers: demo accounts (password {DEMO_PASSWORD}):")
    for email, *_rest in RESEARCHERS:
        context.log(f"  researcher  {email} / {DEMO_PASSWORD}  (log in at /fa/researchers/login/)")
    for email, _f, _l, group in STAFF:
        context.log(f"  {group:<24} {email} / {DEMO_PASSWORD}  (Wagtail admin at /admin/)")
