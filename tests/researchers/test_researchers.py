"""The researchers club: registration and its bad input, the application state
machine, permissions, secure downloads, logs, emails and retention."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from researchers import workflow
from researchers.models import Application, ApplicationEvent, DownloadLog, Researcher, SecurityEvent
from tests.builders.catalog import ELF, PASSWORD, PDF, application, approve, catalog_page, dataset, researcher, reviewer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


def reg_data(**over):
    data = {
        "first_name": "سارا",
        "last_name": "احمدی",
        "national_id": "۰۰۱۳۵۴۲۴۱۹",  # Persian digits are accepted
        "email": "Sara@Example.org",
        "mobile": "+989121234567",
        "affiliation": "دانشگاه تهران",
        "affiliation_type": "university",
        "degree": "phd",
        "field": "اقتصاد",
        "orcid": "0000-0002-1825-0097",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "newsletter": "on",
    }
    data.update(over)
    return data


# --- registration ---------------------------------------------------------------


def test_registration_verifies_email_by_signed_link(client, home_pages):
    r = client.post("/fa/researchers/register/", reg_data())
    assert r.status_code == 302
    res = Researcher.objects.get()
    assert res.national_id == "0013542419" and res.mobile == "09121234567" and res.user.email == "sara@example.org"
    assert res.status == "pending" and not res.email_verified and res.newsletter
    link = re.search(r"https?://\S+/researchers/verify/\S+/", mail.outbox[0].body).group(0)
    # A tampered link is refused and logged.
    r = client.get(link[:-5] + "xxxx/")
    assert r.status_code == 400
    assert SecurityEvent.objects.filter(kind="bad_token").exists()
    r = client.get(link)
    assert r.status_code == 302
    res.refresh_from_db()
    assert res.email_verified


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("national_id", "0013542418", "check digit"),
        ("national_id", "1111111111", "same digit"),
        ("orcid", "0000-0002-1825-0098", "ORCID"),
        ("mobile", "0912123", "mobile"),
        ("password1", "12345678", "password"),
    ],
)
def test_registration_bad_input_is_refused_and_logged(client, home_pages, field, value, message):
    data = reg_data(**{field: value})
    if field == "password1":
        data["password2"] = value
    r = client.post("/en/researchers/register/", data)
    assert r.status_code == 200
    assert message.lower() in r.content.decode().lower()
    assert not Researcher.objects.exists()
    event = SecurityEvent.objects.get()
    assert event.kind == "invalid_registration"
    assert value not in event.detail  # nothing sensitive kept


def test_registration_refusal_speaks_persian(client, home_pages):
    r = client.post("/fa/researchers/register/", reg_data(national_id="0013542418"))
    assert "رقم کنترل" in r.content.decode()


def test_duplicate_registration(client, home_pages):
    # The answer never says "already exists" (test_hostile_enumeration.py); the owner is told by email.
    researcher("first@example.org", national_id="0013542419")
    r = client.post("/en/researchers/register/", reg_data(email="other@example.org"))
    assert r.status_code == 302 and "already exists" not in r.content.decode()
    r = client.post("/en/researchers/register/", reg_data(national_id="0499370899", email="FIRST@example.org"))
    assert r.status_code == 302
    assert Researcher.objects.count() == 1
    assert SecurityEvent.objects.filter(kind="duplicate_registration").count() == 2
    assert [m.to for m in mail.outbox] == [["first@example.org"], ["first@example.org"]]


def test_registration_and_login_are_rate_limited(client, home_pages):
    for i in range(10):
        client.post("/en/researchers/register/", reg_data(national_id="0013542418", email=f"x{i}@example.org"))
    r = client.post("/en/researchers/register/", reg_data())
    assert r.status_code == 429
    for _ in range(10):
        client.post("/en/researchers/login/", {"username": "a@example.org", "password": "wrong"})
    assert client.post("/en/researchers/login/", {"username": "a@example.org", "password": "wrong"}).status_code == 429


def test_forms_require_csrf(home_pages):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/fa/researchers/register/", reg_data()).status_code == 403
    assert strict.post("/fa/researchers/login/", {"username": "a", "password": "b"}).status_code == 403


def test_login_logout_and_password_reset(client, home_pages):
    res = researcher()
    r = client.post("/fa/researchers/login/", {"username": "R@example.org ", "password": PASSWORD})
    assert r.status_code == 302 and r["Location"].endswith("/researchers/account/")
    assert client.get("/fa/researchers/account/").status_code == 200
    client.post("/fa/researchers/logout/")
    assert client.get("/fa/researchers/account/").status_code == 302
    client.post("/en/researchers/password-reset/", {"email": res.user.email})
    link = re.search(r"https?://\S+/password-reset/\S+/\S+/", mail.outbox[-1].body).group(0)
    r = client.get(link, follow=True)
    r = client.post(
        r.redirect_chain[-1][0], {"new_password1": "An0ther-Long-Pass", "new_password2": "An0ther-Long-Pass"}
    )
    assert r.status_code == 302
    assert client.login(username=res.user.username, password="An0ther-Long-Pass")


# --- applications ---------------------------------------------------------------


def form_data(ds, **over):
    data = {
        "title": "اشتغال رسمی",
        "purpose": "هدف",
        "outputs": "مقاله",
        "datasets": [ds.pk],
        "variables": [ds.variables.get(name="wage").pk],
        "period_from": "1399",
        "period_to": "1402-Q4",
        "accept_terms": "on",
        "team-TOTAL_FORMS": "1",
        "team-INITIAL_FORMS": "0",
        "team-MIN_NUM_FORMS": "0",
        "team-MAX_NUM_FORMS": "10",
        "team-0-name": "همکار",
        "team-0-national_id": "0499370899",
        "proposal": SimpleUploadedFile("proposal.pdf", PDF, content_type="application/pdf"),
        "submit": "1",
    }
    data.update(over)
    return data


def test_member_applies_and_submits(client, home_pages):
    res = researcher()
    ds = dataset()
    client.force_login(res.user)
    r = client.post("/fa/researchers/applications/new/", form_data(ds))
    assert r.status_code == 302
    app = Application.objects.get()
    assert app.status == "submitted" and app.team.get().national_id == "0499370899"
    assert app.proposal.path.startswith(str(__import__("django.conf").conf.settings.PRIVATE_ROOT))
    assert list(app.events.values_list("action", flat=True)) == ["created", "submitted"]
    assert mail.outbox[-1].to == [res.user.email]


def test_executable_renamed_to_pdf_is_refused_and_logged(client, home_pages):
    res = researcher()
    ds = dataset()
    client.force_login(res.user)
    upload = SimpleUploadedFile("proposal.pdf", ELF, content_type="application/pdf")
    r = client.post("/en/researchers/applications/new/", form_data(ds, proposal=upload))
    assert r.status_code == 200 and "not a PDF" in r.content.decode()
    assert not Application.objects.exists()
    assert SecurityEvent.objects.filter(kind="bad_upload", detail__startswith="not_pdf").exists()


def test_huge_upload_is_refused(client, home_pages, settings):
    settings.RESEARCHERS_PROPOSAL_MAX_BYTES = 1024
    res = researcher()
    ds = dataset()
    client.force_login(res.user)
    upload = SimpleUploadedFile("proposal.pdf", PDF + b"0" * 2048, content_type="application/pdf")
    r = client.post("/fa/researchers/applications/new/", form_data(ds, proposal=upload))
    assert r.status_code == 200 and not Application.objects.exists()
    assert SecurityEvent.objects.filter(kind="bad_upload", detail__startswith="too_large").exists()


def test_team_member_with_invalid_national_id_is_refused(client, home_pages):
    res = researcher()
    ds = dataset()
    client.force_login(res.user)
    r = client.post("/en/researchers/applications/new/", form_data(ds, **{"team-0-national_id": "0499370898"}))
    assert r.status_code == 200 and not Application.objects.exists()


def test_pending_member_cannot_apply(client, home_pages):
    res = researcher(approved=False)
    client.force_login(res.user)
    assert client.get("/fa/researchers/applications/new/").status_code == 403


def test_state_machine_moves():
    res = researcher()
    ds = dataset()
    rev = reviewer()
    app = application(res, ds, submit=False)
    assert workflow.allowed_actions(app, workflow.APPLICANT) == ["submitted", "withdrawn"]
    with pytest.raises(workflow.InvalidTransition):
        workflow.transition(app, workflow.A.APPROVED, rev, grants=[(ds.files.get(), timezone.now(), 1)])
    workflow.transition(app, workflow.A.SUBMITTED, res.user)
    workflow.transition(app, workflow.A.MORE_INFO, rev, "روش؟")
    assert app.status == "more_info"
    with pytest.raises(workflow.InvalidTransition):
        workflow.transition(app, workflow.A.SUBMITTED, res.user)  # from more_info it is a resubmission
    workflow.transition(app, workflow.A.RESUBMITTED, res.user)
    approve(app, rev)
    assert app.status == "approved"
    for action in (workflow.A.WITHDRAWN, workflow.A.REJECTED, workflow.A.MORE_INFO):
        with pytest.raises(workflow.InvalidTransition):
            workflow.transition(app, action, rev if action != workflow.A.WITHDRAWN else res.user, "x")
    events = list(app.events.values_list("action", "from_status", "to_status"))
    assert events[-1] == ("approved", "submitted", "approved")
    assert all(e.actor_id for e in app.events.exclude(action="created"))
    # every change mailed to the applicant; each (re)submission also to the committee
    to_applicant = [m for m in mail.outbox if m.to == [res.user.email]]
    assert len(to_applicant) == 4 and "MDA-" in to_applicant[-1].subject
    to_committee = [m for m in mail.outbox if m.bcc == ["committee@example.org"]]
    assert len(to_committee) == 2 and f"/admin/researchers/{app.pk}/" in to_committee[0].body


def test_withdraw_and_reject_are_terminal():
    res = researcher()
    ds = dataset()
    rev = reviewer()
    a1 = application(res, ds)
    workflow.transition(a1, workflow.A.WITHDRAWN, res.user)
    a2 = application(res, ds)
    workflow.transition(a2, workflow.A.REJECTED, rev, "دلیل")
    for app in (a1, a2):
        assert workflow.allowed_actions(app, workflow.APPLICANT) == []
        assert workflow.allowed_actions(app, workflow.REVIEWER) == []


def test_applicant_cannot_act_as_reviewer_and_stranger_cannot_withdraw():
    res = researcher()
    other = researcher("o@example.org", national_id="0499370899")
    ds = dataset()
    app = application(res, ds)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        workflow.transition(app, workflow.A.REJECTED, res.user, "no")
    with pytest.raises(PermissionDenied):
        workflow.transition(app, workflow.A.WITHDRAWN, other.user)


def test_expiry_job_expires_approved_applications():
    from researchers.jobs import expire_applications

    res = researcher()
    app = application(res, dataset())
    approve(app, reviewer(), days=10)
    assert expire_applications() == 0
    with time_machine.travel(timezone.now() + dt.timedelta(days=11), tick=False):
        assert expire_applications() == 1
    app.refresh_from_db()
    assert app.status == "expired"
    assert app.events.last().action == "expired" and app.events.last().actor is None


# --- reviewer queue and permissions -------------------------------------------------


def test_reviewer_queue_approve_with_files_expiry_and_limit(client, home_pages):
    res = researcher()
    ds = dataset()
    app = application(res, ds)
    rev = reviewer()
    client.force_login(rev)
    r = client.get("/admin/researchers/")
    assert r.status_code == 200 and app.title in r.content.decode()
    # No personal data for the committee: the national ID is masked.
    html = client.get(f"/admin/researchers/{app.pk}/").content.decode()
    assert "0013542419" not in html and "••••••••19" in html and res.user.email not in html
    f = ds.files.get()
    expires = (timezone.localdate() + dt.timedelta(days=90)).isoformat()
    data = {
        "action": "approve",
        "message": "تأیید",
        "grant-TOTAL_FORMS": "1",
        "grant-INITIAL_FORMS": "1",
        "grant-0-data_file": f.pk,
        "grant-0-grant": "on",
        "grant-0-expires_on": expires,
        "grant-0-download_limit": "2",
    }
    r = client.post(f"/admin/researchers/{app.pk}/", data)
    assert r.status_code == 302
    app.refresh_from_db()
    grant = app.grants.get()
    assert app.status == "approved" and grant.download_limit == 2 and grant.granted_by == rev
    assert grant.expires_at.date().isoformat() == expires


def test_reviewer_rejects_with_reason_and_comments(client, home_pages):
    res = researcher()
    app = application(res, dataset())
    client.force_login(reviewer())
    r = client.post(f"/admin/researchers/{app.pk}/", {"action": "reject", "message": ""})
    assert r.status_code == 200
    app.refresh_from_db()
    assert app.status == "submitted"  # a rejection needs its reason
    client.post(f"/admin/researchers/{app.pk}/", {"action": "comment", "message": "داخلی", "internal": "on"})
    client.post(f"/admin/researchers/{app.pk}/", {"action": "reject", "message": "دلیل رد"})
    app.refresh_from_db()
    assert app.status == "rejected"
    assert "دلیل رد" in mail.outbox[-1].body
    assert all("داخلی" not in m.body for m in mail.outbox)  # internal comments stay inside
    client.force_login(res.user)
    assert "داخلی" not in client.get(f"/fa/researchers/applications/{app.pk}/").content.decode()


def test_reviewer_without_permission_is_refused_and_logged(client, home_pages):
    from django.contrib.auth.models import Permission

    res = researcher()
    app = application(res, dataset())
    staff = researcher("staff@example.org", national_id="0499370899").user
    staff.is_staff = True
    staff.save()
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    r = client.post(f"/admin/researchers/{app.pk}/", {"action": "reject", "message": "x"})
    assert r.status_code in (302, 403)
    app.refresh_from_db()
    assert app.status == "submitted"
    assert SecurityEvent.objects.filter(kind="no_permission", user=staff).exists()
    # A committee member never decides on their own application.
    from django.contrib.auth.models import Group
    from django.core.exceptions import PermissionDenied

    from researchers.apps import COMMITTEE_GROUP

    member = researcher("rr@example.org", national_id="1234567891")
    member.user.groups.add(Group.objects.get(name=COMMITTEE_GROUP))
    own = application(member, dataset("other"))
    with pytest.raises(PermissionDenied):
        workflow.transition(own, workflow.A.REJECTED, member.user, "x")


def test_personal_data_visible_only_with_permission(client, home_pages):
    from django.contrib.auth.models import Group

    from researchers.apps import OFFICE_GROUP

    res = researcher()
    office = reviewer("office@example.org")
    client.force_login(office)
    r = client.get("/admin/researchers/members/?status=all")
    assert r.status_code in (302, 403)  # committee only: no member list
    office.groups.add(Group.objects.get(name=OFFICE_GROUP))
    html = client.get("/admin/researchers/members/?status=all").content.decode()
    assert "0013542419" in html and res.user.email in html
    # approve membership → emailed
    res.status = "pending"
    res.save()
    client.post(f"/admin/researchers/members/{res.pk}/decide/", {"decision": "approve"})
    res.refresh_from_db()
    assert res.status == "approved" and res.decided_by == office


# --- downloads -----------------------------------------------------------------------


@pytest.fixture
def granted(home_pages):
    res = researcher()
    app = application(res, dataset())
    grant = approve(app, reviewer(), days=30, limit=2)
    return res, grant


def test_download_within_limit_then_refused(client, granted):
    res, grant = granted
    client.force_login(res.user)
    url = f"/fa/researchers/downloads/{grant.token}/"
    for _ in range(2):
        r = client.get(url, REMOTE_ADDR="10.1.2.3")
        assert r.status_code == 200 and b"".join(r.streaming_content) == b"wage\n1\n2\n"
        assert "attachment" in r["Content-Disposition"] and r["Cache-Control"] == "private, no-store"
    r = client.get(url)
    assert r.status_code == 429 and b"wage" not in r.content
    assert "از همهٔ دفعات دریافت مجاز" in r.content.decode()  # said in the user's language
    logs = list(DownloadLog.objects.order_by("pk").values_list("succeeded", "reason", "ip"))
    assert logs[:2] == [(True, "ok", "10.1.2.3")] * 2 and logs[2][:2] == (False, "limit")
    html = client.get("/en/researchers/account/").content.decode()
    assert "0 / 2" in html or "۰ / ۲" in html


def test_forged_and_foreign_links_are_refused_and_logged(client, granted):
    res, grant = granted
    client.force_login(res.user)
    r = client.get(f"/fa/researchers/downloads/{grant.token[:-2]}xx/")
    assert r.status_code == 404
    other = researcher("o@example.org", national_id="0499370899")
    client.force_login(other.user)
    r = client.get(f"/fa/researchers/downloads/{grant.token}/")
    assert r.status_code == 404 and b"wage" not in r.content
    client.logout()
    r = client.get(f"/fa/researchers/downloads/{grant.token}/")
    assert r.status_code == 302
    reasons = list(DownloadLog.objects.order_by("pk").values_list("reason", flat=True))
    assert reasons == ["unknown", "not_owner", "anonymous"]
    assert not DownloadLog.objects.filter(succeeded=True).exists()


def test_expired_grant_is_refused(client, granted):
    res, grant = granted
    client.force_login(res.user)
    # The grant's minute has passed (the expiry job has not run yet).
    type(grant).objects.filter(pk=grant.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    r = client.get(f"/en/researchers/downloads/{grant.token}/")
    assert r.status_code == 403 and "expired" in r.content.decode()
    assert DownloadLog.objects.get().reason == "expired"


def test_microdata_never_on_a_public_page(client, granted, home_pages):
    _res, grant = granted
    catalog_page(home_pages[0])
    for url in ["/fa/", "/fa/catalog/", "/fa/catalog/insured/", "/fa/catalog/dcat/", "/fa/catalog/insured/dcat/"]:
        body = client.get(url).content.decode()
        assert grant.token not in body and "wage\n1" not in body and str(grant.data_file.uuid) not in body


# --- retention ---------------------------------------------------------------------------


def test_retention_anonymises_rejected_and_inactive_accounts(settings):
    settings.RESEARCHERS_RETENTION_MONTHS = 6
    old = timezone.now() - dt.timedelta(days=400)
    rejected = researcher("rej@example.org", national_id="0499370899")
    Researcher.objects.filter(pk=rejected.pk).update(status="rejected", decided_at=old)
    inactive = researcher("idle@example.org", national_id="1234567891")
    Researcher.objects.filter(pk=inactive.pk).update(created_at=old)
    active = researcher("act@example.org", national_id="0013542419")
    Researcher.objects.filter(pk=active.pk).update(created_at=old)
    active.user.last_login = timezone.now()
    active.user.save()
    call_command("anonymise_researchers", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for r in (rejected, inactive):
        r.refresh_from_db()
        r.user.refresh_from_db()
        assert r.anonymised_at and r.national_id is None and r.user.email == "" and not r.user.is_active
    active.refresh_from_db()
    assert active.anonymised_at is None and active.national_id == "0013542419"
    assert ApplicationEvent.objects.count() == 0  # nothing else touched


def test_more_information_then_edit_and_resubmit(client, home_pages):
    res = researcher()
    ds = dataset()
    app = application(res, ds)
    workflow.transition(app, workflow.A.MORE_INFO, reviewer(), "روش تلفیق را بنویسید")
    client.force_login(res.user)
    page = client.get(f"/fa/researchers/applications/{app.pk}/edit/")
    # The stored proposal is named, never linked (private storage has no URL).
    assert page.status_code == 200 and "private-file-current" in page.content.decode()
    data = form_data(ds, merge_with_other_data="on", merge_description="با دادهٔ بیمهٔ بیکاری")
    data.pop("proposal")  # keep the stored one
    data.update({"team-TOTAL_FORMS": "0"})
    r = client.post(f"/fa/researchers/applications/{app.pk}/edit/", data)
    assert r.status_code == 302
    app.refresh_from_db()
    assert app.status == "submitted" and app.merge_with_other_data
    assert list(app.events.values_list("action", flat=True))[-2:] == ["more_info", "resubmitted"]


def test_proposal_only_for_applicant_and_reviewers(client, home_pages):
    res = researcher()
    app = application(res, dataset())
    other = researcher("o@example.org", national_id="0499370899")
    client.force_login(other.user)
    assert client.get(f"/fa/researchers/applications/{app.pk}/proposal.pdf").status_code == 404
    assert client.get(f"/fa/researchers/applications/{app.pk}/").status_code == 404
    assert SecurityEvent.objects.filter(kind="no_permission", user=other.user).exists()
    client.force_login(reviewer())
    r = client.get(f"/fa/researchers/applications/{app.pk}/proposal.pdf")
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"%PDF-")


def test_public_use_files_only_for_members(client, home_pages):
    ds = dataset("pensioners", access="public_use")
    f = ds.files.get()
    url = f"/en/researchers/files/{f.uuid}/"
    assert client.get(url).status_code == 302  # to the login page
    pending = researcher(approved=False)
    client.force_login(pending.user)
    assert client.get(url).status_code == 403
    client.force_login(researcher("m@example.org", national_id="0499370899").user)
    assert client.get(url).status_code == 200
    assert list(DownloadLog.objects.order_by("pk").values_list("reason", flat=True)) == [
        "anonymous",
        "not_member",
        "ok",
    ]


def test_catalog_editing_pages_in_the_admin(admin_client, home_pages):
    ds = dataset()
    f = ds.files.get()
    for url in [
        "/admin/snippets/catalog/dataset/",
        f"/admin/snippets/catalog/dataset/edit/{ds.pk}/",
        f"/admin/snippets/catalog/datafile/edit/{f.pk}/",
        "/django-admin/catalog/dataset/import/",
        "/admin/researchers/",
        "/admin/researchers/members/",
    ]:
        r = admin_client.get(url)
        assert r.status_code == 200, url


def test_huge_request_is_refused_before_it_is_read(client, home_pages, settings):
    settings.RESEARCHERS_PROPOSAL_MAX_BYTES = 1024
    res = researcher()
    ds = dataset()
    client.force_login(res.user)
    big = SimpleUploadedFile("proposal.pdf", PDF + b"0" * (2 * 1024 * 1024), content_type="application/pdf")
    r = client.post("/fa/researchers/applications/new/", form_data(ds, proposal=big))
    assert r.status_code == 413 and "حداکثر" in r.content.decode()
    assert not Application.objects.exists()
    assert SecurityEvent.objects.filter(kind="bad_upload", detail__startswith="too_large").exists()


def test_applicant_withdraws_from_the_page(client, home_pages):
    res = researcher()
    app = application(res, dataset())
    client.force_login(res.user)
    r = client.post(f"/en/researchers/applications/{app.pk}/action/", {"action": "withdrawn"})
    assert r.status_code == 302
    app.refresh_from_db()
    assert app.status == "withdrawn"
    r = client.post(f"/en/researchers/applications/{app.pk}/action/", {"action": "withdrawn"}, follow=True)
    assert "can no longer be withdrawn" in r.content.decode()
    # an applicant cannot approve their own application through the action URL
    assert client.post(f"/en/researchers/applications/{app.pk}/action/", {"action": "approved"}).status_code == 403
