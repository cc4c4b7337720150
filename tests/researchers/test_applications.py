"""The researchers club: microdata applications and their bad input."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from researchers import workflow
from researchers.models import Application, SecurityEvent
from tests.builders.catalog import ELF, PDF, application, approve, dataset, researcher, reviewer
from tests.researchers.helpers import form_data

pytestmark = pytest.mark.django_db


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
