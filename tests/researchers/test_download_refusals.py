"""Every way a granted download is refused: its status, its message in the
visitor's language, and the log row that says exactly why and for which grant
(the committee reads these rows; a refusal logged without its grant or with the
wrong reason hides who tried what)."""

import pytest
from django.utils import timezone

from researchers.enums import ApplicationStatus, MembershipStatus
from researchers.models import DownloadLog
from tests.builders.catalog import researcher

pytestmark = pytest.mark.django_db


def revoke(grant):
    type(grant).objects.filter(pk=grant.pk).update(revoked_at=timezone.now())


def application_status(status):
    def apply(grant):
        type(grant.application).objects.filter(pk=grant.application.pk).update(status=status)

    return apply


def membership(status):
    def apply(grant):
        type(grant.application.researcher).objects.filter(pk=grant.application.researcher.pk).update(status=status)

    return apply


def lose_file(grant):
    grant.data_file.file.storage.delete(grant.data_file.file.name)


REFUSALS = [
    (revoke, 403, "revoked", "Access to this file was withdrawn."),
    (application_status(ApplicationStatus.EXPIRED), 403, "expired", "Your access to this file has expired."),
    (
        application_status(ApplicationStatus.WITHDRAWN),
        403,
        "not_approved",
        "The application behind this link is not approved.",
    ),
    (
        membership(MembershipStatus.REJECTED),
        403,
        "not_member",
        "This file is for approved members of the researchers club.",
    ),
    (lose_file, 503, "missing", "The file is not available right now; please tell the data team."),
]


@pytest.mark.parametrize(("breaks", "status", "reason", "message"), REFUSALS, ids=[r[2] for r in REFUSALS])
def test_each_refusal_says_why_and_logs_its_reason_and_grant(client, granted, breaks, status, reason, message):
    res, grant = granted
    breaks(grant)
    client.force_login(res.user)
    response = client.get(f"/en/researchers/downloads/{grant.token}/", HTTP_USER_AGENT="probe/1")
    assert response.status_code == status
    assert message in response.content.decode() and b"wage" not in response.content
    log = DownloadLog.objects.get()
    assert (log.reason, log.succeeded, log.grant_id, log.data_file_id, log.user_id) == (
        reason,
        False,
        grant.pk,
        grant.data_file_id,
        res.user.pk,
    )
    assert log.user_agent == "probe/1" and log.path == f"/en/researchers/downloads/{grant.token}/"


def test_a_refusal_speaks_persian_on_the_persian_site(client, granted):
    res, grant = granted
    revoke(grant)
    client.force_login(res.user)
    response = client.get(f"/fa/researchers/downloads/{grant.token}/")
    assert response.status_code == 403 and "دسترسی به این فایل لغو شده است." in response.content.decode()


def test_someone_elses_link_is_logged_against_that_grant(client, granted):
    _res, grant = granted
    client.force_login(researcher("o@example.org", national_id="0499370899").user)
    assert client.get(f"/fa/researchers/downloads/{grant.token}/").status_code == 404
    log = DownloadLog.objects.get()
    assert (log.reason, log.grant_id, log.data_file_id) == ("not_owner", grant.pk, grant.data_file_id)
