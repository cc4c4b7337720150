"""Small builders for the catalog and researchers tests (no demo load needed)."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200  # an executable's first bytes
PASSWORD = "Very-Long-Pass-1405"


def catalog_page(home_fa):
    from catalog.models import CatalogIndexPage
    from core.pages import child_page

    return child_page(home_fa, CatalogIndexPage, "catalog", title="داده‌نما", show_in_menus=True)


def dataset(slug="insured", access="licensed", title_fa="بیمه‌شدگان تأمین اجتماعی", with_file=True, **extra):
    from catalog.models import DataFile, Dataset, Variable

    ds = Dataset.objects.create(
        slug=slug,
        title_fa=title_fa,
        title_en=extra.pop("title_en", "Insured persons"),
        description_fa="شرح ۱۴۰۲",
        topic=extra.pop("topic", "social_security"),
        organisation=extra.pop("organisation", "SSO"),
        unit=extra.pop("unit", "person"),
        time_coverage_start="1398",
        access_level=access,
        **extra,
    )
    Variable.objects.create(dataset=ds, name="wage", label_fa="دستمزد", label_en="Wage")
    Variable.objects.create(dataset=ds, name="pid", label_fa="شناسه", label_en="ID", is_direct_identifier=True)
    ds.save()
    if with_file:
        f = DataFile(dataset=ds, title_fa="فایل", title_en="File", access_level=access, is_demo=True)
        f.file.save(f"{slug}.csv", ContentFile(b"wage\n1\n2\n"), save=False)
        f.save()
    return ds


def user(email="r@example.org", **extra):
    User = get_user_model()
    u = User.objects.create_user(username=email, email=email, password=PASSWORD, **extra)
    return u


def researcher(email="r@example.org", national_id="0013542419", approved=True):
    from researchers.models import Researcher

    u = user(email, first_name="سارا", last_name="احمدی")
    return Researcher.objects.create(
        user=u,
        national_id=national_id,
        mobile="09121234567",
        affiliation="دانشگاه",
        affiliation_type="university",
        degree="phd",
        field="اقتصاد",
        email_verified_at=timezone.now() if approved else None,
        status="approved" if approved else "pending",
    )


def reviewer(email="committee@example.org"):
    from researchers.apps import COMMITTEE_GROUP, ensure_groups

    ensure_groups()
    u = user(email, is_staff=True)
    u.groups.add(Group.objects.get(name=COMMITTEE_GROUP))
    return u


def application(res, ds, submit=True):
    from researchers import workflow
    from researchers.models import Application

    app = Application.objects.create(
        researcher=res,
        title="پژوهش",
        purpose="هدف",
        outputs="مقاله",
        period_from="1399",
        period_to="1402",
        terms_accepted_at=timezone.now(),
    )
    app.datasets.set([ds])
    app.proposal.save("p.pdf", ContentFile(PDF), save=True)
    if submit:
        workflow.transition(app, workflow.A.SUBMITTED, res.user)
    return app


def approve(app, reviewer_user, days=30, limit=2):
    from researchers import workflow

    files = [(f, timezone.now() + dt.timedelta(days=days), limit) for ds in app.datasets.all() for f in ds.files.all()]
    workflow.transition(app, workflow.A.APPROVED, reviewer_user, "ok", files)
    app.refresh_from_db()
    return app.grants.first()
