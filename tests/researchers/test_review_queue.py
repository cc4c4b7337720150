"""The researchers club: the reviewers' queue and its permissions."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from researchers import workflow
from researchers.models import SecurityEvent
from tests.builders.catalog import application, dataset, researcher, reviewer

pytestmark = pytest.mark.django_db


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
